DROP TRIGGER response_times_month ON response_times;
DROP TRIGGER response_days_month ON response_days;
DROP FUNCTION response_times_month();
DROP FUNCTION response_days_month();
DROP TABLE response_month_times;
DROP TABLE response_months;
