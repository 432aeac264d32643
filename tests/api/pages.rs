//! Page numbers out of range: the last page on HTML pages, a 422 naming the page in the API,
//! never an overflow or a 500, on every paginated list.

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(a_page_past_the_last_shows_the_last_page_and_the_api_refuses_it,);

const PAST_EVERY_LIST: &str = "9223372036854775807";

async fn a_page_past_the_last_shows_the_last_page_and_the_api_refuses_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("ada@example.com", "Ada").await;
    for i in 1..=25 {
        app.create_idea(&admin, &format!("Idea number {i:02}"), "")
            .await;
    }

    for path in [
        format!("/?sort=new&page={PAST_EVERY_LIST}"),
        "/?sort=new&page=3".to_string(),
        format!("/?q=idea&page={PAST_EVERY_LIST}"),
    ] {
        let (status, page) = app.get_page(&app.browser(), &path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("Page 2 of 2"), "{path}: the last page");
        assert!(
            page.contains("Idea number 01"),
            "{path}: the last page's ideas"
        );
    }

    for path in [
        format!("/api/v1/ideas?page={PAST_EVERY_LIST}"),
        "/api/v1/ideas?page=3".to_string(),
        format!("/api/v1/ideas?q=idea&page={PAST_EVERY_LIST}"),
    ] {
        let (status, answer) = app.get_json(&path, "").await;
        assert_eq!(status, 422, "{path}: {answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], "page", "{path}");
        assert_eq!(
            answer["error"]["fields"][0]["message"], "There are only 2 pages.",
            "{path}"
        );
    }

    for path in ["/api/v1/users", "/api/v1/audit"] {
        let (status, answer) = app
            .get_json(&format!("{path}?page={PAST_EVERY_LIST}"), &admin)
            .await;
        assert_eq!(status, 422, "{path}: {answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], "page", "{path}");
        let (status, answer) = app.get_json(&format!("{path}?page=1"), &admin).await;
        assert_eq!(status, 200, "{path}: {answer}");
    }

    let cookie = app.session_cookie("ada@example.com", GOOD_PASSWORD).await;
    let audit = app
        .get_as(&cookie, &format!("/mod/audit?page={PAST_EVERY_LIST}"))
        .await;
    assert_eq!(audit.status().as_u16(), 200);
}
