//! Register, log in and log out.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{html, private_html, see_other};
use crate::domain::validation::FieldErrors;
use crate::services::accounts::Registration;
use crate::services::error::ServiceError;
use crate::services::registration;
use crate::services::sessions::{self, SignUp};
use crate::services::sign_in;
use crate::views::pages::accounts::{self as views, RegisterValues};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, Visitor, attempt_of, wait_out_failures};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

#[derive(Debug, Deserialize)]
pub struct LogInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// Where to go after logging in (a path on this site; the board otherwise).
    #[serde(default)]
    next: String,
}

/// `?next=` on the log-in page.
#[derive(Debug, Deserialize)]
pub struct LogInQuery {
    next: Option<String>,
}

/// Where a log-in goes afterwards: `next` if it is a path on this site, else the board.
fn after_log_in(next: Option<&str>) -> String {
    super::safe_return_path(next.filter(|n| !n.is_empty()), "/")
}

#[get("/register")]
pub async fn register_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
) -> Result<HttpResponse, AppError> {
    if visitor.account().is_some() {
        return Ok(see_other("/"));
    }
    if !state.config.sign_in.password_login {
        return Ok(see_other("/login"));
    }
    let csrf = visitor.ensure_csrf(&req)?;
    Ok(html(
        StatusCode::OK,
        views::register(
            &visitor.chrome(),
            &csrf,
            &RegisterValues::default(),
            &FieldErrors::default(),
        ),
    ))
}

#[post("/register")]
pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm {
        form,
        visit,
        csrf_token,
        lang,
    } = submitted;
    sign_in::require_passwords(&state.config.sign_in)?;
    let input = Registration {
        email: form.email.clone(),
        name: form.name.clone(),
        password: form.password,
    };
    let attempt = attempt_of(&req, &state);
    let previous_session = visit.map(|visit| visit.session_id);
    let base_url = state.config.base_url.to_string();
    let policy = state.config.sign_in.clone();
    let outcome = state
        .run(move |db| {
            sign_in::require_may_join(&policy, &input.email)?;
            sessions::sign_up(db, &attempt, &base_url, &input, previous_session.as_deref())
        })
        .await;
    match outcome {
        Ok(SignUp::SignedIn(signed_in)) => {
            Ok(welcome(&req, &state, *signed_in, Flash::Welcome, "/"))
        }
        Ok(SignUp::LinkSent) => {
            state.wake_senders();
            Ok(private_html(
                StatusCode::OK,
                views::registration_sent(
                    &crate::views::layout::Chrome {
                        lang,
                        ..Default::default()
                    },
                    &form.email,
                ),
            ))
        }
        Err(ServiceError::Validation(errors)) => Ok(rerender_register(
            lang,
            &csrf_token,
            &form.email,
            &form.name,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
        )),
        Err(other) => Err(other.into()),
    }
}

/// The page an emailed registration link opens: a button that finishes it (a GET changes
/// nothing, so a mail scanner that follows links makes no account).
#[get("/register/{token}")]
pub async fn confirm_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let probe = token.clone();
    let waiting = state
        .run(move |db| registration::waiting_name(db, &probe))
        .await?;
    let Some(name) = waiting else {
        return Ok(private_html(
            StatusCode::GONE,
            views::registration_link_unusable(&visitor.chrome()),
        ));
    };
    let csrf = visitor.ensure_csrf(&req)?;
    Ok(private_html(
        StatusCode::OK,
        views::registration_confirm(
            &visitor.chrome(),
            &csrf,
            &token,
            &name,
            &FieldErrors::default(),
        ),
    ))
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    name: Option<String>,
    #[serde(default)]
    password: String,
}

/// Finishes a registration through its link: with the password chosen when registering, the
/// account is made and signed in; a wrong one is answered at its field, the name kept.
#[post("/register/{token}")]
pub async fn confirm_registration(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    token: web::Path<String>,
    submitted: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    sign_in::require_passwords(&state.config.sign_in)?;
    let token = token.into_inner();
    let previous_session = submitted.session_id();
    let CsrfForm {
        form, csrf_token, ..
    } = submitted;
    let typed_name = form.name.clone();
    let input = registration::Confirmation {
        name: form.name,
        password: form.password,
    };
    let attempt = attempt_of(&req, &state);
    let used_token = token.clone();
    let outcome = state
        .run(move |db| {
            sessions::confirm_and_sign_in(
                db,
                &attempt,
                &used_token,
                &input,
                previous_session.as_deref(),
            )
        })
        .await;
    match outcome {
        Ok(signed_in) => Ok(welcome(&req, &state, signed_in, Flash::Welcome, "/")),
        Err(ServiceError::NotFound) => Ok(private_html(
            StatusCode::GONE,
            views::registration_link_unusable(&visitor.chrome()),
        )),
        Err(ServiceError::Validation(errors)) => Ok(private_html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::registration_confirm(
                &visitor.chrome(),
                &csrf_token,
                &token,
                typed_name.as_deref().unwrap_or_default(),
                &errors,
            ),
        )),
        Err(other) => Err(other.into()),
    }
}

/// Sets the new session's cookie and a flash, and sends the person on to `to`.
pub(super) fn welcome(
    req: &HttpRequest,
    state: &AppState,
    signed_in: sessions::NewVisit,
    flash: Flash,
    to: &str,
) -> HttpResponse {
    let days = sessions::SIGNED_IN_IDLE.num_days();
    cookies::queue(
        req,
        cookies::session(&state.config, signed_in.cookie_token, days),
    );
    cookies::set_flash(req, &state.config, flash);
    see_other(to)
}

fn rerender_register(
    lang: crate::i18n::Lang,
    csrf: &str,
    email: &str,
    name: &str,
    status: StatusCode,
    errors: FieldErrors,
) -> HttpResponse {
    let chrome = crate::views::layout::Chrome {
        csrf_token: Some(csrf.to_string()),
        lang,
        ..Default::default()
    };
    let values = RegisterValues {
        email: email.to_string(),
        name: name.to_string(),
    };
    html(status, views::register(&chrome, csrf, &values, &errors))
}

#[get("/login")]
pub async fn log_in_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    query: web::Query<LogInQuery>,
) -> Result<HttpResponse, AppError> {
    let next = after_log_in(query.next.as_deref());
    if visitor.account().is_some() {
        return Ok(see_other(&next));
    }
    let csrf = visitor.ensure_csrf(&req)?;
    Ok(html(
        StatusCode::OK,
        views::login(
            &visitor.chrome(),
            &csrf,
            "",
            &next,
            None,
            &state.sign_in_ways(),
        ),
    ))
}

#[post("/login")]
pub async fn log_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<LogInForm>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm {
        form,
        visit,
        csrf_token,
        lang,
    } = submitted;
    sign_in::require_passwords(&state.config.sign_in)?;
    let attempt = attempt_of(&req, &state);
    let previous_session = visit.map(|visit| visit.session_id);
    let email = form.email.clone();
    let next = after_log_in(Some(&form.next));
    wait_out_failures(&state, &email).await?;
    let outcome = state
        .run(move |db| {
            sessions::log_in(
                db,
                &attempt,
                &email,
                &form.password,
                previous_session.as_deref(),
            )
        })
        .await;
    match outcome {
        Ok(signed_in) => Ok(welcome(&req, &state, signed_in, Flash::SignedIn, &next)),
        Err(ServiceError::InvalidCredentials) => {
            let chrome = crate::views::layout::Chrome {
                csrf_token: Some(csrf_token.clone()),
                lang,
                ..Default::default()
            };
            let message = lang.t("error-login-failed");
            Ok(html(
                StatusCode::UNAUTHORIZED,
                views::login(
                    &chrome,
                    &csrf_token,
                    &form.email,
                    &next,
                    Some(&message),
                    &state.sign_in_ways(),
                ),
            ))
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/logout")]
pub async fn log_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    if let Some(session_id) = submitted.session_id() {
        state
            .run(move |db| sessions::sign_out(db, &session_id))
            .await?;
    }
    cookies::queue(&req, cookies::clear_session(&state.config));
    cookies::set_flash(&req, &state.config, Flash::SignedOut);
    Ok(see_other("/"))
}
