//! The board's orders (popular, top, new, trending, discussed), filters, search (within its
//! window of the newest matches) and pages.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    each_order_ranks_as_published,
    status_tag_and_search_filters_narrow_the_board,
    the_board_pages_twenty_at_a_time,
    a_search_ranks_the_newest_thousand_matches_and_says_so,
    an_empty_board_welcomes_and_an_empty_filter_offers_to_clear,
);

async fn each_order_ranks_as_published(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let mut people = Vec::new();
    for i in 0..4 {
        people.push(
            app.api_user(&format!("p{i}@example.com"), &format!("P{i}"))
                .await,
        );
    }
    // #1 old favourite: four promotes a month ago. #2 fresh: two promotes now.
    // #3 debated: many comments, one demote. #4 newest, only its author's promote.
    for title in [
        "Old favourite idea",
        "Fresh rising idea",
        "Much debated idea",
        "Newest quiet idea",
    ] {
        app.create_idea(&ada, title, "").await;
    }
    for token in &people[..3] {
        app.vote(token, 1, 1).await;
    }
    app.vote(&people[0], 2, 1).await;
    app.vote(&people[0], 3, -1).await;
    for token in &people {
        app.send_json(
            Method::POST,
            "/api/v1/ideas/3/comments",
            token,
            json!({"body": "I disagree"}),
        )
        .await;
    }
    app.send_json(
        Method::POST,
        "/api/v1/ideas/2/comments",
        &ada,
        json!({"body": "Thanks"}),
    )
    .await;
    // Age #1's votes and submission by thirty days, then rebuild the keys as `ideaboard rerank` does.
    let month_ago = match backend {
        Backend::Sqlite => "strftime('%Y-%m-%d %H:%M:%f', updated_at, '-30 days')",
        Backend::Postgres => "updated_at - interval '30 days'",
    };
    app.execute_sql(format!(
        "UPDATE votes SET updated_at = {month_ago}, created_at = {} WHERE idea_id = (SELECT id FROM ideas WHERE number = 1)",
        month_ago.replace("updated_at", "created_at")
    ))
    .await;
    app.execute_sql(format!(
        "UPDATE ideas SET created_at = {} WHERE number = 1",
        month_ago.replace("updated_at", "created_at")
    ))
    .await;
    let half_life = app.state.config.rank_half_life;
    app.with_db(move |db| ideaboard::services::maintenance::rerank(db, half_life).expect("rerank"))
        .await;

    // top: net points 40, 20, 10, 0.
    assert_eq!(app.listed("sort=top").await, [1, 2, 4, 3]);
    // popular: #1's 40 points are worth 40·2^(−30/14) ≈ 9 now, below #2's fresh 20 and #4's 10.
    assert_eq!(app.listed("").await, [2, 4, 1, 3]);
    assert_eq!(app.listed("sort=popular").await, [2, 4, 1, 3]);
    // new: newest first; #1 was moved a month back.
    assert_eq!(app.listed("sort=new").await, [4, 3, 2, 1]);
    // trending: the popular formula with a one-day half-life. #2's fresh 20 and #4's fresh 10
    // lead; #1's 40 points from a month ago are worth 40·2^(−30) > 0; #3's promote and the later
    // demote leave it just below zero.
    assert_eq!(app.listed("sort=trending").await, [2, 4, 1, 3]);
    // discussed: comments, ties newer first.
    assert_eq!(app.listed("sort=discussed").await, [3, 2, 4, 1]);

    let (_, board) = app.get_page(&app.browser(), "/?sort=top").await;
    let order: Vec<usize> = [
        "Old favourite",
        "Fresh rising",
        "Newest quiet",
        "Much debated",
    ]
    .iter()
    .map(|t| board.find(t).expect("listed"))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "the page shows the same order"
    );
    assert!(board.contains("aria-current=\"page\">Top<"));
    app.assert_no_drift().await;
}

async fn status_tag_and_search_filters_narrow_the_board(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.execute_sql(
        "INSERT INTO tags (id, slug, name, color, created_at) VALUES \
         ('tag-mobile', 'mobile', 'Mobile', '#6b46c1', '2026-01-01 00:00:00')"
            .into(),
    )
    .await;
    let (status, tagged) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas",
            &ada,
            json!({"title": "Offline mode on phones", "body": "Sync later", "tags": ["mobile"]}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(tagged["tags"], json!(["mobile"]));
    app.create_idea(
        &ada,
        "Export reports to spreadsheets",
        "Weekly exports for finance",
    )
    .await;
    app.create_idea(
        &ada,
        "Dark mode",
        "Easier on the eyes when exporting at night",
    )
    .await;
    app.execute_sql("UPDATE ideas SET status_id = (SELECT id FROM statuses WHERE slug = 'planned') WHERE number = 3".into())
        .await;

    assert_eq!(app.listed("status=planned").await, [3]);
    assert_eq!(app.listed("tag=mobile").await, [1]);
    // Stemming: "export" finds "Export", "exports" and "exporting"; best match (title) first.
    assert_eq!(app.listed("q=export").await, [2, 3]);
    assert_eq!(app.listed("q=export&status=planned").await, [3]);
    assert_eq!(
        app.listed("q=export%20finance").await,
        [2],
        "every word must match"
    );
    assert_eq!(
        app.listed("q=%22unbalanced%20*%20OR").await,
        Vec::<i64>::new(),
        "search syntax is just words"
    );

    let (_, page) = app.get_page(&app.browser(), "/?tag=mobile").await;
    assert!(page.contains("Offline mode on phones") && !page.contains("Dark mode"));
    assert!(page.contains("1 idea<"), "the count shows");
    let (_, page) = app.get_page(&app.browser(), "/?q=export").await;
    assert!(page.contains("aria-current=\"page\">Best match<"));
}

async fn the_board_pages_twenty_at_a_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    for i in 1..=25 {
        app.create_idea(&ada, &format!("Idea number {i:02}"), "")
            .await;
    }
    let first = app.listed("sort=new").await;
    assert_eq!(first.len(), 20);
    assert_eq!(first[0], 25);
    let second = app.listed("sort=new&page=2").await;
    assert_eq!(second, [5, 4, 3, 2, 1]);
    let (_, body) = app
        .get_json("/api/v1/ideas?per_page=10&page=3&sort=new", "")
        .await;
    assert_eq!(
        (
            body["total"].as_i64(),
            body["items"].as_array().map(Vec::len)
        ),
        (Some(25), Some(5))
    );

    // A search pages the same way: every match once, in one order, with its total.
    let mut found = app.listed("q=idea").await;
    assert_eq!(found.len(), 20);
    found.extend(app.listed("q=idea&page=2").await);
    let (_, body) = app.get_json("/api/v1/ideas?q=idea&page=2", "").await;
    assert_eq!(body["total"].as_i64(), Some(25));
    found.sort_unstable();
    assert_eq!(found, (1..=25).collect::<Vec<i64>>());

    let (_, page) = app.get_page(&app.browser(), "/?sort=new").await;
    assert!(page.contains("Page 1 of 2"));
    assert!(page.contains("href=\"/?sort=new&amp;page=2\""));
    let (_, page) = app.get_page(&app.browser(), "/?sort=new&page=2").await;
    assert!(page.contains("Idea number 01") && !page.contains("Idea number 25"));
}

async fn a_search_ranks_the_newest_thousand_matches_and_says_so(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed(1_050, 0, 0, 20, 7).await;
    // Every seeded idea mentions a lantern; the newest ten are hidden by a moderator.
    app.execute_sql("UPDATE ideas SET body = body || ' Think of a lantern.'".into())
        .await;
    app.execute_sql(format!(
        "UPDATE ideas SET hidden_at = created_at WHERE number > {}",
        1_050 - 10
    ))
    .await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Lantern lighting for the dashboard", "Bright.")
        .await;
    let (status, first) = app.get_json("/api/v1/ideas?q=lantern", "").await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["total"].as_i64(), Some(1_000), "{first}");
    assert_eq!(first["capped"].as_bool(), Some(true));
    // The title match ranks first.
    assert_eq!(first["items"][0]["number"].as_i64(), Some(1_051));

    // The window: the thousand newest live matches, each once, and the pages end with it.
    let mut found = Vec::new();
    for page in 1..=10 {
        found.extend(
            app.listed(&format!("q=lantern&per_page=100&page={page}"))
                .await,
        );
    }
    assert_eq!(found.len(), 1_000);
    let (status, past) = app
        .get_json("/api/v1/ideas?q=lantern&per_page=100&page=11", "")
        .await;
    assert_eq!(status, 422, "{past}");
    assert_eq!(
        past["error"]["fields"][0]["message"],
        "There are only 10 pages."
    );
    found.sort_unstable();
    let mut newest: Vec<i64> = (1_050 - 10 - 998..=1_050 - 10).collect();
    newest.push(1_051);
    assert_eq!(found, newest, "hidden ideas are not in the window");
    let (_, page) = app.get_page(&app.browser(), "/?q=lantern").await;
    assert!(page.contains("1,000+ ideas"), "{page}");
    assert!(page.contains("Page 1 of 50"), "{page}");

    // Other orders page through the same window.
    let mut by_new = Vec::new();
    for page in 1..=10 {
        by_new.extend(
            app.listed(&format!("q=lantern&sort=new&per_page=100&page={page}"))
                .await,
        );
    }
    by_new.sort_unstable();
    assert_eq!(by_new, newest);

    // A narrower search is counted exactly.
    let (_, narrow) = app.get_json("/api/v1/ideas?q=lantern+lighting", "").await;
    assert_eq!(narrow["total"].as_i64(), Some(1));
    assert_eq!(narrow["capped"].as_bool(), Some(false));
    let (_, page) = app.get_page(&app.browser(), "/?q=lantern+lighting").await;
    assert!(page.contains(">1 idea<"), "{page}");
}

async fn an_empty_board_welcomes_and_an_empty_filter_offers_to_clear(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let visitor = app.api_client();
    let (_, page) = app.get_page(&visitor, "/").await;
    assert!(page.contains("Welcome! This board has no ideas yet."));
    assert!(!page.contains("Clear the filters"));
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Dark mode everywhere", "Please")
        .await;
    let (status, page) = app.get_page(&visitor, "/?q=keyboard").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"No ideas match these filters. <a href="/">Clear the filters</a>"#));
    assert!(!page.contains("Welcome!"));
    let (_, page) = app.get_page(&visitor, "/").await;
    assert!(!page.contains("Welcome!") && !page.contains("Clear the filters"));
}
