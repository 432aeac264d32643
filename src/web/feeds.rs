//! `/feeds/*.atom`: Atom feeds of new ideas, status changes and tags.

use actix_web::{HttpRequest, HttpResponse, get, web};

use super::state::AppState;
use crate::services::error::ServiceError;
use crate::services::feeds;
use crate::web::error::AppError;
use crate::web::page_cache::{PageKey, kept_or_read};

const ATOM: &str = "application/atom+xml; charset=utf-8";

fn atom(xml: String) -> HttpResponse {
    HttpResponse::Ok().content_type(ATOM).body(xml)
}

/// A feed kept in the page cache under its path (feeds are the same for everyone).
fn kept_feed(req: &HttpRequest) -> PageKey {
    PageKey {
        address: req.path().to_string(),
        search: false,
    }
}

#[get("/feeds/ideas.atom")]
pub async fn ideas_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let base = state.config.base_url.to_string();
    if !state.pages.enabled() {
        return Ok(atom(
            state.run(move |db| feeds::newest_ideas(db, &base)).await?,
        ));
    }
    let read = move |db: &mut _| feeds::newest_ideas(db, &base);
    kept_or_read(&req, &state, kept_feed(&req), ATOM, read, |xml| xml).await
}

#[get("/feeds/status.atom")]
pub async fn status_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let base = state.config.base_url.to_string();
    if !state.pages.enabled() {
        return Ok(atom(
            state
                .run(move |db| feeds::status_changes(db, &base))
                .await?,
        ));
    }
    let read = move |db: &mut _| feeds::status_changes(db, &base);
    kept_or_read(&req, &state, kept_feed(&req), ATOM, read, |xml| xml).await
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
