-- Ideas in action: per day (UTC) of first implementation and current status, the live ideas (not
-- merged, not hidden) first implemented that day, kept by triggers so that the quarters read a few
-- rows per day instead of every idea implemented in them; the read keeps the completed statuses.
CREATE TABLE action_days (
    day TEXT NOT NULL,
    status_id TEXT NOT NULL,
    ideas BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, status_id)
);
INSERT INTO action_days (day, status_id, ideas)
SELECT date(implemented_at), status_id, COUNT(*) FROM ideas
WHERE implemented_at IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL
GROUP BY 1, 2;
DROP INDEX ideas_implemented;
CREATE TRIGGER ideas_action_insert AFTER INSERT ON ideas
WHEN NEW.implemented_at IS NOT NULL AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL BEGIN
    INSERT INTO action_days (day, status_id, ideas) VALUES (date(NEW.implemented_at), NEW.status_id, 1)
    ON CONFLICT (day, status_id) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
CREATE TRIGGER ideas_action_delete AFTER DELETE ON ideas
WHEN OLD.implemented_at IS NOT NULL AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL BEGIN
    UPDATE action_days SET ideas = ideas - 1
    WHERE day = date(OLD.implemented_at) AND status_id = OLD.status_id;
END;
CREATE TRIGGER ideas_action_update AFTER UPDATE OF implemented_at, status_id, merged_into_id, hidden_at ON ideas
WHEN OLD.implemented_at IS NOT NEW.implemented_at OR OLD.status_id IS NOT NEW.status_id OR OLD.merged_into_id IS NOT NEW.merged_into_id OR OLD.hidden_at IS NOT NEW.hidden_at BEGIN
    UPDATE action_days SET ideas = ideas - 1
    WHERE day = date(OLD.implemented_at) AND status_id = OLD.status_id
      AND OLD.implemented_at IS NOT NULL AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL;
    INSERT INTO action_days (day, status_id, ideas)
    SELECT date(NEW.implemented_at), NEW.status_id, 1
    WHERE NEW.implemented_at IS NOT NULL AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, status_id) DO UPDATE SET ideas = ideas + excluded.ideas;
END;
