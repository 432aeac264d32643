-- The product-feedback pipeline: every status change with its public note, per-person
-- notification preferences, site settings (the unsubscribe-link signing key), and unsubscribe
-- headers on queued mail.
CREATE TABLE status_changes (
    id TEXT PRIMARY KEY NOT NULL,
    idea_id TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    from_status_id TEXT NOT NULL REFERENCES statuses (id),
    to_status_id TEXT NOT NULL REFERENCES statuses (id),
    note TEXT NOT NULL,
    note_html TEXT NOT NULL,
    -- Empty for changes Ideaboard makes itself (auto-archive).
    actor_id TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX status_changes_idea ON status_changes (idea_id, created_at);
CREATE INDEX status_changes_recent ON status_changes (created_at);

CREATE TABLE notification_preferences (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status_changes TEXT NOT NULL DEFAULT 'instant' CHECK (status_changes IN ('off', 'instant', 'digest')),
    comments TEXT NOT NULL DEFAULT 'digest' CHECK (comments IN ('off', 'instant', 'digest')),
    replies TEXT NOT NULL DEFAULT 'instant' CHECK (replies IN ('off', 'instant', 'digest')),
    merges TEXT NOT NULL DEFAULT 'instant' CHECK (merges IN ('off', 'instant', 'digest'))
);

-- Notifications waiting for a person's daily digest.
CREATE TABLE digest_items (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    line TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    UNIQUE (event_key, user_id)
);
CREATE INDEX digest_items_pending ON digest_items (sent_at, user_id);

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
