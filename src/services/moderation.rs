//! Moderation: hide and unhide ideas and comments, lock comments, ban and unban people, manage
//! tags, flags and their queue. Every action lands in the audit log.

use std::collections::HashMap;

use super::ServiceResult;
use super::accounts::{self, Account};
use super::{audit, votes};
use crate::db::models::moderation::{self, NewFlag};
use crate::db::models::tags::{self as tag_rows, NewTag};
use crate::db::models::{comments, ideas, sessions, users};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ranking::HalfLife;
use crate::domain::read::TagRef;
use crate::domain::roles::{Permission, Role};
use crate::domain::validation::FieldErrors;
use crate::services::error::{ServiceError, is_unique_violation};

/// A reason a moderator or flagger gives: 1–500 characters.
fn reason(input: &str) -> ServiceResult<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ServiceError::Validation(FieldErrors::single(
            "reason",
            "Give a reason; it goes in the audit log.",
        )));
    }
    if trimmed.chars().count() > 500 {
        return Err(ServiceError::Validation(FieldErrors::single(
            "reason",
            "A reason has at most 500 characters.",
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
            &idea.id,
            &format!("#{} {}", idea.number, idea.title),
            &why,
        )
    })
}

/// Hides or shows again a comment; the idea's comment count follows.
pub fn set_comment_hidden(
    db: &mut Db,
    actor: &Account,
    comment_id: &str,
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
        audit::record(conn, actor, action, "comment", &comment.id, &label, &why)
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
            &idea.id,
            &format!("#{} {}", idea.number, idea.title),
            why.trim(),
        )
    })
}

/// Bans (read only, sessions ended) or unbans a person. Nobody bans themselves or an admin.
pub fn set_banned(
    db: &mut Db,
    actor: &Account,
    user_id: &str,
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
            return Err(ServiceError::Forbidden(
                "Administrators and you yourself cannot be banned.".into(),
            ));
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
            &target.id,
            &format!("{} <{}>", target.name, target.email),
            &why,
        )?;
        accounts::find(conn, &target.id)?.ok_or(ServiceError::NotFound)
    })
}

/// Every tag, by name.
pub fn list_tags(db: &mut Db) -> ServiceResult<Vec<TagRef>> {
    let conn = db.conn()?;
    Ok(tag_rows::list(conn)?
        .into_iter()
        .map(|t| TagRef {
            slug: t.slug,
            name: t.name,
            color: t.color,
        })
        .collect())
}

/// A tag's URL name from its display name: lowercase letters, digits and dashes.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(40).collect()
}

fn tag_fields(name: &str, color: Option<&str>) -> ServiceResult<(String, String)> {
    let mut errors = FieldErrors::default();
    let name = name.trim().to_string();
    if name.is_empty() || name.chars().count() > 40 || slugify(&name).is_empty() {
        errors.add(
            "name",
            "A tag name has 1 to 40 characters, with at least one letter or digit.",
        );
    }
    let color = color.unwrap_or("#718096").trim().to_string();
    let hex = color.strip_prefix('#').unwrap_or("");
    if !((hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit())) {
        errors.add("color", "A colour is #rgb or #rrggbb.");
    }
    if errors.is_empty() {
        Ok((name, color))
    } else {
        Err(ServiceError::Validation(errors))
    }
}

/// Creates a tag (moderators, admins).
pub fn create_tag(
    db: &mut Db,
    actor: &Account,
    name: &str,
    color: Option<&str>,
) -> ServiceResult<TagRef> {
    actor.require(Permission::Tag)?;
    let (name, color) = tag_fields(name, color)?;
    let slug = slugify(&name);
    db.write(|conn| {
        if tag_rows::find_by_slug(conn, &slug)?.is_some() {
            return Err(ServiceError::Conflict {
                code: "tag_exists",
                field: "name",
                message: format!("A tag \"{slug}\" exists already."),
            });
        }
        let id = clock::new_id();
        tag_rows::insert(
            conn,
            &NewTag {
                id: &id,
                slug: &slug,
                name: &name,
                color: &color,
                created_at: clock::now(),
            },
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                ServiceError::conflict("name", "That tag exists already.")
            } else {
                e.into()
            }
        })?;
        audit::record(conn, actor, "create_tag", "tag", &id, &name, "")?;
        Ok(TagRef {
            slug: slug.clone(),
            name: name.clone(),
            color: color.clone(),
        })
    })
}

/// Renames or recolours a tag; its slug stays, so links keep working.
pub fn update_tag(
    db: &mut Db,
    actor: &Account,
    slug: &str,
    name: Option<&str>,
    color: Option<&str>,
) -> ServiceResult<TagRef> {
    actor.require(Permission::Tag)?;
    db.write(|conn| {
        let tag = tag_rows::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
        let (name, color) =
            tag_fields(name.unwrap_or(&tag.name), Some(color.unwrap_or(&tag.color)))?;
        tag_rows::update(conn, &tag.id, &name, &color)?;
        audit::record(conn, actor, "update_tag", "tag", &tag.id, &name, "")?;
        Ok(TagRef {
            slug: tag.slug.clone(),
            name,
            color,
        })
    })
}

/// Deletes a tag and takes it off every idea.
pub fn delete_tag(db: &mut Db, actor: &Account, slug: &str) -> ServiceResult<()> {
    actor.require(Permission::Tag)?;
    db.write(|conn| {
        let tag = tag_rows::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
        tag_rows::delete(conn, &tag.id)?;
        audit::record(conn, actor, "delete_tag", "tag", &tag.id, &tag.name, "")
    })
}

/// Sets exactly these tags on an idea.
pub fn set_idea_tags(
    db: &mut Db,
    actor: &Account,
    number: i64,
    slugs: &[String],
) -> ServiceResult<()> {
    actor.require(Permission::Tag)?;
    db.write(|conn| {
        let idea = idea_by_number(conn, number)?;
        let chosen = tag_rows::find_by_slugs(conn, slugs)?;
        if let Some(unknown) = slugs.iter().find(|s| !chosen.iter().any(|t| &t.slug == *s)) {
            return Err(ServiceError::Validation(FieldErrors::single(
                "tags",
                format!("There is no tag \"{unknown}\"."),
            )));
        }
        tag_rows::detach_all(conn, &idea.id)?;
        for tag in &chosen {
            tag_rows::attach(conn, &idea.id, &tag.id)?;
        }
        let names: Vec<&str> = chosen.iter().map(|t| t.slug.as_str()).collect();
        audit::record(
            conn,
            actor,
            "tag_idea",
            "idea",
            &idea.id,
            &format!("#{}", idea.number),
            &names.join(", "),
        )
    })
}

/// What a flag points at.
#[derive(Debug, Clone)]
pub enum FlagTarget {
    Idea(i64),
    Comment(String),
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
                idea_id: idea_id.as_deref(),
                comment_id: comment_id.as_deref(),
                user_id: &actor.id,
                reason: &why,
                created_at: clock::now(),
            },
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                ServiceError::Conflict {
                    code: "already_flagged",
                    field: "reason",
                    message: "You flagged this already.".into(),
                }
            } else {
                e.into()
            }
        })?;
        Ok(())
    })
}

pub use crate::domain::read::FlaggedItem;

/// A flagged item: (idea id, comment id), one of them set.
type FlagKey = (Option<String>, Option<String>);

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
                idea_id.as_deref(),
                comment_id.as_deref(),
                "dismissed",
                &actor.id,
                clock::now(),
            )?;
            if resolved == 0 {
                return Err(ServiceError::NotFound);
            }
            let subject = idea_id.clone().or(comment_id.clone()).unwrap_or_default();
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

/// Tags for the moderators' tag page (checks that the viewer may manage them).
pub fn tags_for_moderation(db: &mut Db, actor: &Account) -> ServiceResult<Vec<TagRef>> {
    actor.require(Permission::Tag)?;
    list_tags(db)
}
