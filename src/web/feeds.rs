//! `/feeds/*.atom`: Atom feeds of new ideas, status changes and tags.

use actix_web::{HttpResponse, get, web};

use super::state::AppState;
use crate::error::AppError;
use crate::services::feeds;

fn atom(xml: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(xml)
}

#[get("/feeds/ideas.atom")]
pub async fn ideas_feed(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let base = state.config.base_url.to_string();
    Ok(atom(
        state
            .run(move |conn| feeds::newest_ideas(conn, &base))
            .await?,
    ))
}

#[get("/feeds/status.atom")]
pub async fn status_feed(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let base = state.config.base_url.to_string();
    Ok(atom(
        state
            .run(move |conn| feeds::status_changes(conn, &base))
            .await?,
    ))
}

#[get("/feeds/tags/{file}")]
pub async fn tag_feed(
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = file
        .into_inner()
        .strip_suffix(".atom")
        .ok_or(AppError::NotFound)?
        .to_string();
    let base = state.config.base_url.to_string();
    Ok(atom(
        state
            .run(move |conn| feeds::tag_ideas(conn, &base, &slug))
            .await?,
    ))
}
