//! The administrators' statuses page: add, rename, recolour, reorder, retire.

use maud::{Markup, html};

use crate::domain::local_names::LocalNames;
use crate::domain::read::StatusView;
use crate::domain::validation::FieldErrors;
use crate::i18n::Lang;
use crate::views::components::local_names::names_fields;
use crate::views::components::{csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

const KINDS: [&str; 5] = ["open", "active", "completed", "declined", "closed"];

fn fields(status: Option<&StatusView>, key: &str, lang: Lang) -> Markup {
    let name = status.map(|s| s.name.as_str()).unwrap_or("");
    let color = status.map(|s| s.color.as_str()).unwrap_or("#718096");
    let kind = status.map(|s| s.kind.as_str()).unwrap_or("active");
    html! {
        label for={ "name-" (key) } { (lang.t("status-name")) }
        input id={ "name-" (key) } type="text" name="name" value=(name) required;
        (names_fields(key, status.map(|s| &s.names).unwrap_or(&LocalNames::default()), None, lang))
        label for={ "color-" (key) } { (lang.t("status-colour")) }
        input id={ "color-" (key) } type="text" name="color" value=(color) size="8";
        @if let Some(status) = status {
            label for={ "position-" (key) } { (lang.t("status-position")) }
            input id={ "position-" (key) } type="text" inputmode="numeric" name="position" value=(status.position) size="3";
        }
        label for={ "kind-" (key) } { (lang.t("status-kind")) }
        select id={ "kind-" (key) } name="kind" {
            @for option in KINDS { option value=(option) selected[option == kind] { (lang.t(&format!("kind-{option}"))) } }
        }
        label.check { input type="checkbox" name="on_roadmap" checked[status.is_some_and(|s| s.on_roadmap)]; " " (lang.t("status-on-roadmap")) }
        label.check { input type="checkbox" name="voting_frozen" checked[status.is_some_and(|s| s.voting_frozen)]; " " (lang.t("status-voting-closed")) }
        @if let Some(status) = status {
            label.check { input type="checkbox" name="retired" checked[status.retired]; " " (lang.t("status-retired")) }
        }
    }
}

/// A refused statuses form: which one (`key`: a status's slug, or `new`), what was typed (as a
/// status would show it), and why.
pub struct Refused {
    pub key: String,
    pub typed: StatusView,
    pub errors: FieldErrors,
}

/// Why the form at `key` was refused, under it.
fn refusal(refused: Option<&Refused>, key: &str, lang: Lang) -> Markup {
    html! {
        @if let Some(refused) = refused.filter(|r| r.key == key) {
            p.error role="alert" { @for error in &refused.errors.in_language(lang).0 { (error.message) " " } }
        }
    }
}

pub fn statuses(
    chrome: &Chrome,
    csrf: &str,
    list: &[StatusView],
    refused: Option<&Refused>,
) -> Markup {
    let lang = chrome.lang;
    let typed = |key: &str| refused.filter(|r| r.key == key).map(|r| &r.typed);
    let title = lang.t("statuses-title");
    page(
        &if refused.is_some() {
            lang.t_with("error-title", &[("title", title.as_str().into())])
        } else {
            title.clone()
        },
        chrome,
        false,
        html! {
            h1 { (title) }
            @if let Some(refused) = refused { (error_summary(&refused.errors, lang)) }
            p.muted { (lang.t("statuses-intro")) }
            @for status in list {
                form.card.status-row method="post" action={ "/admin/statuses/" (status.slug) } novalidate {
                    (csrf_field(csrf))
                    strong { (status.slug) } " "
                    (fields(Some(typed(&status.slug).unwrap_or(status)), &status.slug, lang))
                    button.secondary type="submit" { (lang.t("save")) }
                    (refusal(refused, &status.slug, lang))
                }
            }
            h2 { (lang.t("statuses-add-heading")) }
            form.card method="post" action="/admin/statuses" novalidate {
                (csrf_field(csrf))
                (fields(typed("new"), "new", lang))
                button type="submit" { (lang.t("statuses-add")) }
                (refusal(refused, "new", lang))
            }
        },
    )
}
