//! The content version: a number that moves with every committed change to what public pages
//! show (kept by the triggers of migration 000007), so a rendered page can be reused until it does.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::content_version;

/// The current version. Read it before the data a page shows: the page then reflects at least
/// every change this number counts.
/// (The shards are summed here: a typed query is a cached prepared statement, and SQL's `SUM`
/// of a BIGINT is NUMERIC on PostgreSQL.)
pub fn current(conn: &mut DbConnection) -> QueryResult<i64> {
    Ok(content_version::table
        .select(content_version::changes)
        .load::<i64>(conn)?
        .into_iter()
        .sum())
}

#[derive(diesel::QueryableByName)]
struct StoredTrigger {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// Runs a bulk load (inside the caller's transaction) counted as one change. SQLite's triggers
/// fire per row, and diesel inserts a batch there row by row under a savepoint, where each firing
/// costs more the larger the batch (a 10k-idea seed took 91 s instead of 2 s); so on SQLite the
/// version triggers are set aside for the load and put back before the transaction commits.
pub fn bulk_load<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    let set_aside: Vec<StoredTrigger> = match conn {
        DbConnection::Postgres(_) => Vec::new(),
        DbConnection::Sqlite(_) => {
            let triggers: Vec<StoredTrigger> = diesel::sql_query(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' \
                 AND sql LIKE '%UPDATE content_version SET changes%'",
            )
            .load(conn)?;
            for trigger in &triggers {
                diesel::sql_query(format!("DROP TRIGGER \"{}\"", trigger.name)).execute(conn)?;
            }
            triggers
        }
    };
    let loaded = work(conn)?;
    for trigger in &set_aside {
        diesel::sql_query(trigger.sql.as_str()).execute(conn)?;
    }
    diesel::update(content_version::table)
        .filter(content_version::shard.eq(0))
        .set(content_version::changes.eq(content_version::changes + 1))
        .execute(conn)?;
    Ok(loaded)
}
