//! Logging: one tracing subscriber, filtered by `LOG` (e.g. `info`, `ideaboard=debug`), and the
//! per-request span, whose path has secrets (reset tokens) redacted.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use tracing::Span;
use tracing_actix_web::RootSpanBuilder;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber once; later calls (tests) are ignored.
pub fn init(filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}

/// A request path fit for logs: the secret segment of `/reset/{token}` and
/// `/register/{token}` is replaced.
pub fn redact_path(path: &str) -> String {
    for secret_route in ["/reset/", "/register/"] {
        if path
            .strip_prefix(secret_route)
            .is_some_and(|rest| !rest.is_empty())
        {
            return format!("{secret_route}[redacted]");
        }
    }
    path.chars().take(200).collect()
}

/// The span around every request: method, redacted path, a request id, and the status.
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        tracing::info_span!(
            "request",
            method = %request.method(),
            path = %redact_path(request.path()),
            request_id = %uuid::Uuid::now_v7(),
            status = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(response) => response.status().as_u16(),
            Err(error) => error.as_response_error().status_code().as_u16(),
        };
        span.record("status", status);
        tracing::debug!(parent: &span, status, "request finished");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_tokens_never_reach_the_logs() {
        assert_eq!(redact_path("/reset/abcdef0123"), "/reset/[redacted]");
        assert_eq!(redact_path("/reset"), "/reset");
        assert_eq!(redact_path("/login"), "/login");
    }
}
