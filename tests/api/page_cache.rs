//! Board pages reused from the page cache are exactly the pages rendered afresh, for visitors and
//! for signed-in people (their own votes marked), and they follow every change: votes, comments,
//! SQL run by hand, another instance's writes, and the clock moving an age on the page. A page
//! kept for one session is reused only while that session is unchanged.

use reqwest::Method;
use serde_json::json;

use crate::helpers::html::is_signed_in;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    reused_pages_are_the_pages_rendered_afresh,
    a_reused_page_follows_every_change,
    an_age_on_a_reused_page_moves_with_the_clock,
    visitors_arriving_together_all_see_a_vote_made_before_they_asked,
    a_page_kept_for_a_session_lasts_only_as_long_as_the_session,
);

/// The vote widget of idea `number` in a board page.
fn vote_widget(page: &str, number: i64) -> &str {
    let start = page
        .find(&format!("id=\"vote-{number}\""))
        .unwrap_or_else(|| panic!("no vote widget for #{number} in {page}"));
    let end = page[start..].find("</div>").expect("widget end") + start;
    &page[start..end]
}

/// `age` ago as SQL for the backend.
pub(crate) fn ago(backend: Backend, seconds: f64) -> String {
    match backend {
        Backend::Sqlite => format!("strftime('%Y-%m-%d %H:%M:%f', 'now', '-{seconds} seconds')"),
        Backend::Postgres => {
            format!("(now() AT TIME ZONE 'utc') - interval '{seconds} seconds'")
        }
    }
}

/// A gzip body, decompressed.
fn unbrotli(compressed: &[u8]) -> String {
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut &compressed[..], &mut plain).expect("brotli");
    String::from_utf8(plain).expect("utf-8")
}

fn gunzip(compressed: &[u8]) -> String {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(compressed), &mut text)
        .expect("gzip");
    text
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> reqwest::Response {
    client.get(app.url(path)).send().await.expect("GET")
}

async fn reused_pages_are_the_pages_rendered_afresh(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let uncached = app.spawn_second(|config| config.page_cache_mb = 0).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    for title in [
        "Dark mode everywhere",
        "Export to CSV",
        "Keyboard shortcuts",
    ] {
        app.create_idea(&ada, title, "Please.").await;
    }
    // Ages of whole days, so both renderings read the same.
    app.execute_sql(format!(
        "UPDATE ideas SET created_at = {}",
        ago(backend, 3.0 * 86_400.0 + 3600.0)
    ))
    .await;
    let bo = app.register("bo@example.com", "Bo").await;
    let bo_token = app.api_token("bo@example.com", GOOD_PASSWORD).await;
    assert_eq!(app.vote(&bo_token, 2, 1).await.0, 200);
    assert_eq!(app.vote(&bo_token, 3, -1).await.0, 200);
    // The log-in message is shown once, on whichever page comes next; here, the cached one.
    let (_, welcomed) = app.get_page(&bo, "/").await;
    assert!(welcomed.contains("You are logged in."));
    let visitor = app.browser();

    for path in [
        "/",
        "/?sort=top",
        "/?sort=new&per_page=2",
        "/?sort=new&per_page=2&page=2",
        "/?q=export",
    ] {
        let (status, fresh) = uncached.get_page(&visitor, path).await;
        assert_eq!(status, 200, "{path}");
        for round in ["rendered", "reused"] {
            let (status, page) = app.get_page(&visitor, path).await;
            assert_eq!(status, 200, "{path}");
            assert_eq!(page, fresh, "{path}, {round}, visitor");
            assert!(page.contains("Log in to vote"), "{path}");
        }
        let (status, fresh) = uncached.get_page(&bo, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(fresh.contains("Account (Bo)"), "{path}");
        for round in ["rendered", "reused"] {
            let (status, page) = app.get_page(&bo, path).await;
            assert_eq!(status, 200, "{path}");
            assert_eq!(page, fresh, "{path}, {round}, signed in");
        }
    }
    let (_, page) = app.get_page(&bo, "/").await;
    assert!(vote_widget(&page, 2).contains(r#"value="0" aria-pressed="true""#));
    assert!(vote_widget(&page, 3).contains(r#"aria-pressed="true" title="Withdraw your demote""#));
    assert!(vote_widget(&page, 1).contains(r#"aria-pressed="false""#));
    assert!(!vote_widget(&page, 1).contains(r#"aria-pressed="true""#));
    // Compressed for a browser that asks, the same page.
    let zipped = bo
        .get(app.url("/"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .expect("GET");
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    assert_eq!(gunzip(&zipped.bytes().await.expect("body")), page);
    assert_eq!(app.state.pages.len(), 5, "one page kept per address");
    assert!(uncached.state.pages.is_empty());
}

async fn a_reused_page_follows_every_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let other = app.spawn_second(|_| {}).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&ada, "Dark mode everywhere", "Please.")
        .await;
    app.create_idea(&ada, "Export to CSV", "Please.").await;
    let visitor = app.api_client();

    let first = get(&app, &visitor, "/").await;
    assert_eq!(first.status().as_u16(), 200);
    let etag = first.headers()["etag"].to_str().expect("etag").to_string();
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let page = first.text().await.expect("body");
    // Authors promote their own ideas.
    assert!(
        vote_widget(&page, 1).contains("<strong>10</strong>"),
        "{page}"
    );
    let again = visitor
        .get(app.url("/"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("GET");
    assert_eq!(again.status().as_u16(), 304, "unchanged: not modified");
    assert_eq!(again.headers()["etag"].to_str().expect("etag"), etag);
    assert!(again.text().await.expect("body").is_empty());
    // Browsers ask for Brotli and gzip: the same page, compressed once in each, under an entity
    // tag of its own.
    let squeezed = visitor
        .get(app.url("/"))
        .header("Accept-Encoding", "gzip, deflate, br, zstd")
        .send()
        .await
        .expect("GET");
    assert_eq!(squeezed.status().as_u16(), 200);
    assert_eq!(squeezed.headers()["content-encoding"], "br");
    let brotli_etag = squeezed.headers()["etag"]
        .to_str()
        .expect("etag")
        .to_string();
    let compressed = squeezed.bytes().await.expect("body");
    assert_eq!(unbrotli(&compressed), page);
    assert!(compressed.len() * 2 < page.len(), "compressed");
    let zipped = visitor
        .get(app.url("/"))
        .header("Accept-Encoding", "gzip, deflate")
        .send()
        .await
        .expect("GET");
    assert_eq!(zipped.status().as_u16(), 200);
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    let gzip_etag = zipped.headers()["etag"].to_str().expect("etag").to_string();
    assert_ne!(gzip_etag, etag);
    assert_ne!(gzip_etag, brotli_etag);
    let compressed = zipped.bytes().await.expect("body");
    assert_eq!(gunzip(&compressed), page);
    assert!(compressed.len() * 2 < page.len(), "compressed");
    let again = visitor
        .get(app.url("/"))
        .header("Accept-Encoding", "gzip")
        .header("If-None-Match", &gzip_etag)
        .send()
        .await
        .expect("GET");
    assert_eq!(again.status().as_u16(), 304);
    // The other instance has the page too.
    let (_, on_other) = other.get_page(&visitor, "/").await;
    assert!(vote_widget(&on_other, 1).contains("<strong>10</strong>"));

    // A vote through the API.
    assert_eq!(app.vote(&bo, 1, 1).await.0, 200);
    let after_vote = visitor
        .get(app.url("/"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("GET");
    assert_eq!(after_vote.status().as_u16(), 200, "changed: the whole page");
    assert_ne!(after_vote.headers()["etag"].to_str().expect("etag"), etag);
    let page = after_vote.text().await.expect("body");
    assert!(
        vote_widget(&page, 1).contains("<strong>20</strong>"),
        "{page}"
    );
    // … seen by the other instance, whose page was rendered before it.
    let (_, on_other) = other.get_page(&visitor, "/").await;
    assert!(vote_widget(&on_other, 1).contains("<strong>20</strong>"));

    // A comment made on the other instance.
    let (status, _) = other
        .send_json(
            Method::POST,
            "/api/v1/ideas/2/comments",
            &bo,
            json!({"body": "Yes, as CSV and JSON"}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, page) = app.get_page(&visitor, "/").await;
    assert!(page.contains(">1 comment<"), "{page}");

    // SQL run by hand, outside any server; a search kept before it finds the new title after it.
    let (_, found) = app.get_page(&visitor, "/?q=renamed").await;
    assert!(found.contains(">0 ideas<"), "{found}");
    app.execute_sql(
        "UPDATE ideas SET title = 'Dark mode, renamed by hand' WHERE number = 1".into(),
    )
    .await;
    let (_, page) = app.get_page(&visitor, "/").await;
    assert!(page.contains("Dark mode, renamed by hand"));
    let (_, found) = app.get_page(&visitor, "/?q=renamed").await;
    assert!(found.contains(">1 idea<"), "{found}");
    let (_, on_other) = other.get_page(&visitor, "/").await;
    assert!(on_other.contains("Dark mode, renamed by hand"));
}

async fn an_age_on_a_reused_page_moves_with_the_clock(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Dark mode everywhere", "Please.")
        .await;
    app.execute_sql(format!(
        "UPDATE ideas SET created_at = {}",
        ago(backend, 57.0)
    ))
    .await;
    let visitor = app.api_client();
    for _ in 0..2 {
        let (_, page) = app.get_page(&visitor, "/").await;
        assert!(page.contains(">just now</time>"), "{page}");
    }
    assert_eq!(app.state.pages.len(), 1);
    // Four seconds on the board's clock: the idea is 61 seconds old, so the kept page is no
    // longer exact and the board reads afresh.
    app.state.clock.advance(chrono::Duration::seconds(4));
    let (_, page) = app.get_page(&visitor, "/").await;
    assert!(page.contains(">1 minute ago</time>"), "{page}");
}

async fn visitors_arriving_together_all_see_a_vote_made_before_they_asked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let voters = [
        app.api_user("bo@example.com", "Bo").await,
        app.api_user("cy@example.com", "Cy").await,
        app.api_user("di@example.com", "Di").await,
    ];
    app.create_idea(&ada, "Dark mode everywhere", "Please.")
        .await;
    let visitor = app.api_client();
    // Other visitors keep asking throughout, so that a read of the version is in flight whenever
    // a vote commits.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let background: Vec<_> = (0..4)
        .map(|_| {
            let (url, client, done) = (app.url("/"), app.api_client(), done.clone());
            tokio::spawn(async move {
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let _ = client.get(&url).send().await;
                }
            })
        })
        .collect();
    // Rounds of 24 visitors at once, each round after one more vote: every answer of a round
    // shows every vote made before the round began (the version read is shared, never stale).
    for (votes_so_far, voter) in voters.iter().enumerate() {
        assert_eq!(app.vote(voter, 1, 1).await.0, 200);
        let points = format!("<strong>{}</strong>", 10 * (votes_so_far + 2));
        let pages: Vec<(u16, String)> =
            futures_util::future::join_all((0..24).map(|_| app.get_page(&visitor, "/"))).await;
        for (status, page) in pages {
            assert_eq!(status, 200);
            assert!(vote_widget(&page, 1).contains(&points), "{points}: {page}");
        }
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for task in background {
        task.await.expect("background visitor");
    }
}

/// `/` as sent to the holder of session cookie `cookie`: (status, entity tag, page).
async fn board_for(app: &TestApp, cookie: &str) -> (u16, String, String) {
    let response = app.get_as(cookie, "/").await;
    let status = response.status().as_u16();
    let etag = response.headers()["etag"]
        .to_str()
        .expect("etag")
        .to_string();
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    (status, etag, response.text().await.expect("body"))
}

async fn a_page_kept_for_a_session_lasts_only_as_long_as_the_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let other = app.spawn_second(|_| {}).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Dark mode everywhere", "Please.")
        .await;
    app.register("mo@example.com", "Mo").await;
    let mo_api = app.api_token("mo@example.com", GOOD_PASSWORD).await;
    let here = app.session_cookie("mo@example.com", GOOD_PASSWORD).await;
    let there = app.session_cookie("mo@example.com", GOOD_PASSWORD).await;
    let stale = app.session_cookie("mo@example.com", GOOD_PASSWORD).await;

    // Rendered, then reused for the same session: the same bytes, and a 304 on asking again.
    let (_, etag, first) = board_for(&app, &here).await;
    assert!(is_signed_in(&first), "{first}");
    assert!(first.contains("Account (Mo)"));
    let (_, again_etag, again) = board_for(&app, &here).await;
    assert_eq!(
        (again_etag.as_str(), again.as_str()),
        (etag.as_str(), first.as_str())
    );
    assert_eq!(app.state.pages.visits_len(), 1);
    let revalidated = app
        .api_client()
        .get(app.url("/"))
        .header("Cookie", format!("ideaboard_session={here}"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("GET");
    assert_eq!(revalidated.status().as_u16(), 304);
    // Another session of the same person has its own page (its own CSRF token).
    let (_, _, theirs) = board_for(&app, &there).await;
    assert!(is_signed_in(&theirs));
    assert_ne!(theirs, first);
    assert_eq!(app.state.pages.visits_len(), 2);

    // Mo's own vote, made through the API, is marked on Mo's next page.
    assert_eq!(app.vote(&mo_api, 1, 1).await.0, 200);
    let (_, _, page) = board_for(&app, &here).await;
    assert!(
        vote_widget(&page, 1).contains(r#"value="0" aria-pressed="true""#),
        "{page}"
    );

    // Signed out on the other instance: this one's kept page is not sent to that cookie again.
    let (_, _, on_other) = board_for(&other, &there).await;
    assert!(is_signed_in(&on_other));
    let (_, _, page) = board_for(&app, &there).await;
    assert!(is_signed_in(&page));
    let out = app
        .api_client()
        .post(other.url("/logout"))
        .header("Cookie", format!("ideaboard_session={there}"))
        .form(&[("csrf_token", crate::helpers::html::csrf_token(&on_other))])
        .send()
        .await
        .expect("POST logout");
    assert_eq!(out.status().as_u16(), 303);
    let response = app.get_as(&there, "/").await;
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let page = response.text().await.expect("body");
    assert!(!is_signed_in(&page), "signed out elsewhere: {page}");
    assert!(page.contains("Log in to vote"));

    // A session ended by hand (its expiry moved to the past) signs nobody in from the next page on.
    let (_, _, page) = board_for(&app, &stale).await;
    assert!(is_signed_in(&page));
    app.execute_sql(format!(
        "UPDATE sessions SET expires_at = {} WHERE expires_at > {}",
        ago(backend, 60.0),
        ago(backend, 0.0)
    ))
    .await;
    for cookie in [&here, &stale] {
        let page = app.get_as(cookie, "/").await.text().await.expect("body");
        assert!(!is_signed_in(&page), "expired: {page}");
    }
}
