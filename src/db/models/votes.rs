//! The `votes` table: one promote or demote per person per idea.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::votes;
use crate::domain::ids::{IdeaId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = votes)]
pub struct Vote {
    pub id: String,
    pub idea_id: IdeaId,
    pub user_id: UserId,
    pub value: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = votes)]
pub struct NewVote<'a> {
    pub id: &'a str,
    pub idea_id: &'a IdeaId,
    pub user_id: &'a UserId,
    pub value: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    user_id: &UserId,
) -> QueryResult<Option<Vote>> {
    votes::table
        .filter(votes::idea_id.eq(idea_id))
        .filter(votes::user_id.eq(user_id))
        .select(Vote::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, vote: &NewVote<'_>) -> QueryResult<usize> {
    diesel::insert_into(votes::table).values(vote).execute(conn)
}

/// Changes a vote's value; it counts as cast at `at`.
pub fn change(
    conn: &mut DbConnection,
    id: &str,
    value: i64,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(votes::table.find(id))
        .set((votes::value.eq(value), votes::updated_at.eq(at)))
        .execute(conn)
}

pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(votes::table.find(id)).execute(conn)
}

/// When each of an idea's votes of `value` was cast, for rebuilding its rank accumulator.
pub fn cast_times(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    value: i64,
) -> QueryResult<Vec<NaiveDateTime>> {
    votes::table
        .filter(votes::idea_id.eq(idea_id))
        .filter(votes::value.eq(value))
        .select(votes::updated_at)
        .load(conn)
}

/// Whether anyone but `author_id` has voted on the idea.
pub fn anyone_else_voted(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    author_id: &UserId,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        votes::table
            .filter(votes::idea_id.eq(idea_id))
            .filter(votes::user_id.ne(author_id)),
    ))
    .get_result(conn)
}

/// The viewer's votes on several ideas: (idea id, value).
pub fn of_user_on(
    conn: &mut DbConnection,
    user_id: &UserId,
    idea_ids: &[IdeaId],
) -> QueryResult<Vec<(IdeaId, i64)>> {
    votes::table
        .filter(votes::user_id.eq(user_id))
        .filter(votes::idea_id.eq_any(idea_ids))
        .select((votes::idea_id, votes::value))
        .load(conn)
}

/// (idea id, value, cast at) of every vote on these ideas.
pub fn for_ideas(
    conn: &mut DbConnection,
    idea_ids: &[IdeaId],
) -> QueryResult<Vec<(IdeaId, i64, NaiveDateTime)>> {
    votes::table
        .filter(votes::idea_id.eq_any(idea_ids))
        .select((votes::idea_id, votes::value, votes::updated_at))
        .load(conn)
}

/// Every vote on one idea.
pub fn of_idea(conn: &mut DbConnection, idea_id: &IdeaId) -> QueryResult<Vec<Vote>> {
    votes::table
        .filter(votes::idea_id.eq(idea_id))
        .order(votes::updated_at.asc())
        .select(Vote::as_select())
        .load(conn)
}

/// Re-points votes at another idea.
pub fn move_to(conn: &mut DbConnection, ids: &[String], idea_id: &IdeaId) -> QueryResult<usize> {
    diesel::update(votes::table.filter(votes::id.eq_any(ids)))
        .set(votes::idea_id.eq(idea_id))
        .execute(conn)
}

pub fn delete_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<usize> {
    diesel::delete(votes::table.filter(votes::id.eq_any(ids))).execute(conn)
}
