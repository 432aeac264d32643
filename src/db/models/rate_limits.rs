//! The `rate_limits` table: hit counters per bucket and one-minute window, shared by every instance.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::rate_limits;

/// Counts one hit in `bucket` for the window starting at `window_start`; returns the window's
/// hits including this one.
pub fn hit(conn: &mut DbConnection, bucket: &str, window_start: NaiveDateTime) -> QueryResult<i64> {
    let upsert = diesel::insert_into(rate_limits::table)
        .values((
            rate_limits::bucket.eq(bucket),
            rate_limits::window_start.eq(window_start),
            rate_limits::hits.eq(1i64),
        ))
        .on_conflict((rate_limits::bucket, rate_limits::window_start))
        .do_update()
        .set(rate_limits::hits.eq(rate_limits::hits + 1))
        .returning(rate_limits::hits);
    match conn {
        DbConnection::Postgres(pg) => upsert.get_result(pg),
        DbConnection::Sqlite(sqlite) => upsert.get_result(sqlite),
    }
}

/// Takes back one hit counted in `bucket` for the window starting at `window_start`.
pub fn unhit(
    conn: &mut DbConnection,
    bucket: &str,
    window_start: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        rate_limits::table
            .filter(rate_limits::bucket.eq(bucket))
            .filter(rate_limits::window_start.eq(window_start))
            .filter(rate_limits::hits.gt(0i64)),
    )
    .set(rate_limits::hits.eq(rate_limits::hits - 1))
    .execute(conn)
}

/// The hits recorded in `bucket` for the window starting at `window_start` (0 if none).
pub fn hits_in(
    conn: &mut DbConnection,
    bucket: &str,
    window_start: NaiveDateTime,
) -> QueryResult<i64> {
    rate_limits::table
        .filter(rate_limits::bucket.eq(bucket))
        .filter(rate_limits::window_start.eq(window_start))
        .select(rate_limits::hits)
        .first(conn)
        .optional()
        .map(|hits| hits.unwrap_or(0))
}

/// The windows of `bucket` that started at or after `since`, oldest first, with their hits.
pub fn hits_since(
    conn: &mut DbConnection,
    bucket: &str,
    since: NaiveDateTime,
) -> QueryResult<Vec<(NaiveDateTime, i64)>> {
    rate_limits::table
        .filter(rate_limits::bucket.eq(bucket))
        .filter(rate_limits::window_start.ge(since))
        .order(rate_limits::window_start.asc())
        .select((rate_limits::window_start, rate_limits::hits))
        .load(conn)
}

/// Forgets windows that ended before `before`.
pub fn delete_older_than(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(rate_limits::table.filter(rate_limits::window_start.lt(before))).execute(conn)
}
