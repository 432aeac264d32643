//! The trigger-kept response-time tables (`response_days`, `response_times`, migration
//! `000019_response_stats`): read for the figures, compared with a recount for `ideaboard check`,
//! and set from one after a bulk load.

use std::collections::BTreeMap;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::schema::{response_days, response_months};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::response_figures::{DayCounts, Kept, TimeCounts, Window};

/// Which kept rows a read takes: `from` (inclusive) up to `until` (exclusive, or open), as days
/// ('YYYY-MM-DD') or months ('YYYY-MM') after the table read, in one area key (or all).
#[derive(Debug, Clone, Default)]
pub struct Span<'a> {
    pub from: &'a str,
    pub until: Option<&'a str>,
    pub area_key: Option<&'a str>,
}

type CountsRow = (String, String, i64, i64);

fn counts_of(rows: Vec<CountsRow>) -> Vec<DayCounts> {
    rows.into_iter()
        .map(|(day, area_key, submitted, answered)| DayCounts {
            day,
            area_key,
            submitted,
            answered,
        })
        .collect()
}

fn times_of(rows: Vec<CountsRow>) -> Vec<TimeCounts> {
    rows.into_iter()
        .filter(|row| row.3 != 0)
        .map(|(day, area_key, hours, ideas)| TimeCounts {
            day,
            area_key,
            hours,
            ideas,
        })
        .collect()
}

/// The kept day rows of the span, oldest first.
pub fn days(conn: &mut DbConnection, span: &Span) -> QueryResult<Vec<DayCounts>> {
    use crate::db::schema::response_days::dsl::*;
    let mut query = response_days
        .filter(day.ge(span.from.to_string()))
        .order(day.asc())
        .select((day, area_key, submitted, answered))
        .into_boxed::<MultiBackend>();
    if let Some(until) = span.until {
        query = query.filter(day.lt(until.to_string()));
    }
    if let Some(key) = span.area_key {
        query = query.filter(area_key.eq(key.to_string()));
    }
    Ok(counts_of(query.load(conn)?))
}

/// The kept month rows of the span, oldest first, with the month in `day`.
pub fn months(conn: &mut DbConnection, span: &Span) -> QueryResult<Vec<DayCounts>> {
    use crate::db::schema::response_months::dsl::*;
    let mut query = response_months
        .filter(month.ge(span.from.to_string()))
        .order(month.asc())
        .select((month, area_key, submitted, answered))
        .into_boxed::<MultiBackend>();
    if let Some(until) = span.until {
        query = query.filter(month.lt(until.to_string()));
    }
    if let Some(key) = span.area_key {
        query = query.filter(area_key.eq(key.to_string()));
    }
    Ok(counts_of(query.load(conn)?))
}

/// The kept response times of ideas submitted on the span's days.
pub fn times(conn: &mut DbConnection, span: &Span) -> QueryResult<Vec<TimeCounts>> {
    use crate::db::schema::response_times::dsl::*;
    let mut query = response_times
        .filter(day.ge(span.from.to_string()))
        .select((day, area_key, hours, ideas))
        .into_boxed::<MultiBackend>();
    if let Some(until) = span.until {
        query = query.filter(day.lt(until.to_string()));
    }
    if let Some(key) = span.area_key {
        query = query.filter(area_key.eq(key.to_string()));
    }
    Ok(times_of(query.load(conn)?))
}

/// The kept response times of ideas submitted in the span's months, with the month in `day`.
pub fn month_times(conn: &mut DbConnection, span: &Span) -> QueryResult<Vec<TimeCounts>> {
    use crate::db::schema::response_month_times::dsl::*;
    let mut query = response_month_times
        .filter(month.ge(span.from.to_string()))
        .select((month, area_key, hours, ideas))
        .into_boxed::<MultiBackend>();
    if let Some(until) = span.until {
        query = query.filter(month.lt(until.to_string()));
    }
    if let Some(key) = span.area_key {
        query = query.filter(area_key.eq(key.to_string()));
    }
    Ok(times_of(query.load(conn)?))
}

/// The kept rows the window's figures need: its days, where it can its whole months instead (a
/// long window reads a few rows per month), and every month for the backlog.
pub fn kept_for(
    conn: &mut DbConnection,
    window: &Window,
    area_key: Option<&str>,
) -> QueryResult<Kept> {
    let history = months(
        conn,
        &Span {
            area_key,
            ..Span::default()
        },
    )?;
    let end = window.end();
    let Some((first, until)) = window.whole_months() else {
        let span = Span {
            from: &window.first_day,
            until: Some(&end),
            area_key,
        };
        return Ok(Kept {
            counts: days(conn, &span)?,
            times: times(conn, &span)?,
            history,
        });
    };
    let (whole_from, recent_from) = (format!("{first}-01"), format!("{until}-01"));
    let before = Span {
        from: &window.first_day,
        until: Some(&whole_from),
        area_key,
    };
    let whole = Span {
        from: &first,
        until: Some(&until),
        area_key,
    };
    let recent = Span {
        from: &recent_from,
        until: Some(&end),
        area_key,
    };
    let in_whole = |month: &str| month >= first.as_str() && month < until.as_str();
    let mut counts = days(conn, &before)?;
    counts.extend(history.iter().filter(|row| in_whole(&row.day)).cloned());
    counts.extend(days(conn, &recent)?);
    let mut kept_times = times(conn, &before)?;
    kept_times.extend(month_times(conn, &whole)?);
    kept_times.extend(times(conn, &recent)?);
    Ok(Kept {
        counts,
        times: kept_times,
        history,
    })
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

/// Sets the day tables to a recount from the ideas, then the month tables to their sums. Runs in a
/// transaction: PostgreSQL's month triggers wait for the commit (migration `000022`), so they are
/// fired first, before the month tables are rebuilt.
pub fn recount(conn: &mut DbConnection) -> QueryResult<()> {
    let (days, times) = recount_selects(conn);
    let fire_month_triggers = match conn {
        DbConnection::Postgres(_) => {
            "SET CONSTRAINTS response_days_month, response_times_month IMMEDIATE;"
        }
        DbConnection::Sqlite(_) => "",
    };
    conn.batch_execute(&format!(
        "DELETE FROM response_days; DELETE FROM response_times; \
         INSERT INTO response_days (day, area_key, submitted, answered) {days}; \
         INSERT INTO response_times (day, area_key, hours, ideas) {times}; \
         {fire_month_triggers} \
         DELETE FROM response_months; DELETE FROM response_month_times; \
         INSERT INTO response_months (month, area_key, submitted, answered) \
         SELECT substr(day, 1, 7), area_key, SUM(submitted), SUM(answered) FROM response_days \
         GROUP BY 1, 2; \
         INSERT INTO response_month_times (month, area_key, hours, ideas) \
         SELECT substr(day, 1, 7), area_key, hours, SUM(ideas) FROM response_times GROUP BY 1, 2, 3;"
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

/// Kept counts by what they count, as (stored, counted).
#[derive(Default)]
struct Compared(BTreeMap<String, (i64, i64)>);

impl Compared {
    fn stored(&mut self, what: String, value: i64) {
        self.0.entry(what).or_default().0 += value;
    }

    fn counted(&mut self, what: String, value: i64) {
        self.0.entry(what).or_default().1 += value;
    }

    fn differences(self) -> Vec<(String, i64, i64)> {
        self.0
            .into_iter()
            .filter(|(_, (stored, counted))| stored != counted)
            .map(|(what, (stored, counted))| (what, stored, counted))
            .collect()
    }
}

fn month_of(day: &str) -> &str {
    day.get(..7).unwrap_or(day)
}

/// Every kept count that differs from a recount, as (what, stored, counted); empty when exact.
/// The day tables are compared with the ideas, the month tables with the day tables' sums.
pub fn drift(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64, i64)>> {
    let (days_sql, times_sql) = recount_selects(conn);
    let all = Span::default();
    let mut compared = Compared::default();
    for row in days(conn, &all)? {
        let (day, month) = (
            format!("responses {} {}", row.day, row.area_key),
            format!("responses {} {}", month_of(&row.day), row.area_key),
        );
        compared.stored(format!("{day} submitted"), row.submitted);
        compared.stored(format!("{day} answered"), row.answered);
        compared.counted(format!("{month} submitted (month)"), row.submitted);
        compared.counted(format!("{month} answered (month)"), row.answered);
    }
    for row in times(conn, &all)? {
        let month = month_of(&row.day);
        compared.stored(
            format!("responses {} {} {}h", row.day, row.area_key, row.hours),
            row.ideas,
        );
        compared.counted(
            format!("responses {month} {} {}h (month)", row.area_key, row.hours),
            row.ideas,
        );
    }
    for row in months(conn, &all)? {
        let month = format!("responses {} {}", row.day, row.area_key);
        compared.stored(format!("{month} submitted (month)"), row.submitted);
        compared.stored(format!("{month} answered (month)"), row.answered);
    }
    for row in month_times(conn, &all)? {
        compared.stored(
            format!(
                "responses {} {} {}h (month)",
                row.day, row.area_key, row.hours
            ),
            row.ideas,
        );
    }
    for row in diesel::sql_query(days_sql).load::<CountedDay>(conn)? {
        let key = format!("responses {} {}", row.day, row.area_key);
        compared.counted(format!("{key} submitted"), row.submitted);
        compared.counted(format!("{key} answered"), row.answered);
    }
    for row in diesel::sql_query(times_sql).load::<CountedTime>(conn)? {
        compared.counted(
            format!("responses {} {} {}h", row.day, row.area_key, row.hours),
            row.ideas,
        );
    }
    Ok(compared.differences())
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

/// Live ideas waiting for an answer, by area key: the kept submissions less answers, by month.
pub fn waiting_by_area(conn: &mut DbConnection) -> QueryResult<BTreeMap<String, i64>> {
    Ok(response_months::table
        .group_by(response_months::area_key)
        .select((
            response_months::area_key,
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
