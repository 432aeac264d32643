//! The daily digest in each reader's language: its subject, its lines (a status named by its
//! name in that language) and its stop link and page, while an English reader's stays English.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::languages::{browser_asking, log_in};
use crate::on_both_backends;
use crate::pipeline::run_digest;

on_both_backends!(the_daily_digest_is_written_in_each_readers_language,);

async fn the_daily_digest_is_written_in_each_readers_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    let (status, _) = app
        .send_json(Method::PATCH, "/api/v1/me", &ann, json!({"locale": "de"}))
        .await;
    assert_eq!(status, 200);
    app.create_idea(&ann, "Dunkler Modus", "Bitte").await;
    app.send_json(
        Method::PUT,
        "/api/v1/ideas/1/subscription",
        &bo,
        json!({"subscribed": true}),
    )
    .await;
    for (email, reader) in [("ann@example.com", "de"), ("bo@example.com", "en")] {
        let browser = browser_asking(reader);
        log_in(&app, &browser, email).await;
        let saved = app
            .submit_form(
                &browser,
                "/account/notifications",
                "/account/notifications",
                &[("status_changes", "digest"), ("comments", "digest")],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{email}");
    }
    let (status, answer) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/1/status",
            &admin,
            json!({"status": "planned", "note": "Next quarter"}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    app.send_json(
        Method::POST,
        "/api/v1/ideas/1/comments",
        &admin,
        json!({"body": "We are on it"}),
    )
    .await;

    assert_eq!(run_digest(&app).await, 2);
    let german = app.smtp.wait_for("ann@example.com", 1).await;
    assert_eq!(
        german[0].subject(),
        "Deine Ideaboard-Zusammenfassung: 2 Neuigkeiten"
    );
    let text = german[0].text();
    for line in [
        "Hallo Ann,",
        "#1 „Dunkler Modus“ ist jetzt Geplant",
        "Admin hat #1 „Dunkler Modus“ kommentiert",
        "Keine täglichen Zusammenfassungen mehr: http://localhost/unsubscribe/",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    assert!(german[0].html().contains("lang=\"de\""));
    let stop = text
        .lines()
        .find_map(|l| l.strip_prefix("Keine täglichen Zusammenfassungen mehr: "))
        .and_then(|url| url.strip_prefix("http://localhost"))
        .expect("the stop link")
        .to_string();
    let reader = browser_asking("de");
    let (_, asked) = app.get_page(&reader, &stop).await;
    assert!(
        asked.contains("E-Mails mit der täglichen Zusammenfassung abbestellen?"),
        "{asked}"
    );
    let done = reader.post(app.url(&stop)).send().await.expect("POST");
    let done = done.text().await.expect("body");
    assert!(
        done.contains("Du bekommst keine E-Mails mit der täglichen Zusammenfassung mehr."),
        "{done}"
    );
    let english = app.smtp.wait_for("bo@example.com", 1).await;
    assert_eq!(english[0].subject(), "Your Ideaboard digest: 2 updates");
    let text = english[0].text();
    assert!(
        text.contains("#1 \"Dunkler Modus\" is now Planned"),
        "{text}"
    );
    assert!(
        text.contains("Stop daily digests: http://localhost/"),
        "{text}"
    );
}
