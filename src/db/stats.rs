//! Planner statistics: both query planners choose the ranked-order indexes only when they know
//! how the rows are spread, so statistics are gathered after migrations, after a seed and hourly.

use diesel::QueryResult;
use diesel::connection::SimpleConnection;

use super::DbConnection;

/// Rows sampled per index on SQLite: enough for the planner, milliseconds on any board size.
const SQLITE_ANALYSIS_LIMIT: u32 = 1000;

/// At every start, after migrations: quick sampled statistics (milliseconds on SQLite; a sampled
/// `ANALYZE` on PostgreSQL), so a database from an older version plans like a fresh one.
pub fn after_migrations(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Postgres(pg) => pg.batch_execute("ANALYZE"),
        DbConnection::Sqlite(sqlite) => sqlite.batch_execute(&format!(
            "PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}; ANALYZE;"
        )),
    }
}

/// After a bulk load (`seed`): full statistics, and on PostgreSQL a vacuum so that covering
/// indexes are read without visiting the table.
pub fn after_bulk_load(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Postgres(pg) => pg.batch_execute("VACUUM (ANALYZE)"),
        DbConnection::Sqlite(sqlite) => sqlite.batch_execute("PRAGMA analysis_limit = 0; ANALYZE;"),
    }
}

/// The periodic check: SQLite re-analyses the tables that changed a lot since last time
/// (`PRAGMA optimize`); PostgreSQL's autovacuum does this by itself.
pub fn keep_fresh(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Postgres(_) => Ok(()),
        DbConnection::Sqlite(sqlite) => sqlite.batch_execute(&format!(
            "PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}; PRAGMA optimize = 0x10002;"
        )),
    }
}
