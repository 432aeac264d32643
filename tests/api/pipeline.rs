//! The pipeline: status changes with public notes, who is emailed (once), unsubscribe links that
//! work signed out, the roadmap (the statuses' own administration in `status_admin`).

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_status_change_emails_the_author_and_every_follower_once_but_not_the_changer,
    only_product_and_admin_change_statuses_and_a_note_is_required,
    unsubscribe_links_work_signed_out_and_stick,
    the_roadmap_and_the_timeline_show_where_ideas_stand,
    a_title_with_a_line_break_cannot_add_mail_headers,
    comments_and_replies_notify_as_preferences_say_and_digests_send_once,
);

/// Admin, product manager and the idea's people: Ann (author), Bo (voter), Cy (commenter),
/// Di (follower), Ed (nobody).
pub(crate) async fn board(app: &TestApp) -> (String, String, Vec<String>) {
    let admin = app.api_user("admin@example.com", "Admin").await;
    let product = app.api_user("pm@example.com", "Pat PM").await;
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let pm_id = users["items"][1]["id"].as_str().expect("id").to_string();
    app.send_json(
        Method::PUT,
        &format!("/api/v1/users/{pm_id}/role"),
        &admin,
        json!({"role": "product"}),
    )
    .await;
    let mut people = Vec::new();
    for name in ["ann", "bo", "cy", "di", "ed"] {
        people.push(app.api_user(&format!("{name}@example.com"), name).await);
    }
    app.create_idea(&people[0], "Dark mode", "Please").await;
    app.vote(&people[1], 1, 1).await;
    app.send_json(
        Method::POST,
        "/api/v1/ideas/1/comments",
        &people[2],
        json!({"body": "yes"}),
    )
    .await;
    app.send_json(
        Method::PUT,
        "/api/v1/ideas/1/subscription",
        &people[3],
        json!({"subscribed": true}),
    )
    .await;
    (admin, product, people)
}

pub(crate) async fn change(
    app: &TestApp,
    token: &str,
    status: &str,
    note: &str,
) -> (u16, serde_json::Value) {
    app.send_json(
        Method::PUT,
        "/api/v1/ideas/1/status",
        token,
        json!({"status": status, "note": note}),
    )
    .await
}

async fn a_status_change_emails_the_author_and_every_follower_once_but_not_the_changer(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let (_, product, people) = board(&app).await;
    // The product manager follows too: the changer is never emailed about their own change.
    app.send_json(
        Method::PUT,
        "/api/v1/ideas/1/subscription",
        &product,
        json!({"subscribed": true}),
    )
    .await;
    let (status, idea) = change(&app, &product, "planned", "We start **next month**.").await;
    assert_eq!(status, 200, "{idea}");
    assert_eq!(idea["status"]["slug"], "planned");
    assert_eq!(idea["status_history"][0]["from"], "open", "{idea}");
    assert_eq!(idea["status_history"][0]["to"], "planned");
    assert_eq!(idea["status_history"][0]["by"], "Pat PM");

    for person in ["ann", "bo", "cy", "di"] {
        let mail = app.smtp.wait_for(&format!("{person}@example.com"), 1).await;
        assert_eq!(mail[0].subject(), "#1 \"Dark mode\" is now Planned");
        assert!(
            mail[0].text().contains("We start next month."),
            "{}",
            mail[0].text()
        );
        assert!(
            mail[0].html().contains("became Planned."),
            "{}",
            mail[0].html()
        );
        let raw = String::from_utf8_lossy(&mail[0].raw).to_string();
        assert!(
            raw.contains("List-Unsubscribe: <http://localhost/unsubscribe/"),
            "{raw}"
        );
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    }
    app.outbox_drained().await;
    for person in ["ann", "bo", "cy", "di"] {
        assert_eq!(
            app.smtp.received_by(&format!("{person}@example.com")).len(),
            1,
            "{person} got exactly one"
        );
    }
    assert!(
        app.smtp.received_by("ed@example.com").is_empty(),
        "not following"
    );
    assert!(
        app.smtp.received_by("pm@example.com").is_empty(),
        "not the changer"
    );
    let _ = people;
}

async fn only_product_and_admin_change_statuses_and_a_note_is_required(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, product, people) = board(&app).await;
    let (status, answer) = change(&app, &people[0], "planned", "mine").await;
    assert_eq!(status, 403, "{answer}");
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let ed_id = users["items"][6]["id"].as_str().expect("id").to_string();
    app.send_json(
        Method::PUT,
        &format!("/api/v1/users/{ed_id}/role"),
        &admin,
        json!({"role": "moderator"}),
    )
    .await;
    let (status, _) = change(&app, &people[4], "planned", "as a moderator").await;
    assert_eq!(status, 403, "moderators do not change statuses");
    let (status, _) = change(&app, &product, "planned", "   ").await;
    assert_eq!(status, 422);
    let (status, answer) = change(&app, &product, "done-ish", "note").await;
    assert_eq!(status, 422);
    assert_eq!(answer["error"]["fields"][0]["field"], "status");
    let (status, answer) = change(&app, &product, "open", "note").await;
    assert_eq!(status, 422, "already open: {answer}");
    assert_eq!(
        change(&app, &admin, "implemented", "Shipped in 2.0")
            .await
            .0,
        200
    );
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(idea["voting_open"], false, "implemented freezes voting");
    let (_, log) = app
        .get_json("/api/v1/audit?action=change_status", &admin)
        .await;
    assert_eq!(log["items"][0]["reason"], "Shipped in 2.0");

    // The page form: product sees it, a member does not, an empty note is answered at the field.
    let member = app
        .log_in("ann@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    let (_, page) = app.get_page(&member, "/ideas/1").await;
    assert!(!page.contains("Change status to"));
    let pm = app
        .log_in("pm@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    let empty = app
        .submit_form(
            &pm,
            "/ideas/1",
            "/ideas/1/status",
            &[("status", "archived"), ("note", "")],
        )
        .await;
    assert_eq!(empty.status().as_u16(), 422);
    let page = empty.text().await.expect("body");
    assert!(crate::helpers::html::field_error(&page, "note").is_some());
    let changed = app
        .submit_form(
            &pm,
            "/ideas/1",
            "/ideas/1/status",
            &[("status", "archived"), ("note", "Old news")],
        )
        .await;
    assert_eq!(changed.status().as_u16(), 303);
    let (_, page) = app.get_page(&pm, "/ideas/1").await;
    assert!(
        page.contains("Archived") && page.contains("Old news") && page.contains("Shipped in 2.0")
    );
}

async fn unsubscribe_links_work_signed_out_and_stick(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, product, _) = board(&app).await;
    change(&app, &product, "under-review", "Looking at it").await;
    let mail = app.smtp.wait_for("bo@example.com", 1).await;
    let link = mail[0]
        .link_containing("/unsubscribe/")
        .expect("an unsubscribe link");
    let path = link.trim_start_matches("http://localhost").to_string();

    let stranger = app.browser();
    let (status, page) = app.get_page(&stranger, &path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Stop emails about #1"), "{page}");
    // One click, as a mail client does it (RFC 8058), signed out, without any CSRF token.
    let clicked = stranger
        .post(app.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("POST");
    assert_eq!(clicked.status().as_u16(), 200);
    assert!(
        clicked
            .text()
            .await
            .expect("body")
            .contains("You are unsubscribed")
    );
    let forged = stranger
        .post(app.url(&format!("{path}00")))
        .send()
        .await
        .expect("POST");
    assert_eq!(
        forged.status().as_u16(),
        404,
        "a tampered token does nothing"
    );

    // The kind link turns off status emails altogether for Cy.
    let cy_mail = app.smtp.wait_for("cy@example.com", 1).await;
    let kind_link = cy_mail[0]
        .text()
        .lines()
        .find(|l| l.starts_with("Stop all status change emails:"))
        .and_then(|l| l.split_whitespace().last())
        .expect("a link for the kind")
        .to_string();
    let kind_path = kind_link.trim_start_matches("http://localhost");
    assert_eq!(
        stranger
            .post(app.url(kind_path))
            .send()
            .await
            .expect("POST")
            .status()
            .as_u16(),
        200
    );

    change(&app, &product, "planned", "Planned now").await;
    app.smtp.wait_for("ann@example.com", 2).await;
    app.smtp.wait_for("di@example.com", 2).await;
    app.outbox_drained().await;
    assert_eq!(
        app.smtp.received_by("bo@example.com").len(),
        1,
        "Bo unsubscribed from the idea"
    );
    assert_eq!(
        app.smtp.received_by("cy@example.com").len(),
        1,
        "Cy turned status emails off"
    );
}

async fn the_roadmap_and_the_timeline_show_where_ideas_stand(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, product, people) = board(&app).await;
    app.create_idea(&people[1], "Export to CSV", "").await;
    app.create_idea(&people[1], "Offline mode", "").await;
    app.vote(&people[2], 3, 1).await;
    for (number, status) in [(1, "planned"), (2, "in-progress"), (3, "planned")] {
        let (code, _) = app
            .send_json(
                Method::PUT,
                &format!("/api/v1/ideas/{number}/status"),
                &product,
                json!({"status": status, "note": "n"}),
            )
            .await;
        assert_eq!(code, 200);
    }
    let (_, roadmap) = app.get_json("/api/v1/roadmap", "").await;
    let columns = roadmap["columns"].as_array().expect("columns");
    let names: Vec<&str> = columns.iter().filter_map(|c| c["slug"].as_str()).collect();
    assert_eq!(
        names,
        ["under-review", "planned", "in-progress", "implemented"]
    );
    assert_eq!(columns[1]["count"], 2);
    let planned: Vec<i64> = columns[1]["ideas"]
        .as_array()
        .expect("ideas")
        .iter()
        .filter_map(|i| i["number"].as_i64())
        .collect();
    assert_eq!(planned.len(), 2);
    assert!(planned.contains(&1) && planned.contains(&3));
    let (_, page) = app.get_page(&app.browser(), "/roadmap").await;
    assert!(page.contains("In progress") && page.contains("#2 Export to CSV"));
    let (_, statuses) = app.get_json("/api/v1/statuses", "").await;
    assert_eq!(statuses["items"].as_array().map(Vec::len), Some(8));
    let (_, followed) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/2/subscription",
            &people[4],
            json!({"subscribed": false}),
        )
        .await;
    assert_eq!(followed, json!({"subscribed": false}));
    assert_eq!(
        app.send_json(
            Method::PUT,
            "/api/v1/ideas/2/subscription",
            &people[4],
            json!({})
        )
        .await
        .0,
        422
    );
}

async fn a_title_with_a_line_break_cannot_add_mail_headers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, product, people) = board(&app).await;
    app.execute_sql("UPDATE ideas SET title = 'Hi' || char(13) || char(10) || 'Bcc: x@example.com' WHERE number = 1".replace(
        "char(13) || char(10)",
        match backend {
            Backend::Sqlite => "char(13) || char(10)",
            Backend::Postgres => "chr(13) || chr(10)",
        },
    ))
    .await;
    change(&app, &product, "planned", "ok").await;
    let mail = app.smtp.wait_for("ann@example.com", 1).await;
    let raw = String::from_utf8_lossy(&mail[0].raw).to_string();
    let headers = &raw[..raw.find("\r\n\r\n").unwrap_or(raw.len())];
    assert!(
        !headers
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
        "{headers}"
    );
    assert!(mail[0].subject().contains("Hi") && mail[0].subject().contains("Bcc: x@example.com"));
    assert!(
        app.smtp
            .received()
            .iter()
            .all(|m| !m.recipients.contains(&"x@example.com".to_string()))
    );
    let _ = people;
}

pub(crate) async fn run_digest(app: &TestApp) -> usize {
    let queued = app
        .with_db(|db| {
            ideaboard::services::digest::send_due(db, "http://localhost").expect("digest")
        })
        .await;
    app.state.wake_senders();
    queued
}

async fn comments_and_replies_notify_as_preferences_say_and_digests_send_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    let cy = app.api_user("cy@example.com", "Cy").await;
    app.create_idea(&ann, "Dark mode", "").await;
    app.vote(&bo, 1, 1).await; // promoting follows
    let (_, first) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &cy,
            json!({"body": "First thoughts"}),
        )
        .await;
    // Defaults: comments go to the digest, replies come at once.
    app.send_json(
        Method::POST,
        "/api/v1/ideas/1/comments",
        &ann,
        json!({"body": "Thanks Cy", "parent_id": first["id"]}),
    )
    .await;
    let reply = app.smtp.wait_for("cy@example.com", 1).await;
    assert_eq!(reply[0].subject(), "Ann replied to you on #1 \"Dark mode\"");
    assert!(reply[0].text().contains("Thanks Cy"));

    // Bo wants comments right away, from the preferences page.
    let browser = app
        .log_in("bo@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    let (_, page) = app.get_page(&browser, "/account/notifications").await;
    assert!(
        page.contains("value=\"digest\" checked"),
        "comments default to the digest"
    );
    let saved = app
        .submit_form(
            &browser,
            "/account/notifications",
            "/account/notifications",
            &[("comments", "instant")],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let bad = app
        .submit_form(
            &browser,
            "/account/notifications",
            "/account/notifications",
            &[("comments", "hourly")],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    app.send_json(
        Method::POST,
        "/api/v1/ideas/1/comments",
        &cy,
        json!({"body": "Second thoughts"}),
    )
    .await;
    let instant = app.smtp.wait_for("bo@example.com", 1).await;
    assert_eq!(instant[0].subject(), "Cy commented on #1 \"Dark mode\"");
    app.outbox_drained().await;
    assert!(
        app.smtp.received_by("ann@example.com").is_empty(),
        "Ann's comment mail waits for the digest"
    );

    assert_eq!(run_digest(&app).await, 2, "Ann and Bo have digest lines");
    let digest = app.smtp.wait_for("ann@example.com", 1).await;
    assert_eq!(digest[0].subject(), "Your Ideaboard digest: 2 updates");
    assert!(
        digest[0]
            .text()
            .contains("Cy commented on #1 \"Dark mode\"")
    );
    let bo_mail = app.smtp.wait_for("bo@example.com", 2).await;
    // Cy's first comment and Ann's reply reached Bo before he switched comments to instant.
    assert!(
        bo_mail
            .iter()
            .any(|m| m.subject() == "Your Ideaboard digest: 2 updates")
    );
    let raw = String::from_utf8_lossy(&digest[0].raw).to_string();
    assert!(
        raw.contains("List-Unsubscribe: <http://localhost/unsubscribe/"),
        "{raw}"
    );
    assert_eq!(run_digest(&app).await, 0, "each line is sent once");
    // One click stops digests: the next comment leaves no digest line for Ann.
    let stop = digest[0]
        .link_containing("/unsubscribe/")
        .expect("a digest unsubscribe link");
    let stopped = app
        .api_client()
        .post(app.url(stop.trim_start_matches("http://localhost")))
        .send()
        .await
        .expect("POST");
    assert!(
        stopped
            .text()
            .await
            .expect("body")
            .contains("daily digest emails")
    );
    app.send_json(
        Method::POST,
        "/api/v1/ideas/1/comments",
        &cy,
        json!({"body": "Third"}),
    )
    .await;
    assert_eq!(run_digest(&app).await, 0, "Ann turned digests off");
    app.outbox_drained().await;
    assert_eq!(app.smtp.received_by("ann@example.com").len(), 1);
    assert!(
        app.smtp.received_by("cy@example.com").len() == 1,
        "no mail about one's own comments"
    );
}
