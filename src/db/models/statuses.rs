//! The `statuses` table: the pipeline's statuses, data rather than an enum.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::statuses;

/// The slug every new idea starts in.
pub const INITIAL_SLUG: &str = "open";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = statuses)]
pub struct Status {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub color: String,
    pub position: i64,
    pub kind: String,
    pub on_roadmap: bool,
    pub voting_frozen: bool,
    pub retired_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Status>> {
    statuses::table
        .filter(statuses::slug.eq(slug))
        .select(Status::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Status>> {
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
