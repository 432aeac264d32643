//! The tables of sign-in through identity providers: `user_identities` (who is whom at which
//! provider), `oidc_sign_ins` (sign-ins begun, by their state's hash) and `oidc_links` (a
//! provider's person waiting to prove an account's password).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{oidc_links, oidc_sign_ins, user_identities};
use crate::domain::ids::UserId;

/// The account a provider's subject signs in as.
pub fn user_of(
    conn: &mut DbConnection,
    provider: &str,
    subject: &str,
) -> QueryResult<Option<UserId>> {
    user_identities::table
        .find((provider, subject))
        .select(user_identities::user_id)
        .first::<String>(conn)
        .optional()
        .map(|id| id.map(UserId::from_stored))
}

/// Links a provider's subject to an account; 0 when the subject was linked meanwhile (a
/// concurrent first sign-in).
pub fn link(
    conn: &mut DbConnection,
    (provider, subject): (&str, &str),
    user: &UserId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let insert = diesel::insert_into(user_identities::table)
        .values((
            user_identities::provider.eq(provider),
            user_identities::subject.eq(subject),
            user_identities::user_id.eq(user.as_str()),
            user_identities::created_at.eq(at),
        ))
        .on_conflict((user_identities::provider, user_identities::subject))
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
}

/// A person's linked providers: provider key, subject, linked at.
pub fn of_user(
    conn: &mut DbConnection,
    user: &UserId,
) -> QueryResult<Vec<(String, String, NaiveDateTime)>> {
    user_identities::table
        .filter(user_identities::user_id.eq(user.as_str()))
        .order(user_identities::created_at.asc())
        .select((
            user_identities::provider,
            user_identities::subject,
            user_identities::created_at,
        ))
        .load(conn)
}

/// Removes a person's links and waiting links (their account is being deleted).
pub fn forget_user(conn: &mut DbConnection, user: &UserId) -> QueryResult<()> {
    diesel::delete(user_identities::table.filter(user_identities::user_id.eq(user.as_str())))
        .execute(conn)?;
    diesel::delete(oidc_links::table.filter(oidc_links::user_id.eq(user.as_str())))
        .execute(conn)?;
    Ok(())
}

/// A sign-in begun: what the return must match.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = oidc_sign_ins)]
pub struct SignInRow {
    pub state_hash: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
    pub created_at: NaiveDateTime,
}

pub fn begin(conn: &mut DbConnection, row: &SignInRow) -> QueryResult<usize> {
    diesel::insert_into(oidc_sign_ins::table)
        .values(row)
        .execute(conn)
}

/// Takes the sign-in with this state's hash: found once, then gone.
pub fn take_sign_in(conn: &mut DbConnection, state_hash: &str) -> QueryResult<Option<SignInRow>> {
    let row = oidc_sign_ins::table
        .find(state_hash)
        .first::<SignInRow>(conn)
        .optional()?;
    // Whoever deletes the row has it: of two returns racing with one state, one gets nothing.
    let deleted = diesel::delete(oidc_sign_ins::table.find(state_hash)).execute(conn)?;
    Ok(row.filter(|_| deleted == 1))
}

/// A provider's person waiting to prove an account's password.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = oidc_links)]
pub struct LinkRow {
    pub token_hash: String,
    pub provider: String,
    pub subject: String,
    pub user_id: String,
    pub return_to: String,
    pub created_at: NaiveDateTime,
}

pub fn wait_for_password(conn: &mut DbConnection, row: &LinkRow) -> QueryResult<usize> {
    diesel::insert_into(oidc_links::table)
        .values(row)
        .execute(conn)
}

/// The waiting link with this token's hash, made after `since`.
pub fn waiting_link(
    conn: &mut DbConnection,
    token_hash: &str,
    since: NaiveDateTime,
) -> QueryResult<Option<LinkRow>> {
    oidc_links::table
        .find(token_hash)
        .filter(oidc_links::created_at.gt(since))
        .first(conn)
        .optional()
}

pub fn drop_link(conn: &mut DbConnection, token_hash: &str) -> QueryResult<usize> {
    diesel::delete(oidc_links::table.find(token_hash)).execute(conn)
}

/// Deletes sign-ins and waiting links begun before `before`; how many.
pub fn purge_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    let sign_ins =
        diesel::delete(oidc_sign_ins::table.filter(oidc_sign_ins::created_at.lt(before)))
            .execute(conn)?;
    let links = diesel::delete(oidc_links::table.filter(oidc_links::created_at.lt(before)))
        .execute(conn)?;
    Ok(sign_ins + links)
}
