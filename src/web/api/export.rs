//! `GET /api/v1/export/ideas` for product and admin tokens.

use actix_web::{HttpResponse, get, web};

use crate::error::ApiError;
use crate::services::export::{self, ExportParams};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

#[get("/export/ideas")]
pub async fn export_ideas(
    state: web::Data<AppState>,
    user: ApiUser,
    params: web::Query<ExportParams>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let params = params.into_inner();
    let request = state
        .run(move |conn| export::prepare(conn, Some(&actor), &params))
        .await?;
    Ok(crate::web::export::stream(&state, request))
}
