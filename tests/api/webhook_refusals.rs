//! Webhooks refused: private addresses when not allowed (at registration, and at delivery for a
//! name that came to point at one), bad endpoints, a URL registered twice, and members; none of
//! it changes anything.

use reqwest::Method;
use serde_json::json;

use crate::helpers::webhook_receiver::WebhookReceiver;
use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;
use crate::webhooks::{register, wait_until};

on_both_backends!(
    private_addresses_are_refused_unless_allowed,
    bad_endpoints_and_members_change_nothing,
);

async fn private_addresses_are_refused_unless_allowed(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.webhooks_allow_private = false).await;
    let (admin, _, max) = app.admin_product_member().await;
    let receiver = WebhookReceiver::start().await;
    for url in [
        receiver.url.clone(),
        receiver.url.replace("127.0.0.1", "localhost"),
        "http://[::1]/hook".to_string(),
        "http://169.254.169.254/latest/meta-data".to_string(),
        "http://10.0.0.8/hook".to_string(),
    ] {
        let (status, refused) = app
            .send_json(
                Method::POST,
                "/api/v1/webhooks",
                &admin,
                json!({"url": url, "events": ["idea.created"]}),
            )
            .await;
        assert_eq!(status, 422, "{url}: {refused}");
        assert_eq!(refused["error"]["fields"][0]["field"], "url", "{refused}");
    }
    assert_eq!(app.count_rows("webhooks").await, 0);
    // An endpoint whose name came to resolve to loopback after it was registered: refused again
    // when the delivery is sent.
    app.execute_sql(format!(
        "INSERT INTO webhooks (id, url, events, format, secret, created_at)          VALUES ('hook-1', '{}', 'idea.created', 'json', 'whsec_x', '2026-12-01 00:00:00')",
        receiver.url.replace("127.0.0.1", "localhost")
    ))
    .await;
    app.create_idea(&max, "Longer battery life", "Ten hours")
        .await;
    let refused = wait_until(&app, &admin, "hook-1", |d| {
        d["attempts"].as_i64() >= Some(1)
    })
    .await;
    assert!(refused["status_code"].is_null(), "{refused}");
    assert!(
        refused["error"]
            .as_str()
            .is_some_and(|e| e.contains("not public")),
        "{refused}"
    );
    assert!(
        receiver.received().is_empty(),
        "the refused try reached nothing"
    );
}

async fn bad_endpoints_and_members_change_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    let good = json!({"url": "http://127.0.0.1:9/hook", "events": ["idea.created"]});
    members_are_refused(&app, &[&pia, &max], &good).await;
    let cases = [
        (
            json!({"url": "ftp://example.com/x", "events": ["idea.created"]}),
            "url",
        ),
        (
            json!({"url": "http://127.0.0.1:9/hook", "events": []}),
            "events",
        ),
        (
            json!({"url": "http://127.0.0.1:9/hook", "events": ["idea.deleted"]}),
            "events",
        ),
        (
            json!({"url": "http://127.0.0.1:9/hook", "events": "idea.created"}),
            "events",
        ),
        (
            json!({"url": "http://127.0.0.1:9/hook", "events": ["idea.created"], "format": "xml"}),
            "format",
        ),
        (
            json!({"url": "https://user:pw@example.com/", "events": ["idea.created"]}),
            "url",
        ),
    ];
    for (body, field) in cases {
        let (status, refused) = app
            .send_json(Method::POST, "/api/v1/webhooks", &admin, body.clone())
            .await;
        assert_eq!(status, 422, "{body}: {refused}");
        assert_eq!(
            refused["error"]["fields"][0]["field"], field,
            "{body}: {refused}"
        );
    }
    assert_eq!(app.count_rows("webhooks").await, 0);
    register(&app, &admin, good.clone()).await;
    let (status, again) = app
        .send_json(Method::POST, "/api/v1/webhooks", &admin, good.clone())
        .await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (409, Some("webhook_exists"))
    );
    assert_eq!(app.count_rows("webhooks").await, 1);
    app.execute_sql("DELETE FROM webhooks".into()).await;
    let unknown = "/api/v1/webhooks/no-such-id";
    assert_eq!(
        app.send_json(Method::DELETE, unknown, &admin, json!({}))
            .await
            .0,
        404
    );
    let endpoint = register(&app, &admin, good).await;
    let path = format!("/api/v1/webhooks/{}", endpoint["id"].as_str().expect("id"));
    assert_eq!(
        app.send_json(Method::DELETE, &path, &max, json!({}))
            .await
            .0,
        403
    );
    assert_eq!(
        app.send_json(Method::DELETE, &path, &admin, json!({}))
            .await
            .0,
        204
    );
    assert_eq!(app.count_rows("webhooks").await, 0);
}

/// Whatever members send, they are refused (403) before any field is looked at.
async fn members_are_refused(app: &TestApp, members: &[&str], good: &serde_json::Value) {
    for token in members {
        let (status, refused) = app
            .send_json(Method::POST, "/api/v1/webhooks", token, good.clone())
            .await;
        assert_eq!(status, 403, "{refused}");
        let (status, _) = app
            .send_json(
                Method::POST,
                "/api/v1/webhooks",
                token,
                json!({"events": "x"}),
            )
            .await;
        assert_eq!(status, 403, "asked who before what");
        assert_eq!(app.get_json("/api/v1/webhooks", token).await.0, 403);
    }
}
