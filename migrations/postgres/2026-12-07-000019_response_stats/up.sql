-- Response times kept by triggers, so the response-time figures read a few rows per day instead
-- of every idea. Only live ideas (not merged, not hidden) count. `area_key` is the area's id, or ''
-- for ideas in no area.
--
-- response_days: per day (UTC, 'YYYY-MM-DD') and area, the live ideas submitted that day and the
-- live ideas first answered that day (whenever they were submitted).
-- response_times: per submission day and area, how many live ideas were first answered after
-- `hours` hours: whole hours rounded up, and beyond 72 hours whole days (a multiple of 24).
CREATE TABLE response_days (
    day TEXT NOT NULL,
    area_key TEXT NOT NULL,
    submitted BIGINT NOT NULL DEFAULT 0,
    answered BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, area_key)
);
CREATE TABLE response_times (
    day TEXT NOT NULL,
    area_key TEXT NOT NULL,
    hours BIGINT NOT NULL,
    ideas BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, area_key, hours)
);
CREATE FUNCTION response_hours(created TIMESTAMP, answered TIMESTAMP) RETURNS BIGINT
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN h <= 72 THEN h ELSE ((h + 23) / 24) * 24 END
    FROM (SELECT (GREATEST(0, FLOOR(EXTRACT(EPOCH FROM answered))::BIGINT
                             - FLOOR(EXTRACT(EPOCH FROM created))::BIGINT) + 3599) / 3600 AS h) AS w
$$;
INSERT INTO response_days (day, area_key, submitted, answered)
SELECT day, area_key, SUM(submitted), SUM(answered) FROM (
    SELECT to_char(created_at, 'YYYY-MM-DD') AS day, COALESCE(area_id, '') AS area_key, 1 AS submitted, 0 AS answered
    FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL
    UNION ALL
    SELECT to_char(first_response_at, 'YYYY-MM-DD'), COALESCE(area_id, ''), 0, 1
    FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL AND first_response_at IS NOT NULL
) AS events GROUP BY day, area_key;
INSERT INTO response_times (day, area_key, hours, ideas)
SELECT to_char(created_at, 'YYYY-MM-DD'), COALESCE(area_id, ''), response_hours(created_at, first_response_at), COUNT(*)
FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL AND first_response_at IS NOT NULL
GROUP BY 1, 2, 3;

-- Adds (sign 1) or takes away (sign -1) one live idea's part of the figures.
CREATE FUNCTION response_stats_add(p_created TIMESTAMP, p_answered TIMESTAMP, p_area TEXT, p_sign BIGINT)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO response_days (day, area_key, submitted, answered)
    VALUES (to_char(p_created, 'YYYY-MM-DD'), COALESCE(p_area, ''), p_sign, 0)
    ON CONFLICT (day, area_key) DO UPDATE SET submitted = response_days.submitted + EXCLUDED.submitted;
    IF p_answered IS NOT NULL THEN
        INSERT INTO response_days (day, area_key, submitted, answered)
        VALUES (to_char(p_answered, 'YYYY-MM-DD'), COALESCE(p_area, ''), 0, p_sign)
        ON CONFLICT (day, area_key) DO UPDATE SET answered = response_days.answered + EXCLUDED.answered;
        INSERT INTO response_times (day, area_key, hours, ideas)
        VALUES (to_char(p_created, 'YYYY-MM-DD'), COALESCE(p_area, ''), response_hours(p_created, p_answered), p_sign)
        ON CONFLICT (day, area_key, hours) DO UPDATE SET ideas = response_times.ideas + EXCLUDED.ideas;
    END IF;
END $$;

CREATE FUNCTION ideas_response_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL THEN
        PERFORM response_stats_add(OLD.created_at, OLD.first_response_at, OLD.area_id, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL THEN
        PERFORM response_stats_add(NEW.created_at, NEW.first_response_at, NEW.area_id, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ideas_response_insert AFTER INSERT ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_response_stats();
CREATE TRIGGER ideas_response_update AFTER UPDATE OF created_at, first_response_at, area_id, merged_into_id, hidden_at ON ideas
FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at
    OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at
    OR OLD.area_id IS DISTINCT FROM NEW.area_id
    OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id
    OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at)
EXECUTE FUNCTION ideas_response_stats();
CREATE TRIGGER ideas_response_delete AFTER DELETE ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_response_stats();
