-- Full-text search moves to a table of its own, as on SQLite (ideas_fts). With an expression index
-- on `ideas`, every vote (which rewrites its idea's row) computed the idea's document again and
-- added it to the GIN index again, and ranking a search computed the document of every match.
-- Here the document is stored once per edit of the title or body, kept by a trigger; `number`
-- lets a search read its window newest first.
CREATE TABLE ideas_fts (
    idea_id TEXT PRIMARY KEY NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    document TSVECTOR NOT NULL
);
INSERT INTO ideas_fts (idea_id, number, document)
SELECT id, number,
       setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
FROM ideas;
CREATE INDEX ideas_fts_document ON ideas_fts USING GIN (document);
CREATE INDEX ideas_fts_newest ON ideas_fts (number);

CREATE FUNCTION ideas_fts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ideas_fts (idea_id, number, document)
    VALUES (NEW.id, NEW.number,
            setweight(to_tsvector('english', NEW.title), 'A')
            || setweight(to_tsvector('english', NEW.body), 'B'))
    ON CONFLICT (idea_id) DO UPDATE SET number = EXCLUDED.number, document = EXCLUDED.document;
    RETURN NULL;
END $$;
CREATE TRIGGER ideas_fts_keep AFTER INSERT OR UPDATE OF title, body, number ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_fts_keep();

DROP INDEX ideas_search;
