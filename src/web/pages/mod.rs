//! HTML page handlers: parse input, call one service, render a page or redirect.

pub mod account;
pub mod admin;
pub mod auth;
pub mod home;
pub mod reset;

use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use maud::Markup;

/// A rendered page with a status.
pub fn html(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

/// A page that must not be stored by browsers or proxies (it shows account details or secrets).
pub fn private_html(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(markup.into_string())
}

/// The answer to a successful POST: 303 to `location`.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}
