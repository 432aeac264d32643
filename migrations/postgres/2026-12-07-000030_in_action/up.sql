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
SELECT to_char(implemented_at, 'YYYY-MM-DD'), status_id, COUNT(*) FROM ideas
WHERE implemented_at IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL
GROUP BY 1, 2;
DROP INDEX ideas_implemented;

CREATE FUNCTION action_add(p_day TEXT, p_status TEXT, p_sign BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO action_days (day, status_id, ideas) VALUES (p_day, p_status, p_sign)
    ON CONFLICT (day, status_id) DO UPDATE SET ideas = action_days.ideas + EXCLUDED.ideas
$$;
-- A change takes its two rows in key order, so two opposite moves never wait on each other.
CREATE FUNCTION ideas_action() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_key TEXT[];
    new_key TEXT[];
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.implemented_at IS NOT NULL
       AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL THEN
        old_key := ARRAY[to_char(OLD.implemented_at, 'YYYY-MM-DD'), OLD.status_id];
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.implemented_at IS NOT NULL
       AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL THEN
        new_key := ARRAY[to_char(NEW.implemented_at, 'YYYY-MM-DD'), NEW.status_id];
    END IF;
    IF old_key IS NOT NULL AND (new_key IS NULL OR old_key <= new_key) THEN
        PERFORM action_add(old_key[1], old_key[2], -1);
        old_key := NULL;
    END IF;
    IF new_key IS NOT NULL THEN
        PERFORM action_add(new_key[1], new_key[2], 1);
    END IF;
    IF old_key IS NOT NULL THEN
        PERFORM action_add(old_key[1], old_key[2], -1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ideas_action_insert AFTER INSERT ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_action();
CREATE TRIGGER ideas_action_delete AFTER DELETE ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_action();
CREATE TRIGGER ideas_action_update AFTER UPDATE OF implemented_at, status_id, merged_into_id, hidden_at ON ideas
FOR EACH ROW WHEN (OLD.implemented_at IS DISTINCT FROM NEW.implemented_at
    OR OLD.status_id IS DISTINCT FROM NEW.status_id
    OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id
    OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at)
EXECUTE FUNCTION ideas_action();
