//! `/healthz` (the process answers) and `/readyz` (the database answers).

use std::time::Duration;

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};

use super::state::AppState;
use crate::services::maintenance;
use crate::web::error::UNAVAILABLE_RETRY_AFTER_SECS;

#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// How long `/readyz` waits for the database before it answers that it is not ready: a load
/// balancer's check must get an answer in time, whatever the database is doing.
const READY_WITHIN: Duration = Duration::from_secs(1);

#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let checked = tokio::time::timeout(READY_WITHIN, state.run(maintenance::ready)).await;
    let cause = match checked {
        Ok(Ok(())) => {
            return HttpResponse::Ok()
                .content_type("text/plain; charset=utf-8")
                .body("ready");
        }
        Ok(Err(error)) => error.to_string(),
        Err(_) => format!("no answer from the database within {READY_WITHIN:?}"),
    };
    tracing::warn!(%cause, "not ready");
    HttpResponse::ServiceUnavailable()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            header::RETRY_AFTER,
            UNAVAILABLE_RETRY_AFTER_SECS.to_string(),
        ))
        .body("database unavailable")
}
