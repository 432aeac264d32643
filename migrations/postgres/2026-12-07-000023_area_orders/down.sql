DROP INDEX ideas_area_new;
DROP INDEX ideas_area_trending;
DROP INDEX ideas_area_popular;
