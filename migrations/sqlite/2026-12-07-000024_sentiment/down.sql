DELETE FROM settings WHERE key = 'rescore_pending';
ALTER TABLE comments DROP COLUMN sentiment_label;
ALTER TABLE comments DROP COLUMN sentiment_score;
ALTER TABLE ideas DROP COLUMN sentiment_label;
ALTER TABLE ideas DROP COLUMN sentiment_score;
