-- Product areas: segments of the board that admins define, each owned by staff accounts (IdeaStorm's
-- "Idea Partners"). An idea belongs to at most one area. `names` holds the name per language, as for
-- statuses and tags; `description` is Markdown, `description_html` its sanitised rendering.
CREATE TABLE areas (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    names TEXT NOT NULL DEFAULT '{}',
    description TEXT NOT NULL DEFAULT '',
    description_html TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE area_owners (
    area_id TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (area_id, user_id)
);
ALTER TABLE ideas ADD COLUMN area_id TEXT REFERENCES areas (id);
CREATE INDEX ideas_area ON ideas (area_id) WHERE area_id IS NOT NULL;
CREATE TRIGGER areas_content_insert AFTER INSERT ON areas BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER areas_content_update AFTER UPDATE ON areas BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER areas_content_delete AFTER DELETE ON areas BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
