//! The `subscriptions` table: who follows which idea.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::subscriptions;
use crate::domain::ids::{IdeaId, UserId};

/// Subscribes `user_id` to `idea_id` unless already subscribed.
pub fn subscribe(
    conn: &mut DbConnection,
    user_id: &UserId,
    idea_id: &IdeaId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let insert = diesel::insert_into(subscriptions::table)
        .values((
            subscriptions::user_id.eq(user_id),
            subscriptions::idea_id.eq(idea_id),
            subscriptions::created_at.eq(at),
        ))
        .on_conflict((subscriptions::user_id, subscriptions::idea_id))
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
}

pub fn is_subscribed(
    conn: &mut DbConnection,
    user_id: &UserId,
    idea_id: &IdeaId,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        subscriptions::table
            .filter(subscriptions::user_id.eq(user_id))
            .filter(subscriptions::idea_id.eq(idea_id)),
    ))
    .get_result(conn)
}

/// Who follows an idea.
pub fn followers(conn: &mut DbConnection, idea_id: &IdeaId) -> QueryResult<Vec<UserId>> {
    subscriptions::table
        .filter(subscriptions::idea_id.eq(idea_id))
        .select(subscriptions::user_id)
        .load(conn)
}

pub fn unsubscribe(
    conn: &mut DbConnection,
    user_id: &UserId,
    idea_id: &IdeaId,
) -> QueryResult<usize> {
    diesel::delete(
        subscriptions::table
            .filter(subscriptions::user_id.eq(user_id))
            .filter(subscriptions::idea_id.eq(idea_id)),
    )
    .execute(conn)
}
