//! The `pending_registrations` table: registrations waiting for their address to confirm them,
//! stored by the hash of the emailed link's token.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::pending_registrations;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pending_registrations)]
pub struct PendingRegistration {
    pub id: String,
    pub token_hash: String,
    pub email: String,
    pub email_normalized: String,
    pub name: String,
    pub password_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = pending_registrations)]
pub struct NewPendingRegistration<'a> {
    pub id: &'a str,
    pub token_hash: &'a str,
    pub email: &'a str,
    pub email_normalized: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, pending: &NewPendingRegistration<'_>) -> QueryResult<usize> {
    diesel::insert_into(pending_registrations::table)
        .values(pending)
        .execute(conn)
}

/// The unexpired registration with this token hash.
pub fn find_usable(
    conn: &mut DbConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<PendingRegistration>> {
    pending_registrations::table
        .filter(pending_registrations::token_hash.eq(token_hash))
        .filter(pending_registrations::expires_at.gt(now))
        .select(PendingRegistration::as_select())
        .first(conn)
        .optional()
}

/// Removes every registration waiting for `email_normalized` in one statement, returning the
/// ids this call removed (a registration is used once: a concurrent caller gets none of them).
pub fn take_all_for_email(
    conn: &mut DbConnection,
    email_normalized: &str,
) -> QueryResult<Vec<String>> {
    diesel::delete(
        pending_registrations::table
            .filter(pending_registrations::email_normalized.eq(email_normalized)),
    )
    .returning(pending_registrations::id)
    .get_results(conn)
}

/// Forgets registrations whose link has expired.
pub fn delete_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(pending_registrations::table.filter(pending_registrations::expires_at.le(now)))
        .execute(conn)
}
