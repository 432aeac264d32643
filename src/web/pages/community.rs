//! `/insights` and a CSV of each of its parts (`/insights/activity.csv`, `sentiment.csv`,
//! `funnel.csv`, `in-action.csv`, `rising.csv`, `attention.csv`): the community insights for
//! staff (members get 403).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, get, web};
use serde::Deserialize;

use super::private_html;
use crate::domain::community::{Period, day_key};
use crate::domain::read::{Choice, IdeaCard};
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Text};
use crate::services::accounts::Account;
use crate::services::areas;
use crate::services::community::{self, Dashboard};
use crate::services::error::ServiceError;
use crate::services::export::neutralise;
use crate::services::{Db, ServiceResult};
use crate::views::pages::community::{PERIODS, Shown, dashboard_page};
use crate::web::api::community::PeriodParams;
use crate::web::error::AppError;
use crate::web::extractors::SignedIn;
use crate::web::state::AppState;

/// The dashboard's query: one of the offered periods (`days`), else `from`–`to`, and an area.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct DashboardParams {
    days: Option<String>,
    #[serde(flatten)]
    period: PeriodParams,
}

impl DashboardParams {
    /// The period and what the form shows again; days other than those offered are a field error.
    fn period(&self, today: chrono::NaiveDate) -> Result<(Period, Shown), ServiceError> {
        let days = match self
            .days
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            None => None,
            Some(raw) => Some(
                raw.parse::<i64>()
                    .ok()
                    .filter(|days| PERIODS.contains(days))
                    .ok_or_else(|| {
                        ServiceError::Validation(FieldErrors::single(
                            "days",
                            Text::new("refused-period-choice"),
                        ))
                    })?,
            ),
        };
        let period = match days {
            Some(days) => Period::last_days(days, today),
            None => self.period.period(today)?,
        };
        let shown = Shown {
            days: days.or_else(|| {
                (self.period.from.is_none() && self.period.to.is_none())
                    .then_some(crate::domain::community::DEFAULT_DAYS)
                    .filter(|days| PERIODS.contains(days))
            }),
            from: day_key(period.from),
            to: day_key(period.to),
            area: self.period.area(),
        };
        Ok((period, shown))
    }
}

type Read = (Shown, Dashboard, Vec<Choice>);

/// Everything the dashboard shows, as `signed_in` may read it.
async fn read(
    state: &AppState,
    signed_in: &SignedIn,
    params: &DashboardParams,
) -> Result<Read, AppError> {
    // Who may look comes before what they asked: a member's bad date is a 403, not a 422.
    signed_in.account.require(Permission::ViewInsights)?;
    let (period, shown) = params.period(state.clock.now().date())?;
    let area = shown.area.clone();
    let viewers = [(); 3].map(|()| signed_in.account.clone());
    let [for_counts, for_pipeline, for_ideas] = viewers;
    // The six parts in three pairs on three pooled connections at once: the page waits for the
    // slowest pair, not for all six one after the other.
    let counts = state.run(move |db| {
        Ok((
            community::activity(db, &for_counts, period)?,
            community::sentiment(db, &for_counts, period, area.as_deref())?,
            areas::choices(db)?,
        ))
    });
    let pipeline = state.run(move |db| {
        Ok((
            community::funnel(db, &for_pipeline, period)?,
            community::ideas_in_action(db, &for_pipeline, period)?,
        ))
    });
    let ideas = state.run(move |db| {
        Ok((
            community::needs_attention(db, &for_ideas, period)?,
            community::rising(db, &for_ideas, period)?,
        ))
    });
    let ((activity, sentiment, choices), (funnel, in_action), (attention, rising)) =
        futures_util::future::try_join3(counts, pipeline, ideas).await?;
    let read = Dashboard {
        activity,
        sentiment,
        funnel,
        in_action,
        attention,
        rising,
    };
    Ok((shown, read, choices))
}

#[get("/insights")]
pub async fn dashboard(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<DashboardParams>,
) -> Result<HttpResponse, AppError> {
    let (shown, figures, choices) = read(&state, &signed_in, &params).await?;
    let page = dashboard_page(&signed_in.visitor.chrome(), &shown, &figures, &choices);
    Ok(private_html(StatusCode::OK, page))
}

/// What one part of the dashboard reads: its service, given the viewer, the period and the area.
type Part<T> = fn(&mut Db, &Account, Period, Option<&str>) -> ServiceResult<T>;

/// One part of the dashboard, for its CSV: the period asked for and what `read` gives for it.
async fn part<T: Send + 'static>(
    state: &AppState,
    signed_in: &SignedIn,
    params: &DashboardParams,
    read: Part<T>,
) -> Result<(Period, T), AppError> {
    signed_in.account.require(Permission::ViewInsights)?;
    let (period, shown) = params.period(state.clock.now().date())?;
    let viewer = signed_in.account.clone();
    let found = state
        .run(move |db| read(db, &viewer, period, shown.area.as_deref()))
        .await?;
    Ok((period, found))
}

fn csv_answer(name: &str, rows: Vec<Vec<String>>) -> Result<HttpResponse, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in rows {
        out.write_record(row)
            .map_err(|e| AppError::from(ServiceError::Internal(e.into())))?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::from(ServiceError::Internal(anyhow::anyhow!("{e}"))))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.csv\""),
        ))
        .body(bytes))
}

#[get("/insights/activity.csv")]
pub async fn activity_csv(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<DashboardParams>,
) -> Result<HttpResponse, AppError> {
    let (_, activity) = part(&state, &signed_in, &params, |db, viewer, period, _| {
        community::activity(db, viewer, period)
    })
    .await?;
    let header = [
        "week",
        "new_ideas",
        "votes",
        "comments",
        "active_members",
        "new_accounts",
    ];
    let mut rows = vec![header.map(str::to_string).to_vec()];
    rows.extend(activity.weeks.iter().map(|w| {
        vec![
            w.week.clone(),
            w.new_ideas.to_string(),
            w.votes.to_string(),
            w.comments.to_string(),
            w.active_members.to_string(),
            w.new_accounts.to_string(),
        ]
    }));
    csv_answer(
        &format!(
            "activity-{}-{}",
            day_key(activity.from),
            day_key(activity.to)
        ),
        rows,
    )
}

#[get("/insights/sentiment.csv")]
pub async fn sentiment_csv(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<DashboardParams>,
) -> Result<HttpResponse, AppError> {
    let (_, sentiment) = part(&state, &signed_in, &params, community::sentiment).await?;
    let header = [
        "month",
        "negative",
        "neutral",
        "positive",
        "total",
        "negative_share",
        "neutral_share",
        "positive_share",
    ];
    let share = |s: Option<f64>| s.map(|s| format!("{s:.4}")).unwrap_or_default();
    let mut rows = vec![header.map(str::to_string).to_vec()];
    rows.extend(sentiment.months.iter().map(|m| {
        vec![
            m.month.clone(),
            m.negative.to_string(),
            m.neutral.to_string(),
            m.positive.to_string(),
            m.total.to_string(),
            share(m.negative_share),
            share(m.neutral_share),
            share(m.positive_share),
        ]
    }));
    let area = sentiment.area.as_ref().map_or("all", |a| a.slug.as_str());
    csv_answer(
        &format!(
            "sentiment-{area}-{}-{}",
            day_key(sentiment.from),
            day_key(sentiment.to)
        ),
        rows,
    )
}

#[get("/insights/funnel.csv")]
pub async fn funnel_csv(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<DashboardParams>,
) -> Result<HttpResponse, AppError> {
    let (_, funnel) = part(&state, &signed_in, &params, |db, viewer, period, _| {
        community::funnel(db, viewer, period)
    })
    .await?;
    let optional = |value: Option<f64>, digits: usize| {
        value.map(|v| format!("{v:.digits$}")).unwrap_or_default()
    };
    let mut rows = vec![
        ["step", "ideas", "share", "median_days"]
            .map(str::to_string)
            .to_vec(),
    ];
    rows.extend(funnel.steps.iter().map(|s| {
        vec![
            s.step.to_string(),
            s.ideas.to_string(),
            optional(s.share, 4),
            optional(s.median_days, 1),
        ]
    }));
    csv_answer(
        &format!("funnel-{}-{}", day_key(funnel.from), day_key(funnel.to)),
        rows,
    )
}

#[get("/insights/in-action.csv")]
pub async fn in_action_csv(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<DashboardParams>,
) -> Result<HttpResponse, AppError> {
    let (period, quarters) = part(&state, &signed_in, &params, |db, viewer, period, _| {
        community::ideas_in_action(db, viewer, period)
    })
    .await?;
    let mut rows = vec![
        ["quarter", "implemented", "partially_implemented"]
            .map(str::to_string)
            .to_vec(),
    ];
    rows.extend(quarters.iter().map(|q| {
        vec![
            q.quarter.clone(),
            q.implemented.to_string(),
            q.partially_implemented.to_string(),
        ]
    }));
    csv_answer(
        &format!(
            "ideas-in-action-{}-{}",
            day_key(period.from),
            day_key(period.to)
        ),
        rows,
    )
}

/// An idea's number and title as CSV cells (a title a spreadsheet would run is neutralised).
fn idea_cells(card: &IdeaCard) -> [String; 2] {
    [card.number.to_string(), neutralise(&card.title)]
}

#[get("/insights/rising.csv")]
pub async fn rising_csv(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<DashboardParams>,
) -> Result<HttpResponse, AppError> {
    let (period, rising) = part(&state, &signed_in, &params, |db, viewer, period, _| {
        community::rising(db, viewer, period)
    })
    .await?;
    let mut rows = vec![
        ["number", "title", "points_gained", "points"]
            .map(str::to_string)
            .to_vec(),
    ];
    rows.extend(rising.iter().map(|(card, gained)| {
        let [number, title] = idea_cells(card);
        vec![number, title, gained.to_string(), card.points().to_string()]
    }));
    csv_answer(
        &format!("rising-{}-{}", day_key(period.from), day_key(period.to)),
        rows,
    )
}

#[get("/insights/attention.csv")]
pub async fn attention_csv(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<DashboardParams>,
) -> Result<HttpResponse, AppError> {
    let (period, waiting) = part(&state, &signed_in, &params, |db, viewer, period, _| {
        community::needs_attention(db, viewer, period)
    })
    .await?;
    let mut rows = vec![
        ["number", "title", "sentiment", "comments", "points"]
            .map(str::to_string)
            .to_vec(),
    ];
    rows.extend(waiting.iter().map(|(card, score)| {
        let [number, title] = idea_cells(card);
        vec![
            number,
            title,
            format!("{score:.4}"),
            card.comment_count.to_string(),
            card.points().to_string(),
        ]
    }));
    csv_answer(
        &format!(
            "needs-attention-{}-{}",
            day_key(period.from),
            day_key(period.to)
        ),
        rows,
    )
}
