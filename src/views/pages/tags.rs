//! `/mod/tags`: create, rename, recolour and delete tags; a refused form comes back with what was
//! typed and the reason at the field.

use maud::{Markup, html};

use super::moderation::mod_nav;
use crate::domain::local_names::LocalNames;
use crate::domain::read::TagRef;
use crate::domain::validation::FieldErrors;
use crate::views::components::local_names::names_fields;
use crate::views::components::{Field, confirm_delete, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};
use crate::views::theme::tag_classes;

/// What was typed into a refused tag form: the new-tag form's fields, or (with `editing`, the
/// tag's slug) one row's.
pub struct TagDraft<'a> {
    pub editing: Option<&'a str>,
    pub name: &'a str,
    pub names: &'a LocalNames,
    pub color: &'a str,
    pub errors: &'a FieldErrors,
}

impl TagDraft<'_> {
    /// Nothing typed yet.
    pub fn empty() -> TagDraft<'static> {
        static NO_ERRORS: std::sync::LazyLock<FieldErrors> =
            std::sync::LazyLock::new(FieldErrors::default);
        static NO_NAMES: std::sync::LazyLock<LocalNames> =
            std::sync::LazyLock::new(LocalNames::default);
        TagDraft {
            editing: None,
            name: "",
            names: &NO_NAMES,
            color: "#718096",
            errors: &NO_ERRORS,
        }
    }
}

pub fn tags(chrome: &Chrome, csrf: &str, tags: &[TagRef], draft: &TagDraft<'_>) -> Markup {
    let lang = chrome.lang;
    let title = lang.t("tags-title");
    let errors = &draft.errors.in_language(lang);
    let new_errors = if draft.editing.is_none() {
        errors
    } else {
        TagDraft::empty().errors
    };
    let (new_tag, colour, hint) = (
        lang.t("tags-new"),
        lang.t("tags-colour"),
        lang.t("tags-colour-hint"),
    );
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
            (mod_nav("/mod/tags", chrome.lang))
            @if draft.editing.is_none() { (error_summary(errors, lang)) }
            form.card method="post" action="/mod/tags" novalidate {
                (csrf_field(csrf))
                (Field { name: "name", label: &new_tag, kind: "text", value: if draft.editing.is_none() { draft.name } else { "" }, hint: None, autocomplete: "off", errors: new_errors, required: true })
                (names_fields("new", if draft.editing.is_none() { draft.names } else { TagDraft::empty().names }, None, lang))
                p.hint { (lang.t("names-hint")) }
                (Field { name: "color", label: &colour, kind: "text", value: if draft.editing.is_none() { draft.color } else { "#718096" }, hint: Some(&hint), autocomplete: "off", errors: new_errors, required: false })
                button type="submit" { (lang.t("tags-create")) }
            }
            table {
                thead { tr { th { (lang.t("tags-col-tag")) } th { (lang.t("tags-col-edit")) } th { span.visually-hidden { (lang.t("delete")) } } } }
                tbody {
                    @for tag in tags {
                        (tag_row(csrf, tag, draft, errors, lang))
                    }
                }
            }
        },
    )
}

/// One tag's row: its forms, holding what was typed if this row's form was refused.
fn tag_row(
    csrf: &str,
    tag: &TagRef,
    draft: &TagDraft<'_>,
    errors: &FieldErrors,
    lang: crate::i18n::Lang,
) -> Markup {
    let named = [("name", crate::i18n::Arg::from(tag.name.as_str()))];
    let refused = draft.editing == Some(tag.slug.as_str());
    let (name, names, color) = if refused {
        (draft.name, draft.names, draft.color)
    } else {
        (tag.name.as_str(), &tag.names, tag.color.as_str())
    };
    let error_id = format!("tag-{}-error", tag.slug);
    html! {
        tr {
            td { a class=(tag_classes(&tag.slug)) href={ "/?tag=" (tag.slug) } { "#" (tag.names.shown(lang, &tag.name)) } " " span.muted { (tag.slug) } }
            td {
                form.inline method="post" action={ "/mod/tags/" (tag.slug) } novalidate {
                    (csrf_field(csrf))
                    label.visually-hidden for={ "name-" (tag.slug) } { (lang.t_with("tags-name-of", &named)) }
                    input id={ "name-" (tag.slug) } type="text" name="name" value=(name)
                        aria-invalid=[(refused && draft.errors.for_field("name").is_some()).then_some("true")]
                        aria-describedby=[refused.then_some(error_id.as_str())];
                    (names_fields(&format!("tag-{}", tag.slug), names, Some(&tag.name), lang))
                    label.visually-hidden for={ "color-" (tag.slug) } { (lang.t_with("tags-colour-of", &named)) }
                    input id={ "color-" (tag.slug) } type="text" name="color" value=(color)
                        aria-invalid=[(refused && draft.errors.for_field("color").is_some()).then_some("true")]
                        aria-describedby=[refused.then_some(error_id.as_str())];
                    button.secondary type="submit" { (lang.t("save")) }
                }
                @if refused {
                    p.error id=(error_id) role="alert" {
                        @for error in &errors.0 { (error.message) " " }
                    }
                }
            }
            td {
                (confirm_delete(csrf, &format!("/mod/tags/{}/delete", tag.slug), &lang.t_with("tags-delete-question", &named), lang))
            }
        }
    }
}
