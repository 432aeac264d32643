-- Live ideas (not merged, not hidden) per status and per tag, kept exact by triggers in the same
-- transaction as every change, so the board's totals are one row read, not a count of the board.
CREATE TABLE idea_counts (
    status_id TEXT PRIMARY KEY NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    live BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE tag_counts (
    tag_id TEXT PRIMARY KEY NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    live BIGINT NOT NULL DEFAULT 0
);
INSERT INTO idea_counts (status_id, live)
SELECT s.id, (SELECT COUNT(*) FROM ideas i
              WHERE i.status_id = s.id AND i.merged_into_id IS NULL AND i.hidden_at IS NULL)
FROM statuses s;
INSERT INTO tag_counts (tag_id, live)
SELECT t.id, (SELECT COUNT(*) FROM idea_tags it JOIN ideas i ON i.id = it.idea_id
              WHERE it.tag_id = t.id AND i.merged_into_id IS NULL AND i.hidden_at IS NULL)
FROM tags t;

CREATE FUNCTION statuses_count_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO idea_counts (status_id, live) VALUES (NEW.id, 0);
    RETURN NULL;
END $$;
CREATE TRIGGER statuses_count_row AFTER INSERT ON statuses
FOR EACH ROW EXECUTE FUNCTION statuses_count_row();

CREATE FUNCTION tags_count_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tag_counts (tag_id, live) VALUES (NEW.id, 0);
    RETURN NULL;
END $$;
CREATE TRIGGER tags_count_row AFTER INSERT ON tags
FOR EACH ROW EXECUTE FUNCTION tags_count_row();

CREATE FUNCTION ideas_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE idea_counts SET live = live + 1 WHERE status_id = NEW.status_id;
    RETURN NULL;
END $$;
CREATE TRIGGER ideas_count_insert AFTER INSERT ON ideas
FOR EACH ROW WHEN (NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL)
EXECUTE FUNCTION ideas_count_insert();

CREATE FUNCTION ideas_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_live BOOLEAN := OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL;
    is_live BOOLEAN := NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL;
BEGIN
    IF was_live THEN
        UPDATE idea_counts SET live = live - 1 WHERE status_id = OLD.status_id;
    END IF;
    IF is_live THEN
        UPDATE idea_counts SET live = live + 1 WHERE status_id = NEW.status_id;
    END IF;
    IF was_live <> is_live THEN
        UPDATE tag_counts SET live = live + (CASE WHEN is_live THEN 1 ELSE -1 END)
        WHERE tag_id IN (SELECT tag_id FROM idea_tags WHERE idea_id = NEW.id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ideas_count_update AFTER UPDATE OF status_id, merged_into_id, hidden_at ON ideas
FOR EACH ROW WHEN (OLD.status_id IS DISTINCT FROM NEW.status_id
    OR (OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL)
       IS DISTINCT FROM (NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL))
EXECUTE FUNCTION ideas_count_update();

CREATE FUNCTION idea_tags_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE tag_counts SET live = live + 1
        WHERE tag_id = NEW.tag_id AND EXISTS (
            SELECT 1 FROM ideas WHERE id = NEW.idea_id AND merged_into_id IS NULL AND hidden_at IS NULL);
    ELSE
        UPDATE tag_counts SET live = live - 1
        WHERE tag_id = OLD.tag_id AND EXISTS (
            SELECT 1 FROM ideas WHERE id = OLD.idea_id AND merged_into_id IS NULL AND hidden_at IS NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER idea_tags_count AFTER INSERT OR DELETE ON idea_tags
FOR EACH ROW EXECUTE FUNCTION idea_tags_count();
