//! Administering statuses: add, rename, recolour, reorder, retire, and delete unused ones.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ServiceResult;
use super::accounts::Account;
use super::pipeline::StatusView;
use super::tags::typed_names;
use crate::db::models::statuses::{self, NewStatus, StatusFields};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ids::StatusId;
use crate::domain::local_names::LocalNames;
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Lines, Text, typed_text};
use crate::services::error::{ServiceError, is_unique_violation};

/// Fields of a status as sent; absent ones keep their value (or take a default when creating).
/// A status to create or the fields to change. `kind` is open, active, completed, declined or
/// closed; `color` is `#rrggbb`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct StatusInput {
    pub name: Option<String>,
    pub color: Option<String>,
    pub kind: Option<String>,
    /// Where in the pipeline, from 0 to 1,000,000; new statuses go at the end by default.
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub position: Option<i64>,
    pub on_roadmap: Option<bool>,
    pub voting_frozen: Option<bool>,
    pub retired: Option<bool>,
    /// Names per language (`{"de": "Geplant"}`); on a change only the languages sent change, and
    /// an empty name takes a language's own name away.
    pub names: Option<BTreeMap<String, String>>,
}

const KINDS: [&str; 5] = ["open", "active", "completed", "declined", "closed"];

/// A status name as typed: the one input rule, then trimmed.
fn typed_name(raw: &str) -> ServiceResult<String> {
    typed_text(raw, Lines::One)
        .map(|name| name.trim().to_string())
        .map_err(|m| ServiceError::Validation(FieldErrors::single("name", m)))
}

/// The highest position a status may take (plenty for any pipeline, far from overflowing).
const POSITION_MAX: i64 = 1_000_000;

fn check(name: &str, color: &str, kind: &str, position: Option<i64>) -> ServiceResult<()> {
    let mut errors = FieldErrors::default();
    if position.is_some_and(|p| !(0..=POSITION_MAX).contains(&p)) {
        errors.add(
            "position",
            Text::new("refused-status-position").with("max", POSITION_MAX.to_string()),
        );
    }
    if name.trim().is_empty() || name.chars().count() > 40 {
        errors.add("name", Text::new("refused-status-name"));
    }
    if crate::domain::colors::Rgb::parse(color).is_none() {
        errors.add("color", Text::new("refused-color"));
    }
    if !KINDS.contains(&kind) {
        errors.add("kind", Text::new("refused-status-kind"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Validation(errors))
    }
}

fn view(conn: &mut DbConnection, slug: &str) -> ServiceResult<StatusView> {
    super::timeline::statuses_in(conn)?
        .into_iter()
        .find(|s| s.slug == slug)
        .ok_or(ServiceError::NotFound)
}

/// Adds a status at the end of the pipeline (admin).
pub fn create(db: &mut Db, actor: &Account, input: &StatusInput) -> ServiceResult<StatusView> {
    actor.require(Permission::ManageStatuses)?;
    let name = typed_name(input.name.as_deref().unwrap_or_default())?;
    let color = input.color.clone().unwrap_or_else(|| "#718096".into());
    let kind = input.kind.clone().unwrap_or_else(|| "active".into());
    check(&name, &color, &kind, input.position)?;
    let names = typed_names(&LocalNames::default(), input.names.as_ref())?.to_stored();
    let slug = super::tags::slugify(&name);
    db.write(|conn| {
        let after_the_last = statuses::max_position(conn)?.saturating_add(1);
        let position = input.position.unwrap_or(after_the_last.min(POSITION_MAX));
        statuses::insert(
            conn,
            &NewStatus {
                id: &StatusId::generate(),
                slug: &slug,
                name: &name,
                color: &color,
                position,
                kind: &kind,
                on_roadmap: input.on_roadmap.unwrap_or(false),
                voting_frozen: input.voting_frozen.unwrap_or(false),
                created_at: clock::now(),
                names: &names,
            },
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                ServiceError::conflict(
                    "name",
                    Text::new("refused-status-exists").with("slug", slug.as_str()),
                )
            } else {
                e.into()
            }
        })?;
        let label = LocalNames::from_stored(&names).labelled(&name);
        super::audit::record(conn, actor, "create_status", "status", &slug, &label, "")?;
        view(conn, &slug)
    })
}

/// Renames, recolours, reorders, retires or restores a status (its slug never changes). The
/// status new ideas start in cannot be retired.
pub fn update(
    db: &mut Db,
    actor: &Account,
    slug: &str,
    input: &StatusInput,
) -> ServiceResult<StatusView> {
    actor.require(Permission::ManageStatuses)?;
    let new_name = input.name.as_deref().map(typed_name).transpose()?;
    db.write(|conn| {
        let status = statuses::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
        let names = typed_names(
            &LocalNames::from_stored(&status.names),
            input.names.as_ref(),
        )?;
        let fields = StatusFields {
            names: names.to_stored(),
            name: new_name.unwrap_or(status.name.clone()),
            color: input.color.clone().unwrap_or(status.color.clone()),
            position: input.position.unwrap_or(status.position),
            kind: input.kind.clone().unwrap_or(status.kind.clone()),
            on_roadmap: input.on_roadmap.unwrap_or(status.on_roadmap),
            voting_frozen: input.voting_frozen.unwrap_or(status.voting_frozen),
            retired_at: match input.retired {
                Some(true) => status.retired_at.or(Some(clock::now())),
                Some(false) => None,
                None => status.retired_at,
            },
        };
        check(&fields.name, &fields.color, &fields.kind, input.position)?;
        if fields.retired_at.is_some() && status.slug == statuses::INITIAL_SLUG {
            return Err(ServiceError::conflict_coded(
                "status_required",
                "retired",
                Text::new("refused-status-required"),
            ));
        }
        statuses::update(conn, &status.id, &fields)?;
        super::audit::record(
            conn,
            actor,
            "update_status",
            "status",
            &status.slug,
            &LocalNames::from_stored(&fields.names).labelled(&fields.name),
            "",
        )?;
        view(conn, slug)
    })
}

/// Deletes a status nothing uses; one in use can only be retired (409).
pub fn delete(db: &mut Db, actor: &Account, slug: &str) -> ServiceResult<()> {
    actor.require(Permission::ManageStatuses)?;
    db.write(|conn| {
        let status = statuses::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
        if status.slug == statuses::INITIAL_SLUG || statuses::in_use(conn, &status.id)? {
            return Err(ServiceError::conflict_coded(
                "status_in_use",
                "status",
                Text::new("refused-status-in-use"),
            ));
        }
        statuses::delete(conn, &status.id)?;
        super::audit::record(
            conn,
            actor,
            "delete_status",
            "status",
            slug,
            &LocalNames::from_stored(&status.names).labelled(&status.name),
            "",
        )
    })
}
