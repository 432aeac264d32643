//! Watched words: staff watch phrases through `/api/v1/watches` and `/insights/watch`; a new or
//! edited idea or comment with a phrase tells each watcher once (an email at once or a digest
//! line), never its author, and the page lists the passage with the words marked and escaped.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp, html};
use crate::on_both_backends;

on_both_backends!(
    staff_watch_phrases_through_the_api_and_bad_input_changes_nothing,
    a_watched_phrase_in_a_german_and_an_english_comment_sends_exactly_one_mail_each,
    the_watch_page_marks_the_words_in_escaped_passages,
);

async fn watch(app: &TestApp, token: &str, phrase: &str, delivery: &str) -> serde_json::Value {
    let (status, body) = app
        .send_json(
            Method::POST,
            "/api/v1/watches",
            token,
            json!({"phrase": phrase, "delivery": delivery}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body
}

async fn staff_watch_phrases_through_the_api_and_bad_input_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    let watched = watch(&app, &pia, "  Battery \t life ", "daily").await;
    let id = watched["id"].as_str().expect("an id").to_string();
    assert_eq!(
        watched,
        json!({"id": id, "phrase": "Battery life", "delivery": "daily"})
    );

    let refusals = [
        (json!({"phrase": "battery LIFE"}), 409, "already_watched"),
        (json!({"phrase": "in"}), 422, "validation_failed"),
        (json!({"phrase": "x".repeat(81)}), 422, "validation_failed"),
        (
            json!({"phrase": "refund", "delivery": "weekly"}),
            422,
            "validation_failed",
        ),
    ];
    for (body, status, code) in refusals {
        let (got, answer) = app
            .send_json(Method::POST, "/api/v1/watches", &pia, body.clone())
            .await;
        assert_eq!(
            (got, answer["error"]["code"].as_str()),
            (status, Some(code)),
            "{body}"
        );
    }
    let (status, answer) = app
        .send_json(
            Method::POST,
            "/api/v1/watches",
            &max,
            json!({"phrase": "refund"}),
        )
        .await;
    assert_eq!(status, 403, "members watch nothing: {answer}");
    let (status, _) = app.get_json("/api/v1/watches", "").await;
    assert_eq!(status, 401);

    let (status, listed) = app.get_json("/api/v1/watches", &pia).await;
    assert_eq!(status, 200);
    assert_eq!(
        listed["items"],
        json!([watched]),
        "the refused ones were not added"
    );
    let (_, admins) = app.get_json("/api/v1/watches", &admin).await;
    assert_eq!(admins["items"], json!([]), "each person's own phrases");

    let path = format!("/api/v1/watches/{id}");
    let (status, _) = app
        .send_json(Method::DELETE, &path, &admin, json!({}))
        .await;
    assert_eq!(status, 404, "not the admin's phrase");
    let (status, _) = app.send_json(Method::DELETE, &path, &pia, json!({})).await;
    assert_eq!(status, 204);
    let (_, listed) = app.get_json("/api/v1/watches", &pia).await;
    assert_eq!(listed["items"], json!([]));
}

/// The comment's id in the JSON answer to its creation.
async fn comment(app: &TestApp, token: &str, number: i64, body: &str) -> String {
    let path = format!("/api/v1/ideas/{number}/comments");
    let (status, answer) = app
        .send_json(Method::POST, &path, token, json!({"body": body}))
        .await;
    assert_eq!(status, 201, "{answer}");
    answer["id"].as_str().expect("an id").to_string()
}

async fn queued_for(app: &TestApp, email: &'static str) -> i64 {
    app.with_conn(move |conn| {
        use diesel::prelude::*;
        use ideaboard::db::schema::outbox;
        outbox::table
            .filter(outbox::recipient.eq(email))
            .filter(outbox::kind.eq("watched_words"))
            .count()
            .get_result::<i64>(conn)
            .expect("count the outbox")
    })
    .await
}

async fn a_watched_phrase_in_a_german_and_an_english_comment_sends_exactly_one_mail_each(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    let moe = app
        .staff_user(&admin, "moe@example.com", "Moe", "moderator")
        .await;
    watch(&app, &pia, "Akkulaufzeit", "instant").await;
    watch(&app, &pia, "battery", "instant").await;
    watch(&app, &pia, "working day", "daily").await;
    watch(&app, &moe, "battery", "daily").await;
    let idea = app.create_idea(&max, "A better laptop", "Please").await;
    let number = idea["number"].as_i64().expect("a number");

    let german =
        "Die Akkulaufzeiten meiner Laptops sind viel zu kurz. Die Akkulaufzeit muss länger werden.";
    comment(&app, &max, number, german).await;
    let english = "My battery dies after an hour.\n\nBatteries should last a working day.";
    let english_id = comment(&app, &max, number, english).await;
    let edited = json!({"body": format!("{english} Please fix the battery.")});
    let path = format!("/api/v1/comments/{english_id}");
    let (status, _) = app.send_json(Method::PATCH, &path, &max, edited).await;
    assert_eq!(status, 200);
    comment(&app, &pia, number, "We are testing a bigger battery.").await;

    app.outbox_drained().await;
    let mails = app.smtp.received_by("pia@example.com");
    let subjects: Vec<String> = mails.iter().map(|m| m.subject()).collect();
    assert_eq!(
        mails.len(),
        2,
        "one per comment, not per phrase, edit or own comment: {subjects:?}"
    );
    assert_eq!(queued_for(&app, "pia@example.com").await, 2);
    let german_mail = mails
        .iter()
        .find(|m| m.subject().contains("Akkulaufzeit"))
        .expect("the German comment's mail");
    assert!(
        german_mail
            .text()
            .contains("Die **Akkulaufzeiten** meiner Laptops"),
        "{}",
        german_mail.text()
    );
    assert!(german_mail.html().contains("<mark>Akkulaufzeiten</mark>"));
    let english_mail = mails
        .iter()
        .find(|m| m.subject().contains("battery"))
        .expect("the English comment's mail");
    assert!(english_mail.subject().contains("A better laptop"));
    assert!(
        english_mail.text().contains("My **battery** dies"),
        "{}",
        english_mail.text()
    );
    assert!(english_mail.text().contains("Max"), "who wrote it");
    assert!(
        english_mail
            .link_containing(&format!("#comment-{english_id}"))
            .is_some()
    );

    assert_eq!(
        queued_for(&app, "moe@example.com").await,
        0,
        "Moe reads the digest"
    );
    let digest_lines = app
        .with_conn(|conn| {
            use diesel::prelude::*;
            use ideaboard::db::schema::{digest_items, users};
            let moe_id = users::table
                .filter(users::email.eq("moe@example.com"))
                .select(users::id)
                .first::<String>(conn)
                .expect("Moe");
            digest_items::table
                .filter(digest_items::user_id.eq(moe_id))
                .filter(digest_items::kind.eq("watched_words"))
                .select(digest_items::line)
                .load::<String>(conn)
                .expect("Moe's digest")
        })
        .await;
    assert_eq!(
        digest_lines.len(),
        2,
        "the English comment and Pia's: {digest_lines:?}"
    );
    assert!(digest_lines.iter().all(|line| line.contains("\"battery\"")));
}

async fn the_watch_page_marks_the_words_in_escaped_passages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_admin, _pia, max) = app.admin_product_member().await;
    let (browser, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    let refused = app
        .submit_form(
            &browser,
            "/insights/watch",
            "/insights/watch",
            &[("phrase", "in"), ("delivery", "daily")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert!(html::field_error(&page, "phrase").is_some(), "{page}");
    assert!(page.contains(r#"value="in""#), "what was typed is kept");
    assert!(
        page.contains(r#"<option value="daily" selected>"#),
        "and the choice"
    );

    let added = app
        .submit_form(
            &browser,
            "/insights/watch",
            "/insights/watch",
            &[("phrase", "Refund"), ("delivery", "daily")],
        )
        .await;
    assert_eq!(added.status().as_u16(), 303);
    let idea = app
        .create_idea(
            &max,
            "Refunds for <b>dead</b> keyboards",
            "<script>alert(1)</script> I want my refund now.",
        )
        .await;
    assert!(idea["number"].is_i64());

    let (status, page) = app.get_page(&browser, "/insights/watch").await;
    assert_eq!(status, 200);
    assert!(page.contains("<td>Refund</td>"), "the phrase is listed");
    assert!(
        page.contains("<mark>Refunds</mark> for &lt;b&gt;dead&lt;/b&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>alert(1)"), "nothing typed runs");

    let (member, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let (status, _) = app.get_page(&member, "/insights/watch").await;
    assert_eq!(status, 403);
}
