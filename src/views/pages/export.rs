//! The export form: what was asked is kept, and a refused value is named at its field.

use maud::{Markup, html};

use crate::domain::validation::FieldErrors;
use crate::services::export::ExportParams;
use crate::views::components::{Field, error_summary};
use crate::views::layout::{Chrome, page};

/// The orders offered, each with the key of its name (the board's tab names, "top" its own).
const ORDERS: [(&str, &str); 5] = [
    ("top", "export-order-top"),
    ("popular", "sort-popular"),
    ("trending", "sort-trending"),
    ("new", "sort-new"),
    ("discussed", "sort-discussed"),
];

/// A select whose option `chosen` is selected, with its error tied to it.
fn choice(
    name: &'static str,
    label: &str,
    options: &[(&str, String)],
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
    let lang = chrome.lang;
    let errors = &errors.in_language(lang);
    let value = |field: &Option<String>| field.clone().unwrap_or_default();
    let (status, tag, since, until) = (
        value(&asked.status),
        value(&asked.tag),
        value(&asked.since),
        value(&asked.until),
    );
    let min_points = value(&asked.min_points);
    let storm = value(&asked.storm);
    let limit = asked.limit.clone().unwrap_or_else(|| "100".to_string());
    let t = |key: &str| lang.t(key);
    let title = t("export-title");
    let formats = [
        ("csv", t("export-format-csv")),
        ("json", t("export-format-json")),
    ];
    let orders: Vec<(&str, String)> = ORDERS.iter().map(|(v, key)| (*v, t(key))).collect();
    let (statuses, statuses_hint, tags, tags_hint) = (
        t("export-statuses"),
        t("export-statuses-hint"),
        t("export-tags"),
        t("export-tags-hint"),
    );
    let (storm_label, storm_hint) = (t("export-storm"), t("export-storm-hint"));
    let (since_label, until_label, date_hint) =
        (t("export-since"), t("export-until"), t("export-date-hint"));
    let (min_label, limit_label, limit_hint) = (
        t("export-min-points"),
        t("export-limit"),
        t("export-limit-hint"),
    );
    page(
        &if errors.is_empty() {
            title.clone()
        } else {
            lang.t_with("error-title", &[("title", title.as_str().into())])
        },
        chrome,
        true,
        html! {
            h1 { (t("export-heading")) }
            (error_summary(errors, lang))
            form.card method="get" action="/admin/export/ideas" novalidate {
                (choice("format", &t("export-format"), &formats, asked.format.as_deref().unwrap_or("csv"), errors))
                (choice("sort", &t("export-order"), &orders, asked.sort.as_deref().unwrap_or("top"), errors))
                (Field { name: "status", label: &statuses, kind: "text", value: &status, hint: Some(&statuses_hint), autocomplete: "off", errors, required: false })
                (Field { name: "tag", label: &tags, kind: "text", value: &tag, hint: Some(&tags_hint), autocomplete: "off", errors, required: false })
                (Field { name: "storm", label: &storm_label, kind: "text", value: &storm, hint: Some(&storm_hint), autocomplete: "off", errors, required: false })
                (Field { name: "since", label: &since_label, kind: "text", value: &since, hint: Some(&date_hint), autocomplete: "off", errors, required: false })
                (Field { name: "until", label: &until_label, kind: "text", value: &until, hint: Some(&date_hint), autocomplete: "off", errors, required: false })
                (Field { name: "min_points", label: &min_label, kind: "text", value: &min_points, hint: None, autocomplete: "off", errors, required: false })
                (Field { name: "limit", label: &limit_label, kind: "text", value: &limit, hint: Some(&limit_hint), autocomplete: "off", errors, required: false })
                button type="submit" { (t("export-download")) }
            }
            p.muted { (t("export-formula-note")) }
        },
    )
}
