//! `ServiceError`: every way a use case can fail, classified by what the person should be told.
//! It knows nothing of HTTP; `web::error` maps it to responses.

use crate::db::DbError;
use crate::domain::validation::{FieldErrors, Refusal, Text};
use crate::i18n::Lang;

/// A failed use case.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("invalid input: {0}")]
    Validation(FieldErrors),
    #[error("bad request: {0}")]
    BadRequest(Refusal),
    #[error("sign-in required")]
    Unauthorized,
    #[error("email or password is wrong")]
    InvalidCredentials,
    #[error("forbidden: {0}")]
    Forbidden(Refusal),
    #[error("not found")]
    NotFound,
    #[error("conflict on {field}: {message}")]
    Conflict {
        code: &'static str,
        field: &'static str,
        message: Refusal,
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

    /// What a person may be told, in `lang`: never SQL, paths or a stack trace.
    pub fn public_message(&self, lang: Lang) -> String {
        let text = match self {
            ServiceError::Validation(errors) => {
                Text::new("problem-validation").with("errors", errors.in_language(lang).to_string())
            }
            ServiceError::BadRequest(refusal) | ServiceError::Forbidden(refusal) => {
                return refusal.in_language(lang);
            }
            ServiceError::Conflict { message, .. } => return message.in_language(lang),
            ServiceError::Unauthorized => Text::new("problem-unauthorized"),
            ServiceError::InvalidCredentials => Text::new("problem-invalid-credentials"),
            ServiceError::NotFound => Text::new("problem-not-found"),
            ServiceError::RateLimited { retry_after_secs } => Text::new("problem-rate-limited")
                .with(
                    "seconds",
                    i64::try_from(*retry_after_secs).unwrap_or(i64::MAX),
                ),
            ServiceError::Unavailable(_) => Text::new("problem-unavailable"),
            ServiceError::Internal(_) => Text::new("problem-internal"),
        };
        text.in_language(lang)
    }

    /// A refusal for want of a role or permission.
    pub fn forbidden() -> Self {
        ServiceError::Forbidden(Text::new("refused-permission").into())
    }

    /// A refusal naming its `text`.
    pub fn refused(text: Text) -> Self {
        ServiceError::Forbidden(text.into())
    }

    /// A duplicate on `field`, told with `text`.
    pub fn conflict(field: &'static str, text: Text) -> Self {
        ServiceError::Conflict {
            code: "conflict",
            field,
            message: text.into(),
        }
    }

    /// A conflict with its own stable `code`.
    pub fn conflict_coded(code: &'static str, field: &'static str, text: Text) -> Self {
        ServiceError::Conflict {
            code,
            field,
            message: text.into(),
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
