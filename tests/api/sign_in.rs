//! Signing in with the company's identity provider, end to end against a real OpenID provider
//! on loopback: the first sign-in makes the account, an address with a password is linked after
//! that password, and a changed state, a wrong nonce, an expired ID token and a token for another
//! application are each refused with a page that says why; `PASSWORD_LOGIN=off` leaves only the
//! providers and `ALLOWED_EMAIL_DOMAINS` keeps a private board private.

use reqwest::Method;
use serde_json::json;

use crate::helpers::html::{field_error, is_signed_in};
use crate::helpers::identity_provider::{Tamper, use_test_provider};
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_first_sign_in_makes_the_account_and_later_ones_find_it,
    an_address_with_a_password_is_linked_once_the_password_is_typed,
    returns_that_do_not_check_out_are_refused_with_a_page_that_says_why,
    without_passwords_only_the_providers_let_people_in,
    allowed_domains_and_verified_addresses_decide_who_joins,
    a_provider_on_a_private_address_is_refused_unless_allowed,
    a_provider_account_exports_and_deletes_itself_without_a_password,
    only_a_fresh_sign_in_in_this_browser_deletes_an_account_without_a_password,
);

/// A board with the test provider, and an administrator made with a password (so whoever signs
/// in through the provider is a member).
async fn board_with_an_admin(backend: Backend) -> TestApp {
    let app = TestApp::spawn_with(backend, use_test_provider).await;
    app.create_account("admin@example.com", "Admin").await;
    app
}

/// The reason code a refusal page gives, and its status.
async fn refusal(response: reqwest::Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let page = response.text().await.expect("page");
    let reason = page
        .split("data-reason=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("none")
        .to_string();
    (status, reason, page)
}

async fn a_first_sign_in_makes_the_account_and_later_ones_find_it(backend: Backend) {
    let app = board_with_an_admin(backend).await;
    let browser = app.browser();
    let (_, login) = app.get_page(&browser, "/login").await;
    assert!(login.contains("href=\"/login/oidc/test\"") && login.contains("Sign in with Test ID"));
    assert!(login.contains("name=\"password\""), "passwords still work");

    let back = app
        .sign_in_with(&browser, "test", "ann.lee@example.com", Tamper::Nothing)
        .await;
    assert_eq!(back.status().as_u16(), 303);
    let (_, board) = app.get_page(&browser, "/").await;
    assert!(is_signed_in(&board) && board.contains("ann lee"), "{board}");
    assert_eq!(app.count_rows("user_identities").await, 1);
    assert_eq!(
        app.count_rows("oidc_sign_ins").await,
        0,
        "a sign-in is used once"
    );

    let again = app.browser();
    let back = app
        .sign_in_with(&again, "test", "ann.lee@example.com", Tamper::Nothing)
        .await;
    assert_eq!(back.status().as_u16(), 303);
    assert_eq!(
        app.count_rows("users").await,
        2,
        "the same account, not a second"
    );
    let (status, account) = app.get_page(&again, "/account").await;
    assert_eq!(status, 200);
    assert!(account.contains("ann.lee@example.com"));

    // A sign-in begun elsewhere comes back to where it began.
    let back = app
        .sign_in_with(
            &app.browser(),
            "test?next=%2Fideas%2Fnew",
            "ann.lee@example.com",
            Tamper::Nothing,
        )
        .await;
    assert_eq!(back.headers()["location"], "/ideas/new");
    let (status, page) = app.get_page(&app.browser(), "/login/oidc/nowhere").await;
    assert_eq!(status, 404, "{page}");
}

async fn an_address_with_a_password_is_linked_once_the_password_is_typed(backend: Backend) {
    let app = board_with_an_admin(backend).await;
    app.create_account("bo@example.com", "Bo").await;
    let browser = app.browser();
    let back = app
        .sign_in_with(&browser, "test", "bo@example.com", Tamper::Nothing)
        .await;
    assert_eq!(back.status().as_u16(), 303);
    assert_eq!(back.headers()["location"], "/login/oidc/link");
    let (status, page) = app.get_page(&browser, "/login/oidc/link").await;
    assert_eq!(status, 200);
    assert!(page.contains("bo@example.com") && !is_signed_in(&page));

    let wrong = app
        .submit_form(
            &browser,
            "/login/oidc/link",
            "/login/oidc/link",
            &[("password", "not it at all")],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    let page = wrong.text().await.expect("page");
    assert_eq!(
        field_error(&page, "password").as_deref(),
        Some("That is not this account's password.")
    );
    assert_eq!(
        app.count_rows("user_identities").await,
        0,
        "nothing linked yet"
    );

    let right = app
        .submit_form(
            &browser,
            "/login/oidc/link",
            "/login/oidc/link",
            &[("password", GOOD_PASSWORD)],
        )
        .await;
    assert_eq!(right.status().as_u16(), 303);
    let (_, board) = app.get_page(&browser, "/").await;
    assert!(is_signed_in(&board) && board.contains("Bo"));
    assert_eq!(app.count_rows("user_identities").await, 1);

    // From now on the provider alone is enough, and no second account was made.
    let later = app.browser();
    let back = app
        .sign_in_with(&later, "test", "bo@example.com", Tamper::Nothing)
        .await;
    assert_eq!(back.headers()["location"], "/");
    assert_eq!(app.count_rows("users").await, 2);
}

async fn returns_that_do_not_check_out_are_refused_with_a_page_that_says_why(backend: Backend) {
    let app = board_with_an_admin(backend).await;
    let cases = [
        ("test", Tamper::State, 400, "state", "could not be matched"),
        (
            "test",
            Tamper::Nonce,
            400,
            "nonce",
            "does not belong to this sign-in",
        ),
        ("test", Tamper::Late(5), 400, "expired", "had expired"),
        (
            "test",
            Tamper::Late(15),
            400,
            "too-long",
            "longer than ten minutes",
        ),
        (
            "foreign",
            Tamper::Nothing,
            400,
            "audience",
            "meant for another application",
        ),
    ];
    for (provider, tamper, status, reason, words) in cases {
        let browser = app.browser();
        let back = app
            .sign_in_with(&browser, provider, "mallory@example.com", tamper)
            .await;
        let (got_status, got_reason, page) = refusal(back).await;
        assert_eq!(
            (got_status, got_reason.as_str()),
            (status, reason),
            "{tamper:?}: {page}"
        );
        assert!(page.contains(words), "{tamper:?}: {page}");
        assert!(page.contains("href=\"/login\""), "a way back");
        let (_, board) = app.get_page(&browser, "/").await;
        assert!(!is_signed_in(&board), "{tamper:?} signed nobody in");
    }
    assert_eq!(app.count_rows("users").await, 1, "no account was made");
    assert_eq!(app.count_rows("user_identities").await, 0);

    // A return with no sign-in begun in this browser at all.
    let stranger = app.browser();
    let (status, page) = app
        .get_page(&stranger, "/login/oidc/test/callback?code=x&state=y")
        .await;
    assert_eq!(status, 400, "{page}");
}

async fn without_passwords_only_the_providers_let_people_in(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        use_test_provider(config);
        config.sign_in.password_login = false;
    })
    .await;
    let browser = app.browser();
    let (_, login) = app.get_page(&browser, "/login").await;
    assert!(login.contains("Sign in with Test ID"));
    assert!(!login.contains("name=\"password\""), "no password form");
    let (status, _) = app.get_page(&browser, "/register").await;
    assert_eq!(status, 303, "registering leads to the providers");

    // The first person on an empty board, signing in through the provider, runs it.
    let back = app
        .sign_in_with(&browser, "test", "founder@example.com", Tamper::Nothing)
        .await;
    assert_eq!(back.status().as_u16(), 303);
    let (status, admin) = app.get_page(&browser, "/admin").await;
    assert_eq!(
        status, 200,
        "the first account is the administrator: {admin}"
    );
    assert!(is_signed_in(&admin));

    // A password log-in (with a form token from a page that has one) is refused with a reason.
    let posted = app
        .submit_form(
            &browser,
            "/account",
            "/login",
            &[("email", "founder@example.com"), ("password", "x")],
        )
        .await;
    assert_eq!(posted.status().as_u16(), 403);
    let page = posted.text().await.expect("page");
    assert!(page.contains("This board does not use passwords"), "{page}");
    let (status, _) = app.get_page(&app.browser(), "/reset").await;
    assert_eq!(status, 303, "no password to reset");
    let (status, body) = app
        .send_json(
            Method::POST,
            "/api/v1/tokens",
            "",
            json!({"email": "founder@example.com", "password": "anything", "name": "cli"}),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    let (status, _) = app
        .send_json(
            Method::POST,
            "/api/v1/users",
            "",
            json!({"email": "new@example.com", "password": GOOD_PASSWORD, "name": "New"}),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(app.count_rows("users").await, 1);
}

async fn allowed_domains_and_verified_addresses_decide_who_joins(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        use_test_provider(config);
        config.sign_in.allowed_email_domains = vec!["example.com".into()];
    })
    .await;
    app.create_account("admin@example.com", "Admin").await;
    let (status, reason, page) = refusal(
        app.sign_in_with(
            &app.browser(),
            "test",
            "eve@elsewhere.test",
            Tamper::Nothing,
        )
        .await,
    )
    .await;
    assert_eq!((status, reason.as_str()), (403, "not-allowed"), "{page}");
    let (status, reason, _) = refusal(
        app.sign_in_with(
            &app.browser(),
            "test",
            "unverified.kim@example.com",
            Tamper::Nothing,
        )
        .await,
    )
    .await;
    assert_eq!((status, reason.as_str()), (403, "no-verified-email"));
    assert_eq!(app.count_rows("users").await, 1);

    let (status, body) = app
        .send_json(
            Method::POST,
            "/api/v1/users",
            "",
            json!({"email": "eve@elsewhere.test", "password": GOOD_PASSWORD, "name": "Eve"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "email");
    let refused = app
        .submit_form(
            &app.browser(),
            "/register",
            "/register",
            &[
                ("email", "eve@elsewhere.test"),
                ("name", "Eve"),
                ("password", GOOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert_eq!(
        field_error(&page, "email").as_deref(),
        Some("Only addresses at example.com may join this board.")
    );
    assert!(
        page.contains("value=\"eve@elsewhere.test\""),
        "the input is kept"
    );

    let back = app
        .sign_in_with(&app.browser(), "test", "kim@example.com", Tamper::Nothing)
        .await;
    assert_eq!(back.status().as_u16(), 303);
    assert_eq!(app.count_rows("users").await, 2);
}

async fn a_provider_on_a_private_address_is_refused_unless_allowed(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        use_test_provider(config);
        config.sign_in.allow_private = false;
    })
    .await;
    let (status, page) = app.get_page(&app.browser(), "/login/oidc/test").await;
    assert_eq!(status, 502, "{page}");
    assert!(
        page.contains("Test ID cannot be reached right now"),
        "{page}"
    );
    assert_eq!(app.count_rows("oidc_sign_ins").await, 0);
}

async fn a_provider_account_exports_and_deletes_itself_without_a_password(backend: Backend) {
    let app = board_with_an_admin(backend).await;
    let browser = app.browser();
    app.sign_in_with(&browser, "test", "cleo.park@example.com", Tamper::Nothing)
        .await;
    let (status, account) = app.get_page(&browser, "/account").await;
    assert_eq!(status, 200);
    assert!(account.contains("With Test ID, since"), "{account}");
    assert!(
        !account.contains("name=\"current_password\""),
        "no password to change"
    );
    assert!(
        !account.contains("name=\"password\""),
        "none asked to delete"
    );

    let export = browser
        .get(app.url("/account/export"))
        .send()
        .await
        .expect("export");
    let data: serde_json::Value = export.json().await.expect("JSON");
    assert_eq!(data["sign_in_providers"][0]["provider"], "test");
    assert_eq!(data["account"]["email"], "cleo.park@example.com");

    let deleted = app
        .submit_form(&browser, "/account", "/account/delete", &[])
        .await;
    assert_eq!(deleted.status().as_u16(), 303, "a fresh sign-in is enough");
    assert_eq!(app.count_rows("user_identities").await, 0);
    assert!(
        app.text_columns_holding("cleo.park@example.com")
            .await
            .is_empty(),
        "no trace of the address"
    );

    // Signing in again later makes a new account, not the deleted one back.
    let back = app
        .sign_in_with(
            &app.browser(),
            "test",
            "cleo.park@example.com",
            Tamper::Nothing,
        )
        .await;
    assert_eq!(back.status().as_u16(), 303);
    assert_eq!(
        app.count_rows("users").await,
        3,
        "admin, the deleted row, the new one"
    );
    assert_eq!(app.count_rows("user_identities").await, 1);
}

async fn only_a_fresh_sign_in_in_this_browser_deletes_an_account_without_a_password(
    backend: Backend,
) {
    let app = board_with_an_admin(backend).await;
    let browser = app.browser();
    app.sign_in_with(&browser, "test", "cleo.park@example.com", Tamper::Nothing)
        .await;
    // An API token, however new, proves no fresh sign-in (it may come from an old session).
    let created = app
        .submit_form(
            &browser,
            "/account",
            "/account/tokens",
            &[("name", "script")],
        )
        .await;
    let page = created.text().await.expect("page");
    let marker = "id=\"new-token\">";
    let start = page.find(marker).expect("the new token") + marker.len();
    let token = page[start..start + 67].to_string();
    let (status, body) = app
        .send_json(Method::DELETE, "/api/v1/me", &token, json!({}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("sign in again"), "{body}");

    // A sign-in twenty minutes old is not fresh: sign in again, then delete.
    let twenty_minutes_earlier = match backend {
        Backend::Sqlite => "strftime('%Y-%m-%d %H:%M:%f', created_at, '-20 minutes')",
        Backend::Postgres => "created_at - INTERVAL '20 minutes'",
    };
    app.execute_sql(format!(
        "UPDATE sessions SET created_at = {twenty_minutes_earlier} WHERE user_id IS NOT NULL"
    ))
    .await;
    let stale = app
        .submit_form(&browser, "/account", "/account/delete", &[])
        .await;
    assert_eq!(stale.status().as_u16(), 422);
    let page = stale.text().await.expect("page");
    assert!(page.contains("sign in again"), "{page}");
    assert_eq!(
        app.count_rows("user_identities").await,
        1,
        "nothing deleted"
    );
    let out = app.submit_form(&browser, "/account", "/logout", &[]).await;
    assert_eq!(out.status().as_u16(), 303);
    let back = app
        .sign_in_with(&browser, "test", "cleo.park@example.com", Tamper::Nothing)
        .await;
    assert_eq!(back.status().as_u16(), 303);
    let deleted = app
        .submit_form(&browser, "/account", "/account/delete", &[])
        .await;
    assert_eq!(deleted.status().as_u16(), 303, "the fresh sign-in deletes");
    assert_eq!(app.count_rows("user_identities").await, 0);
}
