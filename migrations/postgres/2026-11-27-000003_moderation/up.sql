-- Moderation: lossless merges with a record of exactly what moved, flags, and the audit log.
-- No foreign key: SQLite cannot drop a column that has one, and down.sql must revert.
ALTER TABLE comments ADD COLUMN merged_from_idea_id TEXT;

CREATE TABLE merges (
    id TEXT PRIMARY KEY NOT NULL,
    source_id TEXT NOT NULL REFERENCES ideas (id),
    target_id TEXT NOT NULL REFERENCES ideas (id),
    actor_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    undone_at TIMESTAMP,
    undone_by TEXT REFERENCES users (id)
);
CREATE INDEX merges_source ON merges (source_id, created_at);
CREATE INDEX merges_target ON merges (target_id);

-- One row per thing the merge changed: 'moved_vote' and 'dropped_vote' keep the whole vote as it
-- was (so unmerge can restore it exactly), 'moved_comment', 'added_tag', 'added_subscription'
-- name what was added to the target.
CREATE TABLE merge_items (
    merge_id TEXT NOT NULL REFERENCES merges (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('moved_vote', 'dropped_vote', 'moved_comment', 'added_tag', 'added_subscription')),
    ref_id TEXT NOT NULL,
    user_id TEXT,
    value BIGINT,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY (merge_id, kind, ref_id)
);

CREATE TABLE flags (
    id TEXT PRIMARY KEY NOT NULL,
    idea_id TEXT REFERENCES ideas (id) ON DELETE CASCADE,
    comment_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    resolution TEXT CHECK (resolution IN ('dismissed', 'hidden')),
    resolved_by TEXT REFERENCES users (id),
    CHECK ((idea_id IS NULL) <> (comment_id IS NULL))
);
CREATE UNIQUE INDEX flags_once_per_idea ON flags (user_id, idea_id) WHERE idea_id IS NOT NULL;
CREATE UNIQUE INDEX flags_once_per_comment ON flags (user_id, comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX flags_open ON flags (resolved_at, created_at);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    actor_id TEXT NOT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    subject_label TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_recent ON audit_log (created_at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, created_at);
CREATE INDEX audit_log_action ON audit_log (action, created_at);
