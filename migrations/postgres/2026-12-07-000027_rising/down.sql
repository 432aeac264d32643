DROP TRIGGER IF EXISTS votes_rising_insert ON votes;
DROP TRIGGER IF EXISTS votes_rising_delete ON votes;
DROP TRIGGER IF EXISTS votes_rising_update ON votes;
DROP FUNCTION votes_rising();
DROP TABLE idea_weeks;
