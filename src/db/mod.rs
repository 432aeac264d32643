//! The database: one connection type over SQLite and PostgreSQL, the pool, migrations, tables.

pub mod migrate;
pub mod models;
pub mod pool;
pub mod schema;
pub mod stats;
pub mod views;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;

/// A connection to whichever backend `DATABASE_URL` named.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs `work` in a write transaction: `BEGIN IMMEDIATE` on SQLite, so two writers queue on the
/// busy timeout instead of failing on a lock upgrade; a plain transaction on PostgreSQL.
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Postgres(_) => diesel::Connection::transaction(conn, work),
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
            match work(conn) {
                Ok(value) => {
                    <DbConnection as diesel::Connection>::TransactionManager::commit_transaction(
                        conn,
                    )?;
                    Ok(value)
                }
                Err(error) => {
                    // The original error matters more than a failed rollback; the pool drops a
                    // connection left in a broken transaction.
                    let _ = <DbConnection as diesel::Connection>::TransactionManager::rollback_transaction(conn);
                    Err(error)
                }
            }
        }
    }
}
