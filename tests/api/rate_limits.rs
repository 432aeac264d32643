//! Authentication rate limits: volume per client, failures per (client, account), a delay for an
//! attacked account instead of a lock, reset mail per address; shared through the database.

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_eleventh_rapid_log_in_from_one_ip_is_429,
    api_log_ins_share_the_limit_with_the_page,
    behind_a_trusted_proxy_every_client_has_its_own_limit,
    a_client_cannot_escape_its_limit_with_a_header_the_proxy_does_not_write,
    failures_from_elsewhere_never_refuse_the_owner,
    a_client_that_keeps_failing_is_refused_for_that_account_only,
    guesses_sent_in_parallel_count_before_any_is_answered,
    reset_mail_reaches_one_address_at_most_three_times_an_hour,
    registration_mail_reaches_one_address_at_most_three_times_an_hour,
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

/// Asks for an API token for `email` as the client `client` behind the test's proxy (the
/// loopback peer), returning the status.
async fn log_in_from(app: &TestApp, client: &str, email: &str, password: &str) -> u16 {
    app.api_client()
        .post(app.url("/api/v1/tokens"))
        .header("X-Forwarded-For", client)
        .json(&serde_json::json!({"email": email, "password": password, "name": "n"}))
        .send()
        .await
        .expect("POST tokens")
        .status()
        .as_u16()
}

fn behind_a_proxy(config: &mut ideaboard::config::Config) {
    config.auth_rate_limit = 10;
    config.trusted_proxies = vec!["127.0.0.0/8".parse().expect("net")];
}

async fn behind_a_trusted_proxy_every_client_has_its_own_limit(backend: Backend) {
    let app = TestApp::spawn_with(backend, behind_a_proxy).await;
    app.api_user("ada@example.com", "Ada").await;
    let mut statuses = Vec::new();
    for person in 1..=13 {
        let client = format!("203.0.113.{person}");
        statuses.push(log_in_from(&app, &client, "ada@example.com", GOOD_PASSWORD).await);
    }
    assert_eq!(statuses, [201; 13], "13 people behind one load balancer");

    // Without the proxy trusted, the header is anybody's to forge and changes nothing.
    let direct = TestApp::spawn_with(backend, |c| c.auth_rate_limit = 10).await;
    direct.api_user("ada@example.com", "Ada").await;
    let mut statuses = Vec::new();
    for forged in 1..=11 {
        let client = format!("198.51.100.{forged}");
        statuses.push(log_in_from(&direct, &client, "ada@example.com", GOOD_PASSWORD).await);
    }
    // api_user's own log-in was the first of this address's ten.
    assert_eq!(statuses[..9], [201; 9], "{statuses:?}");
    assert_eq!(statuses[9..], [429, 429], "{statuses:?}");
}

/// The proxy writes `X-Forwarded-For`; a client's own `Forwarded` header passes through it
/// untouched and must not make it somebody else.
async fn a_client_cannot_escape_its_limit_with_a_header_the_proxy_does_not_write(backend: Backend) {
    let app = TestApp::spawn_with(backend, behind_a_proxy).await;
    let mut statuses = Vec::new();
    for forged in 1..=11 {
        let status = app
            .api_client()
            .post(app.url("/api/v1/tokens"))
            .header("Forwarded", format!("for=198.51.100.{forged}"))
            .header("X-Forwarded-For", "203.0.113.50")
            .json(&serde_json::json!({"email": format!("nobody{forged}@example.com"), "password": "wrong", "name": "n"}))
            .send()
            .await
            .expect("POST tokens")
            .status()
            .as_u16();
        statuses.push(status);
    }
    assert_eq!(statuses[..10], [401; 10], "{statuses:?}");
    assert_eq!(
        statuses[10], 429,
        "the eleventh try from one client: {statuses:?}"
    );
}

async fn failures_from_elsewhere_never_refuse_the_owner(backend: Backend) {
    let app = TestApp::spawn_with(backend, behind_a_proxy).await;
    app.api_user("ada@example.com", "Ada").await;
    for attacker in 1..=6 {
        let client = format!("198.51.100.{attacker}");
        let status = log_in_from(&app, &client, "ada@example.com", "wrong password").await;
        assert_eq!(status, 401, "attacker {attacker}");
    }
    let started = std::time::Instant::now();
    let owner = log_in_from(&app, "203.0.113.7", "ada@example.com", GOOD_PASSWORD).await;
    assert_eq!(owner, 201, "the owner's correct password still works");
    let slowed_by = ideaboard::services::rate_limits::delay_after(6);
    assert!(
        started.elapsed() >= slowed_by,
        "the attacked account is slowed by {slowed_by:?}"
    );
}

async fn guesses_sent_in_parallel_count_before_any_is_answered(backend: Backend) {
    let app = TestApp::spawn_with(backend, behind_a_proxy).await;
    app.api_user("ada@example.com", "Ada").await;
    let guesses = (0..9).map(|_| log_in_from(&app, "198.51.100.1", "ada@example.com", "wrong"));
    let mut statuses = futures_util::future::join_all(guesses).await;
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [401, 401, 401, 401, 401, 429, 429, 429, 429],
        "five guesses are checked, however many are sent at once"
    );
}

async fn a_client_that_keeps_failing_is_refused_for_that_account_only(backend: Backend) {
    let app = TestApp::spawn_with(backend, behind_a_proxy).await;
    app.api_user("ada@example.com", "Ada").await;
    app.api_user("bo@example.com", "Bo").await;
    let guesser = "198.51.100.1";
    for guess in 1..=5 {
        let status = log_in_from(&app, guesser, "ada@example.com", "wrong password").await;
        assert_eq!(status, 401, "guess {guess}");
    }
    let response = app
        .api_client()
        .post(app.url("/api/v1/tokens"))
        .header("X-Forwarded-For", guesser)
        .json(&serde_json::json!({"email": "ada@example.com", "password": GOOD_PASSWORD, "name": "n"}))
        .send()
        .await
        .expect("POST tokens");
    assert_eq!(
        response.status().as_u16(),
        429,
        "even the right password, from the guesser"
    );
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    // The failures age out within 15 minutes of their minute's end.
    assert!((1..=16 * 60).contains(&retry_after), "{retry_after}");
    assert_eq!(
        log_in_from(&app, guesser, "bo@example.com", GOOD_PASSWORD).await,
        201,
        "the guesser's other account is not refused"
    );
    assert_eq!(
        log_in_from(&app, "203.0.113.7", "ada@example.com", GOOD_PASSWORD).await,
        201,
        "the owner, elsewhere, gets in"
    );
}

async fn reset_mail_reaches_one_address_at_most_three_times_an_hour(backend: Backend) {
    let app = TestApp::spawn_with(backend, behind_a_proxy).await;
    app.api_user("ada@example.com", "Ada").await;
    for asker in 1..=5 {
        let browser = app.browser();
        let (_, page) = app.get_page(&browser, "/reset").await;
        let csrf = crate::helpers::html::csrf_token(&page);
        let response = browser
            .post(app.url("/reset"))
            .header("X-Forwarded-For", format!("198.51.100.{asker}"))
            .form(&[("email", "ada@example.com"), ("csrf_token", csrf.as_str())])
            .send()
            .await
            .expect("POST reset");
        assert_eq!(
            response.status().as_u16(),
            200,
            "asker {asker}: the same answer"
        );
    }
    app.outbox_drained().await;
    assert_eq!(app.smtp.received_by("ada@example.com").len(), 3);
}

async fn registration_mail_reaches_one_address_at_most_three_times_an_hour(backend: Backend) {
    let app = TestApp::spawn_with(backend, behind_a_proxy).await;
    app.create_account("admin@example.com", "Avery").await;
    app.create_account("ada@example.com", "Ada").await;
    for (asker, email) in (1..=5).flat_map(|n| [(n, "ada@example.com"), (n, "new@example.com")]) {
        let response = app
            .api_client()
            .post(app.url("/api/v1/users"))
            .header("X-Forwarded-For", format!("198.51.100.{asker}"))
            .json(
                &serde_json::json!({"email": email, "name": "Someone", "password": GOOD_PASSWORD}),
            )
            .send()
            .await
            .expect("POST users");
        assert_eq!(
            response.status().as_u16(),
            202,
            "{email} from asker {asker}: the same answer"
        );
    }
    app.outbox_drained().await;
    assert_eq!(
        app.smtp.received_by("ada@example.com").len(),
        3,
        "the owner's inbox"
    );
    assert_eq!(
        app.smtp.received_by("new@example.com").len(),
        3,
        "a new address's inbox"
    );
}
