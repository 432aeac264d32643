//! Serves the embedded assets under their hashed names, cached for a year.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};

use crate::services::error::ServiceError;
use crate::web::error::AppError;

/// `GET /assets/{hashed name}`: immutable, so browsers never ask twice.
#[get("/assets/{name}")]
pub async fn serve_asset(name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let asset = crate::assets::by_hashed_name(&name).ok_or(ServiceError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(asset.bytes))
}
