-- A counter of every committed change to what public pages show, so a rendered page can be
-- reused for as long as the counter (read before the page's data) has not moved. Triggers keep
-- it in the same transaction as each change, whoever makes it (the server, the CLI, SQL by hand).
-- Concurrent writers would queue on one row, so the counter is 32 rows and a transaction bumps
-- the row of its own backend (always the same row for one transaction: no lock-order deadlock);
-- the version is their sum.
CREATE TABLE content_version (
    shard BIGINT PRIMARY KEY NOT NULL,
    changes BIGINT NOT NULL DEFAULT 0
);
INSERT INTO content_version (shard, changes) SELECT s, 0 FROM generate_series(0, 31) AS s;

CREATE FUNCTION content_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = pg_backend_pid() % 32;
    RETURN NULL;
END $$;
CREATE TRIGGER users_content AFTER INSERT OR UPDATE OR DELETE ON users
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER statuses_content AFTER INSERT OR UPDATE OR DELETE ON statuses
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER tags_content AFTER INSERT OR UPDATE OR DELETE ON tags
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER ideas_content AFTER INSERT OR UPDATE OR DELETE ON ideas
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER idea_tags_content AFTER INSERT OR UPDATE OR DELETE ON idea_tags
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER votes_content AFTER INSERT OR UPDATE OR DELETE ON votes
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER comments_content AFTER INSERT OR UPDATE OR DELETE ON comments
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER merges_content AFTER INSERT OR UPDATE OR DELETE ON merges
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER merge_items_content AFTER INSERT OR UPDATE OR DELETE ON merge_items
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER status_changes_content AFTER INSERT OR UPDATE OR DELETE ON status_changes
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER settings_content AFTER INSERT OR UPDATE OR DELETE ON settings
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
