//! Administration pages: users, their roles, and deleting an account.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::domain::clock;
use crate::domain::ids::UserId;
use crate::domain::read::PastLastPage;
use crate::domain::roles::Role;
use crate::domain::validation::FieldErrors;
use crate::services::error::ServiceError;
use crate::services::{accounts, own_data};
use crate::views::pages::admin::{self as views, UserRow};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, SignedIn};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    role: String,
}

#[get("/admin/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.account.clone();
    let users = state
        .run(move |db| accounts::list(db, &actor, 1, PastLastPage::ShowLast))
        .await?
        .items;
    let rows: Vec<UserRow> = users
        .into_iter()
        .map(|u| UserRow {
            id: u.id.to_string(),
            email: u.email,
            name: u.name,
            role: u.role,
            banned: u.banned,
            joined: clock::rfc3339(u.created_at).chars().take(10).collect(),
        })
        .collect();
    Ok(private_html(
        StatusCode::OK,
        views::users(
            &signed_in.visitor.chrome(),
            &signed_in.csrf_token,
            &rows,
            signed_in.account.id.as_str(),
        ),
    ))
}

#[post("/admin/users/role")]
pub async fn change_role(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<RoleForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let role = Role::parse(&submitted.form.role)
        .map_err(|m| ServiceError::Validation(FieldErrors::single("role", m)))?;
    let user_id = submitted.form.user_id;
    state
        .run(move |db| accounts::set_role(db, Some(&actor), &UserId::from_stored(user_id), role))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::RoleChanged);
    Ok(see_other("/admin/users"))
}

/// Deletes an account as its owner could, keeping its ideas and comments under "deleted
/// account" (the API can remove them too).
#[post("/admin/users/{id}/delete")]
pub async fn delete_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let id = UserId::from_stored(id.into_inner());
    let deletion = own_data::Deletion {
        keep_content: true,
        half_life: state.config.rank_half_life,
    };
    state
        .run(move |db| own_data::delete_account(db, &actor, &id, deletion))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::UserDeleted);
    Ok(see_other("/admin/users"))
}
