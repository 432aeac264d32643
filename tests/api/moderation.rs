//! Moderation: lossless merge and exact unmerge, refusals, hiding and bans (flags and tags in
//! `flags_and_tags`, the routes refusing members and the pages in `moderator_routes`).

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    merge_counts_overlapping_voters_once_and_unmerge_restores_both_exactly,
    merges_into_itself_into_a_merged_idea_or_in_a_cycle_are_refused,
    opposite_merges_at_the_same_moment_leave_one_winner,
    hidden_items_vanish_for_members_and_stay_for_moderators,
    a_ban_ends_sessions_and_refuses_taking_part,
);

pub(crate) async fn staff(app: &TestApp) -> (String, String) {
    let admin = app.api_user("admin@example.com", "Admin").await;
    let moderator = app.api_user("mod@example.com", "Moe").await;
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let id = users["items"][1]["id"].as_str().expect("id").to_string();
    app.send_json(
        Method::PUT,
        &format!("/api/v1/users/{id}/role"),
        &admin,
        json!({"role": "moderator"}),
    )
    .await;
    (admin, moderator)
}

/// Everything a person can observe about an idea: its API object, voters and comments.
pub(crate) async fn observe(app: &TestApp, number: i64) -> (Value, Vec<(String, i64)>, Value) {
    let (_, idea) = app.get_json(&format!("/api/v1/ideas/{number}"), "").await;
    let voters = app
        .with_conn(move |conn| {
            use diesel::prelude::*;
            use ideaboard::db::schema::{ideas, votes};
            votes::table
                .inner_join(ideas::table)
                .filter(ideas::number.eq(number))
                .order(votes::user_id.asc())
                .select((votes::user_id, votes::value))
                .load::<(String, i64)>(conn)
                .expect("voters")
        })
        .await;
    let (_, comments) = app
        .get_json(&format!("/api/v1/ideas/{number}/comments"), "")
        .await;
    (idea, voters, comments)
}

async fn merge(app: &TestApp, token: &str, source: i64, into: i64) -> (u16, Value) {
    app.send_json(
        Method::POST,
        &format!("/api/v1/ideas/{source}/merge"),
        token,
        json!({ "into": into }),
    )
    .await
}

async fn merge_counts_overlapping_voters_once_and_unmerge_restores_both_exactly(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, moderator) = staff(&app).await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    let bob = app.api_user("bob@example.com", "Bob").await;
    let cy = app.api_user("cy@example.com", "Cy").await;
    app.send_json(
        Method::POST,
        "/api/v1/tags",
        &admin,
        json!({"name": "Mobile"}),
    )
    .await;
    app.send_json(Method::POST, "/api/v1/tags", &admin, json!({"name": "UI"}))
        .await;
    // A = #1 by Ann, B = #2 by Bob (a duplicate).
    app.send_json(
        Method::POST,
        "/api/v1/ideas",
        &ann,
        json!({"title": "Dark mode", "body": "", "tags": ["ui"]}),
    )
    .await;
    app.send_json(
        Method::POST,
        "/api/v1/ideas",
        &bob,
        json!({"title": "Night theme", "body": "", "tags": ["mobile", "ui"]}),
    )
    .await;
    app.vote(&cy, 1, 1).await; // Cy promoted both: counted once after the merge.
    app.vote(&cy, 2, 1).await;
    app.vote(&ann, 2, -1).await; // Ann (A's author) demoted B: her A promote stands.
    app.vote(&moderator, 2, 1).await; // Only on B: moves to A.
    let (_, top) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/2/comments",
            &cy,
            json!({"body": "Same as #1"}),
        )
        .await;
    app.send_json(
        Method::POST,
        "/api/v1/ideas/2/comments",
        &bob,
        json!({"body": "yes", "parent_id": top["id"]}),
    )
    .await;
    let before_a = observe(&app, 1).await;
    let before_b = observe(&app, 2).await;

    let (status, target) = merge(&app, &moderator, 2, 1).await;
    assert_eq!(status, 200, "{target}");
    // A had Ann +1, Cy +1; B had Bob +1, Cy +1, Ann −1, Mod +1 → Bob and Mod move.
    assert_eq!(
        (target["upvotes"].as_i64(), target["downvotes"].as_i64()),
        (Some(4), Some(0)),
        "{target}"
    );
    assert_eq!(target["points"], 40);
    assert_eq!(target["comment_count"], 2);
    assert_eq!(target["tags"], json!(["mobile", "ui"]));
    let (_, merged) = app.get_json("/api/v1/ideas/2", "").await;
    assert_eq!(merged["merged_into"], 1);
    assert!(
        !app.listed("").await.contains(&2),
        "merged ideas leave the lists"
    );
    let redirect = app
        .browser()
        .get(app.url("/ideas/2"))
        .send()
        .await
        .expect("GET");
    assert_eq!(redirect.status().as_u16(), 308);
    assert_eq!(redirect.headers()["location"], "/ideas/1");
    let (_, page) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(page.contains("Same as #1") && page.contains("from <a href=\"/ideas/2\">#2</a>"));
    // B's author and followers (Bob, Cy; not the moderator) are told.
    let bob_mail = app.smtp.wait_for("bob@example.com", 1).await;
    assert!(
        bob_mail[0].subject().contains("#2") && bob_mail[0].subject().contains("merged into #1")
    );
    app.smtp.wait_for("cy@example.com", 1).await;
    app.assert_no_drift().await;

    let (status, restored) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/2/unmerge",
            &moderator,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{restored}");
    assert_eq!(
        observe(&app, 1).await,
        before_a,
        "A is as if B had never been merged"
    );
    assert_eq!(
        observe(&app, 2).await,
        before_b,
        "B is back exactly as it was"
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/ideas/2/unmerge",
            &moderator,
            json!({})
        )
        .await
        .0,
        409
    );
    app.assert_no_drift().await;

    let (_, log) = app.get_json("/api/v1/audit?action=merge", &moderator).await;
    assert_eq!(log["items"][0]["actor"], "Moe");
    assert_eq!(log["items"][0]["subject"], "#2 into #1");
    let (_, log) = app.get_json("/api/v1/audit", &admin).await;
    assert_eq!(log["items"][0]["action"], "unmerge");
}

async fn merges_into_itself_into_a_merged_idea_or_in_a_cycle_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, moderator) = staff(&app).await;
    for title in ["First idea", "Second idea", "Third idea"] {
        app.create_idea(&moderator, title, "").await;
    }
    let (status, answer) = merge(&app, &moderator, 1, 1).await;
    assert_eq!(status, 422);
    assert_eq!(answer["error"]["fields"][0]["field"], "into");
    assert_eq!(
        merge(&app, &moderator, 1, 99).await.0,
        422,
        "an unknown target is named at the field"
    );
    assert_eq!(merge(&app, &moderator, 99, 1).await.0, 404);
    assert_eq!(merge(&app, &moderator, 2, 1).await.0, 200);
    assert_eq!(
        merge(&app, &moderator, 3, 2).await.0,
        409,
        "into a merged idea"
    );
    assert_eq!(merge(&app, &moderator, 1, 2).await.0, 409, "a cycle");
    assert_eq!(merge(&app, &moderator, 2, 3).await.0, 409, "already merged");
    let (status, body) = app
        .send_json(Method::POST, "/api/v1/ideas/1/merge", &moderator, json!({}))
        .await;
    assert_eq!(status, 422, "{body}");
    app.assert_no_drift().await;
}

async fn opposite_merges_at_the_same_moment_leave_one_winner(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, moderator) = staff(&app).await;
    let voter = app.api_user("v@example.com", "V").await;
    app.create_idea(&moderator, "Dark mode", "").await;
    app.create_idea(&admin, "Night theme", "").await;
    app.vote(&voter, 1, 1).await;
    app.vote(&voter, 2, 1).await;
    let one = merge(&app, &moderator, 1, 2);
    let two = merge(&app, &admin, 2, 1);
    let (first, second) = tokio::join!(one, two);
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{first:?} {second:?}");
    let (_, a) = app.get_json("/api/v1/ideas/1", "").await;
    let (_, b) = app.get_json("/api/v1/ideas/2", "").await;
    let merged = [a["merged_into"].is_number(), b["merged_into"].is_number()];
    assert_eq!(
        merged.iter().filter(|m| **m).count(),
        1,
        "exactly one idea is merged"
    );
    let survivor = if merged[0] { &b } else { &a };
    assert_eq!(survivor["upvotes"], 3, "both authors and the voter, once");
    assert_eq!(app.count_rows("votes").await, 3);
    app.assert_no_drift().await;
}

async fn hidden_items_vanish_for_members_and_stay_for_moderators(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, moderator) = staff(&app).await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Spam spam spam", "").await;
    app.create_idea(&ann, "Real idea", "").await;
    let (_, comment) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/2/comments",
            &ann,
            json!({"body": "rude words"}),
        )
        .await;
    let comment_id = comment["id"].as_str().expect("id").to_string();

    let (status, answer) = app
        .send_json(Method::POST, "/api/v1/ideas/1/hide", &moderator, json!({}))
        .await;
    assert_eq!(status, 422, "a reason is required: {answer}");
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/ideas/1/hide",
            &moderator,
            json!({"reason": "spam"})
        )
        .await
        .0,
        200
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            &format!("/api/v1/comments/{comment_id}/hide"),
            &moderator,
            json!({"reason": "rude"})
        )
        .await
        .0,
        204
    );

    assert_eq!(
        app.get_json("/api/v1/ideas/1", &ann).await.0,
        404,
        "gone for members"
    );
    assert_eq!(app.get_page(&app.browser(), "/ideas/1").await.0, 404);
    assert_eq!(app.listed("").await, [2]);
    let (_, comments) = app.get_json("/api/v1/ideas/2/comments", &ann).await;
    assert_eq!(comments["items"], json!([]));
    let (_, idea) = app.get_json("/api/v1/ideas/2", "").await;
    assert_eq!(idea["comment_count"], 0);

    assert_eq!(
        app.get_json("/api/v1/ideas/1", &moderator).await.0,
        200,
        "moderators still see it"
    );
    let (_, comments) = app.get_json("/api/v1/ideas/2/comments", &moderator).await;
    assert_eq!(comments["items"][0]["body"], "rude words");

    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/ideas/1/unhide",
            &moderator,
            json!({})
        )
        .await
        .0,
        200
    );
    assert_eq!(app.get_json("/api/v1/ideas/1", &ann).await.0, 200);
    app.send_json(Method::POST, "/api/v1/ideas/2/lock", &moderator, json!({}))
        .await;
    let (status, _) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/2/comments",
            &ann,
            json!({"body": "more"}),
        )
        .await;
    assert_eq!(status, 403, "locked");
    let (_, log) = app.get_json("/api/v1/audit", &moderator).await;
    let actions: Vec<&str> = log["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "lock_idea",
            "unhide_idea",
            "hide_comment",
            "hide_idea",
            "set_role"
        ]
    );
    app.assert_no_drift().await;
}

async fn a_ban_ends_sessions_and_refuses_taking_part(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, moderator) = staff(&app).await;
    let browser = app.register("troll@example.com", "Troll").await;
    let troll = app
        .api_token("troll@example.com", crate::helpers::GOOD_PASSWORD)
        .await;
    app.create_idea(&admin, "Dark mode", "").await;
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let troll_id = users["items"][2]["id"].as_str().expect("id").to_string();
    let admin_id = users["items"][0]["id"].as_str().expect("id").to_string();

    let path = format!("/api/v1/users/{troll_id}/ban");
    assert_eq!(
        app.send_json(Method::POST, &path, &moderator, json!({}))
            .await
            .0,
        422,
        "a reason is required"
    );
    let (status, banned) = app
        .send_json(Method::POST, &path, &moderator, json!({"reason": "abuse"}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(banned["banned"], true);
    assert_eq!(
        app.get_page(&browser, "/account").await.0,
        303,
        "the session ended"
    );
    assert_eq!(app.vote(&troll, 1, 1).await.0, 403);
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &troll,
            json!({"body": "x"})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/ideas",
            &troll,
            json!({"title": "Troll idea", "body": ""})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        app.get_json("/api/v1/ideas/1", &troll).await.0,
        200,
        "banned people still read"
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            &format!("/api/v1/users/{admin_id}/ban"),
            &moderator,
            json!({"reason": "x"})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        app.send_json(
            Method::POST,
            &format!("/api/v1/users/{troll_id}/unban"),
            &moderator,
            json!({})
        )
        .await
        .0,
        200
    );
    assert_eq!(app.vote(&troll, 1, 1).await.0, 200);
}
