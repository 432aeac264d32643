//! Storm sessions: a question asked for a limited time. Its state follows the clock (ideas go in
//! only while it is open), its opening is told to the area's followers and to those who asked,
//! its summary reaches each participant exactly once, and the export filters by it.

use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_session_opens_and_closes_by_the_clock,
    bad_sessions_and_members_change_nothing,
    the_summary_reaches_each_participant_exactly_once,
    the_opening_is_told_to_the_areas_followers_and_those_who_asked,
    the_export_filter_returns_exactly_the_sessions_ideas,
);

/// A session from `starts` to `ends` after the app's clock now, published or a draft.
fn session(slug: &str, starts: Duration, ends: Duration, app: &TestApp, published: bool) -> Value {
    let now = app.state.clock.now().and_utc();
    json!({
        "title": "Next ultraportable",
        "slug": slug,
        "question": "What should our next **ultraportable** get right?",
        "starts_at": (now + starts).to_rfc3339(),
        "ends_at": (now + ends).to_rfc3339(),
        "published": published,
    })
}

async fn create(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    app.send_json(Method::POST, "/api/v1/storms", token, body)
        .await
}

async fn submit_into(app: &TestApp, token: &str, storm: &str, title: &str) -> (u16, Value) {
    let idea = json!({"title": title, "body": "As asked", "storm": storm});
    app.send_json(Method::POST, "/api/v1/ideas", token, idea)
        .await
}

async fn a_session_opens_and_closes_by_the_clock(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    let body = session("ultra", Duration::hours(1), Duration::hours(3), &app, true);
    let (status, storm) = create(&app, &pia, body).await;
    assert_eq!(status, 201, "{storm}");
    assert_eq!(storm["state"], "scheduled");
    assert!(
        storm["question_html"]
            .as_str()
            .is_some_and(|h| h.contains("<strong>ultraportable</strong>"))
    );

    let (status, refused) = submit_into(&app, &max, "ultra", "Too early an idea").await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["error"]["code"], "storm_not_open");
    assert_eq!(refused["error"]["field"], "storm");
    assert_eq!(app.count_rows("ideas").await, 0, "nothing written");

    app.state.clock.advance(Duration::hours(2));
    let (_, storm) = app.get_json("/api/v1/storms/ultra", "").await;
    assert_eq!(storm["state"], "open");
    let (status, idea) = submit_into(&app, &max, "ultra", "A keyboard with travel").await;
    assert_eq!(status, 201, "{idea}");
    assert_eq!(idea["storm"], "ultra");
    let (_, main_board) = app.get_json("/api/v1/ideas", "").await;
    assert_eq!(
        main_board["items"][0]["storm"], "ultra",
        "on the main board too"
    );
    let (_, its_ideas) = app.get_json("/api/v1/storms/ultra/ideas", "").await;
    assert_eq!(its_ideas["total"], 1);
    app.create_idea(&max, "An idea for the board", "Not for the session")
        .await;
    let (_, its_ideas) = app
        .get_json("/api/v1/storms/ultra/ideas?sort=new", "")
        .await;
    assert_eq!(its_ideas["total"], 1, "{its_ideas}");
    let (_, page) = app.get_page(&app.browser(), "/").await;
    assert!(page.contains("href=\"/storms/ultra\""), "the banner");

    app.state.clock.advance(Duration::hours(2));
    let (_, storm) = app.get_json("/api/v1/storms/ultra", "").await;
    assert_eq!(storm["state"], "closed");
    assert_eq!(storm["idea_count"], 1);
    let (status, refused) = submit_into(&app, &max, "ultra", "A late idea here").await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["error"]["code"], "storm_closed");
    assert_eq!(app.count_rows("ideas").await, 2, "nothing written");
    let (_, page) = app.get_page(&app.browser(), "/").await;
    assert!(
        !page.contains("href=\"/storms/ultra\""),
        "no banner once closed"
    );

    // Votes close with the session (its end set in the past, as the server's own clock reads it).
    app.execute_sql(
        "UPDATE storms SET ends_at = '2020-01-02 00:00:00', starts_at = '2020-01-01 00:00:00'"
            .into(),
    )
    .await;
    let (status, refused) = app.vote(&pia, 1, 1).await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["error"]["code"], "storm_closed");
    let (status, _) = app.vote(&pia, 2, 1).await;
    assert_eq!(status, 200, "an idea of the board takes votes");
    let patch = json!({"votes_after_close": true});
    let (status, _) = app
        .send_json(Method::PATCH, "/api/v1/storms/ultra", &pia, patch)
        .await;
    assert_eq!(status, 200);
    let (status, _) = app.vote(&pia, 1, 1).await;
    assert_eq!(status, 200, "votes stay open when the session says so");
}

async fn bad_sessions_and_members_change_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    let good = session(
        "ultra",
        Duration::hours(-1),
        Duration::hours(1),
        &app,
        false,
    );
    let (status, refused) = create(&app, &max, good.clone()).await;
    assert_eq!(status, 403, "{refused}");
    let (status, refused) = create(&app, &max, json!({})).await;
    assert_eq!(status, 403, "permission before the fields: {refused}");

    let mut backwards = good.clone();
    backwards["ends_at"] = json!("2020-01-01T00:00:00Z");
    backwards["title"] = json!("Hi");
    let (status, refused) = create(&app, &pia, backwards).await;
    assert_eq!(status, 422, "{refused}");
    let fields: Vec<&str> = refused["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["title", "ends_at"]);
    let mut garbled = good.clone();
    garbled["starts_at"] = json!("next Tuesday");
    garbled["area"] = json!("nowhere");
    let (status, refused) = create(&app, &pia, garbled).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "starts_at");
    assert_eq!(app.count_rows("storms").await, 0);
    let (status, refused) = create(&app, &pia, {
        let mut unknown_area = good.clone();
        unknown_area["area"] = json!("nowhere");
        unknown_area
    })
    .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "area");

    let (status, draft) = create(&app, &pia, good.clone()).await;
    assert_eq!(status, 201, "{draft}");
    assert_eq!(draft["state"], "draft");
    let (status, refused) = create(&app, &pia, good).await;
    assert_eq!(status, 409);
    assert_eq!(refused["error"]["code"], "storm_exists");
    assert_eq!(refused["error"]["field"], "slug");

    let (status, _) = app.get_json("/api/v1/storms/ultra", &max).await;
    assert_eq!(status, 404, "a draft is staff's");
    for path in ["/api/v1/storms/ultra/ideas", "/api/v1/storms/no-such/ideas"] {
        let (status, _) = app.get_json(path, &max).await;
        assert_eq!(status, 404, "{path}");
    }
    for query in ["storm=no-such", "storm=ultra"] {
        let (status, refused) = app.get_json(&format!("/api/v1/ideas?{query}"), &max).await;
        assert_eq!(
            status, 422,
            "a draft is named as an unknown session is: {refused}"
        );
        assert_eq!(refused["error"]["fields"][0]["field"], "storm");
    }
    let (status, _) = app.get_json("/api/v1/storms/ultra/ideas", &pia).await;
    assert_eq!(status, 200, "staff see their draft's (empty) board");
    let (_, listed) = app.get_json("/api/v1/storms", &max).await;
    assert_eq!(listed["items"], json!([]));
    let (status, refused) = submit_into(&app, &max, "ultra", "Into a draft session").await;
    assert_eq!(status, 422, "a draft is as unknown to members: {refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "storm");
    let (status, refused) = submit_into(&app, &max, "no-such", "Into no session at all").await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "storm");
    assert_eq!(app.count_rows("ideas").await, 0);

    let publish = json!({"published": true});
    let (status, _) = app
        .send_json(Method::PATCH, "/api/v1/storms/ultra", &max, publish.clone())
        .await;
    assert_eq!(status, 403);
    let early = json!({"summary": "Thanks"});
    let (status, refused) = app
        .send_json(Method::PATCH, "/api/v1/storms/ultra", &pia, early)
        .await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["error"]["code"], "storm_not_closed");
    let (status, storm) = app
        .send_json(Method::PATCH, "/api/v1/storms/ultra", &pia, publish)
        .await;
    assert_eq!(status, 200, "{storm}");
    assert_eq!(storm["state"], "open");
    assert!(storm["summary"].is_null());
    let (_, listed) = app.get_json("/api/v1/storms", &max).await;
    assert_eq!(listed["items"][0]["slug"], "ultra");
}

/// The subjects of the summary emails `email` received.
fn summaries(app: &TestApp, email: &str) -> Vec<String> {
    app.smtp
        .received_by(email)
        .iter()
        .map(|m| m.subject())
        .filter(|s| s.starts_with("What came of"))
        .collect()
}

async fn the_summary_reaches_each_participant_exactly_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    let lea = app.api_user("lea@example.com", "Lea").await;
    let ola = app.api_user("ola@example.com", "Ola").await;
    let _tim = app.api_user("tim@example.com", "Tim").await;
    let body = session("ultra", Duration::hours(-1), Duration::hours(1), &app, true);
    assert_eq!(create(&app, &pia, body).await.0, 201);
    // Max submits, votes and comments; Lea votes; Ola comments; Tim only reads; the admin
    // submits on the main board.
    assert_eq!(
        submit_into(&app, &max, "ultra", "A keyboard with travel")
            .await
            .0,
        201
    );
    assert_eq!(
        submit_into(&app, &lea, "ultra", "A matte screen please")
            .await
            .0,
        201
    );
    app.create_idea(&admin, "Not in the session at all", "Board")
        .await;
    assert_eq!(app.vote(&max, 2, 1).await.0, 200);
    assert_eq!(app.vote(&lea, 1, 1).await.0, 200);
    for (token, number) in [(&max, 2), (&ola, 1)] {
        let comment = json!({"body": "Yes, and a good one"});
        let path = format!("/api/v1/ideas/{number}/comments");
        let (status, _) = app.send_json(Method::POST, &path, token, comment).await;
        assert_eq!(status, 201);
    }
    app.state.clock.advance(Duration::hours(2));

    let summary = json!({"summary": "We heard you: **keyboards** first."});
    let (status, _) = app
        .send_json(Method::PATCH, "/api/v1/storms/ultra", &max, summary.clone())
        .await;
    assert_eq!(status, 403);
    let (status, storm) = app
        .send_json(Method::PATCH, "/api/v1/storms/ultra", &pia, summary)
        .await;
    assert_eq!(status, 200, "{storm}");
    assert!(storm["summary_published_at"].is_string());
    let changed = json!({"summary": "We heard you: keyboards first, then screens."});
    let (status, storm) = app
        .send_json(Method::PATCH, "/api/v1/storms/ultra", &pia, changed)
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        storm["summary"],
        "We heard you: keyboards first, then screens."
    );

    let mail = app.smtp.wait_for("max@example.com", 1).await;
    app.outbox_drained().await;
    for (email, expected) in [
        ("max@example.com", 1),
        ("lea@example.com", 1),
        ("ola@example.com", 1),
        ("tim@example.com", 0),
        ("admin@example.com", 0),
        ("pia@example.com", 0),
    ] {
        assert_eq!(summaries(&app, email).len(), expected, "{email}");
    }
    let max_summary = mail
        .iter()
        .find(|m| m.subject() == "What came of “Next ultraportable”")
        .expect("Max's summary");
    let text = max_summary.text();
    assert!(
        text.contains("**keyboards** first"),
        "the summary as published: {text}"
    );
    assert!(
        text.contains("#1 A keyboard with travel (20 points)"),
        "{text}"
    );
    assert!(
        text.contains("#2 A matte screen please (20 points)"),
        "{text}"
    );
    assert!(!text.contains("Not in the session"), "{text}");
    assert!(max_summary.html().contains("<strong>keyboards</strong>"));
    assert!(max_summary.link_containing("/unsubscribe/").is_some());
}

async fn the_opening_is_told_to_the_areas_followers_and_those_who_asked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    let tim = app.api_user("tim@example.com", "Tim").await;
    app.create_account("lea@example.com", "Lea").await;
    app.create_account("ola@example.com", "Ola").await;
    let area = json!({"name": "Batteries", "owners": ["pia@example.com"]});
    let (status, _) = app
        .send_json(Method::POST, "/api/v1/areas", &admin, area)
        .await;
    assert_eq!(status, 201);
    for token in [&max, &tim] {
        let idea = json!({"title": "Longer battery life", "body": "Please", "area": "batteries"});
        let (status, _) = app
            .send_json(Method::POST, "/api/v1/ideas", token, idea)
            .await;
        assert_eq!(status, 201);
    }
    for (email, choice) in [("lea@example.com", "instant"), ("tim@example.com", "off")] {
        let (browser, _) = app.log_in(email, GOOD_PASSWORD).await;
        let saved = app
            .submit_form(
                &browser,
                "/account/notifications",
                "/account/notifications",
                &[("storms", choice)],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{email}");
    }
    let mut body = session(
        "batteries-q1",
        Duration::hours(1),
        Duration::hours(3),
        &app,
        true,
    );
    body["area"] = json!("batteries");
    assert_eq!(create(&app, &pia, body).await.0, 201);

    let announce = |later: Duration| {
        app.with_db(move |db| {
            let now = ideaboard::domain::clock::now() + later;
            ideaboard::services::storm_mail::announce_opened(db, now, "http://localhost")
        })
    };
    assert_eq!(
        announce(Duration::zero()).await.expect("announce"),
        0,
        "not open yet"
    );
    assert_eq!(announce(Duration::hours(2)).await.expect("announce"), 2);
    assert_eq!(
        announce(Duration::hours(2)).await.expect("announce"),
        0,
        "once"
    );

    let mail = app.smtp.wait_for("max@example.com", 1).await;
    app.smtp.wait_for("lea@example.com", 1).await;
    app.outbox_drained().await;
    assert!(
        app.smtp.received_by("tim@example.com").is_empty(),
        "Tim said never"
    );
    assert!(
        app.smtp.received_by("ola@example.com").is_empty(),
        "Ola follows nothing there"
    );
    assert_eq!(mail[0].subject(), "Storm session open: Next ultraportable");
    let text = mail[0].text();
    assert!(
        text.contains("What should our next **ultraportable** get right?"),
        "{text}"
    );
    assert!(
        text.contains("http://localhost/storms/batteries-q1"),
        "{text}"
    );
    assert!(mail[0].link_containing("/unsubscribe/").is_some());
}

async fn the_export_filter_returns_exactly_the_sessions_ideas(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    for slug in ["ultra", "tablets"] {
        let body = session(slug, Duration::hours(-1), Duration::hours(1), &app, true);
        assert_eq!(create(&app, &pia, body).await.0, 201);
    }
    for (storm, title) in [
        ("ultra", "A keyboard with travel"),
        ("tablets", "A pen that stays put"),
        ("ultra", "A matte screen please"),
    ] {
        assert_eq!(submit_into(&app, &max, storm, title).await.0, 201);
    }
    app.create_idea(&max, "Not in any session", "Board").await;
    // The matte screen becomes implemented: the session's export still has it.
    let implemented = json!({"status": "implemented", "note": "Shipped"});
    let (status, body) = app
        .send_json(Method::PUT, "/api/v1/ideas/3/status", &pia, implemented)
        .await;
    assert_eq!(status, 200, "{body}");

    let (status, exported) = app
        .get_json("/api/v1/export/ideas?format=json&storm=ultra&limit=0", &pia)
        .await;
    assert_eq!(status, 200, "{exported}");
    let mut numbers: Vec<i64> = exported
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|row| row["number"].as_i64())
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, [1, 3]);
    let (status, refused) = app
        .get_json("/api/v1/export/ideas?storm=nowhere", &pia)
        .await;
    assert_eq!(status, 422);
    assert_eq!(refused["error"]["fields"][0]["field"], "storm");
    let (status, _) = app.get_json("/api/v1/export/ideas?storm=ultra", &max).await;
    assert_eq!(status, 403);
}
