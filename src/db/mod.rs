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

/// Write transactions committed on SQLite since the last checkpoint was started.
static COMMITS_SINCE_CHECKPOINT: std::sync::atomic::AtomicU32 =
    std::sync::atomic::AtomicU32::new(0);

/// Commits between two checkpoints (a vote writes about 15 pages to the WAL: about SQLite's own
/// default of 1,000 pages).
const CHECKPOINT_EVERY: u32 = 64;

/// Copies the WAL back into the database file every `CHECKPOINT_EVERY` commits. SQLite's own
/// automatic checkpoint (turned off on every connection, see `pool`) runs inside the commit that
/// crosses its threshold, while that writer holds the turn, so every other writer waited for the
/// whole copy and its fsyncs. Here the bulk is copied after the turn is released, while the others
/// write (a passive checkpoint waits for nobody). Then the rest is copied holding the turn, in
/// RESTART mode, which also waits (briefly) for the readers still reading the WAL to finish, so
/// the next writer starts the WAL over from its beginning: otherwise, with readers and writers
/// always at work, the WAL only grew (to 1.2 GB in 8 s of votes), and every read searched a longer
/// WAL index. A failed step is logged at debug level; the next checkpoint copies what it left.
fn checkpoint_now_and_then(conn: &mut DbConnection) {
    use diesel::connection::SimpleConnection;
    use std::sync::atomic::Ordering;
    if COMMITS_SINCE_CHECKPOINT.fetch_add(1, Ordering::Relaxed) + 1 < CHECKPOINT_EVERY {
        return;
    }
    COMMITS_SINCE_CHECKPOINT.store(0, Ordering::Relaxed);
    let run = |conn: &mut DbConnection, sql: &str| {
        if let Err(error) = conn.batch_execute(sql) {
            tracing::debug!(%error, sql, "WAL checkpoint step failed");
        }
    };
    run(conn, "PRAGMA wal_checkpoint(PASSIVE)");
    let _turn = WriterTurn::take();
    // Writers wait meanwhile, so readers are waited for only briefly: one still reading after
    // that is left be, and the WAL starts over at a later checkpoint.
    run(
        conn,
        "PRAGMA busy_timeout = 20; PRAGMA wal_checkpoint(RESTART)",
    );
    run(
        conn,
        &format!("PRAGMA busy_timeout = {}", pool::SQLITE_BUSY_TIMEOUT_MS),
    );
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
            let turn = WriterTurn::take();
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
            match work(conn) {
                Ok(value) => {
                    <DbConnection as diesel::Connection>::TransactionManager::commit_transaction(
                        conn,
                    )?;
                    let outermost = turn.guard.is_some();
                    drop(turn);
                    if outermost {
                        checkpoint_now_and_then(conn);
                    }
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
