//! The language of a request (`i18n::negotiate` over its cookie and `Accept-Language`, and the
//! signed-in person's preference once known), and `GET /language/{tag}`: the footer's switcher,
//! which remembers the choice in a cookie and goes back to the page it was chosen on.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::header;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, get, web};
use serde::Deserialize;

use super::error::AppError;
use super::state::AppState;
use crate::config::Config;
use crate::i18n::Lang;
use crate::i18n::negotiate::{Asked, choose};

/// The cookie holding a visitor's own choice of language.
pub const LANGUAGE_COOKIE: &str = "ideaboard_lang";

/// The request's language: `preference` (a signed-in person's) beats the visitor's choice, which
/// beats the browser's, which beats the board's default. Decided with a person's preference, it
/// is kept with the request for its error page.
pub fn of_request(req: &HttpRequest, config: &Config, preference: Option<&str>) -> Lang {
    let lang = Requested::of(req, config).with_preference(preference);
    if preference.is_some() {
        req.extensions_mut().insert(DecidedForPerson(lang));
    }
    lang
}

/// The language a request's page was decided in for its signed-in person.
#[derive(Debug, Clone, Copy)]
struct DecidedForPerson(Lang);

/// The language of a request's error page: the one decided for its signed-in person, if the
/// request got that far, else what its cookie and browser ask for.
pub fn for_error_page(req: &HttpRequest, config: &Config) -> Lang {
    if let Some(DecidedForPerson(lang)) = req.extensions().get::<DecidedForPerson>() {
        return *lang;
    }
    of_request(req, config, None)
}

/// What a request says about its language, kept apart from the request so it can be decided
/// where the signed-in person becomes known (on the blocking pool).
#[derive(Debug, Clone)]
pub struct Requested {
    cookie: Option<String>,
    accept_language: Option<String>,
    default: Lang,
}

impl Requested {
    pub fn of(req: &HttpRequest, config: &Config) -> Self {
        Requested {
            cookie: req.cookie(LANGUAGE_COOKIE).map(|c| c.value().to_string()),
            accept_language: req
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string),
            default: config.default_locale,
        }
    }

    /// The language once the signed-in person's `preference` (if any) is known.
    pub fn with_preference(&self, preference: Option<&str>) -> Lang {
        choose(
            Asked {
                preference,
                cookie: self.cookie.as_deref(),
                accept_language: self.accept_language.as_deref(),
            },
            self.default,
        )
    }
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
