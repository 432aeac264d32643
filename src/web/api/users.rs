//! `/api/v1/users` and `/api/v1/me`: register, who am I, and (admin) list and set roles.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::roles::Role;
use crate::domain::validation::FieldErrors;
use crate::error::{ApiError, AppError};
use crate::services::accounts::{self, Account, Registration};
use crate::services::rate_limits::{self, AuthAction};
use crate::web::extractors::{ApiUser, client_ip};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct NewUserBody {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

#[derive(Debug, Deserialize)]
pub struct RoleBody {
    #[serde(default)]
    role: String,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

fn user_json(account: &Account) -> serde_json::Value {
    json!({"id": account.id, "email": account.email, "name": account.name, "role": account.role})
}

/// `POST /api/v1/users` — registers an account (same rules and limits as the page).
#[post("/users")]
pub async fn create_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<NewUserBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = Registration {
        email: body.email,
        name: body.name,
        password: body.password,
    };
    let ip = client_ip(&req);
    let limit = state.config.auth_rate_limit;
    let account = state
        .run(move |conn| {
            rate_limits::check_auth(conn, AuthAction::Register, &ip, Some(&input.email), limit)?;
            accounts::register(conn, &input, None)
        })
        .await?;
    Ok(HttpResponse::Created().json(user_json(&account)))
}

/// `GET /api/v1/me` — the token's owner.
#[get("/me")]
pub async fn me(user: ApiUser) -> HttpResponse {
    HttpResponse::Ok().json(user_json(&user.0))
}

/// `GET /api/v1/users?page=N` — every account, 100 a page (admin).
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    user: ApiUser,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = query.page.unwrap_or(1);
    let actor = user.0;
    let users = state
        .run(move |conn| accounts::list(conn, &actor, page))
        .await?;
    let items: Vec<_> = users.iter().map(user_json).collect();
    Ok(HttpResponse::Ok().json(json!({"items": items, "page": page.max(1)})))
}

/// `PUT /api/v1/users/{id}/role` {"role": "moderator"} — sets a role (admin).
#[put("/users/{id}/role")]
pub async fn set_role(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
    body: web::Json<RoleBody>,
) -> Result<HttpResponse, ApiError> {
    let role = Role::parse(&body.role)
        .map_err(|m| AppError::Validation(FieldErrors::single("role", m)))?;
    let actor = user.0;
    let id = id.into_inner();
    let account = state
        .run(move |conn| accounts::set_role(conn, Some(&actor), &id, role))
        .await?;
    Ok(HttpResponse::Ok().json(user_json(&account)))
}
