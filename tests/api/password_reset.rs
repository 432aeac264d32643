//! Password reset through an emailed single-use link.

use crate::helpers::html::field_error;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_reset_link_arrives_by_smtp_and_works_exactly_once,
    a_reset_for_an_unknown_email_answers_the_same_and_sends_nothing,
);

const NEW_PASSWORD: &str = "granite feather comet ninety";

async fn the_reset_link_arrives_by_smtp_and_works_exactly_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let signed_in_elsewhere = app.register("rosa@example.com", "Rosa").await;
    let token = app.api_token("rosa@example.com", GOOD_PASSWORD).await;

    let browser = app.browser();
    let asked = app
        .submit_form(
            &browser,
            "/reset",
            "/reset",
            &[("email", "Rosa@Example.com")],
        )
        .await;
    assert_eq!(asked.status().as_u16(), 200);
    assert!(
        asked
            .text()
            .await
            .expect("body")
            .contains("Check your email")
    );

    let emails = app.smtp.wait_for("rosa@example.com", 1).await;
    let email = &emails[0];
    assert_eq!(email.subject(), "Reset your Ideaboard password");
    assert!(email.text().contains("Hello Rosa"));
    assert!(
        email.html().contains("Choose a new password"),
        "an HTML part too"
    );
    let link = email.link_containing("/reset/").expect("a reset link");
    let path = link.trim_start_matches("http://localhost");

    let weak = app
        .submit_form(&browser, path, path, &[("password", "123456789012")])
        .await;
    assert_eq!(weak.status().as_u16(), 422);
    assert!(field_error(&weak.text().await.expect("body"), "password").is_some());

    let reset = app
        .submit_form(&browser, path, path, &[("password", NEW_PASSWORD)])
        .await;
    assert_eq!(reset.status().as_u16(), 303);
    assert_eq!(reset.headers()["location"], "/login");

    let (status, page) = app.get_page(&browser, path).await;
    assert_eq!(status, 410, "the link works once");
    assert!(page.contains("This link no longer works"));
    let replay = browser
        .post(app.url(path))
        .form(&[
            ("password", "another long passphrase here"),
            (
                "csrf_token",
                &crate::helpers::html::csrf_token(&page_with_form(&app, &browser).await),
            ),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(replay.status().as_u16(), 410);

    let (_, status) = app.log_in("rosa@example.com", GOOD_PASSWORD).await;
    assert_eq!(status, 401, "the old password is gone");
    let (_, status) = app.log_in("rosa@example.com", NEW_PASSWORD).await;
    assert_eq!(status, 303, "the new password works");
    let (status, _) = app.get_page(&signed_in_elsewhere, "/account").await;
    assert_eq!(status, 303, "a reset signs out every session");
    let (status, _) = app.get_json("/api/v1/me", &token).await;
    assert_eq!(status, 401, "and revokes every API token");
}

async fn page_with_form(app: &TestApp, browser: &reqwest::Client) -> String {
    app.get_page(browser, "/reset").await.1
}

async fn a_reset_for_an_unknown_email_answers_the_same_and_sends_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.register("known@example.com", "Known").await;
    let browser = app.browser();
    let mut bodies = Vec::new();
    for email in ["known@example.com", "stranger@example.com"] {
        let response = app
            .submit_form(&browser, "/reset", "/reset", &[("email", email)])
            .await;
        bodies.push((
            response.status().as_u16(),
            response.text().await.expect("body"),
        ));
    }
    assert_eq!(bodies[0], bodies[1]);
    app.smtp.wait_for("known@example.com", 1).await;
    assert!(app.smtp.received_by("stranger@example.com").is_empty());
    assert_eq!(app.count_rows("outbox").await, 1);
}
