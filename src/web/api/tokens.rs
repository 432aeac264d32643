//! `/api/v1/tokens`: issue a token with email and password, list and revoke your tokens.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use serde::Deserialize;
use serde_json::json;

use crate::error::ApiError;
use crate::services::api_tokens;
use crate::services::rate_limits::{self, AuthAction};
use crate::web::extractors::{ApiUser, client_ip};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct NewTokenBody {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    name: String,
}

/// `POST /api/v1/tokens` — a log-in: same answer for an unknown email and a wrong password,
/// same rate limits as the log-in page. The token is in this response only.
#[post("/tokens")]
pub async fn create_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<NewTokenBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let ip = client_ip(&req);
    let limit = state.config.auth_rate_limit;
    let issued = state
        .run(move |conn| {
            rate_limits::check_auth(conn, AuthAction::LogIn, &ip, Some(&body.email), limit)?;
            api_tokens::create_with_password(conn, &body.email, &body.password, &body.name)
        })
        .await?;
    Ok(HttpResponse::Created().json(json!({
        "token": issued.secret,
        "id": issued.summary.id,
        "name": issued.summary.name,
        "created_at": crate::domain::clock::rfc3339(issued.summary.created_at),
    })))
}

/// `GET /api/v1/tokens` — your tokens (never their secrets).
#[get("/tokens")]
pub async fn list_tokens(
    state: web::Data<AppState>,
    user: ApiUser,
) -> Result<HttpResponse, ApiError> {
    let account = user.0;
    let tokens = state
        .run(move |conn| api_tokens::list(conn, &account))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "items": tokens })))
}

/// `DELETE /api/v1/tokens/{id}` — revokes one of your tokens.
#[delete("/tokens/{id}")]
pub async fn revoke_token(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let account = user.0;
    let id = id.into_inner();
    state
        .run(move |conn| api_tokens::revoke(conn, &account, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
