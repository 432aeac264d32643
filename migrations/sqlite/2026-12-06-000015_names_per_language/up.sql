-- Statuses and tags carry a name per language: a JSON object from language tag to name, e.g.
-- {"de": "Offen", "en": "Open"}. A page shows its language's name, else the board language's,
-- else `name`. The shipped statuses come in English and German while they keep their shipped name.
ALTER TABLE statuses ADD COLUMN names TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tags ADD COLUMN names TEXT NOT NULL DEFAULT '{}';

UPDATE statuses SET names = '{"de":"Offen","en":"Open"}' WHERE slug = 'open' AND name = 'Open';
UPDATE statuses SET names = '{"de":"In Prüfung","en":"Under review"}' WHERE slug = 'under-review' AND name = 'Under review';
UPDATE statuses SET names = '{"de":"Geplant","en":"Planned"}' WHERE slug = 'planned' AND name = 'Planned';
UPDATE statuses SET names = '{"de":"In Arbeit","en":"In progress"}' WHERE slug = 'in-progress' AND name = 'In progress';
UPDATE statuses SET names = '{"de":"Umgesetzt","en":"Implemented"}' WHERE slug = 'implemented' AND name = 'Implemented';
UPDATE statuses SET names = '{"de":"Teilweise umgesetzt","en":"Partially implemented"}' WHERE slug = 'partially-implemented' AND name = 'Partially implemented';
UPDATE statuses SET names = '{"de":"Nicht geplant","en":"Not planned"}' WHERE slug = 'not-planned' AND name = 'Not planned';
UPDATE statuses SET names = '{"de":"Archiviert","en":"Archived"}' WHERE slug = 'archived' AND name = 'Archived';
