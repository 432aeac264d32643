//! The idea page: shown fresh to signed-in people, and kept for visitors who are not signed in
//! (like the board's pages: reused while the content version has not moved, or briefly after,
//! and while no age it shows would read differently).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;

use super::html;
use crate::domain::comment_pages::CommentsAt;
use crate::domain::ids::CommentId;
use crate::domain::validation::{FieldErrors, Text};
use crate::services::board as board_reads;
use crate::services::error::ServiceError;
use crate::services::idea_page::{self, IdeaPage};
use crate::views::layout::Chrome;
use crate::views::pages::ideas::{self as views, IdeaPageView, idea_page_exact_until};
use crate::web::error::AppError;
use crate::web::extractors::Visitor;
use crate::web::page_cache;
use crate::web::page_cache::{PageKey, keep_rendered, kept_for_visitors, may_keep, respond};
use crate::web::state::AppState;

/// Which page of comments the address asks for: `?comments=N`, or `?comment=ID` for the page
/// that holds that comment (the links in emails and after posting).
#[derive(Debug, Deserialize)]
pub struct IdeaQuery {
    comments: Option<String>,
    comment: Option<String>,
}

impl IdeaQuery {
    fn comments_at(&self) -> Result<CommentsAt, ServiceError> {
        if let Some(id) = self.comment.as_deref().filter(|id| !id.is_empty()) {
            return Ok(CommentsAt::Containing(CommentId::from_stored(
                id.to_string(),
            )));
        }
        match self.comments.as_deref().filter(|p| !p.is_empty()) {
            None => Ok(CommentsAt::default()),
            Some(page) => match page.parse::<usize>() {
                Ok(page) if page >= 1 => Ok(CommentsAt::Page(page)),
                _ => Err(ServiceError::Validation(FieldErrors::single(
                    "comments",
                    Text::new("refused-comment-page"),
                ))),
            },
        }
    }
}

#[get("/ideas/{number}")]
pub async fn show_idea(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    number: web::Path<i64>,
    query: web::Query<IdeaQuery>,
) -> Result<HttpResponse, AppError> {
    let shown = Shown {
        comments_at: query.comments_at()?,
        ..Shown::default()
    };
    let number = number.into_inner();
    if may_keep(&req, &state, &visitor) {
        return kept_or_fresh(&req, &state, &visitor, number, shown).await;
    }
    render_idea(&state, &visitor, number, StatusCode::OK, shown).await
}

/// The visitors' page of this idea from the page cache, or read, rendered and kept.
async fn kept_or_fresh(
    req: &HttpRequest,
    state: &AppState,
    visitor: &Visitor,
    number: i64,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let key = PageKey {
        address: page_cache::in_language(
            &format!("/ideas/{number}?{}", req.query_string()),
            visitor.lang,
        ),
        search: false,
    };
    if let Some(page) = kept_for_visitors(req, state, &key).await? {
        return Ok(respond(req, &page.etag, "no-cache", &page.anonymous));
    }
    let at = shown.comments_at.clone();
    let clock = state.clock.clone();
    let (version, read_at, read) = state
        .run(move |db| {
            // The time and the version first: a change made while the page is read moves the
            // version past this one, and every change before the time is in what is read.
            let read_at = clock.now();
            let version = board_reads::content_version(db)?;
            let read = idea_page::read(db, None, number, &at)?;
            Ok::<_, ServiceError>((version, read_at, read))
        })
        .await?;
    let chrome = page_chrome(state, visitor.chrome(), number);
    let (markup, exact_until) = match rendered(
        state.config.response,
        &chrome,
        &read,
        &shown,
        state.clock.now(),
    ) {
        Rendered::Page(markup, exact_until) => (markup, exact_until),
        Rendered::MergedInto(target) => return Ok(merged_redirect(target)),
    };
    let body = markup.into_string();
    let kept = keep_rendered(state, key, version, read_at, exact_until, &body)?;
    Ok(respond(req, &kept.etag, "no-cache", &kept.anonymous))
}

/// What the idea page shows besides the idea: errors and a draft to keep at a form, and which
/// page of comments.
#[derive(Debug, Default)]
pub struct Shown {
    pub comment_errors: FieldErrors,
    pub comment_draft: String,
    pub status_errors: FieldErrors,
    pub comments_at: CommentsAt,
}

impl Shown {
    /// A comment refused at its field: the draft kept, on the last page (where it would go).
    pub fn refused_comment(errors: FieldErrors, draft: &str) -> Self {
        Shown {
            comment_errors: errors,
            comment_draft: draft.to_string(),
            comments_at: CommentsAt::Page(usize::MAX),
            ..Shown::default()
        }
    }
}

/// The idea page read and rendered for `visitor`; a merged idea answers 308 to the idea it was
/// merged into.
pub async fn render_idea(
    state: &AppState,
    visitor: &Visitor,
    number: i64,
    status: StatusCode,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.account().cloned();
    let at = shown.comments_at.clone();
    let read = state
        .run(move |db| idea_page::read(db, viewer.as_ref(), number, &at))
        .await?;
    let chrome = page_chrome(state, visitor.chrome(), number);
    match rendered(
        state.config.response,
        &chrome,
        &read,
        &shown,
        state.clock.now(),
    ) {
        Rendered::Page(markup, _) => Ok(html(status, markup)),
        Rendered::MergedInto(target) => Ok(merged_redirect(target)),
    }
}

fn page_chrome(state: &AppState, mut chrome: Chrome, number: i64) -> Chrome {
    chrome.canonical = Some(state.config.absolute_url(&format!("/ideas/{number}")));
    chrome
}

/// What an idea page comes to: the page (and when it stops being exact), or, for a merged idea
/// that the viewer may not moderate, the idea it was merged into.
enum Rendered {
    Page(maud::Markup, chrono::NaiveDateTime),
    MergedInto(i64),
}

fn rendered(
    policy: crate::domain::response::ResponsePolicy,
    chrome: &Chrome,
    read: &IdeaPage,
    shown: &Shown,
    now: chrono::NaiveDateTime,
) -> Rendered {
    if let Some(target) = read.idea.merged_into.filter(|_| !read.idea.can_moderate) {
        return Rendered::MergedInto(target);
    }
    let view = IdeaPageView {
        idea: &read.idea,
        comments: &read.comments,
        comment_page: read.comment_page,
        comment_pages: read.comment_pages,
        duplicates: &read.duplicates,
        merged_here: &read.merged_here,
        statuses: &read.statuses,
        tag_choices: &read.tag_choices,
        area_choices: &read.area_choices,
        status_errors: &shown.status_errors,
        now,
        comment_errors: &shown.comment_errors,
        comment_draft: &shown.comment_draft,
        response: policy,
    };
    let exact_until = idea_page_exact_until(&view).unwrap_or(now + chrono::Duration::days(1));
    Rendered::Page(views::idea_page(chrome, &view), exact_until)
}

fn merged_redirect(target: i64) -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, format!("/ideas/{target}")))
        .finish()
}
