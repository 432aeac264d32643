-- The pipeline funnel: when each idea first reached a planned stage (a status of kind 'active'
-- after the first one, the review, or a completed one) and when it was first implemented (a status
-- of kind 'completed'), set by the program with each status change; and per submission day
-- (UTC) how many live ideas reached each of those steps after how many whole days (rounded up)
-- from the step before (planned: from the first answer; implemented: from planned), kept by
-- triggers so that the funnel reads a few rows per day. Ideas in action read `ideas_implemented`.
ALTER TABLE ideas ADD COLUMN planned_at TIMESTAMP NULL;
ALTER TABLE ideas ADD COLUMN implemented_at TIMESTAMP NULL;
CREATE TABLE funnel_times (
    day TEXT NOT NULL,
    step TEXT NOT NULL,
    days BIGINT NOT NULL,
    ideas BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, step, days)
);
-- From the status history; an idea that sits in such a status without one counts from its answer.
UPDATE ideas SET planned_at = (
    SELECT MIN(sc.created_at) FROM status_changes sc JOIN statuses s ON s.id = sc.to_status_id
    WHERE sc.idea_id = ideas.id AND (s.kind = 'completed' OR (s.kind = 'active' AND s.position > (SELECT MIN(position) FROM statuses WHERE kind = 'active')))
) WHERE id IN (SELECT sc.idea_id FROM status_changes sc JOIN statuses s ON s.id = sc.to_status_id WHERE (s.kind = 'completed' OR (s.kind = 'active' AND s.position > (SELECT MIN(position) FROM statuses WHERE kind = 'active'))));
UPDATE ideas SET implemented_at = (
    SELECT MIN(sc.created_at) FROM status_changes sc JOIN statuses s ON s.id = sc.to_status_id
    WHERE sc.idea_id = ideas.id AND s.kind = 'completed'
) WHERE id IN (SELECT sc.idea_id FROM status_changes sc JOIN statuses s ON s.id = sc.to_status_id WHERE s.kind = 'completed');
UPDATE ideas SET planned_at = COALESCE(first_response_at, created_at)
WHERE planned_at IS NULL AND status_id IN (SELECT s.id FROM statuses s WHERE (s.kind = 'completed' OR (s.kind = 'active' AND s.position > (SELECT MIN(position) FROM statuses WHERE kind = 'active'))));
UPDATE ideas SET implemented_at = COALESCE(planned_at, first_response_at, created_at)
WHERE implemented_at IS NULL AND status_id IN (SELECT s.id FROM statuses s WHERE s.kind = 'completed');
CREATE INDEX ideas_implemented ON ideas (implemented_at) WHERE implemented_at IS NOT NULL;
-- The most negative ideas still waiting for an answer ("needs attention").
CREATE INDEX ideas_unanswered_sentiment ON ideas (sentiment_score, created_at)
WHERE first_response_at IS NULL AND merged_into_id IS NULL AND hidden_at IS NULL AND sentiment_score IS NOT NULL;
INSERT INTO funnel_times (day, step, days, ideas)
SELECT day, step, days, COUNT(*) FROM (
    SELECT date(created_at) AS day, 'planned' AS step, (MAX(0, CAST(strftime('%s', planned_at) AS INTEGER) - CAST(strftime('%s', COALESCE(first_response_at, created_at)) AS INTEGER)) + 86399) / 86400 AS days
    FROM ideas WHERE planned_at IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL
    UNION ALL
    SELECT date(created_at), 'implemented', (MAX(0, CAST(strftime('%s', implemented_at) AS INTEGER) - CAST(strftime('%s', COALESCE(planned_at, created_at)) AS INTEGER)) + 86399) / 86400
    FROM ideas WHERE implemented_at IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL
) AS reached GROUP BY day, step, days;
CREATE TRIGGER ideas_funnel_insert AFTER INSERT ON ideas BEGIN
    INSERT INTO funnel_times (day, step, days, ideas)
    SELECT date(NEW.created_at), 'planned', (MAX(0, CAST(strftime('%s', NEW.planned_at) AS INTEGER) - CAST(strftime('%s', COALESCE(NEW.first_response_at, NEW.created_at)) AS INTEGER)) + 86399) / 86400, 1
    WHERE NEW.planned_at IS NOT NULL AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, step, days) DO UPDATE SET ideas = ideas + excluded.ideas;
    INSERT INTO funnel_times (day, step, days, ideas)
    SELECT date(NEW.created_at), 'implemented', (MAX(0, CAST(strftime('%s', NEW.implemented_at) AS INTEGER) - CAST(strftime('%s', COALESCE(NEW.planned_at, NEW.created_at)) AS INTEGER)) + 86399) / 86400, 1
    WHERE NEW.implemented_at IS NOT NULL AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, step, days) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
CREATE TRIGGER ideas_funnel_delete AFTER DELETE ON ideas BEGIN
    INSERT INTO funnel_times (day, step, days, ideas)
    SELECT date(OLD.created_at), 'planned', (MAX(0, CAST(strftime('%s', OLD.planned_at) AS INTEGER) - CAST(strftime('%s', COALESCE(OLD.first_response_at, OLD.created_at)) AS INTEGER)) + 86399) / 86400, -1
    WHERE OLD.planned_at IS NOT NULL AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, step, days) DO UPDATE SET ideas = ideas + excluded.ideas;
    INSERT INTO funnel_times (day, step, days, ideas)
    SELECT date(OLD.created_at), 'implemented', (MAX(0, CAST(strftime('%s', OLD.implemented_at) AS INTEGER) - CAST(strftime('%s', COALESCE(OLD.planned_at, OLD.created_at)) AS INTEGER)) + 86399) / 86400, -1
    WHERE OLD.implemented_at IS NOT NULL AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, step, days) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
CREATE TRIGGER ideas_funnel_update AFTER UPDATE OF created_at, first_response_at, planned_at, implemented_at, merged_into_id, hidden_at ON ideas
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.first_response_at IS NOT NEW.first_response_at OR OLD.planned_at IS NOT NEW.planned_at OR OLD.implemented_at IS NOT NEW.implemented_at OR OLD.merged_into_id IS NOT NEW.merged_into_id OR OLD.hidden_at IS NOT NEW.hidden_at BEGIN
    INSERT INTO funnel_times (day, step, days, ideas)
    SELECT date(OLD.created_at), 'planned', (MAX(0, CAST(strftime('%s', OLD.planned_at) AS INTEGER) - CAST(strftime('%s', COALESCE(OLD.first_response_at, OLD.created_at)) AS INTEGER)) + 86399) / 86400, -1
    WHERE OLD.planned_at IS NOT NULL AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, step, days) DO UPDATE SET ideas = ideas + excluded.ideas;
    INSERT INTO funnel_times (day, step, days, ideas)
    SELECT date(OLD.created_at), 'implemented', (MAX(0, CAST(strftime('%s', OLD.implemented_at) AS INTEGER) - CAST(strftime('%s', COALESCE(OLD.planned_at, OLD.created_at)) AS INTEGER)) + 86399) / 86400, -1
    WHERE OLD.implemented_at IS NOT NULL AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, step, days) DO UPDATE SET ideas = ideas + excluded.ideas;
    INSERT INTO funnel_times (day, step, days, ideas)
    SELECT date(NEW.created_at), 'planned', (MAX(0, CAST(strftime('%s', NEW.planned_at) AS INTEGER) - CAST(strftime('%s', COALESCE(NEW.first_response_at, NEW.created_at)) AS INTEGER)) + 86399) / 86400, 1
    WHERE NEW.planned_at IS NOT NULL AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, step, days) DO UPDATE SET ideas = ideas + excluded.ideas;
    INSERT INTO funnel_times (day, step, days, ideas)
    SELECT date(NEW.created_at), 'implemented', (MAX(0, CAST(strftime('%s', NEW.implemented_at) AS INTEGER) - CAST(strftime('%s', COALESCE(NEW.planned_at, NEW.created_at)) AS INTEGER)) + 86399) / 86400, 1
    WHERE NEW.implemented_at IS NOT NULL AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, step, days) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
