//! Accounts: registration (the first becomes admin), credentials, password change, roles.

use super::ServiceResult;
pub use super::account::Account;
use super::rate_limits::{Attempt, AuthAction};
use crate::db::locks::{self, Guarded};
use crate::db::models::{api_tokens, sessions, users};
use crate::db::{Db, DbConnection};
use crate::domain::accounts::{DisplayName, Email, NewPassword, normalize_email};
use crate::domain::clock;
use crate::domain::ids::UserId;
use crate::domain::read::{Page, PastLastPage, offset_of, page_within};
use crate::domain::roles::{Permission, Role};
use crate::domain::secrets;
use crate::domain::validation::{FieldErrors, Text, has_control_characters};
use crate::services::error::{ServiceError, is_unique_violation};

/// A registration form or body, as typed.
#[derive(Debug, Clone)]
pub struct Registration {
    pub email: String,
    pub name: String,
    pub password: String,
}

/// Validated registration fields.
pub struct ValidRegistration {
    pub email: Email,
    pub name: DisplayName,
    pub password: NewPassword,
}

impl Registration {
    /// Checks every field, reporting each problem at its field.
    pub fn parse(&self) -> Result<ValidRegistration, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = errors.take("email", Email::parse(&self.email));
        let name = errors.take("name", DisplayName::parse(&self.name));
        let password = errors.take(
            "password",
            NewPassword::parse(
                &self.password,
                &[self.email.as_str(), self.name.as_str(), "ideaboard"],
            ),
        );
        match (email, name, password) {
            (Some(email), Some(name), Some(password)) if errors.is_empty() => {
                Ok(ValidRegistration {
                    email,
                    name,
                    password,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Creates an account. The first account on an empty site becomes `admin`, every later one
/// `member` (or `role`, when an administrator's tool asks for one).
pub fn register(db: &mut Db, input: &Registration, role: Option<Role>) -> ServiceResult<Account> {
    let valid = input.parse().map_err(ServiceError::Validation)?;
    let password_hash = secrets::hash_password(valid.password.expose())
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!(e)))?;
    let result = db.write(|conn| {
        // Serialises concurrent first registrations (SQLite's write transaction already does).
        locks::lock_until_commit(conn, Guarded::FirstAccount)?;
        if users::find_by_email(conn, valid.email.normalized())?.is_some() {
            return Err(duplicate_email());
        }
        let role = match role {
            Some(role) => role,
            None if users::count(conn)? == 0 => Role::Admin,
            None => Role::Member,
        };
        if !role.is_staff() {
            refuse_staff_lookalike(conn, &valid.name)?;
        }
        let new = NewAccount {
            email: valid.email.as_str(),
            email_normalized: valid.email.normalized(),
            name: valid.name.as_str(),
            password_hash: &password_hash,
        };
        insert_account(conn, &new, role)
    });
    if let Ok(account) = &result {
        tracing::info!(user_id = %account.id, role = %account.role, "account registered");
    }
    result
}

/// An account about to be written, its password already hashed.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub email_normalized: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
}

/// Writes an account with `role` (inside the caller's transaction); a taken address is
/// `email_taken`.
pub fn insert_account(
    conn: &mut DbConnection,
    new: &NewAccount<'_>,
    role: Role,
) -> ServiceResult<Account> {
    let now = clock::now();
    let id = UserId::generate();
    users::insert(
        conn,
        &users::NewUser {
            id: &id,
            email: new.email,
            email_normalized: new.email_normalized,
            name: new.name,
            password_hash: new.password_hash,
            role: role.as_str(),
            created_at: now,
            updated_at: now,
        },
    )
    .map_err(|e| {
        if is_unique_violation(&e) {
            duplicate_email()
        } else {
            e.into()
        }
    })?;
    let user = users::find_by_id(conn, &id)?.ok_or(ServiceError::NotFound)?;
    Account::try_from(user)
}

/// Refuses a member's name that would pass for a role ("Admin") or for someone who runs the
/// board (`DisplayName::imitates`), so only staff look like staff.
pub fn refuse_staff_lookalike(conn: &mut DbConnection, name: &DisplayName) -> ServiceResult<()> {
    let imitated = name.is_reserved()
        || users::staff_names(conn)?
            .iter()
            .any(|(_, staff)| name.imitates(staff));
    if imitated {
        return Err(ServiceError::Validation(FieldErrors::single(
            "name",
            crate::domain::validation::Text::new("error-name-staff"),
        )));
    }
    Ok(())
}

fn duplicate_email() -> ServiceError {
    ServiceError::conflict_coded("email_taken", "email", Text::new("refused-email-taken"))
}

/// A person signing in: counted against the client's volume, then `check_password`.
pub fn log_in(
    db: &mut Db,
    attempt: &Attempt,
    email: &str,
    password: &str,
) -> ServiceResult<Account> {
    attempt.count(db, AuthAction::LogIn)?;
    check_password(db, attempt, email, password)
}

/// `authenticate`, refused for a client that keeps failing on this account, and a wrong
/// password recorded against that client and the account (see `rate_limits`).
pub fn check_password(
    db: &mut Db,
    attempt: &Attempt,
    email: &str,
    password: &str,
) -> ServiceResult<Account> {
    let check = attempt.begin_password_check(db, email)?;
    let outcome = authenticate(db, email, password);
    match outcome {
        Err(ServiceError::InvalidCredentials) => check.failed(),
        _ => check.succeeded(db)?,
    }
    outcome
}

/// Checks an email and password. An unknown email costs the same time and gets the same answer
/// as a wrong password.
pub fn authenticate(db: &mut Db, email: &str, password: &str) -> ServiceResult<Account> {
    let conn = db.conn()?;
    let user = match has_control_characters(email) {
        true => None,
        false => users::find_by_email(conn, &normalize_email(email))?,
    };
    match user {
        Some(user) if secrets::verify_password(password, &user.password_hash) => {
            Account::try_from(user)
        }
        Some(_) => Err(ServiceError::InvalidCredentials),
        None => {
            secrets::burn_password_check(password);
            Err(ServiceError::InvalidCredentials)
        }
    }
}

pub fn find(conn: &mut DbConnection, id: &UserId) -> ServiceResult<Option<Account>> {
    users::find_by_id(conn, id)?
        .map(Account::try_from)
        .transpose()
}

pub fn find_by_email(db: &mut Db, email: &str) -> ServiceResult<Option<Account>> {
    let conn = db.conn()?;
    users::find_by_email(conn, &normalize_email(email))?
        .map(Account::try_from)
        .transpose()
}

/// Changes the name others see (not while banned). A member's new name may not pass for staff
/// (`refuse_staff_lookalike`); staff choose freely.
pub fn rename(db: &mut Db, account: &Account, name: &str) -> ServiceResult<()> {
    let change = ProfileChange {
        name: Some(name.to_string()),
        locale: None,
    };
    update_profile(db, account, &change).map(|_| ())
}

/// What a person changes about themselves; `None` leaves it as it is.
#[derive(Debug, Default, Clone)]
pub struct ProfileChange {
    pub name: Option<String>,
    /// `Some(None)` (or an empty tag) goes back to following the browser.
    pub locale: Option<Option<String>>,
}

/// Applies `change` after checking all of it (nothing is written if any part is refused); the
/// name needs the right to be seen (not banned), the language only one's own account.
pub fn update_profile(
    db: &mut Db,
    account: &Account,
    change: &ProfileChange,
) -> ServiceResult<Account> {
    account.require(Permission::ManageOwnAccount)?;
    let mut errors = FieldErrors::default();
    let name = match &change.name {
        Some(name) => {
            // What others see: a banned person keeps the name they had.
            account.require(Permission::EditOwn)?;
            errors.take("name", DisplayName::parse(name))
        }
        None => None,
    };
    let locale: Option<Option<String>> = match &change.locale {
        None => None,
        Some(None) => Some(None),
        Some(Some(tag)) if tag.trim().is_empty() => Some(None),
        Some(Some(tag)) => match crate::i18n::Lang::parse(tag) {
            Some(lang) => Some(Some(lang.tag())),
            None => {
                let known: Vec<String> = crate::i18n::Lang::all()
                    .into_iter()
                    .map(|lang| lang.tag())
                    .collect();
                errors.add(
                    "locale",
                    crate::domain::validation::Text::new("error-locale")
                        .with("known", known.join(", ")),
                );
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    db.write(|conn| {
        if let Some(name) = &name
            && account.role == Role::Member
        {
            refuse_staff_lookalike(conn, name)?;
        }
        users::update_profile(
            conn,
            &account.id,
            name.as_ref().map(DisplayName::as_str),
            locale.as_ref().map(Option::as_deref),
        )?;
        let user = users::find_by_id(conn, &account.id)?.ok_or(ServiceError::NotFound)?;
        Account::try_from(user)
    })
}

/// Changes the signed-in person's password after checking the current one, and ends every other
/// session of theirs (`keep_session` stays signed in).
pub fn change_password(
    db: &mut Db,
    account: &Account,
    current: &str,
    new: &str,
    keep_session: Option<&str>,
) -> ServiceResult<()> {
    let conn = db.conn()?;
    account.require(Permission::ManageOwnAccount)?;
    let user = users::find_by_id(conn, &account.id)?.ok_or(ServiceError::NotFound)?;
    let mut errors = FieldErrors::default();
    if !secrets::verify_password(current, &user.password_hash) {
        errors.add("current_password", Text::new("refused-current-password"));
    }
    let new_password = errors.take(
        "new_password",
        NewPassword::parse(new, &[&user.email, &user.name, "ideaboard"]),
    );
    if current == new && errors.is_empty() {
        errors.add("new_password", Text::new("refused-same-password"));
    }
    let new_password = match new_password {
        Some(password) if errors.is_empty() => password,
        _ => return Err(ServiceError::Validation(errors)),
    };
    let hash = secrets::hash_password(new_password.expose())
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!(e)))?;
    db.write(|conn| {
        users::set_password_hash(conn, &account.id, &hash, clock::now())?;
        sessions::delete_for_user_except(conn, &account.id, keep_session)?;
        api_tokens::revoke_all_of(conn, &account.id, clock::now())?;
        Ok::<_, ServiceError>(())
    })?;
    tracing::info!(user_id = %account.id, "password changed; other sessions ended");
    Ok(())
}

/// Gives the account `target_id` the role `role`. Only administrators may; an administrator
/// cannot demote themselves, so a site always keeps one.
pub fn set_role(
    db: &mut Db,
    actor: Option<&Account>,
    target_id: &UserId,
    role: Role,
) -> ServiceResult<Account> {
    if let Some(actor) = actor {
        actor.require(Permission::ManageRoles)?;
    }
    db.write(|conn| {
        let target = users::find_by_id(conn, target_id)?.ok_or(ServiceError::NotFound)?;
        if let Some(actor) = actor
            && actor.id == target.id
            && role != Role::Admin
        {
            return Err(ServiceError::Validation(FieldErrors::single(
                "role",
                Text::new("refused-own-admin-role"),
            )));
        }
        users::set_role(conn, &target.id, role.as_str(), clock::now())?;
        if let Some(actor) = actor {
            let label = format!("{} <{}>", target.name, target.email);
            super::audit::record(
                conn,
                actor,
                "set_role",
                "user",
                target.id.as_str(),
                &label,
                role.as_str(),
            )?;
        }
        let updated = users::find_by_id(conn, &target.id)?.ok_or(ServiceError::NotFound)?;
        Account::try_from(updated)
    })
}

/// Every account, for administrators.
pub fn list(
    db: &mut Db,
    actor: &Account,
    page: i64,
    past_last_page: PastLastPage,
) -> ServiceResult<Page<Account>> {
    let conn = db.conn()?;
    actor.require(Permission::ListUsers)?;
    let per_page = 100;
    let total = users::count_live(conn)?;
    let page = page_within(page.max(1), total, per_page, past_last_page)
        .map_err(|message| ServiceError::Validation(FieldErrors::single("page", message)))?;
    let items = users::list(conn, per_page, offset_of(page, per_page))?
        .into_iter()
        .map(Account::try_from)
        .collect::<ServiceResult<_>>()?;
    Ok(Page::exact(items, page, per_page, total))
}
