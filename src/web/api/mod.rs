//! JSON API handlers under `/api/v1`, authenticated by bearer token only.

pub mod areas;
pub mod changelog;
pub mod comments;
pub mod community;
pub mod export;
pub mod ideas;
pub mod insights;
pub mod moderation;
pub mod objects;
pub mod openapi;
pub mod own_data;
pub mod pipeline;
pub mod routes;
pub mod storms;
pub mod tags;
pub mod tokens;
pub mod triage;
pub mod users;
pub mod watches;
pub mod webhooks;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::JsonPayloadError;
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::BytesMut;
use actix_web::{HttpMessage, HttpRequest};
use futures_util::StreamExt;

use crate::web::error::{ApiError, AppError};
use crate::web::routes::JSON_LIMIT;

/// Every JSON body the API reads is an object: serde would otherwise read a struct from an array
/// (`[null, null]` as "change nothing") and answer 200 to what no client meant. Anything else is
/// a 400 naming the rule, before any handler runs.
pub async fn json_bodies_are_objects(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH) && sends_json(&req) {
        let mut payload = req.take_payload();
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let refusal = match chunk {
                Ok(chunk) if body.len() + chunk.len() <= JSON_LIMIT => {
                    body.extend_from_slice(&chunk);
                    continue;
                }
                Ok(_) => AppError::PayloadTooLarge,
                Err(e) => AppError::bad_request(format!("The body could not be read: {e}")),
            };
            return Ok(refuse(req, refusal));
        }
        let first = body.iter().find(|b| !b.is_ascii_whitespace());
        if first.is_some_and(|b| *b != b'{') {
            let refusal = AppError::bad_request(
                "The JSON body must be an object, such as {\"title\": \"…\"}.",
            );
            return Ok(refuse(req, refusal));
        }
        req.set_payload(Payload::from(body.freeze()));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Whether the body is JSON as the JSON extractor reads it: `application/json` and any
/// `…/…+json` type.
fn sends_json(req: &ServiceRequest) -> bool {
    match req.mime_type() {
        Ok(Some(mime)) => {
            mime.subtype() == actix_web::mime::JSON || mime.suffix() == Some(actix_web::mime::JSON)
        }
        _ => false,
    }
}

/// Answers with `error` as a response, not an error, so the outer middlewares (security headers,
/// compression, logging) still see it.
fn refuse(req: ServiceRequest, error: AppError) -> ServiceResponse<BoxBody> {
    req.into_response(actix_web::ResponseError::error_response(&ApiError(error)))
}

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
