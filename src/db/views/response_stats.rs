//! The trigger-kept response-time tables (`response_days`, `response_times`, migration
//! `000019_response_stats`): read for the figures, compared with a recount for `ideaboard check`,
//! and set from one after a bulk load.

use std::collections::BTreeMap;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{response_days, response_times};
use crate::domain::response_figures::{DayCounts, TimeCounts};

/// Every kept day row, for one area key (or all), oldest first.
pub fn days(conn: &mut DbConnection, area_key: Option<&str>) -> QueryResult<Vec<DayCounts>> {
    let mut query = response_days::table
        .order(response_days::day.asc())
        .into_boxed::<crate::db::MultiBackend>();
    if let Some(key) = area_key {
        query = query.filter(response_days::area_key.eq(key.to_string()));
    }
    let rows: Vec<(String, String, i64, i64)> = query
        .select((
            response_days::day,
            response_days::area_key,
            response_days::submitted,
            response_days::answered,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(day, area_key, submitted, answered)| DayCounts {
            day,
            area_key,
            submitted,
            answered,
        })
        .collect())
}

/// The kept response times of ideas submitted on `first_day` or later, for one area key (or all).
pub fn times_since(
    conn: &mut DbConnection,
    first_day: &str,
    area_key: Option<&str>,
) -> QueryResult<Vec<TimeCounts>> {
    let mut query = response_times::table
        .filter(response_times::day.ge(first_day.to_string()))
        .filter(response_times::ideas.ne(0))
        .into_boxed::<crate::db::MultiBackend>();
    if let Some(key) = area_key {
        query = query.filter(response_times::area_key.eq(key.to_string()));
    }
    let rows: Vec<(String, String, i64, i64)> = query
        .select((
            response_times::day,
            response_times::area_key,
            response_times::hours,
            response_times::ideas,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(day, area_key, hours, ideas)| TimeCounts {
            day,
            area_key,
            hours,
            ideas,
        })
        .collect())
}

/// The rows each table would hold, counted from the ideas: SQLite's and PostgreSQL's spelling of
/// the day and of the rounded time (the same as the triggers').
fn recount_selects(conn: &DbConnection) -> (&'static str, &'static str) {
    match conn {
        DbConnection::Sqlite(_) => (
            "SELECT day, area_key, SUM(submitted) AS submitted, SUM(answered) AS answered FROM ( \
               SELECT date(created_at) AS day, COALESCE(area_id, '') AS area_key, 1 AS submitted, 0 AS answered \
               FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL \
               UNION ALL \
               SELECT date(first_response_at), COALESCE(area_id, ''), 0, 1 FROM ideas \
               WHERE merged_into_id IS NULL AND hidden_at IS NULL AND first_response_at IS NOT NULL \
             ) AS events GROUP BY day, area_key",
            "SELECT day, area_key, CASE WHEN h <= 72 THEN h ELSE ((h + 23) / 24) * 24 END AS hours, \
                    COUNT(*) AS ideas FROM ( \
               SELECT date(created_at) AS day, COALESCE(area_id, '') AS area_key, \
                      (MAX(0, CAST(strftime('%s', first_response_at) AS INTEGER) \
                            - CAST(strftime('%s', created_at) AS INTEGER)) + 3599) / 3600 AS h \
               FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL \
                            AND first_response_at IS NOT NULL \
             ) AS answered GROUP BY day, area_key, 3",
        ),
        DbConnection::Postgres(_) => (
            "SELECT day, area_key, SUM(submitted)::BIGINT AS submitted, SUM(answered)::BIGINT AS answered FROM ( \
               SELECT to_char(created_at, 'YYYY-MM-DD') AS day, COALESCE(area_id, '') AS area_key, \
                      1 AS submitted, 0 AS answered \
               FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL \
               UNION ALL \
               SELECT to_char(first_response_at, 'YYYY-MM-DD'), COALESCE(area_id, ''), 0, 1 FROM ideas \
               WHERE merged_into_id IS NULL AND hidden_at IS NULL AND first_response_at IS NOT NULL \
             ) AS events GROUP BY day, area_key",
            "SELECT to_char(created_at, 'YYYY-MM-DD') AS day, COALESCE(area_id, '') AS area_key, \
                    response_hours(created_at, first_response_at) AS hours, COUNT(*) AS ideas \
             FROM ideas WHERE merged_into_id IS NULL AND hidden_at IS NULL \
                          AND first_response_at IS NOT NULL \
             GROUP BY 1, 2, 3",
        ),
    }
}

/// Sets both tables to a recount from the ideas.
pub fn recount(conn: &mut DbConnection) -> QueryResult<()> {
    let (days, times) = recount_selects(conn);
    conn.batch_execute(&format!(
        "DELETE FROM response_days; DELETE FROM response_times; \
         INSERT INTO response_days (day, area_key, submitted, answered) {days}; \
         INSERT INTO response_times (day, area_key, hours, ideas) {times};"
    ))
}

#[derive(QueryableByName)]
struct CountedDay {
    #[diesel(sql_type = diesel::sql_types::Text)]
    day: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    area_key: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    submitted: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    answered: i64,
}

#[derive(QueryableByName)]
struct CountedTime {
    #[diesel(sql_type = diesel::sql_types::Text)]
    day: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    area_key: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    hours: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    ideas: i64,
}

/// Every kept count that differs from a recount, as (what, stored, counted); empty when exact.
pub fn drift(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64, i64)>> {
    let (days_sql, times_sql) = recount_selects(conn);
    let mut kept: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for row in days(conn, None)? {
        let key = format!("responses {} {}", row.day, row.area_key);
        kept.insert(format!("{key} submitted"), (row.submitted, 0));
        kept.insert(format!("{key} answered"), (row.answered, 0));
    }
    for row in times_since(conn, "", None)? {
        let key = format!("responses {} {} {}h", row.day, row.area_key, row.hours);
        kept.insert(key, (row.ideas, 0));
    }
    for row in diesel::sql_query(days_sql).load::<CountedDay>(conn)? {
        let key = format!("responses {} {}", row.day, row.area_key);
        kept.entry(format!("{key} submitted")).or_default().1 = row.submitted;
        kept.entry(format!("{key} answered")).or_default().1 = row.answered;
    }
    for row in diesel::sql_query(times_sql).load::<CountedTime>(conn)? {
        let key = format!("responses {} {} {}h", row.day, row.area_key, row.hours);
        kept.entry(key).or_default().1 = row.ideas;
    }
    Ok(kept
        .into_iter()
        .filter(|(_, (stored, counted))| stored != counted)
        .map(|(what, (stored, counted))| (what, stored, counted))
        .collect())
}

/// The rated official answers on live ideas submitted since `since` (in one area, or all): (who
/// answered, the idea's area, helpful, unhelpful). The rated answers come first, through
/// `comments_rated_answers` (they are few), then just their ideas.
pub fn rated_answers(
    conn: &mut DbConnection,
    since: chrono::NaiveDateTime,
    area_id: Option<&crate::domain::ids::AreaId>,
) -> QueryResult<Vec<RatedAnswer>> {
    use crate::db::schema::{comments, ideas};
    use crate::domain::ids::{AreaId, IdeaId, UserId};
    let rated: Vec<(IdeaId, UserId, i64, i64)> = comments::table
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            "comments.official AND comments.helpful + comments.unhelpful > 0",
        ))
        .filter(comments::deleted_at.is_null())
        .filter(comments::hidden_at.is_null())
        .filter(comments::merged_from_idea_id.is_null())
        .select((
            comments::idea_id,
            comments::author_id,
            comments::helpful,
            comments::unhelpful,
        ))
        .load(conn)?;
    let idea_ids: Vec<IdeaId> = rated.iter().map(|(idea, ..)| idea.clone()).collect();
    let mut counted = ideas::table
        .filter(ideas::id.eq_any(idea_ids))
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .filter(ideas::created_at.ge(since))
        .into_boxed::<crate::db::MultiBackend>();
    if let Some(area_id) = area_id {
        counted = counted.filter(ideas::area_id.eq(area_id.clone()));
    }
    let areas: std::collections::HashMap<IdeaId, Option<AreaId>> = counted
        .select((ideas::id, ideas::area_id))
        .load::<(IdeaId, Option<AreaId>)>(conn)?
        .into_iter()
        .collect();
    Ok(rated
        .into_iter()
        .filter_map(|(idea, who, helpful, unhelpful)| {
            let area = areas.get(&idea)?.clone();
            Some((who, area, helpful, unhelpful))
        })
        .collect())
}

/// (who answered, the idea's area, helpful, unhelpful).
pub type RatedAnswer = (
    crate::domain::ids::UserId,
    Option<crate::domain::ids::AreaId>,
    i64,
    i64,
);

/// Live ideas waiting for an answer, by area key: the kept submissions less answers.
pub fn waiting_by_area(conn: &mut DbConnection) -> QueryResult<BTreeMap<String, i64>> {
    Ok(response_days::table
        .group_by(response_days::area_key)
        .select((
            response_days::area_key,
            diesel::dsl::sql::<diesel::sql_types::BigInt>(
                "CAST(SUM(submitted - answered) AS BIGINT)",
            ),
        ))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect())
}

/// Live ideas first answered on `first_day` or later, by area key.
pub fn answered_since_by_area(
    conn: &mut DbConnection,
    first_day: &str,
) -> QueryResult<BTreeMap<String, i64>> {
    Ok(response_days::table
        .filter(response_days::day.ge(first_day.to_string()))
        .group_by(response_days::area_key)
        .select((
            response_days::area_key,
            diesel::dsl::sql::<diesel::sql_types::BigInt>("CAST(SUM(answered) AS BIGINT)"),
        ))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect())
}

/// Live ideas still waiting that were submitted at `since` or later, by area key (few: the
/// ideas still inside the response target).
pub fn recent_waiting_by_area(
    conn: &mut DbConnection,
    since: chrono::NaiveDateTime,
) -> QueryResult<BTreeMap<String, i64>> {
    use crate::db::schema::ideas;
    Ok(ideas::table
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            "ideas.first_response_at IS NULL AND ideas.merged_into_id IS NULL \
             AND ideas.hidden_at IS NULL",
        ))
        .filter(ideas::created_at.ge(since))
        .group_by(ideas::area_id)
        .select((ideas::area_id, diesel::dsl::count_star()))
        .load::<(Option<crate::domain::ids::AreaId>, i64)>(conn)?
        .into_iter()
        .map(|(area, count)| (area.map(|a| a.to_string()).unwrap_or_default(), count))
        .collect())
}
