-- Ending a session (sign-out, a password change, a ban, the sweep of expired ones), changing
-- whose it is, or moving its expiry earlier counts as a change in content_version: a page kept for
-- one visit is then reused only while the session behind it is as it was when the page was kept.
-- Pushing an idle expiry forward is not counted (a kept page is never reused past the expiry it
-- was kept with).
CREATE TRIGGER sessions_content_delete AFTER DELETE ON sessions BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
CREATE TRIGGER sessions_content_update AFTER UPDATE ON sessions
WHEN NEW.token_hash IS NOT OLD.token_hash OR NEW.user_id IS NOT OLD.user_id
    OR NEW.csrf_token IS NOT OLD.csrf_token OR NEW.expires_at < OLD.expires_at
BEGIN
    UPDATE content_version SET changes = changes + 1 WHERE shard = 0;
END;
