//! The triage inbox page: the ideas waiting for an official answer, oldest first, each with the
//! forms that sort, answer, move, merge or hide it — one form per action, no JavaScript needed.

use chrono::NaiveDateTime;
use maud::{Markup, html};

use crate::domain::ideas::COMMENT_MAX;
use crate::domain::read::Choice;
use crate::domain::response::ResponsePolicy;
use crate::i18n::{Arg, Lang};
use crate::services::triage::{Inbox, InboxQuery, InboxRow};
use crate::views::components::csrf_field;
use crate::views::components::idea_card::{area_label, status_badge};
use crate::views::components::response::wait_text;
use crate::views::layout::{Chrome, page};

/// Everything the inbox page shows.
pub struct TriageView<'a> {
    pub inbox: &'a Inbox,
    pub query: &'a InboxQuery,
    /// Every area, for the filter and each row's area form.
    pub areas: &'a [Choice],
    /// The live statuses, when the viewer may change statuses (else empty).
    pub statuses: &'a [Choice],
    /// The viewer may merge and hide.
    pub can_moderate: bool,
    pub policy: ResponsePolicy,
    pub now: NaiveDateTime,
    pub csrf: &'a str,
}

/// The inbox's address with `query`'s filters, on `page`.
pub fn triage_url(query: &InboxQuery, page: i64) -> String {
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    if let Some(area) = &query.area {
        pairs.append_pair("area", area);
    }
    for (name, on) in [
        ("mine", query.mine),
        ("unsorted", query.unsorted),
        ("past_target", query.past_target),
        ("answer_again", query.answer_again),
    ] {
        if on {
            pairs.append_pair(name, "true");
        }
    }
    if page > 1 {
        pairs.append_pair("page", &page.to_string());
    }
    let pairs = pairs.finish();
    if pairs.is_empty() {
        "/triage".to_string()
    } else {
        format!("/triage?{pairs}")
    }
}

pub fn triage_page(chrome: &Chrome, view: &TriageView<'_>) -> Markup {
    let lang = chrome.lang;
    let return_to = triage_url(view.query, view.inbox.page);
    page(
        &lang.t("triage-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t("triage-heading")) }
            p.muted { (lang.t("triage-lead")) " " a href="/insights/responses" { (lang.t("insights-title")) } }
            nav.tabs aria-label=(lang.t("triage-views")) {
                a href="/triage" aria-current=[(!view.query.answer_again).then_some("page")] { (lang.t("triage-waiting-tab")) }
                a href="/triage?answer_again=true" aria-current=[view.query.answer_again.then_some("page")] {
                    (lang.t_with("triage-again-tab", &[("count", Arg::Number(view.inbox.answer_again))]))
                }
            }
            @if view.query.answer_again {
                p.triage-count role="status" { (lang.t_with("triage-again-count", &[("count", Arg::Number(view.inbox.total))])) }
            } @else {
                (filters(view, lang))
                p.triage-count role="status" { (lang.t_with("triage-count", &[("count", Arg::Number(view.inbox.total))])) }
            }
            @if view.inbox.rows.is_empty() {
                p.card.empty { (lang.t("triage-empty")) }
            } @else {
                ol.triage {
                    @for row in &view.inbox.rows {
                        li { (triage_row(view, row, &return_to, lang)) }
                    }
                }
            }
            (pagination(view, lang))
        },
    )
}

/// The filter form (a GET, so the filtered inbox has an address).
fn filters(view: &TriageView<'_>, lang: Lang) -> Markup {
    let query = view.query;
    let chosen = query.area.as_deref();
    html! {
        form.card.filters method="get" action="/triage" {
            div.field {
                label for="triage-area" { (lang.t("triage-filter-area")) }
                select #triage-area name="area" {
                    option value="" selected[chosen.is_none()] { (lang.t("triage-all-areas")) }
                    @for area in view.areas {
                        option value=(area.slug) selected[chosen == Some(area.slug.as_str())] { (area.shown(lang)) }
                    }
                }
            }
            label.check { input type="checkbox" name="mine" value="true" checked[query.mine]; " " (lang.t("triage-mine")) }
            label.check { input type="checkbox" name="unsorted" value="true" checked[query.unsorted]; " " (lang.t("triage-unsorted")) }
            label.check {
                input type="checkbox" name="past_target" value="true" checked[query.past_target];
                " " (lang.t_with("triage-past-target", &[("days", Arg::Number(i64::from(view.policy.target_days)))]))
            }
            button type="submit" { (lang.t("triage-filter")) }
        }
    }
}

/// One waiting idea with its actions.
fn triage_row(view: &TriageView<'_>, row: &InboxRow, return_to: &str, lang: Lang) -> Markup {
    let card = &row.card;
    let waited = (view.now - card.created_at).max(chrono::Duration::zero());
    html! {
        article.triage-row.past-target[row.past_target] aria-labelledby={ "triage-" (card.number) } {
            h2 id={ "triage-" (card.number) } { a href={ "/ideas/" (card.number) } { span.muted { "#" (card.number) } " " (card.title) } }
            p.meta {
                (status_badge(&card.status, lang)) " "
                @if card.area.is_some() { (area_label(card.area.as_ref(), lang)) } @else { span.area.none { (lang.t("triage-no-area")) } " " }
                span { (lang.t_with("triage-points", &[("count", Arg::Number(card.points()))])) } " · "
                span { (lang.t_with("triage-waiting", &[("wait", Arg::from(wait_text(lang, waited)))])) }
                @if row.past_target { " " span.badge.past-target { (lang.t("triage-badge-past-target")) } }
                @if row.threshold_reached { " " span.badge.threshold { (lang.t("triage-badge-threshold")) } }
            }
            p.excerpt { (card.excerpt) }
            div.triage-actions {
                (answer_form(view.csrf, card.number, return_to, lang))
                @if !view.statuses.is_empty() { (status_form(view, card, return_to, lang)) }
                @if !view.areas.is_empty() { (area_form(view, card, return_to, lang)) }
                @if view.can_moderate { (moderation_forms(view.csrf, row, return_to, lang)) }
            }
        }
    }
}

fn answer_form(csrf: &str, number: i64, return_to: &str, lang: Lang) -> Markup {
    html! {
        details.triage-action {
            summary { (lang.t("triage-answer")) }
            form method="post" action={ "/ideas/" (number) "/comments" } {
                (csrf_field(csrf))
                input type="hidden" name="official" value="on";
                input type="hidden" name="return_to" value=(return_to);
                label for={ "answer-" (number) } { (lang.t("triage-answer-label")) }
                textarea id={ "answer-" (number) } name="body" rows="4" required maxlength=(COMMENT_MAX) {}
                button type="submit" { (lang.t("triage-answer-send")) }
            }
        }
    }
}

fn status_form(
    view: &TriageView<'_>,
    card: &crate::domain::read::IdeaCard,
    return_to: &str,
    lang: Lang,
) -> Markup {
    let number = card.number;
    html! {
        details.triage-action {
            summary { (lang.t("triage-status")) }
            form method="post" action={ "/ideas/" (number) "/status" } {
                (csrf_field(view.csrf))
                input type="hidden" name="return_to" value=(return_to);
                label for={ "status-" (number) } { (lang.t("triage-status-label")) }
                select id={ "status-" (number) } name="status" {
                    @for status in view.statuses {
                        @if status.slug != card.status.slug { option value=(status.slug) { (status.shown(lang)) } }
                    }
                }
                label for={ "note-" (number) } { (lang.t("triage-note-label")) }
                textarea id={ "note-" (number) } name="note" rows="3" required maxlength="5000" {}
                button type="submit" { (lang.t("triage-status-send")) }
            }
        }
    }
}

fn area_form(
    view: &TriageView<'_>,
    card: &crate::domain::read::IdeaCard,
    return_to: &str,
    lang: Lang,
) -> Markup {
    let number = card.number;
    let current = card.area.as_ref().map(|area| area.slug.as_str());
    html! {
        form.inline.triage-area method="post" action={ "/ideas/" (number) "/area" } {
            (csrf_field(view.csrf))
            input type="hidden" name="return_to" value=(return_to);
            label for={ "area-" (number) } { (lang.t_with("triage-area-label", &[("number", Arg::Number(number))])) } " "
            select id={ "area-" (number) } name="area" {
                option value="" selected[current.is_none()] { (lang.t("submit-area-none")) }
                @for area in view.areas {
                    option value=(area.slug) selected[current == Some(area.slug.as_str())] { (area.shown(lang)) }
                }
            }
            " " button.secondary type="submit" { (lang.t("triage-area-save")) }
        }
    }
}

/// Merge into each likely duplicate, or hide as spam.
fn moderation_forms(csrf: &str, row: &InboxRow, return_to: &str, lang: Lang) -> Markup {
    let number = row.card.number;
    html! {
        @for (into, title) in &row.duplicates {
            form.inline method="post" action={ "/mod/ideas/" (number) "/merge" } {
                (csrf_field(csrf))
                input type="hidden" name="into" value=(into);
                input type="hidden" name="return_to" value=(return_to);
                button.secondary type="submit" { (lang.t_with("triage-merge-into", &[("number", Arg::Number(*into)), ("title", Arg::from(title.as_str()))])) }
            }
        }
        form.inline method="post" action={ "/mod/ideas/" (number) "/hide" } {
            (csrf_field(csrf))
            input type="hidden" name="reason" value=(lang.t("triage-spam-reason"));
            input type="hidden" name="return_to" value=(return_to);
            button.danger type="submit" { (lang.t("triage-hide-spam")) span.visually-hidden { " (#" (number) ")" } }
        }
    }
}

fn pagination(view: &TriageView<'_>, lang: Lang) -> Markup {
    let inbox = view.inbox;
    let pages = ((inbox.total + inbox.per_page - 1) / inbox.per_page).max(1);
    html! {
        @if pages > 1 {
            nav.pagination aria-label=(lang.t("triage-pages")) {
                @if inbox.page > 1 {
                    a rel="prev" href=(triage_url(view.query, inbox.page - 1)) { (lang.t("page-previous")) }
                }
                span { (lang.t_with("page-of", &[("page", Arg::Number(inbox.page)), ("pages", Arg::Number(pages))])) }
                @if inbox.page < pages {
                    a rel="next" href=(triage_url(view.query, inbox.page + 1)) { (lang.t("page-next")) }
                }
            }
        }
    }
}
