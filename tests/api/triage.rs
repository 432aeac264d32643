//! The triage inbox: staff see the ideas that wait for an official answer, oldest first; an
//! answer, a status change, a merge or hiding takes an idea out; the filters by area, owner, no
//! area and past target combine; the page's per-row forms work without JavaScript and come back
//! to the inbox; members are refused everywhere.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_inbox_empties_as_ideas_are_answered_merged_or_hidden,
    the_inbox_filters_combine_and_bad_filters_are_refused,
    staff_work_the_inbox_from_the_page_without_javascript,
    members_are_refused_the_inbox,
);

/// The inbox's idea numbers and total for `query`, as `token` reads them.
async fn waiting(app: &TestApp, token: &str, query: &str) -> (Vec<i64>, i64) {
    let (status, page) = app.get_json(&format!("/api/v1/triage{query}"), token).await;
    assert_eq!(status, 200, "{page}");
    let numbers = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|idea| idea["number"].as_i64().expect("number"))
        .collect();
    (numbers, page["total"].as_i64().expect("total"))
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) {
    let (status, answer) = app.send_json(Method::POST, path, token, body).await;
    assert!(
        matches!(status, 200 | 201 | 204),
        "{path}: {status} {answer}"
    );
}

async fn the_inbox_empties_as_ideas_are_answered_merged_or_hidden(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    for title in [
        "Dark mode",
        "Longer battery",
        "Bigger screen",
        "Quieter fan",
        "Cheaper",
    ] {
        app.create_idea(&max, title, "Please").await;
    }
    assert_eq!(waiting(&app, &pia, "").await, (vec![1, 2, 3, 4, 5], 5));

    post(
        &app,
        &pia,
        "/api/v1/ideas/2/comments",
        json!({"body": "Noted"}),
    )
    .await;
    assert_eq!(
        waiting(&app, &pia, "").await.1,
        5,
        "a plain comment is no answer"
    );
    let answer = json!({"body": "Yes", "official": true});
    post(&app, &pia, "/api/v1/ideas/2/comments", answer).await;
    let (status, _) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/3/status",
            &pia,
            json!({"status": "planned", "note": "Next year"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(waiting(&app, &pia, "").await, (vec![1, 4, 5], 3));

    post(&app, &admin, "/api/v1/ideas/4/merge", json!({"into": 1})).await;
    post(
        &app,
        &admin,
        "/api/v1/ideas/5/hide",
        json!({"reason": "Spam"}),
    )
    .await;
    assert_eq!(waiting(&app, &admin, "").await, (vec![1], 1));
    post(&app, &admin, "/api/v1/ideas/4/unmerge", json!({})).await;
    assert_eq!(
        waiting(&app, &admin, "").await,
        (vec![1, 4], 2),
        "an unmerged idea waits again"
    );
}

async fn the_inbox_filters_combine_and_bad_filters_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    for (name, owner) in [
        ("Batteries", "pia@example.com"),
        ("Screens", "admin@example.com"),
    ] {
        let area = json!({"name": name, "owners": [owner]});
        post(&app, &admin, "/api/v1/areas", area).await;
    }
    for (title, area) in [
        ("Longer battery", json!("batteries")),
        ("Brighter", json!("screens")),
        ("Other", Value::Null),
    ] {
        let idea = json!({"title": title, "body": "Please", "area": area});
        post(&app, &max, "/api/v1/ideas", idea).await;
    }
    assert_eq!(waiting(&app, &pia, "?area=batteries").await, (vec![1], 1));
    assert_eq!(waiting(&app, &pia, "?mine=true").await, (vec![1], 1));
    assert_eq!(waiting(&app, &admin, "?mine=true").await, (vec![2], 1));
    assert_eq!(
        waiting(&app, &pia, "?mine=true&area=screens").await,
        (vec![], 0)
    );
    assert_eq!(waiting(&app, &pia, "?unsorted=true").await, (vec![3], 1));
    assert_eq!(
        waiting(&app, &pia, "?mine=true&unsorted=true").await,
        (vec![], 0),
        "in my areas and in none at once"
    );
    assert_eq!(waiting(&app, &pia, "?past_target=true").await, (vec![], 0));

    app.state.clock.advance(chrono::Duration::days(8));
    assert_eq!(
        waiting(&app, &pia, "?past_target=true").await,
        (vec![1, 2, 3], 3)
    );
    assert_eq!(
        waiting(&app, &pia, "?past_target=1&area=screens").await,
        (vec![2], 1)
    );

    for (query, field) in [
        ("?area=nowhere", "area"),
        ("?mine=perhaps", "mine"),
        ("?page=two", "page"),
    ] {
        let (status, refused) = app.get_json(&format!("/api/v1/triage{query}"), &pia).await;
        assert_eq!(status, 422, "{query}: {refused}");
        assert!(
            refused["error"]["fields"][0]["field"] == field,
            "{query}: {refused}"
        );
    }
}

async fn members_are_refused_the_inbox(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, _, max) = app.admin_product_member().await;
    app.create_idea(&max, "Dark mode", "Please").await;
    let (status, refused) = app.get_json("/api/v1/triage", &max).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["error"]["code"], "forbidden");
    let (status, _) = app.get_json("/api/v1/triage", "").await;
    assert_eq!(status, 401);
    let (member, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let (status, page) = app.get_page(&member, "/triage").await;
    assert_eq!(status, 403);
    assert!(!page.contains("Dark mode"));
    let (_, board) = app.get_page(&member, "/").await;
    assert!(
        !board.contains("href=\"/triage\""),
        "members get no link to it"
    );
}

async fn staff_work_the_inbox_from_the_page_without_javascript(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.response.review_threshold_points = 20;
    })
    .await;
    let (admin, _, max) = app.admin_product_member().await;
    post(
        &app,
        &admin,
        "/api/v1/areas",
        json!({"name": "Batteries", "owners": ["pia@example.com"]}),
    )
    .await;
    app.create_idea(&max, "Longer battery life", "All day")
        .await;
    app.create_idea(&max, "Longer battery life please", "Same")
        .await;
    app.create_idea(&max, "Buy cheap watches", "Spam").await;
    app.create_idea(&max, "Dark mode", "Please").await;
    app.vote(&admin, 1, 1).await;

    let (pia, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    let (status, page) = app.get_page(&pia, "/triage").await;
    assert_eq!(status, 200);
    assert!(page.contains("4 ideas wait for an answer."), "{page}");
    assert!(page.contains("Threshold reached"), "#1 has 20 points");
    assert!(!page.contains("Hide as spam"), "product does not moderate");

    let back = "/triage?unsorted=true";
    let answered = app
        .submit_form(
            &pia,
            "/triage",
            "/ideas/4/comments",
            &[("body", "We will"), ("official", "on"), ("return_to", back)],
        )
        .await;
    assert_eq!(answered.status().as_u16(), 303);
    assert_eq!(answered.headers()["location"], back);
    let sorted = app
        .submit_form(
            &pia,
            "/triage",
            "/ideas/1/area",
            &[("area", "batteries"), ("return_to", back)],
        )
        .await;
    assert_eq!(sorted.headers()["location"], back);
    let (_, page) = app.get_page(&pia, back).await;
    assert!(page.contains("2 ideas wait for an answer."), "{page}");
    assert!(!page.contains("Dark mode") && !page.contains("All day"));

    let (moe, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let (_, page) = app.get_page(&moe, "/triage").await;
    assert!(page.contains("Merge into #1 Longer battery life"), "{page}");
    let merged = app
        .submit_form(
            &moe,
            "/triage",
            "/mod/ideas/2/merge",
            &[("into", "1"), ("return_to", "/triage")],
        )
        .await;
    assert_eq!(merged.headers()["location"], "/triage");
    let hidden = app
        .submit_form(
            &moe,
            "/triage",
            "/mod/ideas/3/hide",
            &[("reason", "Spam"), ("return_to", "/triage")],
        )
        .await;
    assert_eq!(hidden.headers()["location"], "/triage");
    let (_, page) = app.get_page(&moe, "/triage").await;
    assert!(page.contains("1 idea waits for an answer."), "{page}");
    assert!(page.contains("Longer battery life") && !page.contains("Buy cheap watches"));
}
