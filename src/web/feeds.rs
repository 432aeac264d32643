//! `/feeds/*.atom`: Atom feeds of new ideas, status changes and tags.

use actix_web::{HttpResponse, get, web};

use super::state::AppState;
use crate::services::error::ServiceError;
use crate::services::feeds;
use crate::web::error::AppError;

fn atom(xml: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(xml)
}

#[get("/feeds/ideas.atom")]
pub async fn ideas_feed(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let base = state.config.base_url.to_string();
    Ok(atom(
        state.run(move |db| feeds::newest_ideas(db, &base)).await?,
    ))
}

#[get("/feeds/status.atom")]
pub async fn status_feed(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let base = state.config.base_url.to_string();
    Ok(atom(
        state
            .run(move |db| feeds::status_changes(db, &base))
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
        .ok_or(ServiceError::NotFound)?
        .to_string();
    let base = state.config.base_url.to_string();
    Ok(atom(
        state
            .run(move |db| feeds::tag_ideas(db, &base, &slug))
            .await?,
    ))
}
