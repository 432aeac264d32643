DROP TRIGGER idea_tags_count_delete;
DROP TRIGGER idea_tags_count_insert;
DROP TRIGGER ideas_count_update;
DROP TRIGGER ideas_count_insert;
DROP TRIGGER tags_count_row;
DROP TRIGGER statuses_count_row;
DROP TABLE tag_counts;
DROP TABLE idea_counts;
