DROP TABLE rate_limits;
DROP TABLE outbox;
DROP TABLE password_resets;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
