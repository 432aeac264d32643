//! `/api/v1` pipeline routes: statuses, status changes, following, the roadmap.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use serde::Deserialize;
use serde_json::json;

use super::ideas::detail_json;
use crate::error::{ApiError, AppError};
use crate::services::pipeline;
use crate::services::statuses::{self, StatusInput};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct StatusBody {
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
pub struct SubscriptionBody {
    subscribed: Option<bool>,
}

#[get("/statuses")]
pub async fn list_statuses(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let statuses = state.run(pipeline::list_statuses).await?;
    Ok(HttpResponse::Ok().json(json!({ "items": statuses })))
}

/// `PUT /api/v1/ideas/{number}/status` {"status": slug, "note": text} (product, admin) → idea.
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
        .run(move |conn| {
            pipeline::change_status(conn, &actor, number, &body.status, &body.note, &base_url)
        })
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &idea)))
}

/// `PUT /api/v1/ideas/{number}/subscription` {"subscribed": bool}.
#[put("/ideas/{number}/subscription")]
pub async fn set_subscription(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<SubscriptionBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let follow = body.subscribed.ok_or_else(|| {
        AppError::Validation(crate::domain::validation::FieldErrors::single(
            "subscribed",
            "Send true or false.",
        ))
    })?;
    let actor = user.0;
    let subscribed = state
        .run(move |conn| pipeline::set_following(conn, &actor, number, follow))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "subscribed": subscribed })))
}

#[get("/roadmap")]
pub async fn roadmap(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let columns = state.run(pipeline::roadmap).await?;
    Ok(HttpResponse::Ok().json(json!({ "columns": columns })))
}

/// `POST /api/v1/statuses` (admin) → 201 status.
#[post("/statuses")]
pub async fn create_status(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<StatusInput>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let input = body.into_inner();
    let status = state
        .run(move |conn| statuses::create(conn, &actor, &input))
        .await?;
    Ok(HttpResponse::Created().json(status))
}

/// `PATCH /api/v1/statuses/{slug}` (admin) → status.
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
        .run(move |conn| statuses::update(conn, &actor, &slug, &input))
        .await?;
    Ok(HttpResponse::Ok().json(status))
}

/// `DELETE /api/v1/statuses/{slug}` (admin): only a status nothing uses.
#[delete("/statuses/{slug}")]
pub async fn delete_status(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let slug = slug.into_inner();
    state
        .run(move |conn| statuses::delete(conn, &actor, &slug))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
