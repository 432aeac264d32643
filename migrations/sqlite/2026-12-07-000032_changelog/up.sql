-- Ideas in action: release notes product staff publish, each naming the ideas it delivers. A note
-- sets no status by itself (the service may, in the same step); each person who cared about a
-- linked idea hears of the note once, under the preference `releases`.
CREATE TABLE release_notes (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- The day it shipped, YYYY-MM-DD.
    released_on TEXT NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX release_notes_newest ON release_notes (released_on, created_at);
CREATE TABLE release_note_ideas (
    note_id TEXT NOT NULL REFERENCES release_notes (id) ON DELETE CASCADE,
    idea_id TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    PRIMARY KEY (note_id, idea_id)
);
CREATE INDEX release_note_ideas_idea ON release_note_ideas (idea_id);
ALTER TABLE notification_preferences ADD COLUMN releases TEXT NOT NULL DEFAULT 'instant';
CREATE TRIGGER release_notes_content_insert AFTER INSERT ON release_notes BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER release_notes_content_update AFTER UPDATE ON release_notes BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER release_notes_content_delete AFTER DELETE ON release_notes BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER release_note_ideas_content_insert AFTER INSERT ON release_note_ideas BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER release_note_ideas_content_update AFTER UPDATE ON release_note_ideas BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER release_note_ideas_content_delete AFTER DELETE ON release_note_ideas BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
