-- Alerts to the owners of a product area: a new idea in it, an idea that reached the review
-- threshold unanswered, an idea that passed the response target unanswered. One row per alert
-- sent, so each is sent once whatever instance runs the job; `area_ideas` is the owners' choice
-- (instant, in the daily digest, or off).
CREATE TABLE area_alerts (
    idea_id TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    area_id TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (idea_id, kind, area_id)
);
ALTER TABLE notification_preferences ADD COLUMN area_ideas TEXT NOT NULL DEFAULT 'instant';
-- The weekly summary to staff of what waits and how fast it was answered: instant or off.
ALTER TABLE notification_preferences ADD COLUMN weekly_summary TEXT NOT NULL DEFAULT 'instant';
