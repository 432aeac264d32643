DROP TRIGGER IF EXISTS ideas_funnel_insert;
DROP TRIGGER IF EXISTS ideas_funnel_delete;
DROP TRIGGER IF EXISTS ideas_funnel_update;
DROP INDEX ideas_unanswered_sentiment;
DROP INDEX ideas_implemented;
DROP TABLE funnel_times;
ALTER TABLE ideas DROP COLUMN implemented_at;
ALTER TABLE ideas DROP COLUMN planned_at;
