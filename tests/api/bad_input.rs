//! Text with a NUL or another control character, where a name or an address is looked up: a
//! clear 4xx (or the answer an unknown name gets), never a 500, on both backends.

use reqwest::Method;
use serde_json::json;

use crate::helpers::html::field_error;
use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(control_characters_in_lookups_get_a_clear_answer_not_a_500);

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
