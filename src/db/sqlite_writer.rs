//! SQLite's one writer: the connection this process writes through, the turn writers take on
//! it, and the WAL checkpoint that keeps the log short.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use diesel::RunQueryDsl;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};

use super::DbConnection;
use super::error::DbError;
use super::pool::{self, CheckpointPolicy, DbManager};

/// Commits between two checkpoints: a vote writes about 15 pages to the WAL, so 64 commits are
/// about SQLite's own default of 1,000 pages.
const CHECKPOINT_EVERY: u32 = 64;

/// WAL length (in pages) past which a checkpoint also starts the WAL over: 16 MB of 4 KiB pages,
/// about four checkpoints' worth of votes.
const RESTART_WAL_AFTER_PAGES: i64 = 4096;

/// SQLite takes one writer at a time. Writers of this process queue on `turn`, and the next one
/// starts the moment the last commits; left to SQLite's busy handler they would sleep 1, 2, 5,
/// 10 … ms between tries and leave the lock idle (votes by 32 people: 1,230/s with p99 420 ms).
/// Other processes (the CLI) still meet the busy timeout.
///
/// The turn holds the one connection every write goes through. SQLite empties a connection's
/// page cache whenever another connection has committed since its last read, so under a stream
/// of votes a pooled connection would start each write cold; the connection that made the last
/// commit keeps its cache, and finds the upper levels of the indexes it changes in memory.
pub struct SqliteWriter {
    manager: DbManager,
    policy: CheckpointPolicy,
    /// The writer connection, opened on first use and again after a connection failure.
    turn: Mutex<Option<DbConnection>>,
    commits_since_checkpoint: AtomicU32,
}

/// A committed write's value, and whether the WAL now wants a checkpoint.
pub struct Written<T> {
    pub value: T,
    pub checkpoint_wanted: bool,
}

/// Why a transaction on SQLite failed: its work (rolled back), or the connection (left unusable).
enum Failure<E> {
    Work(E),
    Connection(E),
}

impl SqliteWriter {
    pub fn new(manager: DbManager, policy: CheckpointPolicy) -> Self {
        Self {
            manager,
            policy,
            turn: Mutex::new(None),
            commits_since_checkpoint: AtomicU32::new(0),
        }
    }

    fn take_turn(&self) -> MutexGuard<'_, Option<DbConnection>> {
        self.turn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes the turn and runs `work` in `BEGIN IMMEDIATE … COMMIT` on the writer connection.
    pub fn write<T, E>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<Written<T>, E>
    where
        E: From<DbError> + From<diesel::result::Error>,
    {
        let mut turn = self.take_turn();
        // The connection is out of its slot while the work runs: if the work panics, it is
        // dropped (closing it rolls its transaction back) and the next turn opens a new one.
        let mut conn = match turn.take() {
            Some(conn) => conn,
            None => self.manager.open().map_err(DbError::from)?,
        };
        match transaction(&mut conn, work) {
            Ok(value) => {
                *turn = Some(conn);
                drop(turn);
                Ok(Written {
                    value,
                    checkpoint_wanted: self.count_commit(),
                })
            }
            Err(Failure::Work(error)) => {
                *turn = Some(conn);
                Err(error)
            }
            // Left unusable: dropped, and the next turn opens a new one.
            Err(Failure::Connection(error)) => Err(error),
        }
    }

    /// Counts a commit; true at every `CHECKPOINT_EVERY`th commit when a job checkpoints.
    fn count_commit(&self) -> bool {
        if self.policy != CheckpointPolicy::ByJob {
            return false;
        }
        let commits = self
            .commits_since_checkpoint
            .fetch_add(1, Ordering::Relaxed)
            + 1;
        commits.is_multiple_of(CHECKPOINT_EVERY)
    }

    /// Copies the WAL back into the database file, on `conn` (a pooled connection), while the
    /// writers go on (a passive checkpoint waits for nobody); the RESTART step below runs on the
    /// writer connection, in the writer's turn.
    ///
    /// A writer starts the WAL over from its beginning only when no reader is still reading from
    /// it, which under a steady stream of reads and writes never happens: the WAL only grew (to
    /// 1.2 GB in 8 s of votes), and every read searched a longer WAL index. So once the WAL is
    /// longer than `RESTART_WAL_AFTER_PAGES`, the rest is copied holding the turn, in RESTART
    /// mode, which also waits (briefly) for the readers still in the WAL, so that the next writer
    /// starts it over. That step holds every writer up, so it is taken only then (after every
    /// checkpoint, votes ran 15% slower). A failed step is logged at debug level; the next
    /// checkpoint copies what it left.
    pub fn checkpoint(&self, conn: &mut DbConnection) {
        #[derive(diesel::QueryableByName)]
        struct Checkpoint {
            /// Pages in the WAL.
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            log: i64,
        }
        let passive =
            diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").get_result::<Checkpoint>(conn);
        match passive {
            Ok(checkpoint) if checkpoint.log <= RESTART_WAL_AFTER_PAGES => return,
            Ok(_) => {}
            Err(error) => tracing::debug!(%error, "passive WAL checkpoint failed"),
        }
        // On the writer connection, holding the turn, so writers wait meanwhile; readers are
        // waited for only briefly: one still reading after that is left be, and the WAL starts
        // over at a later checkpoint.
        let mut turn = self.take_turn();
        let Some(writer) = turn.as_mut() else {
            return;
        };
        if let Err(error) =
            writer.batch_execute("PRAGMA busy_timeout = 20; PRAGMA wal_checkpoint(RESTART)")
        {
            tracing::debug!(%error, "WAL checkpoint (restart) failed");
        }
        let restore = format!("PRAGMA busy_timeout = {}", pool::SQLITE_BUSY_TIMEOUT_MS);
        if let Err(error) = writer.batch_execute(&restore) {
            // A writer left with a 20 ms busy timeout would fail where it should wait.
            tracing::debug!(%error, "restoring the busy timeout failed; reopening the writer");
            *turn = None;
        }
    }
}

/// `BEGIN IMMEDIATE`, the work, then commit, or rollback on failure.
fn transaction<T, E>(
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
    // A `BEGIN` that fails (another process holds the lock past the busy timeout) started
    // nothing: the connection stays good.
    AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")
        .map_err(|error| Failure::Work(error.into()))?;
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
            // broken transaction is dropped and the next turn opens a new one.
            match Manager::rollback_transaction(conn) {
                Ok(()) => Err(Failure::Work(error)),
                Err(_) => Err(Failure::Connection(error)),
            }
        }
    }
}
