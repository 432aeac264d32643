//! The community insights for staff (`Permission::ViewInsights`): activity per week and the
//! sentiment of ideas and comments per month, overall or in one area, from the kept day rows.

use chrono::NaiveDate;

use super::ServiceResult;
use super::accounts::Account;
use super::areas;
use crate::db::Db;
use crate::db::views::activity;
use crate::domain::community::{self, MonthSentiment, Period, WeekActivity, day_key};
use crate::domain::read::AreaRef;
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
