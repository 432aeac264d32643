//! The `statuses` table: the pipeline's statuses, data rather than an enum.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::validation::has_control_characters;

use crate::db::DbConnection;
use crate::db::schema::statuses;
use crate::domain::ids::StatusId;

/// The slug every new idea starts in.
pub const INITIAL_SLUG: &str = "open";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = statuses)]
pub struct Status {
    pub id: StatusId,
    pub slug: String,
    pub name: String,
    pub color: String,
    pub position: i64,
    pub kind: String,
    pub on_roadmap: bool,
    pub voting_frozen: bool,
    pub retired_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    /// Names per language, a JSON object (`domain::local_names::LocalNames`).
    pub names: String,
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Status>> {
    if has_control_characters(slug) {
        // Nothing stored holds one, and PostgreSQL refuses NUL outright.
        return Ok(None);
    }
    statuses::table
        .filter(statuses::slug.eq(slug))
        .select(Status::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_id(conn: &mut DbConnection, id: &StatusId) -> QueryResult<Option<Status>> {
    statuses::table
        .find(id)
        .select(Status::as_select())
        .first(conn)
        .optional()
}

/// Every status in pipeline order, retired ones included.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Status>> {
    statuses::table
        .order((statuses::position.asc(), statuses::slug.asc()))
        .select(Status::as_select())
        .load(conn)
}

/// The position of the first status of kind `active` (the review, which plans nothing yet).
pub fn review_position(conn: &mut DbConnection) -> QueryResult<Option<i64>> {
    statuses::table
        .filter(statuses::kind.eq("active"))
        .select(diesel::dsl::min(statuses::position))
        .first(conn)
}

#[derive(Debug, Insertable)]
#[diesel(table_name = statuses)]
pub struct NewStatus<'a> {
    pub id: &'a StatusId,
    pub slug: &'a str,
    pub name: &'a str,
    pub color: &'a str,
    pub position: i64,
    pub kind: &'a str,
    pub on_roadmap: bool,
    pub voting_frozen: bool,
    pub created_at: NaiveDateTime,
    pub names: &'a str,
}

pub fn insert(conn: &mut DbConnection, status: &NewStatus<'_>) -> QueryResult<usize> {
    diesel::insert_into(statuses::table)
        .values(status)
        .execute(conn)
}

/// The changeable fields of a status.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = statuses, treat_none_as_null = true)]
pub struct StatusFields {
    pub name: String,
    pub color: String,
    pub position: i64,
    pub kind: String,
    pub on_roadmap: bool,
    pub voting_frozen: bool,
    pub retired_at: Option<NaiveDateTime>,
    pub names: String,
}

pub fn update(conn: &mut DbConnection, id: &StatusId, fields: &StatusFields) -> QueryResult<usize> {
    diesel::update(statuses::table.find(id))
        .set(fields)
        .execute(conn)
}

pub fn max_position(conn: &mut DbConnection) -> QueryResult<i64> {
    let max: Option<i64> = statuses::table
        .select(diesel::dsl::max(statuses::position))
        .first(conn)?;
    Ok(max.unwrap_or(0))
}

/// Whether any idea (or status history) uses the status.
pub fn in_use(conn: &mut DbConnection, id: &StatusId) -> QueryResult<bool> {
    use crate::db::schema::{ideas, status_changes};
    let by_ideas: bool = diesel::select(diesel::dsl::exists(
        ideas::table.filter(ideas::status_id.eq(id)),
    ))
    .get_result(conn)?;
    let in_history: bool = diesel::select(diesel::dsl::exists(
        status_changes::table.filter(
            status_changes::from_status_id
                .eq(id)
                .or(status_changes::to_status_id.eq(id)),
        ),
    ))
    .get_result(conn)?;
    Ok(by_ideas || in_history)
}

pub fn delete(conn: &mut DbConnection, id: &StatusId) -> QueryResult<usize> {
    diesel::delete(statuses::table.find(id)).execute(conn)
}
