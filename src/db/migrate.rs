//! Embedded migrations for both backends, applied under a lock so that two instances starting
//! together do not both migrate.

use diesel::backend::Backend;
use diesel::connection::SimpleConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

/// The SQLite migrations, embedded in the binary.
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
/// The PostgreSQL migrations, embedded in the binary; same folder names as SQLite's.
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// An arbitrary constant naming Ideaboard's migration lock among PostgreSQL advisory locks.
const MIGRATION_LOCK_KEY: i64 = 0x1dea_b0a2d;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Brings the database up to date before anything is served: applies every pending migration on
/// one connection (the only writes not made through `Db::write`, since nothing else runs yet),
/// then gathers planner statistics. Returns how many migrations ran.
pub fn prepare(db: &mut super::Db) -> Result<usize, String> {
    let conn = db
        .conn()
        .map_err(|e| format!("cannot connect to the database: {e}"))?;
    let applied = run_pending(conn)?;
    super::stats::after_migrations(conn, applied > 0)
        .map_err(|e| format!("gathering planner statistics: {e}"))?;
    Ok(applied)
}

/// Applies every pending migration and returns how many ran. On PostgreSQL a session advisory
/// lock serialises concurrent starters; on SQLite an exclusive transaction does.
pub fn run_pending(conn: &mut DbConnection) -> Result<usize, String> {
    let result: Result<usize, BoxError> = match conn {
        DbConnection::Postgres(pg) => {
            pg.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
                .map_err(|e| format!("taking the migration lock: {e}"))?;
            let applied = pg
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.len());
            let unlocked =
                pg.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"));
            let applied = applied.map_err(|e| format!("{e}"))?;
            unlocked.map_err(|e| format!("releasing the migration lock: {e}"))?;
            Ok(applied)
        }
        DbConnection::Sqlite(sqlite) => sqlite
            .exclusive_transaction(|c| {
                c.run_pending_migrations(SQLITE_MIGRATIONS)
                    .map(|v| v.len())
                    .map_err(diesel::result::Error::QueryBuilderError)
            })
            .map_err(|e| -> BoxError { Box::new(e) }),
    };
    result.map_err(|e| format!("migrating the database: {e}"))
}

/// Applies the next pending migration; false when none was pending.
pub fn run_next(conn: &mut DbConnection) -> Result<bool, String> {
    let result = match conn {
        DbConnection::Postgres(pg) => apply_next(pg, POSTGRES_MIGRATIONS),
        DbConnection::Sqlite(sqlite) => apply_next(sqlite, SQLITE_MIGRATIONS),
    };
    result.map_err(|e| format!("applying a migration: {e}"))
}

/// Reverts the last applied migration by running its `down.sql`.
pub fn revert_last(conn: &mut DbConnection) -> Result<(), String> {
    let result = match conn {
        DbConnection::Postgres(pg) => pg.revert_last_migration(POSTGRES_MIGRATIONS).map(|_| ()),
        DbConnection::Sqlite(sqlite) => sqlite.revert_last_migration(SQLITE_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| format!("reverting a migration: {e}"))
}

fn apply_next<DB: Backend, C: MigrationHarness<DB>>(
    conn: &mut C,
    source: EmbeddedMigrations,
) -> Result<bool, BoxError> {
    let pending = conn.pending_migrations(source)?;
    match pending.first() {
        Some(migration) => {
            conn.run_migration(migration.as_ref())?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Each table's triggers with what they run (`"<table> triggers"` → names), then PostgreSQL's
/// functions and SQLite's full-text tables, sorted. Triggers are written per
/// backend (SQLite has one per event, PostgreSQL one for several), so this is for following one
/// backend's migrations, not for comparing backends.
pub fn describe_triggers(
    conn: &mut DbConnection,
) -> Result<Vec<(String, Vec<String>)>, diesel::result::Error> {
    // A trigger's or function's body counts: a migration that only rewrites one changes the
    // description. PostgreSQL's bodies are functions; SQLite's full-text tables are code too.
    let sql = match conn {
        DbConnection::Postgres(_) => {
            "SELECT DISTINCT event_object_table::text || ' triggers' AS table_name, \
             trigger_name::text AS column_name FROM information_schema.triggers \
             WHERE trigger_schema = current_schema() \
             UNION SELECT 'functions', p.proname::text || ' ' || md5(p.prosrc) \
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
             WHERE n.nspname = current_schema() ORDER BY 1, 2"
        }
        DbConnection::Sqlite(_) => {
            "SELECT tbl_name || ' triggers' AS table_name, name || ' ' || sql AS column_name \
             FROM sqlite_master WHERE type = 'trigger' \
             UNION SELECT 'full-text tables', name || ' ' || sql FROM sqlite_master \
             WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY 1, 2"
        }
    };
    Ok(grouped(diesel::RunQueryDsl::load(
        diesel::sql_query(sql),
        conn,
    )?))
}

/// A name within a table (a column, a trigger).
#[derive(diesel::QueryableByName)]
struct TableItem {
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    column_name: String,
}

/// Rows ordered by table, as (table, names).
fn grouped(rows: Vec<TableItem>) -> Vec<(String, Vec<String>)> {
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows {
        match tables.last_mut() {
            Some((name, items)) if *name == row.table_name => items.push(row.column_name),
            _ => tables.push((row.table_name, vec![row.column_name])),
        }
    }
    tables
}

/// The tables and their columns, then each table's secondary indexes with their columns in
/// order (`"<table> indexes"` → `"name(col,…)"`), sorted, for comparing backends. Primary keys,
/// unique constraints and full-text search structures differ by backend and are left out.
pub fn describe_schema(
    conn: &mut DbConnection,
) -> Result<Vec<(String, Vec<String>)>, diesel::result::Error> {
    use diesel::prelude::*;
    use diesel::sql_types::Text;

    let sql = match conn {
        DbConnection::Postgres(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name \
             FROM information_schema.columns WHERE table_schema = current_schema() \
             AND table_name <> '__diesel_schema_migrations' AND table_name NOT LIKE '%_fts%' \
             ORDER BY 1, 2"
        }
        DbConnection::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m \
             JOIN pragma_table_info(m.name) p WHERE m.type = 'table' \
             AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations' \
             AND m.name NOT LIKE '%_fts%' ORDER BY 1, 2"
        }
    };
    let mut tables = grouped(diesel::sql_query(sql).load(conn)?);

    #[derive(QueryableByName)]
    struct IndexColumn {
        #[diesel(sql_type = Text)]
        table_name: String,
        #[diesel(sql_type = Text)]
        index_name: String,
        #[diesel(sql_type = Text)]
        column_name: String,
    }
    let sql = match conn {
        DbConnection::Postgres(_) => {
            "SELECT t.relname::text AS table_name, i.relname::text AS index_name, \
             a.attname::text AS column_name FROM pg_index x \
             JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             JOIN pg_attribute a ON a.attrelid = i.oid AND a.attnum > 0 \
             WHERE n.nspname = current_schema() AND NOT x.indisprimary \
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) \
             AND t.relname NOT LIKE '%_fts%' ORDER BY 1, 2, a.attnum"
        }
        DbConnection::Sqlite(_) => {
            "SELECT m.tbl_name AS table_name, m.name AS index_name, p.name AS column_name \
             FROM sqlite_master m JOIN pragma_index_info(m.name) p \
             WHERE m.type = 'index' AND m.name NOT LIKE 'sqlite_autoindex_%' \
             ORDER BY 1, 2, p.seqno"
        }
    };
    let rows: Vec<IndexColumn> = diesel::sql_query(sql).load(conn)?;
    let mut indexes: Vec<(String, Vec<String>)> = Vec::new();
    let mut current: Option<(String, String, Vec<String>)> = None;
    let mut flush = |entry: Option<(String, String, Vec<String>)>| {
        if let Some((table, index, columns)) = entry {
            let described = format!("{index}({})", columns.join(","));
            let key = format!("{table} indexes");
            match indexes.last_mut() {
                Some((name, list)) if *name == key => list.push(described),
                _ => indexes.push((key, vec![described])),
            }
        }
    };
    for row in rows {
        match &mut current {
            Some((table, index, columns))
                if *table == row.table_name && *index == row.index_name =>
            {
                columns.push(row.column_name)
            }
            _ => {
                flush(current.take());
                current = Some((row.table_name, row.index_name, vec![row.column_name]));
            }
        }
    }
    flush(current.take());
    tables.extend(indexes);
    tables.sort();
    Ok(tables)
}
