//! A bad day for the database: while it cannot answer, pages and the API say 503 with
//! `Retry-After` (never 500), `/readyz` answers within a second, and everything works again by
//! itself once it is back.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

use crate::helpers::{Backend, SmtpSink, TestApp, TestDb};
use crate::on_both_backends;

on_both_backends!(while_no_connection_can_be_had_pages_say_503_and_readyz_answers_at_once);

/// What a visitor and an API client get for `path`s now: (status, Retry-After) each.
async fn answers(app: &TestApp, paths: &[&str]) -> Vec<(u16, Option<String>)> {
    let client = app.api_client();
    let requests = paths.iter().map(|path| {
        let request = client.get(app.url(path)).send();
        async move {
            let response = request.await.expect("an answer");
            let retry_after = response
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().expect("ascii").to_string());
            (response.status().as_u16(), retry_after)
        }
    });
    futures_util::future::join_all(requests).await
}

/// `/readyz`'s status and how long it took to answer.
async fn readiness(app: &TestApp) -> (u16, Duration) {
    let started = Instant::now();
    let response = app
        .api_client()
        .get(app.url("/readyz"))
        .send()
        .await
        .expect("GET /readyz");
    (response.status().as_u16(), started.elapsed())
}

async fn while_no_connection_can_be_had_pages_say_503_and_readyz_answers_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&token, "Dark mode", "Please").await;
    let pool_size = app.state.config.pool_size as usize;

    // Every pooled connection is taken and held, as a stuck database holds them.
    let taken = Arc::new(Notify::new());
    let release = Arc::new(Notify::new());
    let database = app.state.db.clone();
    let holder = {
        let (taken, release) = (taken.clone(), release.clone());
        tokio::spawn(async move {
            let handles = tokio::task::spawn_blocking(move || {
                let mut held = Vec::new();
                for _ in 0..pool_size {
                    let mut access = database.access();
                    access.conn().expect("a pooled connection");
                    held.push(access);
                }
                held
            })
            .await
            .expect("holding task");
            taken.notify_one();
            release.notified().await;
            drop(handles);
        })
    };
    taken.notified().await;

    let (status, took) = readiness(&app).await;
    assert_eq!(status, 503, "not ready while no connection can be had");
    assert!(took < Duration::from_secs(2), "/readyz took {took:?}");
    for (status, retry_after) in answers(&app, &["/ideas/1", "/api/v1/ideas/1"]).await {
        assert_eq!(status, 503);
        assert_eq!(retry_after.as_deref(), Some("5"));
    }

    release.notify_one();
    holder.await.expect("holder");
    assert_eq!(readiness(&app).await.0, 200);
    for (status, _) in answers(&app, &["/ideas/1", "/api/v1/ideas/1"]).await {
        assert_eq!(status, 200);
    }
}

/// A TCP relay between the server and PostgreSQL that can be cut (every connection dropped and
/// new ones refused) and restored, as a database restart or a network fault would.
struct Relay {
    port: u16,
    cut: Arc<AtomicBool>,
    cut_now: Arc<Notify>,
}

impl Relay {
    async fn to(target: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind relay");
        let port = listener.local_addr().expect("addr").port();
        let cut = Arc::new(AtomicBool::new(false));
        let cut_now = Arc::new(Notify::new());
        let (cut_flag, cut_signal) = (cut.clone(), cut_now.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if cut_flag.load(Ordering::SeqCst) {
                    continue;
                }
                let Ok(mut outbound) = TcpStream::connect(&target).await else {
                    continue;
                };
                let signal = cut_signal.clone();
                tokio::spawn(async move {
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = signal.notified() => {}
                    }
                });
            }
        });
        Relay { port, cut, cut_now }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        self.cut_now.notify_waiters();
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs TEST_DATABASE_URL"]
async fn a_postgresql_outage_is_503_and_the_board_recovers_by_itself() {
    let db = TestDb::create(Backend::Postgres);
    let mut through_relay = url::Url::parse(&db.url).expect("database url");
    let target = format!(
        "{}:{}",
        through_relay.host_str().expect("host"),
        through_relay.port().unwrap_or(5432)
    );
    let relay = Relay::to(target).await;
    through_relay.set_host(Some("127.0.0.1")).expect("host");
    through_relay.set_port(Some(relay.port)).expect("port");
    let app = TestApp::spawn_on(through_relay.to_string(), SmtpSink::start().await, |_| {}).await;
    let token = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&token, "Dark mode", "Please").await;

    relay.cut();
    let (status, took) = readiness(&app).await;
    assert_eq!(status, 503);
    assert!(took < Duration::from_secs(2), "/readyz took {took:?}");
    let paths = [
        "/ideas/1",
        "/api/v1/ideas/1",
        "/?sort=new",
        "/api/v1/ideas?sort=top",
    ];
    for (status, retry_after) in answers(&app, &paths).await {
        assert_eq!(status, 503, "{paths:?}");
        assert_eq!(retry_after.as_deref(), Some("5"));
    }

    relay.restore();
    let mut recovered = false;
    for _ in 0..50 {
        if answers(&app, &paths)
            .await
            .iter()
            .all(|(status, _)| *status == 200)
        {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(recovered, "the board answers again once PostgreSQL is back");
    assert_eq!(readiness(&app).await.0, 200);
    drop(app);
    drop(db);
}
