DROP TRIGGER ideas_action_update;
DROP TRIGGER ideas_action_delete;
DROP TRIGGER ideas_action_insert;
DROP TABLE action_days;
CREATE INDEX ideas_implemented ON ideas (implemented_at) WHERE implemented_at IS NOT NULL;
