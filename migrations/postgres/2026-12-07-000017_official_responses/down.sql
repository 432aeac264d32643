DROP INDEX ideas_unanswered_area;
DROP INDEX ideas_unanswered;
ALTER TABLE ideas DROP COLUMN first_response_at;
ALTER TABLE comments DROP COLUMN official;
