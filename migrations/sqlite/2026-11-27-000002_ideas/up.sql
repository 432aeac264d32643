-- Ideas with their statuses and tags, one vote per person per idea, comments with one level of
-- replies, subscriptions. Counters and rank keys are kept by the services in the vote's or
-- comment's own transaction; `ideaboard check` recounts them.
CREATE TABLE statuses (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('open', 'active', 'completed', 'declined', 'closed')),
    on_roadmap BOOLEAN NOT NULL DEFAULT FALSE,
    voting_frozen BOOLEAN NOT NULL DEFAULT FALSE,
    retired_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

INSERT INTO statuses (id, slug, name, color, position, kind, on_roadmap, voting_frozen, created_at) VALUES
    ('019ac5a0-0000-7000-8000-000000000001', 'open', 'Open', '#52606d', 1, 'open', FALSE, FALSE, '2026-11-27 00:00:00'),
    ('019ac5a0-0000-7000-8000-000000000002', 'under-review', 'Under review', '#b7791f', 2, 'active', TRUE, FALSE, '2026-11-27 00:00:00'),
    ('019ac5a0-0000-7000-8000-000000000003', 'planned', 'Planned', '#2b6cb0', 3, 'active', TRUE, FALSE, '2026-11-27 00:00:00'),
    ('019ac5a0-0000-7000-8000-000000000004', 'in-progress', 'In progress', '#6b46c1', 4, 'active', TRUE, FALSE, '2026-11-27 00:00:00'),
    ('019ac5a0-0000-7000-8000-000000000005', 'implemented', 'Implemented', '#2f855a', 5, 'completed', TRUE, TRUE, '2026-11-27 00:00:00'),
    ('019ac5a0-0000-7000-8000-000000000006', 'partially-implemented', 'Partially implemented', '#38a169', 6, 'completed', FALSE, TRUE, '2026-11-27 00:00:00'),
    ('019ac5a0-0000-7000-8000-000000000007', 'not-planned', 'Not planned', '#c53030', 7, 'declined', FALSE, TRUE, '2026-11-27 00:00:00'),
    ('019ac5a0-0000-7000-8000-000000000008', 'archived', 'Archived', '#718096', 8, 'closed', FALSE, TRUE, '2026-11-27 00:00:00');

CREATE TABLE tags (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE ideas (
    id TEXT PRIMARY KEY NOT NULL,
    number BIGINT NOT NULL UNIQUE,
    author_id TEXT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    status_id TEXT NOT NULL REFERENCES statuses (id),
    upvotes BIGINT NOT NULL DEFAULT 0,
    downvotes BIGINT NOT NULL DEFAULT 0,
    score BIGINT NOT NULL DEFAULT 0,
    comment_count BIGINT NOT NULL DEFAULT 0,
    up_log DOUBLE PRECISION,
    down_log DOUBLE PRECISION,
    popular_key DOUBLE PRECISION NOT NULL DEFAULT 0,
    merged_into_id TEXT REFERENCES ideas (id),
    hidden_at TIMESTAMP,
    locked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP
);
CREATE INDEX ideas_author ON ideas (author_id);
CREATE INDEX ideas_popular ON ideas (popular_key DESC, created_at DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_top ON ideas (score DESC, created_at DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_new ON ideas (created_at DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_discussed ON ideas (comment_count DESC, created_at DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_status_popular ON ideas (status_id, popular_key DESC, created_at DESC) WHERE merged_into_id IS NULL AND hidden_at IS NULL;

CREATE TABLE idea_tags (
    idea_id TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    tag_id TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (idea_id, tag_id)
);
CREATE INDEX idea_tags_tag ON idea_tags (tag_id, idea_id);

CREATE TABLE votes (
    id TEXT PRIMARY KEY NOT NULL,
    idea_id TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    value BIGINT NOT NULL CHECK (value IN (-1, 1)),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (idea_id, user_id)
);
CREATE INDEX votes_user ON votes (user_id, idea_id);
CREATE INDEX votes_recent ON votes (updated_at, idea_id);

CREATE TABLE comments (
    id TEXT PRIMARY KEY NOT NULL,
    idea_id TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id),
    parent_id TEXT REFERENCES comments (id),
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP,
    deleted_at TIMESTAMP,
    hidden_at TIMESTAMP
);
CREATE INDEX comments_idea ON comments (idea_id, created_at);
CREATE INDEX comments_parent ON comments (parent_id);
CREATE INDEX comments_author ON comments (author_id);

CREATE TABLE subscriptions (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idea_id TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, idea_id)
);
CREATE INDEX subscriptions_idea ON subscriptions (idea_id, user_id);

-- Full-text search over title and body: FTS5 with the Porter stemmer, kept in step by triggers.
CREATE VIRTUAL TABLE ideas_fts USING fts5(title, body, content='ideas', content_rowid='rowid', tokenize='porter unicode61');
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
