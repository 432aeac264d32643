//! The JSON API's authentication: bearer tokens only, revocable, and JSON errors throughout.

use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_api_without_a_token_or_with_a_bad_one_is_401,
    a_revoked_token_stops_working_at_once,
    a_session_cookie_does_not_authenticate_the_api,
    bad_json_and_unknown_paths_get_json_errors,
    no_cache_keeps_an_api_answer,
);

async fn no_cache_keeps_an_api_answer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.api_user("cache@example.com", "Cache").await;
    let client = app.api_client();
    let issued = client
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"email": "cache@example.com", "password": crate::helpers::GOOD_PASSWORD, "name": "cli"}))
        .send()
        .await
        .expect("POST");
    assert_eq!(issued.status().as_u16(), 201);
    assert_eq!(
        issued.headers()["cache-control"],
        "no-store",
        "a token's secret"
    );
    for path in ["/api/v1/ideas", "/api/v1/me", "/api/v1/no-such-route"] {
        let answer = client.get(app.url(path)).send().await.expect("GET");
        assert_eq!(answer.headers()["cache-control"], "no-store", "{path}");
    }
}

async fn the_api_without_a_token_or_with_a_bad_one_is_401(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.api_user("api@example.com", "Api").await;
    let client = app.api_client();

    let anonymous = client.get(app.url("/api/v1/me")).send().await.expect("GET");
    assert_eq!(anonymous.status().as_u16(), 401);
    assert_eq!(anonymous.headers()["www-authenticate"], "Bearer");
    let body: Value = anonymous.json().await.expect("json");
    assert_eq!(body["error"]["code"], "unauthorized");

    assert_eq!(app.get_json("/api/v1/me", "ib_0000").await.0, 401);

    let (_, me) = app.get_json("/api/v1/me", &token).await;
    assert_eq!(me["email"], "api@example.com");
    assert_eq!(me["name"], "Api");
    assert!(me["id"].as_str().is_some_and(|id| id.len() == 36));
    assert!(me.get("password_hash").is_none());
}

async fn a_revoked_token_stops_working_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = app.register("tok@example.com", "Tok").await;

    // Created on the account page, shown once.
    let created = app
        .submit_form(
            &browser,
            "/account",
            "/account/tokens",
            &[("name", "deploy script")],
        )
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let page = created.text().await.expect("body");
    let marker = "id=\"new-token\">";
    let start = page.find(marker).expect("the new token is shown") + marker.len();
    let token = page[start..start + 67].to_string();
    assert!(token.starts_with("ib_"));
    let (_, later) = app.get_page(&browser, "/account").await;
    assert!(!later.contains(&token), "shown only once");
    assert!(later.contains("deploy script"));

    let client = app.api_client();
    assert_eq!(app.get_json("/api/v1/me", &token).await.0, 200);

    let (_, listed) = app.get_json("/api/v1/tokens", &token).await;
    let id = listed["items"][0]["id"].as_str().expect("id").to_string();
    assert!(
        !listed.to_string().contains(&token),
        "the list never shows secrets"
    );

    let revoked = app
        .submit_form(
            &browser,
            "/account",
            &format!("/account/tokens/{id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(revoked.status().as_u16(), 303);
    assert_eq!(app.get_json("/api/v1/me", &token).await.0, 401);

    // The API can revoke too.
    let second = app
        .api_token("tok@example.com", crate::helpers::GOOD_PASSWORD)
        .await;
    let (_, listed) = app.get_json("/api/v1/tokens", &second).await;
    let second_id = listed["items"][0]["id"].as_str().expect("id").to_string();
    let deleted = client
        .delete(app.url(&format!("/api/v1/tokens/{second_id}")))
        .bearer_auth(&second)
        .send()
        .await
        .expect("DELETE");
    assert_eq!(deleted.status().as_u16(), 204);
    assert_eq!(app.get_json("/api/v1/me", &second).await.0, 401);
}

async fn a_session_cookie_does_not_authenticate_the_api(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = app.register("cookie@example.com", "Cookie").await;
    let (status, _) = app.get_page(&browser, "/account").await;
    assert_eq!(status, 200);
    let api = browser
        .get(app.url("/api/v1/me"))
        .send()
        .await
        .expect("GET");
    assert_eq!(api.status().as_u16(), 401);
}

async fn bad_json_and_unknown_paths_get_json_errors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.api_client();
    let broken = client
        .post(app.url("/api/v1/users"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("POST");
    assert_eq!(broken.status().as_u16(), 400);
    let body: Value = broken.json().await.expect("json");
    assert_eq!(body["error"]["code"], "bad_request");

    let huge = client
        .post(app.url("/api/v1/users"))
        .json(&json!({"email": "a@example.com", "name": "x".repeat(300_000), "password": "p"}))
        .send()
        .await
        .expect("POST");
    assert_eq!(huge.status().as_u16(), 413);

    let missing = client
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .expect("GET");
    assert_eq!(missing.status().as_u16(), 404);
    let body: Value = missing.json().await.expect("json");
    assert_eq!(body["error"]["code"], "no_route");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("/api/openapi.json"))
    );

    let bad_email = client
        .post(app.url("/api/v1/users"))
        .json(&json!({"email": "not-an-email", "name": "", "password": "violet tractor pillow quantum"}))
        .send()
        .await
        .expect("POST");
    assert_eq!(bad_email.status().as_u16(), 422);
    let body: Value = bad_email.json().await.expect("json");
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["email", "name"]);
    assert_eq!(app.count_rows("users").await, 0);
}
