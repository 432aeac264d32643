//! Storm session pages: the front page's banner of open sessions, the list at `/storms` (with
//! the form that creates one, for product staff and admins), and the head of a session's own
//! board (its question, its times, its summary, and the staff's publish and summary forms).

use chrono::NaiveDateTime;
use maud::{Markup, html};

use crate::domain::clock;
use crate::domain::read::{Choice, OpenStorm};
use crate::domain::storms::StormState;
use crate::domain::validation::FieldErrors;
use crate::i18n::Lang;
use crate::services::storms::StormView;
use crate::views::components::markdown::SanitizedMarkdown;
use crate::views::components::{Field, TextArea, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// The open sessions, above the board.
pub fn banner(open: &[OpenStorm], lang: Lang) -> Markup {
    html! {
        @if !open.is_empty() {
            section.storm-banner aria-label=(lang.t("storm-banner-label")) {
                @for storm in open {
                    p {
                        strong { (lang.t("storm-banner-open")) } " "
                        a href=(format!("/storms/{}", storm.slug)) { (storm.title) }
                        " · " (lang.t_with("storm-open-until", &[("ends", clock::readable(storm.ends_at).into())]))
                    }
                }
            }
        }
    }
}

/// What a session's state and times say, in words.
fn when(storm: &StormView, lang: Lang) -> String {
    let (starts, ends) = (
        clock::readable(storm.starts_at),
        clock::readable(storm.ends_at),
    );
    match storm.state {
        StormState::Draft => lang.t_with(
            "storm-when-draft",
            &[("starts", starts.into()), ("ends", ends.into())],
        ),
        StormState::Scheduled => lang.t_with(
            "storm-when-scheduled",
            &[("starts", starts.into()), ("ends", ends.into())],
        ),
        StormState::Open => lang.t_with("storm-open-until", &[("ends", ends.into())]),
        StormState::Closed => lang.t_with("storm-when-closed", &[("ends", ends.into())]),
    }
}

/// The head of a session's board: title, state, question, where to answer, the summary.
pub fn storm_head(storm: &StormView, _now: NaiveDateTime, lang: Lang) -> Markup {
    html! {
        div.board-head {
            h1 { (storm.title) }
            @if storm.state == StormState::Open {
                a.button href=(format!("/ideas/new?storm={}", storm.slug)) { (lang.t("storm-answer")) }
            }
        }
        p.storm-when {
            span class=(format!("storm-state storm-{}", storm.state.as_str())) { (lang.t(&format!("storm-state-{}", storm.state.as_str()))) }
            " " (when(storm, lang))
            @if let Some(area) = &storm.area {
                " · " a href=(format!("/?area={}", area.slug)) { (area.names.shown(lang, &area.name)) }
            }
        }
        div.card.storm-question {
            (SanitizedMarkdown(&storm.question_html))
        }
        @if let Some(summary) = storm.summary_html.as_deref().filter(|_| storm.summary_published_at.is_some()) {
            section.card.storm-summary aria-labelledby="storm-summary-title" {
                h2 #storm-summary-title { (lang.t("storm-summary-title")) }
                (SanitizedMarkdown(summary))
            }
        }
        p.muted { a href=(format!("/storms/{}/feed.atom", storm.slug)) { (lang.t("storm-feed")) } " · " a href="/storms" { (lang.t("storm-all")) } }
    }
}

/// What the staff may do on a session's page: publish a draft, write the closing summary (the
/// typed summary and its errors come back after a refusal).
pub fn staff_tools(
    storm: &StormView,
    csrf: &str,
    errors: &FieldErrors,
    typed: &str,
    lang: Lang,
) -> Markup {
    let errors = &errors.in_language(lang);
    let (label, hint) = (lang.t("storm-summary-label"), lang.t("storm-summary-hint"));
    html! {
        p {
            a href=(format!("/admin/export/ideas?storm={}&limit=0", storm.slug)) { (lang.t("storm-export-csv")) }
            " · "
            a href=(format!("/admin/export/ideas?storm={}&limit=0&format=json", storm.slug)) { (lang.t("storm-export-json")) }
        }
        @if storm.state == StormState::Draft {
            form.card method="post" action=(format!("/storms/{}/publish", storm.slug)) {
                (csrf_field(csrf))
                p { (lang.t("storm-draft-note")) }
                button type="submit" { (lang.t("storm-publish")) }
            }
        }
        @if storm.state == StormState::Closed {
            (error_summary(errors, lang))
            form.card method="post" action=(format!("/storms/{}/summary", storm.slug)) novalidate {
                (csrf_field(csrf))
                (TextArea { name: "summary", label: &label, value: typed, hint: storm.summary_published_at.is_none().then_some(hint.as_str()), errors, rows: 6, maxlength: crate::domain::storms::SUMMARY_MAX_CHARS })
                button type="submit" { (lang.t("storm-summary-publish")) }
            }
        }
    }
}

/// `/storms`: open sessions first, then upcoming, then closed (drafts too, for staff).
pub fn storms_page(chrome: &Chrome, storms: &[StormView], form: Option<StormForm<'_>>) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("storms-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t("storms-title")) }
            p.muted { (lang.t("storms-intro")) }
            @if storms.is_empty() {
                div.card.empty { p { (lang.t("storms-none")) } }
            }
            ul.storm-list {
                @for storm in storms {
                    li.card {
                        h2 { a href=(format!("/storms/{}", storm.slug)) { (storm.title) } }
                        p.storm-when {
                            span class=(format!("storm-state storm-{}", storm.state.as_str())) { (lang.t(&format!("storm-state-{}", storm.state.as_str()))) }
                            " " (when(storm, lang)) " · "
                            (lang.t_with("storm-idea-count", &[("count", crate::i18n::Arg::Number(storm.ideas))]))
                        }
                    }
                }
            }
            @if let Some(form) = form {
                (new_storm_form(&form, lang))
            }
        },
    )
}

/// The create form as typed, with its errors (product staff and admins).
pub struct StormForm<'a> {
    pub csrf: &'a str,
    pub errors: &'a FieldErrors,
    pub typed: &'a [(&'static str, String)],
    pub areas: &'a [Choice],
}

impl StormForm<'_> {
    fn value(&self, name: &str) -> &str {
        self.typed
            .iter()
            .find(|(field, _)| *field == name)
            .map_or("", |(_, value)| value.as_str())
    }
}

fn new_storm_form(form: &StormForm<'_>, lang: Lang) -> Markup {
    let errors = &form.errors.in_language(lang);
    let labels: Vec<(&'static str, String)> =
        ["title", "slug", "question", "starts_at", "ends_at", "area"]
            .into_iter()
            .map(|name| (name, lang.t(&format!("storm-field-{name}"))))
            .collect();
    let label = |name: &str| {
        labels
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, l)| l.as_str())
    };
    let (slug_hint, times_hint) = (lang.t("storm-slug-hint"), lang.t("storm-times-hint"));
    let field = |name: &'static str, kind: &'static str, hint: Option<&str>| {
        html! { (Field { name, label: label(name), kind, value: form.value(name), hint, autocomplete: "off", errors, required: true }) }
    };
    let area_error = errors.for_field("area");
    html! {
        section aria-labelledby="new-storm-title" {
            h2 #new-storm-title { (lang.t("storm-new")) }
            (error_summary(errors, lang))
            form.card method="post" action="/storms" novalidate {
                (csrf_field(form.csrf))
                (field("title", "text", None))
                (field("slug", "text", Some(&slug_hint)))
                (TextArea { name: "question", label: label("question"), value: form.value("question"), hint: None, errors, rows: 4, maxlength: crate::domain::storms::QUESTION_MAX_CHARS })
                (field("starts_at", "datetime-local", Some(&times_hint)))
                (field("ends_at", "datetime-local", Some(&times_hint)))
                @if !form.areas.is_empty() {
                    div.field {
                        label for="field-area" { (label("area")) }
                        select #field-area name="area" aria-invalid=[area_error.map(|_| "true")] aria-describedby=[area_error.map(|_| "field-area-error")] {
                            option value="" { (lang.t("submit-area-none")) }
                            @for area in form.areas {
                                option value=(area.slug) selected[form.value("area") == area.slug] { (area.shown(lang)) }
                            }
                        }
                        @if let Some(message) = area_error {
                            p.error id="field-area-error" { (message) }
                        }
                    }
                }
                label.check { input type="checkbox" name="votes_after_close" value="on" checked[form.value("votes_after_close") == "on"]; " " (lang.t("storm-field-votes_after_close")) }
                label.check { input type="checkbox" name="published" value="on" checked[form.value("published") == "on"]; " " (lang.t("storm-field-published")) }
                button type="submit" { (lang.t("storm-create")) }
            }
        }
    }
}
