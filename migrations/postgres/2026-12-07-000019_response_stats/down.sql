DROP TRIGGER ideas_response_delete ON ideas;
DROP TRIGGER ideas_response_update ON ideas;
DROP TRIGGER ideas_response_insert ON ideas;
DROP FUNCTION ideas_response_stats();
DROP FUNCTION response_stats_add(TIMESTAMP, TIMESTAMP, TEXT, BIGINT);
DROP TABLE response_times;
DROP TABLE response_days;
DROP FUNCTION response_hours(TIMESTAMP, TIMESTAMP);
