DROP TABLE audit_log;
DROP TABLE flags;
DROP TABLE merge_items;
DROP TABLE merges;
ALTER TABLE comments DROP COLUMN merged_from_idea_id;
