-- Listening posts: the Atom/RSS feeds staff listen to, polled politely (conditional GET with the
-- last ETag and Last-Modified, a per-feed interval, doubled after each failure up to a day), and
-- the entries they brought, scored for sentiment, until dismissed or turned into an idea. A
-- watched phrase matches an entry as it matches an idea or comment (`watch_matches.entry_id`).
CREATE TABLE listening_feeds (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL UNIQUE,
    interval_minutes INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    next_poll_at TIMESTAMP NOT NULL,
    last_polled_at TIMESTAMP,
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX listening_feeds_due ON listening_feeds (next_poll_at);

CREATE TABLE listening_entries (
    id TEXT PRIMARY KEY NOT NULL,
    feed_id TEXT NOT NULL REFERENCES listening_feeds (id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    title TEXT NOT NULL,
    link TEXT,
    summary TEXT NOT NULL,
    published_at TIMESTAMP,
    fetched_at TIMESTAMP NOT NULL,
    sentiment_score DOUBLE PRECISION NOT NULL,
    sentiment_label TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'dismissed', 'idea')),
    idea_id TEXT REFERENCES ideas (id) ON DELETE SET NULL,
    UNIQUE (feed_id, guid)
);
CREATE INDEX listening_entries_shown ON listening_entries (state, fetched_at);

ALTER TABLE watch_matches ADD COLUMN entry_id TEXT REFERENCES listening_entries (id) ON DELETE CASCADE;
CREATE INDEX watch_matches_entry ON watch_matches (entry_id);
