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

CREATE TRIGGER statuses_count_row AFTER INSERT ON statuses BEGIN
    INSERT INTO idea_counts (status_id, live) VALUES (NEW.id, 0);
END;
CREATE TRIGGER tags_count_row AFTER INSERT ON tags BEGIN
    INSERT INTO tag_counts (tag_id, live) VALUES (NEW.id, 0);
END;
CREATE TRIGGER ideas_count_insert AFTER INSERT ON ideas
WHEN NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL BEGIN
    UPDATE idea_counts SET live = live + 1 WHERE status_id = NEW.status_id;
END;
CREATE TRIGGER ideas_count_update AFTER UPDATE OF status_id, merged_into_id, hidden_at ON ideas
WHEN OLD.status_id IS NOT NEW.status_id
  OR (OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL)
     IS NOT (NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL) BEGIN
    UPDATE idea_counts SET live = live - 1
    WHERE status_id = OLD.status_id AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL;
    UPDATE idea_counts SET live = live + 1
    WHERE status_id = NEW.status_id AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL;
    UPDATE tag_counts SET live = live
        - (OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL)
        + (NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL)
    WHERE tag_id IN (SELECT tag_id FROM idea_tags WHERE idea_id = NEW.id);
END;
CREATE TRIGGER idea_tags_count_insert AFTER INSERT ON idea_tags BEGIN
    UPDATE tag_counts SET live = live + 1
    WHERE tag_id = NEW.tag_id AND EXISTS (
        SELECT 1 FROM ideas WHERE id = NEW.idea_id AND merged_into_id IS NULL AND hidden_at IS NULL);
END;
CREATE TRIGGER idea_tags_count_delete AFTER DELETE ON idea_tags BEGIN
    UPDATE tag_counts SET live = live - 1
    WHERE tag_id = OLD.tag_id AND EXISTS (
        SELECT 1 FROM ideas WHERE id = OLD.idea_id AND merged_into_id IS NULL AND hidden_at IS NULL);
END;
