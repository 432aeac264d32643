//! Transaction-scoped locks that serialise work across instances: PostgreSQL advisory locks.
//! On SQLite a write transaction (`BEGIN IMMEDIATE`) already excludes every other writer.

use diesel::RunQueryDsl;
use diesel::sql_types::Bool;

use super::DbConnection;

/// What a lock guards; each has a stable key among PostgreSQL advisory locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded {
    /// "The first account becomes admin": concurrent first registrations.
    FirstAccount,
    /// The daily digest job.
    Digest,
    /// The auto-archive job.
    AutoArchive,
    /// The job that alerts areas' owners.
    AreaAlerts,
    /// The weekly summary to staff.
    WeeklySummary,
}

impl Guarded {
    fn key(self) -> i64 {
        match self {
            Guarded::FirstAccount => 0x1dea_0001,
            Guarded::Digest => 0x1dea_0003,
            Guarded::AutoArchive => 0x1dea_0004,
            Guarded::AreaAlerts => 0x1dea_0005,
            Guarded::WeeklySummary => 0x1dea_0006,
        }
    }
}

/// Waits for the lock on `what` until the current transaction ends.
pub fn lock_until_commit(conn: &mut DbConnection, what: Guarded) -> diesel::QueryResult<()> {
    if let DbConnection::Postgres(_) = conn {
        diesel::sql_query(format!("SELECT pg_advisory_xact_lock({})", what.key())).execute(conn)?;
    }
    Ok(())
}

/// Takes the lock on `what` until the current transaction ends, if no other instance holds it;
/// false when one does (a singleton job then leaves the run to that instance).
pub fn try_lock_until_commit(conn: &mut DbConnection, what: Guarded) -> diesel::QueryResult<bool> {
    #[derive(diesel::QueryableByName)]
    struct Locked {
        #[diesel(sql_type = Bool)]
        locked: bool,
    }
    match conn {
        DbConnection::Postgres(_) => {
            let lock: Locked = diesel::sql_query(format!(
                "SELECT pg_try_advisory_xact_lock({}) AS locked",
                what.key()
            ))
            .get_result(conn)?;
            Ok(lock.locked)
        }
        DbConnection::Sqlite(_) => Ok(true),
    }
}
