//! Authentication rate limits per client IP and per account, shared through the database.

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_eleventh_rapid_log_in_from_one_ip_is_429,
    api_log_ins_share_the_limit_with_the_page,
);

async fn the_eleventh_rapid_log_in_from_one_ip_is_429(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.auth_rate_limit = 10).await;
    let browser = app.browser();
    let (_, page) = app.get_page(&browser, "/login").await;
    let csrf = crate::helpers::html::csrf_token(&page);
    for attempt in 1..=10 {
        let email = format!("guess{attempt}@example.com");
        let response = browser
            .post(app.url("/login"))
            .form(&[
                ("email", email.as_str()),
                ("password", "wrong password"),
                ("csrf_token", &csrf),
            ])
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status().as_u16(), 401, "attempt {attempt}");
    }
    let eleventh = browser
        .post(app.url("/login"))
        .form(&[
            ("email", "guess11@example.com"),
            ("password", "wrong password"),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(eleventh.status().as_u16(), 429);
    let retry_after: u64 = eleventh.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&retry_after));
    assert!(
        eleventh
            .text()
            .await
            .expect("body")
            .contains("Too many attempts")
    );
}

async fn api_log_ins_share_the_limit_with_the_page(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.auth_rate_limit = 3).await;
    let (_, status) = app.log_in("x@example.com", "wrong password").await;
    assert_eq!(status, 401);
    let client = app.api_client();
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let response = client
            .post(app.url("/api/v1/tokens"))
            .json(&serde_json::json!({"email": "y@example.com", "password": "nope nope nope", "name": "n"}))
            .send()
            .await
            .expect("POST");
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 429]);
}
