//! Error pages and refusals in the request's language: a German visitor's 404, a form without
//! its token and a vote on a closed idea are answered in German, naming the status by its German
//! name, while the API answers the same refusal in English.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::languages::{browser_asking, log_in};
use crate::on_both_backends;

on_both_backends!(error_pages_and_refusals_speak_the_request_language,);

/// English words a German error page must not show.
const ENGLISH_WORDS: [&str; 6] = [
    "Page not found",
    "There is nothing here",
    "Back to the board",
    "Not allowed",
    "Log in",
    "Error 4",
];

/// Asserts `page` is a German page with none of the English words.
fn all_german(page: &str) {
    let english: Vec<_> = ENGLISH_WORDS.iter().filter(|w| page.contains(*w)).collect();
    assert!(english.is_empty(), "{english:?}: {page}");
}

async fn error_pages_and_refusals_speak_the_request_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.api_user("admin@example.com", "Admin").await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    app.create_idea(&ann, "Longer battery life", "Please").await;

    let german = browser_asking("de");
    for path in ["/ideas/999", "/no/such/page"] {
        let (status, page) = app.get_page(&german, path).await;
        assert_eq!(status, 404, "{path}");
        for shown in [
            "lang=\"de\"",
            "Seite nicht gefunden",
            "Hier gibt es nichts.",
            "Zurück zum Board",
        ] {
            assert!(page.contains(shown), "{path}: {shown}: {page}");
        }
        all_german(&page);
    }
    let (_, english) = app.get_page(&browser_asking("en"), "/ideas/999").await;
    assert!(english.contains("Page not found"), "{english}");

    let unsigned = german
        .post(app.url("/ideas/1/vote"))
        .form(&[("value", "1")])
        .send()
        .await
        .expect("POST");
    assert_eq!(unsigned.status().as_u16(), 403);
    let page = unsigned.text().await.expect("body");
    assert!(page.contains("Dieses Formular ist abgelaufen"), "{page}");
    all_german(&page);

    app.execute_sql(
        "UPDATE ideas SET status_id = (SELECT id FROM statuses WHERE slug = 'implemented') \
         WHERE number = 1"
            .into(),
    )
    .await;
    log_in(&app, &german, "bo@example.com").await;
    let refused = app
        .submit_form(&german, "/ideas/1", "/ideas/1/vote", &[("value", "1")])
        .await;
    assert_eq!(refused.status().as_u16(), 403);
    let page = refused.text().await.expect("body");
    assert!(
        page.contains("Für Ideen mit dem Status „Umgesetzt“ ist die Abstimmung geschlossen."),
        "{page}"
    );
    all_german(&page);
    let (status, answer) = app.vote(&bo, 1, 1).await;
    assert_eq!(status, 403);
    assert_eq!(
        answer["error"]["message"],
        "Voting is closed on ideas with the status “Implemented”."
    );

    // A signed-in person's own choice beats the browser's, on error pages as on the others.
    let (status, _) = app
        .send_json(Method::PATCH, "/api/v1/me", &bo, json!({"locale": "de"}))
        .await;
    assert_eq!(status, 200);
    let english_browser = browser_asking("en");
    log_in(&app, &english_browser, "bo@example.com").await;
    let missing = english_browser
        .get(app.url("/ideas/999"))
        .send()
        .await
        .expect("GET");
    assert_eq!(missing.status().as_u16(), 404);
    let vary = missing.headers()["vary"].to_str().unwrap_or("").to_string();
    assert!(
        vary.contains("Accept-Language") && vary.contains("Cookie"),
        "{vary}"
    );
    let page = missing.text().await.expect("body");
    assert!(page.contains("Seite nicht gefunden"), "{page}");
    all_german(&page);
}
