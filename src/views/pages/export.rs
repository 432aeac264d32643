//! The export form: what was asked is kept, and a refused value is named at its field.

use maud::{Markup, html};

use crate::domain::validation::FieldErrors;
use crate::services::export::ExportParams;
use crate::views::components::{Field, error_summary};
use crate::views::layout::{Chrome, page};

const ORDERS: [(&str, &str); 5] = [
    ("top", "Top (net points)"),
    ("popular", "Popular"),
    ("trending", "Trending"),
    ("new", "Newest"),
    ("discussed", "Most discussed"),
];

/// A select whose option `chosen` is selected, with its error tied to it.
fn choice(
    name: &'static str,
    label: &str,
    options: &[(&str, &str)],
    chosen: &str,
    errors: &FieldErrors,
) -> Markup {
    let id = format!("field-{name}");
    let error = errors.for_field(name);
    html! {
        div.field {
            label for=(id) { (label) }
            select id=(id) name=(name) aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| format!("{id}-error"))] {
                @for (value, text) in options {
                    option value=(value) selected[*value == chosen] { (text) }
                }
            }
            @if let Some(message) = error {
                p.error id={ (id) "-error" } { (message) }
            }
        }
    }
}

pub fn export_form(chrome: &Chrome, asked: &ExportParams, errors: &FieldErrors) -> Markup {
    let value = |field: &Option<String>| field.clone().unwrap_or_default();
    let (status, tag, since, until) = (
        value(&asked.status),
        value(&asked.tag),
        value(&asked.since),
        value(&asked.until),
    );
    let min_points = value(&asked.min_points);
    let limit = asked.limit.clone().unwrap_or_else(|| "100".to_string());
    let title = if errors.is_empty() {
        "Export ideas"
    } else {
        "Error: Export ideas"
    };
    page(
        title,
        chrome,
        true,
        html! {
            h1 { "Export top ideas" }
            (error_summary(errors, chrome.lang))
            form.card method="get" action="/admin/export/ideas" novalidate {
                (choice("format", "Format", &[("csv", "CSV (spreadsheets)"), ("json", "JSON")], asked.format.as_deref().unwrap_or("csv"), errors))
                (choice("sort", "Order", &ORDERS, asked.sort.as_deref().unwrap_or("top"), errors))
                (Field { name: "status", label: "Statuses", kind: "text", value: &status, hint: Some("Slugs, comma-separated; empty means the open and active ones."), autocomplete: "off", errors, required: false })
                (Field { name: "tag", label: "Tags", kind: "text", value: &tag, hint: Some("Slugs, comma-separated: ideas with any of them."), autocomplete: "off", errors, required: false })
                (Field { name: "since", label: "Submitted since", kind: "text", value: &since, hint: Some("YYYY-MM-DD"), autocomplete: "off", errors, required: false })
                (Field { name: "until", label: "Submitted until", kind: "text", value: &until, hint: Some("YYYY-MM-DD"), autocomplete: "off", errors, required: false })
                (Field { name: "min_points", label: "Minimum points", kind: "text", value: &min_points, hint: None, autocomplete: "off", errors, required: false })
                (Field { name: "limit", label: "How many", kind: "text", value: &limit, hint: Some("0 means all."), autocomplete: "off", errors, required: false })
                button type="submit" { "Download" }
            }
            p.muted { "In CSV, cells starting with = + - @ are prefixed with an apostrophe so spreadsheets show them as text." }
        },
    )
}
