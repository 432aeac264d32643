DROP TRIGGER sessions_content_update ON sessions;
DROP TRIGGER sessions_content_delete ON sessions;
