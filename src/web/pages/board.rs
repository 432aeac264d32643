//! The board at `/`: ranked, filtered, searched, paginated; reused from the page cache while the
//! content has not changed, and completed per viewer (their account links and votes).

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::{StatusCode, header};
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest, HttpResponse, get, web};
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::html;
use crate::domain::read::{IdeaCard, Page, PastLastPage, ResolvedList};
use crate::domain::validation::FieldErrors;
use crate::domain::{clock, secrets};
use crate::services::board::{self as board_reads, Choices, ListQuery};
use crate::services::error::ServiceError;
use crate::services::sessions::{self, Visit};
use crate::views::pages::board::{BoardView, board, board_exact_until, board_template};
use crate::views::slots::Viewer;
use crate::web::cookies;
use crate::web::error::AppError;
use crate::web::extractors::{Visitor, nav_user, renew_cookie};
use crate::web::page_cache::{CachedPage, PageKey, VisitPage, accepts_gzip, gzip_etag};
use crate::web::state::AppState;

/// The board's query string, as typed (numbers are checked by the service).
#[derive(Debug, Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardParams {
    /// popular (the default; relevance when `q` is given), top, trending, new or discussed.
    pub sort: Option<String>,
    /// A status slug; default: the open and active statuses.
    pub status: Option<String>,
    /// A tag slug.
    pub tag: Option<String>,
    /// Words to search titles and bodies for.
    pub q: Option<String>,
    /// 1-based page number.
    #[param(value_type = Option<i64>)]
    pub page: Option<String>,
    /// Ideas per page, 1–100 (default 20).
    #[param(value_type = Option<i64>)]
    pub per_page: Option<String>,
}

impl BoardParams {
    /// The service's query; a page number that is not a number is a field error.
    pub fn to_query(&self) -> Result<ListQuery, AppError> {
        let number = |field: &'static str, raw: &Option<String>| match raw
            .as_deref()
            .filter(|r| !r.is_empty())
        {
            None => Ok(None),
            Some(raw) => raw.parse::<i64>().map(Some).map_err(|_| {
                ServiceError::Validation(FieldErrors::single(field, "Use a whole number."))
            }),
        };
        Ok(ListQuery {
            sort: self.sort.clone(),
            status: self.status.clone(),
            tag: self.tag.clone(),
            q: self.q.clone(),
            page: number("page", &self.page)?,
            per_page: number("per_page", &self.per_page)?,
            past_last_page: PastLastPage::ShowLast,
        })
    }
}

/// Whether this board address may be served from the page cache: not `trending` (its window
/// moves with the clock), not a one-time message to show, and an address of reasonable length.
fn reusable(req: &HttpRequest, params: &BoardParams) -> bool {
    params.sort.as_deref() != Some("trending")
        && req.query_string().len() <= 512
        && !cookies::has_flash(req)
}

/// What the one database visit of a reusable board request found.
enum Found {
    /// The page was in the cache at the current content version.
    Kept {
        visit: Option<Visit>,
        page: Arc<CachedPage>,
        my_votes: HashMap<String, i64>,
    },
    /// The page was rendered from the database, at this content version.
    Read {
        visit: Option<Visit>,
        version: i64,
        list: ResolvedList,
        page: Page<IdeaCard>,
        choices: (Choices, Choices),
        now: NaiveDateTime,
    },
}

#[get("/")]
pub async fn show_board(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: web::Query<BoardParams>,
) -> Result<HttpResponse, AppError> {
    let query = params.to_query()?;
    if !state.pages.enabled() || !reusable(&req, &params) {
        let visitor = Visitor::from_request(&req, &mut Payload::None).await?;
        return render_fresh(&req, &state, visitor, query).await;
    }
    let token = cookies::session_token(&req, &state.config);
    let key = key_of(&req, &params);
    // A visit's own pages are kept under its session (the token's hash, as the database knows
    // it) and the address.
    let visit_key = token
        .as_deref()
        .map(|token| format!("{} {}", secrets::token_hash(token), key.address));
    // One shared read of the version, and no trip to the database if the page is kept (a miss
    // reads the version again below, before the session and the page's data).
    let version = state.versions.current(&state.db).await?;
    let now = clock::now();
    match &visit_key {
        None => {
            if let Some(page) = state.pages.get(&key, version, now) {
                return Ok(anonymous_page(&req, &page));
            }
        }
        Some(visit_key) => {
            if let Some(page) = state.pages.get_visit(visit_key, version, now) {
                return Ok(visit_page(&req, &page));
            }
        }
    }
    let pages = state.pages.clone();
    let sent_token = token.clone();
    let found = state
        .run(move |db| {
            // The version first: whatever it counts, the session and the page read after it
            // reflect.
            let version = board_reads::content_version(db)?;
            let visit = match token {
                Some(token) => sessions::resolve(db, &token)?,
                None => None,
            };
            let now = clock::now();
            if let Some(page) = pages.get(&key, version, now) {
                let my_votes = match visit.as_ref().and_then(|v| v.account.as_ref()) {
                    Some(account) => board_reads::my_votes(db, account, &page.idea_ids)?,
                    None => HashMap::new(),
                };
                return Ok(Found::Kept {
                    visit,
                    page,
                    my_votes,
                });
            }
            let viewer = visit.as_ref().and_then(|v| v.account.as_ref());
            let (list, page) = board_reads::list(db, viewer, &query)?;
            let choices = board_reads::filter_choices(db)?;
            Ok(Found::Read {
                visit,
                version,
                list,
                page,
                choices,
                now,
            })
        })
        .await?;
    let (visit, page, my_votes) = match found {
        Found::Kept {
            visit,
            page,
            my_votes,
        } => (visit, page, my_votes),
        Found::Read {
            visit,
            version,
            list,
            page,
            choices,
            now,
        } => {
            let view = BoardView {
                list: &list,
                page: &page,
                statuses: &choices.0,
                tags: &choices.1,
                now,
                here: &here(&req),
            };
            let Some(kept) = keep(&state, key_of(&req, &params), version, &view) else {
                tracing::warn!("the board template could not be cut at its markers");
                let visitor = Visitor { visit, flash: None };
                return Ok(html(StatusCode::OK, board(&visitor.chrome(), &view)));
            };
            let my_votes = page
                .items
                .iter()
                .filter_map(|idea| Some((idea.id.clone(), idea.my_vote?)))
                .collect();
            (visit, kept, my_votes)
        }
    };
    if let (Some(visit), Some(token)) = (&visit, sent_token) {
        renew_cookie(&req, &state.config, visit, token);
    }
    let Some(visit_key) = visit_key else {
        return Ok(anonymous_page(&req, &page));
    };
    let kept = match &visit {
        Some(Visit {
            account: Some(account),
            csrf_token,
            unchanged_until,
            ..
        }) => {
            let user = nav_user(account);
            let body = page.template.fill(&Viewer {
                user: Some(&user),
                csrf_token: Some(csrf_token),
                my_votes: &my_votes,
            });
            VisitPage::private(page.version, page.exact_until.min(*unchanged_until), body)
        }
        // A session without anyone signed in sees the visitors' page, until it would look
        // different.
        Some(visit) => VisitPage::visitors(&page, visit.unchanged_until),
        // A token that finds no live session never will: tokens are never reused and an
        // expired session is not revived.
        None => VisitPage::visitors(&page, page.exact_until),
    };
    let kept = Arc::new(kept);
    state.pages.insert_visit(visit_key, kept.clone());
    Ok(visit_page(&req, &kept))
}

/// The page for a visitor who is not signed in: the same bytes for all of them (gzip-compressed
/// once for browsers that accept it), so browsers and proxies may keep it and ask again with
/// `If-None-Match` (answered 304 while it is current).
fn anonymous_page(req: &HttpRequest, page: &CachedPage) -> HttpResponse {
    send(
        req,
        &page.etag,
        "no-cache",
        || page.anonymous.clone(),
        || page.anonymous_gzip.clone(),
    )
}

/// A visit's kept page: a signed-in person's is theirs alone (`private`), gzip-compressed once,
/// on first use, rather than by the middleware, which hands every body over 1 KiB to another
/// thread to compress on every response.
fn visit_page(req: &HttpRequest, page: &VisitPage) -> HttpResponse {
    let cache_control = if page.private {
        "private, no-cache"
    } else {
        "no-cache"
    };
    send(
        req,
        &page.etag,
        cache_control,
        || page.body.clone(),
        || page.gzip().clone(),
    )
}

/// A page with its entity tag (the gzip variant's has `-gz` at the end), or 304 when the browser
/// already holds it.
fn send(
    req: &HttpRequest,
    etag: &str,
    cache_control: &'static str,
    plain: impl FnOnce() -> Bytes,
    gzipped: impl FnOnce() -> Bytes,
) -> HttpResponse {
    let gzip = accepts_gzip(req);
    let etag = if gzip {
        gzip_etag(etag)
    } else {
        etag.to_string()
    };
    let revalidated = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|sent| {
            sent.split(',')
                .any(|tag| tag.trim().trim_start_matches("W/") == etag)
        });
    let mut response = if revalidated {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache_control))
        .insert_header((header::VARY, "Cookie, Accept-Encoding"));
    if revalidated {
        return response.finish();
    }
    response.content_type("text/html; charset=utf-8");
    if gzip {
        response
            .insert_header((header::CONTENT_ENCODING, "gzip"))
            .body(gzipped())
    } else {
        response.body(plain())
    }
}

/// The page cache's key for this board address.
fn key_of(req: &HttpRequest, params: &BoardParams) -> PageKey {
    PageKey {
        address: req.query_string().to_string(),
        search: params.q.as_deref().is_some_and(|q| !q.trim().is_empty()),
    }
}

/// Cuts the freshly read board into a template and keeps it as read at `version`; `None` if it
/// cannot be cut.
fn keep(
    state: &AppState,
    key: PageKey,
    version: i64,
    view: &BoardView<'_>,
) -> Option<Arc<CachedPage>> {
    let template = board_template(view, state.pages.marker())?;
    let exact_until = board_exact_until(view).unwrap_or(view.now + chrono::Duration::days(1));
    let kept = Arc::new(CachedPage::new(version, exact_until, template));
    state.pages.insert(key, kept.clone());
    Some(kept)
}

/// This page's own address, where vote forms come back to.
fn here(req: &HttpRequest) -> String {
    match req.query_string() {
        "" => "/".to_string(),
        query => format!("/?{query}"),
    }
}

/// The board rendered from the database for this visitor, without the page cache.
async fn render_fresh(
    req: &HttpRequest,
    state: &AppState,
    visitor: Visitor,
    query: ListQuery,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.account().cloned();
    let (list, page, statuses, tags) = state
        .run(move |db| {
            let (list, page) = board_reads::list(db, viewer.as_ref(), &query)?;
            let (statuses, tags) = board_reads::filter_choices(db)?;
            Ok((list, page, statuses, tags))
        })
        .await?;
    let here = here(req);
    let view = BoardView {
        list: &list,
        page: &page,
        statuses: &statuses,
        tags: &tags,
        now: clock::now(),
        here: &here,
    };
    Ok(html(StatusCode::OK, board(&visitor.chrome(), &view)))
}
