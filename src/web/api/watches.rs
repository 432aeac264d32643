//! `/api/v1/watches` (staff): the words and phrases you watch for in ideas and comments — list,
//! add (told at once or in the daily digest), stop watching.

use actix_web::{HttpResponse, delete, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::services::watches::{self, WatchView};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// A phrase you watch.
#[derive(Debug, Serialize, ToSchema)]
pub struct WatchObject {
    pub id: String,
    /// As typed, whitespace made single spaces.
    pub phrase: String,
    /// `instant` (an email at once) or `daily` (a line in the daily digest).
    pub delivery: String,
}

impl From<WatchView> for WatchObject {
    fn from(watch: WatchView) -> Self {
        WatchObject {
            id: watch.id,
            phrase: watch.phrase,
            delivery: watch.delivery.as_str().to_string(),
        }
    }
}

/// The phrases you watch.
#[derive(Debug, Serialize, ToSchema)]
pub struct WatchItems {
    pub items: Vec<WatchObject>,
}

/// A phrase to watch and how to be told.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewWatchBody {
    /// One to six words, at most 80 characters; matched in any case, on whole words, stemmed
    /// as the search stems (English and German).
    #[serde(default)]
    phrase: String,
    /// `instant` (the default) or `daily`.
    #[serde(default = "instant")]
    delivery: String,
}

fn instant() -> String {
    "instant".into()
}

/// The phrases you watch, alphabetically (staff).
#[utoipa::path(
    tag = "insights",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The phrases you watch", body = WatchItems),
        (status = 403, description = "Only staff watch phrases", body = ErrorBody),
    )
)]
#[get("/watches")]
pub async fn list_watches(
    state: web::Data<AppState>,
    user: ApiUser,
) -> Result<HttpResponse, ApiError> {
    let viewer = user.0;
    let watched = state.run(move |db| watches::list(db, &viewer)).await?;
    let items = watched.into_iter().map(WatchObject::from).collect();
    Ok(HttpResponse::Ok().json(WatchItems { items }))
}

/// Watch a word or phrase in every new or edited idea and comment (staff): each idea or comment
/// that has it tells you once, quoting the passage.
#[utoipa::path(
    tag = "insights",
    request_body = NewWatchBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Watched", body = WatchObject),
        (status = 409, description = "You watch this phrase already (`already_watched`)", body = ErrorBody),
    )
)]
#[post("/watches")]
pub async fn create_watch(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<NewWatchBody>,
) -> Result<HttpResponse, ApiError> {
    let viewer = user.0;
    let NewWatchBody { phrase, delivery } = body.into_inner();
    let watch = state
        .run(move |db| watches::create(db, &viewer, &phrase, &delivery))
        .await?;
    Ok(HttpResponse::Created().json(WatchObject::from(watch)))
}

/// Stop watching a phrase.
#[utoipa::path(
    tag = "insights",
    params(("id" = String, Path, description = "The watch's id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "No longer watched"),
    )
)]
#[delete("/watches/{id}")]
pub async fn delete_watch(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let viewer = user.0;
    let id = id.into_inner();
    state
        .run(move |db| watches::delete(db, &viewer, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
