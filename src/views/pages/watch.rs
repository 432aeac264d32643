//! `/insights/watch`: the words and phrases a staff member watches — add one (told at once or in
//! the daily digest), stop watching one — and where they turned up, each passage with the
//! matching words marked (escaped like any text).

use maud::{Markup, html};

use crate::domain::clock;
use crate::domain::validation::FieldErrors;
use crate::domain::watch::Delivery;
use crate::i18n::{Arg, Lang};
use crate::services::watches::{MatchPlace, MatchView, WatchView};
use crate::views::components::{Field, confirm_delete, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// What was typed into a refused form, with the reasons.
pub struct WatchDraft<'a> {
    pub phrase: &'a str,
    pub delivery: &'a str,
    pub errors: &'a FieldErrors,
}

pub fn watch_page(
    chrome: &Chrome,
    csrf: &str,
    (watches, matches): (&[WatchView], &[MatchView]),
    draft: &WatchDraft<'_>,
) -> Markup {
    let lang = chrome.lang;
    let title = lang.t("watch-title");
    let errors = draft.errors.in_language(lang);
    page(
        &if errors.is_empty() {
            title.clone()
        } else {
            lang.t_with("error-title", &[("title", title.as_str().into())])
        },
        chrome,
        false,
        html! {
            h1 { (title) }
            p.muted { (lang.t("watch-lead")) " " a href="/insights" { (lang.t("community-title")) } " · " a href="/insights/listening" { (lang.t("listening-title")) } }
            (error_summary(draft.errors, lang))
            (new_watch_form(csrf, draft, &errors, lang))
            section aria-labelledby="watched-heading" {
                h2 #watched-heading { (lang.t("watch-yours")) }
                @if watches.is_empty() {
                    p.muted { (lang.t("watch-none")) }
                } @else {
                    table {
                        thead { tr {
                            th scope="col" { (lang.t("watch-phrase")) }
                            th scope="col" { (lang.t("watch-delivery")) }
                            th scope="col" { span.visually-hidden { (lang.t("delete")) } }
                        } }
                        tbody {
                            @for watch in watches {
                                tr {
                                    td { (watch.phrase) }
                                    td { (delivery_name(watch.delivery, lang)) }
                                    td { (confirm_delete(csrf, &format!("/insights/watch/{}/delete", watch.id), &lang.t_with("watch-delete-question", &[("phrase", Arg::from(watch.phrase.as_str()))]), lang)) }
                                }
                            }
                        }
                    }
                }
            }
            (matches_section(matches, lang))
        },
    )
}

fn delivery_name(delivery: Delivery, lang: Lang) -> String {
    lang.t(match delivery {
        Delivery::Instant => "watch-instant",
        Delivery::Daily => "watch-daily",
    })
}

fn new_watch_form(csrf: &str, draft: &WatchDraft<'_>, errors: &FieldErrors, lang: Lang) -> Markup {
    let (label, hint) = (lang.t("watch-phrase"), lang.t("watch-phrase-hint"));
    let delivery_error = errors.for_field("delivery");
    html! {
        form.card method="post" action="/insights/watch" novalidate {
            (csrf_field(csrf))
            (Field { name: "phrase", label: &label, kind: "text", value: draft.phrase, hint: Some(&hint), autocomplete: "off", errors, required: true })
            div.field {
                label for="field-delivery" { (lang.t("watch-delivery")) }
                select #field-delivery name="delivery" aria-invalid=[delivery_error.map(|_| "true")] aria-describedby=[delivery_error.map(|_| "field-delivery-error")] {
                    @for delivery in [Delivery::Instant, Delivery::Daily] {
                        option value=(delivery.as_str()) selected[draft.delivery == delivery.as_str()] { (delivery_name(delivery, lang)) }
                    }
                }
                @if let Some(error) = delivery_error {
                    p.error #field-delivery-error { (error) }
                }
            }
            button type="submit" { (lang.t("watch-add")) }
        }
    }
}

/// "in the idea #3 "…"", "in a comment on …", "in "…" from <feed>".
pub fn place_words(place: &MatchPlace, lang: Lang) -> String {
    match place {
        MatchPlace::Idea { number, title } => lang.t_with(
            "watch-in-idea",
            &[
                ("number", Arg::from(*number)),
                ("title", Arg::from(title.as_str())),
            ],
        ),
        MatchPlace::Comment { number, title, .. } => lang.t_with(
            "watch-in-comment",
            &[
                ("number", Arg::from(*number)),
                ("title", Arg::from(title.as_str())),
            ],
        ),
        MatchPlace::Entry { title, feed, .. } => lang.t_with(
            "watch-in-entry",
            &[
                ("title", Arg::from(title.as_str())),
                ("feed", Arg::from(feed.as_str())),
            ],
        ),
    }
}

fn matches_section(matches: &[MatchView], lang: Lang) -> Markup {
    html! {
        section aria-labelledby="matches-heading" {
            h2 #matches-heading { (lang.t("watch-matches")) }
            @if matches.is_empty() {
                p.muted { (lang.t("watch-no-matches")) }
            }
            ol.watch-matches {
                @for found in matches {
                    @let (before, words, after) = found.passage.parts();
                    li {
                        p {
                            strong { (found.phrase) } " · "
                            a href=(found.place.link("")) { (place_words(&found.place, lang)) }
                            " · " time datetime=(clock::rfc3339(found.matched_at)) { (clock::readable(found.matched_at)) }
                        }
                        blockquote { (before) mark { (words) } (after) }
                    }
                }
            }
        }
    }
}
