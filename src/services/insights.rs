//! Response-time figures: how fast ideas get their first official answer over the last N days
//! (staff), in total, per area and per month with the backlog; and the board's public promise,
//! worked out by the same function.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};

use super::ServiceResult;
use super::accounts::Account;
use super::areas;
use crate::db::views::response_stats;
use crate::db::{Db, DbConnection};
use crate::domain::ids::UserId;
use crate::domain::read::AreaRef;
use crate::domain::response::ResponsePolicy;
use crate::domain::response_figures::{AnswerQuality, Figures, Window, report};
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Text};
use crate::services::error::ServiceError;

/// The window when none is asked for, and the longest one.
pub const DEFAULT_DAYS: i64 = 90;
pub const MAX_DAYS: i64 = 3650;

/// The figures asked for: ideas submitted in the last `days` days (today included), on the whole
/// board or in one area.
#[derive(Debug, Clone)]
pub struct FiguresQuery {
    pub days: i64,
    pub area: Option<String>,
}

impl Default for FiguresQuery {
    fn default() -> Self {
        FiguresQuery {
            days: DEFAULT_DAYS,
            area: None,
        }
    }
}

/// One area's figures; `area` is none for the ideas in no area.
#[derive(Debug, Clone)]
pub struct AreaFigures {
    pub area: Option<AreaRef>,
    pub figures: Figures,
    pub quality: AnswerQuality,
}

/// How one staff member's official answers were rated.
#[derive(Debug, Clone)]
pub struct StaffQuality {
    pub name: String,
    pub quality: AnswerQuality,
}

/// One month's figures (by submission) and the ideas waiting at its end.
#[derive(Debug, Clone)]
pub struct MonthFigures {
    /// `YYYY-MM`.
    pub month: String,
    pub figures: Figures,
    pub backlog: i64,
}

/// The figures of one window.
#[derive(Debug, Clone)]
pub struct ResponseFigures {
    pub days: i64,
    pub area: Option<AreaRef>,
    pub target_days: u32,
    /// The first and last submission day counted (`YYYY-MM-DD`, UTC).
    pub first_day: String,
    pub last_day: String,
    pub total: Figures,
    pub areas: Vec<AreaFigures>,
    pub months: Vec<MonthFigures>,
    /// The ratings of the window's official answers, in total and per staff member (by name).
    pub quality: AnswerQuality,
    pub staff: Vec<StaffQuality>,
}

/// The response-time figures for staff member `viewer`; members are refused, a window outside
/// 1 to 3,650 days is 422 (`days`), an unknown area 422 (`area`).
pub fn response_figures(
    db: &mut Db,
    viewer: &Account,
    query: &FiguresQuery,
    policy: ResponsePolicy,
    now: NaiveDateTime,
) -> ServiceResult<ResponseFigures> {
    viewer.require(Permission::Triage)?;
    if !(1..=MAX_DAYS).contains(&query.days) {
        return Err(ServiceError::Validation(FieldErrors::single(
            "days",
            Text::new("refused-days").with("max", MAX_DAYS.to_string()),
        )));
    }
    figures_of(db.conn()?, query, policy, now)
}

fn day(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// The figures without asking who reads them (the weekly summary, the promise).
pub(super) fn figures_of(
    conn: &mut DbConnection,
    query: &FiguresQuery,
    policy: ResponsePolicy,
    now: NaiveDateTime,
) -> ServiceResult<ResponseFigures> {
    let area = match query.area.as_deref() {
        Some(slug) => Some(areas::area_named(conn, slug)?),
        None => None,
    };
    let area_key = area.as_ref().map(|a| a.id.to_string());
    let window = Window {
        first_day: day(now - Duration::days(query.days - 1)),
        last_day: day(now),
        past_target_before: day(now - policy.target()),
        target_hours: i64::from(policy.target_days) * 24,
    };
    let kept = response_stats::kept_for(conn, &window, area_key.as_deref())?;
    let worked_out = report(&window, &kept);
    let refs: HashMap<String, AreaRef> = crate::db::models::areas::refs(conn)?
        .into_iter()
        .map(|(id, area)| (id.to_string(), area))
        .collect();
    let rated = Rated::read(conn, now - Duration::days(query.days - 1), area.as_ref())?;
    let mut by_area: Vec<AreaFigures> = worked_out
        .areas
        .into_iter()
        .map(|(key, figures)| AreaFigures {
            area: refs.get(&key).cloned(),
            quality: rated.by_area.get(&key).copied().unwrap_or_default(),
            figures,
        })
        .collect();
    // Areas by name, then the ideas in no area.
    by_area.sort_by(|a, b| {
        let name = |f: &AreaFigures| f.area.as_ref().map(|a| a.name.to_lowercase());
        (a.area.is_none(), name(a)).cmp(&(b.area.is_none(), name(b)))
    });
    Ok(ResponseFigures {
        days: query.days,
        area: area_key.and_then(|key| refs.get(&key).cloned()),
        target_days: policy.target_days,
        first_day: window.first_day,
        last_day: window.last_day,
        total: worked_out.total,
        areas: by_area,
        months: worked_out
            .months
            .into_iter()
            .map(|(month, figures, backlog)| MonthFigures {
                month,
                figures,
                backlog,
            })
            .collect(),
        quality: rated.total,
        staff: rated.staff,
    })
}

/// The ratings of the official answers to ideas submitted in the window.
struct Rated {
    total: AnswerQuality,
    /// By area key ('' for no area).
    by_area: HashMap<String, AnswerQuality>,
    /// By staff member, best rated first.
    staff: Vec<StaffQuality>,
}

impl Rated {
    fn read(
        conn: &mut DbConnection,
        first: NaiveDateTime,
        area: Option<&crate::db::models::areas::Area>,
    ) -> ServiceResult<Self> {
        let since = first.date().and_time(chrono::NaiveTime::MIN);
        let rows = response_stats::rated_answers(conn, since, area.map(|a| &a.id))?;
        let mut total = AnswerQuality::default();
        let mut by_area: HashMap<String, AnswerQuality> = HashMap::new();
        let mut by_person: HashMap<UserId, AnswerQuality> = HashMap::new();
        for (who, area_id, helpful, unhelpful) in rows {
            total.add(helpful, unhelpful);
            let key = area_id.map(|a| a.to_string()).unwrap_or_default();
            by_area.entry(key).or_default().add(helpful, unhelpful);
            by_person.entry(who).or_default().add(helpful, unhelpful);
        }
        let people: Vec<UserId> = by_person.keys().cloned().collect();
        let names = crate::db::models::users::names_and_roles_of(conn, &people)?;
        let mut staff: Vec<StaffQuality> = by_person
            .into_iter()
            .map(|(who, quality)| StaffQuality {
                name: names
                    .get(&who)
                    .map(|(name, _)| name.clone())
                    .unwrap_or_default(),
                quality,
            })
            .collect();
        staff.sort_by(|a, b| {
            let share = |q: &StaffQuality| q.quality.helpful_share.unwrap_or(0.0);
            share(b)
                .total_cmp(&share(a))
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(Rated {
            total,
            by_area,
            staff,
        })
    }
}

/// The board's promise and record: the response target, and the median time to a first answer
/// over the last 90 days on the whole board (none without answers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Promise {
    pub target_days: u32,
    pub window_days: i64,
    pub median_hours: Option<f64>,
}

/// The promise as anyone may read it, from the same figures staff see.
pub fn promise(db: &mut Db, policy: ResponsePolicy, now: NaiveDateTime) -> ServiceResult<Promise> {
    let figures = figures_of(db.conn()?, &FiguresQuery::default(), policy, now)?;
    Ok(Promise {
        target_days: policy.target_days,
        window_days: DEFAULT_DAYS,
        median_hours: figures.total.median_hours,
    })
}
