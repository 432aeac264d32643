-- Rising ideas: per idea and week (its Monday, UTC) the points its votes cast that week give it
-- (net promotes, as the rows stand; a vote counts in the week it was last cast, `updated_at`, as
-- the trending order counts it), kept by triggers on `votes`. The rising ideas of a period are
-- found by walking each week's best first (`idea_weeks_rank`) until no idea not yet seen could
-- beat the tenth (db/views/rising.rs), never by reading the votes.
CREATE TABLE idea_weeks (
    idea_id TEXT NOT NULL,
    week TEXT NOT NULL,
    points BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (idea_id, week)
);
INSERT INTO idea_weeks (idea_id, week, points)
SELECT idea_id, date(updated_at, 'weekday 0', '-6 days'), SUM(value) FROM votes GROUP BY 1, 2;
CREATE INDEX idea_weeks_rank ON idea_weeks (week, points DESC, idea_id);
CREATE TRIGGER votes_rising_insert AFTER INSERT ON votes BEGIN
    INSERT INTO idea_weeks (idea_id, week, points) VALUES (NEW.idea_id, date(NEW.updated_at, 'weekday 0', '-6 days'), NEW.value)
    ON CONFLICT (idea_id, week) DO UPDATE SET points = points + excluded.points;
END;
CREATE TRIGGER votes_rising_delete AFTER DELETE ON votes BEGIN
    INSERT INTO idea_weeks (idea_id, week, points) VALUES (OLD.idea_id, date(OLD.updated_at, 'weekday 0', '-6 days'), -OLD.value)
    ON CONFLICT (idea_id, week) DO UPDATE SET points = points + excluded.points;
END;
CREATE TRIGGER votes_rising_update AFTER UPDATE OF idea_id, value, updated_at ON votes
WHEN OLD.idea_id IS NOT NEW.idea_id OR OLD.value IS NOT NEW.value OR OLD.updated_at IS NOT NEW.updated_at BEGIN
    INSERT INTO idea_weeks (idea_id, week, points) VALUES (OLD.idea_id, date(OLD.updated_at, 'weekday 0', '-6 days'), -OLD.value)
    ON CONFLICT (idea_id, week) DO UPDATE SET points = points + excluded.points;
    INSERT INTO idea_weeks (idea_id, week, points) VALUES (NEW.idea_id, date(NEW.updated_at, 'weekday 0', '-6 days'), NEW.value)
    ON CONFLICT (idea_id, week) DO UPDATE SET points = points + excluded.points;
END;
