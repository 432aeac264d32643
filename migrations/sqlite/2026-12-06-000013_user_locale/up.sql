-- A person's chosen language for pages and emails (a tag such as 'de'); NULL follows the browser.
ALTER TABLE users ADD COLUMN locale TEXT;
