//! The board: sort tabs, status, tag and area filters, search, idea cards, pagination.

use chrono::NaiveDateTime;
use maud::{Markup, html};

use crate::domain::age::shown_age;
use crate::domain::ranking::Sort;
use crate::domain::read::{IdeaCard, Page, ResolvedList};
use crate::i18n::{Arg, Lang};
use crate::views::components::idea_card::Card;
use crate::views::layout::{Chrome, page};
use crate::views::slots::{Slot, Template, VoteSlot};

pub use crate::domain::read::Choice;
use crate::domain::read::FilterChoices;

/// Everything the board shows.
pub struct BoardView<'a> {
    pub list: &'a ResolvedList,
    pub page: &'a Page<IdeaCard>,
    /// The statuses, tags and areas the filters offer.
    pub choices: &'a FilterChoices,
    pub now: NaiveDateTime,
    /// This page's own address, where vote forms come back to.
    pub here: &'a str,
    /// The board's promise to answer, and its record.
    pub promise: Option<crate::services::insights::Promise>,
    /// The storm session whose board this is, if it is one.
    pub storm: Option<&'a crate::services::storms::StormView>,
    /// What the staff may do with the session (publish it, sum it up).
    pub storm_tools: Option<Markup>,
}

/// The board address for `list` with another sort and page.
pub fn board_url(list: &ResolvedList, sort: Sort, page: i64) -> String {
    let mut params: Vec<String> = Vec::new();
    let default_sort = if list.q.is_empty() {
        Sort::Popular
    } else {
        Sort::Relevance
    };
    if sort != default_sort {
        params.push(format!("sort={}", sort.as_str()));
    }
    if let Some(status) = &list.status {
        params.push(format!("status={}", urlencoding::encode(status)));
    }
    if let Some(tag) = &list.tag {
        params.push(format!("tag={}", urlencoding::encode(tag)));
    }
    if let Some(area) = &list.area {
        params.push(format!("area={}", urlencoding::encode(area)));
    }
    if !list.q.is_empty() {
        params.push(format!("q={}", urlencoding::encode(&list.q)));
    }
    if page > 1 {
        params.push(format!("page={page}"));
    }
    let path = board_path(list);
    if params.is_empty() {
        path
    } else {
        format!("{path}?{}", params.join("&"))
    }
}

/// The board's own path: `/`, or a storm session's `/storms/{slug}`.
fn board_path(list: &ResolvedList) -> String {
    match &list.storm {
        Some(slug) => format!("/storms/{}", urlencoding::encode(slug)),
        None => "/".into(),
    }
}

/// The board as a template for any viewer (see `views::slots`), or `None` if it cannot be cut.
pub fn board_template(view: &BoardView<'_>, marker: &str, lang: Lang) -> Option<Template> {
    let chrome = Chrome {
        slot_marker: Some(marker.to_string()),
        lang,
        here: Some(view.here.to_string()),
        ..Chrome::default()
    };
    let rendered = board(&chrome, view).into_string();
    let slots = std::iter::once(Slot::Nav)
        .chain(view.page.items.iter().map(|idea| {
            Slot::Vote(VoteSlot {
                idea_id: idea.id.clone(),
                number: idea.number,
                points: idea.points(),
                upvotes: idea.upvotes,
                downvotes: idea.downvotes,
                voting_open: idea.voting_open,
            })
        }))
        .collect();
    Template::split(&rendered, marker, slots, view.here).map(|t| t.in_language(lang))
}

/// When the board as rendered at `view.now` stops being exact without any change to the data:
/// when the first of the ages it shows ("3 days ago") would read differently.
pub fn board_exact_until(view: &BoardView<'_>) -> Option<NaiveDateTime> {
    view.page
        .items
        .iter()
        .map(|idea| shown_age(idea.created_at, view.now).changes_at)
        .chain(view.choices.storms_change_at)
        .min()
}

pub fn board(chrome: &Chrome, view: &BoardView<'_>) -> Markup {
    let list = view.list;
    let csrf = chrome.action_csrf();
    let read_only = chrome.read_only();
    let vote_slot = chrome.slot_marker.as_deref();
    let mut tabs: Vec<Sort> = Sort::TABS.to_vec();
    if !list.q.is_empty() {
        tabs.insert(0, Sort::Relevance);
    }
    let lang = chrome.lang;
    let title = match view.storm {
        Some(storm) => storm.title.clone(),
        None => lang.t("board-title"),
    };
    page(
        &title,
        chrome,
        false,
        html! {
            @if let Some(storm) = view.storm {
                (crate::views::pages::storms::storm_head(storm, view.now, lang))
                @if let Some(tools) = &view.storm_tools {
                    (tools)
                }
            } @else {
                div.board-head {
                    h1 { (lang.t("board-title")) }
                    a.button href="/ideas/new" { (lang.t("board-submit")) }
                }
                (crate::views::pages::changelog::implemented_line(view.choices.implemented.0, view.choices.implemented.1, lang))
                (crate::views::pages::storms::banner(&view.choices.open_storms, lang))
            }
            @if let Some(promise) = view.promise.filter(|_| view.storm.is_none()) {
                (crate::views::components::response::promise_line(promise, lang))
            }
            (filters(view, lang))
            nav.tabs aria-label=(lang.t("board-orders")) {
                @for sort in tabs {
                    @if sort == list.sort {
                        a href=(board_url(list, sort, 1)) aria-current="page" { (lang.t(&format!("sort-{}", sort.as_str()))) }
                    } @else {
                        a href=(board_url(list, sort, 1)) { (lang.t(&format!("sort-{}", sort.as_str()))) }
                    }
                }
            }
            @if view.page.capped {
                p.muted.count { (lang.t_with("board-search-capped", &[("count", Arg::Number(view.page.total))])) }
            } @else {
                p.muted.count { (lang.t_with("board-idea-count", &[("count", Arg::Number(view.page.total))])) }
            }
            @if view.page.items.is_empty() {
                (empty_state(list, lang))
            }
            ol.ideas start=(view.page.first_position()) {
                @for idea in &view.page.items {
                    li { (Card { idea, csrf, read_only, return_to: view.here, now: view.now, vote_slot, lang }) }
                }
            }
            (pagination(view, lang))
        },
    )
}

/// The search box and the status and tag filters; the chosen order goes along.
fn filters(view: &BoardView<'_>, lang: Lang) -> Markup {
    let list = view.list;
    html! {
    form.filters method="get" action=(board_path(list)) role="search" {
        div.field {
            label for="q" { (lang.t("board-search-label")) }
            input #q type="search" name="q" value=(list.q) placeholder=(lang.t("board-search-placeholder"));
        }
        div.field {
            label for="status" { (lang.t("board-status-label")) }
            select #status name="status" {
                option value="" { (lang.t("board-any-status")) }
                @for status in &view.choices.statuses {
                    option value=(status.slug) selected[list.status.as_deref() == Some(status.slug.as_str())] { (status.shown(lang)) }
                }
            }
        }
        div.field {
            label for="tag" { (lang.t("board-tag-label")) }
            select #tag name="tag" {
                option value="" { (lang.t("board-any-tag")) }
                @for tag in &view.choices.tags {
                    option value=(tag.slug) selected[list.tag.as_deref() == Some(tag.slug.as_str())] { (tag.shown(lang)) }
                }
            }
        }
        @if !view.choices.areas.is_empty() {
            div.field {
                label for="area" { (lang.t("board-area-label")) }
                select #area name="area" {
                    option value="" { (lang.t("board-any-area")) }
                    @for area in &view.choices.areas {
                        option value=(area.slug) selected[list.area.as_deref() == Some(area.slug.as_str())] { (area.shown(lang)) }
                    }
                }
            }
        }
        @if list.sort != Sort::Popular && list.sort != Sort::Relevance {
            input type="hidden" name="sort" value=(list.sort.as_str());
        }
        button type="submit" { (lang.t("board-show")) }
    }
    }
}

/// Previous and next page links, and where this page stands.
/// What an empty list says: a filter or search that matches nothing offers to clear it; an
/// empty board welcomes its first idea.
fn empty_state(list: &ResolvedList, lang: Lang) -> Markup {
    let filtered =
        list.status.is_some() || list.tag.is_some() || list.area.is_some() || !list.q.is_empty();
    html! {
        div.card.empty {
            @if filtered {
                p { (lang.t("board-no-match")) " " a href=(board_path(list)) { (lang.t("board-clear-filters")) } " " (lang.t("board-try-other-words")) }
            } @else if list.storm.is_some() {
                p { (lang.t("storm-no-ideas")) }
            } @else {
                h2 { (lang.t("board-welcome-title")) }
                p { (lang.t("board-welcome-question")) " " a href="/ideas/new" { (lang.t("board-welcome-link")) } (lang.t("board-welcome-rest")) }
            }
        }
    }
}

fn pagination(view: &BoardView<'_>, lang: Lang) -> Markup {
    let list = view.list;
    html! {
    @if view.page.last_page() > 1 {
        nav.pagination aria-label=(lang.t("pages")) {
            @if view.page.page > 1 {
                a rel="prev" href=(board_url(list, list.sort, view.page.page - 1)) { (lang.t("page-previous")) }
            }
            span { (lang.t_with("page-of", &[("page", Arg::Number(view.page.page)), ("pages", Arg::Number(view.page.last_page()))])) }
            @if view.page.page < view.page.last_page() {
                a rel="next" href=(board_url(list, list.sort, view.page.page + 1)) { (lang.t("page-next")) }
            }
        }
    }
    }
}
