//! Flags queued by count and resolved by moderators; tags managed and put on ideas.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::moderation::staff;
use crate::on_both_backends;

on_both_backends!(
    flags_queue_by_count_and_resolve,
    tags_are_managed_and_put_on_ideas,
);

async fn flags_queue_by_count_and_resolve(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, moderator) = staff(&app).await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    let bob = app.api_user("bob@example.com", "Bob").await;
    app.create_idea(&admin, "Once flagged", "").await;
    app.create_idea(&admin, "Twice flagged", "").await;
    let (_, comment) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &admin,
            json!({"body": "buy pills"}),
        )
        .await;
    let flag = |token: String, body: Value| {
        let app = &app;
        async move {
            app.send_json(Method::POST, "/api/v1/flags", &token, body)
                .await
                .0
        }
    };
    assert_eq!(
        flag(ann.clone(), json!({"idea": 1, "reason": "off topic"})).await,
        201
    );
    assert_eq!(
        flag(ann.clone(), json!({"idea": 2, "reason": "duplicate"})).await,
        201
    );
    assert_eq!(
        flag(bob.clone(), json!({"idea": 2, "reason": "spam"})).await,
        201
    );
    assert_eq!(
        flag(
            bob.clone(),
            json!({"comment": comment["id"], "reason": "spam"})
        )
        .await,
        201
    );
    assert_eq!(
        flag(ann.clone(), json!({"idea": 1, "reason": "again"})).await,
        409,
        "once per item"
    );
    assert_eq!(
        flag(ann.clone(), json!({"idea": 1, "reason": ""})).await,
        422
    );
    assert_eq!(
        flag(ann.clone(), json!({"reason": "nothing named"})).await,
        422
    );

    assert_eq!(app.get_json("/api/v1/flags", &ann).await.0, 403);
    let (_, queue) = app.get_json("/api/v1/flags", &moderator).await;
    assert_eq!(queue["items"][0]["idea"], 2, "most flagged first");
    assert_eq!(queue["items"][0]["flags"], 2);
    assert_eq!(queue["items"].as_array().map(Vec::len), Some(3));

    let browser = app
        .log_in("mod@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    let (status, page) = app.get_page(&browser, "/mod/flags").await;
    assert_eq!(status, 200);
    assert!(page.contains("Twice flagged") && page.contains("duplicate"));
    let dismissed = app
        .submit_form(
            &browser,
            "/mod/flags",
            "/mod/flags/resolve",
            &[("idea", "2"), ("decision", "dismiss")],
        )
        .await;
    assert_eq!(dismissed.status().as_u16(), 303);
    let hidden = app
        .submit_form(
            &browser,
            "/mod/flags",
            "/mod/flags/resolve",
            &[
                ("comment", comment["id"].as_str().unwrap_or("")),
                ("decision", "hide"),
            ],
        )
        .await;
    assert_eq!(hidden.status().as_u16(), 303);
    let (_, queue) = app.get_json("/api/v1/flags", &moderator).await;
    assert_eq!(queue["items"].as_array().map(Vec::len), Some(1));
    let (_, comments) = app.get_json("/api/v1/ideas/1/comments", &ann).await;
    assert_eq!(
        comments["items"],
        json!([]),
        "the flagged comment is hidden"
    );
    let (_, page) = app.get_page(&browser, "/mod/audit").await;
    assert!(page.contains("dismiss_flags") && page.contains("hide_comment"));
}

async fn tags_are_managed_and_put_on_ideas(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, moderator) = staff(&app).await;
    let (status, tag) = app
        .send_json(
            Method::POST,
            "/api/v1/tags",
            &moderator,
            json!({"name": "Dark Mode!", "color": "#123456"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        tag,
        json!({"slug": "dark-mode", "name": "Dark Mode!", "names": {}, "color": "#123456"})
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/tags",
            &moderator,
            json!({"name": "dark mode"})
        )
        .await
        .0,
        409
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/tags",
            &moderator,
            json!({"name": "x", "color": "red"})
        )
        .await
        .0,
        422
    );
    let (status, renamed) = app
        .send_json(
            Method::PATCH,
            "/api/v1/tags/dark-mode",
            &moderator,
            json!({"name": "Dark theme"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(renamed["slug"], "dark-mode", "links keep working");
    app.create_idea(&moderator, "Night colours", "").await;
    let (status, idea) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/1/tags",
            &moderator,
            json!({"tags": ["dark-mode"]}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(idea["tags"], json!(["dark-mode"]));
    assert_eq!(app.listed("tag=dark-mode").await, [1]);
    let (_, page) = app.get_page(&app.browser(), "/").await;
    assert!(page.contains("#Dark theme"));
    assert_eq!(
        app.send_json(
            Method::PUT,
            "/api/v1/ideas/1/tags",
            &moderator,
            json!({"tags": ["nope"]})
        )
        .await
        .0,
        422
    );
    assert_eq!(
        app.send_json(
            Method::DELETE,
            "/api/v1/tags/dark-mode",
            &moderator,
            json!({})
        )
        .await
        .0,
        204
    );
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(idea["tags"], json!([]));
}
