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
INSERT INTO response_days (day, area_key, submitted, answered)
SELECT day, area_key, SUM(submitted), SUM(answered) FROM (
    SELECT date(created_at) AS day, COALESCE(area_id, '') AS area_key, 1 AS submitted, 0 AS answered
    FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL
    UNION ALL
    SELECT date(first_response_at), COALESCE(area_id, ''), 0, 1
    FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL AND first_response_at IS NOT NULL
) AS events GROUP BY day, area_key;
INSERT INTO response_times (day, area_key, hours, ideas)
SELECT date(ideas.created_at), COALESCE(ideas.area_id, ''), CASE WHEN ((MAX(0, CAST(strftime('%s', ideas.first_response_at) AS INTEGER) - CAST(strftime('%s', ideas.created_at) AS INTEGER)) + 3599) / 3600) <= 72 THEN ((MAX(0, CAST(strftime('%s', ideas.first_response_at) AS INTEGER) - CAST(strftime('%s', ideas.created_at) AS INTEGER)) + 3599) / 3600) ELSE ((((MAX(0, CAST(strftime('%s', ideas.first_response_at) AS INTEGER) - CAST(strftime('%s', ideas.created_at) AS INTEGER)) + 3599) / 3600) + 23) / 24) * 24 END, COUNT(*)
FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL AND first_response_at IS NOT NULL
GROUP BY 1, 2, 3;
CREATE TRIGGER ideas_response_insert AFTER INSERT ON ideas BEGIN
    INSERT INTO response_days (day, area_key, submitted, answered)
    SELECT date(NEW.created_at), COALESCE(NEW.area_id, ''), 1, 0 WHERE NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET submitted = submitted + excluded.submitted;
    INSERT INTO response_days (day, area_key, submitted, answered)
    SELECT date(NEW.first_response_at), COALESCE(NEW.area_id, ''), 0, 1
    WHERE NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL AND NEW.first_response_at IS NOT NULL
    ON CONFLICT (day, area_key) DO UPDATE SET answered = answered + excluded.answered;
    INSERT INTO response_times (day, area_key, hours, ideas)
    SELECT date(NEW.created_at), COALESCE(NEW.area_id, ''),
        CASE WHEN ((MAX(0, CAST(strftime('%s', NEW.first_response_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER)) + 3599) / 3600) <= 72 THEN ((MAX(0, CAST(strftime('%s', NEW.first_response_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER)) + 3599) / 3600) ELSE ((((MAX(0, CAST(strftime('%s', NEW.first_response_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER)) + 3599) / 3600) + 23) / 24) * 24 END,
        1
    WHERE NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL AND NEW.first_response_at IS NOT NULL
    ON CONFLICT (day, area_key, hours) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
CREATE TRIGGER ideas_response_update AFTER UPDATE OF created_at, first_response_at, area_id, merged_into_id, hidden_at ON ideas
BEGIN
    INSERT INTO response_days (day, area_key, submitted, answered)
    SELECT date(OLD.created_at), COALESCE(OLD.area_id, ''), -1, 0 WHERE OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET submitted = submitted + excluded.submitted;
    INSERT INTO response_days (day, area_key, submitted, answered)
    SELECT date(OLD.first_response_at), COALESCE(OLD.area_id, ''), 0, -1
    WHERE OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL AND OLD.first_response_at IS NOT NULL
    ON CONFLICT (day, area_key) DO UPDATE SET answered = answered + excluded.answered;
    INSERT INTO response_times (day, area_key, hours, ideas)
    SELECT date(OLD.created_at), COALESCE(OLD.area_id, ''),
        CASE WHEN ((MAX(0, CAST(strftime('%s', OLD.first_response_at) AS INTEGER) - CAST(strftime('%s', OLD.created_at) AS INTEGER)) + 3599) / 3600) <= 72 THEN ((MAX(0, CAST(strftime('%s', OLD.first_response_at) AS INTEGER) - CAST(strftime('%s', OLD.created_at) AS INTEGER)) + 3599) / 3600) ELSE ((((MAX(0, CAST(strftime('%s', OLD.first_response_at) AS INTEGER) - CAST(strftime('%s', OLD.created_at) AS INTEGER)) + 3599) / 3600) + 23) / 24) * 24 END,
        -1
    WHERE OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL AND OLD.first_response_at IS NOT NULL
    ON CONFLICT (day, area_key, hours) DO UPDATE SET ideas = ideas + excluded.ideas;
    INSERT INTO response_days (day, area_key, submitted, answered)
    SELECT date(NEW.created_at), COALESCE(NEW.area_id, ''), 1, 0 WHERE NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET submitted = submitted + excluded.submitted;
    INSERT INTO response_days (day, area_key, submitted, answered)
    SELECT date(NEW.first_response_at), COALESCE(NEW.area_id, ''), 0, 1
    WHERE NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL AND NEW.first_response_at IS NOT NULL
    ON CONFLICT (day, area_key) DO UPDATE SET answered = answered + excluded.answered;
    INSERT INTO response_times (day, area_key, hours, ideas)
    SELECT date(NEW.created_at), COALESCE(NEW.area_id, ''),
        CASE WHEN ((MAX(0, CAST(strftime('%s', NEW.first_response_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER)) + 3599) / 3600) <= 72 THEN ((MAX(0, CAST(strftime('%s', NEW.first_response_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER)) + 3599) / 3600) ELSE ((((MAX(0, CAST(strftime('%s', NEW.first_response_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER)) + 3599) / 3600) + 23) / 24) * 24 END,
        1
    WHERE NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL AND NEW.first_response_at IS NOT NULL
    ON CONFLICT (day, area_key, hours) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
CREATE TRIGGER ideas_response_delete AFTER DELETE ON ideas BEGIN
    INSERT INTO response_days (day, area_key, submitted, answered)
    SELECT date(OLD.created_at), COALESCE(OLD.area_id, ''), -1, 0 WHERE OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET submitted = submitted + excluded.submitted;
    INSERT INTO response_days (day, area_key, submitted, answered)
    SELECT date(OLD.first_response_at), COALESCE(OLD.area_id, ''), 0, -1
    WHERE OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL AND OLD.first_response_at IS NOT NULL
    ON CONFLICT (day, area_key) DO UPDATE SET answered = answered + excluded.answered;
    INSERT INTO response_times (day, area_key, hours, ideas)
    SELECT date(OLD.created_at), COALESCE(OLD.area_id, ''),
        CASE WHEN ((MAX(0, CAST(strftime('%s', OLD.first_response_at) AS INTEGER) - CAST(strftime('%s', OLD.created_at) AS INTEGER)) + 3599) / 3600) <= 72 THEN ((MAX(0, CAST(strftime('%s', OLD.first_response_at) AS INTEGER) - CAST(strftime('%s', OLD.created_at) AS INTEGER)) + 3599) / 3600) ELSE ((((MAX(0, CAST(strftime('%s', OLD.first_response_at) AS INTEGER) - CAST(strftime('%s', OLD.created_at) AS INTEGER)) + 3599) / 3600) + 23) / 24) * 24 END,
        -1
    WHERE OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL AND OLD.first_response_at IS NOT NULL
    ON CONFLICT (day, area_key, hours) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
