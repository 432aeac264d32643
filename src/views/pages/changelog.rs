//! `/changelog` ("Ideas in action"): the count of ideas implemented, the release notes newest
//! first with the ideas each delivers, one note's own page, and the form product staff publish
//! one with.

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::domain::validation::FieldErrors;
use crate::i18n::{Arg, Lang};
use crate::services::changelog::{Implemented, ReleaseView};
use crate::views::components::idea_card::status_badge;
use crate::views::components::markdown::SanitizedMarkdown;
use crate::views::components::{Field, TextArea, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// "412 ideas implemented since 3 Jan 2026", linking to the changelog.
pub fn implemented_line(ideas: i64, since: Option<NaiveDate>, lang: Lang) -> Markup {
    html! {
        @if let Some(since) = since.filter(|_| ideas > 0) {
            p.implemented-count {
                a href="/changelog" {
                    (lang.t_with("changelog-implemented", &[("count", Arg::Number(ideas)), ("since", since.format("%-d %b %Y").to_string().into())]))
                }
            }
        }
    }
}

/// One note: title, day, what shipped, the ideas it delivers.
fn note(release: &ReleaseView, heading_level_two: bool, lang: Lang) -> Markup {
    let link = format!("/changelog/{}", release.id);
    html! {
        article.card.release id=(format!("release-{}", release.id)) {
            @if heading_level_two {
                h2 { a href=(link) { (release.title) } }
            }
            p.muted { time datetime=(release.released_on.format("%Y-%m-%d").to_string()) { (release.released_on.format("%-d %b %Y").to_string()) } }
            (SanitizedMarkdown(&release.body_html))
            @if !release.ideas.is_empty() {
                h3 { (lang.t("changelog-delivers")) }
                ul.delivered {
                    @for (number, title, status) in &release.ideas {
                        li { a href={ "/ideas/" (number) } { "#" (number) " " (title) } " " (status_badge(status, lang)) }
                    }
                }
            }
        }
    }
}

/// The form a note is published with, as typed, with its errors.
pub struct ReleaseForm<'a> {
    pub csrf: &'a str,
    pub errors: &'a FieldErrors,
    /// title, body, date, ideas (numbers as typed), implement ("on" or empty).
    pub typed: [&'a str; 5],
}

/// What the changelog page shows.
pub struct ChangelogView<'a> {
    pub notes: &'a [ReleaseView],
    pub page: i64,
    pub pages: i64,
    pub implemented: Implemented,
    pub form: Option<ReleaseForm<'a>>,
}

pub fn changelog_page(chrome: &Chrome, view: &ChangelogView<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("changelog-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t("changelog-title")) }
            p.muted { (lang.t("changelog-intro")) " " a href="/changelog/feed.atom" { (lang.t("changelog-feed")) } }
            (implemented_line(view.implemented.ideas, view.implemented.since, lang))
            @if let Some(form) = &view.form {
                (release_form(form, lang))
            }
            @if view.notes.is_empty() {
                div.card.empty { p { (lang.t("changelog-none")) } }
            }
            @for release in view.notes {
                (note(release, true, lang))
            }
            @if view.pages > 1 {
                nav.pagination aria-label=(lang.t("pages")) {
                    @if view.page > 1 {
                        a rel="prev" href={ "/changelog?page=" (view.page - 1) } { (lang.t("page-previous")) }
                    }
                    span { (lang.t_with("page-of", &[("page", Arg::Number(view.page)), ("pages", Arg::Number(view.pages))])) }
                    @if view.page < view.pages {
                        a rel="next" href={ "/changelog?page=" (view.page + 1) } { (lang.t("page-next")) }
                    }
                }
            }
        },
    )
}

/// One note's own page.
pub fn release_page(chrome: &Chrome, release: &ReleaseView) -> Markup {
    let lang = chrome.lang;
    page(
        &release.title,
        chrome,
        false,
        html! {
            h1 { (release.title) }
            (note(release, false, lang))
            p { a href="/changelog" { (lang.t("changelog-all")) } }
        },
    )
}

fn release_form(form: &ReleaseForm<'_>, lang: Lang) -> Markup {
    let errors = &form.errors.in_language(lang);
    let [title, body, date, ideas, implement] = form.typed;
    let labels = [
        lang.t("changelog-field-title"),
        lang.t("changelog-field-body"),
        lang.t("changelog-field-date"),
        lang.t("changelog-field-ideas"),
    ];
    let (date_hint, ideas_hint) = (
        lang.t("changelog-date-hint"),
        lang.t("changelog-ideas-hint"),
    );
    html! {
        details.card.release-form open[!errors.is_empty()] {
            summary { (lang.t("changelog-new")) }
            (error_summary(errors, lang))
            form method="post" action="/changelog" novalidate {
                (csrf_field(form.csrf))
                (Field { name: "title", label: &labels[0], kind: "text", value: title, hint: None, autocomplete: "off", errors, required: true })
                (TextArea { name: "body", label: &labels[1], value: body, hint: None, errors, rows: 6, maxlength: 20_000 })
                (Field { name: "date", label: &labels[2], kind: "date", value: date, hint: Some(&date_hint), autocomplete: "off", errors, required: false })
                (Field { name: "ideas", label: &labels[3], kind: "text", value: ideas, hint: Some(&ideas_hint), autocomplete: "off", errors, required: false })
                label.check { input type="checkbox" name="implement" value="on" checked[implement == "on"]; " " (lang.t("changelog-field-implement")) }
                button type="submit" { (lang.t("changelog-publish")) }
            }
        }
    }
}
