-- Watched words: the phrases each staff member watches for in new and edited ideas and comments,
-- told at once or in the daily digest; and every current match with the passage that matched
-- (`term_start`..`term_end`, byte offsets of the matching words in `passage`). `item_key` names
-- what matched (`idea:<id>`, `comment:<id>`): one match per watch and item, one notification
-- per person and item (the outbox's and digest's event key `watch:<item_key>`).
CREATE TABLE watches (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    phrase TEXT NOT NULL,
    -- The phrase in lower case with single spaces: one watch per phrase and person.
    phrase_key TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('instant', 'daily')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, phrase_key)
);

CREATE TABLE watch_matches (
    watch_id TEXT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    idea_id TEXT REFERENCES ideas (id) ON DELETE CASCADE,
    comment_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
    passage TEXT NOT NULL,
    term_start INTEGER NOT NULL,
    term_end INTEGER NOT NULL,
    matched_at TIMESTAMP NOT NULL,
    PRIMARY KEY (watch_id, item_key)
);
CREATE INDEX watch_matches_recent ON watch_matches (watch_id, matched_at);
CREATE INDEX watch_matches_item ON watch_matches (item_key);
CREATE INDEX watch_matches_idea ON watch_matches (idea_id);
CREATE INDEX watch_matches_comment ON watch_matches (comment_id);
