-- What `ideaboard import` wrote, keyed by the source and the source's own id of each idea, vote
-- and comment, so that running the same import again changes nothing.
CREATE TABLE import_keys (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    local_id TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (source, kind, source_id)
);
