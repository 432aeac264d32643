//! Rate limits for authentication, kept in the database so every instance shares them: a sliding
//! one-minute window per bucket (client IP, account).

use chrono::{Duration, DurationRound, NaiveDateTime};

use super::ServiceResult;
use crate::db::models::rate_limits;
use crate::db::{Db, DbConnection};
use crate::domain::accounts::normalize_email;
use crate::domain::{clock, secrets};
use crate::services::error::ServiceError;

/// Who is trying to register, sign in or reset a password, and how many tries a minute each of
/// their buckets (their address, the account) allows.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub client_ip: String,
    pub per_minute: u32,
}

impl Attempt {
    /// Counts this attempt at `action` (for `email`) and refuses with `RateLimited` past the limit.
    pub fn count(&self, db: &mut Db, action: AuthAction, email: &str) -> ServiceResult<()> {
        check_auth(db, action, &self.client_ip, Some(email), self.per_minute)
    }
}

/// The guarded actions; each has its own buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthAction {
    LogIn,
    Register,
    PasswordReset,
}

impl AuthAction {
    fn as_str(self) -> &'static str {
        match self {
            AuthAction::LogIn => "login",
            AuthAction::Register => "register",
            AuthAction::PasswordReset => "reset",
        }
    }
}

/// Counts one attempt at `action` from `client_ip` (and for `email`, when the action names an
/// account) and refuses with 429 once more than `per_minute` fall in the sliding minute.
pub fn check_auth(
    db: &mut Db,
    action: AuthAction,
    client_ip: &str,
    email: Option<&str>,
    per_minute: u32,
) -> ServiceResult<()> {
    let mut buckets = vec![format!("{}:ip:{client_ip}", action.as_str())];
    if let Some(email) = email.map(normalize_email).filter(|e| !e.is_empty()) {
        // Hashed, so the table holds no addresses.
        buckets.push(format!(
            "{}:account:{}",
            action.as_str(),
            &secrets::token_hash(&email)[..32]
        ));
    }
    let now = clock::now();
    let verdict = db.write(|conn| {
        let mut retry_after = None;
        for bucket in &buckets {
            if let Some(wait) = hit(conn, bucket, now, per_minute)? {
                retry_after = Some(retry_after.map_or(wait, |w: u64| w.max(wait)));
            }
        }
        Ok::<_, ServiceError>(retry_after)
    })?;
    match verdict {
        Some(retry_after_secs) => {
            tracing::warn!(
                action = action.as_str(),
                client_ip,
                "authentication rate limit reached"
            );
            Err(ServiceError::RateLimited { retry_after_secs })
        }
        None => Ok(()),
    }
}

/// Records a hit; `Some(seconds to wait)` when the bucket is over its limit.
fn hit(
    conn: &mut DbConnection,
    bucket: &str,
    now: NaiveDateTime,
    per_minute: u32,
) -> ServiceResult<Option<u64>> {
    let window = now
        .duration_trunc(Duration::minutes(1))
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("truncating time: {e}")))?;
    let previous = rate_limits::hits_in(conn, bucket, window - Duration::minutes(1))?;
    let current = rate_limits::hit(conn, bucket, window)?;
    let elapsed = (now - window).num_milliseconds() as f64 / 60_000.0;
    let estimate = previous as f64 * (1.0 - elapsed) + current as f64;
    if estimate <= f64::from(per_minute) {
        return Ok(None);
    }
    let seconds_left = 60 - (now - window).num_seconds().clamp(0, 59);
    Ok(Some(seconds_left.max(1) as u64))
}

/// Forgets windows older than two minutes; they no longer count.
pub fn purge_old(db: &mut Db) -> ServiceResult<usize> {
    let cutoff = clock::now() - Duration::minutes(3);
    db.write(|conn| Ok(rate_limits::delete_older_than(conn, cutoff)?))
}
