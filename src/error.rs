//! `AppError`: every failure a request can meet, and how it is answered — an HTML page for the
//! site, a JSON body `{"error": {"code", "message"}}` for the API. 5xx causes are logged, never shown.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use crate::domain::validation::FieldErrors;

/// A failure, classified by what the person should be told.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {0}")]
    Validation(FieldErrors),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("sign-in required")]
    Unauthorized,
    #[error("email or password is wrong")]
    InvalidCredentials,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("the form has expired or did not come from this site")]
    CsrfRejected,
    #[error("not found")]
    NotFound,
    #[error("conflict on {field}: {message}")]
    Conflict {
        code: &'static str,
        field: &'static str,
        message: String,
    },
    #[error("too many attempts; retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// No `/api/v1` route has this method and path.
    #[error("no such API route")]
    NoRoute,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// A stable, machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation_failed",
            AppError::BadRequest(_) => "bad_request",
            AppError::Unauthorized => "unauthorized",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::Forbidden(_) => "forbidden",
            AppError::CsrfRejected => "csrf_rejected",
            AppError::NotFound => "not_found",
            AppError::NoRoute => "no_route",
            AppError::Conflict { code, .. } => code,
            AppError::RateLimited { .. } => "rate_limited",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// What a person may be told: never SQL, paths or a stack trace.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Validation(errors) => format!("Please correct: {errors}"),
            AppError::BadRequest(message) => message.clone(),
            AppError::Unauthorized => "Sign in (or send a valid API token) to do this.".into(),
            AppError::InvalidCredentials => "That email and password do not match an account.".into(),
            AppError::Forbidden(message) => message.clone(),
            AppError::CsrfRejected => {
                "This form has expired or did not come from this site. Go back, reload the page and try again.".into()
            }
            AppError::NotFound => "There is nothing here.".into(),
            AppError::NoRoute => {
                "There is no such API route; /api/openapi.json lists them all.".into()
            }
            AppError::Conflict { message, .. } => message.clone(),
            AppError::RateLimited { retry_after_secs } => {
                format!("Too many attempts. Try again in {retry_after_secs} seconds.")
            }
            AppError::PayloadTooLarge => "That request is too large.".into(),
            AppError::Unavailable(_) => "The service is not ready. Try again shortly.".into(),
            AppError::Internal(_) => "Something went wrong on our side. It has been logged.".into(),
        }
    }

    pub fn forbidden() -> Self {
        AppError::Forbidden("You do not have permission to do this.".into())
    }

    pub fn conflict(field: &'static str, message: impl Into<String>) -> Self {
        AppError::Conflict {
            code: "conflict",
            field,
            message: message.into(),
        }
    }

    fn log_if_server_error(&self) {
        if let AppError::Internal(cause) = self {
            tracing::error!(error = format!("{cause:#}"), "request failed");
        } else if let AppError::Unavailable(cause) = self {
            tracing::warn!(%cause, "service unavailable");
        }
    }

    fn retry_after(&self, response: &mut HttpResponse) {
        if let AppError::RateLimited { retry_after_secs } = self
            && let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::NotFound | AppError::NoRoute => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The HTML answer, in the site's look.
    fn error_response(&self) -> HttpResponse {
        self.log_if_server_error();
        let status = self.status_code();
        if matches!(self, AppError::Unauthorized) {
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/login"))
                .finish();
        }
        let page = crate::views::pages::errors::error_page(status.as_u16(), &self.public_message());
        let mut response = HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(page.into_string());
        self.retry_after(&mut response);
        response
    }
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
            message: self.0.public_message(),
            fields: None,
            field: None,
        };
        match &self.0 {
            AppError::Validation(fields) => error.fields = Some(fields.clone()),
            AppError::Conflict { field, .. } => error.field = Some(field),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code()).json(ErrorBody { error });
        self.0.retry_after(&mut response);
        if matches!(
            self.0,
            AppError::Unauthorized | AppError::InvalidCredentials
        ) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(error: diesel::result::Error) -> Self {
        AppError::Internal(anyhow::Error::new(error).context("database query"))
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(format!("no database connection: {error}"))
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        AppError::Internal(anyhow::anyhow!("blocking task failed: {error}"))
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        ApiError(error.into())
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        ApiError(error.into())
    }
}

/// Whether a database error is a unique-key violation (a duplicate a person can fix).
pub fn is_unique_violation(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}
