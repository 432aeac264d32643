ALTER TABLE outbox DROP COLUMN list_unsubscribe;
DROP TABLE settings;
DROP TABLE digest_items;
DROP TABLE notification_preferences;
DROP TABLE status_changes;
