//! The board's totals (kept by triggers, read instead of counting the board) stay exact through
//! everything that changes which ideas are live or where: submit, tag, hide, merge, unmerge,
//! status change, untag — checked against the listed ideas and by `ideaboard check`.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    board_totals_follow_every_change,
    check_tells_rounding_in_a_near_tie_from_real_drift,
);

/// For each filter: the total the board reports equals the ideas it lists.
async fn assert_totals(app: &TestApp, step: &str, expected: &[(&str, i64)]) {
    for (filter, want) in expected {
        let (status, page) = app
            .get_json(&format!("/api/v1/ideas?per_page=100{filter}"), "")
            .await;
        assert_eq!(status, 200, "{step} {filter}");
        let listed = page["items"].as_array().expect("items").len() as i64;
        assert_eq!(
            (page["total"].as_i64().expect("total"), listed),
            (*want, *want),
            "{step}: total and listed ideas for '{filter}'"
        );
    }
}

async fn post(app: &TestApp, token: &str, path: &str, body: serde_json::Value) {
    let (status, answer) = app.send_json(Method::POST, path, token, body).await;
    assert_eq!(status, 200, "{path}: {answer}");
}

async fn put(app: &TestApp, token: &str, path: &str, body: serde_json::Value) {
    let (status, answer) = app.send_json(Method::PUT, path, token, body).await;
    assert_eq!(status, 200, "{path}: {answer}");
}

async fn board_totals_follow_every_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let (status, _) = app
        .send_json(
            Method::POST,
            "/api/v1/tags",
            &admin,
            json!({"name": "Mobile"}),
        )
        .await;
    assert_eq!(status, 201);
    let titles = [
        "Offline mode for the mobile app",
        "Dark theme for the dashboard",
        "Export invoices as PDF files",
        "Keyboard shortcuts everywhere",
        "Recurring reminders for tasks",
    ];
    for (i, title) in titles.iter().enumerate() {
        let idea = app.create_idea(&admin, title, "Details follow.").await;
        assert_eq!(idea["number"], (i + 1) as i64);
    }
    for number in 1..=3 {
        put(
            &app,
            &admin,
            &format!("/api/v1/ideas/{number}/tags"),
            json!({"tags": ["mobile"]}),
        )
        .await;
    }
    assert_totals(
        &app,
        "submitted and tagged",
        &[
            ("", 5),
            ("&tag=mobile", 3),
            ("&status=open", 5),
            ("&status=planned", 0),
        ],
    )
    .await;

    post(
        &app,
        &admin,
        "/api/v1/ideas/1/hide",
        json!({"reason": "spam"}),
    )
    .await;
    assert_totals(
        &app,
        "hidden",
        &[("", 4), ("&tag=mobile", 2), ("&status=open", 4)],
    )
    .await;

    post(&app, &admin, "/api/v1/ideas/2/merge", json!({"into": 4})).await;
    let (_, tagged) = app.get_json("/api/v1/ideas/4", "").await;
    let four_is_tagged = tagged["tags"]
        .as_array()
        .is_some_and(|t| t.iter().any(|s| s == "mobile"));
    let mobile_after_merge = 1 + i64::from(four_is_tagged);
    assert_totals(
        &app,
        "merged",
        &[
            ("", 3),
            ("&tag=mobile", mobile_after_merge),
            ("&status=open", 3),
        ],
    )
    .await;

    put(
        &app,
        &admin,
        "/api/v1/ideas/3/status",
        json!({"status": "planned", "note": "Next quarter."}),
    )
    .await;
    assert_totals(
        &app,
        "planned",
        &[
            ("", 3),
            ("&status=open", 2),
            ("&status=planned", 1),
            ("&status=planned&tag=mobile", 1),
        ],
    )
    .await;

    post(&app, &admin, "/api/v1/ideas/2/unmerge", json!({})).await;
    post(&app, &admin, "/api/v1/ideas/1/unhide", json!({})).await;
    put(&app, &admin, "/api/v1/ideas/3/tags", json!({"tags": []})).await;
    let (_, four) = app.get_json("/api/v1/ideas/4", "").await;
    let four_is_tagged = four["tags"]
        .as_array()
        .is_some_and(|t| t.iter().any(|s| s == "mobile"));
    assert_totals(
        &app,
        "restored",
        &[
            ("", 5),
            ("&tag=mobile", 2 + i64::from(four_is_tagged)),
            ("&status=open", 4),
            ("&status=planned", 1),
        ],
    )
    .await;

    let (status, _) = app
        .send_json(Method::DELETE, "/api/v1/tags/mobile", &admin, json!({}))
        .await;
    assert_eq!(status, 204);
    assert_totals(&app, "tag deleted", &[("", 5), ("&status=open", 4)]).await;
    app.assert_no_drift().await;
}

/// Idea `number`'s stored promote and demote accumulators.
async fn accumulators(app: &TestApp, number: i64) -> (Option<f64>, Option<f64>) {
    app.with_conn(move |conn| {
        use diesel::prelude::*;
        use ideaboard::db::schema::ideas;
        ideas::table
            .filter(ideas::number.eq(number))
            .select((ideas::up_log, ideas::down_log))
            .first(conn)
            .expect("the idea's accumulators")
    })
    .await
}

fn sql_number(value: Option<f64>) -> String {
    value.map_or("NULL".into(), |v| format!("{v:?}"))
}

async fn check_tells_rounding_in_a_near_tie_from_real_drift(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    // Ada's own promote and Bo's demote a moment later nearly cancel.
    let tie = app.create_idea(&ada, "A near tie", "").await["number"]
        .as_i64()
        .expect("number");
    assert_eq!(app.vote(&bo, tie, -1).await.0, 200);
    let plain = app.create_idea(&ada, "A plain idea", "").await["number"]
        .as_i64()
        .expect("number");
    app.assert_no_drift().await;

    // The tie's promote accumulator rounded 10⁻¹⁰ off, as a different order of updates leaves
    // it, and its key computed from it as a live update would: rounding, not drift.
    let (up, down) = accumulators(&app, tie).await;
    let rounded_up = up.map(|u| u + 1e-10);
    let key = ideaboard::domain::ranking::popular_key(rounded_up, down);
    let exact_key = ideaboard::domain::ranking::popular_key(up, down);
    assert!(
        (key - exact_key).abs() > 1e-9 * key.abs(),
        "the key moved by more than a relative 10⁻⁹: {key} vs {exact_key}"
    );
    app.execute_sql(format!(
        "UPDATE ideas SET up_log = {}, popular_key = {key:?} WHERE number = {tie}",
        sql_number(rounded_up)
    ))
    .await;
    app.assert_no_drift().await;

    // A key that is simply wrong is still found.
    app.execute_sql(format!(
        "UPDATE ideas SET popular_key = popular_key + 1 WHERE number = {plain}"
    ))
    .await;
    let half_life = app.state.config.rank_half_life;
    let (_, drift) = app
        .with_db(move |db| ideaboard::services::maintenance::check(db, half_life).expect("check"))
        .await;
    let found: Vec<(i64, &str)> = drift.iter().map(|d| (d.number, d.field)).collect();
    assert_eq!(found, [(plain, "popular_key")]);
}
