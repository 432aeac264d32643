//! The `listening_feeds` and `listening_entries` tables: the feeds staff listen to, when each is
//! polled next (claimed by one instance at a time), and the entries they brought.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Timestamp};

use crate::db::DbConnection;
use crate::db::schema::{listening_entries, listening_feeds};

/// One feed listened to.
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Insertable)]
#[diesel(table_name = listening_feeds)]
pub struct Feed {
    pub id: String,
    pub name: String,
    pub url: String,
    pub interval_minutes: i32,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_poll_at: NaiveDateTime,
    pub last_polled_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub failures: i32,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

/// One entry a feed brought.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = listening_entries)]
pub struct Entry {
    pub id: String,
    pub feed_id: String,
    pub guid: String,
    pub title: String,
    pub link: Option<String>,
    pub summary: String,
    pub published_at: Option<NaiveDateTime>,
    pub fetched_at: NaiveDateTime,
    pub sentiment_score: f64,
    pub sentiment_label: String,
    pub state: String,
    pub idea_id: Option<String>,
}

/// An entry waiting for a look, not yet dismissed or turned into an idea.
pub const NEW: &str = "new";
pub const DISMISSED: &str = "dismissed";
/// An entry turned into an idea.
pub const IDEA: &str = "idea";

/// Adds `feed` unless its URL is listened to already; returns how many were added.
pub fn insert_feed(conn: &mut DbConnection, feed: &Feed) -> QueryResult<usize> {
    let insert = diesel::insert_into(listening_feeds::table)
        .values(feed)
        .on_conflict(listening_feeds::url)
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
}

/// Every feed, by name.
pub fn feeds(conn: &mut DbConnection) -> QueryResult<Vec<Feed>> {
    listening_feeds::table
        .order((listening_feeds::name.asc(), listening_feeds::id.asc()))
        .select(Feed::as_select())
        .load(conn)
}

/// Stops listening to a feed; its entries go with it. Returns how many feeds went.
pub fn delete_feed(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(listening_feeds::table.filter(listening_feeds::id.eq(id))).execute(conn)
}

/// Claims up to `limit` feeds due at `now` by moving their next poll to `lease_until`, so no
/// other instance polls them meanwhile. PostgreSQL skips feeds another instance is claiming;
/// SQLite runs this inside the caller's immediate transaction.
pub fn claim_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Feed>> {
    let sql = match conn {
        DbConnection::Postgres(_) => {
            "UPDATE listening_feeds SET next_poll_at = $1 WHERE id IN (\
               SELECT id FROM listening_feeds WHERE next_poll_at <= $2 \
               ORDER BY next_poll_at LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *"
        }
        DbConnection::Sqlite(_) => {
            "UPDATE listening_feeds SET next_poll_at = ?1 WHERE id IN (\
               SELECT id FROM listening_feeds WHERE next_poll_at <= ?2 \
               ORDER BY next_poll_at LIMIT ?3) RETURNING *"
        }
    };
    diesel::sql_query(sql)
        .bind::<Timestamp, _>(lease_until)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .load(conn)
}

/// What a poll found out about a feed.
pub struct Polled<'a> {
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub next_poll_at: NaiveDateTime,
    pub polled_at: NaiveDateTime,
    pub error: Option<&'a str>,
    pub failures: i32,
}

/// Notes a poll of the feed `id`.
pub fn record_poll(conn: &mut DbConnection, id: &str, polled: &Polled<'_>) -> QueryResult<usize> {
    diesel::update(listening_feeds::table.filter(listening_feeds::id.eq(id)))
        .set((
            listening_feeds::etag.eq(polled.etag),
            listening_feeds::last_modified.eq(polled.last_modified),
            listening_feeds::next_poll_at.eq(polled.next_poll_at),
            listening_feeds::last_polled_at.eq(Some(polled.polled_at)),
            listening_feeds::last_error.eq(polled.error),
            listening_feeds::failures.eq(polled.failures),
        ))
        .execute(conn)
}

/// Keeps `entry` unless its feed brought it before; returns how many were kept.
pub fn insert_entry(conn: &mut DbConnection, entry: &Entry) -> QueryResult<usize> {
    let insert = diesel::insert_into(listening_entries::table)
        .values(entry)
        .on_conflict((listening_entries::feed_id, listening_entries::guid))
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
}

/// The newest `limit` entries in `state`, with their feed's name.
pub fn entries_in(
    conn: &mut DbConnection,
    state: &str,
    limit: i64,
) -> QueryResult<Vec<(Entry, String)>> {
    listening_entries::table
        .inner_join(listening_feeds::table)
        .filter(listening_entries::state.eq(state))
        .order((
            listening_entries::fetched_at.desc(),
            listening_entries::published_at.desc(),
            listening_entries::id.asc(),
        ))
        .select((Entry::as_select(), listening_feeds::name))
        .limit(limit)
        .load(conn)
}

/// One entry with its feed's name.
pub fn entry(conn: &mut DbConnection, id: &str) -> QueryResult<Option<(Entry, String)>> {
    listening_entries::table
        .inner_join(listening_feeds::table)
        .filter(listening_entries::id.eq(id))
        .select((Entry::as_select(), listening_feeds::name))
        .first(conn)
        .optional()
}

/// Moves the entry `id` from `from` to `to` (with the idea it became); returns how many moved
/// (0: it was not in `from`).
pub fn move_entry(
    conn: &mut DbConnection,
    id: &str,
    (from, to): (&str, &str),
    idea_id: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(
        listening_entries::table
            .filter(listening_entries::id.eq(id))
            .filter(listening_entries::state.eq(from)),
    )
    .set((
        listening_entries::state.eq(to),
        listening_entries::idea_id.eq(idea_id),
    ))
    .execute(conn)
}
