//! The statuses themselves: admins add, rename, reorder and retire them; ideas open too long
//! without votes are archived with a note.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;
use crate::pipeline::{board, change};

on_both_backends!(
    admins_add_rename_reorder_and_retire_statuses,
    ideas_open_too_long_without_votes_are_archived_with_a_note,
);

async fn admins_add_rename_reorder_and_retire_statuses(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, product, people) = board(&app).await;
    let (status, created) = app
        .send_json(
            Method::POST,
            "/api/v1/statuses",
            &admin,
            json!({"name": "Needs info", "kind": "active", "on_roadmap": true}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["slug"], "needs-info");
    assert_eq!(created["position"], 9);
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/statuses",
            &product,
            json!({"name": "Mine"})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/statuses",
            &admin,
            json!({"name": "Needs info"})
        )
        .await
        .0,
        409
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/statuses",
            &admin,
            json!({"name": "X", "kind": "weird"})
        )
        .await
        .0,
        422
    );
    let (status, renamed) = app
        .send_json(
            Method::PATCH,
            "/api/v1/statuses/needs-info",
            &admin,
            json!({"name": "Waiting for details", "position": 0, "color": "#aa5500"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (renamed["slug"].as_str(), renamed["name"].as_str()),
        (Some("needs-info"), Some("Waiting for details"))
    );
    let (_, roadmap) = app.get_json("/api/v1/roadmap", "").await;
    assert_eq!(
        roadmap["columns"][0]["slug"], "needs-info",
        "reordered to the front"
    );
    let _ = people;
    assert_eq!(
        change(&app, &product, "needs-info", "Tell us more").await.0,
        200
    );
    assert_eq!(
        app.send_json(
            Method::DELETE,
            "/api/v1/statuses/needs-info",
            &admin,
            json!({})
        )
        .await
        .0,
        409,
        "in use: retire instead"
    );
    let (status, retired) = app
        .send_json(
            Method::PATCH,
            "/api/v1/statuses/needs-info",
            &admin,
            json!({"retired": true}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(retired["retired"], true);
    assert_eq!(
        change(&app, &product, "needs-info", "again").await.0,
        422,
        "retired statuses are not offered"
    );
    assert_eq!(
        app.send_json(
            Method::PATCH,
            "/api/v1/statuses/open",
            &admin,
            json!({"retired": true})
        )
        .await
        .0,
        409
    );

    let browser = app
        .log_in("admin@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    let added = app
        .submit_form(
            &browser,
            "/admin/statuses",
            "/admin/statuses",
            &[
                ("name", "Duplicate"),
                ("color", "#123456"),
                ("kind", "closed"),
            ],
        )
        .await;
    assert_eq!(added.status().as_u16(), 303);
    let (_, page) = app.get_page(&browser, "/admin/statuses").await;
    assert!(page.contains("Duplicate") && page.contains("Waiting for details"));
    assert_eq!(
        app.send_json(
            Method::DELETE,
            "/api/v1/statuses/duplicate",
            &admin,
            json!({})
        )
        .await
        .0,
        204,
        "unused: deletable"
    );
    let pm = app
        .log_in("pm@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    assert_eq!(app.get_page(&pm, "/admin/statuses").await.0, 403);
}

async fn ideas_open_too_long_without_votes_are_archived_with_a_note(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.archive_after_days = Some(30)).await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&ann, "Forgotten idea", "").await;
    app.create_idea(&ann, "Old but alive", "").await;
    app.create_idea(&ann, "Fresh idea", "").await;
    let forty_days_ago = |column: &str| match backend {
        Backend::Sqlite => format!("strftime('%Y-%m-%d %H:%M:%f', {column}, '-40 days')"),
        Backend::Postgres => format!("{column} - interval '40 days'"),
    };
    app.execute_sql(format!(
        "UPDATE ideas SET created_at = {} WHERE number IN (1, 2)",
        forty_days_ago("created_at")
    ))
    .await;
    app.execute_sql(format!(
        "UPDATE votes SET updated_at = {}, created_at = {} WHERE idea_id IN (SELECT id FROM ideas WHERE number IN (1, 2))",
        forty_days_ago("updated_at"),
        forty_days_ago("created_at")
    ))
    .await;
    app.vote(&bo, 2, 1).await; // a recent vote keeps #2 alive

    let database = app.state.db.clone();
    let archive = move || {
        let database = database.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                ideaboard::services::pipeline::auto_archive(
                    &mut database.access(),
                    30,
                    "http://localhost",
                )
                .expect("archive")
            })
            .await
            .expect("task")
        }
    };
    assert_eq!(archive().await, 1);
    assert_eq!(archive().await, 0, "once");
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(idea["status"]["slug"], "archived");
    assert_eq!(idea["status_history"][0]["by"], "Ideaboard");
    assert!(
        idea["status_history"][0]["note"]
            .as_str()
            .unwrap_or("")
            .contains("30 days without a vote")
    );
    for number in [2, 3] {
        let (_, other) = app.get_json(&format!("/api/v1/ideas/{number}"), "").await;
        assert_eq!(other["status"]["slug"], "open", "#{number} stays open");
    }
    app.state.wake_senders();
    let mail = app.smtp.wait_for("ann@example.com", 1).await;
    assert_eq!(mail[0].subject(), "#1 \"Forgotten idea\" is now Archived");
}
