//! The `api_tokens` table: named bearer tokens for the JSON API, stored by hash, revocable.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::api_tokens;
use crate::domain::ids::UserId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: String,
    pub user_id: UserId,
    pub name: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewApiToken<'a> {
    pub id: &'a str,
    pub user_id: &'a UserId,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, token: &NewApiToken<'_>) -> QueryResult<usize> {
    diesel::insert_into(api_tokens::table)
        .values(token)
        .execute(conn)
}

/// The unrevoked token with this hash.
pub fn find_active_by_hash(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<ApiToken>> {
    api_tokens::table
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(api_tokens::revoked_at.is_null())
        .select(ApiToken::as_select())
        .first(conn)
        .optional()
}

/// A user's tokens, newest first, revoked ones included.
pub fn list_for_user(conn: &mut DbConnection, user_id: &UserId) -> QueryResult<Vec<ApiToken>> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order((api_tokens::created_at.desc(), api_tokens::id.desc()))
        .select(ApiToken::as_select())
        .load(conn)
}

/// Revokes one of the user's own tokens; 0 when there is no such active token of theirs.
pub fn revoke(
    conn: &mut DbConnection,
    user_id: &UserId,
    id: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(id))
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(at))
    .execute(conn)
}

/// Revokes every active token of the user (their password changed: whoever had the old one loses
/// API access too); returns how many.
pub fn revoke_all_of(
    conn: &mut DbConnection,
    user_id: &UserId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        api_tokens::table
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(at))
    .execute(conn)
}

pub fn mark_used(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(api_tokens::table.find(id))
        .set(api_tokens::last_used_at.eq(at))
        .execute(conn)
}
