//! Finishing a registration through its emailed link: only with the password chosen when
//! registering, so a link that reaches someone else's inbox makes nothing.

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_link_sent_to_someone_else_makes_no_account_without_the_password,
    a_name_that_came_to_imitate_staff_is_refused_at_the_link,
);

/// The path of the newest registration link `email` received.
async fn link_path(app: &TestApp, email: &str, mails: usize) -> String {
    let received = app.smtp.wait_for(email, mails).await;
    let link = received
        .last()
        .and_then(|m| m.link_containing("/register/"))
        .expect("a registration link");
    link.trim_start_matches("http://localhost").to_string()
}

/// Submits the form a registration link opens, with this name and password.
async fn confirm(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    name: &str,
    password: &str,
) -> reqwest::Response {
    app.submit_form(
        browser,
        path,
        path,
        &[("name", name), ("password", password)],
    )
    .await
}

async fn register_as(app: &TestApp, email: &str, name: &str, password: &str) {
    let response = app
        .submit_form(
            &app.browser(),
            "/register",
            "/register",
            &[("email", email), ("name", name), ("password", password)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200, "{email}: link sent");
}

async fn a_link_sent_to_someone_else_makes_no_account_without_the_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.create_account("admin@example.com", "Avery").await;
    // Someone registers Vic's address with a password of their own choosing.
    let planted = "mallory knows this one";
    register_as(&app, "vic@example.com", "Vic", planted).await;
    let path = link_path(&app, "vic@example.com", 1).await;

    // Vic follows the link and, not having registered, tries a password of hers.
    let browser = app.browser();
    let refused = confirm(&app, &browser, &path, "Vic K.", GOOD_PASSWORD).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert!(page.contains("not the password you chose"), "{page}");
    assert!(page.contains("value=\"Vic K.\""), "the name typed is kept");
    assert_eq!(app.count_rows("users").await, 1, "no account was made");
    let (_, status) = app.log_in("vic@example.com", planted).await;
    assert_eq!(status, 401, "the planted password opens nothing");

    // Whoever registered finishes it with the password they chose, under the name typed.
    let finished = confirm(&app, &browser, &path, "Vic K.", planted).await;
    assert_eq!(finished.status().as_u16(), 303);
    let token = app.api_token("vic@example.com", planted).await;
    let (_, me) = app.get_json("/api/v1/me", &token).await;
    assert_eq!(me["name"], "Vic K.");
}

async fn a_name_that_came_to_imitate_staff_is_refused_at_the_link(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Avery").await;
    app.create_account("grace@example.com", "Grace").await;
    register_as(&app, "other@example.com", "GRACE", GOOD_PASSWORD).await;
    let path = link_path(&app, "other@example.com", 1).await;

    // The first Grace becomes a moderator while the second registration waits for its link.
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let grace = users["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|u| u["email"] == "grace@example.com")
        .and_then(|u| u["id"].as_str())
        .expect("Grace's id")
        .to_string();
    let (status, _) = app
        .send_json(
            reqwest::Method::PUT,
            &format!("/api/v1/users/{grace}/role"),
            &admin,
            serde_json::json!({"role": "moderator"}),
        )
        .await;
    assert_eq!(status, 200);

    let browser = app.browser();
    let refused = confirm(&app, &browser, &path, "GRACE", GOOD_PASSWORD).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert!(page.contains("looks like the name of someone who runs this board"));
    assert_eq!(app.count_rows("users").await, 2);

    let finished = confirm(&app, &browser, &path, "Grace from Berlin", GOOD_PASSWORD).await;
    assert_eq!(finished.status().as_u16(), 303, "the link still works");
    assert_eq!(app.count_rows("users").await, 3);
}
