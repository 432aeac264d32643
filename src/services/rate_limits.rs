//! Rate limits for authentication, kept in the database so every instance shares them.
//!
//! The model, so that failures from elsewhere never refuse the owner's correct password:
//! - volume: every attempt counts against its client, a sliding minute per action;
//! - failures: a wrong password counts against (client, account); that client is refused for
//!   that account after `FAILURES_PER_CLIENT` in `FAILURE_WINDOW`, nobody else is. A check
//!   counts as a failure from its start until it succeeds, so parallel guesses count at once;
//! - an account that keeps failing is slowed, not locked: each check of its password waits
//!   `failure_delay` first, doubling with each failure past `FAILURES_BEFORE_DELAY`;
//! - account mail: at most `ACCOUNT_MAILS_PER_HOUR` reset links, and as many registration mails,
//!   to one address, whoever asks.

use std::time::Duration as StdDuration;

use chrono::{Duration, DurationRound, NaiveDateTime};

use super::ServiceResult;
use crate::db::models::rate_limits;
use crate::db::{Db, DbConnection};
use crate::domain::accounts::normalize_email;
use crate::domain::{clock, secrets};
use crate::services::error::ServiceError;

/// Wrong passwords from one client for one account before that client is refused for it.
pub const FAILURES_PER_CLIENT: i64 = 5;
/// How far back failures count.
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// Failures on one account (from anywhere) before its password checks are slowed.
pub const FAILURES_BEFORE_DELAY: i64 = 5;
/// The first delay; each further failure doubles it.
const FIRST_DELAY: StdDuration = StdDuration::from_millis(250);
/// The longest delay: the owner waits at most this long, however hard the account is attacked.
pub const MAX_DELAY: StdDuration = StdDuration::from_secs(8);
/// Reset emails (and, apart, registration emails) to one address per hour.
pub const ACCOUNT_MAILS_PER_HOUR: i64 = 3;

/// Who is trying to register, sign in or reset a password: their address (after the trusted
/// proxies) and how many tries a minute it allows.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub client_ip: String,
    pub per_minute: u32,
}

impl Attempt {
    /// Counts this attempt at `action` against the client's volume; 429 past the limit.
    pub fn count(&self, db: &mut Db, action: AuthAction) -> ServiceResult<()> {
        let bucket = format!("{}:ip:{}", action.as_str(), self.client_key());
        let now = clock::now();
        let per_minute = self.per_minute;
        let verdict = db.write(|conn| hit_per_minute(conn, &bucket, now, per_minute))?;
        refuse_if(verdict, action, &self.client_ip)
    }

    /// Starts checking a password for `email`: refused (429) for a client that already failed
    /// `FAILURES_PER_CLIENT` times on this account; otherwise the check counts as a failure,
    /// against this client for this account and against the account, until `succeeded` says
    /// it was not. Guesses sent in parallel thus count at once, not after each was checked.
    pub fn begin_password_check(&self, db: &mut Db, email: &str) -> ServiceResult<PasswordCheck> {
        let mine = self.failure_bucket(email);
        let account = account_failure_bucket(email);
        let now = clock::now();
        let window = minute_of(now)?;
        db.write(|conn| {
            // Counting first takes the window's row lock, so concurrent checks read each
            // other's counts; a refusal rolls the count back.
            rate_limits::hit(conn, &mine, window)?;
            let windows = windows_within(conn, &mine, now, FAILURE_WINDOW)?;
            let verdict = wait_until_under(&windows, FAILURES_PER_CLIENT + 1, FAILURE_WINDOW, now);
            refuse_if(verdict, AuthAction::LogIn, &self.client_ip)?;
            rate_limits::hit(conn, &account, window)?;
            Ok::<_, ServiceError>(())
        })?;
        Ok(PasswordCheck {
            buckets: [mine, account],
            window,
        })
    }

    fn failure_bucket(&self, email: &str) -> String {
        format!("fail:{}:{}", self.client_key(), account_key(email))
    }

    /// What the limits count against: the IPv4 address, or the IPv6 /64 network, since one
    /// subscriber is usually handed a whole /64 and could otherwise take a fresh address per try.
    fn client_key(&self) -> String {
        match self.client_ip.parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V6(v6)) => ipnet::Ipv6Net::new(v6, 64)
                .map(|net| net.trunc().to_string())
                .unwrap_or_else(|_| self.client_ip.clone()),
            _ => self.client_ip.clone(),
        }
    }
}

/// A password check under way, counted as a failure until `succeeded`.
#[must_use = "a check that succeeded must say so, or it counts as a failure"]
#[derive(Debug)]
pub struct PasswordCheck {
    buckets: [String; 2],
    window: NaiveDateTime,
}

impl PasswordCheck {
    /// The password was right: this check no longer counts as a failure.
    pub fn succeeded(self, db: &mut Db) -> ServiceResult<()> {
        db.write(|conn| {
            for bucket in &self.buckets {
                rate_limits::unhit(conn, bucket, self.window)?;
            }
            Ok(())
        })
    }

    /// The password was wrong: the check stays counted.
    pub fn failed(self) {}
}

/// How long to wait before checking a password for `email`: nothing until the account has
/// `FAILURES_BEFORE_DELAY` recent failures, then `FIRST_DELAY` doubling per failure, at most
/// `MAX_DELAY`. The owner is slowed like everyone else, never refused.
pub fn failure_delay(db: &mut Db, email: &str) -> ServiceResult<StdDuration> {
    let bucket = account_failure_bucket(email);
    let failures: i64 = windows_within(db.conn()?, &bucket, clock::now(), FAILURE_WINDOW)?
        .iter()
        .map(|(_, hits)| hits)
        .sum();
    Ok(delay_after(failures))
}

/// The delay after `failures` recent failures on one account.
pub fn delay_after(failures: i64) -> StdDuration {
    if failures < FAILURES_BEFORE_DELAY {
        return StdDuration::ZERO;
    }
    let doublings = u32::try_from(failures - FAILURES_BEFORE_DELAY).unwrap_or(u32::MAX);
    FIRST_DELAY
        .saturating_mul(2u32.saturating_pow(doublings.min(16)))
        .min(MAX_DELAY)
}

/// Counts one account mail (a reset link, a registration link) to `email` unless
/// `ACCOUNT_MAILS_PER_HOUR` of that `purpose` already went out this hour; false when this one
/// must not be sent. Call inside the write that queues the mail.
pub fn allow_account_mail(
    conn: &mut DbConnection,
    purpose: &str,
    email: &str,
) -> ServiceResult<bool> {
    let bucket = format!("{purpose}-mail:{}", account_key(email));
    let now = clock::now();
    let sent: i64 = windows_within(conn, &bucket, now, Duration::hours(1))?
        .iter()
        .map(|(_, hits)| hits)
        .sum();
    if sent >= ACCOUNT_MAILS_PER_HOUR {
        return Ok(false);
    }
    rate_limits::hit(conn, &bucket, minute_of(now)?)?;
    Ok(true)
}

/// The guarded actions; each has its own volume bucket.
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

/// An account's key in bucket names: a hash of the normalised address, so the table holds none.
fn account_key(email: &str) -> String {
    let hash = secrets::token_hash(&normalize_email(email));
    format!("account:{}", hash.get(..32).unwrap_or(&hash))
}

fn account_failure_bucket(email: &str) -> String {
    format!("fail:any:{}", account_key(email))
}

fn refuse_if(verdict: Option<u64>, action: AuthAction, client_ip: &str) -> ServiceResult<()> {
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

/// The per-minute windows of `bucket` that hold any hit from the last `span`: a window counts
/// while its last minute is younger than `span`, so a limit never lets a hit go early.
fn windows_within(
    conn: &mut DbConnection,
    bucket: &str,
    now: NaiveDateTime,
    span: Duration,
) -> ServiceResult<Vec<(NaiveDateTime, i64)>> {
    Ok(rate_limits::hits_since(
        conn,
        bucket,
        minute_of(now - span)?,
    )?)
}

fn minute_of(now: NaiveDateTime) -> ServiceResult<NaiveDateTime> {
    now.duration_trunc(Duration::minutes(1))
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("truncating time: {e}")))
}

/// Records a hit in a sliding one-minute window; `Some(seconds to wait)` when over the limit.
fn hit_per_minute(
    conn: &mut DbConnection,
    bucket: &str,
    now: NaiveDateTime,
    per_minute: u32,
) -> ServiceResult<Option<u64>> {
    let window = minute_of(now)?;
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

/// Given per-minute `windows` (oldest first) over `span`, `Some(seconds)` until enough of them
/// age out for the total to fall under `limit`, or `None` when it already is.
fn wait_until_under(
    windows: &[(NaiveDateTime, i64)],
    limit: i64,
    span: Duration,
    now: NaiveDateTime,
) -> Option<u64> {
    let mut total: i64 = windows.iter().map(|(_, hits)| hits).sum();
    for (start, hits) in windows {
        if total < limit {
            break;
        }
        total -= hits;
        if total < limit {
            // The window's latest hit may be from its last second: it has aged out only a
            // minute after the window's start has. Whole seconds, rounded up.
            let leaves_at = *start + span + Duration::minutes(1);
            let millis = (leaves_at - now).num_milliseconds().max(1) as u64;
            return Some(millis.div_ceil(1000));
        }
    }
    None
}

/// Forgets windows older than an hour and two minutes; nothing counts that far back.
pub fn purge_old(db: &mut Db) -> ServiceResult<usize> {
    let cutoff = clock::now() - Duration::minutes(62);
    db.write(|conn| Ok(rate_limits::delete_older_than(conn, cutoff)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_starts_after_a_few_failures_doubles_and_stops_growing() {
        assert_eq!(delay_after(0), StdDuration::ZERO);
        assert_eq!(delay_after(FAILURES_BEFORE_DELAY - 1), StdDuration::ZERO);
        assert_eq!(delay_after(FAILURES_BEFORE_DELAY), FIRST_DELAY);
        assert_eq!(delay_after(FAILURES_BEFORE_DELAY + 2), FIRST_DELAY * 4);
        assert_eq!(delay_after(1_000_000), MAX_DELAY);
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_network() {
        let key = |ip: &str| {
            Attempt {
                client_ip: ip.into(),
                per_minute: 1,
            }
            .client_key()
        };
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:bbbb::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("203.0.113.9"), "203.0.113.9");
        assert_eq!(key("unknown"), "unknown");
    }

    #[test]
    fn a_client_waits_until_its_oldest_failures_age_out() {
        let now = NaiveDateTime::parse_from_str("2026-12-05 10:00:30", "%Y-%m-%d %H:%M:%S")
            .expect("time");
        let at =
            |minutes_ago: i64| minute_of(now - Duration::minutes(minutes_ago)).expect("minute");
        let windows = [(at(10), 3), (at(2), 1), (at(0), 1)];
        assert_eq!(wait_until_under(&windows, 6, FAILURE_WINDOW, now), None);
        // Five in all: under the limit once the three of 9:50 have left, which the last of
        // them (9:50:59 at the latest) does at 10:06, 5:30 from now.
        assert_eq!(
            wait_until_under(&windows, 5, FAILURE_WINDOW, now),
            Some(330)
        );
    }
}
