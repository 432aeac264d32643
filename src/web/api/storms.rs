//! Storm session routes of `/api/v1`: list, read, create and change sessions (product staff and
//! admins), and a session's ideas with the board's sorts and filters.

use actix_web::{HttpResponse, get, patch, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::objects::IdeaPage;
use crate::config::Config;
use crate::domain::clock;
use crate::domain::storms::{StormFields, StormState};
use crate::services::board;
use crate::services::storms::{self, StormInput, StormPatch, StormView};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::{ApiUser, MaybeApiUser};
use crate::web::pages::board::BoardParams;
use crate::web::state::AppState;

/// A storm session.
#[derive(Debug, Serialize, ToSchema)]
pub struct StormObject {
    pub slug: String,
    pub title: String,
    /// Markdown source.
    pub question: String,
    /// Sanitised HTML rendered from `question`.
    pub question_html: String,
    /// The product area's slug, or null.
    pub area: Option<String>,
    /// RFC 3339, UTC.
    pub starts_at: String,
    /// RFC 3339, UTC.
    pub ends_at: String,
    /// Whether its ideas take votes after it closed.
    pub votes_after_close: bool,
    /// `draft`, `scheduled`, `open` or `closed`, as the clock stands.
    pub state: StormState,
    /// The closing summary (Markdown) and its HTML, once written.
    pub summary: Option<String>,
    pub summary_html: Option<String>,
    /// When the summary was first published and mailed to the participants (RFC 3339), or null.
    pub summary_published_at: Option<String>,
    /// Its live ideas.
    pub idea_count: i64,
    pub url: String,
}

impl StormObject {
    fn of(config: &Config, storm: StormView) -> Self {
        StormObject {
            url: config.absolute_url(&format!("/storms/{}", storm.slug)),
            slug: storm.slug,
            title: storm.title,
            question: storm.question,
            question_html: storm.question_html,
            area: storm.area.map(|a| a.slug),
            starts_at: clock::rfc3339(storm.starts_at),
            ends_at: clock::rfc3339(storm.ends_at),
            votes_after_close: storm.votes_after_close,
            state: storm.state,
            summary: storm.summary,
            summary_html: storm.summary_html,
            summary_published_at: storm.summary_published_at.map(clock::rfc3339),
            idea_count: storm.ideas,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StormItems {
    /// Open sessions first (soonest end first), then upcoming, then closed (latest first), then
    /// drafts (staff only).
    pub items: Vec<StormObject>,
}

/// A new session. Every field is checked by the service (after the permission), so a member
/// gets 403 whatever they send.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewStormBody {
    #[serde(default)]
    title: String,
    /// `a-z`, `0-9` and inner hyphens, at most 60: the session's address `/storms/{slug}`.
    #[serde(default)]
    slug: String,
    /// Markdown.
    #[serde(default)]
    question: String,
    /// RFC 3339.
    #[serde(default)]
    starts_at: String,
    /// RFC 3339, after `starts_at`.
    #[serde(default)]
    ends_at: String,
    /// A product area's slug.
    area: Option<String>,
    /// Whether its ideas take votes after it closed (default false).
    votes_after_close: Option<bool>,
    /// Publish at once (default false: a draft).
    published: Option<bool>,
}

/// What to change; absent fields stay. `published: true` publishes a draft; `summary` on a
/// closed session publishes the summary and mails every participant (once).
#[derive(Debug, Deserialize, ToSchema)]
pub struct StormPatchBody {
    title: Option<String>,
    question: Option<String>,
    starts_at: Option<String>,
    ends_at: Option<String>,
    #[serde(default, deserialize_with = "super::areas::present")]
    #[schema(value_type = Option<String>)]
    area: Option<Option<String>>,
    votes_after_close: Option<bool>,
    published: Option<bool>,
    summary: Option<String>,
}

/// Every storm session the caller may see.
#[utoipa::path(
    tag = "storms",
    security((), ("bearer" = [])),
    responses((status = 200, description = "The sessions", body = StormItems))
)]
#[get("/storms")]
pub async fn list_storms(
    state: web::Data<AppState>,
    user: MaybeApiUser,
) -> Result<HttpResponse, ApiError> {
    let (viewer, now) = (user.0, state.clock.now());
    let items = state
        .run(move |db| storms::list(db, viewer.as_ref(), now))
        .await?;
    let items = items
        .into_iter()
        .map(|s| StormObject::of(&state.config, s))
        .collect();
    Ok(HttpResponse::Ok().json(StormItems { items }))
}

/// One storm session (a draft only for product staff and admins).
#[utoipa::path(
    tag = "storms",
    params(("slug" = String, Path, description = "The session's slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The session", body = StormObject),
        (status = 404, description = "No such session", body = ErrorBody),
    )
)]
#[get("/storms/{slug}")]
pub async fn get_storm(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (viewer, now, slug) = (user.0, state.clock.now(), slug.into_inner());
    let storm = state
        .run(move |db| storms::get(db, viewer.as_ref(), &slug, now))
        .await?;
    Ok(HttpResponse::Ok().json(StormObject::of(&state.config, storm)))
}

/// Create a storm session (product staff and admins).
#[utoipa::path(
    tag = "storms",
    request_body = NewStormBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new session", body = StormObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not product staff or an admin", body = ErrorBody),
        (status = 409, description = "A session has that slug (`storm_exists`)", body = ErrorBody),
        (status = 422, description = "A field is not valid (an end before the start, an unknown area …)", body = ErrorBody),
    )
)]
#[post("/storms")]
pub async fn create_storm(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<NewStormBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = StormInput {
        fields: StormFields {
            title: body.title,
            slug: body.slug,
            question: body.question,
            starts_at: body.starts_at,
            ends_at: body.ends_at,
        },
        area: body.area,
        votes_after_close: body.votes_after_close.unwrap_or(false),
        published: body.published.unwrap_or(false),
    };
    let (actor, now) = (user.0, state.clock.now());
    let storm = state
        .run(move |db| storms::create(db, &actor, &input, now))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/storms/{}", storm.slug)))
        .json(StormObject::of(&state.config, storm)))
}

/// Change, publish or sum up a storm session (product staff and admins).
#[utoipa::path(
    tag = "storms",
    params(("slug" = String, Path, description = "The session's slug")),
    request_body = StormPatchBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The session as changed", body = StormObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not product staff or an admin", body = ErrorBody),
        (status = 404, description = "No such session", body = ErrorBody),
        (status = 409, description = "A summary for a session that has not closed (`storm_not_closed`)", body = ErrorBody),
        (status = 422, description = "A field is not valid", body = ErrorBody),
    )
)]
#[patch("/storms/{slug}")]
pub async fn update_storm(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
    body: web::Json<StormPatchBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let patch = StormPatch {
        title: body.title,
        question: body.question,
        starts_at: body.starts_at,
        ends_at: body.ends_at,
        area: body.area,
        votes_after_close: body.votes_after_close,
        published: body.published,
        summary: body.summary,
    };
    let (actor, now, slug) = (user.0, state.clock.now(), slug.into_inner());
    let base_url = state.config.base_url.to_string();
    let storm = state
        .run(move |db| storms::update(db, &actor, &slug, &patch, now, &base_url))
        .await?;
    Ok(HttpResponse::Ok().json(StormObject::of(&state.config, storm)))
}

/// A storm session's ideas: sorted, filtered, searched and paged as the board is.
#[utoipa::path(
    tag = "storms",
    params(("slug" = String, Path, description = "The session's slug"), BoardParams),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "One page of the session's ideas", body = IdeaPage),
        (status = 404, description = "No such session", body = ErrorBody),
        (status = 422, description = "A parameter out of range", body = ErrorBody),
    )
)]
#[get("/storms/{slug}/ideas")]
pub async fn storm_ideas(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    slug: web::Path<String>,
    params: web::Query<BoardParams>,
) -> Result<HttpResponse, ApiError> {
    let (slug, viewer) = (slug.into_inner(), user.0);
    let (named, asking) = (slug.clone(), viewer.clone());
    state
        .run(move |db| storms::require_visible(db, asking.as_ref(), &named))
        .await?;
    let query = board::ListQuery {
        past_last_page: crate::domain::read::PastLastPage::Refuse,
        storm: Some(slug),
        ..params.to_query()?
    };
    super::ideas::idea_page(&state, viewer, query).await
}
