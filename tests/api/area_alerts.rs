//! Alerts to areas' owners: a new idea in their area, an idea that reaches the review threshold
//! unanswered and one that passes the response target unanswered — each once, to the owners
//! only, at once or in the daily digest as each chose; answered ideas and ideas in no area bring
//! none.

use chrono::Duration;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    owners_receive_exactly_the_alerts_described,
    members_are_not_asked_about_area_alerts,
);

/// Runs the alert job as the minute job would at `now`; returns how many ideas it alerted about.
async fn alert_job(app: &TestApp, later: Duration) -> usize {
    let policy = app.state.config.response;
    app.with_db(move |db| {
        let now = ideaboard::domain::clock::now() + later;
        ideaboard::services::area_alerts::send_due(db, policy, now, "http://localhost")
    })
    .await
    .expect("the alert job")
}

async fn owners_receive_exactly_the_alerts_described(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.response.review_threshold_points = 30;
    })
    .await;
    let (admin, pia, max) = app.admin_product_member().await;
    let moe = app
        .staff_user(&admin, "moe@example.com", "Moe", "moderator")
        .await;
    let owners = json!({"name": "Batteries", "owners": ["pia@example.com", "moe@example.com"]});
    let (status, _) = app
        .send_json(Method::POST, "/api/v1/areas", &admin, owners)
        .await;
    assert_eq!(status, 201);
    let (moe_browser, _) = app.log_in("moe@example.com", GOOD_PASSWORD).await;
    let saved = app
        .submit_form(
            &moe_browser,
            "/account/notifications",
            "/account/notifications",
            &[("area_ideas", "digest")],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);

    for (title, area) in [
        ("Longer battery", json!("batteries")),
        ("Dark mode", json!(null)),
        ("Spare battery", json!("batteries")),
    ] {
        let idea = json!({"title": title, "body": "Please", "area": area});
        let (status, _) = app
            .send_json(Method::POST, "/api/v1/ideas", &max, idea)
            .await;
        assert_eq!(status, 201);
    }
    let answer = json!({"body": "On it", "official": true});
    let (status, _) = app
        .send_json(Method::POST, "/api/v1/ideas/3/comments", &pia, answer)
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        alert_job(&app, Duration::zero()).await,
        2,
        "#1 and #3 are new in Batteries"
    );
    assert_eq!(
        alert_job(&app, Duration::zero()).await,
        0,
        "each alert once"
    );

    app.vote(&admin, 1, 1).await;
    app.vote(&pia, 1, 1).await;
    app.vote(&admin, 3, 1).await;
    app.vote(&moe, 3, 1).await;
    assert_eq!(
        alert_job(&app, Duration::zero()).await,
        1,
        "#1 reached 30 points unanswered; #3 is answered"
    );
    assert_eq!(
        alert_job(&app, Duration::days(8)).await,
        1,
        "#1 passed the 7-day target"
    );
    assert_eq!(alert_job(&app, Duration::days(8)).await, 0);

    let subjects = |emails: Vec<crate::helpers::smtp::ReceivedEmail>| {
        let mut subjects: Vec<String> = emails.iter().map(|e| e.subject()).collect();
        subjects.sort();
        subjects
    };
    app.smtp.wait_for("pia@example.com", 4).await;
    app.outbox_drained().await;
    assert_eq!(
        subjects(app.smtp.received_by("pia@example.com")),
        [
            "#1 \"Longer battery\" has waited over 7 days for an answer (Batteries)",
            "#1 \"Longer battery\" reached 30 points without an answer (Batteries)",
            "New idea in Batteries: #1 \"Longer battery\"",
            "New idea in Batteries: #3 \"Spare battery\"",
        ]
    );
    assert!(
        app.smtp.received_by("moe@example.com").is_empty(),
        "Moe chose the digest"
    );
    assert!(app.smtp.received_by("max@example.com").is_empty());
    assert!(app.smtp.received_by("admin@example.com").is_empty());

    app.with_db(|db| ideaboard::services::digest::send_due(db, "http://localhost"))
        .await
        .expect("digest");
    let digest = app.smtp.wait_for("moe@example.com", 1).await;
    let text = digest[0].text();
    assert!(
        text.contains("New idea in Batteries: #1 \"Longer battery\""),
        "{text}"
    );
    assert!(text.contains("has waited over 7 days"), "{text}");
}

async fn members_are_not_asked_about_area_alerts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.admin_product_member().await;
    let (member, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let (_, page) = app.get_page(&member, "/account/notifications").await;
    assert!(!page.contains("area_ideas"), "{page}");
    let (pia, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    let (_, page) = app.get_page(&pia, "/account/notifications").await;
    assert!(page.contains("name=\"area_ideas\""));
}
