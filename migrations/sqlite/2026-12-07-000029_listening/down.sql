-- SQLite cannot drop a column that is a foreign key: watch_matches is rebuilt without it.
DROP INDEX watch_matches_entry;
DELETE FROM watch_matches WHERE entry_id IS NOT NULL;
CREATE TABLE watch_matches_before (
    watch_id TEXT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    idea_id TEXT REFERENCES ideas (id) ON DELETE CASCADE,
    comment_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
    passage TEXT NOT NULL,
    term_start INTEGER NOT NULL,
    term_end INTEGER NOT NULL,
    matched_at TIMESTAMP NOT NULL,
    PRIMARY KEY (watch_id, item_key)
);
INSERT INTO watch_matches_before
    SELECT watch_id, item_key, idea_id, comment_id, passage, term_start, term_end, matched_at
    FROM watch_matches;
DROP TABLE watch_matches;
ALTER TABLE watch_matches_before RENAME TO watch_matches;
CREATE INDEX watch_matches_recent ON watch_matches (watch_id, matched_at);
CREATE INDEX watch_matches_item ON watch_matches (item_key);
CREATE INDEX watch_matches_idea ON watch_matches (idea_id);
CREATE INDEX watch_matches_comment ON watch_matches (comment_id);
DROP TABLE listening_entries;
DROP TABLE listening_feeds;
