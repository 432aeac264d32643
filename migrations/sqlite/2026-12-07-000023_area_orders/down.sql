DROP INDEX ideas_area_new;
DROP INDEX ideas_area_popular;
