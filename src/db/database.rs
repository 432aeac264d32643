//! `Database`: the one way to the database. Reads run on a pooled connection; every write runs
//! in one transaction on the backend's writer (SQLite: the process's one writer connection, taken
//! in turn; PostgreSQL: a pooled connection). A write holds exactly one connection.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::Notify;

use super::DbConnection;
use super::error::DbError;
use super::pool::{self, CheckpointPolicy, DbPool, PooledConnection};
use super::sqlite_writer::SqliteWriter;
use crate::config::DatabaseUrl;

/// Which backend a `Database` talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database: pool, SQLite writer and backend, shared by every request (cloning is cheap).
#[derive(Clone)]
pub struct Database {
    inner: Arc<Shared>,
}

struct Shared {
    backend: Backend,
    pool: DbPool,
    /// The pool's manager, told when the planner statistics changed.
    manager: pool::DbManager,
    /// `Some` on SQLite: the writer connection and its turn.
    writer: Option<SqliteWriter>,
    /// Rung when the WAL has grown enough to be worth a checkpoint (see `jobs`).
    checkpoint_wanted: Notify,
    /// The planner statistics' digest at the last maintenance sweep (`statistics_now`).
    statistics: AtomicU64,
}

impl Database {
    /// Builds the pool (checking that one connection opens, so a wrong URL fails at start).
    /// `checkpoints` says who copies SQLite's WAL back: a job (the server) or SQLite itself (the CLI).
    pub fn open(
        url: &DatabaseUrl,
        size: u32,
        checkpoints: CheckpointPolicy,
    ) -> Result<Self, String> {
        let manager = pool::DbManager::new(url.clone(), checkpoints);
        let pool = pool::build_pool(manager.clone(), size)?;
        let (backend, writer) = match url {
            DatabaseUrl::Postgres(_) => (Backend::Postgres, None),
            DatabaseUrl::Sqlite(_) => (
                Backend::Sqlite,
                Some(SqliteWriter::new(
                    pool::DbManager::new(url.clone(), checkpoints),
                    checkpoints,
                )),
            ),
        };
        Ok(Self {
            inner: Arc::new(Shared {
                backend,
                pool,
                manager,
                writer,
                checkpoint_wanted: Notify::new(),
                statistics: AtomicU64::new(0),
            }),
        })
    }

    pub fn backend(&self) -> Backend {
        self.inner.backend
    }

    /// One task's access, for callers already off the async runtime (the CLI, jobs, tests).
    pub fn access(&self) -> Db {
        Db {
            database: self.clone(),
            reader: None,
        }
    }

    /// Runs `work` on the blocking pool with this task's access to the database.
    pub async fn run<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
        F: FnOnce(&mut Db) -> Result<T, E> + Send + 'static,
    {
        let mut db = self.access();
        tokio::task::spawn_blocking(move || work(&mut db))
            .await
            .map_err(|error| E::from(DbError::Task(error.to_string())))?
    }

    /// Notes the planner statistics' digest (`stats::fingerprint`) after a sweep refreshed them:
    /// when it changed, each pooled SQLite connection is replaced when next used, so it plans
    /// with the new statistics.
    pub fn statistics_now(&self, fingerprint: u64) {
        if self.inner.statistics.swap(fingerprint, Ordering::SeqCst) != fingerprint {
            self.inner.manager.statistics_changed();
        }
    }

    /// Waits until enough has been written to SQLite's WAL for a checkpoint to be worth it.
    pub async fn checkpoint_wanted(&self) {
        self.inner.checkpoint_wanted.notified().await;
    }

    /// Copies SQLite's WAL back into the database file (see `SqliteWriter::checkpoint`); nothing
    /// on PostgreSQL.
    pub fn checkpoint_wal(&self) -> Result<(), DbError> {
        let Some(writer) = &self.inner.writer else {
            return Ok(());
        };
        let mut conn = self.inner.pool.get()?;
        writer.checkpoint(&mut conn);
        Ok(())
    }
}

/// One task's access to the database: at most one pooled connection, kept between its reads.
/// `write` borrows it whole, so a write cannot start another one inside itself.
pub struct Db {
    database: Database,
    reader: Option<PooledConnection>,
}

impl Db {
    pub fn backend(&self) -> Backend {
        self.database.backend()
    }

    /// The database this access belongs to.
    pub fn database(&self) -> &Database {
        &self.database
    }

    /// The pooled connection for reads outside a transaction (taken on first use).
    pub fn conn(&mut self) -> Result<&mut DbConnection, DbError> {
        let reader = match self.reader.take() {
            Some(reader) => reader,
            None => self.database.inner.pool.get()?,
        };
        Ok(&mut **self.reader.insert(reader))
    }

    /// Whether the database answers a trivial query.
    pub fn ping(&mut self) -> Result<(), DbError> {
        use diesel::connection::SimpleConnection;
        Ok(self.conn()?.batch_execute("SELECT 1")?)
    }

    /// Runs `work` on the pooled connection.
    pub fn read<T, E>(
        &mut self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<DbError>,
    {
        work(self.conn()?)
    }

    /// Runs `work` in one write transaction: on SQLite `BEGIN IMMEDIATE` on the writer connection
    /// (this task's pooled connection goes back to the pool first, so the write holds one
    /// connection), on PostgreSQL a transaction on the pooled connection. Committed when `work`
    /// returns `Ok`, rolled back otherwise.
    pub fn write<T, E>(
        &mut self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<DbError> + From<diesel::result::Error>,
    {
        match &self.database.inner.writer {
            None => diesel::Connection::transaction(self.conn()?, work),
            Some(writer) => {
                self.reader = None;
                let outcome = writer.write(work)?;
                if outcome.checkpoint_wanted {
                    self.database.inner.checkpoint_wanted.notify_one();
                }
                Ok(outcome.value)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use diesel::RunQueryDsl;
    use diesel::connection::SimpleConnection;

    use super::*;

    fn sqlite_board() -> (tempfile::TempDir, Database) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = DatabaseUrl::Sqlite(dir.path().join("board.db"));
        let db = Database::open(&url, 2, CheckpointPolicy::BySqlite).expect("the database opens");
        db.access()
            .conn()
            .expect("a connection")
            .batch_execute("CREATE TABLE notes (body TEXT NOT NULL)")
            .expect("a table");
        (dir, db)
    }

    fn notes(db: &Database) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let count: Count = diesel::sql_query("SELECT COUNT(*) AS n FROM notes")
            .get_result(db.access().conn().expect("a connection"))
            .expect("count");
        count.n
    }

    fn add_note(conn: &mut DbConnection) -> Result<(), DbError> {
        conn.batch_execute("INSERT INTO notes (body) VALUES ('x')")?;
        Ok(())
    }

    #[test]
    fn a_failed_write_is_rolled_back_and_the_next_one_commits() {
        let (_dir, db) = sqlite_board();
        let failed: Result<(), DbError> = db.access().write(|conn| {
            add_note(conn)?;
            Err(DbError::Task("the work gave up".into()))
        });
        assert!(failed.is_err());
        assert_eq!(notes(&db), 0, "rolled back");
        db.access().write(add_note).expect("the next write commits");
        assert_eq!(notes(&db), 1);
    }

    #[test]
    fn a_write_that_panics_leaves_no_transaction_open_for_the_next_one() {
        let (_dir, db) = sqlite_board();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _: Result<(), DbError> = db.access().write(|conn| {
                add_note(conn)?;
                panic!("a bug in the work");
            });
        }));
        assert!(panicked.is_err());
        db.access().write(add_note).expect("the next write commits");
        assert_eq!(notes(&db), 1, "the panicked write left nothing behind");
    }

    /// The index the planner picks for a query on `notes` by two columns.
    fn chosen_index(db: &Database) -> String {
        #[derive(diesel::QueryableByName)]
        struct Step {
            #[diesel(sql_type = diesel::sql_types::Text)]
            detail: String,
        }
        let steps: Vec<Step> = diesel::sql_query(
            "EXPLAIN QUERY PLAN SELECT body FROM notes WHERE kind = 'a' AND rank = 1",
        )
        .load(db.access().conn().expect("a connection"))
        .expect("a plan");
        steps.into_iter().map(|step| step.detail).collect()
    }

    #[test]
    fn pooled_connections_plan_with_statistics_written_after_they_opened() {
        let (_dir, db) = sqlite_board();
        let set_statistics = |kind: &'static str, rank: &'static str| {
            db.access()
                .write(|conn| {
                    conn.batch_execute(&format!(
                        "DELETE FROM sqlite_stat1; \
                         INSERT INTO sqlite_stat1 VALUES ('notes', 'notes_kind', '{kind}'), \
                                                         ('notes', 'notes_rank', '{rank}');"
                    ))?;
                    Ok::<_, DbError>(crate::db::stats::fingerprint(conn)?)
                })
                .expect("statistics written")
        };
        db.access()
            .write(|conn| {
                conn.batch_execute(
                    "ALTER TABLE notes ADD COLUMN kind TEXT; ALTER TABLE notes ADD COLUMN rank INT; \
                     CREATE INDEX notes_kind ON notes (kind); CREATE INDEX notes_rank ON notes (rank); \
                     ANALYZE;",
                )?;
                Ok::<_, DbError>(())
            })
            .expect("indexes");
        // Every note of one kind, each rank its own: the rank's index is the one to use.
        let fingerprint = set_statistics("10000 10000", "10000 1");
        db.statistics_now(fingerprint);
        assert!(
            chosen_index(&db).contains("notes_rank"),
            "{}",
            chosen_index(&db)
        );
        // Now the other way round; the pooled connection read the statistics before.
        let fingerprint = set_statistics("10000 1", "10000 10000");
        assert!(chosen_index(&db).contains("notes_rank"), "not yet told");
        db.statistics_now(fingerprint);
        assert!(
            chosen_index(&db).contains("notes_kind"),
            "{}",
            chosen_index(&db)
        );
    }
}
