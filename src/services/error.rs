//! `ServiceError`: every way a use case can fail, classified by what the person should be told.
//! It knows nothing of HTTP; `web::error` maps it to responses.

use crate::db::DbError;
use crate::domain::validation::FieldErrors;

/// A failed use case.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
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
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ServiceError {
    /// A stable, machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            ServiceError::Validation(_) => "validation_failed",
            ServiceError::BadRequest(_) => "bad_request",
            ServiceError::Unauthorized => "unauthorized",
            ServiceError::InvalidCredentials => "invalid_credentials",
            ServiceError::Forbidden(_) => "forbidden",
            ServiceError::NotFound => "not_found",
            ServiceError::Conflict { code, .. } => code,
            ServiceError::RateLimited { .. } => "rate_limited",
            ServiceError::Unavailable(_) => "unavailable",
            ServiceError::Internal(_) => "internal",
        }
    }

    /// What a person may be told: never SQL, paths or a stack trace.
    pub fn public_message(&self) -> String {
        match self {
            ServiceError::Validation(errors) => format!("Please correct: {errors}"),
            ServiceError::BadRequest(message) | ServiceError::Forbidden(message) => message.clone(),
            ServiceError::Unauthorized => "Sign in (or send a valid API token) to do this.".into(),
            ServiceError::InvalidCredentials => {
                "That email and password do not match an account.".into()
            }
            ServiceError::NotFound => "There is nothing here.".into(),
            ServiceError::Conflict { message, .. } => message.clone(),
            ServiceError::RateLimited { retry_after_secs } => {
                format!("Too many attempts. Try again in {retry_after_secs} seconds.")
            }
            ServiceError::Unavailable(_) => "The service is not ready. Try again shortly.".into(),
            ServiceError::Internal(_) => {
                "Something went wrong on our side. It has been logged.".into()
            }
        }
    }

    pub fn forbidden() -> Self {
        ServiceError::Forbidden("You do not have permission to do this.".into())
    }

    pub fn conflict(field: &'static str, message: impl Into<String>) -> Self {
        ServiceError::Conflict {
            code: "conflict",
            field,
            message: message.into(),
        }
    }
}

impl From<diesel::result::Error> for ServiceError {
    fn from(error: diesel::result::Error) -> Self {
        if means_database_unreachable(&error) {
            return ServiceError::Unavailable(format!("database: {error}"));
        }
        ServiceError::Internal(anyhow::Error::new(error).context("database query"))
    }
}

/// Whether a query failed because the database could not be reached or is held by someone else
/// (PostgreSQL gone or restarting, SQLite locked past its busy timeout), not because of the query:
/// the same request will work again shortly, so it is a 503, not a 500.
fn means_database_unreachable(error: &diesel::result::Error) -> bool {
    use diesel::result::DatabaseErrorKind;
    match error {
        diesel::result::Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _,
        ) => true,
        diesel::result::Error::DatabaseError(_, info) => {
            let message = info.message();
            message.contains("database is locked")
                || message.contains("terminating connection")
                || message.contains("the database system is")
                || message.contains("server closed the connection")
        }
        _ => false,
    }
}

impl From<DbError> for ServiceError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::Pool(_) | DbError::Open(_) => ServiceError::Unavailable(error.to_string()),
            DbError::Query(error) => error.into(),
            DbError::Task(_) => ServiceError::Internal(anyhow::Error::new(error)),
        }
    }
}

/// Whether a database error is a unique-key violation (a duplicate a person can fix).
pub fn is_unique_violation(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}
