-- Webhooks: endpoints an administrator registered (the secret each delivery is signed with is
-- kept, as signing needs it; it is shown once, when the endpoint is made), and their deliveries,
-- a durable queue written in the same transaction as the event, sent by the worker under a lease
-- (the mail outbox's pattern) and kept as a log of status codes and durations. An endpoint that
-- has failed for a day is paused (`paused_at`) and its deliveries wait until it is resumed.
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    format TEXT NOT NULL DEFAULT 'json' CHECK (format IN ('json', 'slack')),
    secret TEXT NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    failing_since TIMESTAMP,
    paused_at TIMESTAMP
);
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    event_key TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'delivered', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    lease_owner TEXT,
    last_status INTEGER,
    last_duration_ms BIGINT,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP,
    UNIQUE (webhook_id, event_key)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (webhook_id, created_at);
