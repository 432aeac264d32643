DROP INDEX watch_matches_entry;
ALTER TABLE watch_matches DROP COLUMN entry_id;
DROP TABLE listening_entries;
DROP TABLE listening_feeds;
