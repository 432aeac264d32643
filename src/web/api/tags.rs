//! Tag routes of `/api/v1`: list, create, rename or recolour, delete (moderators).

use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::ToSchema;

use super::objects::TagItems;
use crate::domain::read::TagRef;
use crate::services::tags;
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// A tag's name, `#rrggbb` colour and names per language; on a change, absent fields stay.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TagBody {
    name: Option<String>,
    color: Option<String>,
    /// Names by language tag (`{"de": "Akku"}`), each at most 40 characters; on a change only
    /// the languages sent change, and an empty name takes a language's own name away.
    names: Option<std::collections::BTreeMap<String, String>>,
}

/// Every tag.
#[utoipa::path(
    tag = "moderation",
    responses((status = 200, description = "Every tag", body = TagItems))
)]
#[get("/tags")]
pub async fn list_tags(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let tags = state.run(tags::list_tags).await?;
    Ok(HttpResponse::Ok().json(TagItems { items: tags }))
}

/// Create a tag (moderators).
#[utoipa::path(
    tag = "moderation",
    request_body = TagBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new tag (moderator)", body = TagRef),
        (status = 403, description = "Not a moderator", body = ErrorBody),
        (status = 409, description = "A tag with that slug exists", body = ErrorBody),
        (status = 422, description = "A field is not valid", body = ErrorBody),
    )
)]
#[post("/tags")]
pub async fn create_tag(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<TagBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = user.0;
    let tag = state
        .run(move |db| {
            tags::create_tag(
                db,
                &actor,
                body.name.as_deref().unwrap_or(""),
                body.color.as_deref(),
                body.names.as_ref(),
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(tag))
}

/// Rename or recolour a tag (moderators).
#[utoipa::path(
    tag = "moderation",
    params(("slug" = String, Path, description = "The tag slug")),
    request_body = TagBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed tag (moderator)", body = TagRef),
        (status = 403, description = "Not a moderator", body = ErrorBody),
        (status = 404, description = "No such tag", body = ErrorBody),
        (status = 422, description = "A field is not valid", body = ErrorBody),
    )
)]
#[patch("/tags/{slug}")]
pub async fn update_tag(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
    body: web::Json<TagBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = user.0;
    let slug = slug.into_inner();
    let tag = state
        .run(move |db| {
            tags::update_tag(
                db,
                &actor,
                &slug,
                body.name.as_deref(),
                body.color.as_deref(),
                body.names.as_ref(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(tag))
}

/// Delete a tag and take it off every idea (moderators).
#[utoipa::path(
    tag = "moderation",
    params(("slug" = String, Path, description = "The tag slug")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted and taken off every idea (moderator)"),
        (status = 403, description = "Not a moderator", body = ErrorBody),
        (status = 404, description = "No such tag", body = ErrorBody),
    )
)]
#[delete("/tags/{slug}")]
pub async fn delete_tag(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let slug = slug.into_inner();
    state
        .run(move |db| tags::delete_tag(db, &actor, &slug))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
