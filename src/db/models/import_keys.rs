//! The `import_keys` table: which local row each imported record became, by source and the
//! source's own id.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::import_keys;

/// The local id the record `(source, kind, source_id)` became, if it was imported.
pub fn find(
    conn: &mut DbConnection,
    (source, kind, source_id): (&str, &str, &str),
) -> QueryResult<Option<String>> {
    import_keys::table
        .find((source, kind, source_id))
        .select(import_keys::local_id)
        .first(conn)
        .optional()
}

/// Notes that the record became `local_id`.
pub fn remember(
    conn: &mut DbConnection,
    (source, kind, source_id): (&str, &str, &str),
    local_id: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(import_keys::table)
        .values((
            import_keys::source.eq(source),
            import_keys::kind.eq(kind),
            import_keys::source_id.eq(source_id),
            import_keys::local_id.eq(local_id),
            import_keys::imported_at.eq(at),
        ))
        .execute(conn)
}
