//! The language of a request (`i18n::negotiate` over its cookie and `Accept-Language`, and the
//! signed-in person's preference once known), and `GET /language/{tag}`: the footer's switcher,
//! which remembers the choice in a cookie and goes back to the page it was chosen on.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;

use super::error::AppError;
use super::state::AppState;
use crate::config::Config;
use crate::i18n::Lang;
use crate::i18n::negotiate::{Asked, choose};

/// The cookie holding a visitor's own choice of language.
pub const LANGUAGE_COOKIE: &str = "ideaboard_lang";

/// The request's language before anyone is known: the visitor's choice, else the browser's,
/// else the board's default; `preference` (a signed-in person's) beats them all.
pub fn of_request(req: &HttpRequest, config: &Config, preference: Option<&str>) -> Lang {
    let cookie = req.cookie(LANGUAGE_COOKIE);
    let accept_language = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    choose(
        Asked {
            preference,
            cookie: cookie.as_ref().map(Cookie::value),
            accept_language,
        },
        config.default_locale,
    )
}

#[derive(Debug, Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// Remembers the chosen language for a year and goes back (to a local path only); an unknown
/// language is 404.
#[get("/language/{tag}")]
pub async fn choose_language(
    state: web::Data<AppState>,
    tag: web::Path<String>,
    back: web::Query<Back>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&tag).ok_or_else(AppError::not_found)?;
    let cookie = Cookie::build(LANGUAGE_COOKIE, lang.tag())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.is_https())
        .max_age(CookieDuration::days(365))
        .finish();
    let to = super::pages::safe_return_path(back.back.as_deref(), "/");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(cookie)
        .finish())
}
