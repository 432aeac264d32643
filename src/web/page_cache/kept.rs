//! Pages kept for visitors who are not signed in (idea pages, the roadmap, the feeds): one
//! served from the cache when one may be, else read, rendered and kept by the handler.

use std::sync::Arc;

use chrono::NaiveDateTime;

use actix_web::{HttpRequest, HttpResponse};

use super::{Acceptable, CachedPage, PageKey, recent_enough, respond_as};
use crate::services::Db;
use crate::services::error::ServiceError;
use crate::views::slots::Template;
use crate::web::cookies;
use crate::web::error::AppError;
use crate::web::extractors::Visitor;
use crate::web::state::AppState;

/// Whether this request's page may be served from (and kept in) the page cache as the visitors'
/// page: the cache is on, nobody is signed in and there is no session at all, no one-time
/// message waits, and the address is of reasonable length.
pub fn may_keep(req: &HttpRequest, state: &AppState, visitor: &Visitor) -> bool {
    state.pages.enabled()
        && visitor.visit.is_none()
        && cookies::session_token(req, &state.config).is_none()
        && !cookies::has_flash(req)
        && req.query_string().len() <= 512
}

/// The visitors' page at `key`, kept or else read by `read` (after the time and the version, on
/// the blocking pool), written out by `render` and kept for a day (it must show no ages).
pub async fn kept_or_read<T, R>(
    req: &HttpRequest,
    state: &AppState,
    key: PageKey,
    content_type: &'static str,
    read: R,
    render: impl FnOnce(T) -> String,
) -> Result<HttpResponse, AppError>
where
    T: Send + 'static,
    R: FnOnce(&mut Db) -> Result<T, ServiceError> + Send + 'static,
{
    if let Some(page) = kept_for_visitors(req, state, &key).await? {
        return Ok(respond_as(
            req,
            &page.etag,
            "no-cache",
            content_type,
            &page.anonymous,
        ));
    }
    let clock = state.clock.clone();
    let (version, read_at, data) = state
        .run(move |db| {
            let read_at = clock.now();
            let version = crate::services::board::content_version(db)?;
            Ok((version, read_at, read(db)?))
        })
        .await?;
    let exact_until = read_at + chrono::Duration::days(1);
    let body = render(data);
    let kept = keep_rendered(state, key, version, read_at, exact_until, &body)?;
    Ok(respond_as(
        req,
        &kept.etag,
        "no-cache",
        content_type,
        &kept.anonymous,
    ))
}

/// The page kept for `key` that this request may be served: first one recent enough
/// (`recent_enough`, no trip to the database), else one read at the content version read now.
pub async fn kept_for_visitors(
    req: &HttpRequest,
    state: &AppState,
    key: &PageKey,
) -> Result<Option<Arc<CachedPage>>, AppError> {
    let now = state.clock.now();
    let recent = recent_enough(req, &state.config, now);
    if recent.is_some() {
        let without_version = Acceptable {
            version: None,
            recent,
            now,
        };
        if let Some(page) = state.pages.get(key, &without_version) {
            return Ok(Some(page));
        }
    }
    let version = state.versions.current(&state.db).await?;
    let current = Acceptable {
        version: Some(version),
        recent,
        now: state.clock.now(),
    };
    Ok(state.pages.get(key, &current))
}

/// Keeps `body`, read at `version` with every change committed before `read_at` in it, under
/// `key` until `exact_until` (when an age it shows would read differently).
pub fn keep_rendered(
    state: &AppState,
    key: PageKey,
    version: i64,
    read_at: NaiveDateTime,
    exact_until: NaiveDateTime,
    body: &str,
) -> Result<Arc<CachedPage>, AppError> {
    let Some(template) = Template::split(body, state.pages.marker(), Vec::new(), "/") else {
        return Err(AppError::from(ServiceError::Internal(anyhow::anyhow!(
            "a page held the page cache's marker"
        ))));
    };
    let kept = Arc::new(CachedPage::new(version, read_at, exact_until, template));
    state.pages.insert(key, kept.clone());
    Ok(kept)
}
