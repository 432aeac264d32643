//! Ideas in action: a release note names the ideas it delivers, may set them to Implemented in
//! the same step, and tells each person who promoted, follows or commented on one of them once;
//! `/changelog`, the board's counter and the idea page show what shipped.

use reqwest::Method;
use serde_json::json;

use crate::helpers::html::field_error;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_note_linking_three_ideas_sends_each_person_one_mail,
    bad_notes_and_members_change_nothing,
    what_shipped_shows_on_the_pages,
);

/// The subjects `email` received.
fn subjects(app: &TestApp, email: &str) -> Vec<String> {
    app.smtp
        .received_by(email)
        .iter()
        .map(|m| m.subject())
        .collect()
}

async fn a_note_linking_three_ideas_sends_each_person_one_mail(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, _) = app.admin_product_member().await;
    let ola = app.api_user("ola@example.com", "Ola").await;
    let lea = app.api_user("lea@example.com", "Lea").await;
    let max = app.api_user("max2@example.com", "Max").await;
    let tim = app.api_user("tim@example.com", "Tim").await;
    let kim = app.api_user("kim@example.com", "Kim").await;
    for title in [
        "Longer battery life",
        "A brighter screen",
        "Quieter fans please",
    ] {
        app.create_idea(&ola, title, "Please").await;
    }
    // Lea promotes all three; Max comments on #2; Tim follows #3; Kim only demotes #1.
    for number in 1..=3 {
        assert_eq!(app.vote(&lea, number, 1).await.0, 200);
    }
    let comment = json!({"body": "Yes please"});
    let (status, _) = app
        .send_json(Method::POST, "/api/v1/ideas/2/comments", &max, comment)
        .await;
    assert_eq!(status, 201);
    let follow = json!({"subscribed": true});
    let (status, _) = app
        .send_json(Method::PUT, "/api/v1/ideas/3/subscription", &tim, follow)
        .await;
    assert_eq!(status, 200);
    assert_eq!(app.vote(&kim, 1, -1).await.0, 200);

    let note = json!({
        "title": "Firmware 2.1",
        "body": "Batteries last **longer**, screens are brighter, fans quieter.",
        "ideas": [1, 2, 3, 2],
        "implement": true,
    });
    let (status, published) = app
        .send_json(Method::POST, "/api/v1/changelog", &pia, note)
        .await;
    assert_eq!(status, 201, "{published}");
    let delivered: Vec<i64> = published["ideas"]
        .as_array()
        .expect("ideas")
        .iter()
        .filter_map(|i| i["number"].as_i64())
        .collect();
    assert_eq!(delivered, [1, 2, 3]);
    assert_eq!(published["ideas"][0]["status"]["slug"], "implemented");

    app.smtp.wait_for("lea@example.com", 1).await;
    app.outbox_drained().await;
    for (email, expected) in [
        ("ola@example.com", 1),
        ("lea@example.com", 1),
        ("max2@example.com", 1),
        ("tim@example.com", 1),
        ("kim@example.com", 0),
        ("pia@example.com", 0),
    ] {
        assert_eq!(
            subjects(&app, email),
            vec!["Shipped: Firmware 2.1"; expected],
            "{email}"
        );
    }
    let mail = &app.smtp.received_by("lea@example.com")[0];
    let text = mail.text();
    for line in [
        "#1 Longer battery life",
        "#2 A brighter screen",
        "#3 Quieter fans please",
    ] {
        assert!(text.contains(line), "{text}");
    }
    assert!(mail.html().contains("<strong>longer</strong>"));
    assert!(mail.link_containing("/unsubscribe/").is_some());

    let (_, idea) = app.get_json("/api/v1/ideas/2", "").await;
    assert_eq!(idea["status"]["slug"], "implemented");
    let history = idea["status_history"].as_array().expect("history");
    assert!(history.iter().any(|c| {
        c["note"]
            .as_str()
            .is_some_and(|n| n.contains("fans quieter"))
    }));
    let (_, listed) = app.get_json("/api/v1/changelog", "").await;
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["implemented"], 3);
    let id = published["id"].as_str().expect("id");
    let (status, one) = app.get_json(&format!("/api/v1/changelog/{id}"), "").await;
    assert_eq!(status, 200);
    assert_eq!(one["title"], "Firmware 2.1");
}

async fn bad_notes_and_members_change_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, pia, max) = app.admin_product_member().await;
    app.create_idea(&max, "Longer battery life", "Please").await;
    let good = json!({"title": "Firmware 2.1", "body": "Shipped", "ideas": [1], "implement": true});
    let (status, _) = app
        .send_json(Method::POST, "/api/v1/changelog", &max, good)
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .send_json(Method::POST, "/api/v1/changelog", &max, json!({}))
        .await;
    assert_eq!(status, 403, "permission before the fields");

    let unknown =
        json!({"title": "Firmware 2.1", "body": "Shipped", "ideas": [1, 99], "implement": true});
    let (status, refused) = app
        .send_json(Method::POST, "/api/v1/changelog", &pia, unknown)
        .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "ideas");
    assert!(
        refused["error"]["fields"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("#99"))
    );
    let (status, refused) = app
        .send_json(
            Method::POST,
            "/api/v1/changelog",
            &pia,
            json!({"title": " ", "body": "x", "date": "31.12."}),
        )
        .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = refused["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["title", "date"]);
    let long = json!({"title": "Firmware 2.1", "body": "x".repeat(5_001), "ideas": [1], "implement": true});
    let (status, refused) = app
        .send_json(Method::POST, "/api/v1/changelog", &pia, long)
        .await;
    assert_eq!(
        status, 422,
        "the body would be a status note over 5,000 characters"
    );
    assert_eq!(refused["error"]["fields"][0]["field"], "body");
    assert_eq!(app.count_rows("release_notes").await, 0);
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(idea["status"]["slug"], "open", "no status changed");
    let (status, _) = app.get_json("/api/v1/changelog?page=0", "").await;
    assert_eq!(status, 422);
    let (status, _) = app.get_json("/api/v1/changelog/nope", "").await;
    assert_eq!(status, 404);
}

async fn what_shipped_shows_on_the_pages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, _pia, max) = app.admin_product_member().await;
    app.create_idea(&max, "Longer battery life", "Please").await;
    let (pia, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    let (status, page) = app.get_page(&app.browser(), "/changelog").await;
    assert_eq!(status, 200);
    assert!(page.contains("Nothing shipped yet."));
    assert!(
        !page.contains("action=\"/changelog\""),
        "visitors get no form"
    );

    let (member, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let typed = [
        ("title", "Mine"),
        ("body", "Mine"),
        ("ideas", "not a number"),
    ];
    let refused = app
        .submit_form(&member, "/changelog", "/changelog", &typed)
        .await;
    assert_eq!(
        refused.status().as_u16(),
        403,
        "who may publish is asked first"
    );
    let typed = [
        ("title", "Firmware 2.1"),
        ("body", "Longer **battery**"),
        ("ideas", "1, seven"),
        ("implement", "on"),
    ];
    let refused = app
        .submit_form(&pia, "/changelog", "/changelog", &typed)
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert!(
        field_error(&page, "ideas").is_some_and(|e| e.contains("seven")),
        "{page}"
    );
    assert!(
        page.contains("value=\"1, seven\""),
        "what was typed is kept"
    );

    let typed = [
        ("title", "Firmware 2.1"),
        ("body", "Longer **battery**"),
        ("ideas", "#1"),
        ("implement", "on"),
    ];
    let published = app
        .submit_form(&pia, "/changelog", "/changelog", &typed)
        .await;
    assert_eq!(published.status().as_u16(), 303);
    let (_, page) = app.get_page(&app.browser(), "/changelog").await;
    assert!(page.contains("Longer <strong>battery</strong>"));
    assert!(page.contains("1 idea implemented since"), "{page}");
    let (_, board) = app.get_page(&app.browser(), "/").await;
    assert!(
        board.contains("1 idea implemented since"),
        "the board's counter"
    );
    let (_, idea) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(idea.contains("Delivered in"), "{idea}");
    let (_, feed) = app.get_page(&app.browser(), "/changelog/feed.atom").await;
    assert!(feed.contains("<title>Firmware 2.1</title>"), "{feed}");
}
