//! The front page handler.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get};

use super::html;
use crate::web::extractors::Visitor;

#[get("/")]
pub async fn show_home(visitor: Visitor) -> HttpResponse {
    html(
        StatusCode::OK,
        crate::views::pages::home::home(&visitor.chrome()),
    )
}
