//! CSRF: a state-changing form without the session's token is refused with 403 and changes nothing.

use crate::helpers::html::is_signed_in;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_registration_without_a_csrf_token_is_refused_and_creates_nothing,
    a_log_out_with_a_wrong_csrf_token_leaves_the_session_alone,
    a_token_from_another_session_does_not_count,
);

async fn a_registration_without_a_csrf_token_is_refused_and_creates_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = app.browser();
    let (status, _) = app.get_page(&browser, "/register").await;
    assert_eq!(status, 200);
    let response = browser
        .post(app.url("/register"))
        .form(&[
            ("email", "eve@example.com"),
            ("name", "Eve"),
            ("password", GOOD_PASSWORD),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 403);
    let page = response.text().await.expect("body");
    assert!(page.contains("This form has expired or did not come from this site"));
    assert_eq!(app.count_rows("users").await, 0);
}

async fn a_log_out_with_a_wrong_csrf_token_leaves_the_session_alone(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = app.register("sam@example.com", "Sam").await;
    let response = browser
        .post(app.url("/logout"))
        .form(&[("csrf_token", "0000")])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 403);
    let (_, page) = app.get_page(&browser, "/").await;
    assert!(is_signed_in(&page), "still signed in");
}

async fn a_token_from_another_session_does_not_count(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let victim = app.register("vic@example.com", "Vic").await;
    let attacker = app.browser();
    let (_, attacker_page) = app.get_page(&attacker, "/login").await;
    let attackers_token = crate::helpers::html::csrf_token(&attacker_page);
    let response = victim
        .post(app.url("/account/tokens"))
        .form(&[("name", "stolen"), ("csrf_token", &attackers_token)])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(app.count_rows("api_tokens").await, 0);
}
