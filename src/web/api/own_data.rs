//! People's own data in `/api/v1`: download everything the board holds about you
//! (`GET /me/export`), delete your account (`DELETE /me`), and the same for any account by an
//! administrator (`GET /users/{id}/export`, `DELETE /users/{id}`).

use actix_web::{HttpResponse, delete, get, web};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::ids::UserId;
use crate::services::own_data::{self, Deletion, OwnData};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// How to delete your account.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DeleteMeBody {
    /// Your password (an account without one: sign in again, then delete within ten minutes).
    #[serde(default)]
    password: String,
    /// Keep your ideas and comments under "deleted account" (the default), or remove them.
    keep_content: Option<bool>,
}

/// How to delete an account (administrators).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DeleteUserBody {
    /// Keep their ideas and comments under "deleted account" (the default), or remove them.
    keep_content: Option<bool>,
}

/// Everything the board holds about you, as JSON.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, description = "Your data", body = OwnData))
)]
#[get("/me/export")]
pub async fn export_me(
    state: web::Data<AppState>,
    user: ApiUser,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let data = state.run(move |db| own_data::export(db, &actor)).await?;
    Ok(HttpResponse::Ok().json(data))
}

/// Delete your account. Your votes go and every count follows; your ideas and comments stay
/// under "deleted account" unless `keep_content` is false; your sessions and tokens end.
#[utoipa::path(
    tag = "accounts",
    request_body = DeleteMeBody,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "The board's last administrator (`last_admin`)", body = ErrorBody),
        (status = 422, description = "The password is not right", body = ErrorBody),
    )
)]
#[delete("/me")]
pub async fn delete_me(
    state: web::Data<AppState>,
    user: ApiUser,
    body: Option<web::Json<DeleteMeBody>>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let body = body.map(web::Json::into_inner).unwrap_or_default();
    let deletion = Deletion {
        keep_content: body.keep_content.unwrap_or(true),
        half_life: state.config.rank_half_life,
    };
    state
        .run(move |db| {
            let proof = own_data::Proof {
                password: &body.password,
                session: None,
            };
            own_data::delete_own(db, &actor, proof, deletion)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Everything the board holds about one account (administrators).
#[utoipa::path(
    tag = "accounts",
    params(("id" = String, Path, description = "The account's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Their data", body = OwnData),
        (status = 403, description = "Only administrators", body = ErrorBody),
    )
)]
#[get("/users/{id}/export")]
pub async fn export_user(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (admin, id) = (user.0, UserId::from_stored(id.into_inner()));
    let data = state
        .run(move |db| own_data::export_of(db, &admin, &id))
        .await?;
    Ok(HttpResponse::Ok().json(data))
}

/// Delete an account (administrators), as its owner could.
#[utoipa::path(
    tag = "accounts",
    params(("id" = String, Path, description = "The account's id")),
    request_body = DeleteUserBody,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "Your own account (`own_account`: delete it as `DELETE /me`), or the board's last administrator (`last_admin`)", body = ErrorBody),
    )
)]
#[delete("/users/{id}")]
pub async fn delete_user(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
    body: Option<web::Json<DeleteUserBody>>,
) -> Result<HttpResponse, ApiError> {
    let (admin, id) = (user.0, UserId::from_stored(id.into_inner()));
    let body = body.map(web::Json::into_inner).unwrap_or_default();
    let deletion = Deletion {
        keep_content: body.keep_content.unwrap_or(true),
        half_life: state.config.rank_half_life,
    };
    state
        .run(move |db| own_data::delete_account(db, &admin, &id, deletion))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
