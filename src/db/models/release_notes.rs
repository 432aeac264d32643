//! The `release_notes` and `release_note_ideas` tables: what shipped, the ideas each note
//! delivers, who cared about them, and how many ideas have been implemented.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    action_days, comments, ideas, release_note_ideas, release_notes, statuses, subscriptions, votes,
};
use crate::domain::ids::{IdeaId, UserId};
use crate::domain::validation::has_control_characters;

/// A stored release note.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = release_notes)]
pub struct ReleaseNote {
    pub id: String,
    pub title: String,
    pub body: String,
    pub body_html: String,
    /// YYYY-MM-DD.
    pub released_on: String,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = release_notes)]
pub struct NewReleaseNote<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    pub released_on: &'a str,
    pub created_by: Option<&'a UserId>,
    pub created_at: NaiveDateTime,
}

/// One delivered idea as a note lists it: the note's id, the idea's number, title and status
/// (slug, name, names, colour, kind).
pub type DeliveredRow = (
    String,
    i64,
    String,
    (String, String, String, String, String),
);

pub fn insert(conn: &mut DbConnection, note: &NewReleaseNote<'_>) -> QueryResult<usize> {
    diesel::insert_into(release_notes::table)
        .values(note)
        .execute(conn)
}

pub fn link(conn: &mut DbConnection, note_id: &str, idea_id: &IdeaId) -> QueryResult<usize> {
    diesel::insert_into(release_note_ideas::table)
        .values((
            release_note_ideas::note_id.eq(note_id),
            release_note_ideas::idea_id.eq(idea_id),
        ))
        .execute(conn)
}

/// Notes newest first (by release day, then by when they were written).
pub fn newest(conn: &mut DbConnection, limit: i64, offset: i64) -> QueryResult<Vec<ReleaseNote>> {
    release_notes::table
        .order((
            release_notes::released_on.desc(),
            release_notes::created_at.desc(),
        ))
        .limit(limit)
        .offset(offset)
        .select(ReleaseNote::as_select())
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    release_notes::table.count().get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ReleaseNote>> {
    if has_control_characters(id) {
        return Ok(None);
    }
    release_notes::table
        .find(id)
        .select(ReleaseNote::as_select())
        .first(conn)
        .optional()
}

/// The live ideas these notes deliver, by number.
pub fn delivered(conn: &mut DbConnection, note_ids: &[String]) -> QueryResult<Vec<DeliveredRow>> {
    release_note_ideas::table
        .inner_join(ideas::table.inner_join(statuses::table))
        .filter(release_note_ideas::note_id.eq_any(note_ids))
        .filter(ideas::hidden_at.is_null())
        .order(ideas::number.asc())
        .select((
            release_note_ideas::note_id,
            ideas::number,
            ideas::title,
            (
                statuses::slug,
                statuses::name,
                statuses::names,
                statuses::color,
                statuses::kind,
            ),
        ))
        .load(conn)
}

/// The notes that deliver an idea: (id, title, day), newest first.
pub fn delivering(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
) -> QueryResult<Vec<(String, String, String)>> {
    release_note_ideas::table
        .inner_join(release_notes::table)
        .filter(release_note_ideas::idea_id.eq(idea_id))
        .order(release_notes::released_on.desc())
        .select((
            release_notes::id,
            release_notes::title,
            release_notes::released_on,
        ))
        .load(conn)
}

/// Everyone who cared about these ideas: promoted one, follows one or commented on one.
pub fn audience(conn: &mut DbConnection, idea_ids: &[IdeaId]) -> QueryResult<BTreeSet<UserId>> {
    let mut people: BTreeSet<UserId> = votes::table
        .filter(votes::idea_id.eq_any(idea_ids))
        .filter(votes::value.gt(0))
        .select(votes::user_id)
        .distinct()
        .load::<UserId>(conn)?
        .into_iter()
        .collect();
    people.extend(
        subscriptions::table
            .filter(subscriptions::idea_id.eq_any(idea_ids))
            .select(subscriptions::user_id)
            .distinct()
            .load::<UserId>(conn)?,
    );
    people.extend(
        comments::table
            .filter(comments::idea_id.eq_any(idea_ids))
            .filter(comments::hidden_at.is_null())
            .select(comments::author_id)
            .distinct()
            .load::<UserId>(conn)?,
    );
    Ok(people)
}

/// The live ideas ever implemented and the first day one was, from the kept `action_days`
/// (a row per day of first implementation and current status), so the count reads a few rows a
/// day, never the ideas.
pub fn implemented_since(conn: &mut DbConnection) -> QueryResult<(i64, Option<String>)> {
    action_days::table
        .filter(action_days::ideas.gt(0))
        .select((
            // SQL's SUM of a BIGINT is NUMERIC on PostgreSQL: cast back.
            diesel::dsl::sql::<diesel::sql_types::BigInt>(
                "CAST(COALESCE(SUM(ideas), 0) AS BIGINT)",
            ),
            diesel::dsl::min(action_days::day),
        ))
        .get_result(conn)
}
