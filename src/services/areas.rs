//! Product areas: admins define them (name, Markdown description, names per language) and the
//! staff who own them; everyone reads them with their owners and open-idea counts.

use std::collections::BTreeMap;

use super::account::Account;
use super::error::{ServiceError, is_unique_violation};
use super::tags::{slugify, typed_names};
use super::{ServiceResult, audit};
use crate::db::models::areas::{self as area_rows, NewArea};
use crate::db::models::ideas as idea_rows;
use crate::db::models::users;
use crate::db::{Db, DbConnection};
use crate::domain::accounts::Email;
use crate::domain::clock;
use crate::domain::ids::{AreaId, UserId};
use crate::domain::local_names::LocalNames;
use crate::domain::markdown;
use crate::domain::read::{AreaOwner, AreaView, Choice, IdeaDetail};
use crate::domain::roles::{Permission, Role};
use crate::domain::validation::{FieldErrors, Lines, Text, typed_text};

/// The longest area name and description.
const NAME_MAX_CHARS: usize = 40;
const DESCRIPTION_MAX_CHARS: usize = 5000;

/// What an admin sends to create an area.
#[derive(Debug, Default)]
pub struct AreaInput {
    pub name: String,
    pub description: String,
    /// The owners' email addresses: product, moderator or admin accounts.
    pub owners: Vec<String>,
    pub names: Option<BTreeMap<String, String>>,
}

/// Every area with its owners (their email only for staff viewers) and open ideas.
pub fn list_areas(db: &mut Db, viewer: Option<&Account>) -> ServiceResult<Vec<AreaView>> {
    let conn = db.conn()?;
    let staff = viewer.is_some_and(|v| v.actor().can(Permission::SetArea));
    let mut owners = area_rows::owners(conn)?;
    let open = area_rows::open_counts(conn)?;
    Ok(area_rows::list(conn)?
        .into_iter()
        .map(|area| AreaView {
            owners: owners
                .extract_if(.., |owner| owner.area_id == area.id)
                .map(|owner| AreaOwner {
                    name: owner.name,
                    email: staff.then_some(owner.email),
                })
                .collect(),
            open_ideas: open.get(&area.id).copied().unwrap_or(0),
            position: area.position,
            slug: area.slug,
            name: area.name,
            names: LocalNames::from_stored(&area.names),
            description: area.description,
        })
        .collect())
}

/// Every area with its owners' addresses, for the admins who manage them.
pub fn areas_for_admin(db: &mut Db, actor: &Account) -> ServiceResult<Vec<AreaView>> {
    actor.require(Permission::ManageAreas)?;
    list_areas(db, Some(actor))
}

/// Every area as a form offers it, by position.
pub fn choices(db: &mut Db) -> ServiceResult<Vec<Choice>> {
    choices_on(db.conn()?)
}

/// `choices`, read on a connection.
pub(crate) fn choices_on(conn: &mut DbConnection) -> ServiceResult<Vec<Choice>> {
    Ok(area_rows::list(conn)?
        .into_iter()
        .map(|area| Choice {
            names: LocalNames::from_stored(&area.names),
            slug: area.slug,
            name: area.name,
        })
        .collect())
}

/// Creates an area (admins) with its owners; a field that is not valid changes nothing.
pub fn create_area(db: &mut Db, actor: &Account, input: &AreaInput) -> ServiceResult<AreaView> {
    actor.require(Permission::ManageAreas)?;
    let (name, description) = area_fields(&input.name, &input.description)?;
    let names = typed_names(&LocalNames::default(), input.names.as_ref())?;
    let slug = slugify(&name);
    let owner_ids = staff_owners(db, &input.owners)?;
    db.write(|conn| {
        let id = AreaId::generate();
        let area = NewArea {
            id: &id,
            slug: &slug,
            name: &name,
            names: &names.to_stored(),
            description: &description,
            description_html: &markdown::render(&description),
            position: area_rows::next_position(conn)?,
            created_at: clock::now(),
        };
        area_rows::insert(conn, &area).map_err(|e| {
            if is_unique_violation(&e) {
                ServiceError::conflict_coded(
                    "area_exists",
                    "name",
                    Text::new("refused-area-exists").with("slug", slug.as_str()),
                )
            } else {
                e.into()
            }
        })?;
        for owner in &owner_ids {
            area_rows::add_owner(conn, &id, owner)?;
        }
        let label = names.labelled(&name);
        audit::record(conn, actor, "create_area", "area", id.as_str(), &label, "")
    })?;
    list_areas(db, Some(actor))?
        .into_iter()
        .find(|area| area.slug == slug)
        .ok_or(ServiceError::NotFound)
}

/// What an admin changes of an area; each field only when given. The slug stays, so addresses
/// that name the area keep working after a rename.
#[derive(Debug, Default, Clone)]
pub struct AreaChange {
    pub name: Option<String>,
    pub description: Option<String>,
    pub owners: Option<Vec<String>>,
    pub names: Option<BTreeMap<String, String>>,
    pub position: Option<i64>,
}

/// Changes an area (admins); an unknown area is 404, a field that is not valid changes nothing.
pub fn update_area(
    db: &mut Db,
    actor: &Account,
    slug: &str,
    change: &AreaChange,
) -> ServiceResult<AreaView> {
    actor.require(Permission::ManageAreas)?;
    let area = area_rows::find_by_slug(db.conn()?, slug)?.ok_or(ServiceError::NotFound)?;
    let (name, description) = area_fields(
        change.name.as_deref().unwrap_or(&area.name),
        change.description.as_deref().unwrap_or(&area.description),
    )?;
    let names = typed_names(&LocalNames::from_stored(&area.names), change.names.as_ref())?;
    let owners = match &change.owners {
        Some(emails) => Some(staff_owners(db, emails)?),
        None => None,
    };
    db.write(|conn| {
        let update = area_rows::AreaUpdate {
            name: &name,
            names: &names.to_stored(),
            description: &description,
            description_html: &markdown::render(&description),
            position: change.position.unwrap_or(area.position),
        };
        area_rows::update(conn, &area.id, &update)?;
        if let Some(owners) = &owners {
            area_rows::set_owners(conn, &area.id, owners)?;
        }
        let label = names.labelled(&name);
        audit::record(
            conn,
            actor,
            "update_area",
            "area",
            area.id.as_str(),
            &label,
            "",
        )
    })?;
    list_areas(db, Some(actor))?
        .into_iter()
        .find(|listed| listed.slug == area.slug)
        .ok_or(ServiceError::NotFound)
}

/// Deletes an area (admins): its ideas stay, in no area. An unknown area is 404.
pub fn delete_area(db: &mut Db, actor: &Account, slug: &str) -> ServiceResult<()> {
    actor.require(Permission::ManageAreas)?;
    db.write(|conn| {
        let area = area_rows::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
        area_rows::delete(conn, &area.id)?;
        let label = LocalNames::from_stored(&area.names).labelled(&area.name);
        audit::record(
            conn,
            actor,
            "delete_area",
            "area",
            area.id.as_str(),
            &label,
            "",
        )
    })
}

/// Puts idea `number` in the area `slug`, or in none (staff); returns the idea as its page shows
/// it. An unknown area, a merged idea or a hidden one (for staff who may not see it) changes
/// nothing, and the area it already has is not recorded again.
pub fn set_idea_area(
    db: &mut Db,
    actor: &Account,
    number: i64,
    slug: Option<&str>,
) -> ServiceResult<IdeaDetail> {
    actor.require(Permission::SetArea)?;
    db.write(|conn| {
        let idea = idea_rows::find_by_number(conn, number)?
            .filter(|idea| idea.hidden_at.is_none() || actor.actor().can(Permission::Hide))
            .ok_or(ServiceError::NotFound)?;
        if idea.merged_into_id.is_some() {
            return Err(ServiceError::conflict_coded(
                "idea_merged",
                "idea",
                Text::new("refused-area-merged"),
            ));
        }
        let area = match slug.filter(|slug| !slug.is_empty()) {
            Some(slug) => Some(area_named(conn, slug)?),
            None => None,
        };
        let area_id = area.as_ref().map(|a| &a.id);
        if idea.area_id.as_ref() == area_id {
            return Ok(());
        }
        area_rows::set_idea_area(conn, &idea.id, area_id)?;
        let label = format!("#{number}");
        let to = area.as_ref().map_or("", |a| a.slug.as_str());
        audit::record(
            conn,
            actor,
            "set_area",
            "idea",
            idea.id.as_str(),
            &label,
            to,
        )
    })?;
    super::ideas::get(db, Some(actor), number)
}

/// The area `slug` names, or a refusal at the field `area`.
pub(crate) fn area_named(conn: &mut DbConnection, slug: &str) -> ServiceResult<area_rows::Area> {
    area_rows::find_by_slug(conn, slug)?.ok_or_else(|| {
        ServiceError::Validation(FieldErrors::single(
            "area",
            Text::new("refused-no-area").with("slug", slug),
        ))
    })
}

/// The checked name (one line, 1 to 40 characters) and description (Markdown, at most 5,000).
fn area_fields(name: &str, description: &str) -> ServiceResult<(String, String)> {
    let mut errors = FieldErrors::default();
    let name = errors
        .take("name", typed_text(name, Lines::One))
        .map(|typed| typed.trim().to_string());
    if let Some(name) = &name
        && (name.is_empty() || name.chars().count() > NAME_MAX_CHARS || slugify(name).is_empty())
    {
        errors.add("name", Text::new("refused-area-name"));
    }
    let description = errors
        .take("description", typed_text(description, Lines::Many))
        .map(|typed| typed.trim().to_string());
    if description
        .as_ref()
        .is_some_and(|d| d.chars().count() > DESCRIPTION_MAX_CHARS)
    {
        errors.add("description", Text::new("refused-area-description"));
    }
    match (name, description) {
        (Some(name), Some(description)) if errors.is_empty() => Ok((name, description)),
        _ => Err(ServiceError::Validation(errors)),
    }
}

/// The accounts behind `emails`, each once: every one must exist and be staff.
fn staff_owners(db: &mut Db, emails: &[String]) -> ServiceResult<Vec<UserId>> {
    let conn = db.conn()?;
    let refused = |text: Text| ServiceError::Validation(FieldErrors::single("owners", text));
    if emails.is_empty() {
        return Err(refused(Text::new("refused-owners-empty")));
    }
    let mut owners: Vec<UserId> = Vec::new();
    for typed in emails {
        let text = Text::new("refused-owner").with("email", typed.trim());
        let email = Email::parse(typed).map_err(|_| refused(text.clone()))?;
        let user = users::find_by_email(conn, email.normalized())?.ok_or_else(|| refused(text))?;
        let role = Role::from_stored(&user.role);
        if !role.is_staff() || user.banned_at.is_some() {
            return Err(refused(
                Text::new("refused-owner-not-staff").with("email", typed.trim()),
            ));
        }
        if !owners.contains(&user.id) {
            owners.push(user.id);
        }
    }
    Ok(owners)
}
