//! The `storms` table and `ideas.storm_id`: storm sessions, the ideas submitted into them, and who
//! took part in or should hear of one.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{comments, ideas, notification_preferences, storms, subscriptions, votes};
use crate::domain::ids::{AreaId, IdeaId, StormId, UserId};
use crate::domain::validation::has_control_characters;

/// A stored session.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = storms)]
pub struct Storm {
    pub id: StormId,
    pub slug: String,
    pub title: String,
    pub question: String,
    pub question_html: String,
    pub area_id: Option<AreaId>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub votes_after_close: bool,
    pub published_at: Option<NaiveDateTime>,
    pub opening_mailed_at: Option<NaiveDateTime>,
    pub summary: Option<String>,
    pub summary_html: Option<String>,
    pub summary_published_at: Option<NaiveDateTime>,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = storms)]
pub struct NewStorm<'a> {
    pub id: &'a StormId,
    pub slug: &'a str,
    pub title: &'a str,
    pub question: &'a str,
    pub question_html: &'a str,
    pub area_id: Option<&'a AreaId>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub votes_after_close: bool,
    pub published_at: Option<NaiveDateTime>,
    pub created_by: Option<&'a UserId>,
    pub created_at: NaiveDateTime,
}

/// What a change of a session writes (every field; the service merged the unchanged ones).
#[derive(Debug, AsChangeset)]
#[diesel(table_name = storms, treat_none_as_null = true)]
pub struct StormChange<'a> {
    pub title: &'a str,
    pub question: &'a str,
    pub question_html: &'a str,
    pub area_id: Option<&'a AreaId>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub votes_after_close: bool,
    pub published_at: Option<NaiveDateTime>,
    pub summary: Option<&'a str>,
    pub summary_html: Option<&'a str>,
}

pub fn insert(conn: &mut DbConnection, storm: &NewStorm<'_>) -> QueryResult<usize> {
    diesel::insert_into(storms::table)
        .values(storm)
        .execute(conn)
}

pub fn update(
    conn: &mut DbConnection,
    id: &StormId,
    change: &StormChange<'_>,
) -> QueryResult<usize> {
    diesel::update(storms::table.find(id))
        .set(change)
        .execute(conn)
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Storm>> {
    if has_control_characters(slug) {
        // Nothing stored holds one, and PostgreSQL refuses NUL outright.
        return Ok(None);
    }
    storms::table
        .filter(storms::slug.eq(slug))
        .select(Storm::as_select())
        .first(conn)
        .optional()
}

/// The session named `slug`, its row locked until the transaction ends (PostgreSQL; SQLite's
/// immediate transaction already holds the write lock).
pub fn lock_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Storm>> {
    if has_control_characters(slug) {
        return Ok(None);
    }
    let query = storms::table.filter(storms::slug.eq(slug));
    match conn {
        DbConnection::Postgres(pg) => query
            .select(Storm::as_select())
            .for_update()
            .first(pg)
            .optional(),
        DbConnection::Sqlite(_) => query.select(Storm::as_select()).first(conn).optional(),
    }
}

pub fn find_by_id(conn: &mut DbConnection, id: &StormId) -> QueryResult<Option<Storm>> {
    storms::table
        .find(id)
        .select(Storm::as_select())
        .first(conn)
        .optional()
}

/// Every session, drafts included, newest start first.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Storm>> {
    storms::table
        .order((storms::starts_at.desc(), storms::slug.asc()))
        .select(Storm::as_select())
        .load(conn)
}

/// The published sessions that have not ended at `now` (open or scheduled), soonest end first.
pub fn not_ended(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Vec<Storm>> {
    storms::table
        .filter(storms::ends_at.gt(now))
        .filter(storms::published_at.is_not_null())
        .order(storms::ends_at.asc())
        .select(Storm::as_select())
        .load(conn)
}

/// The published sessions open at `now` whose opening has not been announced.
pub fn opened_unannounced(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Vec<Storm>> {
    storms::table
        .filter(storms::ends_at.gt(now))
        .filter(storms::starts_at.le(now))
        .filter(storms::published_at.is_not_null())
        .filter(storms::opening_mailed_at.is_null())
        .select(Storm::as_select())
        .load(conn)
}

/// Claims the announcement of a session's opening: 1 for the one transaction that gets it, 0 for
/// any other (on PostgreSQL a concurrent claim waits for the row and then finds it taken).
pub fn claim_opening(
    conn: &mut DbConnection,
    id: &StormId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        storms::table
            .find(id)
            .filter(storms::opening_mailed_at.is_null()),
    )
    .set(storms::opening_mailed_at.eq(now))
    .execute(conn)
}

/// Claims the mail of a session's summary, as `claim_opening` does.
pub fn claim_summary_mail(
    conn: &mut DbConnection,
    id: &StormId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        storms::table
            .find(id)
            .filter(storms::summary_published_at.is_null()),
    )
    .set(storms::summary_published_at.eq(now))
    .execute(conn)
}

/// The live ideas of each session.
pub fn idea_counts(conn: &mut DbConnection) -> QueryResult<HashMap<StormId, i64>> {
    let rows: Vec<(Option<StormId>, i64)> = ideas::table
        .filter(ideas::storm_id.is_not_null())
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .group_by(ideas::storm_id)
        .select((ideas::storm_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, count)| id.map(|id| (id, count)))
        .collect())
}

/// The sessions of these ids, by id (for the ideas that name one).
pub fn by_ids(conn: &mut DbConnection, ids: &[StormId]) -> QueryResult<HashMap<StormId, Storm>> {
    Ok(storms::table
        .filter(storms::id.eq_any(ids))
        .select(Storm::as_select())
        .load(conn)?
        .into_iter()
        .map(|storm| (storm.id.clone(), storm))
        .collect())
}

/// Everyone who took part in a session: submitted an idea into it, voted on or commented on one
/// of its ideas. Each person once.
pub fn participants(conn: &mut DbConnection, id: &StormId) -> QueryResult<BTreeSet<UserId>> {
    // Hidden ideas and comments (spam, abuse) make no participant.
    let storm_ideas = ideas::table
        .filter(ideas::storm_id.eq(id))
        .filter(ideas::hidden_at.is_null())
        .select(ideas::id);
    let mut people: BTreeSet<UserId> = ideas::table
        .filter(ideas::storm_id.eq(id))
        .filter(ideas::hidden_at.is_null())
        .select(ideas::author_id)
        .load::<UserId>(conn)?
        .into_iter()
        .collect();
    people.extend(
        votes::table
            .filter(votes::idea_id.eq_any(storm_ideas))
            .select(votes::user_id)
            .distinct()
            .load::<UserId>(conn)?,
    );
    people.extend(
        comments::table
            .filter(comments::idea_id.eq_any(storm_ideas))
            .filter(comments::hidden_at.is_null())
            .select(comments::author_id)
            .distinct()
            .load::<UserId>(conn)?,
    );
    Ok(people)
}

/// The session's best live ideas: (number, title, promotes, demotes), most net promotes first.
pub fn top_ideas(
    conn: &mut DbConnection,
    id: &StormId,
    limit: i64,
) -> QueryResult<Vec<(i64, String, i64, i64)>> {
    ideas::table
        .filter(ideas::storm_id.eq(id))
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .order((ideas::score.desc(), ideas::number.asc()))
        .select((
            ideas::number,
            ideas::title,
            ideas::upvotes,
            ideas::downvotes,
        ))
        .limit(limit)
        .load(conn)
}

/// Who follows a live idea in `area_id`: the area's followers.
pub fn area_followers(conn: &mut DbConnection, area_id: &AreaId) -> QueryResult<BTreeSet<UserId>> {
    Ok(subscriptions::table
        .inner_join(ideas::table)
        .filter(ideas::area_id.eq(area_id))
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .select(subscriptions::user_id)
        .distinct()
        .load::<UserId>(conn)?
        .into_iter()
        .collect())
}

/// Everyone who asked to hear of every session (`storms` set to `instant`).
pub fn told_of_every_session(conn: &mut DbConnection) -> QueryResult<Vec<UserId>> {
    notification_preferences::table
        .filter(notification_preferences::storms.eq("instant"))
        .select(notification_preferences::user_id)
        .load(conn)
}

/// The ideas submitted into a session (live or not), for the export's filter.
pub fn idea_ids(conn: &mut DbConnection, id: &StormId) -> QueryResult<Vec<IdeaId>> {
    ideas::table
        .filter(ideas::storm_id.eq(id))
        .select(ideas::id)
        .load(conn)
}
