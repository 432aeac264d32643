-- The response-time tables summed by month, so a long window of the figures and the backlog read
-- a few rows per month instead of every day. Kept from the day tables by triggers on them (so they
-- follow every change the ideas' triggers make); a month is 'YYYY-MM', the start of its days.
-- Writers that change the day tables wait while the month tables are filled from them.
LOCK TABLE response_days, response_times IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE response_months (
    month TEXT NOT NULL,
    area_key TEXT NOT NULL,
    submitted BIGINT NOT NULL DEFAULT 0,
    answered BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, area_key)
);
CREATE TABLE response_month_times (
    month TEXT NOT NULL,
    area_key TEXT NOT NULL,
    hours BIGINT NOT NULL,
    ideas BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, area_key, hours)
);
INSERT INTO response_months (month, area_key, submitted, answered)
SELECT substr(day, 1, 7), area_key, SUM(submitted), SUM(answered) FROM response_days GROUP BY 1, 2;
INSERT INTO response_month_times (month, area_key, hours, ideas)
SELECT substr(day, 1, 7), area_key, hours, SUM(ideas) FROM response_times GROUP BY 1, 2, 3;

-- Adds a day row's change (its new counts less its old ones) to its month. A day row's `day` and
-- `area_key` never change (the triggers on `ideas` only add to its counts), so the change is all
-- its month's.
CREATE FUNCTION response_days_month() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_day TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD.day ELSE NEW.day END;
    row_area TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD.area_key ELSE NEW.area_key END;
    submitted_change BIGINT := CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW.submitted END
        - CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.submitted END;
    answered_change BIGINT := CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW.answered END
        - CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.answered END;
BEGIN
    INSERT INTO response_months (month, area_key, submitted, answered)
    VALUES (substr(row_day, 1, 7), row_area, submitted_change, answered_change)
    ON CONFLICT (month, area_key) DO UPDATE
    SET submitted = response_months.submitted + EXCLUDED.submitted,
        answered = response_months.answered + EXCLUDED.answered;
    RETURN NULL;
END $$;
CREATE FUNCTION response_times_month() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_day TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD.day ELSE NEW.day END;
    row_area TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD.area_key ELSE NEW.area_key END;
    row_hours BIGINT := CASE WHEN TG_OP = 'DELETE' THEN OLD.hours ELSE NEW.hours END;
    ideas_change BIGINT := CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW.ideas END
        - CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.ideas END;
BEGIN
    INSERT INTO response_month_times (month, area_key, hours, ideas)
    VALUES (substr(row_day, 1, 7), row_area, row_hours, ideas_change)
    ON CONFLICT (month, area_key, hours) DO UPDATE
    SET ideas = response_month_times.ideas + EXCLUDED.ideas;
    RETURN NULL;
END $$;
-- Deferred to the commit: a transaction has then taken every day row it changes, and takes the
-- month rows last. Run at once, an answer (day of submission, its month, today) and a new idea
-- (today, its month) would take the same two rows in opposite orders and deadlock.
CREATE CONSTRAINT TRIGGER response_days_month AFTER INSERT OR UPDATE OR DELETE ON response_days
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION response_days_month();
CREATE CONSTRAINT TRIGGER response_times_month AFTER INSERT OR UPDATE OR DELETE ON response_times
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION response_times_month();
