//! Community insights: on a crafted board with known activity per week the weekly rows and the
//! CSV equal a count by hand (a withdrawn vote included); sentiment is stored with every idea and
//! comment, counted per month and area and seen by staff only; a roll-up that drifts is found by
//! `check` and repaired by `rerank`; `rescore` reads what was never scored; bad input is 422.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde_json::{Value, json};

use crate::cli::ideaboard_with;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    weekly_activity_matches_a_count_by_hand,
    sentiment_is_counted_by_month_and_area_and_seen_by_staff_only,
    check_finds_a_drifted_roll_up_and_rerank_repairs_it,
    members_and_bad_periods_are_refused,
    activity_written_by_several_instances_is_folded_into_one_row_per_day,
);

fn stored(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn day(at: NaiveDate) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// Noon on the Monday three weeks before this week's.
fn base_of(app: &TestApp) -> NaiveDateTime {
    let today = app.state.clock.now().date();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    (monday - Duration::days(21))
        .and_hms_opt(12, 0, 0)
        .expect("noon")
}

/// Sets when something was created: `what` is a table, `filter` picks its row.
fn dated(table: &str, filter: &str, at: NaiveDateTime) -> String {
    format!(
        "UPDATE {table} SET created_at = '{}' WHERE {filter};",
        stored(at)
    )
}

fn vote_of(number: i64, email: &str) -> String {
    format!(
        "idea_id = (SELECT id FROM ideas WHERE number = {number}) \
         AND user_id = (SELECT id FROM users WHERE email = '{email}')"
    )
}

/// Admin, Max and Ana; ideas 1 and 2 by Max in week 0, idea 3 by Ana in week 1; Ana promotes #1
/// in week 1, the admin in week 2; the admin comments in week 1, Max in week 2.
async fn crafted_board(app: &TestApp) -> (String, NaiveDateTime) {
    let admin = app.api_user("admin@example.com", "Admin").await;
    let max = app.api_user("max@example.com", "Max").await;
    let ana = app.api_user("ana@example.com", "Ana").await;
    for (token, title) in [(&max, "First"), (&max, "Second"), (&ana, "Third")] {
        app.create_idea(token, title, "Crafted for the weeks").await;
    }
    assert_eq!(app.vote(&ana, 1, 1).await.0, 200);
    assert_eq!(app.vote(&admin, 1, 1).await.0, 200);
    for (token, number) in [(&admin, 1), (&max, 3)] {
        let (status, body) = app
            .send_json(
                reqwest::Method::POST,
                &format!("/api/v1/ideas/{number}/comments"),
                token,
                json!({"body": "A crafted comment"}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    let base = base_of(app);
    let at = |days: i64| base + Duration::days(days);
    let mut sql = String::new();
    for (email, days) in [("admin", 0), ("max", 1), ("ana", 8)] {
        sql += &dated("users", &format!("email = '{email}@example.com'"), at(days));
    }
    for (number, author, days) in [(1, "max", 0), (2, "max", 2), (3, "ana", 9)] {
        sql += &dated("ideas", &format!("number = {number}"), at(days));
        sql += &dated(
            "votes",
            &vote_of(number, &format!("{author}@example.com")),
            at(days),
        );
    }
    sql += &dated("votes", &vote_of(1, "ana@example.com"), at(8));
    sql += &dated("votes", &vote_of(1, "admin@example.com"), at(15));
    sql += &dated(
        "comments",
        "author_id = (SELECT id FROM users WHERE email = 'admin@example.com')",
        at(9),
    );
    sql += &dated(
        "comments",
        "author_id = (SELECT id FROM users WHERE email = 'max@example.com')",
        at(16),
    );
    app.execute_sql(sql).await;
    app.assert_no_drift().await;
    (admin, base)
}

/// (week's Monday, new ideas, votes, comments, active members, new accounts) of each row.
fn weeks_of(answer: &Value) -> Vec<(String, i64, i64, i64, i64, i64)> {
    let n = |row: &Value, key: &str| row[key].as_i64().unwrap_or(-1);
    answer["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            (
                row["week"].as_str().unwrap_or("").to_string(),
                n(row, "new_ideas"),
                n(row, "votes"),
                n(row, "comments"),
                n(row, "active_members"),
                n(row, "new_accounts"),
            )
        })
        .collect()
}

async fn weekly_activity_matches_a_count_by_hand(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, base) = crafted_board(&app).await;
    let monday = |weeks: i64| day(base.date() + Duration::days(7 * weeks));
    // A Thursday to a Wednesday: the rows are the whole weeks they touch.
    let query = format!(
        "?from={}&to={}",
        day(base.date() + Duration::days(3)),
        day(base.date() + Duration::days(16))
    );
    let (status, answer) = app
        .get_json(&format!("/api/v1/insights/activity{query}"), &admin)
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["from"], monday(0));
    assert_eq!(answer["to"], day(base.date() + Duration::days(20)));
    assert_eq!(
        weeks_of(&answer),
        vec![
            (monday(0), 2, 2, 0, 1, 2),
            (monday(1), 1, 2, 1, 2, 1),
            (monday(2), 0, 1, 1, 2, 0),
        ]
    );

    // The admin withdraws the vote of week 2: it no longer counts, nor does the admin there.
    assert_eq!(app.vote(&admin, 1, 0).await.0, 200);
    let (_, answer) = app
        .get_json(&format!("/api/v1/insights/activity{query}"), &admin)
        .await;
    assert_eq!(weeks_of(&answer)[2], (monday(2), 0, 0, 1, 1, 0));
    app.assert_no_drift().await;

    let (browser, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let response = browser
        .get(app.url(&format!("/insights/activity.csv{query}")))
        .send()
        .await
        .expect("GET csv");
    assert_eq!(response.status().as_u16(), 200);
    let csv = response.text().await.expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        vec![
            "week,new_ideas,votes,comments,active_members,new_accounts".to_string(),
            format!("{},2,2,0,1,2", monday(0)),
            format!("{},1,2,1,2,1", monday(1)),
            format!("{},0,0,1,1,0", monday(2)),
        ]
    );
    let (status, page) = app.get_page(&browser, &format!("/insights{query}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<title id=\"activity-chart-title\">"),
        "{page}"
    );
    assert!(page.contains("<title id=\"sentiment-chart-title\">"));
    assert!(
        page.contains(&format!("<th scope=\"row\">{}</th>", monday(1))),
        "the table has the week: {page}"
    );
}

/// (negative, neutral, positive, total) of the last row.
fn this_month(answer: &Value) -> (i64, i64, i64, i64) {
    let row = answer["rows"]
        .as_array()
        .and_then(|rows| rows.last())
        .expect("a month");
    let n = |key: &str| row[key].as_i64().unwrap_or(-1);
    (n("negative"), n("neutral"), n("positive"), n("total"))
}

async fn sentiment_is_counted_by_month_and_area_and_seen_by_staff_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let max = app.api_user("max@example.com", "Max").await;
    let (status, _) = app
        .send_json(
            reqwest::Method::POST,
            "/api/v1/areas",
            &admin,
            json!({"name": "Batteries", "owners": ["admin@example.com"]}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, made) = app
        .send_json(
            reqwest::Method::POST,
            "/api/v1/ideas",
            &max,
            json!({"title": "The battery dies after an hour", "body": "This is terrible and frustrating, the worst laptop battery I ever had.", "area": "batteries"}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    app.create_idea(
        &max,
        "I love the new keyboard",
        "Great work, it is wonderful and I am happy with it.",
    )
    .await;
    for body in [
        "Der Akku ist leider furchtbar schlecht, ich bin sehr enttäuscht.",
        "Danke, das ist eine großartige Idee und würde mir sehr gefallen!",
    ] {
        let (status, comment) = app
            .send_json(
                reqwest::Method::POST,
                "/api/v1/ideas/1/comments",
                &max,
                json!({ "body": body }),
            )
            .await;
        assert_eq!(status, 201, "{comment}");
    }

    // Staff see how each text reads; the member who wrote them and visitors do not.
    let (_, idea) = app.get_json("/api/v1/ideas/1", &admin).await;
    assert_eq!(idea["sentiment"]["label"], "negative", "{idea}");
    assert!(idea["sentiment"]["score"].as_f64().expect("score") < -0.05);
    let (_, comments) = app.get_json("/api/v1/ideas/1/comments", &admin).await;
    let labels: Vec<&Value> = comments["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| &c["sentiment"]["label"])
        .collect();
    assert_eq!(labels, [&json!("negative"), &json!("positive")]);
    let (_, list) = app.get_json("/api/v1/ideas?sort=new", &admin).await;
    assert_eq!(list["items"][0]["sentiment"]["label"], "positive", "{list}");
    for token in [max.as_str(), ""] {
        for path in [
            "/api/v1/ideas/1",
            "/api/v1/ideas/1/comments",
            "/api/v1/ideas",
        ] {
            let (status, body) = app.get_json(path, token).await;
            assert_eq!(status, 200);
            assert!(!body.to_string().contains("sentiment"), "{path}: {body}");
        }
    }

    let sentiment = |query: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let (status, body) = app
                .get_json(&format!("/api/v1/insights/sentiment{query}"), &admin)
                .await;
            assert_eq!(status, 200, "{body}");
            body
        }
    };
    let all = sentiment("").await;
    assert_eq!(this_month(&all), (2, 0, 2, 4), "{all}");
    let batteries = sentiment("?area=batteries").await;
    assert_eq!(batteries["area"], "batteries");
    assert_eq!(this_month(&batteries), (2, 0, 1, 3), "{batteries}");

    // The idea leaves the area with its comments; a hidden comment no longer counts.
    let (status, _) = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/ideas/1/area",
            &admin,
            json!({"area": null}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        this_month(&sentiment("?area=batteries").await),
        (0, 0, 0, 0)
    );
    let praise = comments["items"][1]["id"].as_str().expect("id").to_string();
    let (status, _) = app
        .send_json(
            reqwest::Method::POST,
            &format!("/api/v1/comments/{praise}/hide"),
            &admin,
            json!({"reason": "Off topic"}),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(this_month(&sentiment("").await), (2, 0, 1, 3));
    app.assert_no_drift().await;

    // Texts never scored (as before the upgrade) are scored by `rescore`.
    app.execute_sql(
        "UPDATE ideas SET sentiment_score = NULL, sentiment_label = NULL; \
         UPDATE comments SET sentiment_score = NULL, sentiment_label = NULL;"
            .into(),
    )
    .await;
    assert_eq!(this_month(&sentiment("").await), (0, 0, 0, 0));
    let run = ideaboard_with(&app.db_url, &["rescore"], None, &[]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("stored 2 idea(s), 2 comment(s)"),
        "{}",
        run.stdout
    );
    assert_eq!(this_month(&sentiment("").await), (2, 0, 1, 3));
    app.assert_no_drift().await;
}

async fn check_finds_a_drifted_roll_up_and_rerank_repairs_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    crafted_board(&app).await;
    app.execute_sql(
        "UPDATE activity_days SET votes = votes + 5; \
         UPDATE sentiment_days SET negative = negative + 1; \
         DELETE FROM member_weeks WHERE user_id = (SELECT id FROM users WHERE email = 'ana@example.com'); \
         INSERT INTO action_days (day, status_id, ideas) \
         SELECT '2026-01-05', id, 3 FROM statuses WHERE slug = 'implemented';"
            .into(),
    )
    .await;
    let check = ideaboard_with(&app.db_url, &["check"], None, &[]).await;
    assert_eq!(check.code, 1, "{}", check.stdout);
    for drifted in [
        "stored activity ",
        "stored sentiment ",
        "stored member weeks rows differing",
        "stored active members ",
        "stored ideas in action rows differing",
    ] {
        assert!(
            check.stdout.contains(drifted),
            "{drifted}: {}",
            check.stdout
        );
    }
    let rerank = ideaboard_with(&app.db_url, &["rerank"], None, &[]).await;
    assert_eq!(rerank.code, 0, "{}", rerank.stderr);
    let again = ideaboard_with(&app.db_url, &["check"], None, &[]).await;
    assert_eq!(again.code, 0, "{}", again.stdout);
    app.assert_no_drift().await;
}

async fn members_and_bad_periods_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let max = app.api_user("max@example.com", "Max").await;
    for path in [
        "/api/v1/insights/activity",
        "/api/v1/insights/sentiment",
        "/api/v1/insights/funnel",
        // Who may look is asked before what: a member's unreadable day is refused as a member.
        "/api/v1/insights/funnel?from=2026-02-30",
    ] {
        let (status, refused) = app.get_json(path, &max).await;
        assert_eq!(status, 403, "{path}: {refused}");
        let (status, _) = app.get_json(path, "").await;
        assert_eq!(status, 401);
    }
    let (member, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    for path in [
        "/insights",
        "/insights/activity.csv",
        "/insights/sentiment.csv",
        "/insights?days=12",
        "/insights/rising.csv?to=yesterday",
    ] {
        let (status, _) = app.get_page(&member, path).await;
        assert_eq!(status, 403, "{path}");
    }
    for (query, field) in [
        ("?from=2026-02-30", "from"),
        ("?to=yesterday", "to"),
        ("?from=2026-12-01&to=2026-11-01", "from"),
        ("?from=2000-01-01&to=2026-12-01", "from"),
        ("?area=nowhere", "area"),
    ] {
        let (status, refused) = app
            .get_json(&format!("/api/v1/insights/sentiment{query}"), &admin)
            .await;
        assert_eq!(status, 422, "{query}: {refused}");
        assert_eq!(refused["error"]["fields"][0]["field"], field, "{query}");
    }
    let (browser, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let (status, page) = app.get_page(&browser, "/insights?days=12").await;
    assert_eq!(status, 422, "{page}");
    let (status, empty) = app.get_json("/api/v1/insights/activity", &admin).await;
    assert_eq!(status, 200);
    let rows = empty["rows"].as_array().expect("rows");
    assert!(
        rows.len() >= 13,
        "90 days touch 13 or 14 weeks: {}",
        rows.len()
    );
}

async fn activity_written_by_several_instances_is_folded_into_one_row_per_day(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Dark mode", "Please").await;
    app.vote(&admin, 1, 1).await;
    let (_, before) = app.get_json("/api/v1/insights/activity", &admin).await;
    let this_week = before["rows"]
        .as_array()
        .and_then(|rows| rows.last())
        .cloned()
        .expect("this week's row");
    assert_eq!(
        (
            &this_week["new_ideas"],
            &this_week["votes"],
            &this_week["active_members"]
        ),
        // Ann's own promote comes with her idea.
        (&json!(1), &json!(2), &json!(2)),
        "{this_week}"
    );
    // As several instances on one PostgreSQL write them: the counts spread over other shards
    // (on PostgreSQL already over the test's own connections'; 100 and 101 are nobody's).
    app.execute_sql(
        "INSERT INTO activity_days (day, shard, ideas, votes, comments, accounts) \
         SELECT day, 100, ideas, votes, comments, accounts FROM activity_days WHERE shard = 0; \
         UPDATE activity_days SET ideas = 0, votes = 0, comments = 0, accounts = 0 WHERE shard = 0; \
         INSERT INTO activity_weeks (week, shard, members) \
         SELECT week, 101, members FROM activity_weeks WHERE shard = 0; \
         UPDATE activity_weeks SET members = 0 WHERE shard = 0;"
            .to_string(),
    )
    .await;
    let spread = "activity_days WHERE shard <> 0";
    let fold = |today: NaiveDate| {
        app.with_db(move |db| {
            ideaboard::services::maintenance::fold_activity_shards(db, today).expect("fold")
        })
    };
    // Today and this week are left to their writers.
    let today = app.state.clock.now().date();
    let spread_today = app.count_rows(spread).await;
    assert!(spread_today >= 1);
    assert_eq!(fold(today).await, 0);
    assert_eq!(app.count_rows(spread).await, spread_today);
    // Once they are past, each is one row again, with the same counts.
    assert_eq!(fold(today + Duration::days(7)).await, 2);
    assert_eq!(app.count_rows(spread).await, 0);
    assert_eq!(app.count_rows("activity_weeks WHERE shard <> 0").await, 0);
    let (_, after) = app.get_json("/api/v1/insights/activity", &admin).await;
    assert_eq!(after, before);
    app.assert_no_drift().await;
}
