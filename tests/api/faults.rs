//! Faults: a server killed between commit and send loses nothing; two instances on one database
//! deliver each email once.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, GOOD_PASSWORD, SmtpSink, TestApp, TestDb};
use crate::on_both_backends;

on_both_backends!(
    a_server_killed_before_sending_loses_no_email,
    two_instances_deliver_each_email_once,
);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn cli(db_url: &str, args: &[&str], stdin: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ideaboard"))
        .args(args)
        .env_clear()
        .env("DATABASE_URL", db_url)
        .env("LOG", "error")
        .env("IDEABOARD_CONFIG", "/dev/null")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("cli runs");
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.as_bytes()).expect("stdin");
    }
    assert!(child.wait().expect("cli ends").success(), "{args:?}");
}

async fn outbox_states(db_url: String) -> Vec<String> {
    tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        use ideaboard::db::schema::outbox;
        let url = ideaboard::config::DatabaseUrl::parse(&db_url).expect("url");
        let mut conn =
            ideaboard::db::pool::DbManager::new(url, ideaboard::db::CheckpointPolicy::BySqlite)
                .open()
                .expect("connect");
        outbox::table
            .select(outbox::state)
            .load::<String>(&mut conn)
            .expect("states")
    })
    .await
    .expect("task")
}

async fn a_server_killed_before_sending_loses_no_email(backend: Backend) {
    let db = TestDb::create(backend);
    let sink = SmtpSink::start().await;
    // Accepts connections and never answers: the first server hangs in the middle of sending.
    let black_hole = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let hole_port = black_hole.local_addr().expect("addr").port();
    for name in ["kim", "lee", "max"] {
        cli(
            &db.url,
            &[
                "user",
                "create",
                "--email",
                &format!("{name}@example.com"),
                "--name",
                name,
            ],
            GOOD_PASSWORD,
        );
    }

    let port = free_port();
    let mut first = Command::new(env!("CARGO_BIN_EXE_ideaboard"))
        .arg("serve")
        .env_clear()
        .env("DATABASE_URL", &db.url)
        .env("BIND", format!("127.0.0.1:{port}"))
        .env("SMTP_URL", format!("smtp://127.0.0.1:{hole_port}"))
        .env("OUTBOX_LEASE_SECS", "2")
        .env("OUTBOX_POLL_MS", "100")
        .env("AUTH_RATE_LIMIT", "1000")
        .env("LOG", "error")
        .env("IDEABOARD_CONFIG", "/dev/null")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .no_gzip()
        .cookie_store(true)
        .build()
        .expect("client");
    let mut up = false;
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the first server answers");
    for name in ["kim", "lee", "max"] {
        let page = client
            .get(format!("{base}/reset"))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("body");
        let token = crate::helpers::html::csrf_token(&page);
        let email = format!("{name}@example.com");
        let asked = client
            .post(format!("{base}/reset"))
            .form(&[("email", email.as_str()), ("csrf_token", token.as_str())])
            .send()
            .await
            .expect("POST");
        assert_eq!(asked.status().as_u16(), 200);
    }
    // The change committed; the server is stuck sending. Kill it without a chance to clean up.
    for _ in 0..100 {
        if outbox_states(db.url.clone())
            .await
            .iter()
            .any(|s| s == "sending")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    first.kill().expect("kill -9");
    first.wait().expect("reaped");
    assert_eq!(outbox_states(db.url.clone()).await.len(), 3);
    assert!(sink.received().is_empty());

    // A new server on the same database takes over once the dead one's lease lapses.
    let second = TestApp::spawn_on(db.url.clone(), sink.clone(), |c| {
        c.outbox_lease = Duration::from_secs(2)
    })
    .await;
    for name in ["kim", "lee", "max"] {
        let mail = sink.wait_for(&format!("{name}@example.com"), 1).await;
        assert_eq!(mail[0].subject(), "Reset your Ideaboard password");
    }
    second.outbox_drained().await;
    assert_eq!(sink.received().len(), 3, "each exactly once");
    assert!(
        outbox_states(db.url.clone())
            .await
            .iter()
            .all(|s| s == "sent")
    );
    drop(black_hole);
    drop(second);
}

async fn two_instances_deliver_each_email_once(backend: Backend) {
    let one = TestApp::spawn(backend).await;
    let two = one.spawn_second(|_| {}).await;
    let admin = one.api_user("admin@example.com", "Admin").await;
    let idea = one.create_idea(&admin, "Dark mode", "").await;
    let number = idea["number"].as_i64().expect("number");
    let mut followers = Vec::new();
    for i in 0..12 {
        let email = format!("f{i}@example.com");
        // Half register through each instance: they are one board.
        let app = if i % 2 == 0 { &one } else { &two };
        let token = app.api_user(&email, &format!("Follower {i}")).await;
        let (status, _) = app
            .send_json(
                Method::PUT,
                &format!("/api/v1/ideas/{number}/subscription"),
                &token,
                json!({"subscribed": true}),
            )
            .await;
        assert_eq!(status, 200);
        followers.push(email);
    }
    for (i, status) in ["under-review", "planned", "in-progress"]
        .iter()
        .enumerate()
    {
        let app = if i % 2 == 0 { &one } else { &two };
        let (code, _) = app
            .send_json(
                Method::PUT,
                &format!("/api/v1/ideas/{number}/status"),
                &admin,
                json!({"status": status, "note": "moving"}),
            )
            .await;
        assert_eq!(code, 200);
    }
    for email in &followers {
        one.smtp.wait_for(email, 3).await;
    }
    one.outbox_drained().await;
    for email in &followers {
        assert_eq!(
            one.smtp.received_by(email).len(),
            3,
            "{email}: one email per change, never two"
        );
    }
}
