//! German and English: the language a page is written in (the visitor's choice in the footer,
//! else the browser's, else the board default), `<html lang>`, one kept page per language, and
//! the one-time confirmations.

use reqwest::Method;
use reqwest::header::{ACCEPT_LANGUAGE, HeaderMap, HeaderValue};
use reqwest::redirect::Policy;
use serde_json::json;

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_german_browser_gets_the_board_in_german,
    a_german_visitor_s_forms_say_everything_in_german,
    a_german_member_s_own_pages_are_german,
    the_footer_choice_beats_the_browser_and_each_language_keeps_its_own_page,
    a_person_s_own_language_beats_the_footer_choice_and_the_browser,
    each_follower_is_emailed_in_their_own_language,
    a_german_moderator_s_tools_are_german,
);

/// Words of the English board that a German page must not show (user content aside).
const ENGLISH_WORDS: [&str; 12] = [
    "Submit an idea",
    "Search ideas",
    "Any status",
    "Any tag",
    "Popular",
    "Most discussed",
    "Log in",
    "Register",
    "Skip to content",
    " ideas<",
    " points<",
    " comments<",
];

/// Logs `browser` in as `email` through the log-in form.
pub(crate) async fn log_in(app: &TestApp, browser: &reqwest::Client, email: &str) {
    let response = app
        .submit_form(
            browser,
            "/login",
            "/login",
            &[("email", email), ("password", GOOD_PASSWORD)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303, "{email} logs in");
}

/// A browser that asks for `accept_language`.
pub(crate) fn browser_asking(accept_language: &str) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert(
        ACCEPT_LANGUAGE,
        HeaderValue::from_str(accept_language).expect("header"),
    );
    reqwest::Client::builder()
        .no_gzip()
        .cookie_store(true)
        .redirect(Policy::none())
        .default_headers(headers)
        .build()
        .expect("client")
}

async fn a_german_browser_gets_the_board_in_german(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    app.create_idea(&admin, "Längere Akkulaufzeit", "Bitte")
        .await;
    let german = browser_asking("de-DE,de;q=0.9,en;q=0.5");
    for path in ["/", "/?sort=new", "/?q=akku"] {
        let (status, page) = app.get_page(&german, path).await;
        assert_eq!(status, 200);
        assert!(page.contains(r#"<html lang="de">"#), "{path}: {page}");
        assert!(
            page.contains("Idee einreichen") && page.contains("Anmelden"),
            "{path}: {page}"
        );
        let english: Vec<_> = ENGLISH_WORDS
            .iter()
            .filter(|word| page.contains(*word))
            .collect();
        assert!(english.is_empty(), "{path} shows {english:?}: {page}");
    }
    let (_, board) = app.get_page(&german, "/").await;
    assert!(
        board.contains("1 Idee<") && board.contains("gerade eben"),
        "{board}"
    );
    assert!(board.contains("<strong>10</strong> Punkte") && board.contains("Beliebt"));
    assert!(
        board.contains(">Offen</span>")
            && board.contains(r#"<option value="planned">Geplant</option>"#),
        "the shipped statuses have German names: {board}"
    );

    let (_, english) = app.get_page(&app.browser(), "/").await;
    assert!(english.contains(r#"<html lang="en">"#) && english.contains("1 idea<"));
}

async fn a_german_visitor_s_forms_say_everything_in_german(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    app.create_idea(&admin, "Längere Akkulaufzeit", "Bitte")
        .await;
    let german = browser_asking("de-DE,de;q=0.9,en;q=0.5");
    // A refused registration says why in German, at the fields.
    let refused = app
        .submit_form(
            &german,
            "/register",
            "/register",
            &[("email", "nobody"), ("name", ""), ("password", "kurz")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    for german_words in [
        "<title>Fehler: Konto anlegen",
        "Bitte korrigiere Folgendes:",
        "Gib eine E-Mail-Adresse wie name@example.com ein.",
        "Gib den Namen ein, den andere sehen.",
        "Verwende mindestens 12 Zeichen.",
    ] {
        assert!(page.contains(german_words), "lacks {german_words}: {page}");
    }

    for (path, german_words, english_words) in [
        (
            "/login",
            &["Passwort vergessen?", "E-Mail", "Konto anlegen"][..],
            &[
                "Forgot your password",
                "Create an account",
                ">Email<",
                ">Password<",
            ][..],
        ),
        (
            "/register",
            &["Anzeigename", "Schon ein Konto?"][..],
            &["Display name", "Already have an account", "characters"][..],
        ),
        (
            "/roadmap",
            &["Wo die Ideen stehen", "Noch nichts."][..],
            &["Where ideas stand", "Nothing yet", " points<"][..],
        ),
        (
            "/reset",
            &["Passwort zurücksetzen", "Link senden"][..],
            &["Reset your password", "Send the link"][..],
        ),
    ] {
        let (_, page) = app.get_page(&german, path).await;
        for word in german_words {
            assert!(page.contains(word), "{path} lacks {word}: {page}");
        }
        for word in english_words {
            assert!(!page.contains(word), "{path} shows {word}: {page}");
        }
    }
}

async fn a_german_member_s_own_pages_are_german(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    app.create_idea(&admin, "Längere Akkulaufzeit", "Bitte")
        .await;
    // Signed in, the confirmation is German too.
    let signed_in = browser_asking("de");
    log_in(&app, &signed_in, "admin@example.com").await;
    let (_, board) = app.get_page(&signed_in, "/").await;
    assert!(board.contains("Du bist angemeldet."), "{board}");
    assert!(board.contains("Konto (Admin)") && board.contains("Abmelden"));
    let (_, idea) = app.get_page(&signed_in, "/ideas/1").await;
    for word in [
        "Eingereicht",
        "0 Kommentare",
        "Kommentar schreiben",
        "folgen",
        "Melden",
    ] {
        assert!(idea.contains(word), "/ideas/1 lacks {word}: {idea}");
    }
    for word in [
        "Submitted",
        "0 comments",
        "Add a comment",
        ">Follow<",
        ">Flag<",
    ] {
        assert!(!idea.contains(word), "/ideas/1 shows {word}: {idea}");
    }
    let refused = app
        .submit_form(
            &signed_in,
            "/ideas/new",
            "/ideas/new",
            &[("title", "abc"), ("body", ""), ("step", "submit")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert!(
        page.contains("<title>Fehler: Idee einreichen")
            && page.contains("Gib deiner Idee einen Titel mit mindestens 5 Zeichen.")
            && page.contains(r#"value="abc""#),
        "{page}"
    );
    let (_, notifications) = app.get_page(&signed_in, "/account/notifications").await;
    assert!(
        notifications.contains("Tägliche Zusammenfassung")
            && !notifications.contains("Daily digest"),
        "{notifications}"
    );
    // The admin's own pages too.
    for (path, german) in [
        ("/admin", "Wartet auf dich"),
        ("/admin/users", "Dabei seit"),
        ("/admin/statuses", "Einen Status hinzufügen"),
        ("/admin/mail", "Eine Test-E-Mail senden"),
        ("/admin/export", "Die besten Ideen exportieren"),
    ] {
        let (status, page) = app.get_page(&signed_in, path).await;
        assert_eq!(status, 200);
        assert!(page.contains(german), "{path} lacks {german}: {page}");
        for english in [
            "Waiting for you",
            ">Users<",
            "Email delivery",
            "Add a status",
            "Send a test email",
            "Export top ideas",
            ">Save<",
        ] {
            assert!(!page.contains(english), "{path} shows {english}: {page}");
        }
    }
    let (_, account) = app.get_page(&signed_in, "/account").await;
    assert!(account.contains("Dein Konto") && account.contains("Für Entwickler"));
    for word in [
        "Change password",
        "API tokens",
        "Your name",
        "Save language",
    ] {
        assert!(!account.contains(word), "/account shows {word}: {account}");
    }
}

async fn the_footer_choice_beats_the_browser_and_each_language_keeps_its_own_page(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    app.create_idea(&admin, "Dark mode", "Please").await;
    let browser = browser_asking("de");
    let (_, page) = app.get_page(&browser, "/?sort=new").await;
    assert!(
        page.contains(
            r#"<a href="/language/en?back=%2F%3Fsort%3Dnew" hreflang="en" lang="en">English</a>"#
        ),
        "the footer offers English, coming back here: {page}"
    );
    assert!(page.contains(r#"lang="de" aria-current="true">Deutsch</a>"#));

    let chosen = browser
        .get(app.url("/language/en?back=%2F%3Fsort%3Dnew"))
        .send()
        .await
        .expect("GET");
    assert_eq!(chosen.status().as_u16(), 303);
    assert_eq!(chosen.headers()["location"], "/?sort=new");
    let (_, page) = app.get_page(&browser, "/?sort=new").await;
    assert!(
        page.contains(r#"<html lang="en">"#) && page.contains("Submit an idea"),
        "the choice beats the browser's language: {page}"
    );
    // Meanwhile a German visitor is served the German copy of the same address, and back.
    let (_, german) = app.get_page(&browser_asking("de"), "/?sort=new").await;
    assert!(german.contains(r#"<html lang="de">"#), "{german}");
    let (_, english) = app.get_page(&app.browser(), "/?sort=new").await;
    assert!(english.contains(r#"<html lang="en">"#), "{english}");

    let unknown = browser
        .get(app.url("/language/xx?back=/"))
        .send()
        .await
        .expect("GET");
    assert_eq!(unknown.status().as_u16(), 404);
    let away = browser
        .get(app.url("/language/de?back=https://evil.example/"))
        .send()
        .await
        .expect("GET");
    assert_eq!(away.headers()["location"], "/", "only local paths");
}

async fn a_person_s_own_language_beats_the_footer_choice_and_the_browser(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let _admin = app.api_user("admin@example.com", "Admin").await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    let (status, me) = app
        .send_json(Method::PATCH, "/api/v1/me", &ann, json!({"locale": "de"}))
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["locale"], "de");
    let (status, refused) = app
        .send_json(
            Method::PATCH,
            "/api/v1/me",
            &ann,
            json!({"locale": "fr", "name": "Ann B"}),
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "locale");
    let (_, me) = app.get_json("/api/v1/me", &ann).await;
    assert_eq!(
        (me["locale"].clone(), me["name"].clone()),
        (json!("de"), json!("Ann")),
        "nothing changed"
    );

    // An English browser that chose English in the footer: Ann's own choice wins.
    let browser = browser_asking("en");
    let chosen = browser
        .get(app.url("/language/en"))
        .send()
        .await
        .expect("GET");
    assert_eq!(chosen.status().as_u16(), 303);
    log_in(&app, &browser, "ann@example.com").await;
    for path in ["/", "/?sort=new", "/account"] {
        let (_, page) = app.get_page(&browser, path).await;
        assert!(
            page.contains(r#"<html lang="de">"#) && page.contains("Konto (Ann)"),
            "{path}: {page}"
        );
    }
    let (_, visitors) = app.get_page(&browser_asking("en"), "/?sort=new").await;
    assert!(
        visitors.contains(r#"<html lang="en">"#),
        "the kept page is not hers: {visitors}"
    );

    // Back to "as my browser asks" from the account page, confirmed in English.
    let saved = app
        .submit_form(&browser, "/account", "/account/language", &[("locale", "")])
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let (_, account) = app.get_page(&browser, "/account").await;
    assert!(account.contains("Your language is saved"), "{account}");
    let (_, me) = app.get_json("/api/v1/me", &ann).await;
    assert_eq!(me["locale"], json!(null));
}

async fn each_follower_is_emailed_in_their_own_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    app.create_idea(&admin, "Dark mode", "Please").await;
    for (email, name, locale) in [
        ("anna@example.com", "Anna", Some("de")),
        ("bo@example.com", "Bo", None),
    ] {
        let token = app.api_user(email, name).await;
        if let Some(locale) = locale {
            let (status, _) = app
                .send_json(
                    Method::PATCH,
                    "/api/v1/me",
                    &token,
                    json!({"locale": locale}),
                )
                .await;
            assert_eq!(status, 200);
        }
        let (status, _) = app
            .send_json(
                Method::PUT,
                "/api/v1/ideas/1/subscription",
                &token,
                json!({"subscribed": true}),
            )
            .await;
        assert_eq!(status, 200);
    }
    // A reset asked for from an English page still comes in Anna's language.
    let asked = app
        .submit_form(
            &app.browser(),
            "/reset",
            "/reset",
            &[("email", "anna@example.com")],
        )
        .await;
    assert_eq!(asked.status().as_u16(), 200);
    let reset = app.smtp.wait_for("anna@example.com", 1).await;
    assert_eq!(reset[0].subject(), "Setze dein Ideaboard-Passwort zurück");
    assert!(reset[0].text().contains("/reset/"), "{}", reset[0].text());
    // An English-speaking admin changes the status; each follower reads it in their language.
    let (status, _) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/1/status",
            &admin,
            json!({"status": "planned", "note": "Next month."}),
        )
        .await;
    assert_eq!(status, 200);
    let german = app.smtp.wait_for("anna@example.com", 2).await;
    let german = german
        .iter()
        .filter(|m| m.subject().starts_with('#'))
        .collect::<Vec<_>>();
    assert_eq!(german[0].subject(), "#1 „Dark mode“ ist jetzt Geplant");
    let text = german[0].text();
    assert!(
        text.starts_with("Hallo Anna,")
            && text.contains("hat die Idee #1 „Dark mode“ den Status „Geplant“ erhalten")
            && text.contains("Next month."),
        "{text}"
    );
    assert!(
        text.contains("Keine E-Mails mehr zu dieser Idee: http://localhost/unsubscribe/"),
        "{text}"
    );
    assert!(german[0].html().contains(r#"<html lang="de">"#));
    let english = app.smtp.wait_for("bo@example.com", 1).await;
    assert_eq!(english[0].subject(), "#1 \"Dark mode\" is now Planned");
    assert!(
        english[0].text().starts_with("Hello Bo,"),
        "{}",
        english[0].text()
    );
}

async fn a_german_moderator_s_tools_are_german(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Dark mode", "Please").await;
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let ann_id = users["items"][1]["id"].as_str().expect("id").to_string();
    let (status, _) = app
        .send_json(
            Method::PUT,
            &format!("/api/v1/users/{ann_id}/role"),
            &admin,
            json!({"role": "moderator"}),
        )
        .await;
    assert_eq!(status, 200);
    let moderator = browser_asking("de");
    log_in(&app, &moderator, "ann@example.com").await;
    for (path, german) in [
        ("/mod", "Wartet auf dich"),
        ("/mod/flags", "Gemeldete Inhalte"),
        ("/mod/hidden", "Ausgeblendete Ideen und Kommentare"),
        ("/mod/audit", "Alle Aktionen"),
        ("/mod/users", "Jemanden sperren oder entsperren"),
        ("/mod/tags", "Neues Schlagwort"),
        ("/ideas/1", "Grund zum Ausblenden"),
    ] {
        let (status, page) = app.get_page(&moderator, path).await;
        assert_eq!(status, 200);
        assert!(page.contains(german), "{path} lacks {german}: {page}");
        for english in [
            "Flagged content",
            "Nothing is",
            "Audit log",
            "All actions",
            "Ban or unban",
            "Reason to hide it",
            "Lock comments",
            ">Overview<",
            ">Bans<",
        ] {
            assert!(!page.contains(english), "{path} shows {english}: {page}");
        }
    }
}
