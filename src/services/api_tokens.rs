//! API tokens: created (shown once), listed, revoked, and checked on every API request.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::ServiceResult;
use super::accounts::{self, Account};
use super::rate_limits::{Attempt, AuthAction};
use crate::db::Db;
use crate::db::models::api_tokens::{self, NewApiToken};
use crate::domain::accounts::TokenName;
use crate::domain::roles::Permission;
use crate::domain::validation::FieldErrors;
use crate::domain::{clock, secrets};
use crate::services::error::ServiceError;

/// A token as listed on the account page (never the secret itself).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TokenSummary {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "crate::services::api_tokens::as_rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::services::api_tokens::as_rfc3339_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_used_at: Option<NaiveDateTime>,
    #[serde(serialize_with = "crate::services::api_tokens::as_rfc3339_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<NaiveDateTime>,
}

/// A token just created: `secret` is shown once and never stored.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub secret: String,
    pub summary: TokenSummary,
}

/// Writes a timestamp as RFC 3339 UTC.
pub fn as_rfc3339<S: serde::Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&clock::rfc3339(*at))
}

/// Writes an optional timestamp as RFC 3339 UTC or null.
pub fn as_rfc3339_opt<S: serde::Serializer>(
    at: &Option<NaiveDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => s.serialize_str(&clock::rfc3339(*at)),
        None => s.serialize_none(),
    }
}

fn summary(token: api_tokens::ApiToken) -> TokenSummary {
    TokenSummary {
        id: token.id,
        name: token.name,
        created_at: token.created_at,
        last_used_at: token.last_used_at,
        revoked_at: token.revoked_at,
    }
}

/// Issues a new token for `account`, named `name`.
pub fn create(db: &mut Db, account: &Account, name: &str) -> ServiceResult<IssuedToken> {
    account.require(Permission::ManageOwnAccount)?;
    let name = TokenName::parse(name)
        .map_err(|m| ServiceError::Validation(FieldErrors::single("name", m)))?;
    let secret = secrets::new_token("ib_");
    let id = clock::new_id();
    db.write(|conn| {
        api_tokens::insert(
            conn,
            &NewApiToken {
                id: &id,
                user_id: &account.id,
                name: name.as_str(),
                token_hash: &secrets::token_hash(&secret),
                created_at: clock::now(),
            },
        )?;
        Ok::<_, ServiceError>(())
    })?;
    let token = api_tokens::list_for_user(db.conn()?, &account.id)?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(ServiceError::NotFound)?;
    tracing::info!(user_id = %account.id, token_id = %id, "API token created");
    Ok(IssuedToken {
        secret,
        summary: summary(token),
    })
}

/// Logs in with email and password and issues a token in one step (the API's `POST /tokens`).
pub fn create_with_password(
    db: &mut Db,
    attempt: &Attempt,
    email: &str,
    password: &str,
    name: &str,
) -> ServiceResult<IssuedToken> {
    attempt.count(db, AuthAction::LogIn)?;
    // Validate the name first, so a bad name costs no password check.
    TokenName::parse(name).map_err(|m| ServiceError::Validation(FieldErrors::single("name", m)))?;
    let account = accounts::check_password(db, attempt, email, password)?;
    create(db, &account, name)
}

/// The account's tokens, newest first.
pub fn list(db: &mut Db, account: &Account) -> ServiceResult<Vec<TokenSummary>> {
    let conn = db.conn()?;
    Ok(api_tokens::list_for_user(conn, &account.id)?
        .into_iter()
        .map(summary)
        .collect())
}

/// Revokes one of the account's own tokens; 404 for anyone else's or an unknown one.
pub fn revoke(db: &mut Db, account: &Account, token_id: &str) -> ServiceResult<()> {
    let changed = db.write(|conn| {
        Ok::<_, ServiceError>(api_tokens::revoke(
            conn,
            &account.id,
            token_id,
            clock::now(),
        )?)
    })?;
    if changed == 0 {
        return Err(ServiceError::NotFound);
    }
    tracing::info!(user_id = %account.id, token_id, "API token revoked");
    Ok(())
}

/// The account behind a bearer token, or 401 for an unknown or revoked one.
pub fn authenticate(db: &mut Db, bearer: &str) -> ServiceResult<Account> {
    let conn = db.conn()?;
    let token = api_tokens::find_active_by_hash(conn, &secrets::token_hash(bearer.trim()))?
        .ok_or(ServiceError::Unauthorized)?;
    let account = accounts::find(conn, &token.user_id)?.ok_or(ServiceError::Unauthorized)?;
    let now = clock::now();
    if token
        .last_used_at
        .is_none_or(|used| now - used > chrono::Duration::minutes(10))
    {
        db.write(|conn| Ok::<_, ServiceError>(api_tokens::mark_used(conn, &token.id, now)?))?;
    }
    Ok(account)
}
