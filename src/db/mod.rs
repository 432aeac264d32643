//! The database: one connection type over SQLite and PostgreSQL, the `Database` every read and
//! write goes through, migrations, tables and the backend-specific SQL.

pub mod bulk_load;
pub mod database;
pub mod error;
pub mod ids;
pub mod locks;
pub mod migrate;
pub mod models;
pub mod pool;
pub mod schema;
pub mod search_index;
pub mod sqlite_writer;
pub mod stats;
pub mod views;

use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;

pub use database::{Backend, Database, Db};
pub use error::DbError;
pub use pool::CheckpointPolicy;

/// A connection to whichever backend `DATABASE_URL` named.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}
