-- A counter of every committed change to what public pages show, so a rendered page can be
-- reused for as long as the counter (read before the page's data) has not moved. Triggers keep
-- it in the same transaction as each change, whoever makes it (the server, the CLI, SQL by hand).
-- SQLite has one writer at a time, so one row serves.
CREATE TABLE content_version (
    shard BIGINT PRIMARY KEY NOT NULL,
    changes BIGINT NOT NULL DEFAULT 0
);
INSERT INTO content_version (shard, changes) VALUES (0, 0);
CREATE TRIGGER users_content_insert AFTER INSERT ON users BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER users_content_update AFTER UPDATE ON users BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER users_content_delete AFTER DELETE ON users BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER statuses_content_insert AFTER INSERT ON statuses BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER statuses_content_update AFTER UPDATE ON statuses BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER statuses_content_delete AFTER DELETE ON statuses BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER tags_content_insert AFTER INSERT ON tags BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER tags_content_update AFTER UPDATE ON tags BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER tags_content_delete AFTER DELETE ON tags BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER ideas_content_insert AFTER INSERT ON ideas BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER ideas_content_update AFTER UPDATE ON ideas BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER ideas_content_delete AFTER DELETE ON ideas BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER idea_tags_content_insert AFTER INSERT ON idea_tags BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER idea_tags_content_update AFTER UPDATE ON idea_tags BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER idea_tags_content_delete AFTER DELETE ON idea_tags BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER votes_content_insert AFTER INSERT ON votes BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER votes_content_update AFTER UPDATE ON votes BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER votes_content_delete AFTER DELETE ON votes BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER comments_content_insert AFTER INSERT ON comments BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER comments_content_update AFTER UPDATE ON comments BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER comments_content_delete AFTER DELETE ON comments BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER merges_content_insert AFTER INSERT ON merges BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER merges_content_update AFTER UPDATE ON merges BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER merges_content_delete AFTER DELETE ON merges BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER merge_items_content_insert AFTER INSERT ON merge_items BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER merge_items_content_update AFTER UPDATE ON merge_items BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER merge_items_content_delete AFTER DELETE ON merge_items BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER status_changes_content_insert AFTER INSERT ON status_changes BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER status_changes_content_update AFTER UPDATE ON status_changes BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER status_changes_content_delete AFTER DELETE ON status_changes BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER settings_content_insert AFTER INSERT ON settings BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER settings_content_update AFTER UPDATE ON settings BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER settings_content_delete AFTER DELETE ON settings BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
