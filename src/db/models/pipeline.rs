//! The pipeline tables: status changes, notification preferences, site settings.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    ideas, notification_preferences, settings, status_changes, statuses, users,
};
use crate::domain::ids::{IdeaId, StatusId, UserId};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = status_changes, treat_none_as_default_value = false)]
pub struct NewStatusChange<'a> {
    pub id: &'a str,
    pub idea_id: &'a IdeaId,
    pub from_status_id: &'a StatusId,
    pub to_status_id: &'a StatusId,
    pub note: &'a str,
    pub note_html: &'a str,
    pub actor_id: Option<&'a UserId>,
    pub created_at: NaiveDateTime,
}

pub fn insert_change(conn: &mut DbConnection, change: &NewStatusChange<'_>) -> QueryResult<usize> {
    diesel::insert_into(status_changes::table)
        .values(change)
        .execute(conn)
}

/// One history entry: (from status id, to status id, note, note html, actor name, actor role,
/// at); no actor for Ideaboard's own changes.
pub type HistoryRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    NaiveDateTime,
);

/// An idea's status changes, oldest first.
pub fn history(conn: &mut DbConnection, idea_id: &IdeaId) -> QueryResult<Vec<HistoryRow>> {
    status_changes::table
        .left_join(users::table)
        .filter(status_changes::idea_id.eq(idea_id))
        .order((status_changes::created_at.asc(), status_changes::id.asc()))
        .select((
            status_changes::from_status_id,
            status_changes::to_status_id,
            status_changes::note,
            status_changes::note_html,
            users::name.nullable(),
            users::role.nullable(),
            status_changes::created_at,
        ))
        .load(conn)
}

pub fn set_status(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    status_id: &StatusId,
) -> QueryResult<usize> {
    diesel::update(ideas::table.find(idea_id))
        .set(ideas::status_id.eq(status_id))
        .execute(conn)
}

/// (user id, ((status_changes, comments, replies, merges, area_ideas, weekly_summary, storms),
/// (releases,))).
pub type PreferenceRow = (
    UserId,
    (
        (String, String, String, String, String, String, String),
        (String,),
    ),
);

/// The preferences of several people (`PreferenceRow`); people
/// without a row have the defaults.
pub fn preferences_of(
    conn: &mut DbConnection,
    user_ids: &[UserId],
) -> QueryResult<Vec<PreferenceRow>> {
    notification_preferences::table
        .filter(notification_preferences::user_id.eq_any(user_ids))
        .select((
            notification_preferences::user_id,
            (
                (
                    notification_preferences::status_changes,
                    notification_preferences::comments,
                    notification_preferences::replies,
                    notification_preferences::merges,
                    notification_preferences::area_ideas,
                    notification_preferences::weekly_summary,
                    notification_preferences::storms,
                ),
                (notification_preferences::releases,),
            ),
        ))
        .load(conn)
}

/// Sets one preference column for a person (creating their row with defaults first).
pub fn set_preference(
    conn: &mut DbConnection,
    user_id: &UserId,
    kind: &str,
    value: &str,
) -> QueryResult<usize> {
    let create = diesel::insert_into(notification_preferences::table)
        .values(notification_preferences::user_id.eq(user_id))
        .on_conflict(notification_preferences::user_id)
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => create.execute(pg)?,
        DbConnection::Sqlite(sqlite) => create.execute(sqlite)?,
    };
    let row = notification_preferences::table.find(user_id);
    match kind {
        "status_changes" => diesel::update(row)
            .set(notification_preferences::status_changes.eq(value))
            .execute(conn),
        "comments" => diesel::update(row)
            .set(notification_preferences::comments.eq(value))
            .execute(conn),
        "replies" => diesel::update(row)
            .set(notification_preferences::replies.eq(value))
            .execute(conn),
        "merges" => diesel::update(row)
            .set(notification_preferences::merges.eq(value))
            .execute(conn),
        "area_ideas" => diesel::update(row)
            .set(notification_preferences::area_ideas.eq(value))
            .execute(conn),
        "weekly_summary" => diesel::update(row)
            .set(notification_preferences::weekly_summary.eq(value))
            .execute(conn),
        "storms" => diesel::update(row)
            .set(notification_preferences::storms.eq(value))
            .execute(conn),
        "releases" => diesel::update(row)
            .set(notification_preferences::releases.eq(value))
            .execute(conn),
        _ => Ok(0),
    }
}

/// A setting's value, if set.
pub fn setting(conn: &mut DbConnection, key: &str) -> QueryResult<Option<String>> {
    settings::table
        .find(key)
        .select(settings::value)
        .first(conn)
        .optional()
}

/// Stores a setting unless it already has a value (the first writer wins).
pub fn setting_if_absent(conn: &mut DbConnection, key: &str, value: &str) -> QueryResult<usize> {
    let insert = diesel::insert_into(settings::table)
        .values((settings::key.eq(key), settings::value.eq(value)))
        .on_conflict(settings::key)
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
}

/// Removes a setting.
pub fn delete_setting(conn: &mut DbConnection, key: &str) -> QueryResult<usize> {
    diesel::delete(settings::table.find(key)).execute(conn)
}

/// Live ideas in one status, most popular first, with their numbers, titles and points.
pub fn roadmap_column(
    conn: &mut DbConnection,
    status_id: &StatusId,
    limit: i64,
) -> QueryResult<Vec<(i64, String, i64, i64)>> {
    ideas::table
        .filter(ideas::status_id.eq(status_id))
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .order((ideas::popular_key.desc(), ideas::created_at.desc()))
        .select((
            ideas::number,
            ideas::title,
            ideas::upvotes,
            ideas::downvotes,
        ))
        .limit(limit)
        .load(conn)
}

/// How many live ideas each status holds: (status id, count).
pub fn counts_by_status(conn: &mut DbConnection) -> QueryResult<Vec<(StatusId, i64)>> {
    ideas::table
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .group_by(ideas::status_id)
        .select((ideas::status_id, diesel::dsl::count_star()))
        .load(conn)
}

/// The statuses shown on the roadmap, in pipeline order.
pub fn roadmap_statuses(conn: &mut DbConnection) -> QueryResult<Vec<super::statuses::Status>> {
    statuses::table
        .filter(statuses::on_roadmap.eq(true))
        .filter(statuses::retired_at.is_null())
        .order((statuses::position.asc(), statuses::slug.asc()))
        .select(super::statuses::Status::as_select())
        .load(conn)
}

/// Adds a line to a person's next digest (once per event).
#[expect(clippy::too_many_arguments, reason = "one row's columns")]
pub fn add_digest_item(
    conn: &mut DbConnection,
    id: &str,
    user_id: &UserId,
    event_key: &str,
    kind: &str,
    line: &str,
    link: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    use crate::db::schema::digest_items as d;
    let insert = diesel::insert_into(d::table)
        .values((
            d::id.eq(id),
            d::user_id.eq(user_id),
            d::event_key.eq(event_key),
            d::kind.eq(kind),
            d::line.eq(line),
            d::link.eq(link),
            d::created_at.eq(at),
        ))
        .on_conflict((d::event_key, d::user_id))
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
}

/// Unsent digest lines created before `before`: (id, user id, line, link), oldest first.
pub fn pending_digest_items(
    conn: &mut DbConnection,
    before: NaiveDateTime,
) -> QueryResult<Vec<(String, UserId, String, String)>> {
    use crate::db::schema::digest_items as d;
    d::table
        .filter(d::sent_at.is_null())
        .filter(d::created_at.le(before))
        .order((d::user_id.asc(), d::created_at.asc()))
        .select((d::id, d::user_id, d::line, d::link))
        .load(conn)
}

pub fn mark_digest_items_sent(
    conn: &mut DbConnection,
    ids: &[String],
    at: NaiveDateTime,
) -> QueryResult<usize> {
    use crate::db::schema::digest_items as d;
    diesel::update(d::table.filter(d::id.eq_any(ids)))
        .set(d::sent_at.eq(Some(at)))
        .execute(conn)
}

/// Stores a setting, replacing any value.
pub fn set_setting(conn: &mut DbConnection, key: &str, value: &str) -> QueryResult<usize> {
    let upsert = diesel::insert_into(settings::table)
        .values((settings::key.eq(key), settings::value.eq(value)))
        .on_conflict(settings::key)
        .do_update()
        .set(settings::value.eq(value));
    match conn {
        DbConnection::Postgres(pg) => upsert.execute(pg),
        DbConnection::Sqlite(sqlite) => upsert.execute(sqlite),
    }
}

/// Live ideas in an `open`-kind status, older than `cutoff`, with no vote cast since `cutoff`.
pub fn stale_open_ideas(
    conn: &mut DbConnection,
    cutoff: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<IdeaId>> {
    use crate::db::schema::votes;
    let open_statuses = statuses::table
        .filter(statuses::kind.eq("open"))
        .select(statuses::id);
    ideas::table
        .filter(ideas::status_id.eq_any(open_statuses))
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .filter(ideas::created_at.lt(cutoff))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            votes::table
                .filter(votes::idea_id.eq(ideas::id))
                .filter(votes::updated_at.ge(cutoff)),
        )))
        .order(ideas::created_at.asc())
        .select(ideas::id)
        .limit(limit)
        .load(conn)
}

/// The latest status changes on live ideas: (change id, idea number, idea title, to status name,
/// note, actor name, at), newest first.
/// A status change as the status feed tells it.
#[derive(Debug, Queryable)]
pub struct RecentChange {
    pub id: String,
    pub number: i64,
    pub title: String,
    pub status_name: String,
    /// The status's names per language (JSON, `LocalNames`).
    pub status_names: String,
    pub note: String,
    pub actor_name: Option<String>,
    pub at: NaiveDateTime,
}

pub fn recent_changes(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<RecentChange>> {
    status_changes::table
        .inner_join(ideas::table.on(ideas::id.eq(status_changes::idea_id)))
        .inner_join(statuses::table.on(statuses::id.eq(status_changes::to_status_id)))
        .left_join(users::table.on(users::id.nullable().eq(status_changes::actor_id)))
        .filter(ideas::hidden_at.is_null())
        .order((status_changes::created_at.desc(), status_changes::id.desc()))
        .select((
            status_changes::id,
            ideas::number,
            ideas::title,
            statuses::name,
            statuses::names,
            status_changes::note,
            users::name.nullable(),
            status_changes::created_at,
        ))
        .limit(limit)
        .load(conn)
}
