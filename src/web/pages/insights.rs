//! `/insights/responses` and its CSV: the response-time figures for staff (members get 403).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, get, web};

use super::private_html;
use crate::services::areas;
use crate::services::insights::{self, ResponseFigures};
use crate::views::pages::insights::figures_page;
use crate::web::api::insights::FiguresParams;
use crate::web::error::AppError;
use crate::web::extractors::SignedIn;
use crate::web::state::AppState;

/// The figures `params` ask for, as `signed_in` may read them, with every area for the form.
async fn read(
    state: &AppState,
    signed_in: &SignedIn,
    params: &FiguresParams,
) -> Result<(ResponseFigures, Vec<crate::domain::read::Choice>), AppError> {
    let query = params.to_query()?;
    let viewer = signed_in.account.clone();
    let (policy, now) = (state.config.response, state.clock.now());
    Ok(state
        .run(move |db| {
            let figures = insights::response_figures(db, &viewer, &query, policy, now)?;
            Ok((figures, areas::choices(db)?))
        })
        .await?)
}

#[get("/insights/responses")]
pub async fn response_figures(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<FiguresParams>,
) -> Result<HttpResponse, AppError> {
    let (figures, area_choices) = read(&state, &signed_in, &params).await?;
    let page = figures_page(&signed_in.visitor.chrome(), &figures, &area_choices);
    Ok(private_html(StatusCode::OK, page))
}

/// One CSV line per group: the whole window, each area, each month.
fn csv_of(figures: &ResponseFigures) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "scope",
        "key",
        "submitted",
        "answered",
        "unanswered",
        "median_hours",
        "p90_hours",
        "within_target_share",
        "backlog",
    ])?;
    let row = |scope: &str,
               key: &str,
               f: &crate::domain::response_figures::Figures,
               backlog: Option<i64>| {
        vec![
            scope.to_string(),
            key.to_string(),
            f.submitted.to_string(),
            f.answered.to_string(),
            f.unanswered.to_string(),
            f.median_hours.map(|h| h.to_string()).unwrap_or_default(),
            f.p90_hours.map(|h| h.to_string()).unwrap_or_default(),
            f.within_target_share
                .map(|s| format!("{s:.4}"))
                .unwrap_or_default(),
            backlog.map(|b| b.to_string()).unwrap_or_default(),
        ]
    };
    let scope_key = figures.area.as_ref().map_or("all", |a| a.slug.as_str());
    out.write_record(row("total", scope_key, &figures.total, None))?;
    for area in &figures.areas {
        let key = area.area.as_ref().map_or("none", |a| a.slug.as_str());
        out.write_record(row("area", key, &area.figures, None))?;
    }
    for month in &figures.months {
        out.write_record(row(
            "month",
            &month.month,
            &month.figures,
            Some(month.backlog),
        ))?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[get("/insights/responses.csv")]
pub async fn response_figures_csv(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<FiguresParams>,
) -> Result<HttpResponse, AppError> {
    let (figures, _) = read(&state, &signed_in, &params).await?;
    let body = csv_of(&figures)
        .map_err(|e| AppError::from(crate::services::error::ServiceError::Internal(e.into())))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"response-times-{}.csv\"",
                figures.last_day
            ),
        ))
        .body(body))
}
