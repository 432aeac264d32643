//! Comments: Markdown, one level of replies, edit and delete your own.

use reqwest::Method;
use serde_json::json;

use crate::helpers::html::field_error;
use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    comments_and_replies_thread_one_level_deep,
    people_edit_and_delete_only_their_own_comments,
    comment_forms_work_without_javascript,
    five_hundred_comments_come_in_pages_that_hold_every_one_once,
);

/// The ids of the comments a page shows, in order.
fn comment_ids(page: &str) -> Vec<String> {
    page.split("<article class=\"comment\" id=\"comment-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

fn next_link(page: &str) -> Option<String> {
    let at = page.find("rel=\"next\" href=\"")?;
    let rest = &page[at + "rel=\"next\" href=\"".len()..];
    Some(rest.split('"').next()?.replace("&amp;", "&"))
}

async fn five_hundred_comments_come_in_pages_that_hold_every_one_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let browser = app.register("bo@example.com", "Bo").await;
    let bo = app
        .api_token("bo@example.com", crate::helpers::GOOD_PASSWORD)
        .await;
    app.create_idea(&ada, "Dark mode", "").await;
    let body = "A thoughtful comment with **Markdown**, a [link](https://example.com) and some \
                words about why this matters to the people who use it every day.";
    let mut written = Vec::new();
    for thread in 0..200 {
        let (status, top) = app
            .send_json(
                Method::POST,
                "/api/v1/ideas/1/comments",
                &ada,
                json!({"body": body}),
            )
            .await;
        assert_eq!(status, 201, "{top}");
        written.push(top["id"].as_str().expect("id").to_string());
        if thread % 2 == 0 {
            for _ in 0..3 {
                let (status, reply) = app
                    .send_json(
                        Method::POST,
                        "/api/v1/ideas/1/comments",
                        &bo,
                        json!({"body": body, "parent_id": top["id"]}),
                    )
                    .await;
                assert_eq!(status, 201, "{reply}");
                written.push(reply["id"].as_str().expect("id").to_string());
            }
        }
    }
    assert_eq!(written.len(), 500);

    // Signed in (every comment then carries its forms), page after page by the "later" link.
    let mut seen = Vec::new();
    let mut path = Some("/ideas/1".to_string());
    let mut pages = 0;
    while let Some(here) = path {
        let (status, page) = app.get_page(&browser, &here).await;
        assert_eq!(status, 200, "{here}");
        assert!(page.len() < 100_000, "{here}: {} bytes", page.len());
        assert!(page.contains("500 comments"));
        let ids = comment_ids(&page);
        assert!(
            !ids.is_empty() && ids.len() <= 40,
            "{here}: {} comments",
            ids.len()
        );
        seen.extend(ids);
        pages += 1;
        path = next_link(&page).map(|link| link.split('#').next().unwrap_or_default().to_string());
    }
    assert_eq!(
        seen, written,
        "every comment once, oldest first, over {pages} pages"
    );

    // A link to one comment opens the page that holds it; past the last page shows the last.
    let late = &written[450];
    let (_, page) = app
        .get_page(&browser, &format!("/ideas/1?comment={late}"))
        .await;
    assert!(comment_ids(&page).contains(late));
    let (_, last) = app.get_page(&browser, "/ideas/1?comments=999").await;
    assert!(comment_ids(&last).contains(&written[499]));
    let (status, _) = app.get_page(&browser, "/ideas/1?comments=zero").await;
    assert_eq!(status, 422);
}

async fn comments_and_replies_thread_one_level_deep(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&ada, "Dark mode", "").await;

    let (status, top) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &bo,
            json!({"body": "Yes, *please*"}),
        )
        .await;
    assert_eq!(status, 201, "{top}");
    assert_eq!(top["body_html"], "<p>Yes, <em>please</em></p>\n");
    let top_id = top["id"].as_str().expect("id").to_string();
    let (status, reply) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &ada,
            json!({"body": "Thanks!", "parent_id": top_id}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, nested) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &bo,
            json!({"body": "deeper", "parent_id": reply["id"]}),
        )
        .await;
    assert_eq!(status, 422, "one level of replies only");
    assert_eq!(nested["error"]["fields"][0]["field"], "parent_id");
    let (status, empty) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &bo,
            json!({"body": "  "}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(empty["error"]["fields"][0]["field"], "body");
    assert_eq!(
        app.send_json(
            Method::POST,
            "/api/v1/ideas/9/comments",
            &bo,
            json!({"body": "x"})
        )
        .await
        .0,
        404
    );

    let (_, list) = app.get_json("/api/v1/ideas/1/comments", "").await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(list["items"][0]["replies"][0]["body"], "Thanks!");
    let (_, idea) = app.get_json("/api/v1/ideas/1", &bo).await;
    assert_eq!(idea["comment_count"], 2);
    // Commenting follows the idea.
    let (_, followed) = app.get_json("/api/v1/ideas/1", &bo).await;
    assert_eq!(followed["number"], 1);
    assert_eq!(app.count_rows("subscriptions").await, 2);
    app.assert_no_drift().await;
}

async fn people_edit_and_delete_only_their_own_comments(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&ada, "Dark mode", "").await;
    let (_, first) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &bo,
            json!({"body": "first"}),
        )
        .await;
    let first_id = first["id"].as_str().expect("id").to_string();
    let (_, second) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &bo,
            json!({"body": "second"}),
        )
        .await;
    let second_id = second["id"].as_str().expect("id").to_string();
    app.send_json(
        Method::POST,
        "/api/v1/ideas/1/comments",
        &ada,
        json!({"body": "reply", "parent_id": first_id}),
    )
    .await;

    let path = format!("/api/v1/comments/{first_id}");
    assert_eq!(
        app.send_json(Method::PATCH, &path, &ada, json!({"body": "hijack"}))
            .await
            .0,
        403
    );
    let (status, edited) = app
        .send_json(Method::PATCH, &path, &bo, json!({"body": "first, edited"}))
        .await;
    assert_eq!(status, 200);
    assert!(edited["edited_at"].is_string());
    assert_eq!(
        app.send_json(Method::DELETE, &path, &ada, json!({}))
            .await
            .0,
        403
    );

    // With a reply: a placeholder stays. Without: gone.
    assert_eq!(
        app.send_json(Method::DELETE, &path, &bo, json!({})).await.0,
        204
    );
    assert_eq!(
        app.send_json(
            Method::DELETE,
            &format!("/api/v1/comments/{second_id}"),
            &bo,
            json!({})
        )
        .await
        .0,
        204
    );
    assert_eq!(
        app.send_json(Method::DELETE, &path, &bo, json!({})).await.0,
        404,
        "already deleted"
    );
    let (_, list) = app.get_json("/api/v1/ideas/1/comments", "").await;
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["deleted"], true);
    assert_eq!(items[0]["body"], "");
    assert_eq!(items[0]["replies"][0]["body"], "reply");
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(idea["comment_count"], 1, "only the reply still counts");
    let (_, page) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(page.contains("Comment deleted.") && !page.contains("first, edited"));
    app.assert_no_drift().await;
}

async fn comment_forms_work_without_javascript(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Dark mode", "").await;
    let browser = app.register("bo@example.com", "Bo").await;

    let empty = app
        .submit_form(&browser, "/ideas/1", "/ideas/1/comments", &[("body", "")])
        .await;
    assert_eq!(empty.status().as_u16(), 422);
    assert!(field_error(&empty.text().await.expect("body"), "body").is_some());

    let posted = app
        .submit_form(
            &browser,
            "/ideas/1",
            "/ideas/1/comments",
            &[("body", "From a **form**")],
        )
        .await;
    assert_eq!(posted.status().as_u16(), 303);
    let location = posted.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string();
    // The page that holds the new comment, scrolled to it.
    let (query, anchor) = location.split_once('#').expect("an anchor");
    let comment_id = anchor.trim_start_matches("comment-").to_string();
    assert_eq!(query, format!("/ideas/1?comment={comment_id}"));
    let (_, page) = app.get_page(&browser, "/ideas/1").await;
    assert!(page.contains("From a <strong>form</strong>"));
    assert!(page.contains("1 comment<"));

    let edit_path = format!("/comments/{comment_id}/edit");
    let edited = app
        .submit_form(
            &browser,
            &edit_path,
            &edit_path,
            &[("body", "Edited by form")],
        )
        .await;
    assert_eq!(edited.status().as_u16(), 303);
    let (_, page) = app.get_page(&browser, "/ideas/1").await;
    assert!(page.contains("Edited by form") && page.contains("· edited"));

    let delete_path = format!("/comments/{comment_id}/delete");
    let deleted = app
        .submit_form(&browser, "/ideas/1", &delete_path, &[])
        .await;
    assert_eq!(deleted.status().as_u16(), 303);
    let (_, page) = app.get_page(&browser, "/ideas/1").await;
    assert!(!page.contains("Edited by form") && page.contains("0 comments<"));
}
