//! People's own data: a member downloads everything the board holds about them, and deletes
//! their account — their votes go and every count follows, their ideas and comments stay under
//! "deleted account" or are removed, their sessions and tokens end, and their address is in no
//! text column anywhere; administrators can do the same for any account.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::html::field_error;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_member_downloads_everything_the_board_holds_about_them,
    a_deleted_account_leaves_no_drift_and_no_address,
    removed_content_and_accounts_deleted_by_an_administrator,
    the_account_page_deletes_behind_the_password,
);

const MAX: &str = "max@example.com";

/// Max's traces: idea 1 by Pia (official answer by Pia, rated helpful by Max, a comment by Max),
/// idea 2 by Max, idea 3 by Pia demoted by Max; Max promotes 1, has a token named "laptop".
async fn max_takes_part(app: &TestApp, pia: &str, max: &str) {
    app.create_idea(pia, "Quieter keyboard", "Less clatter")
        .await;
    app.create_idea(max, "Brighter screen", "For the train")
        .await;
    app.create_idea(pia, "Remove the trackpad", "Nobody uses it")
        .await;
    app.vote(max, 1, 1).await;
    app.vote(max, 3, -1).await;
    let answer = json!({"body": "We are on it.", "official": true});
    let (status, answer) = app
        .send_json(Method::POST, "/api/v1/ideas/1/comments", pia, answer)
        .await;
    assert_eq!(status, 201);
    let (browser, _) = app.log_in(MAX, GOOD_PASSWORD).await;
    let rating = format!("/comments/{}/rating", answer["id"].as_str().expect("id"));
    let rated = app
        .submit_form(&browser, "/ideas/1", &rating, &[("helpful", "yes")])
        .await;
    assert_eq!(rated.status().as_u16(), 303);
    let (status, _) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            max,
            json!({"body": "Yes please"}),
        )
        .await;
    assert_eq!(status, 201);
}

/// The official answer's (helpful, unhelpful) counts.
async fn answer_counts(app: &TestApp) -> (i64, i64) {
    let (_, listed) = app.get_json("/api/v1/ideas/1/comments", "").await;
    let answer = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["official"] == true)
        .cloned()
        .expect("the answer");
    (
        answer["helpful"].as_i64().expect("helpful"),
        answer["unhelpful"].as_i64().expect("unhelpful"),
    )
}

async fn idea(app: &TestApp, number: i64) -> Value {
    let (status, idea) = app.get_json(&format!("/api/v1/ideas/{number}"), "").await;
    assert_eq!(status, 200, "{idea}");
    idea
}

async fn a_member_downloads_everything_the_board_holds_about_them(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    max_takes_part(&app, &pia, &max).await;
    let (status, data) = app.get_json("/api/v1/me/export", &max).await;
    assert_eq!(status, 200, "{data}");
    assert_eq!(data["account"]["email"], MAX);
    assert_eq!(data["ideas"].as_array().map(Vec::len), Some(1));
    assert_eq!(data["ideas"][0]["title"], "Brighter screen");
    assert_eq!(data["comments"][0]["body"], "Yes please");
    let voted: Vec<(i64, i64)> = data["votes"]
        .as_array()
        .expect("votes")
        .iter()
        .map(|v| {
            (
                v["idea"].as_i64().expect("n"),
                v["value"].as_i64().expect("v"),
            )
        })
        .collect();
    assert_eq!(voted, [(1, 1), (2, 1), (3, -1)]);
    assert!(data["follows"].as_array().is_some_and(|f| f.len() >= 2));
    let text = data.to_string();
    assert!(!text.contains(&max), "a token's secret is never in it");
    assert!(!text.contains("pia@example.com"), "nobody else's address");
    let (status, _) = app.get_json("/api/v1/me/export", "").await;
    assert_eq!(status, 401);

    let (browser, _) = app.log_in(MAX, GOOD_PASSWORD).await;
    let download = browser
        .get(app.url("/account/export"))
        .send()
        .await
        .expect("GET");
    assert_eq!(download.status().as_u16(), 200);
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .expect("ascii");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let file: Value = serde_json::from_str(&download.text().await.expect("body")).expect("JSON");
    assert_eq!(file["account"]["email"], MAX);
    let (_, page) = app.get_page(&browser, "/account").await;
    assert!(page.contains("href=\"/account/export\""));
}

async fn a_deleted_account_leaves_no_drift_and_no_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    app.make_role(&admin, MAX, "moderator").await;
    app.make_role(&admin, MAX, "member").await;
    max_takes_part(&app, &pia, &max).await;
    let before = (idea(&app, 1).await, idea(&app, 3).await);
    assert_eq!(
        answer_counts(&app).await,
        (1, 0),
        "Max found the answer helpful"
    );
    let (status, refused) = app
        .send_json(
            Method::DELETE,
            "/api/v1/me",
            &max,
            json!({"password": "not it"}),
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "password");
    assert_eq!(
        idea(&app, 1).await["upvotes"],
        before.0["upvotes"],
        "nothing changed"
    );

    let (status, _) = app
        .send_json(
            Method::DELETE,
            "/api/v1/me",
            &max,
            json!({"password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(status, 204);
    let (one, three) = (idea(&app, 1).await, idea(&app, 3).await);
    assert_eq!(
        one["upvotes"].as_i64(),
        before.0["upvotes"].as_i64().map(|n| n - 1)
    );
    assert_eq!(
        three["downvotes"].as_i64(),
        before.1["downvotes"].as_i64().map(|n| n - 1)
    );
    assert_eq!(
        answer_counts(&app).await,
        (0, 0),
        "the rating went with the account"
    );
    let kept = idea(&app, 2).await;
    assert_eq!(kept["title"], "Brighter screen");
    assert_eq!(kept["author"]["name"], "deleted account");
    let (_, comments) = app.get_json("/api/v1/ideas/1/comments", "").await;
    let theirs = comments["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["body"] == "Yes please")
        .cloned()
        .expect("the comment stays");
    assert_eq!(theirs["author"]["name"], "deleted account");
    assert_eq!(
        app.get_json("/api/v1/me", &max).await.0,
        401,
        "the token ended"
    );
    app.assert_no_drift().await;
    let holding = app.text_columns_holding(MAX).await;
    assert!(holding.is_empty(), "the address is still in {holding:?}");
    let (_, log) = app
        .get_json("/api/v1/audit?action=delete_account", &admin)
        .await;
    assert_eq!(log["items"].as_array().map(Vec::len), Some(1), "{log}");
    // The address is free again.
    let (browser, status) = app.log_in(MAX, GOOD_PASSWORD).await;
    assert_ne!(status, 303, "no account answers to it");
    drop(browser);
}

async fn removed_content_and_accounts_deleted_by_an_administrator(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = app.admin_product_member().await;
    max_takes_part(&app, &pia, &max).await;
    let (_, me) = app.get_json("/api/v1/me", &max).await;
    let path = format!("/api/v1/users/{}", me["id"].as_str().expect("id"));
    assert_eq!(
        app.send_json(Method::DELETE, &path, &pia, json!({}))
            .await
            .0,
        403
    );
    assert_eq!(app.get_json(&format!("{path}/export"), &pia).await.0, 403);
    let (status, data) = app.get_json(&format!("{path}/export"), &admin).await;
    assert_eq!(
        (status, data["account"]["email"].as_str()),
        (200, Some(MAX))
    );
    let (status, _) = app
        .send_json(
            Method::DELETE,
            &path,
            &admin,
            json!({"keep_content": false}),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        app.get_json("/api/v1/ideas/2", "").await.0,
        404,
        "their idea is gone"
    );
    let (_, comments) = app.get_json("/api/v1/ideas/1/comments", "").await;
    assert!(!comments.to_string().contains("Yes please"), "{comments}");
    assert_eq!(
        idea(&app, 1).await["comment_count"],
        1,
        "only the answer counts"
    );
    app.assert_no_drift().await;
    assert!(app.text_columns_holding("Brighter screen").await.is_empty());
    assert_eq!(app.get_json(&format!("{path}/export"), &admin).await.0, 404);
    assert_eq!(
        app.send_json(Method::DELETE, &path, &admin, json!({}))
            .await
            .0,
        404
    );
    // An administrator deletes their own account on the account page, not here.
    let (_, own) = app.get_json("/api/v1/me", &admin).await;
    let own = format!("/api/v1/users/{}", own["id"].as_str().expect("id"));
    let (status, refused) = app.send_json(Method::DELETE, &own, &admin, json!({})).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (409, Some("own_account"))
    );
    // The last administrator stays.
    let (status, refused) = app
        .send_json(
            Method::DELETE,
            "/api/v1/me",
            &admin,
            json!({"password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (409, Some("last_admin"))
    );
    assert_eq!(app.get_json("/api/v1/me", &admin).await.0, 200);
}

async fn the_account_page_deletes_behind_the_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    max_takes_part(&app, &pia, &max).await;
    let (browser, _) = app.log_in(MAX, GOOD_PASSWORD).await;
    let refused = app
        .submit_form(
            &browser,
            "/account",
            "/account/delete",
            &[("password", "wrong one")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert!(field_error(&page, "password").is_some(), "at the field");
    assert_eq!(
        app.get_page(&browser, "/account").await.0,
        200,
        "still signed in"
    );
    let deleted = app
        .submit_form(
            &browser,
            "/account",
            "/account/delete",
            &[("password", GOOD_PASSWORD)],
        )
        .await;
    assert_eq!(deleted.status().as_u16(), 303);
    let (_, board) = app.get_page(&browser, "/").await;
    assert!(board.contains("Your account is deleted."), "the goodbye");
    assert!(!crate::helpers::html::is_signed_in(&board));
    assert_ne!(app.get_page(&browser, "/account").await.0, 200);
    assert_eq!(app.get_json("/api/v1/me", &max).await.0, 401);

    // An administrator deletes Pia's account from the list of users.
    let (_, me) = app.get_json("/api/v1/me", &pia).await;
    let action = format!("/admin/users/{}/delete", me["id"].as_str().expect("id"));
    let (admin, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let (_, listed) = app.get_page(&admin, "/admin/users").await;
    assert!(
        listed.contains("pia@example.com") && !listed.contains(MAX),
        "Max is gone"
    );
    let lea = app.register("lea@example.com", "Lea").await;
    let by_member = app.submit_form(&lea, "/", &action, &[]).await;
    assert_eq!(by_member.status().as_u16(), 403, "only administrators");
    let deleted = app.submit_form(&admin, "/admin/users", &action, &[]).await;
    assert_eq!(deleted.status().as_u16(), 303);
    let (_, listed) = app.get_page(&admin, "/admin/users").await;
    assert!(listed.contains("The account is deleted.") && !listed.contains("pia@example.com"));
    assert_eq!(idea(&app, 1).await["author"]["name"], "deleted account");
    app.assert_no_drift().await;
}
