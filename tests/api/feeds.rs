//! Atom feeds: well-formed, with the right entries, links and dates.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    feeds_are_well_formed_atom_with_links_and_dates,
    a_feed_speaks_the_language_its_address_asks_for,
);

async fn feed(app: &TestApp, path: &str) -> (u16, String) {
    let response = app
        .api_client()
        .get(app.url(path))
        .send()
        .await
        .expect("GET");
    let status = response.status().as_u16();
    if status == 200 {
        assert_eq!(
            response.headers()["content-type"],
            "application/atom+xml; charset=utf-8"
        );
    }
    (status, response.text().await.expect("body"))
}

/// (title, link href, updated) of each entry, after checking the feed itself.
fn entries(xml: &str, self_href: &str) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.tag_name().name() == name)
            .map(|c| c.text().unwrap_or("").to_string())
    };
    assert!(child(feed, "title").is_some() && child(feed, "id").is_some());
    let updated = child(feed, "updated").expect("feed updated");
    assert!(
        chrono::DateTime::parse_from_rfc3339(&updated).is_ok(),
        "{updated}"
    );
    assert!(feed.children().any(|c| c.tag_name().name() == "link"
        && c.attribute("rel") == Some("self")
        && c.attribute("href") == Some(self_href)));
    feed.children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|entry| {
            let link = entry
                .children()
                .find(|c| c.tag_name().name() == "link")
                .and_then(|l| l.attribute("href"))
                .unwrap_or("")
                .to_string();
            let updated = child(entry, "updated").unwrap_or_default();
            assert!(
                chrono::DateTime::parse_from_rfc3339(&updated).is_ok(),
                "{updated}"
            );
            assert!(
                child(entry, "id").is_some()
                    && entry.children().any(|c| c.tag_name().name() == "author")
            );
            (child(entry, "title").unwrap_or_default(), link, updated)
        })
        .collect()
}

/// The tag `mobile` (`tag` is its body), then `ideas` (the last one tagged `mobile`), then idea #1
/// planned with `note`.
async fn tagged_board(app: &TestApp, tag: serde_json::Value, ideas: &[(&str, &str)], note: &str) {
    let admin = app.api_user("admin@example.com", "Admin").await;
    app.send_json(Method::POST, "/api/v1/tags", &admin, tag)
        .await;
    for (i, (title, body)) in ideas.iter().enumerate() {
        let tags = if i + 1 == ideas.len() {
            vec!["mobile"]
        } else {
            Vec::new()
        };
        app.send_json(
            Method::POST,
            "/api/v1/ideas",
            &admin,
            json!({"title": title, "body": body, "tags": tags}),
        )
        .await;
    }
    app.send_json(
        Method::PUT,
        "/api/v1/ideas/1/status",
        &admin,
        json!({"status": "planned", "note": note}),
    )
    .await;
}

async fn feeds_are_well_formed_atom_with_links_and_dates(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    tagged_board(
        &app,
        json!({"name": "mobile"}),
        &[
            ("Dark mode & <themes>", "Please \"quote\" me"),
            ("Offline on phones", ""),
        ],
        "Coming in **May** & June",
    )
    .await;

    let (status, xml) = feed(&app, "/feeds/ideas.atom").await;
    assert_eq!(status, 200);
    let newest = entries(&xml, "http://localhost/feeds/ideas.atom");
    assert_eq!(newest.len(), 2);
    assert_eq!(newest[0].0, "#2 Offline on phones", "newest first");
    assert_eq!(
        newest[1].0, "#1 Dark mode & <themes>",
        "text survives escaping"
    );
    assert_eq!(newest[1].1, "http://localhost/ideas/1");

    let (_, xml) = feed(&app, "/feeds/status.atom").await;
    let changes = entries(&xml, "http://localhost/feeds/status.atom");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].0, "#1 Dark mode & <themes> is now Planned");
    assert!(
        xml.contains("<summary>Coming in May &amp; June</summary>"),
        "the note as text, not Markdown: {xml}"
    );

    let (_, xml) = feed(&app, "/feeds/tags/mobile.atom").await;
    let tagged = entries(&xml, "http://localhost/feeds/tags/mobile.atom");
    assert_eq!(
        tagged.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(),
        ["#2 Offline on phones"]
    );
    assert_eq!(feed(&app, "/feeds/tags/none.atom").await.0, 404);

    let (_, page) = app.get_page(&app.browser(), "/").await;
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Newest ideas\" href=\"/feeds/ideas.atom\">"));
}

async fn a_feed_speaks_the_language_its_address_asks_for(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    tagged_board(
        &app,
        json!({"name": "Mobile", "names": {"de": "Mobil"}}),
        &[("Offline on phones", "")],
        "Soon",
    )
    .await;

    let (status, xml) = feed(&app, "/feeds/status.atom?lang=de").await;
    assert_eq!(status, 200);
    let changes = entries(&xml, "http://localhost/feeds/status.atom?lang=de");
    assert_eq!(changes[0].0, "#1 „Offline on phones“ ist jetzt Geplant");
    assert!(xml.contains("xml:lang=\"de\""), "{xml}");
    assert!(
        xml.contains("<title>Ideaboard — Statusänderungen</title>"),
        "{xml}"
    );
    let (_, xml) = feed(&app, "/feeds/tags/mobile.atom?lang=de").await;
    assert!(
        xml.contains("<title>Ideaboard — neueste Ideen mit dem Schlagwort Mobil</title>"),
        "{xml}"
    );
    let (_, english) = feed(&app, "/feeds/status.atom").await;
    assert!(
        english.contains("is now Planned"),
        "kept apart per language: {english}"
    );

    let (status, refused) = feed(&app, "/feeds/ideas.atom?lang=fr").await;
    assert_eq!(status, 400);
    assert!(refused.contains("There is no feed in “fr”"), "{refused}");

    let (_, page) = app
        .get_page(&crate::languages::browser_asking("de"), "/")
        .await;
    assert!(
        page.contains("title=\"Neueste Ideen\" href=\"/feeds/ideas.atom?lang=de\""),
        "{page}"
    );
}
