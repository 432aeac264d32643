//! The community insights for staff (`Permission::ViewInsights`): activity per week and the
//! sentiment of ideas and comments per month, overall or in one area, from the kept day rows.

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::ServiceResult;
use super::accounts::Account;
use super::areas;
use crate::db::Db;
use crate::db::views::{activity, funnel as funnel_rows, response_stats};
use crate::domain::community::{self, MonthSentiment, Period, WeekActivity, day_key};
use crate::domain::funnel::{self, FunnelStep};
use crate::domain::ids::IdeaId;
use crate::domain::read::{AreaRef, IdeaCard};
use crate::domain::response_figures::{Window, report};
use crate::domain::roles::Permission;

/// Activity per week over the weeks `period` touches (each from Monday to Sunday).
#[derive(Debug, Clone)]
pub struct ActivityReport {
    /// The first week's Monday and the last week's Sunday.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub weeks: Vec<WeekActivity>,
}

/// Sentiment per month over the months `period` touches, on the board or in one area.
#[derive(Debug, Clone)]
pub struct SentimentReport {
    /// The first month's first day and the last month's last day.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub area: Option<AreaRef>,
    pub months: Vec<MonthSentiment>,
}

pub fn activity(db: &mut Db, viewer: &Account, period: Period) -> ServiceResult<ActivityReport> {
    viewer.require(Permission::ViewInsights)?;
    let (first, last) = period.weeks();
    let sunday = last + chrono::Duration::days(6);
    let conn = db.conn()?;
    let days = activity::days(conn, &day_key(first), &day_key(sunday))?;
    let members = activity::weeks(conn, &day_key(first), &day_key(last))?;
    Ok(ActivityReport {
        from: first,
        to: sunday,
        weeks: community::weekly(first, last, &days, &members),
    })
}

/// `area` is an area's slug (unknown: a field error), or none for the whole board.
pub fn sentiment(
    db: &mut Db,
    viewer: &Account,
    period: Period,
    area: Option<&str>,
) -> ServiceResult<SentimentReport> {
    viewer.require(Permission::ViewInsights)?;
    let conn = db.conn()?;
    let area = match area {
        Some(slug) => Some(areas::area_named(conn, slug)?),
        None => None,
    };
    let (first, last) = period.months();
    let area_key = area.as_ref().map(|a| a.id.to_string());
    let area_ref = match &area {
        Some(area) => crate::db::models::areas::find_ref(conn, &area.id)?,
        None => None,
    };
    let days = activity::sentiment(conn, &day_key(first), &day_key(last), area_key.as_deref())?;
    Ok(SentimentReport {
        from: first,
        to: last,
        area: area_ref,
        months: community::monthly(first, last, &days),
    })
}

/// The pipeline funnel of the ideas submitted in the period (each day of it).
#[derive(Debug, Clone)]
pub struct FunnelReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub steps: Vec<FunnelStep>,
}

pub fn funnel(db: &mut Db, viewer: &Account, period: Period) -> ServiceResult<FunnelReport> {
    viewer.require(Permission::ViewInsights)?;
    let conn = db.conn()?;
    let (first_day, last_day) = (day_key(period.from), day_key(period.to));
    let window = Window {
        first_day: first_day.clone(),
        last_day: last_day.clone(),
        // Only the counts and the median are read here, not the share within a target: with the
        // cutoff after the last day, every month wholly inside the period is read as one row.
        past_target_before: day_key(period.to + chrono::Duration::days(1)),
        target_hours: 0,
    };
    let answers = report(&window, &response_stats::kept_for(conn, &window, None)?).total;
    let mut reached = funnel_rows::histograms(conn, &first_day, &last_day)?;
    let planned = reached.remove("planned").unwrap_or_default();
    let implemented = reached.remove("implemented").unwrap_or_default();
    Ok(FunnelReport {
        from: period.from,
        to: period.to,
        steps: funnel::funnel(
            answers.submitted,
            answers.answered,
            answers.median_hours,
            &planned,
            &implemented,
        ),
    })
}

/// Implemented and partially implemented ideas per quarter ("Ideas in action").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct QuarterInAction {
    /// `YYYY-Qn`.
    pub quarter: String,
    pub implemented: i64,
    pub partially_implemented: i64,
}

/// The quarters the period touches, each with the ideas first implemented in it that are still
/// implemented (`implemented`) or partly (every other completed status).
pub fn ideas_in_action(
    db: &mut Db,
    viewer: &Account,
    period: Period,
) -> ServiceResult<Vec<QuarterInAction>> {
    viewer.require(Permission::ViewInsights)?;
    let quarter_of = |day: NaiveDate| format!("{}-Q{}", day.year(), day.month0() / 3 + 1);
    let start = |day: NaiveDate| {
        NaiveDate::from_ymd_opt(day.year(), day.month0() / 3 * 3 + 1, 1).unwrap_or(day)
    };
    let mut quarters: Vec<QuarterInAction> = Vec::new();
    let mut at = Some(start(period.from));
    while let Some(first) = at.filter(|first| *first <= period.to) {
        quarters.push(QuarterInAction {
            quarter: quarter_of(first),
            implemented: 0,
            partially_implemented: 0,
        });
        at = first.checked_add_months(chrono::Months::new(3));
    }
    let first = day_key(start(period.from));
    let until = day_key(at.unwrap_or(period.to));
    for (day, slug, ideas) in funnel_rows::implemented_between(db.conn()?, &first, &until)? {
        let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
            continue;
        };
        let key = quarter_of(day);
        if let Some(quarter) = quarters.iter_mut().find(|q| q.quarter == key) {
            if slug == "implemented" {
                quarter.implemented += ideas;
            } else {
                quarter.partially_implemented += ideas;
            }
        }
    }
    Ok(quarters)
}

/// How many ideas "needs attention" lists.
pub const ATTENTION_LIMIT: i64 = 10;

/// The most negative ideas submitted in the period (up to now) that still wait for an official
/// answer, most negative first, as cards with their scores.
pub fn needs_attention(
    db: &mut Db,
    viewer: &Account,
    period: Period,
) -> ServiceResult<Vec<(IdeaCard, f64)>> {
    viewer.require(Permission::ViewInsights)?;
    let since = period.from.and_time(NaiveTime::MIN);
    let conn = db.conn()?;
    let found = funnel_rows::most_negative_waiting(conn, since, ATTENTION_LIMIT)?;
    let ids: Vec<IdeaId> = found.iter().map(|(id, _)| id.clone()).collect();
    let rows = crate::db::views::idea_list::cards(conn, &ids)?;
    let mut cards = super::board::cards(conn, Some(viewer), rows)?;
    Ok(found
        .into_iter()
        .filter_map(|(id, score)| {
            let at = cards.iter().position(|card| card.id == id)?;
            Some((cards.swap_remove(at), score))
        })
        .collect())
}

/// How many ideas "rising" lists.
pub const RISING_LIMIT: usize = 10;

/// The ideas whose points grew most in the weeks the period touches, most first, as cards with
/// the points they gained.
pub fn rising(
    db: &mut Db,
    viewer: &Account,
    period: Period,
) -> ServiceResult<Vec<(IdeaCard, i64)>> {
    viewer.require(Permission::ViewInsights)?;
    let (first, last) = period.weeks();
    let mut weeks = Vec::new();
    let mut monday = first;
    while monday <= last {
        weeks.push(day_key(monday));
        monday += chrono::Duration::days(7);
    }
    let conn = db.conn()?;
    // A few more than shown: a merged or hidden idea among them has no card.
    let found = crate::db::views::rising::rising(conn, &weeks, RISING_LIMIT + 5)?;
    let ids: Vec<IdeaId> = found.iter().map(|(id, _)| id.clone()).collect();
    let rows = crate::db::views::idea_list::cards(conn, &ids)?;
    let mut cards = super::board::cards(conn, Some(viewer), rows)?;
    Ok(found
        .into_iter()
        .filter_map(|(id, gained)| {
            let at = cards.iter().position(|card| card.id == id)?;
            Some((
                cards.swap_remove(at),
                crate::domain::ranking::points(gained, 0),
            ))
        })
        .take(RISING_LIMIT)
        .collect())
}

/// Everything `/insights` shows for a period and area.
#[derive(Debug, Clone)]
pub struct Dashboard {
    pub activity: ActivityReport,
    pub sentiment: SentimentReport,
    pub funnel: FunnelReport,
    pub in_action: Vec<QuarterInAction>,
    pub attention: Vec<(IdeaCard, f64)>,
    pub rising: Vec<(IdeaCard, i64)>,
}
