//! The pipeline funnel's kept table (`funnel_times`, migration `000026_funnel`) — read for the
//! funnel, recounted by `ideaboard rerank`, compared by `ideaboard check` — and the two small
//! reads beside it: the ideas implemented in a period ("Ideas in action", from the kept
//! `action_days`, migration `000030_in_action`, recounted and compared as the funnel is) and the
//! most negative ideas still waiting for an answer ("needs attention", through
//! `ideas_unanswered_sentiment`).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{action_days, funnel_times, ideas, statuses};
use crate::domain::ids::IdeaId;

/// The days to each step of the ideas submitted from `from` to `to` ('YYYY-MM-DD', inclusive):
/// step → (whole days → ideas).
pub fn histograms(
    conn: &mut DbConnection,
    from: &str,
    to: &str,
) -> QueryResult<BTreeMap<String, BTreeMap<i64, i64>>> {
    let rows: Vec<(String, i64, i64)> = funnel_times::table
        .filter(funnel_times::day.ge(from))
        .filter(funnel_times::day.le(to))
        .select((funnel_times::step, funnel_times::days, funnel_times::ideas))
        .load(conn)?;
    let mut steps: BTreeMap<String, BTreeMap<i64, i64>> = BTreeMap::new();
    for (step, days, ideas) in rows {
        *steps.entry(step).or_default().entry(days).or_default() += ideas;
    }
    for histogram in steps.values_mut() {
        histogram.retain(|_, ideas| *ideas != 0);
    }
    Ok(steps)
}

/// The recount from the ideas: (day, step, days, ideas).
fn recount_select(conn: &DbConnection) -> String {
    let (day, planned, implemented) = match conn {
        DbConnection::Postgres(_) => (
            "to_char(created_at, 'YYYY-MM-DD')",
            "funnel_days(COALESCE(first_response_at, created_at), planned_at)".to_string(),
            "funnel_days(COALESCE(planned_at, created_at), implemented_at)".to_string(),
        ),
        DbConnection::Sqlite(_) => {
            let days = |since: &str, reached: &str| {
                format!(
                    "(MAX(0, CAST(strftime('%s', {reached}) AS INTEGER) \
                     - CAST(strftime('%s', {since}) AS INTEGER)) + 86399) / 86400"
                )
            };
            (
                "date(created_at)",
                days("COALESCE(first_response_at, created_at)", "planned_at"),
                days("COALESCE(planned_at, created_at)", "implemented_at"),
            )
        }
    };
    format!(
        "SELECT day, step, days, COUNT(*) AS ideas FROM ( \
            SELECT {day} AS day, 'planned' AS step, {planned} AS days FROM ideas \
            WHERE planned_at IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL \
            UNION ALL \
            SELECT {day}, 'implemented', {implemented} FROM ideas \
            WHERE implemented_at IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL \
         ) AS reached GROUP BY day, step, days"
    )
}

/// Sets the kept table to a recount from the ideas, in the caller's transaction.
pub fn recount(conn: &mut DbConnection) -> QueryResult<()> {
    let select = recount_select(conn);
    conn.batch_execute(&format!(
        "DELETE FROM funnel_times; INSERT INTO funnel_times (day, step, days, ideas) {select};"
    ))
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = diesel::sql_types::Text)]
    day: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    step: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    days: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    ideas: i64,
}

/// Every kept count that differs from a recount, as (what, stored, counted); empty when exact.
pub fn drift(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64, i64)>> {
    let mut compared: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let stored: Vec<(String, String, i64, i64)> = funnel_times::table
        .select((
            funnel_times::day,
            funnel_times::step,
            funnel_times::days,
            funnel_times::ideas,
        ))
        .load(conn)?;
    for (day, step, days, ideas) in stored {
        compared
            .entry(format!("funnel {day} {step} {days}d"))
            .or_default()
            .0 += ideas;
    }
    for row in diesel::sql_query(recount_select(conn)).load::<Counted>(conn)? {
        compared
            .entry(format!("funnel {} {} {}d", row.day, row.step, row.days))
            .or_default()
            .1 += row.ideas;
    }
    Ok(compared
        .into_iter()
        .filter(|(_, (stored, counted))| stored != counted)
        .map(|(what, (stored, counted))| (what, stored, counted))
        .collect())
}

/// The live ideas first implemented on the days from `first` until before `until`
/// ('YYYY-MM-DD') that are still in a completed status, from the kept `action_days`: (day, the
/// status's slug, ideas).
pub fn implemented_between(
    conn: &mut DbConnection,
    first: &str,
    until: &str,
) -> QueryResult<Vec<(String, String, i64)>> {
    action_days::table
        .inner_join(statuses::table.on(statuses::id.eq(action_days::status_id)))
        .filter(action_days::day.ge(first))
        .filter(action_days::day.lt(until))
        .filter(action_days::ideas.ne(0))
        .filter(statuses::kind.eq("completed"))
        .select((action_days::day, statuses::slug, action_days::ideas))
        .load(conn)
}

/// The recount of `action_days` from the ideas: (day, status, ideas).
fn action_recount_select(conn: &DbConnection) -> &'static str {
    match conn {
        DbConnection::Postgres(_) => {
            "SELECT to_char(implemented_at, 'YYYY-MM-DD') AS day, status_id, COUNT(*) AS ideas \
             FROM ideas WHERE implemented_at IS NOT NULL AND merged_into_id IS NULL \
             AND hidden_at IS NULL GROUP BY 1, 2"
        }
        DbConnection::Sqlite(_) => {
            "SELECT date(implemented_at) AS day, status_id, COUNT(*) AS ideas \
             FROM ideas WHERE implemented_at IS NOT NULL AND merged_into_id IS NULL \
             AND hidden_at IS NULL GROUP BY 1, 2"
        }
    }
}

/// Sets `action_days` to a recount from the ideas, in the caller's transaction.
pub fn recount_action(conn: &mut DbConnection) -> QueryResult<()> {
    let select = action_recount_select(conn);
    conn.batch_execute(&format!(
        "DELETE FROM action_days; INSERT INTO action_days (day, status_id, ideas) {select};"
    ))
}

/// The kept `action_days` rows that differ from a recount (rows at zero aside), as (what,
/// stored, counted); empty when exact.
pub fn action_drift(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64, i64)>> {
    let select = action_recount_select(conn);
    let kept = "SELECT day, status_id, ideas FROM action_days WHERE ideas <> 0";
    super::totals::rows_differing(conn, "ideas in action rows differing", kept, select)
}

/// The ids of the most negative live ideas submitted since `since` that still wait for an
/// answer, most negative first, at most `limit`, with their scores.
pub fn most_negative_waiting(
    conn: &mut DbConnection,
    since: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<(IdeaId, f64)>> {
    let rows: Vec<(IdeaId, Option<f64>)> = ideas::table
        .filter(ideas::first_response_at.is_null())
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .filter(ideas::sentiment_score.is_not_null())
        .filter(ideas::sentiment_score.le(crate::domain::sentiment::NEGATIVE_TO))
        .filter(ideas::created_at.ge(since))
        .order((ideas::sentiment_score.asc(), ideas::created_at.desc()))
        .select((ideas::id, ideas::sentiment_score))
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, score)| Some((id, score?)))
        .collect())
}
