//! `/admin/areas`: the product areas with their owners, a form that creates one, and each area's
//! own page to change or delete it. A refused form comes back with what was typed.

use maud::{Markup, html};

use crate::domain::local_names::LocalNames;
use crate::domain::read::AreaView;
use crate::domain::validation::FieldErrors;
use crate::i18n::Arg;
use crate::views::components::local_names::names_fields;
use crate::views::components::{Field, TextArea, confirm_delete, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// What an area form holds: as typed, or the area as it is.
#[derive(Debug, Default, Clone)]
pub struct AreaDraft {
    pub name: String,
    pub description: String,
    /// Email addresses, separated by commas or spaces.
    pub owners: String,
    pub position: String,
    pub names: LocalNames,
    pub errors: FieldErrors,
}

impl AreaDraft {
    /// The area as it is.
    pub fn of(area: &AreaView) -> Self {
        AreaDraft {
            name: area.name.clone(),
            description: area.description.clone(),
            owners: area
                .owners
                .iter()
                .filter_map(|o| o.email.clone())
                .collect::<Vec<_>>()
                .join(", "),
            position: area.position.to_string(),
            names: area.names.clone(),
            errors: FieldErrors::default(),
        }
    }
}

/// The fields every area form has; `key` tells the names-per-language fields apart.
fn area_fields(draft: &AreaDraft, key: &str, lang: crate::i18n::Lang) -> Markup {
    let errors = &draft.errors.in_language(lang);
    let (name, description) = (lang.t("areas-name"), lang.t("areas-description"));
    let (owners, owners_hint) = (lang.t("areas-owners"), lang.t("areas-owners-hint"));
    html! {
        (Field { name: "name", label: &name, kind: "text", value: &draft.name, hint: None, autocomplete: "off", errors, required: true })
        (names_fields(key, &draft.names, None, lang))
        (TextArea { name: "description", label: &description, value: &draft.description, hint: None, errors, rows: 4, maxlength: 5000 })
        (Field { name: "owners", label: &owners, kind: "text", value: &draft.owners, hint: Some(&owners_hint), autocomplete: "off", errors, required: true })
    }
}

pub fn areas_page(chrome: &Chrome, csrf: &str, areas: &[AreaView], draft: &AreaDraft) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("areas-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t("areas-title")) }
            p.muted { (lang.t("areas-lead")) }
            @if areas.is_empty() {
                p.card.empty { (lang.t("areas-empty")) }
            } @else {
                div.table-scroll {
                    table {
                        thead { tr { th scope="col" { (lang.t("areas-name")) } th scope="col" { (lang.t("areas-owners")) } th scope="col" { (lang.t("areas-open")) } } }
                        tbody {
                            @for area in areas {
                                tr {
                                    th scope="row" { a href={ "/admin/areas/" (area.slug) } { (area.names.shown(lang, &area.name)) } " " span.muted { (area.slug) } }
                                    td { @for (i, owner) in area.owners.iter().enumerate() { @if i > 0 { ", " } (owner.name) } }
                                    td.number { a href={ "/?area=" (area.slug) } { (lang.number(area.open_ideas)) } }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (lang.t("areas-new")) }
            (error_summary(&draft.errors.in_language(lang), lang))
            form.card method="post" action="/admin/areas" novalidate {
                (csrf_field(csrf))
                (area_fields(draft, "new", lang))
                button type="submit" { (lang.t("areas-create")) }
            }
        },
    )
}

pub fn area_page(chrome: &Chrome, csrf: &str, slug: &str, draft: &AreaDraft) -> Markup {
    let lang = chrome.lang;
    let errors = &draft.errors.in_language(lang);
    let position = lang.t("areas-position");
    let named = [("name", Arg::from(draft.name.as_str()))];
    page(
        &lang.t_with("areas-edit-title", &named),
        chrome,
        true,
        html! {
            p { a href="/admin/areas" { (lang.t("areas-back")) } }
            h1 { (lang.t_with("areas-edit-title", &named)) }
            (error_summary(errors, lang))
            form.card method="post" action={ "/admin/areas/" (slug) } novalidate {
                (csrf_field(csrf))
                (area_fields(draft, slug, lang))
                (Field { name: "position", label: &position, kind: "number", value: &draft.position, hint: None, autocomplete: "off", errors, required: false })
                button type="submit" { (lang.t("save")) }
            }
            p.muted { (lang.t("areas-delete-note")) }
            (confirm_delete(csrf, &format!("/admin/areas/{slug}/delete"), &lang.t_with("areas-delete-question", &named), lang))
        },
    )
}
