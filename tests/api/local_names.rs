//! Names per language for statuses and tags: the shipped statuses come in English and German,
//! staff give their own statuses and tags a name per language through the API and the forms,
//! each page shows its language's name, and a refused name changes nothing.

use reqwest::Method;
use serde_json::json;

use crate::cli::{demo_password, ideaboard_with};
use crate::helpers::{Backend, TestApp};
use crate::languages::{browser_asking, log_in};
use crate::on_both_backends;

on_both_backends!(
    each_page_shows_the_names_of_its_own_language,
    staff_name_statuses_and_tags_per_language_in_the_forms,
    a_name_in_an_unknown_language_or_too_long_changes_nothing,
    the_german_demo_board_speaks_german_and_names_its_tags_in_english_too,
);

/// A browser that asks for `accept_language`, signed in as `email`.
async fn signed_in_browser(app: &TestApp, email: &str, accept_language: &str) -> reqwest::Client {
    let browser = browser_asking(accept_language);
    log_in(app, &browser, email).await;
    browser
}

async fn each_page_shows_the_names_of_its_own_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Longer battery life", "Please").await;
    let (status, tag) = app
        .send_json(
            Method::POST,
            "/api/v1/tags",
            &admin,
            json!({"name": "Battery", "names": {"de": "Akku"}}),
        )
        .await;
    assert_eq!(status, 201, "{tag}");
    assert_eq!(tag["names"], json!({"de": "Akku"}));
    let (status, _) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/1/tags",
            &admin,
            json!({"tags": ["battery"]}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, planned) = app
        .send_json(
            Method::PATCH,
            "/api/v1/statuses/planned",
            &admin,
            json!({"names": {"de": "Eingeplant"}}),
        )
        .await;
    assert_eq!(status, 200, "{planned}");
    assert_eq!(planned["names"], json!({"de": "Eingeplant"}));
    let (status, _) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/1/status",
            &admin,
            json!({"status": "planned", "note": "Coming in spring."}),
        )
        .await;
    assert_eq!(status, 200);

    let german = browser_asking("de");
    let english = app.browser();
    for (browser, shows, never) in [
        (
            &german,
            ["#Akku", ">Eingeplant<"],
            ["#Battery", ">Planned<"],
        ),
        (
            &english,
            ["#Battery", ">Planned<"],
            ["#Akku", ">Eingeplant<"],
        ),
    ] {
        for path in ["/", "/ideas/1"] {
            let (status, page) = app.get_page(browser, path).await;
            assert_eq!(status, 200);
            for name in shows {
                assert!(page.contains(name), "{path} lacks {name}: {page}");
            }
            for name in never {
                assert!(!page.contains(name), "{path} shows {name}");
            }
        }
    }
    let (_, roadmap) = app.get_page(&german, "/roadmap").await;
    assert!(roadmap.contains("Eingeplant"), "{roadmap}");
    assert!(roadmap.contains("In Prüfung"), "a shipped status in German");
    let (_, filter) = app.get_page(&german, "/?status=open").await;
    assert!(
        filter.contains(">Offen<") && filter.contains(">Akku<"),
        "{filter}"
    );
    // The audit log names what staff called things, in every language.
    let (_, log) = app
        .get_json("/api/v1/audit?action=update_status", &admin)
        .await;
    assert_eq!(log["items"][0]["subject"], "Planned (de: Eingeplant)");
    let (_, log) = app
        .get_json("/api/v1/audit?action=create_tag", &admin)
        .await;
    assert_eq!(log["items"][0]["subject"], "Battery (de: Akku)");
}

async fn staff_name_statuses_and_tags_per_language_in_the_forms(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let browser = signed_in_browser(&app, "admin@example.com", "en").await;
    let response = app
        .submit_form(
            &browser,
            "/admin/statuses",
            "/admin/statuses",
            &[
                ("name", "Shipped soon"),
                ("name_de", "Kommt bald"),
                ("name_en", ""),
                ("color", "#2f855a"),
                ("kind", "active"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let (_, statuses) = app.get_json("/api/v1/statuses", &admin).await;
    let shipped_soon = statuses["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|s| s["slug"] == "shipped-soon")
        .expect("the new status")
        .clone();
    assert_eq!(shipped_soon["names"], json!({"de": "Kommt bald"}));
    let (_, page) = app.get_page(&browser, "/admin/statuses").await;
    assert!(
        page.contains(r#"name="name_de" value="Kommt bald""#),
        "{page}"
    );

    let response = app
        .submit_form(
            &browser,
            "/mod/tags",
            "/mod/tags",
            &[
                ("name", "Keyboard"),
                ("name_de", "Tastatur"),
                ("color", "#2b6cb0"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let response = app
        .submit_form(
            &browser,
            "/mod/tags",
            "/mod/tags/keyboard",
            &[
                ("name", "Keyboard"),
                ("name_de", "Tastaturen"),
                ("color", "#2b6cb0"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let (_, tags) = app.get_json("/api/v1/tags", "").await;
    assert_eq!(tags["items"][0]["names"], json!({"de": "Tastaturen"}));
    let german = signed_in_browser(&app, "admin@example.com", "de").await;
    let (_, page) = app.get_page(&german, "/mod/tags").await;
    assert!(page.contains("#Tastaturen"), "{page}");
    assert!(page.contains("Name auf Deutsch"), "{page}");
}

async fn a_name_in_an_unknown_language_or_too_long_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let (status, body) = app
        .send_json(
            Method::PATCH,
            "/api/v1/statuses/planned",
            &admin,
            json!({"name": "Scheduled", "names": {"xx": "Plan"}}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "names", "{body}");
    let (status, body) = app
        .send_json(
            Method::POST,
            "/api/v1/tags",
            &admin,
            json!({"name": "Battery", "names": {"de": "A".repeat(41)}}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (_, statuses) = app.get_json("/api/v1/statuses", &admin).await;
    assert!(
        statuses.to_string().contains(r#""name":"Planned""#),
        "unchanged: {statuses}"
    );
    let (_, tags) = app.get_json("/api/v1/tags", "").await;
    assert_eq!(tags["items"], json!([]));

    let browser = signed_in_browser(&app, "admin@example.com", "de").await;
    let long = "B".repeat(41);
    let response = app
        .submit_form(
            &browser,
            "/mod/tags",
            "/mod/tags",
            &[("name", "Battery"), ("name_de", long.as_str())],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.expect("page");
    assert!(
        page.contains("Ein Name auf Deutsch hat höchstens 40 Zeichen."),
        "{page}"
    );
    assert!(
        page.contains(&format!(r#"value="{long}""#)),
        "the typed name is kept"
    );
    let (_, tags) = app.get_json("/api/v1/tags", "").await;
    assert_eq!(tags["items"], json!([]));
}

async fn the_german_demo_board_speaks_german_and_names_its_tags_in_english_too(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let refused = ideaboard_with(
        &app.db_url,
        &["seed", "--demo", "--locale", "fr"],
        None,
        &[],
    )
    .await;
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(
        refused.stderr.contains("--locale must be one of en, de"),
        "{}",
        refused.stderr
    );
    let (_, list) = app.get_json("/api/v1/ideas", "").await;
    assert_eq!(list["total"], 0, "a refused language seeds nothing");

    let demo = ideaboard_with(
        &app.db_url,
        &["seed", "--demo", "--locale", "de"],
        None,
        &[],
    )
    .await;
    assert_eq!(demo.code, 0, "{}", demo.stderr);
    assert!(demo.stdout.contains("Anna Admin"), "{}", demo.stdout);
    assert!(
        demo.stdout
            .contains("DEFAULT_LOCALE=de SEARCH_LANGUAGE=german"),
        "the board here speaks English, so the command says how to serve the demo: {}",
        demo.stdout
    );
    let (_, german) = app.get_page(&browser_asking("de"), "/ideas/1").await;
    for shown in [
        "Dunkelmodus für die ganze App",
        "Oberfläche",
        "Geplant",
        "Das steht für das nächste Quartal auf unserer Roadmap.",
        "Wir haben mit den Entwürfen angefangen",
        "Bereich: Bedienung",
    ] {
        assert!(german.contains(shown), "{shown}: {german}");
    }
    let (_, english) = app.get_page(&browser_asking("en"), "/ideas/1").await;
    assert!(english.contains("User interface"), "{english}");
    assert!(!english.contains("Oberfläche"), "{english}");
    let moderator = demo_password(&demo.stdout, "moderator@demo.example");
    let moderator = app.log_in("moderator@demo.example", &moderator).await.0;
    let (_, flags) = app.get_page(&moderator, "/mod/flags").await;
    assert!(flags.contains("Unhöflich und am Thema vorbei"), "{flags}");
    // The demo's emails are written in its language, though this board speaks English.
    app.state.wake_senders();
    let mail = app.smtp.wait_for("kim@demo.example", 2).await;
    assert!(
        mail.iter()
            .any(|m| m.subject() == "#1 „Dunkelmodus für die ganze App“ ist jetzt Geplant"),
        "{:?}",
        mail.iter().map(|m| m.subject()).collect::<Vec<_>>()
    );
}
