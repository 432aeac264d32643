//! `/api`: a readable list of the JSON API's routes, from the OpenAPI document.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get};

use super::html;
use crate::views::pages::api_docs as views;
use crate::web::api::openapi;
use crate::web::extractors::Visitor;

#[get("/api")]
pub async fn show_api(visitor: Visitor) -> HttpResponse {
    let document = openapi::served_document("/");
    html(
        StatusCode::OK,
        views::api_page(&visitor.chrome(), &openapi::operations(&document)),
    )
}
