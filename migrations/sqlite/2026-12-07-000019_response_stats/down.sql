DROP TRIGGER ideas_response_delete;
DROP TRIGGER ideas_response_update;
DROP TRIGGER ideas_response_insert;
DROP TABLE response_times;
DROP TABLE response_days;
