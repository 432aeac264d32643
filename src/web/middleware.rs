//! Middleware: security headers on every response, `no-store` on every answer to a signed-in
//! person, writing queued cookies, and telling a browser when it last changed something.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{AUTHORIZATION, CACHE_CONTROL, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{Error, HttpMessage, ResponseError, web};

use super::cookies::PendingCookies;
use super::error::{ApiError, AppError};
use super::state::AppState;

/// Content-Security-Policy: only our own resources, no plugins, no framing, no `<base>` tricks.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; object-src 'none'; base-uri 'none'; \
    frame-ancestors 'none'; form-action 'self'";

/// The security headers added to every response; HSTS only when the site is served over https.
pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ))
        .add(("Cross-Origin-Opener-Policy", "same-origin"));
    if https {
        headers.add((
            "Strict-Transport-Security",
            "max-age=63072000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// Adds the cookies that handlers and extractors queued for this response.
pub async fn write_cookies(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut response = next.call(req).await?;
    let pending = response
        .request()
        .extensions_mut()
        .remove::<PendingCookies>();
    if let Some(PendingCookies(cookies)) = pending {
        for cookie in cookies {
            response.response_mut().add_cookie(&cookie)?;
        }
    }
    Ok(response)
}

/// A browser that changed something (a request that is not a GET or HEAD, answered without an
/// error, sent without an API token) is given the content version read after the change, in a
/// cookie: pages read at an older version are then not served to it, though others may still see
/// them for `PAGE_STALE_SECS`.
pub async fn remember_changes(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let changes = !matches!(req.method(), &Method::GET | &Method::HEAD)
        && !req.headers().contains_key(AUTHORIZATION);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let mut response = next.call(req).await?;
    if let Some(state) = state.filter(|s| changes && s.config.page_stale_secs > 0)
        && !response.status().is_client_error()
        && !response.status().is_server_error()
    {
        match state.versions.current(&state.db).await {
            Ok(version) => {
                let cookie = super::cookies::changed(&state.config, version);
                response.response_mut().add_cookie(&cookie)?;
            }
            Err(error) => tracing::warn!(%error, "the version after a change could not be read"),
        }
    }
    Ok(response)
}

/// Set on a request whose visitor turned out to be signed in (by the extractor that found the
/// session, or the board, which finds it itself).
#[derive(Debug, Clone, Copy)]
pub struct SignedInAnswer;

/// Every answer to a signed-in person is `private, no-store`: their pages (their name, their
/// votes, their tokens, moderators' queues) are kept by no browser cache or proxy, so a shared
/// computer's back button or disk shows nothing after sign-out. Anonymous pages keep their own
/// caching.
pub async fn no_store_for_signed_in(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut response = next.call(req).await?;
    let signed_in = response.request().extensions().contains::<SignedInAnswer>();
    if signed_in {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    Ok(response)
}

/// A path holding a control character once decoded (`/api/v1/comments/%00`) names nothing that
/// is stored, and PostgreSQL refuses NUL outright: answered 404 before any route or query, JSON
/// under `/api`, the site's page elsewhere.
pub async fn refuse_control_characters_in_paths(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let decoded = urlencoding::decode_binary(req.path().as_bytes());
    let names_nothing = String::from_utf8_lossy(&decoded)
        .chars()
        .any(char::is_control);
    if names_nothing {
        let error = AppError::not_found();
        let response = if req.path().starts_with("/api/") {
            ApiError(error).error_response()
        } else {
            error.error_response()
        };
        return Ok(req.into_response(response));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}
