-- A registration waits here until its address confirms it through the emailed link, so
-- registering never tells whether an address already has an account.
CREATE TABLE pending_registrations (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    email_normalized TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX pending_registrations_expires_at ON pending_registrations (expires_at);
