//! Loading many rows at once (the `seed` command): multi-row inserts per backend, and the
//! settings a large load wants on each backend.

use diesel::connection::SimpleConnection;

use super::DbConnection;

/// Inserts `$rows` into `$table` `$chunk` rows per statement (rows × columns must stay under
/// SQLite's 32,766 bound variables). Multi-row `VALUES` does not compile
/// through the `MultiConnection` enum, so each backend's connection runs it itself.
macro_rules! insert_chunks {
    ($conn:expr, $table:expr, $rows:expr, $chunk:expr) => {{
        for chunk in $rows.chunks($chunk) {
            match $conn {
                $crate::db::DbConnection::Postgres(pg) => {
                    diesel::RunQueryDsl::execute(diesel::insert_into($table).values(chunk), pg)?
                }
                $crate::db::DbConnection::Sqlite(sqlite) => {
                    diesel::RunQueryDsl::execute(diesel::insert_into($table).values(chunk), sqlite)?
                }
            };
        }
    }};
}
pub(crate) use insert_chunks;

/// Prepares the current write transaction for a large load; `finish` undoes it before commit.
///
/// SQLite: a large page cache for this connection, as index inserts in random key order
/// otherwise thrash the default 2 MB cache.
///
/// PostgreSQL: the row trigger that counts live ideas per status would update the same few
/// `idea_counts` rows once per idea inside the one transaction, where every update leaves a row
/// version the next one steps over: quadratic (a million ideas ran for hours). It is off for the
/// load, and `finish` counts the totals once; so are those that keep the response times, the
/// activity and the sentiment (one row per vote in a day's few rows, the same trap).
pub fn begin(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(sqlite) => sqlite.batch_execute("PRAGMA cache_size = -524288"),
        DbConnection::Postgres(pg) => pg.batch_execute(&switch_triggers("DISABLE")),
    }
}

/// The PostgreSQL row triggers a load turns off, by table: `finish` recounts what they keep.
const LOAD_TRIGGERS: [(&str, &str); 10] = [
    ("ideas", "ideas_count_insert"),
    ("ideas", "ideas_funnel_insert"),
    ("ideas", "ideas_response_insert"),
    ("ideas", "ideas_activity_insert"),
    ("ideas", "ideas_sentiment_insert"),
    ("votes", "votes_activity_insert"),
    ("votes", "votes_rising_insert"),
    ("comments", "comments_activity_insert"),
    ("comments", "comments_sentiment_insert"),
    ("users", "users_activity_insert"),
];

fn switch_triggers(switch: &str) -> String {
    LOAD_TRIGGERS
        .iter()
        .map(|(table, trigger)| format!("ALTER TABLE {table} {switch} TRIGGER {trigger};"))
        .collect()
}

/// Ends what `begin` started, in the same transaction.
pub fn finish(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    if let DbConnection::Postgres(pg) = conn {
        pg.batch_execute(&switch_triggers("ENABLE"))?;
        super::views::totals::recount_totals(conn)?;
    }
    Ok(())
}
