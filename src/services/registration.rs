//! Registering without revealing who has an account: every registration (but the very first,
//! on a site with no accounts to reveal) answers "a link is on its way". A new address gets the
//! link that makes the account; an address that has one gets a note telling its owner so.

use chrono::Duration;

use super::ServiceResult;
use super::accounts::{self, Account, NewAccount, Registration};
use super::mail_queue;
use super::rate_limits::{self, Attempt, AuthAction};
use crate::db::locks::{self, Guarded};
use crate::db::models::pending_registrations::{self, NewPendingRegistration, PendingRegistration};
use crate::db::models::users;
use crate::db::{Db, DbConnection};
use crate::domain::accounts::DisplayName;
use crate::domain::roles::Role;
use crate::domain::validation::FieldErrors;
use crate::domain::{clock, secrets};
use crate::mail::messages;
use crate::services::error::ServiceError;

/// What a person is told after registering (page and API alike).
pub const LINK_SENT: &str = "Check your email: a link to finish creating your account is on its \
    way. It works once, within 24 hours. If the address already has an account, its owner hears \
    how to log in instead.";

/// How long a registration link works.
pub const LINK_LIFETIME: Duration = Duration::hours(24);

/// What a registration came to.
#[derive(Debug)]
pub enum Registered {
    /// The site had no account: the first is made at once and is the administrator.
    FirstAccount(Account),
    /// A link (or, for an address with an account, a note to its owner) is on its way: the
    /// answer is the same either way.
    LinkSent,
}

/// Checks a registration (field errors are shown at once: they reveal nothing) and answers the
/// same whether or not the address has an account. Both paths hash the password, so they take
/// the same time.
pub fn request(
    db: &mut Db,
    attempt: &Attempt,
    base_url: &str,
    input: &Registration,
) -> ServiceResult<Registered> {
    attempt.count(db, AuthAction::Register)?;
    let valid = input.parse().map_err(ServiceError::Validation)?;
    let password_hash = secrets::hash_password(valid.password.expose())
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!(e)))?;
    let new = NewAccount {
        email: valid.email.as_str(),
        email_normalized: valid.email.normalized(),
        name: valid.name.as_str(),
        password_hash: &password_hash,
    };
    let base_url = base_url.trim_end_matches('/');
    let registered = db.write(|conn| {
        // Serialises concurrent first registrations (SQLite's write transaction already does).
        locks::lock_until_commit(conn, Guarded::FirstAccount)?;
        if users::count(conn)? == 0 {
            return Ok(Registered::FirstAccount(accounts::insert_account(
                conn,
                &new,
                Role::Admin,
            )?));
        }
        accounts::refuse_staff_lookalike(conn, &valid.name)?;
        if !rate_limits::allow_account_mail(conn, "register", new.email_normalized)? {
            tracing::warn!("registration mail not sent: this hour's allowance is used");
            return Ok(Registered::LinkSent);
        }
        match users::find_by_email(conn, new.email_normalized)? {
            Some(owner) => tell_the_owner(conn, base_url, &owner)?,
            None => send_link(conn, base_url, &new)?,
        }
        Ok::<_, ServiceError>(Registered::LinkSent)
    })?;
    if let Registered::FirstAccount(account) = &registered {
        tracing::info!(user_id = %account.id, "first account registered as admin");
    }
    Ok(registered)
}

/// Keeps the registration until its link is used, and queues the link.
fn send_link(conn: &mut DbConnection, base_url: &str, new: &NewAccount<'_>) -> ServiceResult<()> {
    let token = secrets::new_token("");
    let now = clock::now();
    let id = clock::new_id();
    pending_registrations::insert(
        conn,
        &NewPendingRegistration {
            id: &id,
            token_hash: &secrets::token_hash(&token),
            email: new.email,
            email_normalized: new.email_normalized,
            name: new.name,
            password_hash: new.password_hash,
            created_at: now,
            expires_at: now + LINK_LIFETIME,
        },
    )?;
    let email = messages::confirm_registration(
        crate::i18n::Lang::board_default(),
        new.name,
        &format!("{base_url}/register/{token}"),
    );
    mail_queue::queue_now(
        conn,
        &format!("confirm_registration:{id}"),
        new.email,
        "confirm_registration",
        &email,
    )?;
    Ok(())
}

/// Tells an account's owner that someone tried to register with their address.
fn tell_the_owner(
    conn: &mut DbConnection,
    base_url: &str,
    owner: &users::User,
) -> ServiceResult<()> {
    let email = messages::registration_for_existing_account(
        crate::i18n::Lang::of_person(owner.locale.as_deref()),
        &owner.name,
        &format!("{base_url}/login"),
        &format!("{base_url}/reset"),
    );
    let event = format!("registration_for_existing:{}", clock::new_id());
    mail_queue::queue_now(
        conn,
        &event,
        &owner.email,
        "registration_for_existing",
        &email,
    )?;
    Ok(())
}

/// The name a usable link will register, so its page can greet the person (`None` when the
/// link is unknown, used or expired).
pub fn waiting_name(db: &mut Db, token: &str) -> ServiceResult<Option<String>> {
    let conn = db.conn()?;
    let found =
        pending_registrations::find_usable(conn, &secrets::token_hash(token), clock::now())?;
    Ok(found.map(|pending| pending.name))
}

/// What a person types on the page their link opens: the name (kept unless changed; absent
/// keeps it) and the password they chose when registering, which proves that whoever follows
/// the link is whoever registered (a link sent to someone else's address makes nothing).
#[derive(Debug, Default)]
pub struct Confirmation {
    pub name: Option<String>,
    pub password: String,
}

/// What `check` found: the registration and the name to make the account with.
#[derive(Debug)]
pub struct Confirmed {
    pending: PendingRegistration,
    name: DisplayName,
}

/// Checks a confirmation against the registration its link stands for, outside any write (the
/// password check is slow). `NotFound` for an unknown, used or expired link; a wrong password
/// counts as a failed log-in for the address and is answered at its field.
pub fn check(
    db: &mut Db,
    attempt: &Attempt,
    token: &str,
    input: &Confirmation,
) -> ServiceResult<Confirmed> {
    attempt.count(db, AuthAction::Register)?;
    let pending =
        pending_registrations::find_usable(db.conn()?, &secrets::token_hash(token), clock::now())?
            .ok_or(ServiceError::NotFound)?;
    let check = attempt.begin_password_check(db, &pending.email_normalized)?;
    let mut errors = FieldErrors::default();
    let name = errors.take(
        "name",
        DisplayName::parse(input.name.as_deref().unwrap_or(&pending.name)),
    );
    if secrets::verify_password(&input.password, &pending.password_hash) {
        check.succeeded(db)?;
    } else {
        check.failed();
        errors.add("password", WRONG_PASSWORD);
    }
    match name {
        Some(name) if errors.is_empty() => Ok(Confirmed { pending, name }),
        _ => Err(ServiceError::Validation(errors)),
    }
}

const WRONG_PASSWORD: &str = "This is not the password you chose when you registered. If you \
    no longer know it, register again: a new link replaces this one.";

/// Makes the account a checked confirmation stands for, inside the caller's write (once: the
/// link, and any other waiting for the same address, is used up in one statement, so two links
/// confirmed at once cannot wait on each other). `NotFound` when another link for the address
/// won, or the address found an account meanwhile.
pub fn confirm(conn: &mut DbConnection, confirmed: &Confirmed) -> ServiceResult<Account> {
    let Confirmed { pending, name } = confirmed;
    let used = pending_registrations::take_all_for_email(conn, &pending.email_normalized)?;
    if !used.contains(&pending.id) {
        return Err(ServiceError::NotFound);
    }
    if users::find_by_email(conn, &pending.email_normalized)?.is_some() {
        return Err(ServiceError::NotFound);
    }
    // Staff may have joined, or been renamed, since the registration was checked.
    accounts::refuse_staff_lookalike(conn, name)?;
    let role = match users::count(conn)? {
        0 => Role::Admin,
        _ => Role::Member,
    };
    let account = accounts::insert_account(
        conn,
        &NewAccount {
            email: &pending.email,
            email_normalized: &pending.email_normalized,
            name: name.as_str(),
            password_hash: &pending.password_hash,
        },
        role,
    )?;
    tracing::info!(user_id = %account.id, "account registered through its emailed link");
    Ok(account)
}

/// Forgets registrations whose link expired.
pub fn purge_expired(db: &mut Db) -> ServiceResult<usize> {
    let now = clock::now();
    db.write(|conn| Ok(pending_registrations::delete_expired(conn, now)?))
}
