//! Moderation: hide and unhide ideas and comments, lock comments, ban and unban people, manage
//! tags, flags and their queue. Every action lands in the audit log.

use std::collections::HashMap;

use super::ServiceResult;
use super::accounts::{self, Account};
use super::{audit, votes};
use crate::db::models::moderation::{self, NewFlag};
use crate::db::models::{comments, ideas, sessions, users};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ids::{CommentId, IdeaId, UserId};
use crate::domain::ranking::HalfLife;
use crate::domain::roles::{Permission, Role};
use crate::domain::validation::{FieldErrors, Lines, Text, typed_text};
use crate::services::error::{ServiceError, is_unique_violation};

/// A reason a moderator or flagger gives: 1–500 characters.
fn reason(input: &str) -> ServiceResult<String> {
    let typed = typed_text(input, Lines::Many)
        .map_err(|m| ServiceError::Validation(FieldErrors::single("reason", m)))?;
    let trimmed = typed.trim();
    if trimmed.is_empty() {
        return Err(ServiceError::Validation(FieldErrors::single(
            "reason",
            Text::new("refused-reason-empty"),
        )));
    }
    if trimmed.chars().count() > 500 {
        return Err(ServiceError::Validation(FieldErrors::single(
            "reason",
            Text::new("refused-reason-long"),
        )));
    }
    Ok(trimmed.to_string())
}

fn idea_by_number(conn: &mut DbConnection, number: i64) -> ServiceResult<ideas::Idea> {
    ideas::find_by_number(conn, number)?.ok_or(ServiceError::NotFound)
}

/// Hides (`hide = true`) or shows again an idea; hidden ideas vanish for all but moderators.
pub fn set_idea_hidden(
    db: &mut Db,
    actor: &Account,
    number: i64,
    hide: bool,
    why: &str,
) -> ServiceResult<()> {
    actor.require(Permission::Hide)?;
    let why = if hide {
        reason(why)?
    } else {
        why.trim().to_string()
    };
    db.write(|conn| {
        let idea = idea_by_number(conn, number)?;
        moderation::set_idea_hidden(conn, &idea.id, hide.then(clock::now))?;
        if hide {
            moderation::resolve_flags(
                conn,
                Some(&idea.id),
                None,
                "hidden",
                &actor.id,
                clock::now(),
            )?;
        }
        let action = if hide { "hide_idea" } else { "unhide_idea" };
        audit::record(
            conn,
            actor,
            action,
            "idea",
            idea.id.as_str(),
            &format!("#{} {}", idea.number, idea.title),
            &why,
        )
    })
}

/// Hides or shows again a comment; the idea's comment count follows.
pub fn set_comment_hidden(
    db: &mut Db,
    actor: &Account,
    comment_id: &CommentId,
    hide: bool,
    why: &str,
    half_life: HalfLife,
) -> ServiceResult<()> {
    actor.require(Permission::Hide)?;
    let why = if hide {
        reason(why)?
    } else {
        why.trim().to_string()
    };
    db.write(|conn| {
        let comment = comments::find(conn, comment_id)?.ok_or(ServiceError::NotFound)?;
        let idea = ideas::lock(conn, &comment.idea_id)?.ok_or(ServiceError::NotFound)?;
        moderation::set_comment_hidden(conn, &comment.id, hide.then(clock::now))?;
        if hide {
            moderation::resolve_flags(
                conn,
                None,
                Some(&comment.id),
                "hidden",
                &actor.id,
                clock::now(),
            )?;
        }
        votes::recount(conn, &idea.id, half_life)?;
        let action = if hide {
            "hide_comment"
        } else {
            "unhide_comment"
        };
        let label = format!("comment on #{}", idea.number);
        audit::record(
            conn,
            actor,
            action,
            "comment",
            comment.id.as_str(),
            &label,
            &why,
        )
    })
}

/// Locks or unlocks an idea's comments.
pub fn set_locked(
    db: &mut Db,
    actor: &Account,
    number: i64,
    lock: bool,
    why: &str,
) -> ServiceResult<()> {
    actor.require(Permission::Lock)?;
    db.write(|conn| {
        let idea = idea_by_number(conn, number)?;
        moderation::set_idea_locked(conn, &idea.id, lock.then(clock::now))?;
        let action = if lock { "lock_idea" } else { "unlock_idea" };
        audit::record(
            conn,
            actor,
            action,
            "idea",
            idea.id.as_str(),
            &format!("#{} {}", idea.number, idea.title),
            why.trim(),
        )
    })
}

/// Bans (read only, sessions ended) or unbans a person. Nobody bans themselves or an admin.
pub fn set_banned(
    db: &mut Db,
    actor: &Account,
    user_id: &UserId,
    ban: bool,
    why: &str,
) -> ServiceResult<Account> {
    actor.require(Permission::Ban)?;
    let why = if ban {
        reason(why)?
    } else {
        why.trim().to_string()
    };
    db.write(|conn| {
        let target = accounts::find(conn, user_id)?.ok_or(ServiceError::NotFound)?;
        if ban && (target.id == actor.id || target.role == Role::Admin) {
            return Err(ServiceError::refused(Text::new("refused-ban")));
        }
        moderation::set_banned(conn, &target.id, ban.then(clock::now))?;
        if ban {
            sessions::delete_for_user_except(conn, &target.id, None)?;
        }
        let action = if ban { "ban_user" } else { "unban_user" };
        audit::record(
            conn,
            actor,
            action,
            "user",
            target.id.as_str(),
            &format!("{} <{}>", target.name, target.email),
            &why,
        )?;
        accounts::find(conn, &target.id)?.ok_or(ServiceError::NotFound)
    })
}

/// What a flag points at.
#[derive(Debug, Clone)]
pub enum FlagTarget {
    Idea(i64),
    Comment(CommentId),
}

/// Flags an idea or comment (any signed-in person, once per item).
pub fn flag(db: &mut Db, actor: &Account, target: &FlagTarget, why: &str) -> ServiceResult<()> {
    actor.require(Permission::Flag)?;
    let why = reason(why)?;
    db.write(|conn| {
        let (idea_id, comment_id) = match target {
            FlagTarget::Idea(number) => (Some(idea_by_number(conn, *number)?.id), None),
            FlagTarget::Comment(id) => (
                None,
                Some(comments::find(conn, id)?.ok_or(ServiceError::NotFound)?.id),
            ),
        };
        moderation::insert_flag(
            conn,
            &NewFlag {
                id: &clock::new_id(),
                idea_id: idea_id.as_ref(),
                comment_id: comment_id.as_ref(),
                user_id: &actor.id,
                reason: &why,
                created_at: clock::now(),
            },
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                ServiceError::conflict_coded(
                    "already_flagged",
                    "reason",
                    Text::new("refused-flagged-already"),
                )
            } else {
                e.into()
            }
        })?;
        Ok(())
    })
}

pub use crate::domain::read::FlaggedItem;

/// A flagged item: (idea id, comment id), one of them set.
type FlagKey = (Option<IdeaId>, Option<CommentId>);

/// Unresolved flags grouped by item, most flagged first (moderators).
pub fn flag_queue(db: &mut Db, actor: &Account) -> ServiceResult<Vec<FlaggedItem>> {
    let conn = db.conn()?;
    actor.require(Permission::ReviewFlags)?;
    let mut grouped: HashMap<FlagKey, (Vec<String>, chrono::NaiveDateTime)> = HashMap::new();
    for flag in moderation::open_flags(conn)? {
        let entry = grouped
            .entry((flag.idea_id, flag.comment_id))
            .or_insert((Vec::new(), flag.created_at));
        entry.0.push(flag.reason);
    }
    let mut items = Vec::new();
    for ((idea_id, comment_id), (reasons, first)) in grouped {
        let item = match (idea_id, comment_id) {
            (Some(idea_id), _) => {
                let Some(idea) = ideas::find_by_id(conn, &idea_id)? else {
                    continue;
                };
                FlaggedItem {
                    kind: "idea",
                    idea: idea.number,
                    comment_id: None,
                    title: idea.title,
                    excerpt: idea.excerpt,
                    flags: reasons.len(),
                    reasons,
                }
            }
            (None, Some(comment_id)) => {
                let Some(comment) = comments::find(conn, &comment_id)? else {
                    continue;
                };
                let Some(idea) = ideas::find_by_id(conn, &comment.idea_id)? else {
                    continue;
                };
                let excerpt = crate::domain::markdown::excerpt(&comment.body, 200);
                FlaggedItem {
                    kind: "comment",
                    idea: idea.number,
                    comment_id: Some(comment.id),
                    title: idea.title,
                    excerpt,
                    flags: reasons.len(),
                    reasons,
                }
            }
            (None, None) => continue,
        };
        items.push((item, first));
    }
    items.sort_by(|a, b| b.0.flags.cmp(&a.0.flags).then(a.1.cmp(&b.1)));
    Ok(items.into_iter().map(|(item, _)| item).collect())
}

/// Resolves an item's flags: dismiss them, or hide the item.
pub fn resolve_flags(
    db: &mut Db,
    actor: &Account,
    target: &FlagTarget,
    hide: bool,
    half_life: HalfLife,
) -> ServiceResult<()> {
    actor.require(Permission::ReviewFlags)?;
    match (target, hide) {
        (FlagTarget::Idea(number), true) => set_idea_hidden(db, actor, *number, true, "flagged"),
        (FlagTarget::Comment(id), true) => {
            set_comment_hidden(db, actor, id, true, "flagged", half_life)
        }
        (target, false) => db.write(|conn| {
            let (idea_id, comment_id, label) = match target {
                FlagTarget::Idea(number) => {
                    let idea = idea_by_number(conn, *number)?;
                    (Some(idea.id), None, format!("#{number}"))
                }
                FlagTarget::Comment(id) => (None, Some(id.clone()), "comment".to_string()),
            };
            let resolved = moderation::resolve_flags(
                conn,
                idea_id.as_ref(),
                comment_id.as_ref(),
                "dismissed",
                &actor.id,
                clock::now(),
            )?;
            if resolved == 0 {
                return Err(ServiceError::NotFound);
            }
            let subject = idea_id
                .as_ref()
                .map(IdeaId::as_str)
                .or(comment_id.as_ref().map(CommentId::as_str))
                .unwrap_or_default()
                .to_string();
            audit::record(
                conn,
                actor,
                "dismiss_flags",
                if idea_id.is_some() { "idea" } else { "comment" },
                &subject,
                &label,
                "",
            )
        }),
    }
}

/// A person as moderators look them up.
pub fn find_user_by_email(db: &mut Db, actor: &Account, email: &str) -> ServiceResult<Account> {
    let conn = db.conn()?;
    actor.require(Permission::Ban)?;
    users::find_by_email(conn, &crate::domain::accounts::normalize_email(email))?
        .map(Account::try_from)
        .transpose()?
        .ok_or(ServiceError::NotFound)
}
