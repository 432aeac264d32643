//! Loading many rows at once (the `seed` command): multi-row inserts per backend, and the
//! settings a large load wants on each backend.

use diesel::connection::SimpleConnection;

use super::DbConnection;

/// Inserts `$rows` into `$table` `$chunk` rows per statement. Multi-row `VALUES` does not compile
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
/// load, and `finish` counts the totals once; so is the one that keeps the response times.
pub fn begin(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(sqlite) => sqlite.batch_execute("PRAGMA cache_size = -524288"),
        DbConnection::Postgres(pg) => pg.batch_execute(
            "ALTER TABLE ideas DISABLE TRIGGER ideas_count_insert; \
                 ALTER TABLE ideas DISABLE TRIGGER ideas_response_insert",
        ),
    }
}

/// Ends what `begin` started, in the same transaction.
pub fn finish(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    if let DbConnection::Postgres(pg) = conn {
        pg.batch_execute(
            "ALTER TABLE ideas ENABLE TRIGGER ideas_count_insert; \
             ALTER TABLE ideas ENABLE TRIGGER ideas_response_insert",
        )?;
        super::views::totals::recount_totals(conn)?;
    }
    Ok(())
}
