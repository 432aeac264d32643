//! Search in the board's language (`SEARCH_LANGUAGE`): German stemming finds plural forms on both
//! backends, SQLite's stems are PostgreSQL's, and `ideaboard reindex` rebuilds the index.

use ideaboard::domain::search_language::SearchLanguage;

use reqwest::Method;
use serde_json::json;

use crate::cli::ideaboard_with;
use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_german_board_finds_plurals_and_leaves_out_stop_words,
    reindex_rebuilds_the_index_in_the_configured_language,
    ideas_are_indexed_after_another_process_changed_the_schema,
);

/// Submits the German ideas both tests search, as one member.
async fn german_ideas(app: &TestApp) -> String {
    let jana = app.api_user("jana@example.com", "Jana").await;
    app.create_idea(
        &jana,
        "Längere Akkulaufzeiten",
        "Mit zwei Akkus hält das Notebook einen Arbeitstag.",
    )
    .await;
    app.create_idea(
        &jana,
        "Beleuchtete Tastaturen",
        "Im Dunkeln sieht man die Tasten nicht.",
    )
    .await;
    app.create_idea(&jana, "Dunkler Modus", "Für die Arbeit am Abend.")
        .await;
    jana
}

async fn a_german_board_finds_plurals_and_leaves_out_stop_words(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.search_language = SearchLanguage::German;
    })
    .await;
    german_ideas(&app).await;

    assert_eq!(
        app.listed("q=Akkulaufzeit").await,
        [1],
        "singular finds plural"
    );
    assert_eq!(app.listed("q=akkulaufzeiten").await, [1]);
    assert_eq!(
        app.listed("q=Tastatur").await,
        [2],
        "Tastatur finds Tastaturen"
    );
    assert_eq!(
        app.listed("q=die%20Tastatur").await,
        [2],
        "\"die\" is left out"
    );
    assert_eq!(app.listed("q=dunkle").await, [3], "an inflected adjective");
    assert_eq!(
        app.listed("q=die%20und").await,
        Vec::<i64>::new(),
        "only stop words find nothing, on both backends"
    );
    let (status, similar) = app
        .get_json(
            "/api/v1/ideas/similar?title=Akkulaufzeit%20verl%C3%A4ngern",
            "",
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(similar["items"][0]["number"], 1, "{similar}");

    let (_, page) = app.get_page(&app.browser(), "/?q=Tastatur").await;
    assert!(
        page.contains("Beleuchtete Tastaturen"),
        "the page finds it too"
    );

    if backend == Backend::Postgres {
        same_stems_as_postgres(&app).await;
    }
}

/// SQLite's index holds what PostgreSQL's `german` configuration makes of the same text.
async fn same_stems_as_postgres(app: &TestApp) {
    let text = "Die längeren Akkulaufzeiten der Notebooks würden für größere Straßen- und \
                Arbeitstage reichen; beleuchtete Tastaturen, häufigere Aktualisierungen";
    let lexemes = app
        .with_conn(move |conn| {
            use diesel::RunQueryDsl;
            #[derive(diesel::QueryableByName)]
            struct Lexeme {
                #[diesel(sql_type = diesel::sql_types::Text)]
                lexeme: String,
            }
            diesel::sql_query(
                "SELECT lexeme FROM unnest(to_tsvector('german', $1)) ORDER BY positions[1]",
            )
            .bind::<diesel::sql_types::Text, _>(text)
            .load::<Lexeme>(conn)
            .expect("lexemes")
            .into_iter()
            .map(|l| l.lexeme)
            .collect::<Vec<_>>()
        })
        .await;
    assert_eq!(SearchLanguage::German.stems(text), lexemes);
}

async fn reindex_rebuilds_the_index_in_the_configured_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    german_ideas(&app).await;
    assert_eq!(
        app.listed("q=Tastatur").await,
        Vec::<i64>::new(),
        "English stemming does not see the German plural"
    );

    let run = ideaboard_with(
        &app.db_url,
        &["reindex"],
        None,
        &[("SEARCH_LANGUAGE", "german")],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "indexed 3 ideas for search in german");

    // The running server searches the rebuilt index at once, and indexes new ideas in German.
    assert_eq!(app.listed("q=Tastatur").await, [2]);
    let jana = app.api_user("jan@example.com", "Jan").await;
    app.create_idea(&jana, "Leisere Lüfter", "Die Lüfter sind zu laut.")
        .await;
    assert_eq!(app.listed("q=L%C3%BCfter").await, [4]);
    assert_eq!(app.listed("q=Akkulaufzeit").await, [1]);

    // A server started with another language on a board with ideas keeps the built index.
    let english = app.spawn_second(|_| {}).await;
    assert_eq!(english.listed("q=Tastatur").await, [2]);
}

/// `ideaboard seed` (another process) sets the board's triggers aside and back while this server
/// runs and has already written; the server's next writes that reach the search index work.
async fn ideas_are_indexed_after_another_process_changed_the_schema(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.seed(3, 0, 0, 2, 1).await;
    let idea = app
        .create_idea(
            &ann,
            "A lantern for night walks",
            "Bright enough for the forest.",
        )
        .await;
    let number = idea["number"].as_i64().expect("number");
    let (status, edited) = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/ideas/{number}"),
            &ann,
            json!({"title": "A lantern for night hikes"}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(app.listed("q=hikes").await, vec![number]);
}
