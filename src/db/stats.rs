//! Planner statistics: both query planners choose the ranked-order indexes only when they know
//! how the rows are spread, so statistics are gathered after migrations, after a seed, and checked
//! at every maintenance sweep.

use diesel::connection::SimpleConnection;
use diesel::{QueryResult, RunQueryDsl};

use super::DbConnection;

/// At every start, after migrations. SQLite: a full `ANALYZE` when the board has never been
/// analysed (a database from an older version), else `PRAGMA optimize`, which re-analyses only
/// what changed a lot (a sampled `ANALYZE` here would replace good statistics with coarse ones).
/// PostgreSQL: `ANALYZE` when migrations ran; autovacuum keeps it fresh otherwise.
pub fn after_migrations(conn: &mut DbConnection, migrated: bool) -> QueryResult<()> {
    match conn {
        DbConnection::Postgres(pg) if migrated => on_own_tables(pg, "ANALYZE"),
        DbConnection::Postgres(_) => Ok(()),
        DbConnection::Sqlite(sqlite) => {
            let analysed: i64 = diesel::dsl::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
                "(SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1')",
            ))
            .get_result(sqlite)?;
            let ideas_analysed = analysed > 0 && {
                let rows: i64 = diesel::dsl::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
                    "(SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'ideas')",
                ))
                .get_result(sqlite)?;
                rows > 0
            };
            if ideas_analysed {
                keep_fresh_sqlite(sqlite)
            } else {
                sqlite.batch_execute("PRAGMA analysis_limit = 0; ANALYZE;")
            }
        }
    }
}

/// Runs `command` on Ideaboard's tables only (those of the current schema): without a table list
/// PostgreSQL would process every table of the database, other schemas' too — slow where the
/// database is shared, and racing their `DROP`s.
fn on_own_tables(pg: &mut diesel::PgConnection, command: &str) -> QueryResult<()> {
    #[derive(diesel::QueryableByName)]
    struct Table {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let tables: Vec<Table> = diesel::sql_query(
        "SELECT quote_ident(tablename)::text AS name FROM pg_tables \
         WHERE schemaname = current_schema() ORDER BY 1",
    )
    .load(pg)?;
    if tables.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = tables.into_iter().map(|t| t.name).collect();
    pg.batch_execute(&format!("{command} {}", names.join(", ")))
}

/// After a bulk load (`seed`): full statistics, and on PostgreSQL a vacuum so that covering
/// indexes are read without visiting the table.
pub fn after_bulk_load(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Postgres(pg) => on_own_tables(pg, "VACUUM (ANALYZE)"),
        DbConnection::Sqlite(sqlite) => sqlite.batch_execute("PRAGMA analysis_limit = 0; ANALYZE;"),
    }
}

/// The periodic check (every sweep): SQLite re-analyses the tables that changed a lot since last time
/// (`PRAGMA optimize`); PostgreSQL's autovacuum does this by itself.
pub fn keep_fresh(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Postgres(_) => Ok(()),
        DbConnection::Sqlite(sqlite) => keep_fresh_sqlite(sqlite),
    }
}

fn keep_fresh_sqlite(sqlite: &mut diesel::SqliteConnection) -> QueryResult<()> {
    // Full statistics, never sampled: a sample of an index led by a low-cardinality column
    // (`status_id`) sees one value and makes the planner prefer it over the ranked orders.
    // `ANALYZE sqlite_schema` then reloads them into this connection's planner, in case another
    // process (a command, a bulk change) analysed since it opened: a connection reads the
    // statistics only when it opens, whatever another one's `ANALYZE` wrote.
    sqlite.batch_execute(
        "PRAGMA analysis_limit = 0; PRAGMA optimize = 0x10002; ANALYZE sqlite_schema;",
    )
}

/// A digest of SQLite's planner statistics (0 on PostgreSQL, whose every session reads the
/// current ones): when it changes, the pooled connections, which still plan with the statistics
/// they read when they opened, are replaced (see `pool::DbManager`).
pub fn fingerprint(conn: &mut DbConnection) -> QueryResult<u64> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    #[derive(diesel::QueryableByName)]
    struct Statistics {
        #[diesel(sql_type = diesel::sql_types::Text)]
        rows: String,
    }
    let DbConnection::Sqlite(sqlite) = conn else {
        return Ok(0);
    };
    let analysed: i64 = diesel::dsl::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
        "(SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat1')",
    ))
    .get_result(sqlite)?;
    if analysed == 0 {
        return Ok(0);
    }
    let statistics: Statistics = diesel::sql_query(
        "SELECT COALESCE(group_concat(tbl || ' ' || COALESCE(idx, '') || ' ' || stat, ';'), '') \
         AS rows FROM (SELECT * FROM sqlite_stat1 ORDER BY tbl, idx)",
    )
    .get_result(sqlite)?;
    let mut hasher = DefaultHasher::new();
    statistics.rows.hash(&mut hasher);
    Ok(hasher.finish())
}
