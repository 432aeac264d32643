//! How failures are answered: `AppError` (a service's failure, or one only HTTP knows) as an
//! HTML page for the site, or as `{"error": {"code", "message"}}` for the API through `ApiError`.
//! 5xx causes are logged, never shown.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError, web};

use super::state::AppState;

use crate::domain::validation::{FieldErrors, Refusal, Text};
use crate::i18n::Lang;
use crate::services::error::ServiceError;

/// A failed request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("the form has expired or did not come from this site")]
    CsrfRejected,
    /// A form sent with a session cookie whose session has ended (signed out elsewhere, a ban,
    /// a password change, expiry): its token cannot match, and logging in again is the cure.
    #[error("the session behind the form has ended")]
    SessionEnded,
    /// A page that needs a signed-in person, asked for by someone who is not: sent to log in,
    /// and back to `next` (a path on this site) afterwards.
    #[error("this page needs a signed-in person")]
    SignInFirst { next: String },
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// No `/api/v1` route has this method and path.
    #[error("no such API route")]
    NoRoute,
}

impl AppError {
    /// Invalid input, listed per field.
    pub fn validation(errors: FieldErrors) -> Self {
        ServiceError::Validation(errors).into()
    }

    pub fn bad_request(message: impl Into<Refusal>) -> Self {
        ServiceError::BadRequest(message.into()).into()
    }

    pub fn not_found() -> Self {
        ServiceError::NotFound.into()
    }

    /// A stable, machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Service(error) => error.code(),
            AppError::CsrfRejected => "csrf_rejected",
            AppError::SessionEnded => "session_ended",
            AppError::SignInFirst { .. } => "unauthorized",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::NoRoute => "no_route",
        }
    }

    /// What a person may be told, in `lang`: never SQL, paths or a stack trace.
    pub fn public_message(&self, lang: Lang) -> String {
        let key = match self {
            AppError::Service(error) => return error.public_message(lang),
            AppError::SignInFirst { .. } => {
                return ServiceError::Unauthorized.public_message(lang);
            }
            AppError::CsrfRejected => "problem-csrf",
            AppError::SessionEnded => "problem-session-ended",
            AppError::PayloadTooLarge => "problem-too-large",
            AppError::NoRoute => "problem-no-route",
        };
        Text::new(key).in_language(lang)
    }

    /// The HTML answer in `lang`, in the site's look; a page that needs a signed-in person sends
    /// to /login.
    pub fn page_response(&self, lang: Lang) -> HttpResponse {
        if matches!(self, AppError::Service(ServiceError::Unauthorized)) {
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/login"))
                .finish();
        }
        if let AppError::SignInFirst { next } = self {
            let login = format!("/login?next={}", urlencoding::encode(next));
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, login))
                .finish();
        }
        let status = self.status_code();
        let page = crate::views::pages::errors::error_page(
            status.as_u16(),
            &self.public_message(lang),
            lang,
        );
        let mut response = super::pages::html(status, page);
        self.retry_after(&mut response);
        response
    }

    fn log_if_server_error(&self) {
        match self {
            AppError::Service(ServiceError::Internal(cause)) => {
                tracing::error!(error = format!("{cause:#}"), "request failed");
            }
            AppError::Service(ServiceError::Unavailable(cause)) => {
                tracing::warn!(%cause, "service unavailable");
            }
            _ => {}
        }
    }

    /// `Retry-After` on a 429 (when the limit lets this client in again) and a 503 (a few
    /// seconds: the database is usually back within them, and clients should not hammer it).
    fn retry_after(&self, response: &mut HttpResponse) {
        let seconds = match self {
            AppError::Service(ServiceError::RateLimited { retry_after_secs }) => *retry_after_secs,
            AppError::Service(ServiceError::Unavailable(_)) => UNAVAILABLE_RETRY_AFTER_SECS,
            _ => return,
        };
        if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
    }

    fn is_unauthenticated(&self) -> bool {
        matches!(
            self,
            AppError::Service(ServiceError::Unauthorized | ServiceError::InvalidCredentials)
        )
    }
}

/// What a 503 asks clients to wait.
pub const UNAVAILABLE_RETRY_AFTER_SECS: u64 = 5;

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        let AppError::Service(error) = self else {
            return match self {
                AppError::CsrfRejected => StatusCode::FORBIDDEN,
                AppError::SessionEnded | AppError::SignInFirst { .. } => StatusCode::UNAUTHORIZED,
                AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::NOT_FOUND,
            };
        };
        match error {
            ServiceError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ServiceError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ServiceError::Unauthorized | ServiceError::InvalidCredentials => {
                StatusCode::UNAUTHORIZED
            }
            ServiceError::Forbidden(_) => StatusCode::FORBIDDEN,
            ServiceError::NotFound => StatusCode::NOT_FOUND,
            ServiceError::Conflict { .. } => StatusCode::CONFLICT,
            ServiceError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ServiceError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ServiceError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The HTML answer in the board's language; `in_request_language` writes it again in the
    /// request's.
    fn error_response(&self) -> HttpResponse {
        self.log_if_server_error();
        self.page_response(Lang::board_default())
    }
}

/// Writes an error page again in the language of its request (its cookie, `Accept-Language`,
/// else the board's): an error's own answer cannot see the request it answers. API errors stay
/// JSON in English.
pub async fn in_request_language(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let response = next.call(req).await?;
    // Only a page's error is looked at: every other answer passes untouched.
    let rewritten = response
        .response()
        .error()
        .and_then(|error| error.as_error::<AppError>())
        .and_then(|app_error| {
            let state = response.request().app_data::<web::Data<AppState>>()?;
            let lang = super::language::for_error_page(response.request(), &state.config);
            (lang != Lang::board_default()).then(|| app_error.page_response(lang))
        });
    Ok(match rewritten {
        Some(page) => response.into_response(page).map_into_right_body(),
        None => response.map_into_left_body(),
    })
}

/// Every API error: `{"error": {"code", "message", "fields"?, "field"?}}`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// `code` is stable and machine-readable (validation_failed, bad_request, unauthorized,
/// invalid_credentials, forbidden, not_found, no_route, conflict codes, rate_limited,
/// payload_too_large, unavailable, internal); `message` is for people. A validation error lists
/// the failing `fields`; a conflict names its `field`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldErrors>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

/// The same errors answered as JSON, for `/api/v1`.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(#[from] pub AppError);

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        self.0.log_if_server_error();
        let mut error = ErrorDetail {
            code: self.0.code(),
            message: self.0.public_message(Lang::english()),
            fields: None,
            field: None,
        };
        match &self.0 {
            AppError::Service(ServiceError::Validation(fields)) => {
                error.fields = Some(fields.clone())
            }
            AppError::Service(ServiceError::Conflict { field, .. }) => error.field = Some(field),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code()).json(ErrorBody { error });
        self.0.retry_after(&mut response);
        if self.0.is_unauthenticated() {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        ApiError(error.into())
    }
}
