//! The OpenAPI 3.1 document of `/api/v1` at `/api/openapi.json`, built from the very scope the
//! server registers (`api::routes::api_v1`), so a route cannot be served without being described.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::server::Server;
use utoipa::openapi::{
    ComponentsBuilder, Content, InfoBuilder, OpenApi, OpenApiBuilder, Ref, RefOr, ResponseBuilder,
};
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
    // What a webhook delivers is answered by no route: listed for receivers to build on.
    {
        use crate::services::webhook_events::WebhookPayload;
        use utoipa::{PartialSchema, ToSchema};
        schemas.push((
            WebhookPayload::name().into_owned(),
            WebhookPayload::schema(),
        ));
        WebhookPayload::schemas(&mut schemas);
    }
    let components = ComponentsBuilder::new()
        .schemas_from_iter(schemas)
        .security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        )
        .build();
    let mut api = OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Ideaboard API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(DESCRIPTION))
                .build(),
        )
        .paths(paths)
        .components(Some(components))
        .build();
    for item in api.paths.paths.values_mut() {
        if let Some(read) = &mut item.get {
            add_shared_responses(read, false);
        }
        let writes = [
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for operation in writes.into_iter().flatten() {
            add_shared_responses(operation, true);
        }
    }
    api
}

/// The answers that come from the layers every operation passes through rather than from its
/// handler, added to each operation they can reach so the document lists every status it can
/// send: 400 (a body or query that cannot be read), 401 (a token that is missing, revoked or
/// wrong, wherever a token is read), 403 (a change by a banned person, or one their role does not
/// allow), 404 (a path naming nothing), 413 (a body over the limit), 422 (a field or parameter
/// refused), 503 (the database cannot be reached; `Retry-After`).
fn add_shared_responses(operation: &mut Operation, changes_something: bool) {
    let parameters = operation.parameters.iter().flatten();
    let has_query = parameters
        .clone()
        .any(|p| p.parameter_in == ParameterIn::Query);
    let has_path = parameters
        .clone()
        .any(|p| p.parameter_in == ParameterIn::Path);
    // A change may be sent a JSON body even where it reads none, and every JSON body is read
    // (it must be an object; see `api::json_bodies_are_objects`).
    let reads_body = operation.request_body.is_some();
    let may_get_body = reads_body || changes_something;
    let reads_token = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let shared = [
        (
            may_get_body || has_query,
            "400",
            "The body or a query parameter could not be read",
        ),
        (
            reads_token,
            "401",
            "The token is missing, revoked or not valid",
        ),
        (
            reads_token && changes_something,
            "403",
            "Not allowed: your role does not allow it, you are banned, or the idea is closed to it",
        ),
        (has_path, "404", "Nothing is at this path"),
        (may_get_body, "413", "The body is too large"),
        (
            reads_body || has_query,
            "422",
            "A field or parameter is refused; `fields` says which",
        ),
        (
            true,
            "503",
            "The database cannot be reached; try again after `Retry-After` seconds",
        ),
    ];
    for (applies, status, description) in shared {
        if applies && !operation.responses.responses.contains_key(status) {
            let response = ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    Content::new(Some(Ref::from_schema_name("ErrorBody"))),
                )
                .build();
            operation
                .responses
                .responses
                .insert(status.to_string(), RefOr::T(response));
        }
    }
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
