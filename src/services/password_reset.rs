//! Password reset: an emailed single-use link valid for one hour, written to the outbox in the
//! same transaction as the link itself.

use chrono::Duration;

use super::ServiceResult;
use super::accounts::Account;
use super::mail_queue;
use super::rate_limits::{self, Attempt, AuthAction};
use crate::db::Db;
use crate::db::models::{api_tokens, password_resets, sessions, users};
use crate::domain::accounts::{NewPassword, normalize_email};
use crate::domain::validation::FieldErrors;
use crate::domain::validation::has_control_characters;
use crate::domain::{clock, secrets};
use crate::mail::messages;
use crate::services::error::ServiceError;

/// How long a reset link works.
pub const LINK_LIFETIME: Duration = Duration::hours(1);

/// Emails a reset link if `email` belongs to an account; answers the same either way.
/// `base_url` is the public site address the link points at.
pub fn request(db: &mut Db, attempt: &Attempt, base_url: &str, email: &str) -> ServiceResult<()> {
    attempt.count(db, AuthAction::PasswordReset)?;
    if has_control_characters(email) {
        // Names no account: answered as any unknown address is.
        return Ok(());
    }
    let token = secrets::new_token("");
    let queued = db.write(|conn| {
        let Some(user) = users::find_by_email(conn, &normalize_email(email))? else {
            return Ok::<_, ServiceError>(false);
        };
        if !rate_limits::allow_account_mail(conn, "reset", &user.email)? {
            tracing::warn!(user_id = %user.id, "reset mail not sent: this hour's allowance is used");
            return Ok(false);
        }
        let now = clock::now();
        let reset_id = clock::new_id();
        password_resets::insert(
            conn,
            &password_resets::NewPasswordReset {
                id: &reset_id,
                user_id: &user.id,
                token_hash: &secrets::token_hash(&token),
                created_at: now,
                expires_at: now + LINK_LIFETIME,
            },
        )?;
        let link = format!("{}/reset/{token}", base_url.trim_end_matches('/'));
        let email =
            messages::password_reset(crate::i18n::Lang::of_person(user.locale.as_deref()), &user.name, &link);
        mail_queue::queue_now(
            conn,
            &format!("password_reset:{reset_id}"),
            &user.email,
            "password_reset",
            &email,
        )?;
        Ok(true)
    })?;
    if queued {
        tracing::info!("password reset link queued");
    }
    Ok(())
}

/// Whether `token` is a usable (unused, unexpired) link, so the form can say so before typing.
pub fn is_usable(db: &mut Db, token: &str) -> ServiceResult<bool> {
    let conn = db.conn()?;
    Ok(password_resets::find_usable(conn, &secrets::token_hash(token), clock::now())?.is_some())
}

/// Sets a new password through a reset link. The link then never works again, nor do the
/// account's other outstanding links, and every session of the account is ended.
pub fn complete(db: &mut Db, token: &str, new_password: &str) -> ServiceResult<Account> {
    let conn = db.conn()?;
    let now = clock::now();
    let reset = password_resets::find_usable(conn, &secrets::token_hash(token), now)?
        .ok_or(ServiceError::NotFound)?;
    let user = users::find_by_id(conn, &reset.user_id)?.ok_or(ServiceError::NotFound)?;
    let password = NewPassword::parse(new_password, &[&user.email, &user.name, "ideaboard"])
        .map_err(|m| ServiceError::Validation(FieldErrors::single("password", m)))?;
    let hash = secrets::hash_password(password.expose())
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!(e)))?;
    db.write(|conn| {
        // Only the first of two racing submissions gets to use the link.
        if password_resets::mark_used(conn, &reset.id, now)? == 0 {
            return Err(ServiceError::NotFound);
        }
        password_resets::void_others(conn, &user.id, now)?;
        users::set_password_hash(conn, &user.id, &hash, now)?;
        sessions::delete_for_user_except(conn, &user.id, None)?;
        api_tokens::revoke_all_of(conn, &user.id, now)?;
        Ok(())
    })?;
    tracing::info!(user_id = %user.id, "password reset completed; sessions ended");
    Account::try_from(user)
}
