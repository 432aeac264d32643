//! The export form.

use maud::{Markup, html};

use crate::views::layout::{Chrome, page};

pub fn export_form(chrome: &Chrome) -> Markup {
    page(
        "Export ideas",
        chrome,
        true,
        html! {
            h1 { "Export top ideas" }
            form.card method="get" action="/admin/export/ideas" {
                div.field {
                    label for="format" { "Format" }
                    select #format name="format" { option value="csv" { "CSV (spreadsheets)" } option value="json" { "JSON" } }
                }
                div.field {
                    label for="sort" { "Order" }
                    select #sort name="sort" {
                        @for (value, label) in [("top", "Top (net points)"), ("popular", "Popular"), ("trending", "Trending"), ("new", "Newest"), ("discussed", "Most discussed")] {
                            option value=(value) { (label) }
                        }
                    }
                }
                div.field { label for="status" { "Statuses (slugs, comma-separated; empty = open and active)" } input #status type="text" name="status"; }
                div.field { label for="tag" { "Tags (slugs, comma-separated)" } input #tag type="text" name="tag"; }
                div.field { label for="since" { "Submitted since (YYYY-MM-DD)" } input #since type="text" name="since"; }
                div.field { label for="until" { "Submitted until (YYYY-MM-DD)" } input #until type="text" name="until"; }
                div.field { label for="min_points" { "Minimum points" } input #min_points type="text" inputmode="numeric" name="min_points"; }
                div.field { label for="limit" { "How many (0 = all)" } input #limit type="text" inputmode="numeric" name="limit" value="100"; }
                button type="submit" { "Download" }
            }
            p.muted { "In CSV, cells starting with = + - @ are prefixed with an apostrophe so spreadsheets show them as text." }
        },
    )
}
