-- Every ranked order ends in `number`, so each list and export order is exactly an index order
-- (no sort step, and keyset pages start where the previous one ended).
DROP INDEX ideas_popular;
DROP INDEX ideas_top;
DROP INDEX ideas_new;
DROP INDEX ideas_discussed;
DROP INDEX ideas_status_popular;
CREATE INDEX ideas_popular ON ideas (popular_key DESC, created_at DESC, number DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_top ON ideas (score DESC, created_at DESC, number DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_new ON ideas (created_at DESC, number DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_discussed ON ideas (comment_count DESC, created_at DESC, number DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_status_popular ON ideas (status_id, popular_key DESC, created_at DESC, number DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
-- Ideas merged into a given idea (export's merged_count, the idea page's "merged here").
CREATE INDEX ideas_merged_into ON ideas (merged_into_id) WHERE merged_into_id IS NOT NULL;
-- An idea's latest vote without reading the vote rows (export's last_activity_at, trending).
CREATE INDEX votes_idea_activity ON votes (idea_id, updated_at, value);
