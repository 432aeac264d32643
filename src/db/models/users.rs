//! The `users` table: accounts with their role, password hash and ban state.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::validation::has_control_characters;

use crate::db::DbConnection;
use crate::db::schema::users;
use crate::domain::ids::UserId;

/// A stored account.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub email_normalized: String,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub banned_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The chosen language's tag; `None` follows the browser.
    pub locale: Option<String>,
    /// When the account was deleted (the row kept without the person).
    pub deleted_at: Option<NaiveDateTime>,
}

/// A new account to insert.
#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: &'a UserId,
    pub email: &'a str,
    pub email_normalized: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, user: &NewUser<'_>) -> QueryResult<usize> {
    diesel::insert_into(users::table).values(user).execute(conn)
}

pub fn find_by_id(conn: &mut DbConnection, id: &UserId) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut DbConnection, email_normalized: &str) -> QueryResult<Option<User>> {
    if has_control_characters(email_normalized) {
        // Nothing stored holds one, and PostgreSQL refuses NUL outright.
        return Ok(None);
    }
    users::table
        .filter(users::email_normalized.eq(email_normalized))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

/// How many accounts are not deleted.
pub fn count_live(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table
        .filter(users::deleted_at.is_null())
        .count()
        .get_result(conn)
}

/// Every account not deleted, oldest first, a page at a time.
pub fn list(conn: &mut DbConnection, limit: i64, offset: i64) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::deleted_at.is_null())
        .order((users::created_at.asc(), users::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(User::as_select())
        .load(conn)
}

pub fn set_role(
    conn: &mut DbConnection,
    id: &UserId,
    role: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::role.eq(role), users::updated_at.eq(at)))
        .execute(conn)
}

pub fn set_password_hash(
    conn: &mut DbConnection,
    id: &UserId,
    hash: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(at)))
        .execute(conn)
}

/// Display names of several accounts: id → name.
pub fn names_of(
    conn: &mut DbConnection,
    ids: &[UserId],
) -> QueryResult<std::collections::HashMap<UserId, String>> {
    let rows: Vec<(UserId, String)> = users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Display names and stored roles of several accounts: id → (name, role).
pub fn names_and_roles_of(
    conn: &mut DbConnection,
    ids: &[UserId],
) -> QueryResult<std::collections::HashMap<UserId, (String, String)>> {
    let rows: Vec<(UserId, String, String)> = users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name, users::role))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, role)| (id, (name, role)))
        .collect())
}

/// Every moderator, product person and admin who is not banned.
pub fn staff_accounts(conn: &mut DbConnection) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::role.ne("member"))
        .filter(users::banned_at.is_null())
        .order(users::name.asc())
        .select(User::as_select())
        .load(conn)
}

/// The names of every moderator, product person and admin (their names are not for imitating).
pub fn staff_names(conn: &mut DbConnection) -> QueryResult<Vec<(UserId, String)>> {
    users::table
        .filter(users::role.ne("member"))
        .select((users::id, users::name))
        .load(conn)
}

/// Sets the name others see and the chosen language, as given (`None` leaves one as it is).
pub fn update_profile(
    conn: &mut DbConnection,
    id: &UserId,
    name: Option<&str>,
    locale: Option<Option<&str>>,
) -> QueryResult<usize> {
    let now = crate::domain::clock::now();
    let mut changed = 0;
    if let Some(name) = name {
        changed = diesel::update(users::table.find(id))
            .set((users::name.eq(name), users::updated_at.eq(now)))
            .execute(conn)?;
    }
    if let Some(locale) = locale {
        changed = diesel::update(users::table.find(id))
            .set((users::locale.eq(locale), users::updated_at.eq(now)))
            .execute(conn)?;
    }
    Ok(changed)
}

/// The account, its row locked until the transaction ends on PostgreSQL (SQLite's writer is
/// alone anyway).
pub fn lock(conn: &mut DbConnection, id: &UserId) -> QueryResult<Option<User>> {
    if let DbConnection::Postgres(pg) = conn {
        return users::table
            .find(id)
            .select(User::as_select())
            .for_no_key_update()
            .first(pg)
            .optional();
    }
    find_by_id(conn, id)
}

/// How many administrators the board has (deleted accounts are members), their rows locked
/// until the transaction ends on PostgreSQL, so two deletions cannot both count the other.
pub fn count_admins(conn: &mut DbConnection) -> QueryResult<i64> {
    let admins = users::table
        .filter(users::role.eq("admin"))
        .filter(users::deleted_at.is_null())
        .order(users::id.asc())
        .select(users::id);
    let ids: Vec<String> = match conn {
        DbConnection::Postgres(pg) => admins.for_no_key_update().load(pg)?,
        DbConnection::Sqlite(_) => admins.load(conn)?,
    };
    Ok(ids.len() as i64)
}
