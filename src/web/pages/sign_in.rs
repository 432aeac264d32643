//! Signing in through identity providers: `/login/oidc/{key}` sends the person to the provider,
//! `/login/oidc/{key}/callback` takes them back (state, code, ID token checked), and
//! `/login/oidc/link` takes the password of an account their verified address already has.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::db::models::identities::SignInRow;
use crate::domain::secrets;
use crate::domain::sign_in::SignInRefusal;
use crate::domain::validation::FieldErrors;
use crate::net::openid::Returned;
use crate::services::error::ServiceError;
use crate::services::sessions::NewVisit;
use crate::services::sign_in::{self, Arrival};
use crate::views::pages::sign_in as views;
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, Visitor, attempt_of};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// Sends the person to the provider with a fresh state, nonce and PKCE challenge; the state
/// goes into a cookie, the rest into the database until they return.
#[get("/login/oidc/{key}")]
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    key: web::Path<String>,
    query: web::Query<StartQuery>,
) -> Result<HttpResponse, AppError> {
    let next = super::safe_return_path(query.next.as_deref().filter(|n| !n.is_empty()), "/");
    if visitor.account().is_some() {
        return Ok(see_other(&next));
    }
    let Some(provider) = state.config.sign_in.provider(&key) else {
        return Ok(refused(&visitor, SignInRefusal::UnknownProvider, None));
    };
    let started = match state
        .openid
        .start(provider, &callback_url(&state, &key))
        .await
    {
        Ok(started) => started,
        Err(refusal) => return Ok(refused(&visitor, refusal, Some(&provider.name))),
    };
    let row = SignInRow {
        state_hash: secrets::token_hash(&started.state),
        provider: provider.key.clone(),
        nonce: started.nonce,
        pkce_verifier: started.pkce_verifier,
        return_to: next,
        created_at: state.clock.now(),
    };
    let attempt = attempt_of(&req, &state);
    state
        .run(move |db| sign_in::begin(db, &attempt, row))
        .await?;
    cookies::queue(&req, cookies::sign_in(&state.config, Some(started.state)));
    Ok(see_other(started.url.as_str()))
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Takes the person back: the state must be the one this browser began (once, within ten
/// minutes), the code is exchanged and the ID token verified, then they are signed in — or
/// asked for their account's password, or told plainly why not.
#[get("/login/oidc/{key}/callback")]
pub async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    key: web::Path<String>,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, AppError> {
    cookies::queue(&req, cookies::sign_in(&state.config, None));
    let Some(provider) = state.config.sign_in.provider(&key).cloned() else {
        return Ok(refused(&visitor, SignInRefusal::UnknownProvider, None));
    };
    let name = Some(provider.name.as_str());
    let query = query.into_inner();
    let returned_state = query.state.unwrap_or_default();
    let kept_state = cookies::sign_in_state(&req, &state.config);
    let now = state.clock.now();
    let taken = state
        .run(move |db| sign_in::take(db, &returned_state, kept_state.as_deref(), now))
        .await?;
    let row = match taken {
        Ok(row) if row.provider == provider.key => row,
        Ok(_) => return Ok(refused(&visitor, SignInRefusal::StateMismatch, name)),
        Err(refusal) => return Ok(refused(&visitor, refusal, name)),
    };
    let code = match (query.error, query.code) {
        (None, Some(code)) => code,
        (error, _) => {
            tracing::info!(provider = %provider.key, ?error, "the provider did not sign the person in");
            return Ok(refused(&visitor, SignInRefusal::ProviderSaidNo, name));
        }
    };
    let returned = Returned {
        code,
        nonce: row.nonce,
        pkce_verifier: row.pkce_verifier,
        now: DateTime::<Utc>::from_naive_utc_and_offset(now, Utc),
    };
    let redirect = callback_url(&state, &provider.key);
    let person = match state.openid.finish(&provider, &redirect, returned).await {
        Ok(person) => person,
        Err(refusal) => return Ok(refused(&visitor, refusal, name)),
    };
    let policy = state.config.sign_in.clone();
    let previous_session = visitor.visit.as_ref().map(|v| v.session_id.clone());
    let return_to = row.return_to;
    let kept_return = return_to.clone();
    let arrival = state
        .run(move |db| {
            sign_in::arrive(
                db,
                &policy,
                &provider.key,
                &person,
                &kept_return,
                previous_session.as_deref(),
            )
        })
        .await?;
    Ok(match arrival {
        Arrival::SignedIn(visit) => welcome(&req, &state, *visit, &return_to),
        Arrival::NeedsPassword { token, .. } => {
            cookies::queue(&req, cookies::sign_in_link(&state.config, Some(token)));
            see_other("/login/oidc/link")
        }
        Arrival::Refused(refusal) => refused(&visitor, refusal, name),
    })
}

/// The password step's page.
#[get("/login/oidc/link")]
pub async fn link_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
) -> Result<HttpResponse, AppError> {
    let token = cookies::sign_in_link_token(&req, &state.config).unwrap_or_default();
    let email = state
        .run(move |db| sign_in::waiting_email(db, &token))
        .await?;
    let Some(email) = email else {
        return Ok(refused(&visitor, SignInRefusal::TookTooLong, None));
    };
    let csrf = visitor.ensure_csrf(&req)?;
    Ok(private_html(
        StatusCode::OK,
        views::link_form(&visitor.chrome(), &csrf, &email, &FieldErrors::default()),
    ))
}

#[derive(Debug, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    password: String,
}

/// Links the provider to the account whose password was typed, and signs the person in.
#[post("/login/oidc/link")]
pub async fn link(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    submitted: CsrfForm<LinkForm>,
) -> Result<HttpResponse, AppError> {
    let previous_session = submitted.session_id();
    let CsrfForm {
        form, csrf_token, ..
    } = submitted;
    let token = cookies::sign_in_link_token(&req, &state.config).unwrap_or_default();
    let attempt = attempt_of(&req, &state);
    let used = token.clone();
    let outcome = state
        .run(move |db| {
            sign_in::link_with_password(
                db,
                &attempt,
                &used,
                &form.password,
                previous_session.as_deref(),
            )
        })
        .await;
    match outcome {
        Ok((visit, return_to)) => {
            cookies::queue(&req, cookies::sign_in_link(&state.config, None));
            Ok(welcome(&req, &state, visit, &return_to))
        }
        Err(ServiceError::NotFound) => Ok(refused(&visitor, SignInRefusal::TookTooLong, None)),
        Err(ServiceError::Validation(errors)) => {
            let email = state
                .run(move |db| sign_in::waiting_email(db, &token))
                .await?
                .unwrap_or_default();
            Ok(private_html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::link_form(&visitor.chrome(), &csrf_token, &email, &errors),
            ))
        }
        Err(other) => Err(other.into()),
    }
}

/// Where the provider sends the person back to.
fn callback_url(state: &AppState, key: &str) -> String {
    state
        .config
        .absolute_url(&format!("/login/oidc/{key}/callback"))
}

/// The session's cookie, a flash, and on to where the sign-in began.
fn welcome(req: &HttpRequest, state: &AppState, visit: NewVisit, to: &str) -> HttpResponse {
    let to = super::safe_return_path(Some(to), "/");
    super::auth::welcome(req, state, visit, Flash::SignedIn, &to)
}

/// The refusal's page: 404 for a provider that is not there, 502 when it cannot be reached, 403
/// when the person may not come in, 400 for a return that does not check out.
fn refused(visitor: &Visitor, refusal: SignInRefusal, provider: Option<&str>) -> HttpResponse {
    let status = match refusal {
        SignInRefusal::UnknownProvider => StatusCode::NOT_FOUND,
        SignInRefusal::Unreachable => StatusCode::BAD_GATEWAY,
        SignInRefusal::NoVerifiedEmail | SignInRefusal::NotAllowedToJoin => StatusCode::FORBIDDEN,
        _ => StatusCode::BAD_REQUEST,
    };
    private_html(status, views::refused(&visitor.chrome(), refusal, provider))
}
