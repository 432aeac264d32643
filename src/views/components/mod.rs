//! Small reusable pieces of markup: form fields with their errors, the CSRF field.

use maud::{Markup, html};

use crate::domain::validation::FieldErrors;

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
