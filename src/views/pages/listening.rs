//! `/insights/listening`: the feeds staff listen to — add one, see how its polling goes, stop
//! listening — and the entries waiting for a look, each with its source and sentiment, to turn
//! into an idea or dismiss.

use maud::{Markup, html};

use crate::db::models::listening::{Entry, Feed};
use crate::domain::clock;
use crate::domain::listening::{INTERVAL_DEFAULT, INTERVAL_MAX, INTERVAL_MIN};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Arg, Lang};
use crate::views::components::{Field, confirm_delete, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// What was typed into a refused form, with the reasons.
pub struct FeedDraft<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub interval_minutes: &'a str,
    pub errors: &'a FieldErrors,
}

pub fn listening_page(
    chrome: &Chrome,
    csrf: &str,
    (feeds, entries): (&[Feed], &[(Entry, String)]),
    draft: &FeedDraft<'_>,
) -> Markup {
    let lang = chrome.lang;
    let title = lang.t("listening-title");
    page(
        &if draft.errors.is_empty() {
            title.clone()
        } else {
            lang.t_with("error-title", &[("title", title.as_str().into())])
        },
        chrome,
        false,
        html! {
            h1 { (title) }
            p.muted {
                (lang.t("listening-lead")) " " a href="/insights/watch" { (lang.t("watch-title")) }
                " · " a href="/insights" { (lang.t("community-title")) }
            }
            (error_summary(draft.errors, lang))
            (new_feed_form(csrf, draft, lang))
            (entries_section(csrf, entries, lang))
            (feeds_section(csrf, feeds, lang))
        },
    )
}

fn new_feed_form(csrf: &str, draft: &FeedDraft<'_>, lang: Lang) -> Markup {
    let errors = draft.errors;
    let (name, name_hint) = (
        lang.t("listening-feed-name"),
        lang.t("listening-feed-name-hint"),
    );
    let (url, url_hint) = (
        lang.t("listening-feed-url"),
        lang.t("listening-feed-url-hint"),
    );
    let interval = lang.t("listening-interval");
    let interval_hint = lang.t_with(
        "listening-interval-hint",
        &[
            ("min", Arg::from(INTERVAL_MIN)),
            ("max", Arg::from(INTERVAL_MAX)),
            ("default", Arg::from(INTERVAL_DEFAULT)),
        ],
    );
    html! {
        form.card method="post" action="/insights/listening" novalidate {
            (csrf_field(csrf))
            (Field { name: "name", label: &name, kind: "text", value: draft.name, hint: Some(&name_hint), autocomplete: "off", errors, required: true })
            (Field { name: "url", label: &url, kind: "url", value: draft.url, hint: Some(&url_hint), autocomplete: "off", errors, required: true })
            (Field { name: "interval_minutes", label: &interval, kind: "number", value: draft.interval_minutes, hint: Some(&interval_hint), autocomplete: "off", errors, required: false })
            button type="submit" { (lang.t("listening-add")) }
        }
    }
}

fn sentiment_name(label: &str, lang: Lang) -> String {
    lang.t(match label {
        "negative" => "community-negative",
        "positive" => "community-positive",
        _ => "community-neutral",
    })
}

fn entries_section(csrf: &str, entries: &[(Entry, String)], lang: Lang) -> Markup {
    html! {
        section aria-labelledby="entries-heading" {
            h2 #entries-heading { (lang.t("listening-entries")) }
            @if entries.is_empty() {
                p.muted { (lang.t("listening-no-entries")) }
            }
            ol.listening-entries {
                @for (entry, feed) in entries {
                    li id=(format!("entry-{}", entry.id)) {
                        h3 {
                            @match &entry.link {
                                Some(link) => a href=(link) rel="nofollow noopener ugc" { (entry.title) },
                                None => (entry.title),
                            }
                        }
                        p.muted {
                            (lang.t_with("listening-from", &[("feed", Arg::from(feed.as_str()))]))
                            @if let Some(published) = entry.published_at {
                                " · " time datetime=(clock::rfc3339(published)) { (clock::readable(published)) }
                            }
                            " · " span class=(format!("sentiment {}", entry.sentiment_label)) { (sentiment_name(&entry.sentiment_label, lang)) }
                        }
                        @if !entry.summary.is_empty() {
                            blockquote { (entry.summary) }
                        }
                        div.actions {
                            form.inline method="post" action=(format!("/insights/listening/entries/{}/idea", entry.id)) {
                                (csrf_field(csrf))
                                button type="submit" { (lang.t("listening-to-idea")) }
                            }
                            form.inline method="post" action=(format!("/insights/listening/entries/{}/dismiss", entry.id)) {
                                (csrf_field(csrf))
                                button.secondary type="submit" { (lang.t("listening-dismiss")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn feed_state(feed: &Feed, lang: Lang) -> String {
    match (&feed.last_error, feed.failures) {
        (Some(error), failures) if failures > 0 => lang.t_with(
            "listening-failing",
            &[
                ("failures", Arg::from(i64::from(failures))),
                ("error", Arg::from(error.as_str())),
            ],
        ),
        _ if feed.last_polled_at.is_none() => lang.t("listening-never"),
        _ => lang.t("listening-ok"),
    }
}

fn feeds_section(csrf: &str, feeds: &[Feed], lang: Lang) -> Markup {
    html! {
        section aria-labelledby="feeds-heading" {
            h2 #feeds-heading { (lang.t("listening-feeds")) }
            @if feeds.is_empty() {
                p.muted { (lang.t("listening-no-feeds")) }
            } @else {
                div.table-scroll { table {
                    thead { tr {
                        th scope="col" { (lang.t("listening-feed-name")) }
                        th scope="col" { (lang.t("listening-last-polled")) }
                        th scope="col" { (lang.t("listening-next-poll")) }
                        th scope="col" { (lang.t("listening-status")) }
                        th scope="col" { span.visually-hidden { (lang.t("delete")) } }
                    } }
                    tbody {
                        @for feed in feeds {
                            tr {
                                td {
                                    a href=(feed.url) rel="nofollow noopener" { (feed.name) } br;
                                    span.muted { (lang.t_with("listening-every", &[("minutes", Arg::from(i64::from(feed.interval_minutes)))])) }
                                }
                                td { @match feed.last_polled_at {
                                    Some(at) => time datetime=(clock::rfc3339(at)) { (clock::readable(at)) },
                                    None => (lang.t("listening-never")),
                                } }
                                td { time datetime=(clock::rfc3339(feed.next_poll_at)) { (clock::readable(feed.next_poll_at)) } }
                                td { (feed_state(feed, lang)) }
                                td { (confirm_delete(csrf, &format!("/insights/listening/feeds/{}/delete", feed.id), &lang.t_with("listening-delete-question", &[("name", Arg::from(feed.name.as_str()))]), lang)) }
                            }
                        }
                    }
                } }
            }
        }
    }
}
