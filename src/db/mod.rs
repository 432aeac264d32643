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

/// SQLite takes one writer at a time. Writers of this process queue here, and the next one starts
/// the moment the last commits; left to SQLite's busy handler they would sleep 1, 2, 5, 10 … ms
/// between tries and leave the lock idle (votes by 32 people: 1,230/s with p99 420 ms). Other
/// processes (the CLI) still meet the busy timeout.
static SQLITE_WRITER_TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

thread_local! {
    /// Whether this thread holds the writer turn (a nested write must not wait for itself).
    static HOLDS_WRITER_TURN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Holds the writer turn while alive.
struct WriterTurn {
    guard: Option<std::sync::MutexGuard<'static, ()>>,
}

impl WriterTurn {
    fn take() -> Self {
        if HOLDS_WRITER_TURN.get() {
            return WriterTurn { guard: None };
        }
        let guard = SQLITE_WRITER_TURN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        HOLDS_WRITER_TURN.set(true);
        WriterTurn { guard: Some(guard) }
    }
}

impl Drop for WriterTurn {
    fn drop(&mut self) {
        if self.guard.is_some() {
            HOLDS_WRITER_TURN.set(false);
        }
    }
}

/// Runs `work` in a write transaction: `BEGIN IMMEDIATE` on SQLite, so two writers queue (in
/// this process on the writer turn, across processes on the busy timeout) instead of failing on a
/// lock upgrade; a plain transaction on PostgreSQL.
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
            let _turn = WriterTurn::take();
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
