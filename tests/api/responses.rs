//! Official responses: staff mark a comment as the company's answer (members are refused and
//! nothing is written), a status change with its note answers too, the idea keeps the moment of
//! its first answer through whatever follows, and an unmerge gives the merged idea back its own.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::html::csrf_token;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_first_official_answer_is_kept_and_members_cannot_give_one,
    a_status_change_answers_an_idea,
    an_unmerge_gives_the_merged_idea_its_own_answer_back,
    staff_answer_officially_from_the_idea_page,
    answers_and_new_ideas_at_once_all_succeed,
);

async fn comment(app: &TestApp, token: &str, number: i64, body: Value) -> (u16, Value) {
    app.send_json(
        Method::POST,
        &format!("/api/v1/ideas/{number}/comments"),
        token,
        body,
    )
    .await
}

async fn first_response_at(app: &TestApp, number: i64) -> Value {
    let (status, idea) = app.get_json(&format!("/api/v1/ideas/{number}"), "").await;
    assert_eq!(status, 200, "{idea}");
    idea["first_response_at"].clone()
}

async fn the_first_official_answer_is_kept_and_members_cannot_give_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    let idea = app.create_idea(&max, "Longer battery", "All day").await;
    assert_eq!(idea["first_response_at"], Value::Null);

    let (status, refused) =
        comment(&app, &max, 1, json!({"body": "I answer", "official": true})).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["error"]["code"], "forbidden");
    let (_, listed) = app.get_json("/api/v1/ideas/1/comments", "").await;
    assert_eq!(listed["items"], json!([]), "nothing was written");

    let (status, plain) = comment(&app, &pia, 1, json!({"body": "Interesting"})).await;
    assert_eq!(status, 201);
    assert_eq!(plain["official"], false);
    assert_eq!(
        first_response_at(&app, 1).await,
        Value::Null,
        "a plain comment is no answer"
    );

    let (status, answer) = comment(
        &app,
        &pia,
        1,
        json!({"body": "We are on it", "official": true}),
    )
    .await;
    assert_eq!(status, 201, "{answer}");
    assert_eq!(answer["official"], true);
    let answered_at = first_response_at(&app, 1).await;
    assert_eq!(answered_at, answer["created_at"]);

    let (status, _) = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/comments/{}", answer["id"].as_str().expect("id")),
            &pia,
            json!({"body": "We are on it, truly"}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = comment(&app, &pia, 1, json!({"body": "Update", "official": true})).await;
    assert_eq!(status, 201);
    assert_eq!(
        first_response_at(&app, 1).await,
        answered_at,
        "the first answer stays"
    );

    let (_, listed) = app.get_json("/api/v1/ideas/1/comments", "").await;
    let official: Vec<bool> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["official"].as_bool().expect("official"))
        .collect();
    assert_eq!(official, [false, true, true]);
}

async fn a_status_change_answers_an_idea(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    app.create_idea(&max, "Dark mode", "Please").await;
    let (status, changed) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/1/status",
            &pia,
            json!({"status": "under-review", "note": "Looking into it"}),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    let at = changed["status_history"][0]["at"].clone();
    assert_eq!(changed["first_response_at"], at);
    let (status, _) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/1/status",
            &pia,
            json!({"status": "planned", "note": "Next quarter"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(first_response_at(&app, 1).await, at);
}

async fn merge(app: &TestApp, token: &str, source: i64, into: i64) {
    let (status, body) = app
        .send_json(
            Method::POST,
            &format!("/api/v1/ideas/{source}/merge"),
            token,
            json!({ "into": into }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn unmerge(app: &TestApp, token: &str, source: i64) {
    let (status, body) = app
        .send_json(
            Method::POST,
            &format!("/api/v1/ideas/{source}/unmerge"),
            token,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn an_unmerge_gives_the_merged_idea_its_own_answer_back(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    app.create_idea(&max, "Fast charging", "Please").await;
    app.create_idea(&max, "Faster charging", "Same").await;
    app.create_idea(&max, "Quick charge", "Again").await;
    let (status, answer) = comment(&app, &pia, 2, json!({"body": "Yes", "official": true})).await;
    assert_eq!(status, 201);

    // #2 (answered) and #3 (waiting) go into #1 (waiting): #1 is answered by neither.
    merge(&app, &admin, 2, 1).await;
    merge(&app, &admin, 3, 1).await;
    assert_eq!(first_response_at(&app, 1).await, Value::Null);
    assert_eq!(first_response_at(&app, 2).await, answer["created_at"]);

    let (status, _) = comment(&app, &pia, 3, json!({"body": "Too late", "official": true})).await;
    assert_eq!(status, 409, "a merged idea takes no answer");
    let (status, own) = comment(&app, &pia, 1, json!({"body": "Planned", "official": true})).await;
    assert_eq!(status, 201);

    unmerge(&app, &admin, 2).await;
    unmerge(&app, &admin, 3).await;
    assert_eq!(first_response_at(&app, 2).await, answer["created_at"]);
    assert_eq!(first_response_at(&app, 3).await, Value::Null);
    assert_eq!(first_response_at(&app, 1).await, own["created_at"]);
}

async fn staff_answer_officially_from_the_idea_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, _, max) = app.admin_product_member().await;
    app.create_idea(&max, "Bigger screen", "Please").await;
    let (pia, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    let (_, page) = app.get_page(&pia, "/ideas/1").await;
    assert!(
        page.contains("Waiting for an official answer for 0 hours"),
        "{page}"
    );
    assert!(page.contains("Post as the official response"));
    let form = [
        ("csrf_token", csrf_token(&page)),
        ("body", "We will ship it".to_string()),
        ("official", "on".to_string()),
    ];
    let response = pia
        .post(app.url("/ideas/1/comments"))
        .form(&form)
        .send()
        .await
        .expect("POST comment");
    assert_eq!(response.status().as_u16(), 303);
    let (_, page) = app.get_page(&pia, "/ideas/1").await;
    assert!(page.contains("First answered after 0 hours"), "{page}");
    assert!(page.contains("comment official"));
    assert!(page.contains("Official response"));

    let (member, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let (_, page) = app.get_page(&member, "/ideas/1").await;
    assert!(!page.contains("Post as the official response"));
    assert!(
        !page.contains("First answered after"),
        "only staff see the wait"
    );
    let form = [
        ("csrf_token", csrf_token(&page)),
        ("body", "Me too, officially".to_string()),
        ("official", "on".to_string()),
    ];
    let response = member
        .post(app.url("/ideas/1/comments"))
        .form(&form)
        .send()
        .await
        .expect("POST comment");
    assert_eq!(response.status().as_u16(), 403);
    let (_, listed) = app.get_json("/api/v1/ideas/1/comments", "").await;
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(1));
}

/// An answer to an idea of an earlier day touches that day's and today's response counts and
/// their month's; a new idea touches today's and the month's. Many of both at once must all go
/// through (on PostgreSQL they once took the same rows in opposite orders and deadlocked).
async fn answers_and_new_ideas_at_once_all_succeed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    const EACH: i64 = 16;
    for i in 0..EACH {
        app.create_idea(&max, &format!("Earlier idea {i}"), "Waiting")
            .await;
    }
    // Submitted yesterday: another day than the answers', most often in the same month.
    app.execute_sql(format!(
        "UPDATE ideas SET created_at = '{}'",
        (app.state.clock.now() - chrono::Duration::days(1)).format("%Y-%m-%d %H:%M:%S")
    ))
    .await;
    let (app, pia, max) = (&app, &pia, &max);
    let answers = (1..=EACH).map(|number| {
        let body = json!({"body": "We are on it", "official": true});
        async move { comment(app, pia, number, body).await.0 }
    });
    let submissions = (0..EACH).map(|i| {
        let body = json!({"title": format!("New idea {i}"), "body": "Also"});
        async move {
            app.send_json(Method::POST, "/api/v1/ideas", max, body)
                .await
                .0
        }
    });
    let (answered, submitted) = futures_util::future::join(
        futures_util::future::join_all(answers),
        futures_util::future::join_all(submissions),
    )
    .await;
    assert_eq!(answered, vec![201; EACH as usize]);
    assert_eq!(submitted, vec![201; EACH as usize]);
    for number in 1..=EACH {
        assert_ne!(
            first_response_at(app, number).await,
            Value::Null,
            "idea {number}"
        );
    }
    app.assert_no_drift().await;
}
