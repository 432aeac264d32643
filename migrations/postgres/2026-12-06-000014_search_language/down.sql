CREATE OR REPLACE FUNCTION ideas_fts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ideas_fts (idea_id, number, document)
    VALUES (NEW.id, NEW.number,
            setweight(to_tsvector('english', NEW.title), 'A')
            || setweight(to_tsvector('english', NEW.body), 'B'))
    ON CONFLICT (idea_id) DO UPDATE SET number = EXCLUDED.number, document = EXCLUDED.document;
    RETURN NULL;
END $$;
DROP FUNCTION ideas_fts_document(TEXT, TEXT);
DELETE FROM settings WHERE key = 'search_language';
UPDATE ideas_fts SET document = setweight(to_tsvector('english', i.title), 'A')
    || setweight(to_tsvector('english', i.body), 'B')
FROM ideas i WHERE i.id = ideas_fts.idea_id;
