//! `trending` is a stored key kept with every vote, and its order is exactly the definition
//! computed naively from the vote rows: Σ ±10 · 2^(−age / 1 day) over an idea's standing votes,
//! ties newer first, then the higher number.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Timestamp};

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_trending_order_is_the_definition_computed_from_the_votes,
    a_board_voted_on_before_the_trending_key_gets_it_when_the_program_starts,
);

#[derive(QueryableByName)]
struct StandingVote {
    #[diesel(sql_type = BigInt)]
    number: i64,
    #[diesel(sql_type = BigInt)]
    value: i64,
    #[diesel(sql_type = Timestamp)]
    updated_at: NaiveDateTime,
}

/// Each live idea's trending score by the definition, at `now`.
async fn naive_scores(app: &TestApp, now: NaiveDateTime) -> HashMap<i64, f64> {
    let votes: Vec<StandingVote> = app
        .with_conn(|conn| {
            diesel::sql_query(
                "SELECT i.number, v.value, v.updated_at FROM votes v JOIN ideas i ON i.id = v.idea_id \
                 WHERE i.merged_into_id IS NULL AND i.hidden_at IS NULL",
            )
            .load(conn)
            .expect("votes")
        })
        .await;
    let mut scores = HashMap::new();
    for vote in votes {
        let age_days = (now - vote.updated_at).num_milliseconds() as f64 / 86_400_000.0;
        *scores.entry(vote.number).or_insert(0.0) +=
            10.0 * vote.value as f64 * 0.5f64.powf(age_days);
    }
    scores
}

async fn the_trending_order_is_the_definition_computed_from_the_votes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed(240, 4000, 0, 60, 11).await;
    // Live votes too: fresh ideas (their authors promote them), changes of mind, a withdrawal.
    let ada = app.api_user("ada@example.com", "Ada").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    let rising = app.create_idea(&ada, "Rising today", "").await["number"]
        .as_i64()
        .expect("number");
    let doubted = app.create_idea(&ada, "Doubted today", "").await["number"]
        .as_i64()
        .expect("number");
    for (number, value) in [
        (rising, -1),
        (rising, 0),
        (rising, 1),
        (doubted, 1),
        (doubted, -1),
    ] {
        assert_eq!(app.vote(&bo, number, value).await.0, 200);
    }
    let mut listed = Vec::new();
    for page in 1..=3 {
        listed.extend(
            app.listed(&format!("sort=trending&per_page=100&page={page}"))
                .await,
        );
    }
    let scores = naive_scores(&app, ideaboard::domain::clock::now()).await;
    assert!(listed.len() > 200, "{} live ideas listed", listed.len());
    let score = |number: &i64| scores.get(number).copied().unwrap_or(0.0);
    for (i, above) in listed.iter().enumerate() {
        for below in &listed[i + 1..] {
            let (a, b) = (score(above), score(below));
            let rounding = 1e-9 * a.abs().max(b.abs());
            assert!(
                a >= b - rounding,
                "#{above} ({a}) is listed above #{below} ({b})"
            );
        }
    }
    let place = |number: i64| listed.iter().position(|n| *n == number).expect("listed");
    assert!(
        place(rising) < place(doubted),
        "two promotes today above a promote and a demote"
    );
    let half_life = app.state.config.rank_half_life;
    let (_, drift) = app
        .with_db(move |db| ideaboard::services::maintenance::check(db, half_life))
        .await
        .expect("check");
    assert!(
        drift.is_empty(),
        "the stored keys are the recount: {drift:?}"
    );
}

/// What the migration that added the key leaves on an existing board: zero keys and a marker.
async fn a_board_voted_on_before_the_trending_key_gets_it_when_the_program_starts(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    app.seed(60, 600, 0, 20, 5).await;
    app.execute_sql(
        "UPDATE ideas SET trend_up_log = NULL, trend_down_log = NULL, trending_key = 0; \
         INSERT INTO settings (key, value) VALUES ('rerank_pending', 'trending_key');"
            .into(),
    )
    .await;
    let half_life = app.state.config.rank_half_life;
    let check = move |db: &mut ideaboard::db::Db| {
        let (_, drift) = ideaboard::services::maintenance::check(db, half_life).expect("check");
        drift.iter().filter(|d| d.field == "trending_key").count()
    };
    assert!(app.with_db(check).await > 10, "check sees the missing keys");
    // What `ideaboard serve` (and every other command) does at start.
    app.with_db(move |db| ideaboard::services::maintenance::migrate(db, half_life))
        .await
        .expect("migrate");
    assert_eq!(app.with_db(check).await, 0, "every key recomputed");
    let marker = app
        .with_conn(|conn| {
            ideaboard::db::models::pipeline::setting(conn, "rerank_pending").expect("read")
        })
        .await;
    assert_eq!(marker, None, "done once: the marker is gone");
}
