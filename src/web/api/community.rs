//! `GET /api/v1/insights/activity`, `/insights/sentiment` and `/insights/funnel` (staff): the community's activity
//! per week and sentiment per month, and the period query the insights page and its CSV share.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::community::{MonthSentiment, Period, WeekActivity, day_key};
use crate::domain::funnel::FunnelStep;
use crate::domain::roles::Permission;
use crate::services::community::{self, ActivityReport, FunnelReport, SentimentReport};
use crate::services::error::ServiceError;
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// The period's query string, as typed.
#[derive(Debug, Deserialize, Default, Clone, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// The first day, `YYYY-MM-DD` (default: 89 days before `to`). Weeks and months are counted
    /// whole: the answer starts on the Monday of this day's week (activity) or on the first of its
    /// month (sentiment).
    pub from: Option<String>,
    /// The last day, `YYYY-MM-DD` (default: today, UTC); at most 3,660 days after `from`.
    pub to: Option<String>,
    /// A product area's slug: only its ideas and their comments (sentiment only).
    pub area: Option<String>,
}

impl PeriodParams {
    /// The period; a day that cannot be read or a period the wrong way round is a field error.
    pub fn period(&self, today: NaiveDate) -> Result<Period, ServiceError> {
        Period::parse(self.from.as_deref(), self.to.as_deref(), today)
            .map_err(ServiceError::Validation)
    }

    /// The area's slug, unless none was chosen.
    pub fn area(&self) -> Option<String> {
        self.area
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
    }
}

/// Activity per week: what was created in each week (as it stands now) and who took part.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityObject {
    /// The first week's Monday, `YYYY-MM-DD`.
    pub from: String,
    /// The last week's Sunday, `YYYY-MM-DD`.
    pub to: String,
    /// One row per week, oldest first, weeks without activity included.
    pub rows: Vec<WeekActivity>,
}

impl From<&ActivityReport> for ActivityObject {
    fn from(report: &ActivityReport) -> Self {
        ActivityObject {
            from: day_key(report.from),
            to: day_key(report.to),
            rows: report.weeks.clone(),
        }
    }
}

/// Sentiment per month: the live ideas and visible comments written in each month by label.
#[derive(Debug, Serialize, ToSchema)]
pub struct SentimentObject {
    /// The first month's first day, `YYYY-MM-DD`.
    pub from: String,
    /// The last month's last day, `YYYY-MM-DD`.
    pub to: String,
    /// The area's slug, or null for the whole board.
    pub area: Option<String>,
    /// One row per month, oldest first, months without texts included.
    pub rows: Vec<MonthSentiment>,
}

impl From<&SentimentReport> for SentimentObject {
    fn from(report: &SentimentReport) -> Self {
        SentimentObject {
            from: day_key(report.from),
            to: day_key(report.to),
            area: report.area.as_ref().map(|a| a.slug.clone()),
            rows: report.months.clone(),
        }
    }
}

/// New ideas, votes, comments, active members and new accounts per week (product, moderators,
/// admins).
#[utoipa::path(
    tag = "insights",
    params(PeriodParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Weekly rows", body = ActivityObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not staff", body = ErrorBody),
        (status = 422, description = "A day that cannot be read, or a period that is backwards or too long", body = ErrorBody),
    )
)]
#[get("/insights/activity")]
pub async fn activity(
    state: web::Data<AppState>,
    user: ApiUser,
    params: web::Query<PeriodParams>,
) -> Result<HttpResponse, ApiError> {
    // Who may look comes before what they asked: a member's bad date is a 403, not a 422.
    user.0.require(Permission::ViewInsights)?;
    let period = params.period(state.clock.now().date())?;
    let viewer = user.0;
    let report = state
        .run(move |db| community::activity(db, &viewer, period))
        .await?;
    Ok(HttpResponse::Ok().json(ActivityObject::from(&report)))
}

/// The share of negative, neutral and positive ideas and comments per month, on the board or in
/// one area (product, moderators, admins).
#[utoipa::path(
    tag = "insights",
    params(PeriodParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Monthly rows with counts and shares", body = SentimentObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not staff", body = ErrorBody),
        (status = 422, description = "A day that cannot be read, a period that is backwards or too long, or an unknown area", body = ErrorBody),
    )
)]
#[get("/insights/sentiment")]
pub async fn sentiment(
    state: web::Data<AppState>,
    user: ApiUser,
    params: web::Query<PeriodParams>,
) -> Result<HttpResponse, ApiError> {
    // Who may look comes before what they asked: a member's bad date is a 403, not a 422.
    user.0.require(Permission::ViewInsights)?;
    let period = params.period(state.clock.now().date())?;
    let area = params.area();
    let viewer = user.0;
    let report = state
        .run(move |db| community::sentiment(db, &viewer, period, area.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(SentimentObject::from(&report)))
}

/// The pipeline funnel of the ideas submitted in a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct FunnelObject {
    /// The first and last submission day counted, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    /// Submitted, answered, planned (or in progress), implemented: how many of the ideas reached
    /// each step by now, their share, and the median days from the step before.
    pub steps: Vec<FunnelStep>,
}

impl From<&FunnelReport> for FunnelObject {
    fn from(report: &FunnelReport) -> Self {
        FunnelObject {
            from: day_key(report.from),
            to: day_key(report.to),
            steps: report.steps.clone(),
        }
    }
}

/// The pipeline funnel of the ideas submitted from `from` to `to`: submitted → answered →
/// planned or in progress → implemented (product, moderators, admins).
#[utoipa::path(
    tag = "insights",
    params(PeriodParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The funnel's steps", body = FunnelObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not staff", body = ErrorBody),
        (status = 422, description = "A day that cannot be read, or a period that is backwards or too long", body = ErrorBody),
    )
)]
#[get("/insights/funnel")]
pub async fn funnel(
    state: web::Data<AppState>,
    user: ApiUser,
    params: web::Query<PeriodParams>,
) -> Result<HttpResponse, ApiError> {
    // Who may look comes before what they asked: a member's bad date is a 403, not a 422.
    user.0.require(Permission::ViewInsights)?;
    let period = params.period(state.clock.now().date())?;
    let viewer = user.0;
    let report = state
        .run(move |db| community::funnel(db, &viewer, period))
        .await?;
    Ok(HttpResponse::Ok().json(FunnelObject::from(&report)))
}
