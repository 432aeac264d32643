-- Statuses and tags carry a name per language: a JSON object from language tag to name, e.g.
-- {"de": "Offen"}. A page shows its language's name, else `name`. The shipped statuses come in
-- English (their name) and German while they keep their shipped name.
ALTER TABLE statuses ADD COLUMN names TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tags ADD COLUMN names TEXT NOT NULL DEFAULT '{}';

UPDATE statuses SET names = '{"de":"Offen"}' WHERE slug = 'open' AND name = 'Open';
UPDATE statuses SET names = '{"de":"In Prüfung"}' WHERE slug = 'under-review' AND name = 'Under review';
UPDATE statuses SET names = '{"de":"Geplant"}' WHERE slug = 'planned' AND name = 'Planned';
UPDATE statuses SET names = '{"de":"In Arbeit"}' WHERE slug = 'in-progress' AND name = 'In progress';
UPDATE statuses SET names = '{"de":"Umgesetzt"}' WHERE slug = 'implemented' AND name = 'Implemented';
UPDATE statuses SET names = '{"de":"Teilweise umgesetzt"}' WHERE slug = 'partially-implemented' AND name = 'Partially implemented';
UPDATE statuses SET names = '{"de":"Nicht geplant"}' WHERE slug = 'not-planned' AND name = 'Not planned';
UPDATE statuses SET names = '{"de":"Archiviert"}' WHERE slug = 'archived' AND name = 'Archived';
