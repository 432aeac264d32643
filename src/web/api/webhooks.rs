//! `/api/v1/webhooks` (administrators): register an endpoint (its secret in the answer, this
//! once), list them with their recent deliveries, remove one, send a test, resume a paused one.
//! What each delivery carries is the `WebhookPayload` component of the OpenAPI document.

use actix_web::{HttpResponse, delete, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::clock;
use crate::domain::webhooks::{WebhookEvent, WebhookFormat};
use crate::services::error::ServiceError;
use crate::services::webhooks::{self, DeliveryView, EndpointView};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// One delivery as the log keeps it (its latest try).
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryObject {
    /// The `X-Ideaboard-Delivery` of every try.
    pub id: String,
    pub event: String,
    /// `queued`, `sending`, `delivered` or `failed`.
    pub state: String,
    pub attempts: i64,
    /// The receiver's HTTP status of the latest try, or null (no answer).
    pub status_code: Option<i32>,
    pub duration_ms: Option<i64>,
    pub error: Option<String>,
    /// RFC 3339.
    pub created_at: String,
}

/// A webhook endpoint (never its secret, except in the answer that registered it).
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookObject {
    pub id: String,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub format: WebhookFormat,
    /// RFC 3339.
    pub created_at: String,
    /// Since when its deliveries fail without a success (RFC 3339), or null.
    pub failing_since: Option<String>,
    /// When it was paused after failing for a day (RFC 3339), or null.
    pub paused_at: Option<String>,
    /// Its latest deliveries, newest first (at most ten).
    pub recent_deliveries: Vec<DeliveryObject>,
    /// The signing secret: only in the answer to `POST /webhooks`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

impl WebhookObject {
    fn of(endpoint: EndpointView, secret: Option<String>) -> Self {
        WebhookObject {
            id: endpoint.id.into_string(),
            url: endpoint.url,
            events: endpoint.events,
            format: endpoint.format,
            created_at: clock::rfc3339(endpoint.created_at),
            failing_since: endpoint.failing_since.map(clock::rfc3339),
            paused_at: endpoint.paused_at.map(clock::rfc3339),
            recent_deliveries: endpoint.recent.into_iter().map(delivery_object).collect(),
            secret,
        }
    }
}

fn delivery_object(delivery: DeliveryView) -> DeliveryObject {
    DeliveryObject {
        id: delivery.id,
        event: delivery.event,
        state: delivery.state,
        attempts: delivery.attempts,
        status_code: delivery.status,
        duration_ms: delivery.duration_ms,
        error: delivery.error,
        created_at: clock::rfc3339(delivery.created_at),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookItems {
    pub items: Vec<WebhookObject>,
}

/// A new endpoint. Every field is checked after the permission, so a member gets 403 whatever
/// they send.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewWebhookBody {
    /// `http` or `https`; loopback, private and link-local addresses are refused unless the
    /// server runs with `WEBHOOKS_ALLOW_PRIVATE=on`.
    #[serde(default)]
    url: String,
    /// One or more of `idea.created`, `idea.status_changed`, `idea.merged`, `comment.created`,
    /// `idea.threshold_reached`.
    #[schema(value_type = Vec<String>)]
    events: Option<serde_json::Value>,
    /// `json` (the default: the `WebhookPayload` object) or `slack` (`{"text": …}`).
    format: Option<String>,
}

/// The event names sent, or a refusal at `events` when it is not a list of names.
fn event_names(events: Option<serde_json::Value>) -> Result<Vec<String>, ServiceError> {
    let refused = || {
        ServiceError::Validation(crate::domain::validation::FieldErrors::single(
            "events",
            crate::domain::validation::Text::new("refused-webhook-no-events"),
        ))
    };
    match events {
        None => Ok(Vec::new()),
        Some(serde_json::Value::Array(names)) => names
            .into_iter()
            .map(|name| match name {
                serde_json::Value::String(name) => Ok(name),
                _ => Err(refused()),
            })
            .collect(),
        Some(_) => Err(refused()),
    }
}

/// Register a webhook endpoint (administrators). The answer holds its signing secret, shown
/// this once. Every delivery is a POST with `X-Ideaboard-Event`, `X-Ideaboard-Delivery` (the same
/// on every retry), `X-Ideaboard-Timestamp` (Unix seconds) and `X-Ideaboard-Signature:
/// sha256=<hex HMAC-SHA256 under the secret of "<timestamp>.<raw body>">`.
#[utoipa::path(
    tag = "webhooks",
    request_body = NewWebhookBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered; `secret` is shown this once", body = WebhookObject),
        (status = 403, description = "Only administrators manage webhooks", body = ErrorBody),
        (status = 409, description = "The URL is registered already (`webhook_exists`)", body = ErrorBody),
        (status = 422, description = "A URL that is not http(s) or not public, an unknown event or format", body = ErrorBody),
    )
)]
#[post("/webhooks")]
pub async fn create_webhook(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<NewWebhookBody>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    webhooks::may_manage(&actor)?;
    let NewWebhookBody {
        url,
        events,
        format,
    } = body.into_inner();
    let events = event_names(events)?;
    let (checked, refused) =
        crate::web::webhook_fields::checked(&state, &url, &events, format.as_deref()).await;
    let registered = state
        .run(move |db| webhooks::register(db, &actor, checked, refused))
        .await?;
    let object = WebhookObject::of(registered.endpoint, Some(registered.secret));
    Ok(HttpResponse::Created().json(object))
}

/// Every webhook endpoint with its recent deliveries (administrators).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The endpoints", body = WebhookItems),
        (status = 403, description = "Only administrators manage webhooks", body = ErrorBody),
    )
)]
#[get("/webhooks")]
pub async fn list_webhooks(
    state: web::Data<AppState>,
    user: ApiUser,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let endpoints = state.run(move |db| webhooks::list(db, &actor)).await?;
    let items = endpoints
        .into_iter()
        .map(|endpoint| WebhookObject::of(endpoint, None))
        .collect();
    Ok(HttpResponse::Ok().json(WebhookItems { items }))
}

/// Remove a webhook endpoint and its log (administrators).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "The endpoint's id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed"))
)]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id) = (user.0, id.into_inner());
    state
        .run(move |db| webhooks::delete(db, &actor, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Queue a `webhook.test` delivery to the endpoint (administrators).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "The endpoint's id")),
    security(("bearer" = [])),
    responses((status = 202, description = "Queued; its outcome shows in the endpoint's deliveries"))
)]
#[post("/webhooks/{id}/test")]
pub async fn test_webhook(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id) = (user.0, id.into_inner());
    let base_url = state.config.base_url.to_string();
    state
        .run(move |db| webhooks::send_test(db, &actor, &id, &base_url))
        .await?;
    state.wake_senders();
    Ok(HttpResponse::Accepted().finish())
}

/// Resume a paused endpoint: the deliveries that waited are sent (administrators).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "The endpoint's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Resumed", body = WebhookObject),
        (status = 409, description = "It is not paused (`not_paused`)", body = ErrorBody),
    )
)]
#[post("/webhooks/{id}/resume")]
pub async fn resume_webhook(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id) = (user.0, id.into_inner());
    let endpoint = state
        .run(move |db| {
            webhooks::resume(db, &actor, &id)?;
            webhooks::view(db, &actor, &id)
        })
        .await?;
    state.wake_senders();
    Ok(HttpResponse::Ok().json(WebhookObject::of(endpoint, None)))
}
