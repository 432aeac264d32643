CREATE INDEX ideas_search ON ideas USING GIN (
    (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B'))
);
DROP TRIGGER ideas_fts_keep ON ideas;
DROP FUNCTION ideas_fts_keep();
DROP TABLE ideas_fts;
