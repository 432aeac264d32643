-- Ending a session (sign-out, a password change, a ban, the sweep of expired ones), changing
-- whose it is, or moving its expiry earlier counts as a change in content_version: a page kept for
-- one visit is then reused only while the session behind it is as it was when the page was kept.
-- Pushing an idle expiry forward is not counted (a kept page is never reused past the expiry it
-- was kept with). Row triggers, so a sweep that finds nothing to delete counts nothing.
CREATE TRIGGER sessions_content_delete AFTER DELETE ON sessions
FOR EACH ROW EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER sessions_content_update AFTER UPDATE ON sessions
FOR EACH ROW WHEN (NEW.token_hash IS DISTINCT FROM OLD.token_hash
    OR NEW.user_id IS DISTINCT FROM OLD.user_id
    OR NEW.csrf_token IS DISTINCT FROM OLD.csrf_token
    OR NEW.expires_at < OLD.expires_at)
EXECUTE FUNCTION content_version_bump();
