//! `/api/v1/users` and `/api/v1/me`: register, who am I, and (admin) list and set roles.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::objects::{UserObject, UserPage};
use crate::domain::ids::UserId;
use crate::domain::read::PastLastPage;
use crate::services::error::ServiceError;
use crate::web::error::ErrorBody;

use crate::domain::roles::Role;
use crate::domain::validation::FieldErrors;
use crate::services::accounts::{self, Account, Registration};
use crate::services::registration::{self, LINK_SENT, Registered};
use crate::web::error::ApiError;
use crate::web::extractors::{ApiUser, attempt_of};
use crate::web::state::AppState;

/// A new account; the password must be strong (zxcvbn score 3 or more, 10–128 characters).
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserBody {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleBody {
    /// member, moderator, product or admin.
    #[serde(default)]
    role: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based page number.
    page: Option<i64>,
}

fn user_json(account: &Account) -> UserObject {
    UserObject::of(account)
}

/// "A link is on its way": the same answer whether or not the address has an account.
#[derive(Debug, serde::Serialize, ToSchema)]
pub struct RegistrationAccepted {
    /// What happens next, worded for a person.
    message: String,
}

/// Register an account (same rules and rate limits as the page). The site's first account is
/// made at once (201, the administrator); every later one gets 202 and an email whose link
/// finishes it, so the answer never tells whether the address already has an account (its owner
/// is told by email instead).
#[utoipa::path(
    tag = "accounts",
    request_body = NewUserBody,
    responses(
        (status = 201, description = "The site's first account, made at once (it is the administrator)", body = UserObject),
        (status = 202, description = "A link to finish is on its way to the address", body = RegistrationAccepted),
        (status = 403, description = "Password log-in is off: people sign in through a provider", body = ErrorBody),
        (status = 422, description = "A field is not valid (or the address may not join)", body = ErrorBody),
        (status = 429, description = "Too many attempts", body = ErrorBody),
    )
)]
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
    crate::services::sign_in::require_passwords(&state.config.sign_in)?;
    let attempt = attempt_of(&req, &state);
    let base_url = state.config.base_url.to_string();
    let policy = state.config.sign_in.clone();
    let registered = state
        .run(move |db| {
            crate::services::sign_in::require_may_join(&policy, &input.email)?;
            registration::request(db, &attempt, &base_url, &input)
        })
        .await?;
    state.wake_senders();
    Ok(match registered {
        Registered::FirstAccount(account) => HttpResponse::Created().json(user_json(&account)),
        Registered::LinkSent => HttpResponse::Accepted().json(RegistrationAccepted {
            message: LINK_SENT.into(),
        }),
    })
}

/// The token's owner.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The token's owner", body = UserObject),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
#[get("/me")]
pub async fn me(user: ApiUser) -> HttpResponse {
    HttpResponse::Ok().json(user_json(&user.0))
}

/// What a person changes about themselves; absent fields stay.
#[derive(Debug, serde::Deserialize, ToSchema)]
pub struct MePatch {
    /// The name everyone sees.
    name: Option<String>,
    /// `en` or `de`; `""` or null: follow the browser.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, nullable)]
    locale: Option<Option<String>>,
}

/// A field that is present, even as null, is `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    <Option<String> as serde::Deserialize>::deserialize(d).map(Some)
}

/// Change your name or your language (pages and emails come in it).
#[utoipa::path(
    tag = "accounts",
    request_body = MePatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The token's owner, changed", body = UserObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A banned person's name stays", body = ErrorBody),
        (status = 422, description = "A name or language that is not valid", body = ErrorBody),
    )
)]
#[patch("/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<MePatch>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let change = accounts::ProfileChange {
        name: body.name,
        locale: body.locale,
    };
    let account = user.0;
    let changed = state
        .run(move |db| accounts::update_profile(db, &account, &change))
        .await?;
    Ok(HttpResponse::Ok().json(user_json(&changed)))
}

/// Every account, 100 a page (admin).
#[utoipa::path(
    tag = "accounts",
    params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Accounts, 100 a page (admin)", body = UserPage),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    user: ApiUser,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = query.page.unwrap_or(1);
    let actor = user.0;
    let users = state
        .run(move |db| accounts::list(db, &actor, page, PastLastPage::Refuse))
        .await?;
    let items = users.items.iter().map(user_json).collect();
    Ok(HttpResponse::Ok().json(UserPage {
        items,
        page: users.page,
    }))
}

/// Set an account's role (admin).
#[utoipa::path(
    tag = "accounts",
    params(("id" = String, Path, description = "The account id")),
    request_body = RoleBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account with its new role (admin)", body = UserObject),
        (status = 403, description = "Not an admin, or demoting yourself", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 422, description = "Not a role", body = ErrorBody),
    )
)]
#[put("/users/{id}/role")]
pub async fn set_role(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
    body: web::Json<RoleBody>,
) -> Result<HttpResponse, ApiError> {
    let role = Role::parse(&body.role)
        .map_err(|m| ServiceError::Validation(FieldErrors::single("role", m)))?;
    let actor = user.0;
    let id = id.into_inner();
    let account = state
        .run(move |db| accounts::set_role(db, Some(&actor), &UserId::from_stored(id), role))
        .await?;
    Ok(HttpResponse::Ok().json(user_json(&account)))
}
