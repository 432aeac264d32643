//! The content version: a number that moves with every committed change to what public pages
//! show (kept by the triggers of migration 000007), so a rendered page can be reused until it does.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::DbConnection;
use crate::db::schema::content_version;

/// The current version. Read it before the data a page shows: the page then reflects at least
/// every change this number counts.
pub fn current(conn: &mut DbConnection) -> QueryResult<i64> {
    content_version::table
        .select(sql::<BigInt>("CAST(COALESCE(SUM(changes), 0) AS BIGINT)"))
        .get_result(conn)
}
