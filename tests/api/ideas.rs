//! Ideas: submitting, reading, editing, validation, Markdown safety, similar ideas.

use reqwest::Method;
use serde_json::json;

use crate::helpers::html::{csrf_token, field_error};
use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_submitted_idea_is_promoted_by_its_author_and_listed,
    every_invalid_idea_or_query_is_422_with_the_field_named,
    the_submit_page_offers_similar_ideas_before_submitting,
    similar_ideas_come_with_points_and_status,
    markdown_with_scripts_javascript_links_and_raw_html_comes_out_inert,
    the_author_edits_until_someone_else_takes_part,
);

async fn a_submitted_idea_is_promoted_by_its_author_and_listed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let idea = app
        .create_idea(
            &ada,
            "  Dark   mode for the dashboard ",
            "Please add a *dark* theme.",
        )
        .await;
    assert_eq!(idea["number"], 1);
    assert_eq!(idea["title"], "Dark mode for the dashboard");
    assert_eq!(
        idea["body_html"],
        "<p>Please add a <em>dark</em> theme.</p>\n"
    );
    assert_eq!(idea["author"]["name"], "Ada");
    assert_eq!(idea["status"], json!({"slug": "open", "name": "Open"}));
    assert_eq!(
        (
            idea["upvotes"].as_i64(),
            idea["downvotes"].as_i64(),
            idea["points"].as_i64()
        ),
        (Some(1), Some(0), Some(10))
    );
    assert_eq!(idea["my_vote"], 1);
    assert_eq!(idea["comment_count"], 0);
    assert_eq!(idea["merged_into"], json!(null));
    assert_eq!(idea["url"], "http://localhost/ideas/1");
    assert!(
        idea["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );

    let second = app.create_idea(&ada, "Export ideas to CSV", "").await;
    assert_eq!(second["number"], 2);
    let (status, list) = app.get_json("/api/v1/ideas", "").await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 2);
    assert_eq!(
        (list["page"].as_i64(), list["per_page"].as_i64()),
        (Some(1), Some(20))
    );
    assert_eq!(
        list["items"][0]["my_vote"],
        json!(null),
        "anonymous readers have no vote"
    );
    let (status, one) = app.get_json("/api/v1/ideas/1", &ada).await;
    assert_eq!(status, 200);
    assert_eq!(one["body"], "Please add a *dark* theme.");
    assert_eq!(app.get_json("/api/v1/ideas/99", "").await.0, 404);

    let (status, page) = app.get_page(&app.browser(), "/ideas/1").await;
    assert_eq!(status, 200);
    assert!(page.contains("Dark mode for the dashboard"));
    assert!(page.contains("<link rel=\"canonical\" href=\"http://localhost/ideas/1\">"));
    assert!(page.contains("<strong>10</strong> points"));
    assert_eq!(app.get_page(&app.browser(), "/ideas/99").await.0, 404);
    app.assert_no_drift().await;
}

async fn every_invalid_idea_or_query_is_422_with_the_field_named(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let long_title = "t".repeat(141);
    let long_body = "b".repeat(10_001);
    let cases = [
        (json!({"title": "abc", "body": ""}), "title"),
        (json!({"title": long_title, "body": ""}), "title"),
        (json!({"title": "Fine title", "body": long_body}), "body"),
        (
            json!({"title": "Fine title", "body": "", "tags": ["nope"]}),
            "tags",
        ),
    ];
    for (body, field) in cases {
        let (status, answer) = app
            .send_json(Method::POST, "/api/v1/ideas", &ada, body)
            .await;
        assert_eq!(status, 422, "{answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], field, "{answer}");
    }
    for (query, field) in [
        ("sort=best", "sort"),
        ("status=done", "status"),
        ("tag=x", "tag"),
        ("page=0", "page"),
        ("per_page=500", "per_page"),
        ("page=two", "page"),
    ] {
        let (status, answer) = app.get_json(&format!("/api/v1/ideas?{query}"), "").await;
        assert_eq!(status, 422, "{query}: {answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], field);
    }
    assert_eq!(app.count_rows("ideas").await, 0, "nothing was created");

    let browser = app.register("bo@example.com", "Bo").await;
    let response = app
        .submit_form(
            &browser,
            "/ideas/new",
            "/ideas/new",
            &[("title", "abc"), ("body", "text kept"), ("step", "submit")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.expect("body");
    assert!(field_error(&page, "title").is_some_and(|m| m.contains("at least 5")));
    assert!(page.contains("text kept"), "what was typed is kept");
    assert_eq!(app.count_rows("ideas").await, 0);

    let (status, page) = app.get_page(&browser, "/?sort=sideways").await;
    assert_eq!(status, 422);
    assert!(page.contains("Sort by popular"));
}

async fn the_submit_page_offers_similar_ideas_before_submitting(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Export reports to Excel", "").await;
    let browser = app.register("bo@example.com", "Bo").await;

    let (status, form) = app.get_page(&browser, "/ideas/new").await;
    assert_eq!(status, 200);
    let csrf = csrf_token(&form);
    let checked = browser
        .post(app.url("/ideas/new"))
        .form(&[
            ("title", "Exporting my reports"),
            ("body", ""),
            ("step", "check"),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(checked.status().as_u16(), 200);
    let page = checked.text().await.expect("body");
    assert!(page.contains("These existing ideas look similar"));
    assert!(page.contains("#1 Export reports to Excel"));
    assert!(
        page.contains("value=\"Exporting my reports\""),
        "the title is kept for the final submit"
    );
    assert_eq!(app.count_rows("ideas").await, 1, "checking submits nothing");

    let submitted = browser
        .post(app.url("/ideas/new"))
        .form(&[
            ("title", "Exporting my reports"),
            ("body", "As PDF"),
            ("step", "submit"),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(submitted.status().as_u16(), 303);
    assert_eq!(submitted.headers()["location"], "/ideas/2");
    let (_, page) = app.get_page(&browser, "/ideas/2").await;
    assert!(page.contains("Your idea is live."));
    assert!(
        page.contains("aria-pressed=\"true\""),
        "the author's own promote shows"
    );

    let (_, fragment) = app.get_page(&browser, "/ideas/similar?title=excel").await;
    assert!(
        fragment.contains("Export reports to Excel") && !fragment.contains("<html"),
        "{fragment}"
    );
}

async fn similar_ideas_come_with_points_and_status(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    for title in [
        "Dark mode for the dashboard",
        "Dark theme on mobile",
        "Export to CSV",
        "Faster search",
    ] {
        app.create_idea(&ada, title, "").await;
    }
    let (status, similar) = app
        .get_json(
            "/api/v1/ideas/similar?title=Please%20add%20a%20dark%20mode",
            "",
        )
        .await;
    assert_eq!(status, 200);
    let numbers: Vec<i64> = similar["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["number"].as_i64())
        .collect();
    assert_eq!(numbers.first(), Some(&1), "the best match first: {similar}");
    assert!(
        numbers.contains(&2) && !numbers.contains(&3) && !numbers.contains(&4),
        "{numbers:?}"
    );
    assert_eq!(similar["items"][0]["points"], 10);
    assert_eq!(similar["items"][0]["status"]["slug"], "open");
    let (_, nothing) = app
        .get_json("/api/v1/ideas/similar?title=the%20and%20a", "")
        .await;
    assert_eq!(
        nothing["items"],
        json!([]),
        "stop words alone match nothing"
    );
}

async fn markdown_with_scripts_javascript_links_and_raw_html_comes_out_inert(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let hostile = "Hi <script>alert('x')</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)> \
                   <a href=\"javascript:alert(3)\" onclick=\"steal()\">raw</a> <iframe src=\"//evil\"></iframe>";
    let idea = app
        .create_idea(&ada, "<b>Bold</b> title & more", hostile)
        .await;
    let html = idea["body_html"].as_str().expect("html");
    for bad in [
        "<script",
        "javascript:",
        "onerror",
        "onclick",
        "<iframe",
        "<img",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    let (_, page) = app.get_page(&app.browser(), "/ideas/1").await;
    for bad in [
        "<script>alert",
        "javascript:",
        "onerror",
        "onclick",
        "<iframe",
        "<b>Bold</b>",
    ] {
        assert!(!page.contains(bad), "{bad} on the page");
    }
    assert!(
        page.contains("&lt;b&gt;Bold&lt;/b&gt; title &amp; more"),
        "titles are escaped, not rendered"
    );
    let (_, comment) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &ada,
            json!({"body": "<script>x()</script>\n\n**ok**"}),
        )
        .await;
    let comment_html = comment["body_html"].as_str().expect("html");
    assert!(
        !comment_html.contains("script") && comment_html.contains("<strong>ok</strong>"),
        "{comment_html}"
    );
    let (_, board) = app.get_page(&app.browser(), "/").await;
    assert!(!board.contains("<script>alert") && !board.contains("<b>Bold"));
}

async fn the_author_edits_until_someone_else_takes_part(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&ada, "Dark mode", "first text").await;

    let (status, edited) = app
        .send_json(
            Method::PATCH,
            "/api/v1/ideas/1",
            &ada,
            json!({"body": "second text"}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["body"], "second text");
    assert_eq!(edited["title"], "Dark mode");
    let (status, _) = app
        .send_json(
            Method::PATCH,
            "/api/v1/ideas/1",
            &bo,
            json!({"title": "Hijacked"}),
        )
        .await;
    assert_eq!(status, 403, "only the author");
    let (status, answer) = app
        .send_json(
            Method::PATCH,
            "/api/v1/ideas/1",
            &ada,
            json!({"title": "no"}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(answer["error"]["fields"][0]["field"], "title");

    let browser = app
        .log_in("ada@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    let (_, page) = app.get_page(&browser, "/ideas/1").await;
    assert!(page.contains("Edit your idea") && page.contains("edited"));
    let saved = app
        .submit_form(
            &browser,
            "/ideas/1/edit",
            "/ideas/1/edit",
            &[("title", "Dark mode everywhere"), ("body", "third")],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);

    app.vote(&bo, 1, 1).await;
    let (status, answer) = app
        .send_json(
            Method::PATCH,
            "/api/v1/ideas/1",
            &ada,
            json!({"body": "fourth"}),
        )
        .await;
    assert_eq!(status, 403, "after another person's vote: {answer}");
    let (status, _) = app.get_page(&browser, "/ideas/1/edit").await;
    assert_eq!(status, 403);
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(
        (idea["title"].as_str(), idea["body"].as_str()),
        (Some("Dark mode everywhere"), Some("third"))
    );
}
