//! `Database`: the one way to the database. Reads run on a pooled connection; every write runs
//! in one transaction on the backend's writer (SQLite: the process's one writer connection, taken
//! in turn; PostgreSQL: a pooled connection). A write holds exactly one connection.

use std::sync::Arc;

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
    /// `Some` on SQLite: the writer connection and its turn.
    writer: Option<SqliteWriter>,
    /// Rung when the WAL has grown enough to be worth a checkpoint (see `jobs`).
    checkpoint_wanted: Notify,
}

impl Database {
    /// Builds the pool (checking that one connection opens, so a wrong URL fails at start).
    /// `checkpoints` says who copies SQLite's WAL back: a job (the server) or SQLite itself (the CLI).
    pub fn open(
        url: &DatabaseUrl,
        size: u32,
        checkpoints: CheckpointPolicy,
    ) -> Result<Self, String> {
        let pool = pool::build_pool(url, size, checkpoints)?;
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
                writer,
                checkpoint_wanted: Notify::new(),
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
}
