//! The OpenAPI document at `/api/openapi.json` describes exactly the `/api/v1` routes the server
//! answers, and the `/api` page lists them.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_openapi_document_describes_every_api_route,
    described_objects_match_what_the_api_answers,
    the_api_page_lists_the_routes,
    every_answer_to_odd_and_hostile_requests_is_documented,
);

/// Every `/api/v1` route, written out: the document must describe exactly these.
const ROUTES: [(&str, &str); 69] = [
    ("POST", "/api/v1/users"),
    ("GET", "/api/v1/me"),
    ("PATCH", "/api/v1/me"),
    ("GET", "/api/v1/users"),
    ("PUT", "/api/v1/users/{id}/role"),
    ("GET", "/api/v1/me/export"),
    ("DELETE", "/api/v1/me"),
    ("GET", "/api/v1/users/{id}/export"),
    ("DELETE", "/api/v1/users/{id}"),
    ("POST", "/api/v1/tokens"),
    ("GET", "/api/v1/tokens"),
    ("DELETE", "/api/v1/tokens/{id}"),
    ("GET", "/api/v1/ideas"),
    ("POST", "/api/v1/ideas"),
    ("GET", "/api/v1/ideas/similar"),
    ("GET", "/api/v1/ideas/{number}"),
    ("PATCH", "/api/v1/ideas/{number}"),
    ("PUT", "/api/v1/ideas/{number}/vote"),
    ("GET", "/api/v1/ideas/{number}/comments"),
    ("POST", "/api/v1/ideas/{number}/comments"),
    ("PATCH", "/api/v1/comments/{id}"),
    ("DELETE", "/api/v1/comments/{id}"),
    ("GET", "/api/v1/export/ideas"),
    ("GET", "/api/v1/statuses"),
    ("POST", "/api/v1/statuses"),
    ("PATCH", "/api/v1/statuses/{slug}"),
    ("DELETE", "/api/v1/statuses/{slug}"),
    ("PUT", "/api/v1/ideas/{number}/status"),
    ("PUT", "/api/v1/ideas/{number}/subscription"),
    ("GET", "/api/v1/roadmap"),
    ("GET", "/api/v1/changelog"),
    ("POST", "/api/v1/changelog"),
    ("GET", "/api/v1/changelog/{id}"),
    ("GET", "/api/v1/storms"),
    ("POST", "/api/v1/storms"),
    ("GET", "/api/v1/storms/{slug}"),
    ("PATCH", "/api/v1/storms/{slug}"),
    ("GET", "/api/v1/storms/{slug}/ideas"),
    ("GET", "/api/v1/areas"),
    ("POST", "/api/v1/areas"),
    ("PATCH", "/api/v1/areas/{slug}"),
    ("DELETE", "/api/v1/areas/{slug}"),
    ("PUT", "/api/v1/ideas/{number}/area"),
    ("GET", "/api/v1/triage"),
    ("GET", "/api/v1/insights/responses"),
    ("GET", "/api/v1/insights/activity"),
    ("GET", "/api/v1/insights/sentiment"),
    ("GET", "/api/v1/insights/funnel"),
    ("GET", "/api/v1/watches"),
    ("POST", "/api/v1/watches"),
    ("DELETE", "/api/v1/watches/{id}"),
    ("GET", "/api/v1/tags"),
    ("POST", "/api/v1/tags"),
    ("PATCH", "/api/v1/tags/{slug}"),
    ("DELETE", "/api/v1/tags/{slug}"),
    ("PUT", "/api/v1/ideas/{number}/tags"),
    ("POST", "/api/v1/ideas/{number}/merge"),
    ("POST", "/api/v1/ideas/{number}/unmerge"),
    ("POST", "/api/v1/ideas/{number}/{action}"),
    ("POST", "/api/v1/comments/{id}/{action}"),
    ("POST", "/api/v1/users/{id}/{action}"),
    ("POST", "/api/v1/flags"),
    ("GET", "/api/v1/flags"),
    ("GET", "/api/v1/audit"),
    ("POST", "/api/v1/webhooks"),
    ("GET", "/api/v1/webhooks"),
    ("DELETE", "/api/v1/webhooks/{id}"),
    ("POST", "/api/v1/webhooks/{id}/test"),
    ("POST", "/api/v1/webhooks/{id}/resume"),
];

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

async fn document(app: &TestApp) -> Value {
    let (status, document) = app.get_json("/api/openapi.json", "").await;
    assert_eq!(status, 200);
    document
}

/// (METHOD, path template) of every operation in the document.
fn operations(document: &Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            found.insert((method.to_uppercase(), path.clone()));
        }
    }
    found
}

/// A concrete path for a template: numbers for `{number}`, a real-looking word elsewhere.
fn concrete(template: &str) -> String {
    template
        .replace("{number}", "1")
        .replace("{action}", "hide")
        .replace("{id}", "x")
        .replace("{slug}", "x")
}

fn template_matches(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    template.len() == path.len()
        && template
            .iter()
            .zip(&path)
            .all(|(t, p)| t == p || (t.starts_with('{') && t.ends_with('}')))
}

async fn error_code(app: &TestApp, method: &str, path: &str) -> (u16, String) {
    let method = Method::from_bytes(method.as_bytes()).expect("method");
    let mut request = app.api_client().request(method.clone(), app.url(path));
    if method != Method::GET && method != Method::DELETE {
        request = request.json(&json!({}));
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    (
        status,
        body["error"]["code"].as_str().unwrap_or("").to_string(),
    )
}

async fn the_openapi_document_describes_every_api_route(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let document = document(&app).await;
    assert!(
        document["openapi"]
            .as_str()
            .unwrap_or("")
            .starts_with("3.1"),
        "{}",
        document["openapi"]
    );
    assert_eq!(document["info"]["title"], "Ideaboard API");
    assert_eq!(
        document["servers"][0]["url"],
        app.state.config.base_url.as_str().trim_end_matches('/')
    );

    let described = operations(&document);
    let expected: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        described.difference(&expected).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "described but not expected"
    );
    assert_eq!(
        expected.difference(&described).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "routes without a description"
    );

    // The server agrees with the document, method by method: a described operation is answered
    // by its handler (any code but `no_route`), anything else on that path falls through to
    // `no_route`, unless another described template also matches the concrete path.
    for path in described.iter().map(|(_, p)| p).collect::<BTreeSet<_>>() {
        let concrete_path = concrete(path);
        for method in METHODS {
            let handled = described
                .iter()
                .any(|(m, t)| m == method && template_matches(t, &concrete_path));
            let (status, code) = error_code(&app, method, &concrete_path).await;
            if handled {
                assert_ne!(code, "no_route", "{method} {concrete_path} is described");
            } else {
                assert_eq!(
                    (status, code.as_str()),
                    (404, "no_route"),
                    "{method} {concrete_path} is not described, so it must not be served"
                );
            }
        }
    }
    let (status, code) = error_code(&app, "GET", "/api/v1/nothing/here").await;
    assert_eq!((status, code.as_str()), (404, "no_route"));

    // Every operation says what it answers, and every schema it names is in the document.
    let text = document.to_string();
    for (method, path) in &described {
        let operation = &document["paths"][path][method.to_lowercase()];
        assert!(
            operation["responses"]
                .as_object()
                .is_some_and(|r| r.keys().any(|code| code.starts_with('2'))),
            "{method} {path} documents its success answer"
        );
    }
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap_or("");
        assert!(schemas.contains_key(name), "{name} is referenced");
    }
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

/// The named schema's (required, all) property names.
fn schema_fields(document: &Value, name: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let schema = &document["components"]["schemas"][name];
    let required = schema["required"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let all = schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    (required, all)
}

fn assert_described(document: &Value, name: &str, object: &Value) {
    let (required, all) = schema_fields(document, name);
    let keys: BTreeSet<String> = object
        .as_object()
        .expect("object")
        .keys()
        .cloned()
        .collect();
    assert!(
        required.is_subset(&keys),
        "{name}: answer lacks {:?}",
        required.difference(&keys).collect::<Vec<_>>()
    );
    assert!(
        keys.is_subset(&all),
        "{name}: answer has undescribed {:?}",
        keys.difference(&all).collect::<Vec<_>>()
    );
}

async fn described_objects_match_what_the_api_answers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let document = document(&app).await;
    let token = app.api_user("ada@example.com", "Ada").await;
    let idea = app
        .create_idea(
            &token,
            "Dark mode for the dashboard",
            "Please add a dark theme.",
        )
        .await;
    assert_described(&document, "IdeaObject", &idea);
    let number = idea["number"].as_i64().expect("number");

    let (status, page) = app.get_json("/api/v1/ideas", "").await;
    assert_eq!(status, 200);
    assert_described(&document, "IdeaPage", &page);
    assert_described(&document, "IdeaObject", &page["items"][0]);

    let (status, comment) = app
        .send_json(
            Method::POST,
            &format!("/api/v1/ideas/{number}/comments"),
            &token,
            json!({"body": "Yes please"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_described(&document, "CommentObject", &comment);

    let (status, me) = app.get_json("/api/v1/me", &token).await;
    assert_eq!(status, 200);
    assert_described(&document, "UserObject", &me);

    let (status, vote) = app
        .send_json(
            Method::PUT,
            &format!("/api/v1/ideas/{number}/vote"),
            &token,
            json!({"value": 2}),
        )
        .await;
    assert_eq!(status, 422);
    assert_described(&document, "ErrorBody", &vote);
    assert_described(&document, "ErrorDetail", &vote["error"]);

    let (status, roadmap) = app.get_json("/api/v1/roadmap", "").await;
    assert_eq!(status, 200);
    assert_described(&document, "Roadmap", &roadmap);
}

async fn the_api_page_lists_the_routes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app
        .browser()
        .get(app.url("/api"))
        .send()
        .await
        .expect("GET /api");
    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.expect("body");
    assert!(page.contains("href=\"/api/openapi.json\""));
    for (method, path) in ROUTES {
        let row = format!("<td><code>{method}</code></td><td><code>{path}</code></td>");
        assert!(page.contains(&row), "the page lists {method} {path}");
    }
}

/// A body with every field the API reads, each of the wrong type.
fn mistyped_fields() -> Value {
    json!({
        "title": 1.5, "body": [], "value": 1.5, "name": {}, "reason": 7, "role": 3,
        "status": false, "note": 1, "tags": "x", "into": "x", "email": 1, "password": 2,
        "subscribed": "yes", "idea": 1.5, "comment": 3, "parent_id": 4, "color": 5,
        "kind": 6, "position": "first", "retired": "no"
    })
}

/// What a careless or hostile client sends: (label, token, body). GETs and DELETEs send no body.
fn hostile_requests(
    admin: &str,
    member: &str,
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    let admin = Some(admin.to_string());
    vec![
        ("no token", None, Some("{}".into())),
        (
            "a token that is none",
            Some("ib_0000".into()),
            Some("{}".into()),
        ),
        ("a member", Some(member.to_string()), Some("{}".into())),
        ("an empty object", admin.clone(), Some("{}".into())),
        ("an array", admin.clone(), Some("[null, null]".into())),
        (
            "wrong types",
            admin.clone(),
            Some(mistyped_fields().to_string()),
        ),
        ("not JSON", admin.clone(), Some("{\"title\": ".into())),
        (
            "too large",
            admin.clone(),
            Some(json!({"body": "x".repeat(300_000)}).to_string()),
        ),
        ("no body", admin, None),
    ]
}

/// Concrete paths for a template: something that exists, something that does not, garbage.
fn path_variants(template: &str) -> Vec<String> {
    let fill = |number: &str, word: &str, action: &str| {
        template
            .replace("{number}", number)
            .replace("{action}", action)
            .replace("{id}", word)
            .replace("{slug}", word)
    };
    let mut variants = vec![fill("1", "x", "hide"), fill("999999", "%00", "explode")];
    variants.dedup();
    variants
}

/// Query parameters of every kind the API reads, each out of range or of the wrong type.
const HOSTILE_QUERY: &str = "page=abc&per_page=-1&sort=zzz&q=%00&format=zzz&since=2026-13-45\
    &until=yesterday&min_points=x&limit=-1&status=%00&tag=%1B&title=%00&actor=%00&action=%00";

async fn every_answer_to_odd_and_hostile_requests_is_documented(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("ada@example.com", "Ada").await;
    let member = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&admin, "Dark mode for everyone", "Please")
        .await;
    let document = document(&app).await;
    let mut undocumented = Vec::new();
    let mut asked = 0;
    for (method, template) in operations(&document) {
        let documented: BTreeSet<u16> =
            document["paths"][&template][method.to_lowercase()]["responses"]
                .as_object()
                .expect("responses")
                .keys()
                .filter_map(|code| code.parse().ok())
                .collect();
        for path in path_variants(&template) {
            for (label, token, body) in hostile_requests(&admin, &member) {
                let verb = Method::from_bytes(method.as_bytes()).expect("method");
                let reads = verb == Method::GET || verb == Method::DELETE;
                let url = match reads {
                    true => app.url(&format!("{path}?{HOSTILE_QUERY}")),
                    false => app.url(&path),
                };
                let mut request = app.api_client().request(verb, url);
                if let Some(token) = &token {
                    request = request.bearer_auth(token);
                }
                if let (false, Some(body)) = (reads, body) {
                    request = request
                        .header("content-type", "application/json")
                        .body(body);
                }
                let status = request.send().await.expect("an answer").status().as_u16();
                asked += 1;
                if !documented.contains(&status) {
                    undocumented.push(format!("{method} {path} with {label}: {status}"));
                }
            }
        }
    }
    assert!(asked > 500, "{asked} requests");
    assert!(
        undocumented.is_empty(),
        "answers the document does not list: {undocumented:#?}"
    );
}
