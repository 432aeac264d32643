//! `GET /api/v1/export/ideas` for product and admin tokens.

use actix_web::{HttpResponse, get, web};

use crate::services::export::{self, ExportParams, ExportedIdea};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// Export the ranked ideas as CSV or JSON, streamed as a dated attachment (product, admin).
#[utoipa::path(
    tag = "export",
    params(ExportParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ideas, in rank order", content(
            (String = "text/csv"),
            (Vec<ExportedIdea> = "application/json"),
        )),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not product or admin", body = ErrorBody),
        (status = 422, description = "A filter is not valid", body = ErrorBody),
    )
)]
#[get("/export/ideas")]
pub async fn export_ideas(
    state: web::Data<AppState>,
    user: ApiUser,
    params: web::Query<ExportParams>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let params = params.into_inner();
    let request = state
        .run(move |db| export::prepare(db, Some(&actor), &params))
        .await?;
    Ok(crate::web::export::stream(&state, request))
}
