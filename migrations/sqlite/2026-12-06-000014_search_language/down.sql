DROP TRIGGER ideas_fts_update;
DROP TRIGGER ideas_fts_delete;
DROP TRIGGER ideas_fts_insert;
DROP TABLE ideas_fts;
DELETE FROM settings WHERE key = 'search_language';
CREATE VIRTUAL TABLE ideas_fts USING fts5(title, body, content='ideas', content_rowid='rowid', tokenize='porter unicode61');
INSERT INTO ideas_fts (ideas_fts) VALUES ('rebuild');
CREATE TRIGGER ideas_fts_insert AFTER INSERT ON ideas BEGIN
    INSERT INTO ideas_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER ideas_fts_delete AFTER DELETE ON ideas BEGIN
    INSERT INTO ideas_fts (ideas_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER ideas_fts_update AFTER UPDATE OF title, body ON ideas BEGIN
    INSERT INTO ideas_fts (ideas_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO ideas_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
