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
CREATE FUNCTION funnel_days(since TIMESTAMP, reached TIMESTAMP) RETURNS BIGINT
LANGUAGE sql IMMUTABLE AS $$
    SELECT (GREATEST(0, FLOOR(EXTRACT(EPOCH FROM reached))::BIGINT - FLOOR(EXTRACT(EPOCH FROM since))::BIGINT) + 86399) / 86400
$$;
INSERT INTO funnel_times (day, step, days, ideas)
SELECT day, step, days, COUNT(*) FROM (
    SELECT to_char(created_at, 'YYYY-MM-DD') AS day, 'planned' AS step, funnel_days(COALESCE(first_response_at, created_at), planned_at) AS days
    FROM ideas WHERE planned_at IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL
    UNION ALL
    SELECT to_char(created_at, 'YYYY-MM-DD'), 'implemented', funnel_days(COALESCE(planned_at, created_at), implemented_at)
    FROM ideas WHERE implemented_at IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL
) AS reached GROUP BY day, step, days;

-- Adds (sign 1) or takes away (sign -1) one live idea's steps.
CREATE FUNCTION funnel_add(p_created TIMESTAMP, p_answered TIMESTAMP, p_planned TIMESTAMP, p_implemented TIMESTAMP, p_sign BIGINT)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_planned IS NOT NULL THEN
        INSERT INTO funnel_times (day, step, days, ideas)
        VALUES (to_char(p_created, 'YYYY-MM-DD'), 'planned', funnel_days(COALESCE(p_answered, p_created), p_planned), p_sign)
        ON CONFLICT (day, step, days) DO UPDATE SET ideas = funnel_times.ideas + EXCLUDED.ideas;
    END IF;
    IF p_implemented IS NOT NULL THEN
        INSERT INTO funnel_times (day, step, days, ideas)
        VALUES (to_char(p_created, 'YYYY-MM-DD'), 'implemented', funnel_days(COALESCE(p_planned, p_created), p_implemented), p_sign)
        ON CONFLICT (day, step, days) DO UPDATE SET ideas = funnel_times.ideas + EXCLUDED.ideas;
    END IF;
END $$;
CREATE FUNCTION ideas_funnel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL THEN
        PERFORM funnel_add(OLD.created_at, OLD.first_response_at, OLD.planned_at, OLD.implemented_at, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL THEN
        PERFORM funnel_add(NEW.created_at, NEW.first_response_at, NEW.planned_at, NEW.implemented_at, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ideas_funnel_insert AFTER INSERT ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_funnel();
CREATE TRIGGER ideas_funnel_delete AFTER DELETE ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_funnel();
CREATE TRIGGER ideas_funnel_update AFTER UPDATE OF created_at, first_response_at, planned_at, implemented_at, merged_into_id, hidden_at ON ideas
FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at
    OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at
    OR OLD.planned_at IS DISTINCT FROM NEW.planned_at
    OR OLD.implemented_at IS DISTINCT FROM NEW.implemented_at
    OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id
    OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at)
EXECUTE FUNCTION ideas_funnel();
