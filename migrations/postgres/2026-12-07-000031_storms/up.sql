-- Storm sessions: a question the company asks for a limited time, answered with ideas. A session
-- is a draft until `published_at`; after that its state follows the clock (scheduled before
-- `starts_at`, open until `ends_at`, closed after), so no job has to flip it. The opening
-- announcement is sent once (`opening_mailed_at`, claimed by the instance that sends it), the
-- closing summary's mail once (`summary_published_at`).
CREATE TABLE storms (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    question TEXT NOT NULL,
    question_html TEXT NOT NULL,
    area_id TEXT REFERENCES areas (id) ON DELETE SET NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    votes_after_close BOOLEAN NOT NULL DEFAULT false,
    published_at TIMESTAMP,
    opening_mailed_at TIMESTAMP,
    summary TEXT,
    summary_html TEXT,
    summary_published_at TIMESTAMP,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX storms_ends ON storms (ends_at);
ALTER TABLE ideas ADD COLUMN storm_id TEXT REFERENCES storms (id);
CREATE INDEX ideas_storm ON ideas (storm_id, created_at) WHERE storm_id IS NOT NULL;
-- Who hears of a session opening: `area` (the default) those who follow an idea in its area,
-- `instant` every session, `off` none; the closing summary reaches participants unless `off`.
ALTER TABLE notification_preferences ADD COLUMN storms TEXT NOT NULL DEFAULT 'area';
CREATE TRIGGER storms_content AFTER INSERT OR UPDATE OR DELETE ON storms
FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
