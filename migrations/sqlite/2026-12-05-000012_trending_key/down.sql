DELETE FROM settings WHERE key = 'rerank_pending';
DROP INDEX ideas_status_trending;
DROP INDEX ideas_trending;
ALTER TABLE ideas DROP COLUMN trending_key;
ALTER TABLE ideas DROP COLUMN trend_down_log;
ALTER TABLE ideas DROP COLUMN trend_up_log;
