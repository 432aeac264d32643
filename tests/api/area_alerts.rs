//! Alerts to areas' owners, and the weekly summary to staff. Alerts: a new idea in their area, an idea that reaches the review threshold
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
    staff_get_the_weekly_summary_once_a_week,
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

async fn weekly_job(app: &TestApp, later: Duration) -> usize {
    let policy = app.state.config.response;
    app.with_db(move |db| {
        let now = ideaboard::domain::clock::now() + later;
        ideaboard::services::weekly_summary::send_due(db, policy, now, "http://localhost")
    })
    .await
    .expect("the weekly summary")
}

async fn staff_get_the_weekly_summary_once_a_week(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    app.staff_user(&admin, "moe@example.com", "Moe", "moderator")
        .await;
    let area = json!({"name": "Batteries", "owners": ["pia@example.com"]});
    app.send_json(Method::POST, "/api/v1/areas", &admin, area)
        .await;
    for area in [json!("batteries"), json!(null)] {
        let idea = json!({"title": "An idea", "body": "Please", "area": area});
        app.send_json(Method::POST, "/api/v1/ideas", &max, idea)
            .await;
    }
    let answer = json!({"body": "Yes", "official": true});
    app.send_json(Method::POST, "/api/v1/ideas/1/comments", &pia, answer)
        .await;
    let (moe, _) = app.log_in("moe@example.com", GOOD_PASSWORD).await;
    let off = &[("weekly_summary", "off")];
    app.submit_form(
        &moe,
        "/account/notifications",
        "/account/notifications",
        off,
    )
    .await;

    assert_eq!(
        weekly_job(&app, Duration::zero()).await,
        2,
        "the admin and Pia"
    );
    assert_eq!(weekly_job(&app, Duration::days(3)).await, 0, "once a week");
    let sent = app.smtp.wait_for("pia@example.com", 1).await;
    assert_eq!(
        sent[0].subject(),
        "Ideaboard this week: 1 idea waits for an answer"
    );
    let text = sent[0].text();
    assert!(text.contains("The whole board: 1 waiting (0 past the 7-day target), 1 answered in the last 7 days, median 0.0 days"), "{text}");
    assert!(
        text.contains("Batteries: 0 waiting (0 past the 7-day target), 1 answered"),
        "{text}"
    );
    assert!(text.contains("No area: 1 waiting"), "{text}");
    assert!(text.contains("/unsubscribe/"), "{text}");

    assert_eq!(weekly_job(&app, Duration::days(8)).await, 2, "a week later");
    app.outbox_drained().await;
    assert!(
        app.smtp.received_by("moe@example.com").is_empty(),
        "Moe turned it off"
    );
    assert!(app.smtp.received_by("max@example.com").is_empty());
    assert_eq!(app.smtp.received_by("pia@example.com").len(), 2);
}
