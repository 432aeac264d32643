DROP TRIGGER ideas_action_update ON ideas;
DROP TRIGGER ideas_action_delete ON ideas;
DROP TRIGGER ideas_action_insert ON ideas;
DROP FUNCTION ideas_action();
DROP FUNCTION action_add(TEXT, TEXT, BIGINT);
DROP TABLE action_days;
CREATE INDEX ideas_implemented ON ideas (implemented_at) WHERE implemented_at IS NOT NULL;
