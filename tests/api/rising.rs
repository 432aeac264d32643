//! Rising ideas on `/insights`: the ideas whose points grew most in the weeks of a period, in the
//! order a sum of every vote of those weeks gives (worked out here by SQL over the votes), on a
//! board with more ideas per week than the first walk reads.

use chrono::{Datelike, Duration, NaiveDateTime};

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(rising_ideas_are_those_whose_votes_of_the_period_sum_highest);

const IDEAS: i64 = 45;
const VOTERS: i64 = 6;

fn stored(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The numbers of the ideas the rising section links to, in order.
fn rising_on(page: &str) -> Vec<i64> {
    let section = page
        .split("id=\"rising-heading\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("the rising section");
    section
        .split("href=\"/ideas/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

async fn rising_ideas_are_those_whose_votes_of_the_period_sum_highest(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.api_user("admin@example.com", "Admin").await;
    let max = app.api_user("max@example.com", "Max").await;
    let mut voters = Vec::new();
    for v in 0..VOTERS {
        voters.push(
            app.api_user(&format!("voter{v}@example.com"), &format!("Voter {v}"))
                .await,
        );
    }
    for i in 1..=IDEAS {
        app.create_idea(&max, &format!("Idea number {i}"), "Crafted")
            .await;
    }
    // A fixed pattern of promotes and demotes spread over four weeks.
    for i in 1..=IDEAS {
        for (v, token) in (0..).zip(&voters) {
            if (i * 7 + v * 3) % 5 != 0 {
                let value = if (i + v) % 4 == 0 { -1 } else { 1 };
                assert_eq!(app.vote(token, i, value).await.0, 200);
            }
        }
    }
    let today = app.state.clock.now().date();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let base = (monday - Duration::days(21))
        .and_hms_opt(12, 0, 0)
        .expect("noon");
    let mut sql = String::new();
    for i in 1..=IDEAS {
        for v in 0..=VOTERS {
            let week = (i * (v + 1) + i / 3) % 4;
            let who = if v == VOTERS {
                "max@example.com".to_string()
            } else {
                format!("voter{v}@example.com")
            };
            sql += &format!(
                "UPDATE votes SET created_at = '{0}', updated_at = '{0}' WHERE idea_id = (SELECT id FROM ideas WHERE number = {i}) \
                 AND user_id = (SELECT id FROM users WHERE email = '{who}');",
                stored(base + Duration::days(7 * week + (i % 7)))
            );
        }
    }
    app.execute_sql(sql).await;
    // Votes cast at other times move the trending keys: rebuilt as `ideaboard rerank` does.
    let half_life = app.state.config.rank_half_life;
    app.with_db(move |db| ideaboard::services::maintenance::rerank(db, half_life).expect("rerank"))
        .await;
    app.assert_no_drift().await;

    let (browser, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    for (from_week, to_week) in [(0, 3), (1, 2), (2, 2)] {
        let (from, to) = (
            (base + Duration::days(7 * from_week)).date(),
            (base + Duration::days(7 * to_week + 6)).date(),
        );
        // The sum of every vote of those weeks, by idea: the highest ten above zero, ties by id.
        let (first, last) = (
            stored(base + Duration::days(7 * from_week - 1)),
            stored(base + Duration::days(7 * to_week + 7)),
        );
        let expected = app
            .with_conn(move |conn| {
                use diesel::prelude::*;
                #[derive(QueryableByName)]
                struct Gain {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    number: i64,
                }
                diesel::sql_query(format!(
                    "SELECT number FROM (SELECT i.number, i.id, SUM(v.value) AS gained \
                     FROM votes v JOIN ideas i ON i.id = v.idea_id \
                     WHERE v.updated_at > '{first}' AND v.updated_at < '{last}' \
                     GROUP BY i.number, i.id) AS g WHERE gained > 0 \
                     ORDER BY gained DESC, id ASC LIMIT 10"
                ))
                .load::<Gain>(conn)
                .expect("sums")
                .into_iter()
                .map(|g| g.number)
                .collect::<Vec<i64>>()
            })
            .await;
        assert!(!expected.is_empty());
        let (status, page) = app
            .get_page(&browser, &format!("/insights?from={from}&to={to}"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(rising_on(&page), expected, "weeks {from_week} to {to_week}");
        let csv = browser
            .get(app.url(&format!("/insights/rising.csv?from={from}&to={to}")))
            .send()
            .await
            .expect("GET csv")
            .text()
            .await
            .expect("csv");
        let numbers: Vec<i64> = csv
            .lines()
            .skip(1)
            .filter_map(|line| line.split(',').next()?.parse().ok())
            .collect();
        assert_eq!(numbers, expected, "{csv}");
    }
}
