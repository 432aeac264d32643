//! The OpenAPI 3.1 document of `/api/v1` at `/api/openapi.json`, built from the very scope the
//! server registers (`api::routes::api_v1`), so a route cannot be served without being described.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::server::Server;
use utoipa::openapi::{ComponentsBuilder, InfoBuilder, OpenApi, OpenApiBuilder};
use utoipa_actix_web::OpenApiFactory;

use crate::views::pages::api_docs::OperationLine;
use crate::web::api::routes;
use crate::web::state::AppState;

const DESCRIPTION: &str = "The Ideaboard JSON API. Send `Authorization: Bearer <token>`; \
a token comes from `POST /api/v1/tokens` or the account page. Every error is \
`{\"error\": {\"code\", \"message\"}}` with a stable `code`; validation errors add `fields`.";

/// The document, without `servers` (those depend on the configured base URL).
pub fn document() -> OpenApi {
    let scope = routes::api_v1();
    let paths = scope.paths();
    let mut schemas = Vec::new();
    scope.schemas(&mut schemas);
    let components = ComponentsBuilder::new()
        .schemas_from_iter(schemas)
        .security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        )
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Ideaboard API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(DESCRIPTION))
                .build(),
        )
        .paths(paths)
        .components(Some(components))
        .build()
}

static DOCUMENT: LazyLock<OpenApi> = LazyLock::new(document);

/// The document as served: with this deployment's base URL as its server.
pub fn served_document(base_url: &str) -> OpenApi {
    let mut api = DOCUMENT.clone();
    api.servers = Some(vec![Server::new(base_url.trim_end_matches('/'))]);
    api
}

#[get("/api/openapi.json")]
pub async fn openapi_json(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .json(served_document(state.config.base_url.as_str()))
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
