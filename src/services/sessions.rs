//! Browser sessions: sign-in with a fresh token, idle expiry, sign-out. New visitors get no
//! session (their forms carry a signed cookie's token); anonymous sessions made by older versions
//! still resolve until they expire.

use chrono::{Duration, NaiveDateTime};

use super::ServiceResult;
use super::accounts::{Account, Registration};
use super::rate_limits::Attempt;
use super::registration::{self, Registered};
use crate::db::models::sessions::{self, NewSession};
use crate::db::{Db, DbConnection};
use crate::domain::{clock, secrets};
use crate::services::error::ServiceError;

/// How long a signed-in session lives without being used.
pub const SIGNED_IN_IDLE: Duration = Duration::days(30);
/// How long an anonymous session (holding only a CSRF token) lives without being used.
pub const ANONYMOUS_IDLE: Duration = Duration::days(1);
/// Activity is written back at most this often, so reads stay reads.
const TOUCH_EVERY: Duration = Duration::minutes(10);

/// A session found from its cookie, with the signed-in person if any.
#[derive(Debug, Clone)]
pub struct Visit {
    pub session_id: String,
    pub csrf_token: String,
    pub account: Option<Account>,
    /// True when this look-up pushed the idle expiry forward, so the cookie should be renewed.
    pub renewed: bool,
    /// Until when a look-up of the same token finds the same: before the session expires and
    /// before its activity is next written back (a page kept for this visit is reused until then,
    /// and while the content version, which counts ended sessions, has not moved).
    pub unchanged_until: NaiveDateTime,
}

/// A session just created: the cookie value is only known now.
#[derive(Debug, Clone)]
pub struct NewVisit {
    pub cookie_token: String,
    pub visit: Visit,
    pub expires_at: NaiveDateTime,
}

/// Looks up the live session behind a cookie token, extending its idle expiry now and then.
/// A banned or deleted account still resolves (banned people can read and sign out).
pub fn resolve(db: &mut Db, cookie_token: &str) -> ServiceResult<Option<Visit>> {
    let conn = db.conn()?;
    let now = clock::now();
    let Some(session) = sessions::find_live(conn, &secrets::token_hash(cookie_token), now)? else {
        return Ok(None);
    };
    let account = match &session.user_id {
        Some(user_id) => match super::accounts::find(conn, user_id)? {
            Some(account) => Some(account),
            None => return Ok(None),
        },
        None => None,
    };
    let renewed = now - session.last_seen_at > TOUCH_EVERY;
    let (mut last_seen_at, mut expires_at) = (session.last_seen_at, session.expires_at);
    if renewed {
        let idle = if account.is_some() {
            SIGNED_IN_IDLE
        } else {
            ANONYMOUS_IDLE
        };
        (last_seen_at, expires_at) = (now, now + idle);
        db.write(|conn| {
            Ok::<_, ServiceError>(sessions::touch(
                conn,
                &session.id,
                last_seen_at,
                expires_at,
            )?)
        })?;
    }
    Ok(Some(Visit {
        session_id: session.id,
        csrf_token: session.csrf_token,
        account,
        renewed,
        unchanged_until: expires_at.min(last_seen_at + TOUCH_EVERY),
    }))
}

fn create(conn: &mut DbConnection, account: Option<Account>) -> ServiceResult<NewVisit> {
    let now = clock::now();
    let cookie_token = secrets::new_token("ibs_");
    let csrf_token = secrets::new_token("");
    let id = clock::new_id();
    let expires_at = now
        + if account.is_some() {
            SIGNED_IN_IDLE
        } else {
            ANONYMOUS_IDLE
        };
    sessions::insert(
        conn,
        &NewSession {
            id: &id,
            token_hash: &secrets::token_hash(&cookie_token),
            user_id: account.as_ref().map(|a| &a.id),
            csrf_token: &csrf_token,
            created_at: now,
            last_seen_at: now,
            expires_at,
        },
    )?;
    Ok(NewVisit {
        cookie_token,
        visit: Visit {
            session_id: id,
            csrf_token,
            account,
            renewed: false,
            unchanged_until: expires_at.min(now + TOUCH_EVERY),
        },
        expires_at,
    })
}

/// What signing up came to.
#[derive(Debug)]
pub enum SignUp {
    /// The first account of the site, signed in at once.
    SignedIn(Box<NewVisit>),
    /// A link is on its way (the same answer whether or not the address has an account).
    LinkSent,
}

/// Signs a person up (rate-limited; see `registration::request`): the site's first account is
/// signed in at once, every later one finishes through the emailed link.
pub fn sign_up(
    db: &mut Db,
    attempt: &Attempt,
    base_url: &str,
    input: &Registration,
    previous_session: Option<&str>,
) -> ServiceResult<SignUp> {
    match registration::request(db, attempt, base_url, input)? {
        Registered::FirstAccount(account) => Ok(SignUp::SignedIn(Box::new(sign_in(
            db,
            account,
            previous_session,
        )?))),
        Registered::LinkSent => Ok(SignUp::LinkSent),
    }
}

/// Checks a registration link's confirmation, then makes the account and signs its owner in,
/// in one transaction.
pub fn confirm_and_sign_in(
    db: &mut Db,
    attempt: &Attempt,
    token: &str,
    input: &registration::Confirmation,
    previous_session: Option<&str>,
) -> ServiceResult<NewVisit> {
    let confirmed = registration::check(db, attempt, token, input)?;
    db.write(|conn| {
        let account = registration::confirm(conn, &confirmed)?;
        if let Some(previous) = previous_session {
            sessions::delete(conn, previous)?;
        }
        create(conn, Some(account))
    })
}

/// Checks a person's email and password (rate-limited) and signs them in.
pub fn log_in(
    db: &mut Db,
    attempt: &Attempt,
    email: &str,
    password: &str,
    previous_session: Option<&str>,
) -> ServiceResult<NewVisit> {
    let account = super::accounts::log_in(db, attempt, email, password)?;
    sign_in(db, account, previous_session)
}

/// Signs `account` in with a brand-new session token and CSRF token; the previous session (if
/// any) is deleted, so a token planted before sign-in is worthless after it.
pub fn sign_in(
    db: &mut Db,
    account: Account,
    previous_session: Option<&str>,
) -> ServiceResult<NewVisit> {
    db.write(|conn| sign_in_within(conn, account, previous_session))
}

/// `sign_in` inside the caller's transaction.
pub fn sign_in_within(
    conn: &mut DbConnection,
    account: Account,
    previous_session: Option<&str>,
) -> ServiceResult<NewVisit> {
    if let Some(previous) = previous_session {
        sessions::delete(conn, previous)?;
    }
    create(conn, Some(account))
}

/// Ends a session: its token no longer signs anyone in.
pub fn sign_out(db: &mut Db, session_id: &str) -> ServiceResult<()> {
    db.write(|conn| {
        sessions::delete(conn, session_id)?;
        Ok(())
    })
}

/// Deletes expired sessions; returns how many.
pub fn purge_expired(db: &mut Db) -> ServiceResult<usize> {
    let now = clock::now();
    db.write(|conn| Ok(sessions::delete_expired(conn, now)?))
}
