//! `/api/v1` pipeline routes: statuses, status changes, following, the roadmap.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use serde::Deserialize;
use utoipa::ToSchema;

use super::ideas::detail_json;
use super::objects::{IdeaObject, Roadmap, StatusItems, Subscription};
use crate::domain::read::StatusView;
use crate::services::error::ServiceError;
use crate::services::pipeline;
use crate::services::statuses::{self, StatusInput};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// The new status (a slug) and a Markdown note that followers receive.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusBody {
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SubscriptionBody {
    subscribed: Option<bool>,
}

/// Every status, in board order.
#[utoipa::path(
    tag = "pipeline",
    responses((status = 200, description = "Every status in board order", body = StatusItems))
)]
#[get("/statuses")]
pub async fn list_statuses(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let statuses = state.run(pipeline::list_statuses).await?;
    Ok(HttpResponse::Ok().json(StatusItems { items: statuses }))
}

/// Move an idea to another status with a note; followers are emailed (product, admin).
#[utoipa::path(
    tag = "pipeline",
    params(("number" = i64, Path, description = "The idea's number")),
    request_body = StatusBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The idea in its new status; followers are emailed", body = IdeaObject),
        (status = 403, description = "Not product or admin", body = ErrorBody),
        (status = 404, description = "No such idea", body = ErrorBody),
        (status = 422, description = "Unknown or retired status, or note too long", body = ErrorBody),
    )
)]
#[put("/ideas/{number}/status")]
pub async fn change_status(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<StatusBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let body = body.into_inner();
    let actor = user.0;
    let base_url = state.config.base_url.to_string();
    let idea = state
        .run(move |db| {
            pipeline::change_status(db, &actor, number, &body.status, &body.note, &base_url)
        })
        .await?;
    state.wake_senders();
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &idea)))
}

/// Follow or unfollow an idea.
#[utoipa::path(
    tag = "pipeline",
    params(("number" = i64, Path, description = "The idea's number")),
    request_body = SubscriptionBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Whether the caller now follows the idea", body = Subscription),
        (status = 404, description = "No such idea", body = ErrorBody),
        (status = 422, description = "subscribed is missing", body = ErrorBody),
    )
)]
#[put("/ideas/{number}/subscription")]
pub async fn set_subscription(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<SubscriptionBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let follow = body.subscribed.ok_or_else(|| {
        ServiceError::Validation(crate::domain::validation::FieldErrors::single(
            "subscribed",
            "Send true or false.",
        ))
    })?;
    let actor = user.0;
    let subscribed = state
        .run(move |db| pipeline::set_following(db, &actor, number, follow))
        .await?;
    Ok(HttpResponse::Ok().json(Subscription { subscribed }))
}

/// The roadmap: its statuses with their most popular ideas.
#[utoipa::path(
    tag = "pipeline",
    responses((status = 200, description = "Roadmap columns with their most popular ideas", body = Roadmap))
)]
#[get("/roadmap")]
pub async fn roadmap(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let columns = state.run(pipeline::roadmap).await?;
    Ok(HttpResponse::Ok().json(Roadmap { columns }))
}

/// Create a status (admin).
#[utoipa::path(
    tag = "pipeline",
    request_body = StatusInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new status (admin)", body = StatusView),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "The slug is taken", body = ErrorBody),
        (status = 422, description = "A field is not valid", body = ErrorBody),
    )
)]
#[post("/statuses")]
pub async fn create_status(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<StatusInput>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let input = body.into_inner();
    let status = state
        .run(move |db| statuses::create(db, &actor, &input))
        .await?;
    Ok(HttpResponse::Created().json(status))
}

/// Change a status (admin).
#[utoipa::path(
    tag = "pipeline",
    params(("slug" = String, Path, description = "The status slug")),
    request_body = StatusInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed status (admin)", body = StatusView),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such status", body = ErrorBody),
        (status = 409, description = "The status new ideas start in cannot be retired (`status_required`)", body = ErrorBody),
        (status = 422, description = "A field is not valid", body = ErrorBody),
    )
)]
#[patch("/statuses/{slug}")]
pub async fn update_status(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
    body: web::Json<StatusInput>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let slug = slug.into_inner();
    let input = body.into_inner();
    let status = state
        .run(move |db| statuses::update(db, &actor, &slug, &input))
        .await?;
    Ok(HttpResponse::Ok().json(status))
}

/// Delete a status no idea uses (admin).
#[utoipa::path(
    tag = "pipeline",
    params(("slug" = String, Path, description = "The status slug")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted (admin)"),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such status", body = ErrorBody),
        (status = 409, description = "Ideas use it; retire it instead", body = ErrorBody),
    )
)]
#[delete("/statuses/{slug}")]
pub async fn delete_status(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let slug = slug.into_inner();
    state
        .run(move |db| statuses::delete(db, &actor, &slug))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
