//! The `watches` and `watch_matches` tables: the phrases staff watch for, and the current
//! matches of each in ideas and comments.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    comments, ideas, listening_entries, listening_feeds, users, watch_matches, watches,
};
use crate::domain::ids::{CommentId, IdeaId, UserId};

/// One watched phrase.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = watches)]
pub struct Watch {
    pub id: String,
    pub user_id: UserId,
    pub phrase: String,
    pub phrase_key: String,
    pub delivery: String,
    pub created_at: NaiveDateTime,
}

/// One match of a watch in an idea or comment.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = watch_matches)]
pub struct NewMatch<'a> {
    pub watch_id: &'a str,
    pub item_key: &'a str,
    pub idea_id: Option<&'a IdeaId>,
    pub comment_id: Option<&'a CommentId>,
    pub entry_id: Option<&'a str>,
    pub passage: &'a str,
    pub term_start: i32,
    pub term_end: i32,
    pub matched_at: NaiveDateTime,
}

/// Adds `watch` unless its person watches the phrase already; returns how many were added.
pub fn insert(conn: &mut DbConnection, watch: &Watch) -> QueryResult<usize> {
    let insert = diesel::insert_into(watches::table)
        .values(watch)
        .on_conflict((watches::user_id, watches::phrase_key))
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
}

/// How many phrases `user_id` watches.
pub fn count_of(conn: &mut DbConnection, user_id: &UserId) -> QueryResult<i64> {
    watches::table
        .filter(watches::user_id.eq(user_id))
        .count()
        .get_result(conn)
}

/// The phrases `user_id` watches, alphabetically.
pub fn of_person(conn: &mut DbConnection, user_id: &UserId) -> QueryResult<Vec<Watch>> {
    watches::table
        .filter(watches::user_id.eq(user_id))
        .order((watches::phrase_key.asc(), watches::id.asc()))
        .select(Watch::as_select())
        .load(conn)
}

/// Stops `user_id` watching the phrase `id`; returns how many watches went (0: not theirs).
pub fn delete_own(conn: &mut DbConnection, user_id: &UserId, id: &str) -> QueryResult<usize> {
    diesel::delete(
        watches::table
            .filter(watches::id.eq(id))
            .filter(watches::user_id.eq(user_id)),
    )
    .execute(conn)
}

/// Every watch with its person's role, of people who are not banned.
pub fn every_watch(conn: &mut DbConnection) -> QueryResult<Vec<(Watch, String)>> {
    watches::table
        .inner_join(users::table)
        .filter(users::banned_at.is_null())
        .select((Watch::as_select(), users::role))
        .load(conn)
}

/// Makes `matches` the matches of `item_key`: the ones it no longer has go.
pub fn replace_matches(
    conn: &mut DbConnection,
    item_key: &str,
    matches: &[NewMatch<'_>],
) -> QueryResult<()> {
    diesel::delete(watch_matches::table.filter(watch_matches::item_key.eq(item_key)))
        .execute(conn)?;
    if !matches.is_empty() {
        let insert = diesel::insert_into(watch_matches::table).values(matches);
        match conn {
            DbConnection::Postgres(pg) => insert.execute(pg)?,
            DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
        };
    }
    Ok(())
}

/// A match as the watch page lists it: the phrase, when, the passage and the matching words'
/// place in it; the idea's number and title, and the comment's id, for an idea or comment; the
/// entry's id, title and feed's name for a listening post's entry.
#[derive(Debug, Clone, Queryable)]
pub struct ListedMatch {
    pub phrase: String,
    pub matched_at: NaiveDateTime,
    pub passage: String,
    pub term_start: i32,
    pub term_end: i32,
    pub idea: Option<(i64, String)>,
    pub comment_id: Option<String>,
    pub entry: Option<(String, String, String)>,
}

/// The latest `limit` matches of `user_id`'s watches in live ideas, comments and entries, newest
/// first.
pub fn recent_of(
    conn: &mut DbConnection,
    user_id: &UserId,
    limit: i64,
) -> QueryResult<Vec<ListedMatch>> {
    watch_matches::table
        .inner_join(watches::table)
        .left_join(ideas::table)
        .left_join(comments::table)
        .left_join(listening_entries::table.inner_join(listening_feeds::table))
        .filter(watches::user_id.eq(user_id))
        .filter(ideas::merged_into_id.is_null())
        .filter(comments::deleted_at.is_null())
        .order((
            watch_matches::matched_at.desc(),
            watch_matches::item_key.asc(),
        ))
        .select((
            watches::phrase,
            watch_matches::matched_at,
            watch_matches::passage,
            watch_matches::term_start,
            watch_matches::term_end,
            (ideas::number, ideas::title).nullable(),
            watch_matches::comment_id,
            (
                listening_entries::id,
                listening_entries::title,
                listening_feeds::name,
            )
                .nullable(),
        ))
        .limit(limit)
        .load(conn)
}
