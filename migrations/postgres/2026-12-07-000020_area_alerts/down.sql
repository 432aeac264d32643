ALTER TABLE notification_preferences DROP COLUMN weekly_summary;
ALTER TABLE notification_preferences DROP COLUMN area_ideas;
DROP TABLE area_alerts;
