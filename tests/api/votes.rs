//! Votes: promote, demote, change, retract; one per person whatever the concurrency; frozen
//! statuses and bans; plain-form voting without JavaScript; many voters among busy readers; two
//! boards served by one process.

use serde_json::json;

use crate::helpers::html::csrf_token;
use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_vote_can_be_cast_changed_and_retracted,
    twenty_concurrent_identical_votes_count_once,
    frozen_statuses_banned_people_and_bad_values_are_refused,
    voting_works_with_plain_form_posts,
    votes_among_busy_readers_all_count,
    two_boards_in_one_process_each_keep_their_own_votes,
);

async fn a_vote_can_be_cast_changed_and_retracted(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&ada, "Dark mode", "").await;

    let (status, totals) = app.vote(&bo, 1, 1).await;
    assert_eq!(status, 200);
    assert_eq!(
        totals,
        json!({"upvotes": 2, "downvotes": 0, "points": 20, "my_vote": 1})
    );
    assert_eq!(
        app.vote(&bo, 1, 1).await.1["points"],
        20,
        "the same vote again changes nothing"
    );
    assert_eq!(
        app.vote(&bo, 1, -1).await.1,
        json!({"upvotes": 1, "downvotes": 1, "points": 0, "my_vote": -1})
    );
    assert_eq!(
        app.vote(&bo, 1, 0).await.1,
        json!({"upvotes": 1, "downvotes": 0, "points": 10, "my_vote": null})
    );
    assert_eq!(
        app.vote(&ada, 1, 0).await.1["points"],
        0,
        "authors may withdraw their own promote"
    );
    let (_, idea) = app.get_json("/api/v1/ideas/1", &bo).await;
    assert_eq!(
        (idea["points"].as_i64(), idea["my_vote"].clone()),
        (Some(0), json!(null))
    );
    assert_eq!(app.count_rows("votes").await, 0);
    app.assert_no_drift().await;
}

async fn twenty_concurrent_identical_votes_count_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&ada, "Dark mode", "").await;
    let mut voting = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let client = app.api_client();
        let url = app.url("/api/v1/ideas/1/vote");
        let token = bo.clone();
        voting.spawn(async move {
            client
                .put(url)
                .bearer_auth(token)
                .json(&json!({"value": 1}))
                .send()
                .await
                .map(|r| r.status().as_u16())
        });
    }
    while let Some(outcome) = voting.join_next().await {
        assert_eq!(outcome.expect("task").expect("request"), 200);
    }
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(
        (idea["upvotes"].as_i64(), idea["points"].as_i64()),
        (Some(2), Some(20))
    );
    assert_eq!(app.count_rows("votes").await, 2);

    // Many people at once, each voting and changing their mind concurrently.
    let mut tokens = Vec::new();
    for i in 0..8 {
        tokens.push(
            app.api_user(&format!("v{i}@example.com"), &format!("Voter {i}"))
                .await,
        );
    }
    let mut voting = tokio::task::JoinSet::new();
    for (i, token) in tokens.iter().enumerate() {
        for value in [1, -1, if i % 2 == 0 { 1 } else { -1 }] {
            let client = app.api_client();
            let url = app.url("/api/v1/ideas/1/vote");
            let token = token.clone();
            voting.spawn(async move {
                client
                    .put(url)
                    .bearer_auth(token)
                    .json(&json!({"value": value}))
                    .send()
                    .await
            });
        }
    }
    while voting.join_next().await.is_some() {}
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    let up = idea["upvotes"].as_i64().unwrap_or(-1);
    let down = idea["downvotes"].as_i64().unwrap_or(-1);
    assert_eq!(up + down, 10, "ten people, ten votes: {idea}");
    assert_eq!(app.count_rows("votes").await, 10);
    app.assert_no_drift().await;
}

async fn frozen_statuses_banned_people_and_bad_values_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&ada, "Dark mode", "").await;
    app.create_idea(&ada, "Export to CSV", "").await;

    let (status, answer) = app.vote(&bo, 1, 2).await;
    assert_eq!(status, 422);
    assert_eq!(answer["error"]["fields"][0]["field"], "value");
    assert_eq!(app.vote(&bo, 99, 1).await.0, 404);
    let (status, _) = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/ideas/1/vote",
            &bo,
            json!({"value": "up"}),
        )
        .await;
    assert_eq!(status, 422);

    app.execute_sql("UPDATE ideas SET status_id = (SELECT id FROM statuses WHERE slug = 'implemented') WHERE number = 2".into())
        .await;
    let (status, answer) = app.vote(&bo, 2, 1).await;
    assert_eq!(status, 403, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("“Implemented”")
    );
    let (_, idea) = app.get_json("/api/v1/ideas/2", "").await;
    assert_eq!(idea["voting_open"], false);

    app.execute_sql(
        "UPDATE users SET banned_at = created_at WHERE email_normalized = 'bo@example.com'".into(),
    )
    .await;
    assert_eq!(app.vote(&bo, 1, 1).await.0, 403, "banned people read only");
    let (status, _) = app
        .send_json(
            reqwest::Method::POST,
            "/api/v1/ideas",
            &bo,
            json!({"title": "Banned idea", "body": ""}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .send_json(
            reqwest::Method::POST,
            "/api/v1/ideas/1/comments",
            &bo,
            json!({"body": "hi"}),
        )
        .await;
    assert_eq!(status, 403);
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(idea["points"], 10, "nothing changed");
    app.assert_no_drift().await;
}

async fn voting_works_with_plain_form_posts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Dark mode", "").await;
    app.create_idea(&ada, "Export to CSV", "").await;
    let browser = app.register("bo@example.com", "Bo").await;

    let (_, board) = app.get_page(&browser, "/?sort=new").await;
    assert!(
        board.contains("action=\"/ideas/1/vote\""),
        "every card has vote forms"
    );
    let csrf = csrf_token(&board);
    let voted = browser
        .post(app.url("/ideas/1/vote"))
        .form(&[
            ("value", "1"),
            ("return_to", "/?sort=new"),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(voted.status().as_u16(), 303);
    assert_eq!(
        voted.headers()["location"],
        "/?sort=new",
        "back to the same place"
    );
    let (_, board) = app.get_page(&browser, "/?sort=new").await;
    let card = &board[board.find("id=\"vote-1\"").expect("idea 1's widget")..];
    let card = &card[..card.find("</article>").unwrap_or(card.len())];
    assert!(card.contains("<strong>20</strong> points"), "{card}");
    assert!(
        card.contains("aria-pressed=\"true\""),
        "the viewer's promote shows"
    );

    let evil = browser
        .post(app.url("/ideas/1/vote"))
        .form(&[
            ("value", "-1"),
            ("return_to", "https://evil.example/"),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(
        evil.headers()["location"],
        "/ideas/1",
        "never redirected off-site"
    );

    let htmx = browser
        .post(app.url("/ideas/1/vote"))
        .header("HX-Request", "true")
        .form(&[("value", "0"), ("return_to", "/"), ("csrf_token", &csrf)])
        .send()
        .await
        .expect("POST");
    assert_eq!(htmx.status().as_u16(), 200);
    let fragment = htmx.text().await.expect("body");
    assert!(
        fragment.starts_with("<div class=\"vote\" id=\"vote-1\">")
            && fragment.contains("<strong>10</strong> points"),
        "{fragment}"
    );

    let forged = browser
        .post(app.url("/ideas/2/vote"))
        .form(&[("value", "1"), ("return_to", "/")])
        .send()
        .await
        .expect("POST");
    assert_eq!(forged.status().as_u16(), 403, "no CSRF token, no vote");
    let anonymous = app.browser();
    let (_, page) = app.get_page(&anonymous, "/").await;
    assert!(page.contains("Log in to vote") && !page.contains("action=\"/ideas/1/vote\""));
    app.assert_no_drift().await;
}

async fn votes_among_busy_readers_all_count(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    for i in 0..60 {
        app.create_idea(&ada, &format!("Idea number {i:02}"), "Please.")
            .await;
    }
    let mut voters = Vec::new();
    for i in 0..8 {
        voters.push(
            app.api_user(&format!("v{i}@example.com"), &format!("Voter {i}"))
                .await,
        );
    }
    // Readers on the board and the idea pages the whole time.
    let reading = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let mut readers = tokio::task::JoinSet::new();
    for r in 0..4 {
        let client = app.api_client();
        let base = app.url("");
        let reading = reading.clone();
        readers.spawn(async move {
            let mut n = 0;
            while reading.load(std::sync::atomic::Ordering::Relaxed) {
                let path = if r % 2 == 0 {
                    "/".to_string()
                } else {
                    format!("/ideas/{}", n % 60 + 1)
                };
                let response = client.get(format!("{base}{path}")).send().await;
                assert_eq!(response.expect("GET").status().as_u16(), 200, "{path}");
                n += 1;
            }
            n
        });
    }
    // Each voter promotes every idea, then demotes it, all voters at once.
    let mut voting = tokio::task::JoinSet::new();
    for token in &voters {
        let client = app.api_client();
        let base = app.url("");
        let token = token.clone();
        voting.spawn(async move {
            for (number, value) in (1..=60).map(|n| (n, 1)).chain((1..=60).map(|n| (n, -1))) {
                assert_eq!(put_vote(&client, &base, &token, number, value).await, 200);
            }
        });
    }
    while let Some(done) = voting.join_next().await {
        done.expect("voter");
    }
    reading.store(false, std::sync::atomic::Ordering::Relaxed);
    let mut reads = 0;
    while let Some(done) = readers.join_next().await {
        reads += done.expect("reader");
    }
    assert!(reads > 0);

    let (_, first) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(
        (first["upvotes"].as_i64(), first["downvotes"].as_i64()),
        (Some(1), Some(8)),
        "the author's promote and eight demotes: {first}"
    );
    assert_eq!(app.count_rows("votes").await, 60 * 9);
    app.assert_no_drift().await;
}

/// One process serving two boards (as the tests do, many at once) writes each board's votes to
/// that board, and a change made on another connection is seen by the next vote.
async fn two_boards_in_one_process_each_keep_their_own_votes(backend: Backend) {
    let north = TestApp::spawn(backend).await;
    let south = TestApp::spawn(backend).await;
    let mut voters = Vec::new();
    for (board, place) in [(&north, "North"), (&south, "South")] {
        let author = board.api_user("ada@example.com", "Ada").await;
        for i in 1..=5 {
            board
                .create_idea(&author, &format!("{place} idea {i}"), "")
                .await;
        }
        for i in 0..3 {
            let token = board
                .api_user(&format!("v{i}@example.com"), &format!("Voter {i}"))
                .await;
            voters.push((board.url(""), token));
        }
    }
    // Three voters on each board promote every idea there, all six at once.
    let mut voting = tokio::task::JoinSet::new();
    for (base, token) in voters {
        let client = north.api_client();
        voting.spawn(async move {
            for number in 1..=5 {
                assert_eq!(put_vote(&client, &base, &token, number, 1).await, 200);
            }
        });
    }
    while let Some(done) = voting.join_next().await {
        done.expect("voter");
    }
    for board in [&north, &south] {
        assert_eq!(board.count_rows("votes").await, 5 * 4);
        for number in 1..=5 {
            let (_, idea) = board.get_json(&format!("/api/v1/ideas/{number}"), "").await;
            assert_eq!(idea["upvotes"], 4, "{idea}");
        }
        board.assert_no_drift().await;
    }

    // Voting closes on open ideas on the south board only, by hand on another connection: the
    // next vote there is refused and changes nothing, the north board still takes votes.
    south
        .execute_sql("UPDATE statuses SET voting_frozen = TRUE WHERE slug = 'open'".into())
        .await;
    let late = south.api_user("late@example.com", "Late").await;
    let (status, _) = south.vote(&late, 1, 1).await;
    assert_eq!(status, 403);
    assert_eq!(south.count_rows("votes").await, 5 * 4);
    let late = north.api_user("late@example.com", "Late").await;
    let (status, totals) = north.vote(&late, 1, 1).await;
    assert_eq!(status, 200);
    assert_eq!(totals["upvotes"], 5);
    assert_eq!(north.count_rows("votes").await, 5 * 4 + 1);
}

/// One API vote from inside a spawned task (which cannot borrow the `TestApp`): its status.
async fn put_vote(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    number: i64,
    value: i64,
) -> u16 {
    client
        .put(format!("{base}/api/v1/ideas/{number}/vote"))
        .bearer_auth(token)
        .json(&json!({ "value": value }))
        .send()
        .await
        .expect("PUT vote")
        .status()
        .as_u16()
}
