//! `DbError`: why the database could not be reached or a transaction could not be run.

use diesel::r2d2::PoolError;

/// Why the database could not be reached or a transaction could not be run.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("no database connection: {0}")]
    Pool(#[from] PoolError),
    #[error("cannot open the SQLite writer connection: {0}")]
    Open(#[from] diesel::ConnectionError),
    #[error("database query: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("database task failed: {0}")]
    Task(String),
}
