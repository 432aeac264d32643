//! The `areas` and `area_owners` tables: product areas admins define, and the staff who own them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{area_owners, areas, ideas, statuses, users};
use crate::domain::ids::{AreaId, IdeaId, UserId};
use crate::domain::local_names::LocalNames;
use crate::domain::read::AreaRef;
use crate::domain::validation::has_control_characters;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = areas)]
pub struct Area {
    pub id: AreaId,
    pub slug: String,
    pub name: String,
    /// Names per language, a JSON object (`domain::local_names::LocalNames`).
    pub names: String,
    pub description: String,
    pub description_html: String,
    pub position: i64,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = areas)]
pub struct NewArea<'a> {
    pub id: &'a AreaId,
    pub slug: &'a str,
    pub name: &'a str,
    pub names: &'a str,
    pub description: &'a str,
    pub description_html: &'a str,
    pub position: i64,
    pub created_at: NaiveDateTime,
}

/// An area's owner as lists show them.
#[derive(Debug, Clone, Queryable)]
pub struct Owner {
    pub area_id: AreaId,
    pub user_id: UserId,
    pub name: String,
    pub email: String,
}

pub fn insert(conn: &mut DbConnection, area: &NewArea<'_>) -> QueryResult<usize> {
    diesel::insert_into(areas::table).values(area).execute(conn)
}

pub fn add_owner(
    conn: &mut DbConnection,
    area_id: &AreaId,
    user_id: &UserId,
) -> QueryResult<usize> {
    diesel::insert_into(area_owners::table)
        .values((
            area_owners::area_id.eq(area_id),
            area_owners::user_id.eq(user_id),
        ))
        .execute(conn)
}

/// Every area, by position, then name.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Area>> {
    areas::table
        .order((areas::position.asc(), areas::name.asc()))
        .select(Area::as_select())
        .load(conn)
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Area>> {
    if has_control_characters(slug) {
        // Nothing stored holds one, and PostgreSQL refuses NUL outright.
        return Ok(None);
    }
    areas::table
        .filter(areas::slug.eq(slug))
        .select(Area::as_select())
        .first(conn)
        .optional()
}

/// Puts an idea in an area, or in none.
pub fn set_idea_area(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    area_id: Option<&AreaId>,
) -> QueryResult<usize> {
    diesel::update(ideas::table.find(idea_id))
        .set(ideas::area_id.eq(area_id))
        .execute(conn)
}

/// One area, as an idea names it.
pub fn find_ref(conn: &mut DbConnection, id: &AreaId) -> QueryResult<Option<AreaRef>> {
    let area: Option<Area> = areas::table
        .find(id)
        .select(Area::as_select())
        .first(conn)
        .optional()?;
    Ok(area.map(reference))
}

/// An area as an idea names it.
fn reference(area: Area) -> AreaRef {
    AreaRef {
        slug: area.slug,
        name: area.name,
        names: LocalNames::from_stored(&area.names),
    }
}

/// Every area by id, as ideas name them.
pub fn refs(conn: &mut DbConnection) -> QueryResult<HashMap<AreaId, AreaRef>> {
    Ok(list(conn)?
        .into_iter()
        .map(|area| (area.id.clone(), reference(area)))
        .collect())
}

/// The areas `user_id` owns.
pub fn owned_by(conn: &mut DbConnection, user_id: &UserId) -> QueryResult<Vec<AreaId>> {
    area_owners::table
        .filter(area_owners::user_id.eq(user_id))
        .select(area_owners::area_id)
        .load(conn)
}

/// Every area's owners, by name.
pub fn owners(conn: &mut DbConnection) -> QueryResult<Vec<Owner>> {
    area_owners::table
        .inner_join(users::table)
        .order(users::name.asc())
        .select((area_owners::area_id, users::id, users::name, users::email))
        .load(conn)
}

/// The next position: after every area.
pub fn next_position(conn: &mut DbConnection) -> QueryResult<i64> {
    let last: Option<i64> = areas::table
        .select(diesel::dsl::max(areas::position))
        .first(conn)?;
    Ok(last.map_or(0, |p| p + 1))
}

/// Per area, its open ideas: live (neither merged nor hidden) in an open or active status.
pub fn open_counts(conn: &mut DbConnection) -> QueryResult<HashMap<AreaId, i64>> {
    let counted: Vec<(Option<AreaId>, i64)> = ideas::table
        .inner_join(statuses::table)
        .filter(ideas::area_id.is_not_null())
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .filter(statuses::kind.eq_any(["open", "active"]))
        .group_by(ideas::area_id)
        .select((ideas::area_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(counted
        .into_iter()
        .filter_map(|(area, count)| area.map(|area| (area, count)))
        .collect())
}

/// An area's changed fields.
pub struct AreaUpdate<'a> {
    pub name: &'a str,
    pub names: &'a str,
    pub description: &'a str,
    pub description_html: &'a str,
    pub position: i64,
}

pub fn update(conn: &mut DbConnection, id: &AreaId, change: &AreaUpdate<'_>) -> QueryResult<usize> {
    diesel::update(areas::table.find(id))
        .set((
            areas::name.eq(change.name),
            areas::names.eq(change.names),
            areas::description.eq(change.description),
            areas::description_html.eq(change.description_html),
            areas::position.eq(change.position),
        ))
        .execute(conn)
}

/// Replaces an area's owners.
pub fn set_owners(conn: &mut DbConnection, id: &AreaId, owners: &[UserId]) -> QueryResult<()> {
    diesel::delete(area_owners::table.filter(area_owners::area_id.eq(id))).execute(conn)?;
    for owner in owners {
        add_owner(conn, id, owner)?;
    }
    Ok(())
}

/// Deletes an area: its ideas first leave it (they keep everything else), its owners go with it.
pub fn delete(conn: &mut DbConnection, id: &AreaId) -> QueryResult<usize> {
    diesel::update(ideas::table.filter(ideas::area_id.eq(id)))
        .set(ideas::area_id.eq(None::<AreaId>))
        .execute(conn)?;
    diesel::delete(areas::table.find(id)).execute(conn)
}
