//! The API page: every operation of the OpenAPI document, grouped by tag.

use maud::{Markup, html};
use utoipa::openapi::OpenApi;

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

/// The operations of `document`, by tag, then path, then method.
pub fn operations(document: &OpenApi) -> Vec<OperationLine> {
    let mut lines = Vec::new();
    for (path, item) in &document.paths.paths {
        let methods = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, operation) in methods {
            let Some(operation) = operation else { continue };
            let summary = operation
                .summary
                .clone()
                .or_else(|| operation.description.clone())
                .unwrap_or_default();
            let requirements: Vec<serde_json::Value> = operation
                .security
                .iter()
                .flatten()
                .filter_map(|r| serde_json::to_value(r).ok())
                .collect();
            let anonymous = serde_json::json!({});
            let token = if requirements.is_empty() {
                "none"
            } else if requirements.contains(&anonymous) {
                "optional"
            } else {
                "required"
            };
            lines.push(OperationLine {
                tag: operation
                    .tags
                    .as_ref()
                    .and_then(|t| t.first().cloned())
                    .unwrap_or_default(),
                method,
                path: path.clone(),
                summary,
                token,
            });
        }
    }
    lines.sort_by(|a, b| (&a.tag, &a.path, a.method).cmp(&(&b.tag, &b.path, b.method)));
    lines
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
