//! The pipeline's insights: on crafted ideas moved through the pipeline by status changes, the
//! funnel's counts, shares and median days equal a count by hand (API, page and CSV); "Ideas in
//! action" counts implemented and partially implemented ideas per quarter; "needs attention"
//! lists the negative ideas still waiting for an answer and no other.

use chrono::{Datelike, Duration, NaiveDateTime};
use serde_json::{Value, json};

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_funnel_matches_a_count_by_hand,
    staff_see_ideas_in_action_and_what_needs_attention,
);

fn stored(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn quarter_of(at: NaiveDateTime) -> String {
    format!("{}-Q{}", at.year(), at.month0() / 3 + 1)
}

/// (title, body, the statuses it is moved through).
const IDEAS: [(&str, &str, &[&str]); 5] = [
    ("Dark mode", "Please add it.", &["planned", "implemented"]),
    ("Offline maps", "Please add them.", &["in-progress"]),
    (
        "The fan is loud",
        "It is terrible and annoying.",
        &["under-review"],
    ),
    (
        "The app crashes constantly",
        "This is terrible, awful and broken. I hate losing my work.",
        &[],
    ),
    ("Bigger fonts", "Please.", &["partially-implemented"]),
];

/// Created, answered, planned and implemented, in days after the base (noon, 20 days ago).
type Times = (i64, Option<i64>, Option<i64>, Option<i64>);

const TIMES: [Times; 5] = [
    (0, Some(1), Some(3), Some(13)),
    (0, Some(4), Some(4), None),
    (1, Some(2), None, None),
    (2, None, None, None),
    (2, Some(5), Some(5), Some(9)),
];

/// The crafted board: returns (admin token, base).
async fn crafted_pipeline(app: &TestApp) -> (String, NaiveDateTime) {
    let admin = app.api_user("admin@example.com", "Admin").await;
    let max = app.api_user("max@example.com", "Max").await;
    for (number, (title, body, statuses)) in (1..).zip(IDEAS) {
        app.create_idea(&max, title, body).await;
        for status in statuses {
            let (code, moved) = app
                .send_json(
                    reqwest::Method::PUT,
                    &format!("/api/v1/ideas/{number}/status"),
                    &admin,
                    json!({ "status": status, "note": "Moving on" }),
                )
                .await;
            assert_eq!(code, 200, "{moved}");
        }
    }
    // The status changes set when each step was reached.
    let steps = app
        .with_conn(|conn| {
            use diesel::prelude::*;
            use ideaboard::db::schema::ideas;
            let rows: Vec<(i64, bool, bool)> = ideas::table
                .order(ideas::number)
                .select((
                    ideas::number,
                    ideas::planned_at.is_not_null(),
                    ideas::implemented_at.is_not_null(),
                ))
                .load(conn)
                .expect("steps");
            rows
        })
        .await;
    assert_eq!(
        steps,
        [
            (1, true, true),
            (2, true, false),
            (3, false, false),
            (4, false, false),
            (5, true, true)
        ]
    );
    let noon = app
        .state
        .clock
        .now()
        .date()
        .and_hms_opt(12, 0, 0)
        .expect("noon");
    let base = noon - Duration::days(20);
    let at = |days: Option<i64>| {
        days.map_or("NULL".to_string(), |d| {
            format!("'{}'", stored(base + Duration::days(d)))
        })
    };
    let mut sql = String::new();
    for (number, (created, answered, planned, implemented)) in (1..).zip(TIMES) {
        sql += &format!(
            "UPDATE ideas SET created_at = {}, first_response_at = {}, planned_at = {}, \
             implemented_at = {} WHERE number = {number};",
            at(Some(created)),
            at(answered),
            at(planned),
            at(implemented)
        );
    }
    app.execute_sql(sql).await;
    app.assert_no_drift().await;
    (admin, base)
}

/// (step, ideas, share, median days) of each step.
fn steps_of(answer: &Value) -> Vec<(String, i64, Option<f64>, Option<f64>)> {
    answer["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap_or("").to_string(),
                s["ideas"].as_i64().unwrap_or(-1),
                s["share"].as_f64(),
                s["median_days"].as_f64(),
            )
        })
        .collect()
}

async fn the_funnel_matches_a_count_by_hand(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, base) = crafted_pipeline(&app).await;
    let today = app.state.clock.now().date();
    let query = format!("?from={}&to={today}", base.date());
    let (status, answer) = app
        .get_json(&format!("/api/v1/insights/funnel{query}"), &admin)
        .await;
    assert_eq!(status, 200, "{answer}");
    // Answers after 24, 96, 24 and 72 hours: a median of 48 hours; planned after 2, 0 and 0
    // days; implemented after 10 and 4 days.
    let expected = vec![
        ("submitted".to_string(), 5, Some(1.0), None),
        ("answered".to_string(), 4, Some(0.8), Some(2.0)),
        ("planned".to_string(), 3, Some(0.6), Some(0.0)),
        ("implemented".to_string(), 2, Some(0.4), Some(7.0)),
    ];
    assert_eq!(steps_of(&answer), expected);
    // Ideas submitted after the first day only: #3, #4, #5.
    let (_, later) = app
        .get_json(
            &format!(
                "/api/v1/insights/funnel?from={}&to={today}",
                base.date() + Duration::days(1)
            ),
            &admin,
        )
        .await;
    let later = steps_of(&later);
    assert_eq!(
        (later[0].1, later[1].1, later[2].1, later[3].1),
        (3, 2, 1, 1)
    );
    // Ideas submitted on the first two days only: #1, #2, #3 (what came later is left out).
    let (_, early) = app
        .get_json(
            &format!(
                "/api/v1/insights/funnel?from={}&to={}",
                base.date(),
                base.date() + Duration::days(1)
            ),
            &admin,
        )
        .await;
    let early = steps_of(&early);
    assert_eq!(
        (early[0].1, early[1].1, early[2].1, early[3].1),
        (3, 3, 2, 1)
    );

    let (browser, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let csv = browser
        .get(app.url(&format!("/insights/funnel.csv{query}")))
        .send()
        .await
        .expect("GET csv")
        .text()
        .await
        .expect("csv");
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "step,ideas,share,median_days",
            "submitted,5,1.0000,",
            "answered,4,0.8000,2.0",
            "planned,3,0.6000,0.0",
            "implemented,2,0.4000,7.0"
        ]
    );

    // #3 moved two months back, answered a day later: a long period reads whole months, and
    // counts it there as it did by day.
    let moved = base - Duration::days(60);
    app.execute_sql(format!(
        "UPDATE ideas SET created_at = '{}', first_response_at = '{}' WHERE number = 3;",
        stored(moved),
        stored(moved + Duration::days(1))
    ))
    .await;
    let (_, long) = app
        .get_json(
            &format!(
                "/api/v1/insights/funnel?from={}&to={today}",
                base.date() - Duration::days(120)
            ),
            &admin,
        )
        .await;
    assert_eq!(steps_of(&long), expected, "the same five ideas");
    let (_, recent) = app
        .get_json(&format!("/api/v1/insights/funnel{query}"), &admin)
        .await;
    let recent = steps_of(&recent);
    assert_eq!((recent[0].1, recent[1].1), (4, 3), "without #3");
}

async fn staff_see_ideas_in_action_and_what_needs_attention(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, base) = crafted_pipeline(&app).await;
    let (browser, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let (status, page) = app
        .get_page(&browser, &format!("/insights?from={}", base.date()))
        .await;
    assert_eq!(status, 200, "{page}");
    for title in [
        "funnel-chart-title",
        "in-action-chart-title",
        "activity-chart-title",
    ] {
        assert!(page.contains(&format!("<title id=\"{title}\">")), "{title}");
    }
    // Implemented 13 days after the base (#1), partially 9 days after (#5).
    let (done, partly) = (
        quarter_of(base + Duration::days(13)),
        quarter_of(base + Duration::days(9)),
    );
    let row = |quarter: &str, implemented: i64, partially: i64| {
        format!(
            "<th scope=\"row\">{quarter}</th><td class=\"number\">{implemented}</td>\
             <td class=\"number\">{partially}</td>"
        )
    };
    if done == partly {
        assert!(page.contains(&row(&done, 1, 1)), "{page}");
    } else {
        assert!(page.contains(&row(&done, 1, 0)), "{page}");
        assert!(page.contains(&row(&partly, 0, 1)), "{page}");
    }
    // Only the negative idea still waiting is listed: #3 is negative but answered.
    let attention = page
        .split("id=\"attention-heading\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("the needs-attention section");
    assert!(attention.contains("href=\"/ideas/4\""), "{attention}");
    assert!(attention.contains("<title id=\"attention-chart-title\">"));
    let csv = |path: String| {
        let browser = browser.clone();
        let url = app.url(&path);
        async move {
            let response = browser.get(url).send().await.expect("GET csv");
            assert_eq!(response.status().as_u16(), 200, "{path}");
            response.text().await.expect("csv")
        }
    };
    let waiting = csv(format!("/insights/attention.csv?from={}", base.date())).await;
    let lines: Vec<&str> = waiting.lines().collect();
    assert_eq!(lines[0], "number,title,sentiment,comments,points");
    assert_eq!(lines.len(), 2, "{waiting}");
    assert!(
        lines[1].starts_with("4,The app crashes constantly,-"),
        "{waiting}"
    );
    let in_action = || async {
        let rows = csv(format!("/insights/in-action.csv?from={}", base.date())).await;
        let column = |at: usize| -> i64 {
            rows.lines()
                .skip(1)
                .filter_map(|line| line.split(',').nth(at)?.parse::<i64>().ok())
                .sum()
        };
        (column(1), column(2))
    };
    assert_eq!(in_action().await, (1, 1));
    // A hidden idea is no longer shown as delivered.
    let (status, hidden) = app
        .send_json(
            reqwest::Method::POST,
            "/api/v1/ideas/1/hide",
            &admin,
            json!({"reason": "spam"}),
        )
        .await;
    assert_eq!(status, 200, "{hidden}");
    assert_eq!(in_action().await, (0, 1));
    app.assert_no_drift().await;
    assert!(!attention.contains("href=\"/ideas/3\""), "{attention}");
    assert!(!attention.contains("href=\"/ideas/1\""), "{attention}");
}
