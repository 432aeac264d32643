-- The response-time tables summed by month, so a long window of the figures and the backlog read
-- a few rows per month instead of every day. Kept from the day tables by triggers on them (so they
-- follow every change the ideas' triggers make); a month is 'YYYY-MM', the start of its days.
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
-- A day row's `day` and `area_key` never change (the triggers on `ideas` only add to its counts),
-- so an update's change is all its month's. SQLite has one writer at a time: no lock order to keep.
INSERT INTO response_months (month, area_key, submitted, answered)
SELECT substr(day, 1, 7), area_key, SUM(submitted), SUM(answered) FROM response_days GROUP BY 1, 2;
INSERT INTO response_month_times (month, area_key, hours, ideas)
SELECT substr(day, 1, 7), area_key, hours, SUM(ideas) FROM response_times GROUP BY 1, 2, 3;
CREATE TRIGGER response_days_month_insert AFTER INSERT ON response_days BEGIN
    INSERT INTO response_months (month, area_key, submitted, answered)
    VALUES (substr(NEW.day, 1, 7), NEW.area_key, NEW.submitted, NEW.answered)
    ON CONFLICT (month, area_key) DO UPDATE
    SET submitted = submitted + excluded.submitted, answered = answered + excluded.answered;
END;
CREATE TRIGGER response_times_month_insert AFTER INSERT ON response_times BEGIN
    INSERT INTO response_month_times (month, area_key, hours, ideas)
    VALUES (substr(NEW.day, 1, 7), NEW.area_key, NEW.hours, NEW.ideas)
    ON CONFLICT (month, area_key, hours) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
CREATE TRIGGER response_days_month_update AFTER UPDATE ON response_days BEGIN
    INSERT INTO response_months (month, area_key, submitted, answered)
    VALUES (substr(NEW.day, 1, 7), NEW.area_key, NEW.submitted - OLD.submitted, NEW.answered - OLD.answered)
    ON CONFLICT (month, area_key) DO UPDATE
    SET submitted = submitted + excluded.submitted, answered = answered + excluded.answered;
END;
CREATE TRIGGER response_times_month_update AFTER UPDATE ON response_times BEGIN
    INSERT INTO response_month_times (month, area_key, hours, ideas)
    VALUES (substr(NEW.day, 1, 7), NEW.area_key, NEW.hours, NEW.ideas - OLD.ideas)
    ON CONFLICT (month, area_key, hours) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
CREATE TRIGGER response_days_month_delete AFTER DELETE ON response_days BEGIN
    INSERT INTO response_months (month, area_key, submitted, answered)
    VALUES (substr(OLD.day, 1, 7), OLD.area_key, -OLD.submitted, -OLD.answered)
    ON CONFLICT (month, area_key) DO UPDATE
    SET submitted = submitted + excluded.submitted, answered = answered + excluded.answered;
END;
CREATE TRIGGER response_times_month_delete AFTER DELETE ON response_times BEGIN
    INSERT INTO response_month_times (month, area_key, hours, ideas)
    VALUES (substr(OLD.day, 1, 7), OLD.area_key, OLD.hours, -OLD.ideas)
    ON CONFLICT (month, area_key, hours) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
