//! The API page: every operation of the OpenAPI document, grouped by tag.

use maud::{Markup, html};

use crate::views::layout::{Chrome, page};

/// One operation as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationLine {
    pub tag: String,
    pub method: &'static str,
    pub path: String,
    pub summary: String,
    /// "required", "optional" (answers differ when signed in) or "none".
    pub token: &'static str,
}

pub fn api_page(chrome: &Chrome, operations: &[OperationLine]) -> Markup {
    let mut tags: Vec<&str> = operations.iter().map(|o| o.tag.as_str()).collect();
    tags.dedup();
    page(
        "API",
        chrome,
        false,
        html! {
            h1 { "JSON API" }
            p {
                "Everything the pages do is also an API under " code { "/api/v1" } ". "
                "The machine-readable description is the OpenAPI 3.1 document at "
                a href="/api/openapi.json" { "/api/openapi.json" } "."
            }
            p {
                "Send " code { "Authorization: Bearer <token>" } ". Create a token on your "
                a href="/account" { "account page" } " or with " code { "POST /api/v1/tokens" } ". "
                "Errors are " code { "{\"error\": {\"code\": …, \"message\": …}}" } " with a stable code."
            }
            @for tag in &tags {
                section.card {
                    h2 { (tag) }
                    table.api {
                        thead { tr { th { "Method" } th { "Path" } th { "What it does" } th { "Token" } } }
                        tbody {
                            @for op in operations.iter().filter(|o| o.tag == *tag) {
                                tr {
                                    td { code { (op.method) } }
                                    td { code { (op.path) } }
                                    td { (op.summary) }
                                    td { (op.token) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
