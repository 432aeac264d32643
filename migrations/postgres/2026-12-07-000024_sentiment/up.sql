-- The sentiment of each idea (title and body) and comment: a score in [-1, 1] and its label
-- ('negative', 'neutral', 'positive'), written with the text. Existing rows are scored by the
-- first program to start after this migration (the `rescore_pending` setting), as SQL cannot.
ALTER TABLE ideas ADD COLUMN sentiment_score DOUBLE PRECISION NULL;
ALTER TABLE ideas ADD COLUMN sentiment_label TEXT NULL;
ALTER TABLE comments ADD COLUMN sentiment_score DOUBLE PRECISION NULL;
ALTER TABLE comments ADD COLUMN sentiment_label TEXT NULL;
INSERT INTO settings (key, value) VALUES ('rescore_pending', 'sentiment columns added');
