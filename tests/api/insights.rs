//! Response-time figures: over a crafted set of ideas with known submission and answer times,
//! the median, 90th percentile, share within the target and counts match a computation by hand,
//! in total, per area, per month and for a shorter window; the page, its chart and its CSV show
//! the same; the board states the promise; members are refused and bad input is 422.

use chrono::{Duration, NaiveDateTime};
use serde_json::{Value, json};

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_figures_match_a_computation_by_hand,
    a_long_windows_whole_months_count_as_their_days,
    staff_read_the_figures_as_a_page_a_chart_and_csv,
    members_and_bad_windows_are_refused,
);

/// One crafted idea: days before now it was submitted, hours after that it was answered (none:
/// still waiting), and whether it is in the Batteries area.
struct Crafted {
    days_ago: i64,
    answered_after_hours: Option<i64>,
    batteries: bool,
}

const fn crafted(days_ago: i64, answered_after_hours: Option<i64>, batteries: bool) -> Crafted {
    Crafted {
        days_ago,
        answered_after_hours,
        batteries,
    }
}

/// Answered after 2, 5, 30, 216 (9 days) and 48 hours; one waiting past the 7-day target, one
/// waiting within it, and one answered idea outside the 90-day window.
const IDEAS: [Crafted; 8] = [
    crafted(20, Some(2), true),
    crafted(20, Some(5), true),
    crafted(15, Some(30), false),
    crafted(12, Some(216), false),
    crafted(10, None, false),
    crafted(2, None, false),
    crafted(100, Some(1), false),
    crafted(3, Some(48), false),
];

fn stored(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The board with the crafted ideas, submitted by a member; returns (admin token, now).
async fn crafted_board(app: &TestApp) -> (String, NaiveDateTime) {
    crafted_board_of(app, &IDEAS).await
}

async fn crafted_board_of(app: &TestApp, crafted: &[Crafted]) -> (String, NaiveDateTime) {
    let admin = app.api_user("admin@example.com", "Admin").await;
    let max = app.api_user("max@example.com", "Max").await;
    let area = json!({"name": "Batteries", "owners": ["admin@example.com"]});
    let (status, _) = app
        .send_json(reqwest::Method::POST, "/api/v1/areas", &admin, area)
        .await;
    assert_eq!(status, 201);
    // Noon today, so that no crafted time lands on another day than meant.
    let now = app.state.clock.now();
    let noon = now.date().and_hms_opt(12, 0, 0).expect("noon");
    let mut sql = String::new();
    for (i, idea) in crafted.iter().enumerate() {
        let area = if idea.batteries {
            json!("batteries")
        } else {
            Value::Null
        };
        let body = json!({"title": format!("Idea {i}"), "body": "Crafted", "area": area});
        let (status, made) = app
            .send_json(reqwest::Method::POST, "/api/v1/ideas", &max, body)
            .await;
        assert_eq!(status, 201, "{made}");
        let submitted = noon - Duration::days(idea.days_ago);
        let answered = idea
            .answered_after_hours
            .map(|h| format!("'{}'", stored(submitted + Duration::hours(h))))
            .unwrap_or_else(|| "NULL".into());
        sql.push_str(&format!(
            "UPDATE ideas SET created_at = '{}', first_response_at = {answered} WHERE number = {};",
            stored(submitted),
            made["number"]
        ));
    }
    app.execute_sql(sql).await;
    app.assert_no_drift().await;
    (admin, noon)
}

async fn figures(app: &TestApp, token: &str, query: &str) -> Value {
    let (status, body) = app
        .get_json(&format!("/api/v1/insights/responses{query}"), token)
        .await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

async fn the_figures_match_a_computation_by_hand(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, _) = crafted_board(&app).await;
    let all = figures(&app, &admin, "").await;
    assert_eq!(all["days"], 90);
    assert_eq!(all["target_days"], 7);
    // In the window: 2, 5, 30, 48, 216 hours answered; two waiting, one of them past the target.
    let total = &all["total"];
    assert_eq!(total["submitted"], 7);
    assert_eq!(total["answered"], 5);
    assert_eq!(total["unanswered"], 2);
    assert_eq!(total["median_hours"], 30.0);
    assert_eq!(total["p90_hours"], 216);
    let share = total["within_target_share"].as_f64().expect("share");
    assert!((share - 4.0 / 6.0).abs() < 1e-9, "{share}");

    let areas = all["areas"].as_array().expect("areas");
    assert_eq!(areas[0]["area"], "batteries");
    assert_eq!(areas[0]["median_hours"], 3.5);
    assert_eq!(areas[0]["p90_hours"], 5);
    assert_eq!(areas[0]["within_target_share"], 1.0);
    assert_eq!(areas[1]["area"], Value::Null);
    assert_eq!(areas[1]["submitted"], 5);

    let months = all["months"].as_array().expect("months");
    let submitted: i64 = months
        .iter()
        .map(|m| m["submitted"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(submitted, 7);
    assert_eq!(
        months.last().expect("a month")["backlog"],
        2,
        "two wait today"
    );

    let batteries = figures(&app, &admin, "?area=batteries").await;
    assert_eq!(batteries["total"]["median_hours"], 3.5);
    assert_eq!(batteries["area"], "batteries");
    let recent = figures(&app, &admin, "?days=5").await;
    assert_eq!(recent["total"]["submitted"], 2);
    assert_eq!(recent["total"]["median_hours"], 48.0);
    assert_eq!(recent["total"]["within_target_share"], 1.0);
}

/// Answered after 10, 100 (counted as 120: whole days beyond 72 hours), 20 and 3 hours, months
/// apart; one waiting past the target, one within it.
const MONTHS_APART: [Crafted; 6] = [
    crafted(200, Some(10), false),
    crafted(130, Some(100), true),
    crafted(70, Some(20), false),
    crafted(45, None, false),
    crafted(40, Some(3), true),
    crafted(1, None, false),
];

async fn a_long_windows_whole_months_count_as_their_days(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, noon) = crafted_board_of(&app, &MONTHS_APART).await;
    let year = figures(&app, &admin, "?days=365").await;
    let total = &year["total"];
    assert_eq!(
        (total["submitted"].as_i64(), total["answered"].as_i64()),
        (Some(6), Some(4))
    );
    // 3, 10, 20 and 120 hours.
    assert_eq!(total["median_hours"], 15.0);
    assert_eq!(total["p90_hours"], 120);
    assert_eq!(
        total["within_target_share"], 0.8,
        "4 of 4 answered and 1 waiting past it"
    );
    let month_of = |days_ago: i64| {
        (noon - Duration::days(days_ago))
            .format("%Y-%m")
            .to_string()
    };
    let months = year["months"].as_array().expect("months");
    let july = months
        .iter()
        .find(|m| m["month"] == month_of(130))
        .expect("the month of the idea of 130 days ago");
    assert_eq!(july["median_hours"], 120.0);
    assert_eq!(months.last().expect("this month")["backlog"], 2);
    let areas = year["areas"].as_array().expect("areas");
    assert_eq!(areas[0]["area"], "batteries");
    assert_eq!(areas[0]["median_hours"], 61.5, "3 and 120 hours");

    let shorter = figures(&app, &admin, "?days=150").await;
    assert_eq!(shorter["total"]["submitted"], 5);
    assert_eq!(shorter["total"]["median_hours"], 20.0);
    assert_eq!(shorter["total"]["within_target_share"], 0.75);
    let batteries = figures(&app, &admin, "?days=365&area=batteries").await;
    assert_eq!(batteries["total"]["answered"], 2);
    assert_eq!(batteries["total"]["p90_hours"], 120);
}

async fn staff_read_the_figures_as_a_page_a_chart_and_csv(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    crafted_board(&app).await;
    let (admin, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let (status, page) = app.get_page(&admin, "/insights/responses").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<svg"), "a chart");
    assert!(page.contains("30 hours"), "the median: {page}");
    assert!(page.contains("67%"), "the share within the target");

    let response = admin
        .get(app.url("/insights/responses.csv?area=batteries"))
        .send()
        .await
        .expect("GET csv");
    assert_eq!(response.status().as_u16(), 200);
    let csv = response.text().await.expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "scope,key,submitted,answered,unanswered,median_hours,p90_hours,within_target_share,backlog"
    );
    assert!(
        lines[1].starts_with("total,batteries,2,2,0,3.5,5,1.0000,"),
        "{csv}"
    );

    let (visitor_status, board) = app.get_page(&app.browser(), "/").await;
    assert_eq!(visitor_status, 200);
    assert!(board.contains("We answer within 7 days"), "{board}");
    assert!(
        board.contains("median 1.3 days over the last 90 days"),
        "{board}"
    );
}

async fn members_and_bad_windows_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let max = app.api_user("max@example.com", "Max").await;
    let (status, refused) = app.get_json("/api/v1/insights/responses", &max).await;
    assert_eq!(status, 403, "{refused}");
    let (member, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let (status, _) = app.get_page(&member, "/insights/responses").await;
    assert_eq!(status, 403);
    for (query, field) in [
        ("?days=0", "days"),
        ("?days=abc", "days"),
        ("?days=4000", "days"),
        ("?area=nowhere", "area"),
    ] {
        let (status, refused) = app
            .get_json(&format!("/api/v1/insights/responses{query}"), &admin)
            .await;
        assert_eq!(status, 422, "{query}: {refused}");
        assert_eq!(refused["error"]["fields"][0]["field"], field, "{query}");
    }
    let empty = figures(&app, &admin, "").await;
    assert_eq!(empty["total"]["median_hours"], Value::Null);
    assert_eq!(empty["total"]["submitted"], 0);
}
