DROP TRIGGER storms_content ON storms;
ALTER TABLE notification_preferences DROP COLUMN storms;
DROP INDEX ideas_storm;
ALTER TABLE ideas DROP COLUMN storm_id;
DROP TABLE storms;
