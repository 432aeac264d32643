//! CSRF: a state-changing form without the session's token is refused with 403 and changes nothing;
//! one sent from a session that has since ended is answered 401, asking to log in again.

use crate::helpers::html::is_signed_in;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp, form_cookie_of, session_cookie_of};
use crate::on_both_backends;

on_both_backends!(
    a_registration_without_a_csrf_token_is_refused_and_creates_nothing,
    a_log_out_with_a_wrong_csrf_token_leaves_the_session_alone,
    a_token_from_another_session_does_not_count,
    visitors_who_only_look_at_public_forms_write_nothing,
    an_anonymous_form_token_counts_only_with_its_own_cookie,
    a_form_whose_session_has_ended_asks_to_log_in_again_and_changes_nothing,
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

async fn visitors_who_only_look_at_public_forms_write_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.register("ada@example.com", "Ada").await;
    let sessions_before = app.count_rows("sessions").await;
    for path in ["/login", "/register", "/reset", "/login", "/register"] {
        let response = app
            .api_client()
            .get(app.url(path))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status().as_u16(), 200, "{path}");
        assert!(
            session_cookie_of(&response).is_none(),
            "{path} starts no session"
        );
        assert!(
            form_cookie_of(&response).is_some(),
            "{path} sets a form cookie"
        );
    }
    assert_eq!(app.count_rows("sessions").await, sessions_before);
    let (browser, status) = app.log_in("ada@example.com", GOOD_PASSWORD).await;
    assert_eq!(status, 303, "the signed form token logs in");
    let (_, page) = app.get_page(&browser, "/").await;
    assert!(is_signed_in(&page));
    assert_eq!(app.count_rows("sessions").await, sessions_before + 1);
}

async fn an_anonymous_form_token_counts_only_with_its_own_cookie(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let raw = app.api_client();
    let mine = raw.get(app.url("/register")).send().await.expect("GET");
    let my_cookie = form_cookie_of(&mine).expect("a form cookie");
    let my_token = crate::helpers::html::csrf_token(&mine.text().await.expect("body"));
    let theirs = raw.get(app.url("/register")).send().await.expect("GET");
    let their_cookie = form_cookie_of(&theirs).expect("a form cookie");
    assert_ne!(my_cookie, their_cookie);
    let fields = [
        ("email", "eve@example.com"),
        ("name", "Eve"),
        ("password", GOOD_PASSWORD),
        ("csrf_token", my_token.as_str()),
    ];
    for cookie in [
        None,
        Some(their_cookie.as_str()),
        Some("f".repeat(64).as_str()),
    ] {
        let mut request = raw.post(app.url("/register")).form(&fields);
        if let Some(cookie) = cookie {
            request = request.header("Cookie", format!("ideaboard_form={cookie}"));
        }
        let response = request.send().await.expect("POST");
        assert_eq!(response.status().as_u16(), 403, "cookie {cookie:?}");
    }
    assert_eq!(app.count_rows("users").await, 0);
    let accepted = raw
        .post(app.url("/register"))
        .header("Cookie", format!("ideaboard_form={my_cookie}"))
        .form(&fields)
        .send()
        .await
        .expect("POST");
    assert_eq!(accepted.status().as_u16(), 303);
    assert_eq!(app.count_rows("users").await, 1);
}

async fn a_form_whose_session_has_ended_asks_to_log_in_again_and_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Dark mode", "Please").await;
    let sam = app.register("sam@example.com", "Sam").await;
    let (_, board) = app.get_page(&sam, "/").await;
    let token = crate::helpers::html::csrf_token(&board);
    // Sam's session ends (as a ban, a password change elsewhere or its expiry ends it).
    app.execute_sql("DELETE FROM sessions".to_string()).await;
    let response = sam
        .post(app.url("/ideas/1/vote"))
        .form(&[("value", "1"), ("return_to", "/"), ("csrf_token", &token)])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 401);
    let page = response.text().await.expect("body");
    assert!(page.contains("You are no longer logged in"), "{page}");
    assert!(page.contains(r#"<a href="/login">Log in</a>"#));
    assert_eq!(app.count_rows("votes").await, 1, "only Ada's own vote");
}
