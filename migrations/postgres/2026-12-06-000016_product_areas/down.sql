DROP TRIGGER areas_content ON areas;
DROP INDEX ideas_area;
ALTER TABLE ideas DROP COLUMN area_id;
DROP TABLE area_owners;
DROP TABLE areas;
