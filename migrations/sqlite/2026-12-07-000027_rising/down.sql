DROP TRIGGER IF EXISTS votes_rising_insert;
DROP TRIGGER IF EXISTS votes_rising_delete;
DROP TRIGGER IF EXISTS votes_rising_update;
DROP TABLE idea_weeks;
