//! Text with a NUL or another control character, where a name or an address is looked up: a
//! clear 4xx (or the answer an unknown name gets), never a 500, on both backends. Every text a
//! person types follows one rule: control and direction characters refused at the field, stray
//! zero-width characters removed.

use reqwest::Method;
use serde_json::json;

use crate::helpers::html::field_error;
use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    control_characters_in_lookups_get_a_clear_answer_not_a_500,
    every_typed_text_refuses_control_and_direction_characters_at_its_field,
    stray_zero_width_characters_are_removed_and_joiners_inside_words_kept,
    a_json_body_that_is_no_object_is_refused_whatever_json_type_it_names,
    a_status_position_out_of_range_is_refused_and_the_next_status_still_goes_last,
);

/// A position far out of range was once stored, and the next status's "after the last" then
/// overflowed into a 500.
async fn a_status_position_out_of_range_is_refused_and_the_next_status_still_goes_last(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("ada@example.com", "Ada").await;
    for position in [i64::MAX, -1, 1_000_001] {
        let (status, body) = app
            .send_json(
                Method::POST,
                "/api/v1/statuses",
                &admin,
                json!({"name": format!("Far {position}"), "position": position}),
            )
            .await;
        assert_eq!(status, 422, "{position}: {body}");
        assert_eq!(body["error"]["fields"][0]["field"], "position");
    }
    let (status, top) = app
        .send_json(
            Method::POST,
            "/api/v1/statuses",
            &admin,
            json!({"name": "Top", "position": 1_000_000}),
        )
        .await;
    assert_eq!((status, top["position"].as_i64()), (201, Some(1_000_000)));
    let (status, next) = app
        .send_json(
            Method::POST,
            "/api/v1/statuses",
            &admin,
            json!({"name": "Next"}),
        )
        .await;
    assert_eq!(status, 201, "{next}");
    assert_eq!(next["position"], 1_000_000, "as far as positions go");
}

/// `application/json` or any `+json` type: the JSON extractor reads them all, so the rule that
/// a body is an object covers them all, and its refusal carries the security headers.
async fn a_json_body_that_is_no_object_is_refused_whatever_json_type_it_names(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("ada@example.com", "Ada").await;
    let idea = app.create_idea(&admin, "Dark mode", "Please").await;
    let path = format!("/api/v1/ideas/{}", idea["number"]);
    for content_type in [
        "application/json",
        "application/merge-patch+json",
        "Application/JSON; charset=utf-8",
    ] {
        let response = app
            .api_client()
            .patch(app.url(&path))
            .bearer_auth(&admin)
            .header("content-type", content_type)
            .body("[null, null]")
            .send()
            .await
            .expect("PATCH");
        assert_eq!(response.status().as_u16(), 400, "{content_type}");
        assert_eq!(
            response.headers()["x-content-type-options"],
            "nosniff",
            "{content_type}: the refusal has the security headers"
        );
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["error"]["code"], "bad_request", "{content_type}");
    }
    let (_, unchanged) = app.get_json(&path, "").await;
    assert_eq!(unchanged["title"], "Dark mode");
}

async fn control_characters_in_lookups_get_a_clear_answer_not_a_500(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&admin, "An idea to list", "").await;

    for path in ["/?tag=%00", "/?status=%00", "/?tag=ui%1B"] {
        let (status, page) = app.get_page(&app.browser(), path).await;
        assert_eq!(status, 422, "{path}: {page}");
    }
    for (path, field) in [
        ("/api/v1/ideas?tag=%00", "tag"),
        ("/api/v1/ideas?status=%00", "status"),
    ] {
        let (status, answer) = app.get_json(path, "").await;
        assert_eq!(status, 422, "{path}: {answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], field, "{path}");
    }
    let (status, answer) = app.get_json("/api/v1/export/ideas?tag=%00", &admin).await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["fields"][0]["field"], "tag");

    let (status, _) = app.get_page(&app.browser(), "/feeds/tags/%00.atom").await;
    assert_eq!(status, 404);

    let (status, answer) = app
        .send_json(
            Method::POST,
            "/api/v1/tokens",
            "",
            json!({"email": "ada\u{0}@example.com", "password": "whatever it is", "name": "t"}),
        )
        .await;
    assert_eq!(status, 401, "{answer}");
    assert_eq!(answer["error"]["code"], "invalid_credentials");

    let browser = app.browser();
    let asked = app
        .submit_form(
            &browser,
            "/reset",
            "/reset",
            &[("email", "ada\u{0}@example.com")],
        )
        .await;
    assert_eq!(asked.status().as_u16(), 422, "a message at the field");
    let page = asked.text().await.expect("body");
    assert!(field_error(&page, "email").is_some(), "{page}");
    app.outbox_drained().await;
    assert!(app.smtp.received_by("ada@example.com").is_empty());
}

async fn every_typed_text_refuses_control_and_direction_characters_at_its_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("ada@example.com", "Ada").await;
    let idea = app.create_idea(&admin, "An idea to act on", "").await;
    let n = idea["number"].as_i64().expect("number");
    let spoof = "\u{202E}nimdA";
    let cases: Vec<(Method, String, serde_json::Value, &str)> = vec![
        (
            Method::POST,
            "/api/v1/users".into(),
            json!({"email": "eve@example.com", "name": spoof, "password": crate::helpers::GOOD_PASSWORD}),
            "name",
        ),
        (
            Method::POST,
            "/api/v1/ideas".into(),
            json!({"title": "Escape \u{1b}[31m red", "body": ""}),
            "title",
        ),
        (
            Method::POST,
            "/api/v1/ideas".into(),
            json!({"title": "A fine title", "body": "NUL \u{0} here"}),
            "body",
        ),
        (
            Method::POST,
            "/api/v1/ideas".into(),
            json!({"title": "Looks \u{2067}reversed\u{2069}", "body": ""}),
            "title",
        ),
        (
            Method::POST,
            format!("/api/v1/ideas/{n}/comments"),
            json!({"body": "a \u{202D} comment"}),
            "body",
        ),
        (
            Method::POST,
            "/api/v1/tags".into(),
            json!({"name": "ui\u{0}"}),
            "name",
        ),
        (
            Method::POST,
            "/api/v1/statuses".into(),
            json!({"name": "Shipped\u{1b}"}),
            "name",
        ),
        (
            Method::PUT,
            format!("/api/v1/ideas/{n}/status"),
            json!({"status": "planned", "note": "soon\u{0}"}),
            "note",
        ),
        (
            Method::POST,
            "/api/v1/flags".into(),
            json!({"idea": n, "reason": "spam\u{202E}"}),
            "reason",
        ),
        (
            Method::POST,
            format!("/api/v1/ideas/{n}/hide"),
            json!({"reason": "\u{0}"}),
            "reason",
        ),
    ];
    for (method, path, body, field) in cases {
        let (status, answer) = app
            .send_json(method.clone(), &path, &admin, body.clone())
            .await;
        assert_eq!(status, 422, "{method} {path} {body}: {answer}");
        assert_eq!(
            answer["error"]["fields"][0]["field"], field,
            "{path}: {answer}"
        );
    }
    for (path, field) in [
        ("/api/v1/ideas?q=dark%00mode", "q"),
        ("/api/v1/audit?action=%00", "action"),
    ] {
        let (status, answer) = app.get_json(path, &admin).await;
        assert_eq!(status, 422, "{path}: {answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], field, "{path}");
    }
    let (status, _) = app.get_page(&app.browser(), "/?q=%00").await;
    assert_eq!(status, 422);

    // The form says so at the field and keeps what was typed.
    let browser = app.browser();
    let refused = app
        .submit_form(
            &browser,
            "/register",
            "/register",
            &[
                ("email", "eve@example.com"),
                ("name", spoof),
                ("password", crate::helpers::GOOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("body");
    let message = field_error(&page, "name").expect("a message at the name field");
    assert!(message.contains("direction"), "{message}");
    assert!(page.contains("eve@example.com"), "the email is kept");

    assert_eq!(app.count_rows("users").await, 1, "only Ada");
    assert_eq!(app.count_rows("ideas").await, 1);
    assert_eq!(app.count_rows("comments").await, 0);
}

async fn stray_zero_width_characters_are_removed_and_joiners_inside_words_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.api_user("ada@example.com", "Ada").await;
    let idea = app
        .create_idea(
            &token,
            "\u{200B}Dark\u{200D} mode\u{FEFF}",
            "For 👩\u{200D}💻 people",
        )
        .await;
    assert_eq!(idea["title"], "Dark mode");
    assert_eq!(idea["body"], "For 👩\u{200D}💻 people");
}
