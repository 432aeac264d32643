DROP TRIGGER storms_content_delete;
DROP TRIGGER storms_content_update;
DROP TRIGGER storms_content_insert;
ALTER TABLE notification_preferences DROP COLUMN storms;
DROP INDEX ideas_storm;
ALTER TABLE ideas DROP COLUMN storm_id;
DROP TABLE storms;
