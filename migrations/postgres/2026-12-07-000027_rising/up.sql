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
SELECT idea_id, activity_week(updated_at), SUM(value) FROM votes GROUP BY 1, 2;
CREATE INDEX idea_weeks_rank ON idea_weeks (week, points DESC, idea_id);

CREATE FUNCTION votes_rising() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO idea_weeks (idea_id, week, points) VALUES (OLD.idea_id, activity_week(OLD.updated_at), -OLD.value)
        ON CONFLICT (idea_id, week) DO UPDATE SET points = idea_weeks.points + EXCLUDED.points;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO idea_weeks (idea_id, week, points) VALUES (NEW.idea_id, activity_week(NEW.updated_at), NEW.value)
        ON CONFLICT (idea_id, week) DO UPDATE SET points = idea_weeks.points + EXCLUDED.points;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER votes_rising_insert AFTER INSERT ON votes
FOR EACH ROW EXECUTE FUNCTION votes_rising();
CREATE TRIGGER votes_rising_delete AFTER DELETE ON votes
FOR EACH ROW EXECUTE FUNCTION votes_rising();
CREATE TRIGGER votes_rising_update AFTER UPDATE OF idea_id, value, updated_at ON votes
FOR EACH ROW WHEN (OLD.idea_id IS DISTINCT FROM NEW.idea_id OR OLD.value IS DISTINCT FROM NEW.value
    OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
EXECUTE FUNCTION votes_rising();
