//! The board at `/`: ranked, filtered, searched, paginated; reused from the page cache while the
//! content has not changed, and completed per viewer (their account links and votes).

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, get, web};
use serde::Deserialize;

use super::html;
use crate::domain::ids::IdeaId;
use crate::domain::read::{IdeaCard, Page, PastLastPage};
use crate::domain::secrets;
use crate::domain::validation::{FieldErrors, Text};
use crate::services::board::{self as board_reads, BoardRead, ListQuery};
use crate::services::error::ServiceError;
use crate::services::sessions::Visit;
use crate::views::pages::board::{BoardView, board, board_exact_until, board_template};
use crate::views::slots::Viewer;

use crate::i18n::Lang;
use crate::services::insights::Promise;
use crate::web::cookies;
use crate::web::error::AppError;
use crate::web::extractors::{Visitor, nav_user, preference_of, renew_cookie};
use crate::web::middleware::SignedInAnswer;
use crate::web::page_cache::{
    Acceptable, CachedPage, PageKey, VisitPage, kept_for_visitors, recent_enough, respond,
};
use crate::web::promise::PromiseCache;
use crate::web::state::AppState;
use crate::web::{language, page_cache};

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
    /// A product area's slug.
    pub area: Option<String>,
    /// A storm session's slug: the ideas submitted into it.
    pub storm: Option<String>,
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
                ServiceError::Validation(FieldErrors::single(
                    field,
                    Text::new("refused-whole-number"),
                ))
            }),
        };
        Ok(ListQuery {
            sort: self.sort.clone(),
            status: self.status.clone(),
            tag: self.tag.clone(),
            area: self.area.clone(),
            storm: self.storm.clone(),
            q: self.q.clone(),
            page: number("page", &self.page)?,
            per_page: number("per_page", &self.per_page)?,
            past_last_page: PastLastPage::ShowLast,
        })
    }
}

#[get("/")]
pub async fn show_board(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: web::Query<BoardParams>,
) -> Result<HttpResponse, AppError> {
    let query = params.to_query()?;
    if !may_reuse(&req, &state) {
        let visitor = Visitor::from_request(&req, &mut Payload::None).await?;
        return render_fresh(&req, &state, visitor, query).await;
    }
    let token = cookies::session_token(&req, &state.config);
    let lang = language::of_request(&req, &state.config, None);
    let key = key_of(&req, &params, lang);
    let Some(token) = token else {
        if let Some(page) = kept_for_visitors(&req, &state, &key).await? {
            return Ok(anonymous_page(&req, &page));
        }
        return read_and_complete(&req, &state, &params, query, None).await;
    };
    // A visit's own pages are kept under its session (the token's hash, as the database knows
    // it) and the address, and served only while exact.
    let visit_key = format!("{} {}", secrets::token_hash(&token), key.address);
    // One shared read of the version, and no trip to the database if the page is kept (a miss
    // reads the version again, before the session and the page's data).
    let version = state.versions.current(&state.db).await?;
    if let Some(page) = state
        .pages
        .get_visit(&visit_key, version, state.clock.now())
    {
        return Ok(visit_page(&req, &page));
    }
    read_and_complete(&req, &state, &params, query, Some((token, visit_key))).await
}

/// Where a visit's board template is kept: this address, in the visit's own language (the
/// signed-in person's choice beats the request's, so it is decided once the session is read).
#[derive(Clone)]
struct TemplateKey {
    requested: language::Requested,
    address: String,
    search: bool,
}

impl TemplateKey {
    fn of(req: &HttpRequest, config: &crate::config::Config, params: &BoardParams) -> Self {
        TemplateKey {
            requested: language::Requested::of(req, config),
            address: format!("/?{}", req.query_string()),
            search: params.q.as_deref().is_some_and(|q| !q.trim().is_empty()),
        }
    }

    fn lang(&self, visit: Option<&Visit>) -> Lang {
        self.requested.with_preference(preference_of(visit))
    }

    fn for_visit(&self, visit: Option<&Visit>) -> PageKey {
        PageKey {
            address: page_cache::in_language(&self.address, self.lang(visit)),
            search: self.search,
        }
    }
}

/// A board read and its template: the visit, the kept page, the viewer's votes on it, the
/// content version read.
type Completed = (Option<Visit>, Arc<CachedPage>, HashMap<IdeaId, i64>, i64);

/// The board read for this request, with the template kept or reused, completed for the visit
/// (`session`: its token and its key in the page cache) and kept for it.
async fn read_and_complete(
    req: &HttpRequest,
    state: &AppState,
    params: &BoardParams,
    query: ListQuery,
    session: Option<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let key = TemplateKey::of(req, &state.config, params);
    let (pages, template_key) = (state.pages.clone(), key.clone());
    let (clock, choices_kept) = (state.clock.clone(), state.choices.clone());
    let recent = recent_enough(req, &state.config, state.clock.now());
    let token = session.as_ref().map(|(token, _)| token.clone());
    let read = state
        .run(move |db| {
            board_reads::read_board(
                db,
                token.as_deref(),
                &query,
                (&clock, &choices_kept),
                |version, now, visit| {
                    let acceptable = Acceptable {
                        version: Some(version),
                        recent,
                        now,
                    };
                    pages.get(&template_key.for_visit(visit), &acceptable)
                },
                |page| &page.idea_ids,
            )
        })
        .await?;
    let promise = PromiseCache::current(state).await;
    let (visit, page, my_votes, current) = match with_template(req, state, &key, read, promise) {
        Ok(completed) => completed,
        Err(uncut) => return Ok(*uncut),
    };
    let Some((token, visit_key)) = session else {
        return Ok(anonymous_page(req, &page));
    };
    if let Some(visit) = &visit {
        renew_cookie(req, &state.config, visit, token);
    }
    let kept = Arc::new(completed_for(visit.as_ref(), &page, &my_votes));
    // Kept for the visit only when exact: a visit's page is served only at the current version.
    if page.version == current {
        state.pages.insert_visit(visit_key, kept.clone());
    }
    Ok(visit_page(req, &kept))
}

/// The read's template: the kept one, or the fresh page cut and kept in the visit's language; a
/// fresh page that cannot be cut is answered whole (`Err`).
fn with_template(
    req: &HttpRequest,
    state: &AppState,
    key: &TemplateKey,
    read: BoardRead<Arc<CachedPage>>,
    promise: Option<Promise>,
) -> Result<Completed, Box<HttpResponse>> {
    match read {
        BoardRead::Kept {
            visit,
            page,
            my_votes,
            version,
        } => Ok((visit, page, my_votes, version)),
        BoardRead::Fresh {
            visit,
            version,
            list,
            page,
            choices,
            now,
        } => {
            let lang = key.lang(visit.as_ref());
            let view = BoardView {
                list: &list,
                page: &page,
                choices: &choices,
                now,
                here: &here(req),
                promise,
                storm: None,
                storm_tools: None,
            };
            let Some(kept) = keep(state, key.for_visit(visit.as_ref()), version, &view, lang)
            else {
                tracing::warn!("the board template could not be cut at its markers");
                if visit.as_ref().is_some_and(|v| v.account.is_some()) {
                    req.extensions_mut().insert(SignedInAnswer);
                }
                let visitor = Visitor {
                    visit,
                    flash: None,
                    lang,
                    here: Some(here(req)),
                };
                return Err(Box::new(html(
                    StatusCode::OK,
                    board(&visitor.chrome(), &view),
                )));
            };
            Ok((visit, kept, own_votes(&page), version))
        }
    }
}

/// The cache decision, in one place: a board address is served from the page cache when the
/// cache is on, there is no one-time message to show, and the address is of reasonable length.
/// (Every order is a stored key, `trending` too, so none moves with the clock alone.)
fn may_reuse(req: &HttpRequest, state: &AppState) -> bool {
    state.pages.enabled() && req.query_string().len() <= 512 && !cookies::has_flash(req)
}

/// The viewer's own votes on the ideas of a page read for them.
fn own_votes(page: &Page<IdeaCard>) -> HashMap<IdeaId, i64> {
    page.items
        .iter()
        .filter_map(|idea| Some((idea.id.clone(), idea.my_vote?)))
        .collect()
}

/// The kept board completed for one visit: a signed-in person's own page, or the visitors' page
/// for a session without anyone signed in, each kept until it would look different.
fn completed_for(
    visit: Option<&Visit>,
    page: &CachedPage,
    my_votes: &HashMap<IdeaId, i64>,
) -> VisitPage {
    match visit {
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
                my_votes,
            });
            VisitPage::private(page, page.exact_until.min(*unchanged_until), body)
        }
        Some(visit) => VisitPage::visitors(page, visit.unchanged_until),
        // A token that finds no live session never will: tokens are never reused and an
        // expired session is not revived.
        None => VisitPage::visitors(page, page.exact_until),
    }
}

/// The page for a visitor who is not signed in: the same bytes for all of them (compressed once
/// in each coding browsers ask for), so browsers and proxies may keep it and ask again with
/// `If-None-Match` (answered 304 while it is current).
fn anonymous_page(req: &HttpRequest, page: &CachedPage) -> HttpResponse {
    respond(req, &page.etag, "no-cache", &page.anonymous)
}

/// A visit's kept page: a signed-in person's is theirs alone (`private, no-store`, as every
/// answer to a session is), compressed once per coding, on first use, rather than by the
/// middleware on every response.
fn visit_page(req: &HttpRequest, page: &VisitPage) -> HttpResponse {
    let cache_control = if page.private {
        "private, no-store"
    } else {
        "no-cache"
    };
    respond(req, &page.etag, cache_control, &page.body)
}

/// The page cache's key for this board address: its path and query (`/?sort=top`), so that no
/// query can name another kept page's key (`/roadmap`, `/theme.css`, `/ideas/1?`).
fn key_of(req: &HttpRequest, params: &BoardParams, lang: Lang) -> PageKey {
    PageKey {
        address: page_cache::in_language(&format!("/?{}", req.query_string()), lang),
        search: params.q.as_deref().is_some_and(|q| !q.trim().is_empty()),
    }
}

/// Cuts the freshly read board into a template and keeps it as read at `version` (and with every
/// change before `view.now`, which was read before its data); `None` if it cannot be cut.
fn keep(
    state: &AppState,
    key: PageKey,
    version: i64,
    view: &BoardView<'_>,
    lang: Lang,
) -> Option<Arc<CachedPage>> {
    let template = board_template(view, state.pages.marker(), lang)?;
    let exact_until = board_exact_until(view).unwrap_or(view.now + chrono::Duration::days(1));
    let kept = Arc::new(CachedPage::new(version, view.now, exact_until, template));
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
    let now = state.clock.now();
    let (list, page, choices) = state
        .run(move |db| board_reads::fresh_board(db, viewer.as_ref(), &query, now))
        .await?;
    let here = here(req);
    let view = BoardView {
        list: &list,
        page: &page,
        choices: &choices,
        now: state.clock.now(),
        here: &here,
        promise: PromiseCache::current(state).await,
        storm: None,
        storm_tools: None,
    };
    Ok(html(StatusCode::OK, board(&visitor.chrome(), &view)))
}
