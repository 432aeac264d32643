DROP TRIGGER response_times_month_delete;
DROP TRIGGER response_days_month_delete;
DROP TRIGGER response_times_month_update;
DROP TRIGGER response_days_month_update;
DROP TRIGGER response_times_month_insert;
DROP TRIGGER response_days_month_insert;
DROP TABLE response_month_times;
DROP TABLE response_months;
