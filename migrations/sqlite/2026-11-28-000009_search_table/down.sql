-- Nothing changes on SQLite: its full-text search has been a table of its own (ideas_fts, FTS5)
-- from the start. PostgreSQL's moves to one in this migration.
SELECT 1;
