//! The weekly summary to staff: what waits for an official answer and how much of it is past the
//! target, what was answered in the last seven days, and the median time to a first answer over
//! the last four weeks — in total and by area. A singleton job, sent once every seven days to
//! every staff member who has not turned it off.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};

use super::{ServiceResult, insights, notifications};
use crate::db::locks::{self, Guarded};
use crate::db::models::outbox::{self, NewOutboxMessage};
use crate::db::models::{areas as area_rows, pipeline, users};
use crate::db::views::response_stats;
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::response::ResponsePolicy;
use crate::i18n::Lang;
use crate::mail::messages::{self, SummaryLine, SummaryScope};
use crate::services::error::ServiceError;

const LAST_RUN: &str = "last_weekly_summary_at";
/// The window of the median it reports.
const MEDIAN_DAYS: i64 = 28;

fn is_due(conn: &mut DbConnection, now: NaiveDateTime) -> ServiceResult<bool> {
    let last = pipeline::setting(conn, LAST_RUN)?;
    Ok(
        match last.and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok()) {
            Some(at) => now - at.naive_utc() >= Duration::days(7),
            None => true,
        },
    )
}

/// Sends the summary when a week has passed since the last one; returns how many were queued.
pub fn send_due(
    db: &mut Db,
    policy: ResponsePolicy,
    now: NaiveDateTime,
    base_url: &str,
) -> ServiceResult<usize> {
    db.write(|conn| {
        if !locks::try_lock_until_commit(conn, Guarded::WeeklySummary)? || !is_due(conn, now)? {
            return Ok(0);
        }
        let lines = summary_lines(conn, policy, now)?;
        let mut queued = 0;
        for user in users::staff_accounts(conn)? {
            let chosen =
                notifications::preferences(conn, std::slice::from_ref(&user.id), "weekly_summary")?;
            if chosen.get(&user.id).map(String::as_str) == Some("off") {
                continue;
            }
            let lang = Lang::of_person(user.locale.as_deref());
            let (email, stop_url) = notifications::with_kind_link(
                conn,
                messages::weekly_summary(lang, &user.name, &lines, policy.target_days, base_url),
                lang,
                &user.id,
                "weekly_summary",
                base_url,
            )?;
            queued += outbox::enqueue(
                conn,
                &NewOutboxMessage {
                    id: &clock::new_id(),
                    event_key: &format!("weekly:{}", now.format("%Y-%m-%d")),
                    recipient: &user.email,
                    kind: "weekly_summary",
                    subject: &email.subject,
                    body_text: &email.text,
                    body_html: &email.html,
                    // Sent at once, whatever moment the summary is of.
                    next_attempt_at: clock::now(),
                    created_at: clock::now(),
                    list_unsubscribe: Some(&stop_url),
                },
            )?;
        }
        pipeline::set_setting(conn, LAST_RUN, &clock::rfc3339(now))?;
        Ok::<_, ServiceError>(queued)
    })
}

/// The total first, then each area by name, then the ideas in no area.
fn summary_lines(
    conn: &mut DbConnection,
    policy: ResponsePolicy,
    now: NaiveDateTime,
) -> ServiceResult<Vec<SummaryLine>> {
    let waiting = response_stats::waiting_by_area(conn)?;
    let recent = response_stats::recent_waiting_by_area(conn, policy.past_target_cutoff(now))?;
    let week = (now - Duration::days(6)).format("%Y-%m-%d").to_string();
    let answered = response_stats::answered_since_by_area(conn, &week)?;
    let figures = insights::figures_of(
        conn,
        &insights::FiguresQuery {
            days: MEDIAN_DAYS,
            area: None,
        },
        policy,
        now,
    )?;
    let medians: BTreeMap<String, Option<f64>> = figures
        .areas
        .iter()
        .map(|a| {
            let key = a.area.as_ref().map(|r| r.slug.clone()).unwrap_or_default();
            (key, a.figures.median_hours)
        })
        .collect();
    let line = |scope: SummaryScope, key: &str, slug: &str| {
        let of = |map: &BTreeMap<String, i64>| map.get(key).copied().unwrap_or(0);
        SummaryLine {
            scope,
            waiting: of(&waiting),
            past_target: of(&waiting) - of(&recent),
            answered: of(&answered),
            median_hours: medians.get(slug).copied().flatten(),
        }
    };
    let sum = |map: &BTreeMap<String, i64>| map.values().sum::<i64>();
    let mut lines = vec![SummaryLine {
        scope: SummaryScope::Board,
        waiting: sum(&waiting),
        past_target: sum(&waiting) - sum(&recent),
        answered: sum(&answered),
        median_hours: figures.total.median_hours,
    }];
    let mut areas: Vec<_> = area_rows::refs(conn)?.into_iter().collect();
    areas.sort_by_key(|(_, area)| area.name.to_lowercase());
    for (id, area) in areas {
        let scope = SummaryScope::Area(area.name, area.names);
        lines.push(line(scope, &id.to_string(), &area.slug));
    }
    if waiting.get("").is_some_and(|n| *n > 0) || answered.contains_key("") {
        lines.push(line(SummaryScope::NoArea, "", ""));
    }
    Ok(lines)
}
