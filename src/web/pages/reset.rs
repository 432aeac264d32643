//! Password reset: ask for a link, then choose a new password through it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::domain::accounts::Email;
use crate::domain::validation::FieldErrors;
use crate::services::error::ServiceError;
use crate::services::password_reset;
use crate::views::pages::accounts as views;
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, Visitor, attempt_of};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct ResetRequestForm {
    #[serde(default)]
    email: String,
}

#[derive(Debug, Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    password: String,
}

#[get("/reset")]
pub async fn reset_request_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
) -> Result<HttpResponse, AppError> {
    if !state.config.sign_in.password_login {
        return Ok(super::see_other("/login"));
    }
    let csrf = visitor.ensure_csrf(&req)?;
    Ok(private_html(
        StatusCode::OK,
        views::reset_request(&visitor.chrome(), &csrf, "", &FieldErrors::default()),
    ))
}

/// Answers the same whether or not the address has an account.
#[post("/reset")]
pub async fn request_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    submitted: CsrfForm<ResetRequestForm>,
) -> Result<HttpResponse, AppError> {
    crate::services::sign_in::require_passwords(&state.config.sign_in)?;
    let CsrfForm {
        form, csrf_token, ..
    } = submitted;
    if let Err(message) = Email::parse(&form.email) {
        return Ok(private_html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::reset_request(
                &visitor.chrome(),
                &csrf_token,
                &form.email,
                &FieldErrors::single("email", message),
            ),
        ));
    }
    let attempt = attempt_of(&req, &state);
    let base_url = state.config.base_url.to_string();
    state
        .run(move |db| password_reset::request(db, &attempt, &base_url, &form.email))
        .await?;
    state.wake_senders();
    Ok(private_html(
        StatusCode::OK,
        views::reset_requested(&visitor.chrome()),
    ))
}

#[get("/reset/{token}")]
pub async fn reset_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let probe = token.clone();
    let usable = state
        .run(move |db| password_reset::is_usable(db, &probe))
        .await?;
    if !usable {
        return Ok(private_html(
            StatusCode::GONE,
            views::reset_link_unusable(&visitor.chrome()),
        ));
    }
    let csrf = visitor.ensure_csrf(&req)?;
    Ok(private_html(
        StatusCode::OK,
        views::reset_form(&visitor.chrome(), &csrf, &token, &FieldErrors::default()),
    ))
}

#[post("/reset/{token}")]
pub async fn complete_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    token: web::Path<String>,
    submitted: CsrfForm<NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let CsrfForm {
        form, csrf_token, ..
    } = submitted;
    let used = token.clone();
    let outcome = state
        .run(move |db| password_reset::complete(db, &used, &form.password))
        .await;
    match outcome {
        Ok(_) => {
            cookies::set_flash(&req, &state.config, Flash::PasswordReset);
            Ok(see_other("/login"))
        }
        Err(ServiceError::Validation(errors)) => Ok(private_html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::reset_form(&visitor.chrome(), &csrf_token, &token, &errors),
        )),
        Err(ServiceError::NotFound) => Ok(private_html(
            StatusCode::GONE,
            views::reset_link_unusable(&visitor.chrome()),
        )),
        Err(other) => Err(other.into()),
    }
}
