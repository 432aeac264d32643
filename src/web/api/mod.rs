//! JSON API handlers under `/api/v1`, authenticated by bearer token only.

pub mod comments;
pub mod export;
pub mod ideas;
pub mod moderation;
pub mod objects;
pub mod openapi;
pub mod pipeline;
pub mod routes;
pub mod tags;
pub mod tokens;
pub mod users;

use actix_web::HttpRequest;
use actix_web::error::JsonPayloadError;

use crate::web::error::{ApiError, AppError};

/// Turns a JSON body that could not be read into a JSON error: 413 when too large, 415 is
/// answered as 400 with the reason, never a plain-text actix error.
pub fn json_error(error: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let app_error = match &error {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            AppError::PayloadTooLarge
        }
        JsonPayloadError::ContentType => {
            AppError::bad_request("Send the body as application/json.")
        }
        JsonPayloadError::Deserialize(e) => {
            AppError::bad_request(format!("The JSON body is not valid: {e}"))
        }
        _ => AppError::bad_request("The JSON body could not be read."),
    };
    ApiError(app_error).into()
}
