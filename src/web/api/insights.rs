//! `GET /api/v1/insights/responses`: response-time figures (staff), and the query and JSON shape
//! the figures page and its CSV share.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::response_figures::{AnswerQuality, Figures};
use crate::domain::validation::{FieldErrors, Text};
use crate::services::error::ServiceError;
use crate::services::insights::{self, FiguresQuery, ResponseFigures};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// The figures' query string, as typed.
#[derive(Debug, Deserialize, Default, Clone, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiguresParams {
    /// Ideas submitted in the last this many days, today included (1–3650, default 90).
    #[param(value_type = Option<i64>)]
    pub days: Option<String>,
    /// A product area's slug: only its ideas.
    pub area: Option<String>,
}

impl FiguresParams {
    /// The service's query; days that are not a whole number are a field error.
    pub fn to_query(&self) -> Result<FiguresQuery, ServiceError> {
        let days = match self
            .days
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            None => insights::DEFAULT_DAYS,
            Some(raw) => raw.parse::<i64>().map_err(|_| {
                ServiceError::Validation(FieldErrors::single(
                    "days",
                    Text::new("refused-whole-number"),
                ))
            })?,
        };
        Ok(FiguresQuery {
            days,
            area: self.area.clone().filter(|a| !a.trim().is_empty()),
        })
    }
}

/// One area's figures (`area` null for the ideas in no area).
#[derive(Debug, Serialize, ToSchema)]
pub struct AreaFiguresObject {
    pub area: Option<String>,
    #[serde(flatten)]
    pub figures: Figures,
    /// How the idea's author and voters rated the area's official answers.
    #[serde(flatten)]
    pub quality: AnswerQuality,
}

/// How one staff member's official answers were rated.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffQualityObject {
    pub name: String,
    #[serde(flatten)]
    pub quality: AnswerQuality,
}

/// One month's figures, by submission, and the ideas waiting at its end.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthFiguresObject {
    /// `YYYY-MM`.
    pub month: String,
    /// Live ideas waiting for an answer at the end of the month (now, for this month).
    pub backlog: i64,
    #[serde(flatten)]
    pub figures: Figures,
}

/// Response-time figures for ideas submitted from `from` to `to` (UTC days).
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseFiguresObject {
    pub days: i64,
    /// The area asked for, or null for the whole board.
    pub area: Option<String>,
    /// `RESPONSE_TARGET_DAYS`.
    pub target_days: u32,
    pub from: String,
    pub to: String,
    pub total: Figures,
    pub areas: Vec<AreaFiguresObject>,
    pub months: Vec<MonthFiguresObject>,
    /// How the window's official answers were rated, in total and per staff member.
    pub quality: AnswerQuality,
    pub staff: Vec<StaffQualityObject>,
}

impl From<&ResponseFigures> for ResponseFiguresObject {
    fn from(figures: &ResponseFigures) -> Self {
        ResponseFiguresObject {
            days: figures.days,
            area: figures.area.as_ref().map(|a| a.slug.clone()),
            target_days: figures.target_days,
            from: figures.first_day.clone(),
            to: figures.last_day.clone(),
            total: figures.total,
            areas: figures
                .areas
                .iter()
                .map(|a| AreaFiguresObject {
                    area: a.area.as_ref().map(|a| a.slug.clone()),
                    figures: a.figures,
                    quality: a.quality,
                })
                .collect(),
            months: figures
                .months
                .iter()
                .map(|m| MonthFiguresObject {
                    month: m.month.clone(),
                    backlog: m.backlog,
                    figures: m.figures,
                })
                .collect(),
            quality: figures.quality,
            staff: figures
                .staff
                .iter()
                .map(|s| StaffQualityObject {
                    name: s.name.clone(),
                    quality: s.quality,
                })
                .collect(),
        }
    }
}

/// Time to first official answer: median and 90th percentile (hours), share answered within
/// the target, answered and unanswered counts, in total, per area and per month (product,
/// moderators, admins).
#[utoipa::path(
    tag = "insights",
    params(FiguresParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures", body = ResponseFiguresObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not staff", body = ErrorBody),
        (status = 422, description = "Days outside 1–3650, or an unknown area", body = ErrorBody),
    )
)]
#[get("/insights/responses")]
pub async fn response_figures(
    state: web::Data<AppState>,
    user: ApiUser,
    params: web::Query<FiguresParams>,
) -> Result<HttpResponse, ApiError> {
    let query = params.to_query()?;
    let viewer = user.0;
    let (policy, now) = (state.config.response, state.clock.now());
    let figures = state
        .run(move |db| insights::response_figures(db, &viewer, &query, policy, now))
        .await?;
    Ok(HttpResponse::Ok().json(ResponseFiguresObject::from(&figures)))
}
