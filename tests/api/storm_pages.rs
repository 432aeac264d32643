//! Storm sessions through the pages: staff create one (a refused form keeps what was typed),
//! publish it, members answer it from its own board, a closed session refuses an idea at its
//! field with the idea kept, staff publish the summary, and the session has its Atom feed.

use chrono::Duration;

use crate::helpers::html::field_error;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(a_session_runs_through_its_pages);

/// A form's `datetime-local` value, this far from the app's clock.
fn local_time(app: &TestApp, from_now: Duration) -> String {
    (app.state.clock.now() + from_now)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

async fn a_session_runs_through_its_pages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, _pia, _max) = app.admin_product_member().await;
    let (pia, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    let (max, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let (status, page) = app.get_page(&max, "/storms").await;
    assert_eq!(status, 200);
    assert!(page.contains("No storm sessions yet."));
    assert!(
        !page.contains("action=\"/storms\""),
        "members get no create form"
    );

    let (starts, ends) = (
        local_time(&app, Duration::minutes(-5)),
        local_time(&app, Duration::hours(2)),
    );
    let mut fields = vec![
        ("title", "Next ultraportable"),
        ("slug", "Ultra Portable"),
        ("question", "What should it *get right*?"),
        ("starts_at", starts.as_str()),
        ("ends_at", ends.as_str()),
    ];
    let refused = app.submit_form(&pia, "/storms", "/storms", &fields).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert!(field_error(&page, "slug").is_some(), "the slug is named");
    assert!(
        page.contains("value=\"Next ultraportable\""),
        "the title is kept"
    );
    assert!(
        page.contains("What should it *get right*?"),
        "the question is kept"
    );
    assert_eq!(app.count_rows("storms").await, 0);

    fields[1] = ("slug", "ultra");
    let created = app.submit_form(&pia, "/storms", "/storms", &fields).await;
    assert_eq!(created.status().as_u16(), 303);
    let (status, _) = app.get_page(&max, "/storms/ultra").await;
    assert_eq!(status, 404, "a draft is staff's");
    let published = app
        .submit_form(&pia, "/storms/ultra", "/storms/ultra/publish", &[])
        .await;
    assert_eq!(published.status().as_u16(), 303);

    let (status, page) = app.get_page(&max, "/storms/ultra").await;
    assert_eq!(status, 200);
    assert!(page.contains("<em>get right</em>"), "the question on top");
    assert!(page.contains("href=\"/ideas/new?storm=ultra\""));
    let (_, form) = app.get_page(&max, "/ideas/new?storm=ultra").await;
    assert!(form.contains("answers the storm session “Next ultraportable”"));
    let idea = [
        ("title", "A keyboard with real travel"),
        ("body", "Please"),
        ("storm", "ultra"),
    ];
    let submitted = app
        .submit_form(&max, "/ideas/new?storm=ultra", "/ideas/new", &idea)
        .await;
    assert_eq!(submitted.status().as_u16(), 303);
    let (_, board) = app.get_page(&max, "/storms/ultra?sort=new").await;
    assert!(board.contains("A keyboard with real travel"));
    assert!(
        board.contains("href=\"/storms/ultra?sort=top\""),
        "its sorts stay on its board"
    );
    let (_, feed) = app
        .get_page(&app.browser(), "/storms/ultra/feed.atom")
        .await;
    assert!(
        feed.contains("<title>#1 A keyboard with real travel</title>"),
        "{feed}"
    );

    app.state.clock.advance(Duration::hours(3));
    let late = [
        ("title", "A late idea for the session"),
        ("body", "Hm"),
        ("storm", "ultra"),
    ];
    let refused = app
        .submit_form(&max, "/ideas/new?storm=ultra", "/ideas/new", &late)
        .await;
    assert_eq!(refused.status().as_u16(), 409);
    let page = refused.text().await.expect("page");
    assert!(
        field_error(&page, "storm").is_some_and(|e| e.contains("has closed")),
        "{page}"
    );
    assert!(
        page.contains("value=\"A late idea for the session\""),
        "the idea is kept"
    );
    assert_eq!(app.count_rows("ideas").await, 1);

    let summary = [("summary", "Keyboards **first**.")];
    let done = app
        .submit_form(&pia, "/storms/ultra", "/storms/ultra/summary", &summary)
        .await;
    assert_eq!(done.status().as_u16(), 303);
    let (_, page) = app.get_page(&app.browser(), "/storms/ultra").await;
    assert!(page.contains("Keyboards <strong>first</strong>."));
    let mail = app.smtp.wait_for("max@example.com", 1).await;
    assert!(
        mail.iter()
            .any(|m| m.subject() == "What came of “Next ultraportable”")
    );
    let (_, storm) = app.get_json("/api/v1/storms/ultra", "").await;
    assert!(storm["summary_published_at"].is_string(), "{storm}");
}
