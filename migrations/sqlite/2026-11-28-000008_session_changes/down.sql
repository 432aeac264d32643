DROP TRIGGER sessions_content_update;
DROP TRIGGER sessions_content_delete;
