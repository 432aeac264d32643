//! "Did this answer you?": the idea's author and its voters rate an official answer, once each
//! and changeably, without JavaScript; others are refused and change nothing; ideas whose latest
//! answer most found unhelpful wait in the inbox's "answer again" until answered anew.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    those_asked_say_whether_the_answer_helped_and_bad_answers_come_back,
    the_figures_show_how_answers_were_rated_per_area_and_staff_member,
);

/// Rates the answer `comment` as the signed-in `client`; returns the status.
async fn rate(app: &TestApp, client: &reqwest::Client, comment: &str, helpful: &str) -> u16 {
    app.submit_form(
        client,
        "/ideas/1",
        &format!("/comments/{comment}/rating"),
        &[("helpful", helpful)],
    )
    .await
    .status()
    .as_u16()
}

async fn counts(app: &TestApp) -> (i64, i64) {
    let (_, listed) = app.get_json("/api/v1/ideas/1/comments", "").await;
    let answer = &listed["items"][0];
    assert_eq!(answer["official"], true);
    (
        answer["helpful"].as_i64().expect("helpful"),
        answer["unhelpful"].as_i64().expect("unhelpful"),
    )
}

async fn those_asked_say_whether_the_answer_helped_and_bad_answers_come_back(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.api_user("cy@example.com", "Cy").await;
    app.create_idea(&max, "Longer battery", "Please").await;
    app.vote(&ann, 1, 1).await;
    app.vote(&bo, 1, -1).await;
    let answer = json!({"body": "Not this year", "official": true});
    let (_, answer) = app
        .send_json(Method::POST, "/api/v1/ideas/1/comments", &pia, answer)
        .await;
    let id = answer["id"].as_str().expect("id").to_string();

    let (author, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let (_, page) = app.get_page(&author, "/ideas/1").await;
    assert!(page.contains("Did this answer you?"), "{page}");
    assert_eq!(rate(&app, &author, &id, "no").await, 303);
    let (_, page) = app.get_page(&author, "/ideas/1").await;
    assert!(
        page.contains("0 people found this answer helpful, 1 did not."),
        "{page}"
    );
    assert!(page.contains(r#"value="no" aria-pressed="true""#));
    assert_eq!(rate(&app, &author, &id, "yes").await, 303);
    assert_eq!(counts(&app).await, (1, 0), "changed, not counted twice");

    let (stranger, _) = app.log_in("cy@example.com", GOOD_PASSWORD).await;
    let (_, page) = app.get_page(&stranger, "/ideas/1").await;
    assert!(!page.contains("Did this answer you?"));
    assert_eq!(rate(&app, &stranger, &id, "no").await, 403);
    let (voter, _) = app.log_in("ann@example.com", GOOD_PASSWORD).await;
    assert_eq!(rate(&app, &voter, &id, "maybe").await, 422);
    assert_eq!(counts(&app).await, (1, 0), "refusals change nothing");

    assert_eq!(rate(&app, &voter, &id, "no").await, 303);
    let (demoter, _) = app.log_in("bo@example.com", GOOD_PASSWORD).await;
    assert_eq!(rate(&app, &demoter, &id, "no").await, 303);
    assert_eq!(counts(&app).await, (1, 2));
    let (_, again) = app.get_json("/api/v1/triage?answer_again=true", &pia).await;
    assert_eq!(again["items"][0]["number"], 1, "{again}");
    assert_eq!(again["total"], 1);

    let better = json!({"body": "We found a way after all", "official": true});
    let (status, _) = app
        .send_json(Method::POST, "/api/v1/ideas/1/comments", &pia, better)
        .await;
    assert_eq!(status, 201);
    let (_, again) = app.get_json("/api/v1/triage?answer_again=true", &pia).await;
    assert_eq!(again["total"], 0, "answered anew: {again}");
}

async fn the_figures_show_how_answers_were_rated_per_area_and_staff_member(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&max, "Longer battery", "Please").await;
    app.vote(&ann, 1, 1).await;
    let answer = json!({"body": "Not this year", "official": true});
    let (_, answer) = app
        .send_json(Method::POST, "/api/v1/ideas/1/comments", &pia, answer)
        .await;
    let id = answer["id"].as_str().expect("id").to_string();
    let (author, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    assert_eq!(rate(&app, &author, &id, "yes").await, 303);
    let (voter, _) = app.log_in("ann@example.com", GOOD_PASSWORD).await;
    assert_eq!(rate(&app, &voter, &id, "no").await, 303);
    // Whoever gave the answer does not rate it, even having voted.
    app.vote(&pia, 1, 1).await;
    let (pia_browser, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    assert_eq!(rate(&app, &pia_browser, &id, "yes").await, 403);

    let (status, figures) = app.get_json("/api/v1/insights/responses", &pia).await;
    assert_eq!(status, 200, "{figures}");
    assert_eq!(
        figures["quality"],
        json!({"helpful": 1, "unhelpful": 1, "helpful_share": 0.5})
    );
    assert_eq!(
        figures["staff"],
        json!([{"name": "Pia", "helpful": 1, "unhelpful": 1, "helpful_share": 0.5}])
    );
    assert_eq!(figures["areas"][0]["helpful_share"], 0.5);
    let (_, page) = app.get_page(&pia_browser, "/insights/responses").await;
    assert!(page.contains("Answers by staff member"), "{page}");
    assert!(page.contains("50%"));
}
