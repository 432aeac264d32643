//! Small reusable pieces of markup: form fields with their errors, the CSRF field, idea cards,
//! the vote widget, avatars, sanitised Markdown.

pub mod age;
pub mod avatar;
pub mod idea_card;
pub mod local_names;
pub mod markdown;
pub mod response;
pub mod vote;

use maud::{Markup, html};

use crate::domain::roles::Role;
use crate::domain::validation::FieldErrors;

/// A person's name with their staff badge ("Moderator", "Product team", "Admin") when they act
/// for the site; members' names stand alone, so no name can pass for staff.
pub fn person_name(name: &str, role: Role, lang: crate::i18n::Lang) -> Markup {
    html! {
        (name)
        @if let Some(badge) = role.badge() {
            " " span.badge.staff title=(lang.t("staff-badge-title")) { (lang.t(badge)) }
        }
    }
}

/// The hidden synchronizer token every form carries.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

/// One labelled input. Its error (if any) is tied to it by `aria-describedby`.
pub struct Field<'a> {
    pub name: &'static str,
    pub label: &'a str,
    pub kind: &'static str,
    pub value: &'a str,
    pub hint: Option<&'a str>,
    pub autocomplete: &'static str,
    pub errors: &'a FieldErrors,
    pub required: bool,
}

impl maud::Render for Field<'_> {
    fn render(&self) -> Markup {
        let id = format!("field-{}", self.name);
        let error = self.errors.for_field(self.name);
        let error_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let described_by = [
            error.map(|_| error_id.as_str()),
            self.hint.map(|_| hint_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        // Passwords are never echoed back into the page.
        let value = if self.kind == "password" {
            ""
        } else {
            self.value
        };
        html! {
            div.field {
                label for=(id) { (self.label) }
                input id=(id) name=(self.name) type=(self.kind) value=(value)
                    autocomplete=(self.autocomplete) required[self.required]
                    aria-invalid=[error.map(|_| "true")]
                    aria-describedby=[(!described_by.is_empty()).then_some(described_by.as_str())];
                @if let Some(hint) = self.hint {
                    p.hint id=(hint_id) { (hint) }
                }
                @if let Some(message) = error {
                    p.error id=(error_id) { (message) }
                }
            }
        }
    }
}

/// A multi-line text field (Markdown), with its error tied to it.
pub struct TextArea<'a> {
    pub name: &'static str,
    pub label: &'a str,
    pub value: &'a str,
    pub hint: Option<&'a str>,
    pub errors: &'a FieldErrors,
    pub rows: u32,
    pub maxlength: usize,
}

impl maud::Render for TextArea<'_> {
    fn render(&self) -> Markup {
        let id = format!("field-{}", self.name);
        let error = self.errors.for_field(self.name);
        let error_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let described_by = [
            error.map(|_| error_id.as_str()),
            self.hint.map(|_| hint_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        html! {
            div.field {
                label for=(id) { (self.label) }
                textarea id=(id) name=(self.name) rows=(self.rows) maxlength=(self.maxlength)
                    aria-invalid=[error.map(|_| "true")]
                    aria-describedby=[(!described_by.is_empty()).then_some(described_by.as_str())] { (self.value) }
                @if let Some(hint) = self.hint {
                    p.hint id=(hint_id) { (hint) }
                }
                @if let Some(message) = error {
                    p.error id=(error_id) { (message) }
                }
            }
        }
    }
}

/// A delete that asks first, without JavaScript: "Delete" opens the question (`question`) and
/// its "Yes, delete" button, which posts to `action`.
pub fn confirm_delete(csrf: &str, action: &str, question: &str, lang: crate::i18n::Lang) -> Markup {
    html! {
        details.confirm {
            summary { (lang.t("delete")) }
            form method="post" action=(action) {
                (csrf_field(csrf))
                p { (question) }
                button.danger type="submit" { (lang.t("delete-yes")) }
            }
        }
    }
}

/// A page-level error summary for forms that failed: it takes the focus when the page loads
/// (so a keyboard or screen-reader user starts at what went wrong), each error links to its field.
/// Written in `lang`.
pub fn error_summary(errors: &FieldErrors, lang: crate::i18n::Lang) -> Markup {
    let errors = errors.in_language(lang);
    html! {
        @if !errors.is_empty() {
            div.flash.error.error-summary role="alert" tabindex="-1" autofocus {
                p { (lang.t("errors-intro")) }
                ul {
                    @for error in &errors.0 {
                        li { a href={ "#field-" (error.field) } { (error.message) } }
                    }
                }
            }
        }
    }
}
