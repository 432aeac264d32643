//! `/feeds/*.atom`: Atom feeds of new ideas, status changes and tags (and `/storms/{slug}/feed.atom`
//! of a storm session's ideas), in the board's language or
//! the one `?lang=` names (a feed's address gives every subscriber the same words).

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;

use super::state::AppState;
use crate::domain::validation::Text;
use crate::i18n::Lang;
use crate::services::error::ServiceError;
use crate::services::feeds;
use crate::web::error::AppError;
use crate::web::page_cache::{PageKey, kept_or_read};

const ATOM: &str = "application/atom+xml; charset=utf-8";

fn atom(xml: String) -> HttpResponse {
    HttpResponse::Ok().content_type(ATOM).body(xml)
}

#[derive(Debug, Deserialize)]
pub struct FeedQuery {
    lang: Option<String>,
}

impl FeedQuery {
    /// The language asked for, else the board's; a language the board does not speak is refused.
    fn language(&self) -> Result<Lang, AppError> {
        let Some(tag) = self.lang.as_deref().filter(|tag| !tag.is_empty()) else {
            return Ok(Lang::board_default());
        };
        Lang::parse(tag).ok_or_else(|| {
            let spoken: Vec<String> = Lang::all().into_iter().map(Lang::tag).collect();
            ServiceError::BadRequest(
                Text::new("refused-feed-language")
                    .with("tag", tag)
                    .with("spoken", spoken.join(", "))
                    .into(),
            )
            .into()
        })
    }
}

/// A feed kept in the page cache under its path and language (feeds are the same for everyone).
fn kept_feed(req: &HttpRequest, lang: Lang) -> PageKey {
    PageKey {
        address: format!("{}?lang={}", req.path(), lang.tag()),
        search: false,
    }
}

#[get("/feeds/ideas.atom")]
pub async fn ideas_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = query.language()?;
    let base = state.config.base_url.to_string();
    if !state.pages.enabled() {
        return Ok(atom(
            state
                .run(move |db| feeds::newest_ideas(db, &base, lang))
                .await?,
        ));
    }
    let read = move |db: &mut _| feeds::newest_ideas(db, &base, lang);
    kept_or_read(&req, &state, kept_feed(&req, lang), ATOM, read, |xml| xml).await
}

#[get("/feeds/status.atom")]
pub async fn status_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = query.language()?;
    let base = state.config.base_url.to_string();
    if !state.pages.enabled() {
        return Ok(atom(
            state
                .run(move |db| feeds::status_changes(db, &base, lang))
                .await?,
        ));
    }
    let read = move |db: &mut _| feeds::status_changes(db, &base, lang);
    kept_or_read(&req, &state, kept_feed(&req, lang), ATOM, read, |xml| xml).await
}

#[get("/storms/{slug}/feed.atom")]
pub async fn storm_feed(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = query.language()?;
    let (slug, base) = (slug.into_inner(), state.config.base_url.to_string());
    Ok(atom(
        state
            .run(move |db| feeds::storm_ideas(db, &base, &slug, lang))
            .await?,
    ))
}

#[get("/changelog/feed.atom")]
pub async fn changelog_feed(
    state: web::Data<AppState>,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = query.language()?;
    let base = state.config.base_url.to_string();
    Ok(atom(
        state
            .run(move |db| feeds::release_notes(db, &base, lang))
            .await?,
    ))
}

#[get("/feeds/tags/{file}")]
pub async fn tag_feed(
    state: web::Data<AppState>,
    file: web::Path<String>,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = query.language()?;
    let slug = file
        .into_inner()
        .strip_suffix(".atom")
        .ok_or(ServiceError::NotFound)?
        .to_string();
    let base = state.config.base_url.to_string();
    Ok(atom(
        state
            .run(move |db| feeds::tag_ideas(db, &base, &slug, lang))
            .await?,
    ))
}
