//! People's own data: everything the board holds about a person, as one JSON document, and the
//! deletion of their account — by themselves (with their password, or a sign-in of the last ten
//! minutes for an account without one) or by an administrator. Their votes go and every count
//! follows; their ideas and comments stay under "deleted account", or are removed if they choose;
//! sessions and tokens end; the account row stays without address, name or password, so the audit
//! log keeps the fact without the person.

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;
use utoipa::ToSchema;

use super::accounts::Account;
use super::error::ServiceError;
use super::{ServiceResult, audit, votes};
use crate::db::models::own_data as rows;
use crate::db::models::users::{self, User};
use crate::db::models::{comments, ideas as idea_rows, moderation};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ids::UserId;
use crate::domain::ranking::HalfLife;
use crate::domain::roles::{Permission, Role};
use crate::domain::secrets;
use crate::domain::validation::{FieldErrors, Text};
use crate::i18n::Lang;

/// How recent a sign-in stands in for the password of an account that has none.
const FRESH_SIGN_IN: Duration = Duration::minutes(10);

/// Everything the board holds about one person (RFC 3339 times, UTC).
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnData {
    pub exported_at: String,
    pub account: OwnAccount,
    pub ideas: Vec<serde_json::Value>,
    pub comments: Vec<serde_json::Value>,
    pub votes: Vec<serde_json::Value>,
    pub follows: Vec<serde_json::Value>,
    pub answer_ratings: Vec<serde_json::Value>,
    pub flags: Vec<serde_json::Value>,
    pub watched_phrases: Vec<serde_json::Value>,
    /// Names and dates only: a token's secret is never kept.
    pub api_tokens: Vec<serde_json::Value>,
    pub sessions: Vec<serde_json::Value>,
    /// The identity providers they sign in with: the provider's key and its id for them.
    pub sign_in_providers: Vec<serde_json::Value>,
    /// The emails sent or waiting for their address: subject and state.
    pub emails: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OwnAccount {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub locale: Option<String>,
    pub created_at: String,
}

fn at(moment: NaiveDateTime) -> String {
    clock::rfc3339(moment)
}

fn maybe(moment: Option<NaiveDateTime>) -> Option<String> {
    moment.map(clock::rfc3339)
}

/// Your own data.
pub fn export(db: &mut Db, actor: &Account) -> ServiceResult<OwnData> {
    actor.require(Permission::ManageOwnAccount)?;
    read_all(db.conn()?, &actor.id)
}

/// Any account's data (administrators).
pub fn export_of(db: &mut Db, admin: &Account, user: &UserId) -> ServiceResult<OwnData> {
    admin.require(Permission::ManageRoles)?;
    let conn = db.conn()?;
    live_user(conn, user)?;
    read_all(conn, user)
}

fn read_all(conn: &mut DbConnection, id: &UserId) -> ServiceResult<OwnData> {
    let user = live_user(conn, id)?;
    Ok(OwnData {
        exported_at: at(clock::now()),
        ideas: rows::ideas_of(conn, id)?
            .into_iter()
            .map(|(number, title, body, status, created, hidden)| {
                serde_json::json!({"number": number, "title": title, "body": body, "status": status,
                       "created_at": at(created), "hidden": hidden.is_some()})
            })
            .collect(),
        comments: rows::comments_of(conn, id)?
            .into_iter()
            .map(|(id, number, body, official, created, deleted)| {
                serde_json::json!({"id": id, "idea": number, "body": body, "official": official,
                       "created_at": at(created), "deleted": deleted.is_some()})
            })
            .collect(),
        votes: rows::votes_of(conn, id)?
            .into_iter()
            .map(|(number, value, cast, changed)| {
                serde_json::json!({"idea": number, "value": value, "created_at": at(cast),
                       "updated_at": at(changed)})
            })
            .collect(),
        follows: rows::follows_of(conn, id)?
            .into_iter()
            .map(|(number, since)| serde_json::json!({"idea": number, "since": at(since)}))
            .collect(),
        answer_ratings: rows::ratings_of(conn, id)?
            .into_iter()
            .map(|(comment, helpful, when)| {
                serde_json::json!({"comment": comment, "helpful": helpful, "created_at": at(when)})
            })
            .collect(),
        flags: rows::flags_of(conn, id)?
            .into_iter()
            .map(|(idea, comment, reason, when)| {
                serde_json::json!({"idea_id": idea, "comment_id": comment, "reason": reason,
                       "created_at": at(when)})
            })
            .collect(),
        watched_phrases: rows::watches_of(conn, id)?
            .into_iter()
            .map(|(phrase, delivery, since)| {
                serde_json::json!({"phrase": phrase, "delivery": delivery, "since": at(since)})
            })
            .collect(),
        api_tokens: tokens_json(conn, id)?,
        sessions: sessions_json(conn, id)?,
        sign_in_providers: providers_json(conn, id)?,
        emails: rows::emails_to(conn, &user.email)?
            .into_iter()
            .map(|(subject, state, queued, sent)| {
                serde_json::json!({"subject": subject, "state": state, "created_at": at(queued),
                       "sent_at": maybe(sent)})
            })
            .collect(),
        account: OwnAccount {
            id: user.id.to_string(),
            email: user.email,
            name: user.name,
            role: user.role,
            locale: user.locale,
            created_at: at(user.created_at),
        },
    })
}

fn tokens_json(conn: &mut DbConnection, id: &UserId) -> ServiceResult<Vec<serde_json::Value>> {
    Ok(rows::tokens_of(conn, id)?
        .into_iter()
        .map(|(name, made, used, revoked)| {
            serde_json::json!({"name": name, "created_at": at(made), "last_used_at": maybe(used),
                   "revoked_at": maybe(revoked)})
        })
        .collect())
}

fn sessions_json(conn: &mut DbConnection, id: &UserId) -> ServiceResult<Vec<serde_json::Value>> {
    Ok(rows::sessions_of(conn, id)?
        .into_iter()
        .map(|(made, seen, expires)| {
            serde_json::json!({"created_at": at(made), "last_seen_at": at(seen),
                   "expires_at": at(expires)})
        })
        .collect())
}

fn providers_json(conn: &mut DbConnection, id: &UserId) -> ServiceResult<Vec<serde_json::Value>> {
    Ok(crate::db::models::identities::of_user(conn, id)?
        .into_iter()
        .map(|(provider, subject, linked)| {
            serde_json::json!({"provider": provider, "subject": subject, "linked_at": at(linked)})
        })
        .collect())
}

fn live_user(conn: &mut DbConnection, id: &UserId) -> ServiceResult<User> {
    users::find_by_id(conn, id)?
        .filter(|user| user.deleted_at.is_none())
        .ok_or(ServiceError::NotFound)
}

/// What a deletion keeps.
#[derive(Debug, Clone, Copy)]
pub struct Deletion {
    /// Keep their ideas and comments under "deleted account" (true), or remove them.
    pub keep_content: bool,
    pub half_life: HalfLife,
}

/// What proves a deletion is its owner's: the password, or for an account without one the
/// browser session it is asked from, begun in the last ten minutes (an API token proves no fresh
/// sign-in: it may have been made from an old session).
#[derive(Debug, Clone, Copy)]
pub struct Proof<'a> {
    pub password: &'a str,
    pub session: Option<&'a str>,
}

/// Deletes your own account, once `password` is right (an account without one: after a sign-in
/// in the last ten minutes). A wrong password is 422 on `password` and changes nothing.
pub fn delete_own(
    db: &mut Db,
    actor: &Account,
    proof: Proof<'_>,
    deletion: Deletion,
) -> ServiceResult<()> {
    actor.require(Permission::ManageOwnAccount)?;
    let conn = db.conn()?;
    let user = live_user(conn, &actor.id)?;
    let confirmed = match (user.password_hash.is_empty(), proof.session) {
        (true, Some(session)) => {
            rows::session_began_since(conn, &user.id, session, clock::now() - FRESH_SIGN_IN)?
        }
        (true, None) => false,
        (false, _) => secrets::verify_password(proof.password, &user.password_hash),
    };
    if !confirmed {
        let why = if user.password_hash.is_empty() {
            "refused-delete-sign-in-again"
        } else {
            "refused-current-password"
        };
        return Err(ServiceError::Validation(FieldErrors::single(
            "password",
            Text::new(why),
        )));
    }
    remove(db, actor, &user.id, deletion)
}

/// Deletes any account but one's own (administrators).
pub fn delete_account(
    db: &mut Db,
    admin: &Account,
    user: &UserId,
    deletion: Deletion,
) -> ServiceResult<()> {
    admin.require(Permission::ManageRoles)?;
    live_user(db.conn()?, user)?;
    if *user == admin.id {
        return Err(ServiceError::conflict_coded(
            "own_account",
            "user",
            Text::new("refused-delete-own-here"),
        ));
    }
    remove(db, admin, user, deletion)
}

/// The deletion itself, in one transaction. The board's last administrator cannot go (409
/// `last_admin`).
fn remove(db: &mut Db, actor: &Account, id: &UserId, deletion: Deletion) -> ServiceResult<()> {
    let lang = Lang::board_default();
    db.write(|conn| {
        let user = users::lock(conn, id)?
            .filter(|user| user.deleted_at.is_none())
            .ok_or(ServiceError::NotFound)?;
        if user.role == Role::Admin.as_str() && users::count_admins(conn)? <= 1 {
            return Err(ServiceError::conflict_coded(
                "last_admin",
                "user",
                Text::new("refused-delete-last-admin"),
            ));
        }
        // Every idea whose counts change, locked first (in one order) against concurrent votes.
        let mut touched = rows::voted_ideas(conn, id)?;
        if !deletion.keep_content {
            touched.extend(
                rows::live_comments_of(conn, id)?
                    .into_iter()
                    .map(|(_, idea)| idea),
            );
        }
        touched.sort();
        touched.dedup();
        for idea in &touched {
            idea_rows::lock(conn, idea)?;
        }
        rows::remove_ratings(conn, id)?;
        rows::remove_their_rows(conn, id, &user.email)?;
        crate::db::models::identities::forget_user(conn, id)?;
        if !deletion.keep_content {
            remove_content(conn, id, lang)?;
        }
        for idea in &touched {
            votes::recount(conn, idea, deletion.half_life)?;
        }
        let shown = lang.t("deleted-account");
        rows::anonymize(conn, id, &shown, clock::now())?;
        rows::relabel_audit(conn, id, &shown)?;
        audit::record(
            conn,
            actor,
            "delete_account",
            "user",
            id.as_str(),
            &shown,
            "",
        )
    })?;
    tracing::info!(user_id = %id, "account deleted");
    Ok(())
}

/// Hides their ideas with their words removed, and deletes their comments' words (the caller
/// recounts the ideas' comments).
fn remove_content(conn: &mut DbConnection, id: &UserId, lang: Lang) -> ServiceResult<()> {
    let now = clock::now();
    let removed = lang.t("removed-by-author");
    rows::remove_watch_matches(conn, id)?;
    for (idea, hidden) in rows::ideas_of_author(conn, id)? {
        if !hidden {
            moderation::set_idea_hidden(conn, &idea, Some(now))?;
        }
        rows::blank_idea(conn, &idea, &removed)?;
    }
    for (comment, _) in rows::live_comments_of(conn, id)? {
        comments::soft_delete(conn, &comment, now)?;
    }
    Ok(())
}
