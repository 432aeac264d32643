-- The language the full-text index stems in (SEARCH_LANGUAGE), the setting `search_language`: the
-- index is built in it, new ideas are indexed in it, and `ideaboard reindex` changes it and builds
-- the index again.
INSERT INTO settings (key, value) VALUES ('search_language', 'english');

-- An idea's search document in the index's language: title words weigh more than body words.
CREATE FUNCTION ideas_fts_document(title TEXT, body TEXT) RETURNS TSVECTOR
LANGUAGE plpgsql STABLE AS $$
DECLARE
    config REGCONFIG := COALESCE((SELECT value FROM settings WHERE key = 'search_language'), 'english')::REGCONFIG;
BEGIN
    RETURN setweight(to_tsvector(config, title), 'A') || setweight(to_tsvector(config, body), 'B');
END $$;

CREATE OR REPLACE FUNCTION ideas_fts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ideas_fts (idea_id, number, document)
    VALUES (NEW.id, NEW.number, ideas_fts_document(NEW.title, NEW.body))
    ON CONFLICT (idea_id) DO UPDATE SET number = EXCLUDED.number, document = EXCLUDED.document;
    RETURN NULL;
END $$;
