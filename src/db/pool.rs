//! The r2d2 pool: picks the backend from the URL scheme and sets SQLite's PRAGMAs per connection.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};

use super::DbConnection;
use crate::config::DatabaseUrl;

/// A pool of connections to one database.
pub type DbPool = r2d2::Pool<DbManager>;
/// One connection borrowed from the pool.
pub type PooledConnection = r2d2::PooledConnection<DbManager>;

/// Who copies SQLite's write-ahead log back into the database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckpointPolicy {
    /// The server: a job does it after writers have let each other in (SQLite's automatic
    /// checkpoint would run inside a commit, while that writer holds everybody up).
    ByJob,
    /// A short-lived command: SQLite's own automatic checkpoint.
    BySqlite,
}

/// Opens connections of the right backend, showing the real error when one cannot be opened.
///
/// A SQLite connection's planner uses the statistics it read when it opened, whatever `ANALYZE`
/// wrote since; so each SQLite connection notes the `statistics` generation it opened at (in a
/// temporary table of its own), and one older than the current generation is replaced when it is
/// next taken from the pool. The maintenance sweep moves the generation on when the statistics
/// changed (`Database::statistics_now`).
#[derive(Debug, Clone)]
pub struct DbManager {
    url: DatabaseUrl,
    checkpoints: CheckpointPolicy,
    statistics: Arc<AtomicU64>,
}

/// Why a pooled SQLite connection is replaced: not an error worth a log line.
const OLDER_STATISTICS: &str = "planned with older statistics";

/// Set on every SQLite connection. `busy_timeout` goes first: switching to WAL needs a lock.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
    PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
/// Added where a job checkpoints (`CheckpointPolicy::ByJob`): SQLite would otherwise checkpoint
/// inside a commit. The last connection to close checkpoints what is left.
const SQLITE_NO_AUTOCHECKPOINT: &str = "PRAGMA wal_autocheckpoint = 0;";
/// The busy timeout set above.
pub const SQLITE_BUSY_TIMEOUT_MS: u32 = 10_000;

/// Set on every PostgreSQL connection: index reads cost little more than sequential ones when the
/// data is on SSD or in memory (the default of 4 makes the planner sort whole tables instead of
/// walking the ranked-order indexes), and short OLTP queries gain nothing from JIT compilation.
const POSTGRES_SETTINGS: &str = "SET random_page_cost = 1.1; SET jit = off;";

impl DbManager {
    pub fn new(url: DatabaseUrl, checkpoints: CheckpointPolicy) -> Self {
        Self {
            url,
            checkpoints,
            statistics: Arc::default(),
        }
    }

    /// Makes every SQLite connection opened before now be replaced on its next use.
    pub fn statistics_changed(&self) {
        self.statistics.fetch_add(1, Ordering::SeqCst);
    }

    /// Opens one connection outside any pool (migrations, tests of the schema).
    pub fn open(&self) -> Result<DbConnection, diesel::ConnectionError> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let mut conn = PgConnection::establish(&with_connect_timeout(url))?;
                conn.batch_execute(POSTGRES_SETTINGS).map_err(|e| {
                    diesel::ConnectionError::BadConnection(format!(
                        "setting PostgreSQL session settings: {e}"
                    ))
                })?;
                Ok(DbConnection::Postgres(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        diesel::ConnectionError::BadConnection(format!(
                            "cannot create {}: {e}",
                            parent.display()
                        ))
                    })?;
                }
                // Read before the connection reads the statistics, so it is never newer than them.
                let generation = self.statistics.load(Ordering::SeqCst);
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                super::search_index::register_sqlite_functions(&mut conn).map_err(|e| {
                    diesel::ConnectionError::BadConnection(format!(
                        "registering the search function: {e}"
                    ))
                })?;
                // Switching a new file to WAL takes a lock that SQLite's busy handler does not
                // wait for, so several processes opening one new file at once retry briefly.
                let mut attempts = 0;
                loop {
                    let pragmas = match self.checkpoints {
                        CheckpointPolicy::ByJob => conn
                            .batch_execute(SQLITE_PRAGMAS)
                            .and_then(|()| conn.batch_execute(SQLITE_NO_AUTOCHECKPOINT)),
                        CheckpointPolicy::BySqlite => conn.batch_execute(SQLITE_PRAGMAS),
                    };
                    let noted = pragmas.and_then(|()| {
                        conn.batch_execute(&format!(
                            "CREATE TEMP TABLE IF NOT EXISTS statistics_seen (generation BIGINT NOT NULL); \
                             DELETE FROM temp.statistics_seen; \
                             INSERT INTO temp.statistics_seen VALUES ({generation});"
                        ))
                    });
                    match noted {
                        Ok(()) => return Ok(DbConnection::Sqlite(conn)),
                        Err(e) if attempts < 100 && e.to_string().contains("locked") => {
                            attempts += 1;
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        Err(e) => {
                            return Err(diesel::ConnectionError::BadConnection(format!(
                                "setting SQLite PRAGMAs: {e}"
                            )));
                        }
                    }
                }
            }
        }
    }
}

impl ManageConnection for DbManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        self.open().map_err(r2d2::Error::ConnectionError)
    }

    /// Run at each checkout: a SQLite connection that read older statistics is replaced (see
    /// above); PostgreSQL's are taken as they are (a broken one shows in `has_broken`).
    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        let DbConnection::Sqlite(sqlite) = conn else {
            return Ok(());
        };
        let seen: i64 = diesel::dsl::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "(SELECT generation FROM temp.statistics_seen)",
        ))
        .get_result(sqlite)
        .map_err(r2d2::Error::QueryError)?;
        if u64::try_from(seen).ok() == Some(self.statistics.load(Ordering::SeqCst)) {
            Ok(())
        } else {
            Err(r2d2::Error::ConnectionError(
                diesel::ConnectionError::BadConnection(OLDER_STATISTICS.into()),
            ))
        }
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// Logs the pool's errors, except a connection replaced for its older statistics.
#[derive(Debug)]
struct LogPoolErrors;

impl r2d2::HandleError<r2d2::Error> for LogPoolErrors {
    fn handle_error(&self, error: r2d2::Error) {
        let message = error.to_string();
        if message.contains(OLDER_STATISTICS) {
            tracing::debug!("a pooled SQLite connection is replaced: {message}");
        } else {
            tracing::error!(%error, "database pool");
        }
    }
}

/// How long a request waits for a pooled connection.
pub const POOL_WAIT: Duration = Duration::from_secs(3);

/// libpq's `connect_timeout` unless the URL sets one: an unreachable host (packets dropped, not
/// refused) would otherwise hold a connection attempt for minutes.
fn with_connect_timeout(url: &str) -> String {
    if url.contains("connect_timeout=") {
        return url.to_string();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}connect_timeout=2")
}

/// Builds the pool of `manager`'s connections and checks that one opens, so a wrong URL fails
/// at start.
pub fn build_pool(manager: DbManager, size: u32) -> Result<DbPool, String> {
    let url = manager.url.clone();
    r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        // A request waits this long for a connection before it is answered 503 (the database is
        // down, or every connection is busy): long enough for a burst, short enough that a person
        // is told something and a load balancer's health check does not pile up.
        .connection_timeout(POOL_WAIT)
        .test_on_check_out(true)
        .error_handler(Box::new(LogPoolErrors))
        .build(manager)
        .map_err(|e| format!("cannot connect to the database {url:?}: {e}"))
}
