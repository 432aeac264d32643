//! Tags: the labels moderators create, rename, recolour and delete, and set on ideas; every
//! change is in the audit log.

use super::ServiceResult;
use super::accounts::Account;
use super::audit;
use std::collections::BTreeMap;

use crate::db::Db;
use crate::db::models::ideas;
use crate::db::models::tags::{self as tag_rows, NewTag};
use crate::domain::clock;
use crate::domain::ids::TagId;
use crate::domain::local_names::LocalNames;
use crate::domain::read::TagRef;
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Lines, Text, typed_text};
use crate::services::error::{ServiceError, is_unique_violation};

/// Every tag, by name.
pub fn list_tags(db: &mut Db) -> ServiceResult<Vec<TagRef>> {
    let conn = db.conn()?;
    Ok(tag_rows::list(conn)?
        .into_iter()
        .map(|t| TagRef {
            names: LocalNames::from_stored(&t.names),
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
    let name = match typed_text(name, Lines::One) {
        Ok(typed) => typed.trim().to_string(),
        Err(message) => {
            return Err(ServiceError::Validation(FieldErrors::single(
                "name", message,
            )));
        }
    };
    if name.is_empty() || name.chars().count() > 40 || slugify(&name).is_empty() {
        errors.add("name", Text::new("error-tag-name"));
    }
    let color = color.unwrap_or("#718096").trim().to_string();
    if crate::domain::colors::Rgb::parse(&color).is_none() {
        errors.add("color", Text::new("error-colour"));
    }
    if errors.is_empty() {
        Ok((name, color))
    } else {
        Err(ServiceError::Validation(errors))
    }
}

/// Names per language as sent (statuses' and tags'), laid over `current`; an empty name takes
/// a language's own name away.
pub(crate) fn typed_names(
    current: &LocalNames,
    changes: Option<&BTreeMap<String, String>>,
) -> ServiceResult<LocalNames> {
    match changes {
        Some(changes) => current
            .merged(changes)
            .map_err(|m| ServiceError::Validation(FieldErrors::single("names", m))),
        None => Ok(current.clone()),
    }
}

/// Creates a tag (moderators, admins).
pub fn create_tag(
    db: &mut Db,
    actor: &Account,
    name: &str,
    color: Option<&str>,
    names: Option<&BTreeMap<String, String>>,
) -> ServiceResult<TagRef> {
    actor.require(Permission::Tag)?;
    let (name, color) = tag_fields(name, color)?;
    let names = typed_names(&LocalNames::default(), names)?;
    let slug = slugify(&name);
    db.write(|conn| {
        if tag_rows::find_by_slug(conn, &slug)?.is_some() {
            return Err(ServiceError::conflict_coded(
                "tag_exists",
                "name",
                Text::new("refused-tag-exists").with("slug", slug.as_str()),
            ));
        }
        let id = TagId::generate();
        tag_rows::insert(
            conn,
            &NewTag {
                id: &id,
                slug: &slug,
                name: &name,
                color: &color,
                created_at: clock::now(),
                names: &names.to_stored(),
            },
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                ServiceError::conflict(
                    "name",
                    Text::new("refused-tag-exists").with("slug", slug.as_str()),
                )
            } else {
                e.into()
            }
        })?;
        let label = names.labelled(&name);
        audit::record(conn, actor, "create_tag", "tag", id.as_str(), &label, "")?;
        Ok(TagRef {
            slug: slug.clone(),
            name: name.clone(),
            names: names.clone(),
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
    names: Option<&BTreeMap<String, String>>,
) -> ServiceResult<TagRef> {
    actor.require(Permission::Tag)?;
    db.write(|conn| {
        let tag = tag_rows::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
        let (name, color) =
            tag_fields(name.unwrap_or(&tag.name), Some(color.unwrap_or(&tag.color)))?;
        let names = typed_names(&LocalNames::from_stored(&tag.names), names)?;
        tag_rows::update(conn, &tag.id, (&name, &color, &names.to_stored()))?;
        let label = names.labelled(&name);
        audit::record(
            conn,
            actor,
            "update_tag",
            "tag",
            tag.id.as_str(),
            &label,
            "",
        )?;
        Ok(TagRef {
            slug: tag.slug.clone(),
            name,
            names,
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
        audit::record(
            conn,
            actor,
            "delete_tag",
            "tag",
            tag.id.as_str(),
            &LocalNames::from_stored(&tag.names).labelled(&tag.name),
            "",
        )
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
        let idea = ideas::find_by_number(conn, number)?.ok_or(ServiceError::NotFound)?;
        let chosen = tag_rows::find_by_slugs(conn, slugs)?;
        if let Some(unknown) = slugs.iter().find(|s| !chosen.iter().any(|t| &t.slug == *s)) {
            return Err(ServiceError::Validation(FieldErrors::single(
                "tags",
                Text::new("error-no-tag").with("slug", unknown.as_str()),
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
            idea.id.as_str(),
            &format!("#{}", idea.number),
            &names.join(", "),
        )
    })
}

/// Tags for the moderators' tag page (checks that the viewer may manage them).
pub fn tags_for_moderation(db: &mut Db, actor: &Account) -> ServiceResult<Vec<TagRef>> {
    actor.require(Permission::Tag)?;
    list_tags(db)
}
