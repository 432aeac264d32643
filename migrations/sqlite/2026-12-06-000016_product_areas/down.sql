DROP TRIGGER areas_content_delete;
DROP TRIGGER areas_content_update;
DROP TRIGGER areas_content_insert;
DROP INDEX ideas_area;
ALTER TABLE ideas DROP COLUMN area_id;
DROP TABLE area_owners;
DROP TABLE areas;
