//! Idea pages kept for visitors who are not signed in: the same bytes as a fresh rendering, in
//! every coding, following every change on any instance, moving with the clock, and never what
//! a signed-in person gets.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;
use crate::page_cache::ago;

on_both_backends!(
    a_kept_idea_page_is_the_page_rendered_afresh,
    a_kept_idea_page_follows_changes_and_the_clock,
);

async fn a_kept_idea_page_is_the_page_rendered_afresh(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let uncached = app.spawn_second(|config| config.page_cache_mb = 0).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(
        &ada,
        "Dark mode everywhere",
        &"Please, at night. ".repeat(40),
    )
    .await;
    for n in 0..45 {
        let (status, _) = app
            .send_json(
                Method::POST,
                "/api/v1/ideas/1/comments",
                &ada,
                json!({"body": format!("Comment **{n}**")}),
            )
            .await;
        assert_eq!(status, 201);
    }
    // Ages of whole days, so both renderings read the same.
    let days_ago = ago(backend, 3.0 * 86_400.0 + 3600.0);
    app.execute_sql(format!(
        "UPDATE ideas SET created_at = {days_ago}; UPDATE comments SET created_at = {days_ago}"
    ))
    .await;
    let visitor = app.api_client();
    for path in ["/ideas/1", "/ideas/1?comments=2"] {
        let (status, fresh) = uncached.get_page(&visitor, path).await;
        assert_eq!(status, 200, "{path}");
        for round in ["rendered", "kept"] {
            let (status, page) = app.get_page(&visitor, path).await;
            assert_eq!(status, 200, "{path}");
            assert_eq!(page, fresh, "{path}, {round}");
        }
        let squeezed = visitor
            .get(app.url(path))
            .header("Accept-Encoding", "gzip, deflate, br, zstd")
            .send()
            .await
            .expect("GET");
        assert_eq!(squeezed.headers()["content-encoding"], "br");
        let mut plain = Vec::new();
        let body = squeezed.bytes().await.expect("body");
        brotli::BrotliDecompress(&mut &body[..], &mut plain).expect("brotli");
        assert_eq!(
            String::from_utf8(plain).expect("utf-8"),
            fresh,
            "{path}, Brotli"
        );
    }
    assert_eq!(app.state.pages.len(), 2, "one page kept per address");
    assert!(uncached.state.pages.is_empty());

    // A signed-in person gets their own page, never the visitors' one.
    let bo = app.register("bo@example.com", "Bo").await;
    let (_, own) = app.get_page(&bo, "/ideas/1").await;
    assert!(
        own.contains("Account (Bo)") && own.contains("Add a comment"),
        "{own}"
    );
    let (_, theirs) = app.get_page(&visitor, "/ideas/1").await;
    assert!(!theirs.contains("Account (Bo)") && theirs.contains("to comment."));
}

async fn a_kept_idea_page_follows_changes_and_the_clock(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let other = app.spawn_second(|_| {}).await;
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
        let (_, page) = app.get_page(&visitor, "/ideas/1").await;
        assert!(page.contains(">just now</time>"), "{page}");
        assert!(page.contains("<strong>10</strong>"));
    }
    // A comment and a vote through the other instance.
    let bo = app.api_user("bo@example.com", "Bo").await;
    let (status, _) = other
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &bo,
            json!({"body": "Yes, with a schedule"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(other.vote(&bo, 1, 1).await.0, 200);
    let (_, page) = app.get_page(&visitor, "/ideas/1").await;
    assert!(page.contains("Yes, with a schedule"), "{page}");
    assert!(page.contains("<strong>20</strong>"), "{page}");
    // Four seconds on the board's clock: the idea is 61 seconds old.
    app.state.clock.advance(chrono::Duration::seconds(4));
    let (_, page) = app.get_page(&visitor, "/ideas/1").await;
    assert!(page.contains(">1 minute ago</time>"), "{page}");
}
