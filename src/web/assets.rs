//! Serves the embedded assets under their hashed names, cached for a year, and `/theme.css`,
//! the colours set on the board (kept like a page, revalidated by its entity tag).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::services::error::ServiceError;
use crate::services::theme;
use crate::views::theme::stylesheet;
use crate::web::error::AppError;
use crate::web::page_cache::{PageKey, kept_or_read};
use crate::web::state::AppState;

const CSS: &str = "text/css; charset=utf-8";

/// `GET /assets/{hashed name}`: immutable, so browsers never ask twice.
#[get("/assets/{name}")]
pub async fn serve_asset(name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let asset = crate::assets::by_hashed_name(&name).ok_or(ServiceError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(asset.bytes))
}

/// `GET /favicon.ico`, which browsers and feed readers ask for whatever the page names: the
/// site's icon (an SVG), cached for a day.
#[get("/favicon.ico")]
pub async fn favicon() -> Result<HttpResponse, AppError> {
    let asset = crate::assets::ASSETS
        .iter()
        .find(|asset| asset.name == "favicon.svg")
        .ok_or(ServiceError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(asset.bytes))
}

/// `GET /theme.css`: a rule per status and tag colour, with text that reads on it.
#[get("/theme.css")]
pub async fn theme_css(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let render = |(statuses, tags): theme::Colours| stylesheet(&statuses, &tags);
    if !state.pages.enabled() {
        let colours = state.run(theme::colours).await?;
        return Ok(HttpResponse::Ok()
            .content_type(CSS)
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .body(render(colours)));
    }
    let key = PageKey {
        address: "/theme.css".to_string(),
        search: false,
    };
    kept_or_read(&req, &state, key, CSS, theme::colours, render).await
}
