-- `trending` as a stored key kept in the vote transaction, like `popular`: the same formula with a
-- one-day half-life (`ranking::TRENDING_HALF_LIFE`), two log-space accumulators and the key.
ALTER TABLE ideas ADD COLUMN trend_up_log DOUBLE PRECISION NULL;
ALTER TABLE ideas ADD COLUMN trend_down_log DOUBLE PRECISION NULL;
ALTER TABLE ideas ADD COLUMN trending_key DOUBLE PRECISION NOT NULL DEFAULT 0;
CREATE INDEX ideas_trending ON ideas (trending_key DESC, created_at DESC, number DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_status_trending ON ideas (status_id, trending_key DESC, created_at DESC, number DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
-- The keys of ideas voted on before this migration are computed from their votes by the program
-- once it starts (`maintenance::finish_data_migrations`), which removes this marker.
INSERT INTO settings (key, value) VALUES ('rerank_pending', 'trending_key');
