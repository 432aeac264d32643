-- The language the full-text index stems in (SEARCH_LANGUAGE), the setting `search_language`: the
-- index is built in it, new ideas are indexed in it, and `ideaboard reindex` changes it and builds
-- the index again.
INSERT INTO settings (key, value) VALUES ('search_language', 'english');

-- FTS5's Porter tokenizer stems English only. The index now holds the stems of each text in the
-- index's language (Snowball, as PostgreSQL's configurations), computed by the function
-- `ideaboard_search_text` that the server registers on each connection; a search stems its words
-- the same way. Contentless: the stems are not the text, so FTS5 keeps no copy to read back.
DROP TRIGGER ideas_fts_update;
DROP TRIGGER ideas_fts_delete;
DROP TRIGGER ideas_fts_insert;
DROP TABLE ideas_fts;
CREATE VIRTUAL TABLE ideas_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61');
INSERT INTO ideas_fts (rowid, title, body)
SELECT rowid, ideaboard_search_text('english', title), ideaboard_search_text('english', body) FROM ideas;
CREATE TRIGGER ideas_fts_insert AFTER INSERT ON ideas BEGIN
    INSERT INTO ideas_fts (rowid, title, body) VALUES (
        new.rowid,
        ideaboard_search_text(COALESCE((SELECT value FROM settings WHERE key = 'search_language'), 'english'), new.title),
        ideaboard_search_text(COALESCE((SELECT value FROM settings WHERE key = 'search_language'), 'english'), new.body));
END;
CREATE TRIGGER ideas_fts_delete AFTER DELETE ON ideas BEGIN
    DELETE FROM ideas_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER ideas_fts_update AFTER UPDATE OF title, body ON ideas BEGIN
    DELETE FROM ideas_fts WHERE rowid = old.rowid;
    INSERT INTO ideas_fts (rowid, title, body) VALUES (
        new.rowid,
        ideaboard_search_text(COALESCE((SELECT value FROM settings WHERE key = 'search_language'), 'english'), new.title),
        ideaboard_search_text(COALESCE((SELECT value FROM settings WHERE key = 'search_language'), 'english'), new.body));
END;
