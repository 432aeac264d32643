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
///
/// The turn also holds the one connection this process writes through (see `SqliteWriter`).
static SQLITE_WRITER_TURN: std::sync::Mutex<Option<SqliteWriter>> = std::sync::Mutex::new(None);

thread_local! {
    /// Whether this thread holds the writer turn (a nested write must not wait for itself).
    static HOLDS_WRITER_TURN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The connection every write transaction of this process runs on, for one database file.
/// SQLite empties a connection's page cache whenever another connection has committed since its
/// last read, so under a stream of votes every pooled connection starts each transaction cold and
/// reads every B-tree page it needs from the OS again. The connection that made the last commit
/// keeps its cache, so writes made on one connection find the upper levels of the indexes they
/// change (and the rows just written) already in memory.
struct SqliteWriter {
    /// The database file, as SQLite names it (`pragma_database_list`).
    file: String,
    conn: DbConnection,
}

/// Holds the writer turn while alive.
struct WriterTurn {
    guard: Option<std::sync::MutexGuard<'static, Option<SqliteWriter>>>,
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

    /// The writer connection for `file`, opened (or reopened, for another file or after a failure)
    /// as needed; `None` for a nested turn, which writes on the connection it was given.
    fn writer(&mut self, file: &str) -> Result<Option<&mut DbConnection>, diesel::ConnectionError> {
        let Some(slot) = self.guard.as_deref_mut() else {
            return Ok(None);
        };
        if slot.as_ref().is_none_or(|writer| writer.file != file) {
            *slot = None;
            let conn =
                pool::DbManager::new(crate::config::DatabaseUrl::Sqlite(file.into())).open()?;
            *slot = Some(SqliteWriter {
                file: file.to_string(),
                conn,
            });
        }
        Ok(slot.as_mut().map(|writer| &mut writer.conn))
    }

    /// Closes the writer connection (after a rollback failed), so the next turn opens a new one.
    fn discard_writer(&mut self) {
        if let Some(slot) = self.guard.as_deref_mut() {
            *slot = None;
        }
    }
}

impl Drop for WriterTurn {
    fn drop(&mut self) {
        if self.guard.is_some() {
            HOLDS_WRITER_TURN.set(false);
        }
    }
}

/// The file of the database `conn` is connected to; empty for an in-memory or temporary one.
fn sqlite_file(conn: &mut DbConnection) -> diesel::QueryResult<String> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct MainFile {
        #[diesel(sql_type = diesel::sql_types::Text)]
        file: String,
    }
    let row: MainFile =
        diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .get_result(conn)?;
    Ok(row.file)
}

/// Write transactions committed on SQLite since the last checkpoint was started.
static COMMITS_SINCE_CHECKPOINT: std::sync::atomic::AtomicU32 =
    std::sync::atomic::AtomicU32::new(0);

/// Commits between two checkpoints (a vote writes about 15 pages to the WAL: about SQLite's own
/// default of 1,000 pages).
const CHECKPOINT_EVERY: u32 = 64;

/// WAL length (in pages) past which a checkpoint also starts the WAL over: 16 MB of 4 KiB pages,
/// about four checkpoints' worth of votes.
const RESTART_WAL_AFTER_PAGES: i64 = 4096;

/// Copies the WAL back into the database file every `CHECKPOINT_EVERY` commits. SQLite's own
/// automatic checkpoint (turned off on every connection, see `pool`) runs inside the commit that
/// crosses its threshold, while that writer holds the turn, so every other writer waited for the
/// whole copy and its fsyncs. Here the copy is made after the turn is released, while the others
/// write (a passive checkpoint waits for nobody).
///
/// A writer starts the WAL over from its beginning only when no reader is still reading from it,
/// which under a steady stream of reads and writes never happens: the WAL only grew (to 1.2 GB in
/// 8 s of votes), and every read searched a longer WAL index. So once the WAL is longer than
/// `RESTART_WAL_AFTER_PAGES`, the rest is copied holding the turn, in RESTART mode, which also
/// waits (briefly) for the readers still in the WAL, so that the next writer starts it over. That
/// step holds every writer up, so it is taken only then (after every checkpoint, votes ran 15%
/// slower). A failed step is logged at debug level; the next checkpoint copies what it left.
fn checkpoint_now_and_then(conn: &mut DbConnection) {
    use diesel::RunQueryDsl;
    use diesel::connection::SimpleConnection;
    use std::sync::atomic::Ordering;
    #[derive(diesel::QueryableByName)]
    struct Checkpoint {
        /// Pages in the WAL.
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        log: i64,
    }
    if COMMITS_SINCE_CHECKPOINT.fetch_add(1, Ordering::Relaxed) + 1 < CHECKPOINT_EVERY {
        return;
    }
    COMMITS_SINCE_CHECKPOINT.store(0, Ordering::Relaxed);
    let passive =
        diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").get_result::<Checkpoint>(conn);
    match passive {
        Ok(checkpoint) if checkpoint.log <= RESTART_WAL_AFTER_PAGES => return,
        Ok(_) => {}
        Err(error) => tracing::debug!(%error, "passive WAL checkpoint failed"),
    }
    let run = |conn: &mut DbConnection, sql: &str| {
        if let Err(error) = conn.batch_execute(sql) {
            tracing::debug!(%error, sql, "WAL checkpoint step failed");
        }
    };
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
        DbConnection::Sqlite(_) => {
            let file = if HOLDS_WRITER_TURN.get() {
                String::new()
            } else {
                sqlite_file(conn)?
            };
            let mut turn = WriterTurn::take();
            let writer = if file.is_empty() {
                None
            } else {
                turn.writer(&file).map_err(|error| {
                    diesel::result::Error::DatabaseError(
                        diesel::result::DatabaseErrorKind::UnableToSendCommand,
                        Box::new(error.to_string()),
                    )
                })?
            };
            let outcome = match writer {
                Some(writer) => sqlite_transaction(writer, work),
                None => sqlite_transaction(conn, work),
            };
            let outermost = turn.guard.is_some();
            match outcome {
                Ok(value) => {
                    drop(turn);
                    if outermost {
                        checkpoint_now_and_then(conn);
                    }
                    Ok(value)
                }
                Err(Failure::Work(error)) => Err(error),
                Err(Failure::Connection(error)) => {
                    turn.discard_writer();
                    Err(error)
                }
            }
        }
    }
}

/// Why a transaction on SQLite failed: its work (rolled back), or the connection (left unusable).
enum Failure<E> {
    Work(E),
    Connection(E),
}

/// `BEGIN IMMEDIATE`, the work, then commit, or rollback on failure.
fn sqlite_transaction<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, Failure<E>>
where
    E: From<diesel::result::Error>,
{
    type Manager = <DbConnection as diesel::Connection>::TransactionManager;
    let DbConnection::Sqlite(inner) = &mut *conn else {
        return Err(Failure::Connection(
            diesel::result::Error::BrokenTransactionManager.into(),
        ));
    };
    AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")
        .map_err(|error| Failure::Connection(error.into()))?;
    match work(conn) {
        Ok(value) => match Manager::commit_transaction(conn) {
            Ok(()) => Ok(value),
            Err(error) => {
                let _ = Manager::rollback_transaction(conn);
                Err(Failure::Connection(error.into()))
            }
        },
        Err(error) => {
            // The original error matters more than a failed rollback; a connection left in a
            // broken transaction is dropped (by the pool, or as the writer).
            match Manager::rollback_transaction(conn) {
                Ok(()) => Err(Failure::Work(error)),
                Err(_) => Err(Failure::Connection(error)),
            }
        }
    }
}
