//! Signing in through identity providers: a sign-in begun and taken back once, the account a
//! provider's verified person becomes (found by an earlier link, linked by a verified address, or
//! made), and the link an account's password confirms.

use chrono::{Duration, NaiveDateTime};

use super::ServiceResult;
use super::accounts::{self, Account, NewAccount};
use super::rate_limits::Attempt;
use super::sessions::{self, NewVisit};
use crate::config::SignIn;
use crate::db::locks::{self, Guarded};
use crate::db::models::identities::{self, LinkRow, SignInRow};
use crate::db::models::users;
use crate::db::{Db, DbConnection};
use crate::domain::accounts::{DisplayName, Email};
use crate::domain::roles::Role;
use crate::domain::secrets;
use crate::domain::sign_in::{SignInRefusal, VerifiedPerson};
use crate::domain::validation::{FieldErrors, Text};
use crate::services::error::ServiceError;

/// How long a sign-in at a provider, and the password step after it, may take.
pub const LIFETIME: Duration = Duration::minutes(10);

/// Keeps a sign-in begun at `provider` until the person returns (found by its state's hash);
/// counted against the client's log-in attempts, as each one writes a row.
pub fn begin(db: &mut Db, attempt: &Attempt, row: SignInRow) -> ServiceResult<()> {
    attempt.count(db, super::rate_limits::AuthAction::LogIn)?;
    db.write(|conn| {
        identities::begin(conn, &row)?;
        Ok(())
    })
}

/// Takes back the sign-in whose state came back in the URL, once: it must be the state this
/// browser's cookie holds, begun within `LIFETIME` of `now`.
pub fn take(
    db: &mut Db,
    returned_state: &str,
    cookie_state: Option<&str>,
    now: NaiveDateTime,
) -> ServiceResult<Result<SignInRow, SignInRefusal>> {
    let same = cookie_state.is_some_and(|kept| secrets::constant_time_eq(kept, returned_state));
    if !same {
        return Ok(Err(SignInRefusal::StateMismatch));
    }
    let hash = secrets::token_hash(returned_state);
    let row = db.write(|conn| Ok::<_, ServiceError>(identities::take_sign_in(conn, &hash)?))?;
    Ok(match row {
        None => Err(SignInRefusal::StateMismatch),
        Some(row) if row.created_at + LIFETIME < now => Err(SignInRefusal::TookTooLong),
        Some(row) => Ok(row),
    })
}

/// Where a verified person's arrival leads.
#[derive(Debug)]
pub enum Arrival {
    /// Signed in (a new account, a linked one, or one linked just now).
    SignedIn(Box<NewVisit>),
    /// Their verified address has an account with a password: they type it once to link. The
    /// token goes into the browser's cookie.
    NeedsPassword {
        token: String,
        email: String,
    },
    Refused(SignInRefusal),
}

/// The account `person` (verified by `provider`) signs in as: the one linked to them, else the
/// one with their verified address (linked now, or after its password when it has one and
/// passwords are on), else a new one — if the address may join. The first account of an empty
/// site is its administrator, as with a password.
pub fn arrive(
    db: &mut Db,
    policy: &SignIn,
    provider: &str,
    person: &VerifiedPerson,
    return_to: &str,
    previous_session: Option<&str>,
) -> ServiceResult<Arrival> {
    db.write(|conn| {
        if let Some(user) = identities::user_of(conn, provider, &person.subject)?
            && let Some(account) = accounts::find(conn, &user)?
        {
            let visit = sessions::sign_in_within(conn, account, previous_session)?;
            return Ok(Arrival::SignedIn(Box::new(visit)));
        }
        let email = match (&person.email, person.email_verified) {
            (Some(raw), true) => match Email::parse(raw) {
                Ok(email) => email,
                Err(_) => return Ok(Arrival::Refused(SignInRefusal::NoVerifiedEmail)),
            },
            _ => return Ok(Arrival::Refused(SignInRefusal::NoVerifiedEmail)),
        };
        let now = crate::domain::clock::now();
        let account = match users::find_by_email(conn, email.normalized())? {
            Some(user) if policy.password_login && !user.password_hash.is_empty() => {
                let token = secrets::new_token("");
                identities::wait_for_password(
                    conn,
                    &LinkRow {
                        token_hash: secrets::token_hash(&token),
                        provider: provider.to_string(),
                        subject: person.subject.clone(),
                        user_id: user.id.as_str().to_string(),
                        return_to: return_to.to_string(),
                        created_at: now,
                    },
                )?;
                let email = user.email;
                return Ok(Arrival::NeedsPassword { token, email });
            }
            Some(user) => Account::try_from(user)?,
            None if !policy.may_join(email.as_str()) => {
                return Ok(Arrival::Refused(SignInRefusal::NotAllowedToJoin));
            }
            None => make_account(conn, &email, person.name.as_deref())?,
        };
        let account = match identities::link(conn, (provider, &person.subject), &account.id, now)? {
            0 => linked_meanwhile(conn, provider, &person.subject)?,
            _ => account,
        };
        tracing::info!(user_id = %account.id, provider, "signed in through a provider");
        let visit = sessions::sign_in_within(conn, account, previous_session)?;
        Ok(Arrival::SignedIn(Box::new(visit)))
    })
}

/// The account a concurrent first sign-in of the same subject linked.
fn linked_meanwhile(
    conn: &mut DbConnection,
    provider: &str,
    subject: &str,
) -> ServiceResult<Account> {
    let user = identities::user_of(conn, provider, subject)?.ok_or(ServiceError::NotFound)?;
    accounts::find(conn, &user)?.ok_or(ServiceError::NotFound)
}

/// A new account without a password, named by the provider's name for the person (or the
/// address's local part) unless that would pass for staff.
fn make_account(
    conn: &mut DbConnection,
    email: &Email,
    name: Option<&str>,
) -> ServiceResult<Account> {
    locks::lock_until_commit(conn, Guarded::FirstAccount)?;
    let first = users::count(conn)? == 0;
    let local = email.as_str().split('@').next().unwrap_or_default();
    let mut chosen = None;
    for candidate in [name.unwrap_or_default(), local] {
        let Ok(parsed) = DisplayName::parse(candidate) else {
            continue;
        };
        if first || accounts::refuse_staff_lookalike(conn, &parsed).is_ok() {
            chosen = Some(parsed.as_str().to_string());
            break;
        }
    }
    let name = chosen.unwrap_or_else(|| "Member".to_string());
    let role = if first { Role::Admin } else { Role::Member };
    accounts::insert_account(
        conn,
        &NewAccount {
            email: email.as_str(),
            email_normalized: email.normalized(),
            name: &name,
            password_hash: "",
        },
        role,
    )
}

/// The address waiting to be linked with this token, if it is still waiting.
pub fn waiting_email(db: &mut Db, token: &str) -> ServiceResult<Option<String>> {
    let conn = db.conn()?;
    let since = crate::domain::clock::now() - LIFETIME;
    let Some(row) = identities::waiting_link(conn, &secrets::token_hash(token), since)? else {
        return Ok(None);
    };
    let user = users::find_by_id(conn, &crate::domain::ids::UserId::from_stored(row.user_id))?;
    Ok(user.map(|u| u.email))
}

/// Links the waiting provider's person to the account whose password they typed, and signs
/// them in. A wrong password is an error at the `password` field (counted like a log-in's).
pub fn link_with_password(
    db: &mut Db,
    attempt: &Attempt,
    token: &str,
    password: &str,
    previous_session: Option<&str>,
) -> ServiceResult<(NewVisit, String)> {
    let hash = secrets::token_hash(token);
    let Some(email) = waiting_email(db, token)? else {
        return Err(ServiceError::NotFound);
    };
    let account = match accounts::check_password(db, attempt, &email, password) {
        Err(ServiceError::InvalidCredentials) => {
            return Err(ServiceError::Validation(FieldErrors::single(
                "password",
                Text::new("sign-in-link-wrong-password"),
            )));
        }
        other => other?,
    };
    db.write(|conn| {
        let since = crate::domain::clock::now() - LIFETIME;
        let Some(row) = identities::waiting_link(conn, &hash, since)? else {
            return Err(ServiceError::NotFound);
        };
        identities::drop_link(conn, &hash)?;
        if identities::user_of(conn, &row.provider, &row.subject)?.is_none() {
            let now = crate::domain::clock::now();
            identities::link(conn, (&row.provider, &row.subject), &account.id, now)?;
        }
        tracing::info!(user_id = %account.id, provider = %row.provider, "a provider was linked");
        let visit = sessions::sign_in_within(conn, account, previous_session)?;
        Ok((visit, row.return_to))
    })
}

/// Deletes sign-ins and waiting links older than their lifetime; how many.
pub fn purge_expired(db: &mut Db) -> ServiceResult<usize> {
    let before = crate::domain::clock::now() - LIFETIME;
    db.write(|conn| Ok(identities::purge_before(conn, before)?))
}

/// Refuses what needs a password when `PASSWORD_LOGIN=off` (log-in, registration, tokens for a
/// password, resets).
pub fn require_passwords(policy: &SignIn) -> ServiceResult<()> {
    if policy.password_login {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            Text::new("refused-password-login-off").into(),
        ))
    }
}

/// Refuses, at the `email` field, an address that may not make an account here.
pub fn require_may_join(policy: &SignIn, email: &str) -> ServiceResult<()> {
    if policy.may_join(email.trim()) {
        Ok(())
    } else {
        Err(ServiceError::Validation(FieldErrors::single(
            "email",
            Text::new("refused-email-domain")
                .with("domains", policy.allowed_email_domains.join(", ")),
        )))
    }
}

/// How a person signs in: whether their account has a password, and the providers linked to it
/// (key, linked at).
#[derive(Debug, Clone, Default)]
pub struct OwnWays {
    pub has_password: bool,
    pub providers: Vec<(String, NaiveDateTime)>,
}

pub fn ways_of(db: &mut Db, account: &Account) -> ServiceResult<OwnWays> {
    let conn = db.conn()?;
    let has_password =
        users::find_by_id(conn, &account.id)?.is_some_and(|user| !user.password_hash.is_empty());
    let providers = identities::of_user(conn, &account.id)?
        .into_iter()
        .map(|(provider, _, linked)| (provider, linked))
        .collect();
    Ok(OwnWays {
        has_password,
        providers,
    })
}
