//! Every moderator route refuses a member; moderators work from the pages without JavaScript.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::moderation::{observe, staff};
use crate::on_both_backends;

on_both_backends!(
    every_moderator_route_refuses_a_member,
    moderators_work_from_the_pages_without_javascript,
);

async fn every_moderator_route_refuses_a_member(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, _) = staff(&app).await;
    let member = app.api_user("member@example.com", "Member").await;
    app.create_idea(&admin, "First idea", "").await;
    app.create_idea(&admin, "Second idea", "").await;
    app.send_json(Method::POST, "/api/v1/tags", &admin, json!({"name": "ui"}))
        .await;
    let (_, comment) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &admin,
            json!({"body": "c"}),
        )
        .await;
    let comment_id = comment["id"].as_str().expect("id").to_string();
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let admin_id = users["items"][0]["id"].as_str().expect("id").to_string();
    let routes: Vec<(Method, String, Value)> = vec![
        (Method::POST, "/api/v1/tags".into(), json!({"name": "new"})),
        (
            Method::PATCH,
            "/api/v1/tags/ui".into(),
            json!({"name": "UI!"}),
        ),
        (Method::DELETE, "/api/v1/tags/ui".into(), json!({})),
        (
            Method::PUT,
            "/api/v1/ideas/1/tags".into(),
            json!({"tags": ["ui"]}),
        ),
        (
            Method::POST,
            "/api/v1/ideas/2/merge".into(),
            json!({"into": 1}),
        ),
        (Method::POST, "/api/v1/ideas/2/unmerge".into(), json!({})),
        (
            Method::POST,
            "/api/v1/ideas/1/hide".into(),
            json!({"reason": "x"}),
        ),
        (Method::POST, "/api/v1/ideas/1/unhide".into(), json!({})),
        (Method::POST, "/api/v1/ideas/1/lock".into(), json!({})),
        (Method::POST, "/api/v1/ideas/1/unlock".into(), json!({})),
        (
            Method::POST,
            format!("/api/v1/comments/{comment_id}/hide"),
            json!({"reason": "x"}),
        ),
        (
            Method::POST,
            format!("/api/v1/comments/{comment_id}/unhide"),
            json!({}),
        ),
        (
            Method::POST,
            format!("/api/v1/users/{admin_id}/ban"),
            json!({"reason": "x"}),
        ),
        (
            Method::POST,
            format!("/api/v1/users/{admin_id}/unban"),
            json!({}),
        ),
        (Method::GET, "/api/v1/flags".into(), json!(null)),
        (Method::GET, "/api/v1/audit".into(), json!(null)),
    ];
    let before = (
        app.count_rows("audit_log").await,
        observe(&app, 1).await,
        observe(&app, 2).await,
    );
    for (method, path, body) in routes {
        let (status, answer) = app.send_json(method.clone(), &path, &member, body).await;
        assert_eq!(status, 403, "{method} {path}: {answer}");
        assert_eq!(answer["error"]["code"], "forbidden");
    }
    let after = (
        app.count_rows("audit_log").await,
        observe(&app, 1).await,
        observe(&app, 2).await,
    );
    assert_eq!(before, after, "nothing changed");
    let browser = app
        .log_in("member@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    for page in ["/mod/flags", "/mod/audit", "/mod/tags"] {
        assert_eq!(app.get_page(&browser, page).await.0, 403, "{page}");
    }
}

async fn moderators_work_from_the_pages_without_javascript(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, moderator) = staff(&app).await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Dark mode for reports", "").await;
    app.create_idea(&ann, "Dark mode in reports please", "")
        .await;
    app.create_idea(&ann, "Dark frame for the invoice printer", "")
        .await;

    // A member flags from the idea page.
    let member = app
        .log_in("ann@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    let flagged = app
        .submit_form(
            &member,
            "/ideas/2",
            "/ideas/2/flag",
            &[("reason", "duplicate of #1")],
        )
        .await;
    assert_eq!(flagged.status().as_u16(), 303);
    let (_, page) = app.get_page(&member, "/ideas/2").await;
    assert!(page.contains("Moderators will look at it"));
    assert!(
        !page.contains("Merge this idea into"),
        "members see no moderator tools"
    );

    // The moderator sees the duplicate offered on the idea page and merges with one click.
    let browser = app
        .log_in("mod@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    let (_, page) = app.get_page(&browser, "/ideas/2").await;
    assert!(
        page.contains("Possible duplicates") && page.contains("#1 Dark mode for reports"),
        "{page}"
    );
    assert!(
        !page.contains("#3 Dark frame"),
        "one shared word does not make a duplicate"
    );
    let merged = app
        .submit_form(&browser, "/ideas/2", "/mod/ideas/2/merge", &[("into", "1")])
        .await;
    assert_eq!(merged.status().as_u16(), 303);
    assert_eq!(merged.headers()["location"], "/ideas/1");
    let (_, idea) = app.get_json("/api/v1/ideas/2", &moderator).await;
    assert_eq!(idea["merged_into"], 1);
    let (_, target) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(
        target.contains("Also asked as #2 Dark mode in reports please (merged here"),
        "the idea names the duplicate merged into it: {target}"
    );
    let (status, page) = app.get_page(&browser, "/ideas/2").await;
    assert_eq!(status, 200, "moderators open a merged idea to undo it");
    assert!(page.contains("Unmerge"));
    let undone = app
        .submit_form(&browser, "/ideas/2", "/mod/ideas/2/unmerge", &[])
        .await;
    assert_eq!(undone.status().as_u16(), 303);
    let (_, idea) = app.get_json("/api/v1/ideas/2", &moderator).await;
    assert_eq!(idea["merged_into"], json!(null));
    let (_, target) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(!target.contains("Also asked as"), "unmerged: {target}");
    let bad = app
        .submit_form(
            &browser,
            "/ideas/2",
            "/mod/ideas/2/merge",
            &[("into", "two")],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);

    let banned = app
        .submit_form(
            &browser,
            "/mod/users",
            "/mod/users",
            &[
                ("email", "ann@example.com"),
                ("reason", "spam"),
                ("decision", "ban"),
            ],
        )
        .await;
    assert_eq!(banned.status().as_u16(), 303);
    assert_eq!(
        app.get_page(&member, "/account").await.0,
        303,
        "the ban signed Ann out"
    );
    let (_, log) = app.get_json("/api/v1/audit", &moderator).await;
    let actions: Vec<&str> = log["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(actions, ["ban_user", "unmerge", "merge", "set_role"]);
}
