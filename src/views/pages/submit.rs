//! The submit page: the form, with the similar-ideas step and the optional product area.

use maud::{Markup, html};

use crate::domain::ideas::{BODY_MAX, TITLE_MAX, TITLE_MIN};
use crate::domain::read::{Choice, IdeaCard, StormRef};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Arg, Lang};
use crate::views::components::idea_card::status_badge;
use crate::views::components::{Field, TextArea, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// What the submit form holds.
pub struct SubmitForm<'a> {
    /// The storm session the idea answers, if any.
    pub storm: Option<&'a StormRef>,
    pub title: &'a str,
    pub body: &'a str,
    pub chosen_tags: &'a [String],
    /// Every tag.
    pub tags: &'a [Choice],
    /// The product area picked (a slug, empty for none).
    pub chosen_area: &'a str,
    /// Every product area.
    pub areas: &'a [Choice],
    /// Similar ideas found for the title, after the "check" step.
    pub similar: Option<&'a [IdeaCard]>,
    pub errors: &'a FieldErrors,
}

/// The list of similar ideas (also the htmx fragment shown while typing).
pub fn similar_list(similar: &[IdeaCard], lang: Lang) -> Markup {
    html! {
        @if similar.is_empty() {
            p.muted { (lang.t("similar-none")) }
        } @else {
            p { (lang.t("similar-intro")) }
            ul.similar {
                @for idea in similar {
                    li {
                        a href={ "/ideas/" (idea.number) } target="_blank" { "#" (idea.number) " " (idea.title) }
                        " " span.muted { (lang.t_with("similar-points", &[("count", Arg::Number(idea.points()))])) } " " (status_badge(&idea.status, lang))
                    }
                }
            }
        }
    }
}

pub fn submit(chrome: &Chrome, csrf: &str, form: &SubmitForm<'_>) -> Markup {
    let lang = chrome.lang;
    let title_hint = lang.t_with(
        "submit-title-hint",
        &[
            ("min", Arg::Number(TITLE_MIN as i64)),
            ("max", Arg::Number(TITLE_MAX as i64)),
        ],
    );
    let errors = &form.errors.in_language(lang);
    let (title_label, body_label, body_hint) = (
        lang.t("field-title"),
        lang.t("field-description"),
        lang.t("submit-description-hint"),
    );
    let page_title = lang.t("submit-title");
    page(
        &if errors.is_empty() {
            page_title.clone()
        } else {
            lang.t_with("error-title", &[("title", page_title.as_str().into())])
        },
        chrome,
        false,
        html! {
            h1 { (page_title) }
            @if chrome.read_only() {
                p.flash.error role="status" { (lang.t("read-only-notice")) }
            } @else {
            (error_summary(form.errors, chrome.lang))
            form.card method="post" action="/ideas/new" novalidate {
                (csrf_field(csrf))
                @if let Some(storm) = form.storm {
                    input type="hidden" name="storm" value=(storm.slug);
                    p.storm-answering #field-storm { (lang.t_with("storm-answering", &[("title", storm.title.as_str().into())])) }
                }
                @if let Some(message) = errors.for_field("storm") {
                    p.error id="field-storm-error" { (message) }
                }
                div hx-get="/ideas/similar" hx-trigger="input changed delay:400ms from:#field-title" hx-target="#similar" hx-include="#field-title" {}
                (Field { name: "title", label: &title_label, kind: "text", value: form.title, hint: Some(&title_hint), autocomplete: "off", errors, required: true })
                div #similar aria-live="polite" {
                    @if let Some(similar) = form.similar {
                        (similar_list(similar, lang))
                    }
                }
                (TextArea { name: "body", label: &body_label, value: form.body, hint: Some(&body_hint), errors, rows: 8, maxlength: BODY_MAX })
                @if !form.areas.is_empty() {
                    (area_select(form, errors, lang))
                }
                @if !form.tags.is_empty() {
                    fieldset.field {
                        legend { (lang.t("submit-tags")) }
                        @for tag in form.tags {
                            label.check {
                                input type="checkbox" name="tags" value=(tag.slug) checked[form.chosen_tags.contains(&tag.slug)];
                                " " (tag.shown(lang))
                            }
                        }
                        @if let Some(message) = errors.for_field("tags") {
                            p.error id="field-tags-error" { (message) }
                        }
                    }
                }
                div.actions {
                    button.secondary type="submit" name="step" value="check" { (lang.t("submit-check")) }
                    " "
                    button type="submit" name="step" value="submit" { (lang.t("submit-send")) }
                }
                p.hint { (lang.t("submit-follow-note")) }
            }
            }
        },
    )
}

/// The optional product area: a select whose first choice is none.
fn area_select(form: &SubmitForm<'_>, errors: &FieldErrors, lang: Lang) -> Markup {
    let error = errors.for_field("area");
    html! {
        div.field {
            label for="field-area" { (lang.t("submit-area")) }
            select #field-area name="area" aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| "field-area-error")] {
                option value="" selected[form.chosen_area.is_empty()] { (lang.t("submit-area-none")) }
                @for area in form.areas {
                    option value=(area.slug) selected[form.chosen_area == area.slug] { (area.shown(lang)) }
                }
            }
            @if let Some(message) = error {
                p.error id="field-area-error" { (message) }
            }
        }
    }
}
