//! Listening posts: staff add a feed at `/insights/listening`; the poll fetches it from a real
//! server on loopback politely (the validators sent back, 304 adds nothing, a failure puts the next
//! poll off, an oversized body is refused), keeps each entry once with its sentiment, tells the
//! watchers of a phrase in it, and staff turn an entry into an idea or dismiss it.

use chrono::{Duration, NaiveDateTime, Timelike};
use diesel::prelude::*;
use ideaboard::db::schema::{listening_entries, listening_feeds};

use crate::helpers::feed_server::{FeedServer, Serving, rss};
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp, html};
use crate::on_both_backends;

on_both_backends!(
    a_feed_is_polled_politely_and_its_entries_are_listed_with_their_source,
    an_entry_becomes_an_idea_credited_to_its_feed_or_is_dismissed,
    a_bad_feed_is_refused_at_its_field_and_changes_nothing,
    a_feed_that_turned_private_is_refused_at_the_poll,
);

const BATTERY: (&str, &str, &str) = (
    "t-1",
    "Battery dies after an hour",
    "My laptop battery is terrible. &lt;script&gt;alert(1)&lt;/script&gt; Awful support, I am angry and disappointed. &amp;lt;img src=x onerror=alert(1)&amp;gt;",
);
const DOCK: (&str, &str, &str) = (
    "t-2",
    "Love the new dock",
    "The new dock is great, fast and reliable. Thank you!",
);

/// The next whole second: after the feed was added (so it is due), and a time the database keeps
/// exactly.
fn now() -> NaiveDateTime {
    let now = chrono::Utc::now().naive_utc().with_nanosecond(0);
    now.expect("a time") + Duration::seconds(1)
}

async fn poll(app: &TestApp, at: NaiveDateTime) -> usize {
    ideaboard::jobs::listening::poll_due(&app.state.db, &app.state.outbound, at, "http://localhost")
        .await
        .expect("the poll runs")
}

/// Adds the feed at `url` through the page as Pia (product staff); returns her browser.
async fn listen(app: &TestApp, url: &str) -> reqwest::Client {
    let (browser, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    let added = app
        .submit_form(
            &browser,
            "/insights/listening",
            "/insights/listening",
            &[("name", "Forum"), ("url", url), ("interval_minutes", "10")],
        )
        .await;
    assert_eq!(added.status().as_u16(), 303);
    browser
}

/// (failures, last error, next poll) of the one feed.
async fn feed_state(app: &TestApp) -> (i32, Option<String>, NaiveDateTime) {
    app.with_conn(|conn| {
        listening_feeds::table
            .select((
                listening_feeds::failures,
                listening_feeds::last_error,
                listening_feeds::next_poll_at,
            ))
            .first(conn)
            .expect("the feed")
    })
    .await
}

/// The id of the entry titled `title`.
async fn entry_id(app: &TestApp, title: &'static str) -> String {
    app.with_conn(move |conn| {
        listening_entries::table
            .filter(listening_entries::title.eq(title))
            .select(listening_entries::id)
            .first(conn)
            .expect("the entry")
    })
    .await
}

async fn a_feed_is_polled_politely_and_its_entries_are_listed_with_their_source(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_admin, pia, _max) = app.admin_product_member().await;
    let (status, _) = app
        .send_json(
            reqwest::Method::POST,
            "/api/v1/watches",
            &pia,
            serde_json::json!({"phrase": "battery", "delivery": "instant"}),
        )
        .await;
    assert_eq!(status, 201);
    let server = FeedServer::start().await;
    server.serve(Serving::Feed {
        body: rss(&[BATTERY, DOCK]),
        etag: "\"v1\"".into(),
    });
    let browser = listen(&app, &server.url).await;
    let start = now();
    assert_eq!(poll(&app, start).await, 2);
    let again = app
        .submit_form(
            &browser,
            "/insights/listening",
            "/insights/listening",
            &[("name", "Forum again"), ("url", &server.url)],
        )
        .await;
    assert_eq!(again.status().as_u16(), 422);
    let page = again.text().await.expect("page");
    assert!(
        html::field_error(&page, "url").is_some_and(|e| e.contains("listens to this feed already")),
        "{page}"
    );
    assert_eq!(app.count_rows("listening_feeds").await, 1);

    let (status, page) = app.get_page(&browser, "/insights/listening").await;
    assert_eq!(status, 200);
    for title in [
        "Battery dies after an hour",
        "Love the new dock",
        "from Forum",
    ] {
        assert!(page.contains(title), "{title}: {page}");
    }
    assert!(page.contains(r#"href="https://forum.example.com/t/t-1" rel="nofollow noopener ugc""#));
    assert!(
        page.contains(r#"<span class="sentiment negative">Negative</span>"#),
        "{page}"
    );
    assert!(page.contains(r#"<span class="sentiment positive">Positive</span>"#));
    assert!(
        !page.contains("<script>alert(1)"),
        "a feed's scripts are left out"
    );
    assert!(
        page.contains("disappointed. &lt;img src=x onerror=alert(1)&gt;</blockquote>")
            && !page.contains("<img src=x"),
        "what reads as markup is shown as text"
    );

    app.outbox_drained().await;
    let mails = app.smtp.received_by("pia@example.com");
    assert_eq!(mails.len(), 1, "the battery entry, once");
    assert!(
        mails[0].subject().contains("from Forum"),
        "{}",
        mails[0].subject()
    );
    assert!(
        mails[0].text().contains("**Battery** dies after an hour"),
        "{}",
        mails[0].text()
    );

    assert_eq!(poll(&app, start + Duration::minutes(9)).await, 0);
    assert_eq!(server.requests().len(), 1, "not due before its interval");
    assert_eq!(poll(&app, start + Duration::minutes(10)).await, 0);
    let asked = server.requests().last().cloned().expect("a second request");
    assert_eq!(asked.if_none_match.as_deref(), Some("\"v1\""));
    assert_eq!(
        asked.if_modified_since.as_deref(),
        Some("Tue, 01 Dec 2026 10:00:00 GMT")
    );

    let fan = ("t-3", "Fan noise", "The fan is loud when idle.");
    server.serve(Serving::Feed {
        body: rss(&[fan, BATTERY, DOCK]),
        etag: "\"v2\"".into(),
    });
    assert_eq!(
        poll(&app, start + Duration::minutes(20)).await,
        1,
        "only the new one"
    );
    assert_eq!(app.count_rows("listening_entries").await, 3);

    let failed_at = start + Duration::minutes(30);
    server.serve(Serving::Status(500));
    assert_eq!(poll(&app, failed_at).await, 0);
    let (failures, error, next) = feed_state(&app).await;
    assert_eq!((failures, next), (1, failed_at + Duration::minutes(20)));
    assert!(
        error.as_deref().is_some_and(|e| e.contains("500")),
        "{error:?}"
    );
    let (_, page) = app.get_page(&browser, "/insights/listening").await;
    assert!(
        page.contains("failed once: the server answered 500"),
        "{page}"
    );

    server.serve(Serving::Feed {
        body: format!("{}<!--{}-->", rss(&[fan]), "x".repeat(2 * 1024 * 1024)),
        etag: "\"v3\"".into(),
    });
    assert_eq!(poll(&app, failed_at + Duration::minutes(20)).await, 0);
    let (failures, error, _) = feed_state(&app).await;
    assert_eq!(failures, 2, "too large is a failure too");
    assert!(error.is_some_and(|e| e.contains("larger than")));
    assert_eq!(
        app.smtp.received_by("pia@example.com").len(),
        1,
        "no new mail"
    );
}

async fn an_entry_becomes_an_idea_credited_to_its_feed_or_is_dismissed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_admin, pia, _max) = app.admin_product_member().await;
    let server = FeedServer::start().await;
    server.serve(Serving::Feed {
        body: rss(&[BATTERY, DOCK]),
        etag: "\"v1\"".into(),
    });
    let browser = listen(&app, &server.url).await;
    assert_eq!(poll(&app, now()).await, 2);
    let battery = entry_id(&app, "Battery dies after an hour").await;
    let dock = entry_id(&app, "Love the new dock").await;

    let to_idea = format!("/insights/listening/entries/{battery}/idea");
    let made = app
        .submit_form(&browser, "/insights/listening", &to_idea, &[])
        .await;
    assert_eq!(made.status().as_u16(), 303);
    let location = made.headers()["location"].to_str().expect("a location");
    let number: i64 = location
        .strip_prefix("/ideas/")
        .and_then(|n| n.parse().ok())
        .expect("the new idea's page");
    let (status, idea) = app.get_json(&format!("/api/v1/ideas/{number}"), &pia).await;
    assert_eq!(status, 200);
    assert_eq!(idea["title"], "Battery dies after an hour");
    let body = idea["body"].as_str().expect("a body");
    assert!(body.starts_with("My laptop battery is terrible"), "{body}");
    assert!(
        body.ends_with("via [Forum](<https://forum.example.com/t/t-1>)"),
        "{body}"
    );
    let (_, idea_page) = app.get_page(&browser, location).await;
    assert!(idea_page.contains(r#"<a href="https://forum.example.com/t/t-1""#));
    assert!(
        idea_page.contains("&lt;img src=x onerror=alert(1)&gt;")
            && !idea_page.contains("<img src=x"),
        "the entry's words are the idea's words, not its markup: {idea_page}"
    );

    let again = app
        .submit_form(&browser, "/insights/listening", &to_idea, &[])
        .await;
    assert_eq!(again.status().as_u16(), 404, "one idea per entry");
    let dismiss = format!("/insights/listening/entries/{dock}/dismiss");
    let dismissed = app
        .submit_form(&browser, "/insights/listening", &dismiss, &[])
        .await;
    assert_eq!(dismissed.status().as_u16(), 303);
    let (_, page) = app.get_page(&browser, "/insights/listening").await;
    assert!(page.contains("No entry waits for a look."), "{page}");
    assert!(page.contains("The entry is dismissed."));
    let again = app
        .submit_form(&browser, "/insights/listening", &dismiss, &[])
        .await;
    assert_eq!(again.status().as_u16(), 404);
    assert_eq!(app.count_rows("ideas").await, 1);
}

async fn a_bad_feed_is_refused_at_its_field_and_changes_nothing(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.feeds_allow_private = false).await;
    app.admin_product_member().await;
    let (browser, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    // A public address written as one: fetchable as far as the guard can tell without DNS.
    let public = "https://93.184.216.34/feed";
    let refusals = [
        ("", public, "", "name"),
        ("Forum", public, "1", "interval_minutes"),
        ("Forum", public, "soon", "interval_minutes"),
        ("Forum", "ftp://forum.example.com/feed", "", "url"),
        ("Forum", "forum.example.com/feed", "", "url"),
        ("Forum", "https://me:secret@93.184.216.34/feed", "", "url"),
        ("Forum", "http://127.0.0.1:9/feed.xml", "", "url"),
        ("Forum", "http://[::1]/feed.xml", "", "url"),
        ("Forum", "http://[::ffff:10.0.0.1]/feed.xml", "", "url"),
        ("Forum", "http://localhost/feed.xml", "", "url"),
    ];
    for (name, url, interval, field) in refusals {
        let refused = app
            .submit_form(
                &browser,
                "/insights/listening",
                "/insights/listening",
                &[("name", name), ("url", url), ("interval_minutes", interval)],
            )
            .await;
        assert_eq!(refused.status().as_u16(), 422, "{url} {interval}");
        let page = refused.text().await.expect("page");
        assert!(html::field_error(&page, field).is_some(), "{field}: {page}");
        if url == public {
            assert_eq!(html::field_error(&page, "url"), None, "{page}");
        }
        assert!(
            page.contains(&format!(r#"value="{url}""#)),
            "what was typed is kept"
        );
    }
    let refused = app
        .submit_form(
            &browser,
            "/insights/listening",
            "/insights/listening",
            &[("name", "Forum"), ("url", "http://10.0.0.8/feed")],
        )
        .await;
    let page = refused.text().await.expect("page");
    assert!(
        html::field_error(&page, "url").is_some_and(|e| e.contains("private network")),
        "{page}"
    );
    assert_eq!(app.count_rows("listening_feeds").await, 0);

    let (member, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let (status, _) = app.get_page(&member, "/insights/listening").await;
    assert_eq!(status, 403, "members listen to nothing");
    let visitor = app
        .browser()
        .get(app.url("/insights/listening"))
        .send()
        .await
        .expect("GET");
    assert_eq!(visitor.status().as_u16(), 303);
    let location = visitor.headers()["location"].to_str().expect("a location");
    assert!(location.starts_with("/login"), "{location}");
}

/// A feed whose name points elsewhere by the time it is polled (here: a feed kept while private
/// addresses were allowed) is refused at the poll, and the server behind it hears nothing.
async fn a_feed_that_turned_private_is_refused_at_the_poll(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.feeds_allow_private = false).await;
    let server = FeedServer::start().await;
    server.serve(Serving::Feed {
        body: rss(&[BATTERY]),
        etag: "\"v1\"".into(),
    });
    let loopback = server.url.replace("127.0.0.1", "localhost");
    app.execute_sql(format!(
        "INSERT INTO listening_feeds (id, name, url, interval_minutes, next_poll_at, failures, \
         created_at) VALUES ('f-1', 'Intranet', '{loopback}', 30, '2026-01-01 00:00:00', 0, \
         '2026-01-01 00:00:00')"
    ))
    .await;
    assert_eq!(poll(&app, now()).await, 0);
    assert!(server.requests().is_empty(), "nothing was asked of it");
    let (failures, error, _) = feed_state(&app).await;
    assert_eq!(failures, 1);
    assert_eq!(error.as_deref(), Some("refused: the address is not public"));
    assert_eq!(app.count_rows("listening_entries").await, 0);
}
