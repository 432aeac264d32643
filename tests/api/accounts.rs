//! Registering, logging in and out, password rules, duplicates, and what a failed log-in reveals.

use crate::helpers::html::{csrf_token, field_error, is_signed_in};
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp, form_cookie_of, session_cookie_of};
use crate::on_both_backends;

on_both_backends!(
    a_visitor_registers_logs_out_and_logs_back_in,
    the_first_account_is_admin_and_later_ones_are_members,
    short_long_and_weak_passwords_are_refused_at_the_field,
    registering_tells_nobody_whether_an_address_has_an_account,
    unknown_email_and_wrong_password_get_the_same_answer,
    a_session_cookie_replayed_after_log_out_is_not_signed_in,
    changing_the_password_ends_the_other_sessions,
    an_active_session_gets_its_cookie_renewed,
);

async fn a_visitor_registers_logs_out_and_logs_back_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.create_account("admin@example.com", "Avery").await;
    let browser = app
        .sign_up_through_the_page("ada@example.com", "Ada Lovelace")
        .await;

    let (status, home) = app.get_page(&browser, "/").await;
    assert_eq!(status, 200);
    assert!(is_signed_in(&home), "signed in after registering");
    assert!(
        home.contains("Welcome to Ideaboard!"),
        "the welcome flash shows once"
    );
    assert!(home.contains("Account (Ada Lovelace)"));
    let (_, again) = app.get_page(&browser, "/").await;
    assert!(
        !again.contains("Welcome to Ideaboard!"),
        "a flash shows only once"
    );

    let logged_out = app.submit_form(&browser, "/", "/logout", &[]).await;
    assert_eq!(logged_out.status().as_u16(), 303);
    let (_, home) = app.get_page(&browser, "/").await;
    assert!(!is_signed_in(&home));
    assert!(home.contains("You are logged out."));

    let (browser, status) = app.log_in("ADA@example.com", GOOD_PASSWORD).await;
    assert_eq!(status, 303, "email is matched case-insensitively");
    let (_, home) = app.get_page(&browser, "/").await;
    assert!(is_signed_in(&home));
    assert!(home.contains("You are logged in."));
}

/// POSTs a registration to the API: (status, body).
async fn register_by_api(app: &TestApp, email: &str, name: &str) -> (u16, serde_json::Value) {
    let response = app
        .api_client()
        .post(app.url("/api/v1/users"))
        .json(&serde_json::json!({"email": email, "name": name, "password": GOOD_PASSWORD}))
        .send()
        .await
        .expect("POST users");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

/// Follows the newest registration link `email` received, through the page, as its owner does.
async fn follow_registration_link(app: &TestApp, email: &str, mails: usize) -> u16 {
    let received = app.smtp.wait_for(email, mails).await;
    let link = received
        .last()
        .and_then(|m| m.link_containing("/register/"))
        .expect("a registration link");
    let path = link.trim_start_matches("http://localhost");
    let browser = app.browser();
    app.submit_form(&browser, path, path, &[("password", GOOD_PASSWORD)])
        .await
        .status()
        .as_u16()
}

async fn the_first_account_is_admin_and_later_ones_are_members(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (status, first) = register_by_api(&app, "first@example.com", "First").await;
    assert_eq!(
        status, 201,
        "the site's first account is made at once: {first}"
    );
    assert_eq!(first["role"], "admin");
    let (status, second) = register_by_api(&app, "second@example.com", "Second").await;
    assert_eq!(status, 202, "a later one waits for its link: {second}");
    assert_eq!(app.count_rows("users").await, 1);
    assert_eq!(
        follow_registration_link(&app, "second@example.com", 1).await,
        303
    );
    for (email, role) in [
        ("first@example.com", "admin"),
        ("second@example.com", "member"),
    ] {
        let token = app.api_token(email, GOOD_PASSWORD).await;
        let (_, me) = app.get_json("/api/v1/me", &token).await;
        assert_eq!(me["role"], role);
    }
}

async fn short_long_and_weak_passwords_are_refused_at_the_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let long = "correct horse ".repeat(10);
    let cases = [
        ("short1", "at least 12"),
        (long.as_str(), "at most 128"),
        ("password1234", "too easy to guess"),
        ("grace@example.com1", "too easy to guess"),
    ];
    for (password, expected) in cases {
        let browser = app.browser();
        let response = app
            .submit_form(
                &browser,
                "/register",
                "/register",
                &[
                    ("email", "grace@example.com"),
                    ("name", "Grace"),
                    ("password", password),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 422, "{password:?}");
        let page = response.text().await.expect("body");
        let message = field_error(&page, "password").expect("an error at the password field");
        assert!(message.contains(expected), "{password:?}: {message}");
        assert!(
            page.contains("value=\"grace@example.com\""),
            "the email typed is kept"
        );
        assert!(!page.contains(password), "a password is never echoed back");

        let api = app
            .api_client()
            .post(app.url("/api/v1/users"))
            .json(&serde_json::json!({"email": "grace@example.com", "name": "Grace", "password": password}))
            .send()
            .await
            .expect("POST users");
        assert_eq!(api.status().as_u16(), 422);
        let body: serde_json::Value = api.json().await.expect("json");
        assert_eq!(body["error"]["code"], "validation_failed");
        assert_eq!(body["error"]["fields"][0]["field"], "password");
    }
    assert_eq!(app.count_rows("users").await, 0, "nothing was created");
}

async fn registering_tells_nobody_whether_an_address_has_an_account(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.create_account("admin@example.com", "Avery").await;
    app.create_account("lin@example.com", "Lin").await;

    // The page: the same answer for a taken address (in any case) and a new one.
    let mut pages = Vec::new();
    for email in ["LIN@Example.com", "new@example.com"] {
        let browser = app.browser();
        let response = app
            .submit_form(
                &browser,
                "/register",
                "/register",
                &[
                    ("email", email),
                    ("name", "Someone"),
                    ("password", GOOD_PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 200, "{email}");
        pages.push(
            response
                .text()
                .await
                .expect("body")
                .replace(email, "ADDRESS"),
        );
    }
    assert_eq!(
        pages[0], pages[1],
        "the pages differ only by the address typed"
    );
    assert!(pages[0].contains("Check your email"));

    // The API: the same 202 and body.
    let (taken, taken_body) = register_by_api(&app, "Lin@example.COM", "Lin again").await;
    let (fresh, fresh_body) = register_by_api(&app, "other@example.com", "Other").await;
    assert_eq!((taken, fresh), (202, 202));
    assert_eq!(taken_body, fresh_body);
    assert_eq!(app.count_rows("users").await, 2, "no account yet");

    // The mail tells the owner; the new addresses get their links.
    let owner = app.smtp.wait_for("lin@example.com", 2).await;
    assert!(
        owner
            .iter()
            .all(|m| m.subject() == "You already have an Ideaboard account")
    );
    assert!(
        owner[0].link_containing("/register/").is_none(),
        "no link makes a second account"
    );
    app.outbox_drained().await;
    assert_eq!(app.smtp.received_by("new@example.com").len(), 1);

    // A link works once; looking at it changes nothing.
    let link = app.smtp.received_by("new@example.com")[0]
        .link_containing("/register/")
        .expect("a link");
    let path = link.trim_start_matches("http://localhost").to_string();
    let (status, page) = app.get_page(&app.browser(), &path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Welcome, Someone"));
    assert_eq!(app.count_rows("users").await, 2, "a GET makes no account");
    assert_eq!(
        follow_registration_link(&app, "new@example.com", 1).await,
        303
    );
    assert_eq!(app.count_rows("users").await, 3);
    let (again, _) = app.get_page(&app.browser(), &path).await;
    assert_eq!(again, 410, "a used link no longer works");
    let (_, status) = app.log_in("new@example.com", GOOD_PASSWORD).await;
    assert_eq!(status, 303);
}

async fn unknown_email_and_wrong_password_get_the_same_answer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.register("known@example.com", "Known").await;

    let browser = app.browser();
    let mut answers = Vec::new();
    for email in ["known@example.com", "nobody@example.com"] {
        let response = app
            .submit_form(
                &browser,
                "/login",
                "/login",
                &[("email", email), ("password", "wrong password here")],
            )
            .await;
        let status = response.status().as_u16();
        let body = response.text().await.expect("body").replace(email, "EMAIL");
        answers.push((status, body));
    }
    assert_eq!(answers[0].0, 401);
    assert_eq!(
        answers[0], answers[1],
        "the page does not reveal which accounts exist"
    );

    let mut api_answers = Vec::new();
    for email in ["known@example.com", "nobody@example.com"] {
        let response = app
            .api_client()
            .post(app.url("/api/v1/tokens"))
            .json(&serde_json::json!({"email": email, "password": "wrong password here", "name": "x"}))
            .send()
            .await
            .expect("POST tokens");
        api_answers.push((
            response.status().as_u16(),
            response.text().await.expect("body"),
        ));
    }
    assert_eq!(api_answers[0].0, 401);
    assert_eq!(api_answers[0], api_answers[1]);
}

async fn a_session_cookie_replayed_after_log_out_is_not_signed_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.register("mo@example.com", "Mo").await;
    // A client without a cookie store, so the test holds the cookie as a thief would.
    let raw = app.api_client();
    let with = |cookie: &str| format!("ideaboard_session={cookie}");

    let login_page = raw.get(app.url("/login")).send().await.expect("GET login");
    assert!(
        session_cookie_of(&login_page).is_none(),
        "showing the form starts no session"
    );
    let anonymous = form_cookie_of(&login_page).expect("a form cookie for the form");
    let csrf = csrf_token(&login_page.text().await.expect("body"));
    let signed_in = raw
        .post(app.url("/login"))
        .header("Cookie", format!("ideaboard_form={anonymous}"))
        .form(&[
            ("email", "mo@example.com"),
            ("password", GOOD_PASSWORD),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .expect("POST login");
    assert_eq!(signed_in.status().as_u16(), 303);
    let cookie = session_cookie_of(&signed_in).expect("a session cookie at log-in");
    assert_ne!(cookie, anonymous, "log-in issues a new token (no fixation)");

    let account = raw
        .get(app.url("/account"))
        .header("Cookie", with(&cookie))
        .send()
        .await
        .expect("GET");
    assert_eq!(account.status().as_u16(), 200);
    let planted = raw
        .get(app.url("/account"))
        .header("Cookie", with(&anonymous))
        .send()
        .await
        .expect("GET");
    assert_eq!(
        planted.status().as_u16(),
        303,
        "the pre-log-in token signs nobody in"
    );

    // The board, twice: the second time from the page kept for this session.
    for _ in 0..2 {
        let home = app.get_as(&cookie, "/").await;
        assert!(is_signed_in(&home.text().await.expect("body")));
    }
    let csrf = csrf_token(&account.text().await.expect("body"));
    let out = raw
        .post(app.url("/logout"))
        .header("Cookie", with(&cookie))
        .form(&[("csrf_token", &csrf)])
        .send()
        .await
        .expect("POST logout");
    assert_eq!(out.status().as_u16(), 303);

    let replay = raw
        .get(app.url("/account"))
        .header("Cookie", with(&cookie))
        .send()
        .await
        .expect("GET");
    assert_eq!(replay.status().as_u16(), 303, "sent to log in");
    assert_eq!(replay.headers()["location"], "/login?next=%2Faccount");
    let home = raw
        .get(app.url("/"))
        .header("Cookie", with(&cookie))
        .send()
        .await
        .expect("GET");
    let home = home.text().await.expect("body");
    assert!(!is_signed_in(&home));
}

async fn changing_the_password_ends_the_other_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let here = app.register("kim@example.com", "Kim").await;
    let (elsewhere, status) = app.log_in("kim@example.com", GOOD_PASSWORD).await;
    assert_eq!(status, 303);
    let token = app.api_token("kim@example.com", GOOD_PASSWORD).await;
    assert_eq!(app.get_json("/api/v1/me", &token).await.0, 200);
    let (_, account) = app.get_page(&here, "/account").await;
    assert!(
        account.contains("revokes your API tokens"),
        "the account page says so beforehand"
    );

    let wrong = app
        .submit_form(
            &here,
            "/account",
            "/account/password",
            &[
                ("current_password", "not my password"),
                ("new_password", "maple orbit lantern sixty"),
            ],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    let page = wrong.text().await.expect("body");
    assert!(field_error(&page, "current_password").is_some());

    let changed = app
        .submit_form(
            &here,
            "/account",
            "/account/password",
            &[
                ("current_password", GOOD_PASSWORD),
                ("new_password", "maple orbit lantern sixty"),
            ],
        )
        .await;
    assert_eq!(changed.status().as_u16(), 303);
    let (_, page) = app.get_page(&here, "/account").await;
    assert!(
        page.contains("Your password is changed."),
        "this session stays signed in"
    );
    let (status, _) = app.get_page(&elsewhere, "/account").await;
    assert_eq!(status, 303, "the other session was ended");
    let (status, _) = app.get_json("/api/v1/me", &token).await;
    assert_eq!(
        status, 401,
        "a token made with the old password no longer answers"
    );
    let (_, status) = app.log_in("kim@example.com", GOOD_PASSWORD).await;
    assert_eq!(status, 401, "the old password no longer works");
    let (_, status) = app
        .log_in("kim@example.com", "maple orbit lantern sixty")
        .await;
    assert_eq!(status, 303);
}

async fn an_active_session_gets_its_cookie_renewed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.register("mo@example.com", "Mo").await;
    let cookie = app.session_cookie("mo@example.com", GOOD_PASSWORD).await;
    let eleven_minutes_ago = match backend {
        Backend::Sqlite => "strftime('%Y-%m-%d %H:%M:%f', 'now', '-660 seconds')",
        Backend::Postgres => "(now() AT TIME ZONE 'utc') - interval '660 seconds'",
    };
    for path in ["/", "/account"] {
        // Last used eleven minutes ago: this request records the activity and pushes the idle
        // expiry forward, and the browser gets the same cookie with a fresh lifetime.
        app.execute_sql(format!(
            "UPDATE sessions SET last_seen_at = {eleven_minutes_ago}"
        ))
        .await;
        let renewed = app.get_as(&cookie, path).await;
        assert_eq!(renewed.status().as_u16(), 200, "{path}");
        let set = renewed
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("ideaboard_session="))
            .unwrap_or_else(|| panic!("{path}: the session cookie is sent again"))
            .to_string();
        assert_eq!(
            session_cookie_of(&renewed).as_deref(),
            Some(cookie.as_str())
        );
        assert!(
            set.contains("Max-Age=2592000"),
            "{path}: thirty days: {set}"
        );
        assert!(is_signed_in(&renewed.text().await.expect("body")));
        // Used a moment ago: nothing to renew.
        let again = app.get_as(&cookie, path).await;
        assert_eq!(session_cookie_of(&again), None, "{path}");
    }
}
