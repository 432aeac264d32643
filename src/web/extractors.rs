//! Request extractors: the visitor's session (`Visitor`), a required sign-in (`SignedIn`), a
//! CSRF-checked form (`CsrfForm`), the API's bearer-token user (`ApiUser`) and the client IP.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::cookies::{self, Flash};
use super::state::AppState;
use crate::config::Config;
use crate::domain::validation::Text;
use crate::i18n::Lang;
use crate::services::accounts::Account;
use crate::services::error::ServiceError;
use crate::services::rate_limits::{self, Attempt};
use crate::services::sessions::{self, Visit};
use crate::views::layout::{Chrome, NavUser};
use crate::web::client_ip::client_ip;
use crate::web::error::{ApiError, AppError};
use crate::web::middleware::SignedInAnswer;

type LocalBoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;

fn state_of(req: &HttpRequest) -> Result<AppState, AppError> {
    req.app_data::<Data<AppState>>()
        .map(|data| data.get_ref().clone())
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("application state missing")).into())
}

/// The signed-in person's chosen language, if any.
pub fn preference_of(visit: Option<&Visit>) -> Option<&str> {
    visit
        .and_then(|visit| visit.account.as_ref())
        .and_then(|account| account.locale.as_deref())
}

/// The visitor's session from the cookie (if any live one), and the flash message.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub visit: Option<Visit>,
    pub flash: Option<Flash>,
    /// The language the request is answered in.
    pub lang: Lang,
    /// The address asked for (a GET's path and query), where the language switcher comes back to.
    pub here: Option<String>,
}

/// The looked-up session, cached on the request so extractors share one look-up.
#[derive(Clone)]
struct CachedVisit(Option<Visit>);

impl Visitor {
    /// The signed-in account, if any.
    pub fn account(&self) -> Option<&Account> {
        self.visit.as_ref().and_then(|v| v.account.as_ref())
    }

    /// The page frame for this visitor.
    pub fn chrome(&self) -> Chrome {
        Chrome {
            user: self.account().map(nav_user),
            csrf_token: self.visit.as_ref().map(|v| v.csrf_token.clone()),
            flash: self.flash.map(|f| f.message(self.lang)),
            lang: self.lang,
            here: self.here.clone(),
            canonical: None,
            slot_marker: None,
        }
    }

    /// The CSRF token for a form on this page: the session's, or for a visitor without one the
    /// signature of their form cookie (set now if they have none). No row is written for them,
    /// so showing a public form never waits for the database's writer.
    pub fn ensure_csrf(&self, req: &HttpRequest) -> Result<String, AppError> {
        if let Some(visit) = &self.visit {
            return Ok(visit.csrf_token.clone());
        }
        let state = state_of(req)?;
        let nonce = match cookies::form_nonce(req, &state.config) {
            Some(nonce) => nonce,
            None => {
                let nonce = crate::domain::secrets::new_token("");
                cookies::queue(req, cookies::form(&state.config, nonce.clone()));
                nonce
            }
        };
        Ok(anonymous_form_token(&state, &nonce))
    }
}

/// The CSRF token of a visitor without a session whose form cookie holds `nonce`.
fn anonymous_form_token(state: &AppState, nonce: &str) -> String {
    state.form_key.sign(&format!("form:{nonce}"))
}

/// The signed-in person as the navigation shows them.
pub fn nav_user(account: &Account) -> NavUser {
    NavUser {
        name: account.name.clone(),
        role: account.role.as_str().to_string(),
        read_only: account.banned,
    }
}

async fn load_visit(req: &HttpRequest) -> Result<Option<Visit>, AppError> {
    if let Some(cached) = req.extensions().get::<CachedVisit>() {
        return Ok(cached.0.clone());
    }
    let state = state_of(req)?;
    let token = cookies::session_token(req, &state.config);
    let visit = match token {
        Some(token) => {
            let looked_up = token.clone();
            let visit = state
                .run(move |db| sessions::resolve(db, &looked_up))
                .await?;
            if let Some(visit) = &visit {
                renew_cookie(req, &state.config, visit, token);
            }
            visit
        }
        None => None,
    };
    if visit.as_ref().is_some_and(|v| v.account.is_some()) {
        req.extensions_mut().insert(SignedInAnswer);
    }
    req.extensions_mut().insert(CachedVisit(visit.clone()));
    Ok(visit)
}

/// Sends the session cookie again with a fresh lifetime when the look-up pushed the session's
/// idle expiry forward, so the browser keeps the cookie as long as the server keeps the session.
pub fn renew_cookie(req: &HttpRequest, config: &Config, visit: &Visit, token: String) {
    if !visit.renewed {
        return;
    }
    let idle = if visit.account.is_some() {
        sessions::SIGNED_IN_IDLE
    } else {
        sessions::ANONYMOUS_IDLE
    };
    cookies::queue(req, cookies::session(config, token, idle.num_days()));
}

impl FromRequest for Visitor {
    type Error = AppError;
    type Future = LocalBoxFuture<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let visit = load_visit(&req).await?;
            let state = state_of(&req)?;
            let flash = cookies::take_flash(&req, &state.config);
            let lang =
                super::language::of_request(&req, &state.config, preference_of(visit.as_ref()));
            let here =
                (req.method() == actix_web::http::Method::GET).then(|| match req.query_string() {
                    "" => req.path().to_string(),
                    query => format!("{}?{query}", req.path()),
                });
            Ok(Visitor {
                visit,
                flash,
                lang,
                here,
            })
        })
    }
}

/// A page that needs a signed-in person; others are sent to the log-in page.
pub struct SignedIn {
    pub visitor: Visitor,
    pub account: Account,
    pub csrf_token: String,
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = LocalBoxFuture<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let visitor = Visitor::from_request(req, payload);
        // A page asked for (GET) comes back after logging in; anything else goes to the log-in
        // page alone.
        let next =
            (req.method() == actix_web::http::Method::GET).then(|| match req.query_string() {
                "" => req.path().to_string(),
                query => format!("{}?{query}", req.path()),
            });
        Box::pin(async move {
            let visitor = visitor.await?;
            let (account, csrf_token) = match &visitor.visit {
                Some(Visit {
                    account: Some(account),
                    csrf_token,
                    ..
                }) => (account.clone(), csrf_token.clone()),
                _ => {
                    return Err(match next {
                        Some(next) => AppError::SignInFirst { next },
                        None => ServiceError::Unauthorized.into(),
                    });
                }
            };
            Ok(SignedIn {
                visitor,
                account,
                csrf_token,
            })
        })
    }
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf_token: Option<String>,
}

/// A form with no fields of its own: only its CSRF token matters (log out, delete, revoke…).
#[derive(Debug, Deserialize)]
pub struct NoFields {}

/// A URL-encoded form whose `csrf_token` matched before anything else happened: the session's
/// token, or (for a visitor without a session) the signature of their form cookie. Anything else
/// is refused with 403 and changes nothing.
pub struct CsrfForm<T> {
    pub form: T,
    /// The visitor's session, if they have one (a public form may come without).
    pub visit: Option<Visit>,
    /// The token that matched, for a page shown again with the form.
    pub csrf_token: String,
    /// The language of the answer.
    pub lang: Lang,
}

impl<T> CsrfForm<T> {
    /// The signed-in account, or 401 (a redirect to log in).
    pub fn account(&self) -> Result<&Account, AppError> {
        self.visit
            .as_ref()
            .and_then(|visit| visit.account.as_ref())
            .ok_or(ServiceError::Unauthorized.into())
    }

    /// The visitor who sent the form, for showing a page again after a refusal.
    pub fn visitor(&self) -> Visitor {
        Visitor {
            visit: self.visit.clone(),
            flash: None,
            lang: self.lang,
            here: None,
        }
    }

    /// The session's id, if the visitor has a session.
    pub fn session_id(&self) -> Option<String> {
        self.visit.as_ref().map(|visit| visit.session_id.clone())
    }
}

/// The CSRF token this request's form must carry: its session's, or its form cookie's signature.
fn expected_csrf_token(
    req: &HttpRequest,
    state: &AppState,
    visit: Option<&Visit>,
) -> Option<String> {
    match visit {
        Some(visit) => Some(visit.csrf_token.clone()),
        None => {
            cookies::form_nonce(req, &state.config).map(|nonce| anonymous_form_token(state, &nonce))
        }
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = Bytes::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let body =
                body.await
                    .map_err(|e| match e.as_response_error().status_code().as_u16() {
                        413 => AppError::PayloadTooLarge,
                        _ => AppError::bad_request(Text::new("refused-form-unread")),
                    })?;
            let visit = load_visit(&req).await?;
            let state = state_of(&req)?;
            let sent: CsrfOnly =
                serde_html_form::from_bytes(&body).unwrap_or(CsrfOnly { csrf_token: None });
            let expected = expected_csrf_token(&req, &state, visit.as_ref());
            let csrf_token = match (expected, sent.csrf_token) {
                (Some(expected), Some(sent))
                    if crate::domain::secrets::constant_time_eq(&expected, &sent) =>
                {
                    expected
                }
                _ if visit.is_none() && cookies::session_token(&req, &state.config).is_some() => {
                    tracing::info!(path = %crate::telemetry::redact_path(req.path()), "form refused: its session has ended");
                    return Err(AppError::SessionEnded);
                }
                _ => {
                    tracing::warn!(path = %crate::telemetry::redact_path(req.path()), "form refused: missing or wrong CSRF token");
                    return Err(AppError::CsrfRejected);
                }
            };
            let form: T = serde_html_form::from_bytes(&body).map_err(|e| {
                ServiceError::BadRequest(
                    Text::new("refused-form-unreadable")
                        .with("detail", e.to_string())
                        .into(),
                )
            })?;
            let lang =
                super::language::of_request(&req, &state.config, preference_of(visit.as_ref()));
            Ok(CsrfForm {
                form,
                visit,
                csrf_token,
                lang,
            })
        })
    }
}

/// The account behind `Authorization: Bearer <token>`. The session cookie is never consulted,
/// so the API has no CSRF surface.
pub struct ApiUser(pub Account);

impl FromRequest for ApiUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let bearer = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| {
                    v.strip_prefix("Bearer ")
                        .or_else(|| v.strip_prefix("bearer "))
                })
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty() && t.len() < 200)
                .ok_or(ApiError::from(ServiceError::Unauthorized))?;
            let state = state_of(&req)?;
            let account = state
                .run(move |db| crate::services::api_tokens::authenticate(db, &bearer))
                .await?;
            Ok(ApiUser(account))
        })
    }
}

/// The account behind a bearer token if one is sent (an invalid one is still 401), or nobody:
/// for public reads that show the caller's own votes when they identify themselves.
pub struct MaybeApiUser(pub Option<Account>);

impl FromRequest for MaybeApiUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let sent = req.headers().contains_key(header::AUTHORIZATION);
        let user = ApiUser::from_request(req, payload);
        Box::pin(async move {
            if !sent {
                return Ok(MaybeApiUser(None));
            }
            Ok(MaybeApiUser(Some(user.await?.0)))
        })
    }
}

/// This request's attempt at signing up, in or resetting, for the rate limits.
pub fn attempt_of(req: &HttpRequest, state: &AppState) -> Attempt {
    Attempt {
        client_ip: client_ip(
            req,
            &state.config.trusted_proxies,
            state.config.forwarded_header,
        ),
        per_minute: state.config.auth_rate_limit,
    }
}

/// Waits, holding no connection, as long as the account's recent failed log-ins ask before its
/// password is checked (`rate_limits::failure_delay`): slowed, never locked.
pub async fn wait_out_failures(state: &AppState, email: &str) -> Result<(), ServiceError> {
    let email = email.to_string();
    let delay = state
        .run(move |db| rate_limits::failure_delay(db, &email))
        .await?;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    Ok(())
}
