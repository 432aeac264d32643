//! `/api/v1/tokens`: issue a token with email and password, list and revoke your tokens.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use serde::Deserialize;
use utoipa::ToSchema;

use super::objects::{IssuedTokenObject, TokenItems};
use crate::web::error::ErrorBody;

use crate::services::api_tokens;
use crate::web::error::ApiError;
use crate::web::extractors::{ApiUser, attempt_of, wait_out_failures};
use crate::web::state::AppState;

/// Credentials, and a name to recognise the token by.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewTokenBody {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    name: String,
}

/// Get an API token with your email and password; the secret is shown only in this answer.
#[utoipa::path(
    tag = "accounts",
    request_body = NewTokenBody,
    responses(
        (status = 201, description = "The token; its secret is shown only here", body = IssuedTokenObject),
        (status = 401, description = "Email and password do not match", body = ErrorBody),
        (status = 403, description = "Password log-in is off: make tokens on the account page", body = ErrorBody),
        (status = 429, description = "Too many attempts", body = ErrorBody),
    )
)]
#[post("/tokens")]
pub async fn create_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<NewTokenBody>,
) -> Result<HttpResponse, ApiError> {
    crate::services::sign_in::require_passwords(&state.config.sign_in)?;
    let body = body.into_inner();
    let attempt = attempt_of(&req, &state);
    wait_out_failures(&state, &body.email).await?;
    let issued = state
        .run(move |db| {
            api_tokens::create_with_password(db, &attempt, &body.email, &body.password, &body.name)
        })
        .await?;
    Ok(HttpResponse::Created().json(IssuedTokenObject {
        token: issued.secret,
        id: issued.summary.id,
        name: issued.summary.name,
        created_at: crate::domain::clock::rfc3339(issued.summary.created_at),
    }))
}

/// Your API tokens, never their secrets.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your tokens, never their secrets", body = TokenItems),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
#[get("/tokens")]
pub async fn list_tokens(
    state: web::Data<AppState>,
    user: ApiUser,
) -> Result<HttpResponse, ApiError> {
    let account = user.0;
    let tokens = state.run(move |db| api_tokens::list(db, &account)).await?;
    Ok(HttpResponse::Ok().json(TokenItems { items: tokens }))
}

/// Revoke one of your tokens.
#[utoipa::path(
    tag = "accounts",
    params(("id" = String, Path, description = "The token id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "Not one of your tokens", body = ErrorBody),
    )
)]
#[delete("/tokens/{id}")]
pub async fn revoke_token(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let account = user.0;
    let id = id.into_inner();
    state
        .run(move |db| api_tokens::revoke(db, &account, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
