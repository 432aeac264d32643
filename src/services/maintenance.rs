//! Maintenance: `check` recounts every counter and rank key from the rows and reports drift;
//! `rerank` rebuilds every idea's vote totals and rank keys (after the half-life changes, or a
//! migration that adds a key: `finish_data_migrations`).

use std::collections::HashMap;

use chrono::Datelike;

use super::ServiceResult;
use super::error::ServiceError;
use super::votes::totals_from;
use crate::db::Db;
use crate::db::models::ideas::{self, VoteTotals};
use crate::db::models::{comments, votes};
use crate::domain::community::day_key;
use crate::domain::ids::IdeaId;
use crate::domain::ranking::{HalfLife, popular_key_error_bound};

/// Ideas handled per round trip.
const BATCH: i64 = 500;

/// One stored value that disagrees with the rows it summarises.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    pub number: i64,
    pub field: &'static str,
    pub stored: String,
    pub actual: String,
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.number > 0 {
            write!(f, "#{} ", self.number)?;
        }
        write!(
            f,
            "{}: stored {}, counted {}",
            self.field, self.stored, self.actual
        )
    }
}

/// How far a stored accumulator may be from its recount: a relative 10⁻⁹ (each live update
/// rounds; their errors stay near 10⁻¹³, see `ranking::CANCELLATION_LIMIT`).
fn tolerance(a: f64, b: f64) -> f64 {
    1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= tolerance(a, b)
}

/// One order's two accumulators and key, stored or recounted.
struct Ranked {
    up: Option<f64>,
    down: Option<f64>,
    key: f64,
}

impl Ranked {
    /// The popular and the trending order's figures of stored totals.
    fn of(totals: &VoteTotals) -> [(&'static str, &'static str, Ranked); 2] {
        [
            (
                "rank accumulators",
                "popular_key",
                Ranked {
                    up: totals.up_log,
                    down: totals.down_log,
                    key: totals.popular_key,
                },
            ),
            (
                "trending accumulators",
                "trending_key",
                Ranked {
                    up: totals.trend_up_log,
                    down: totals.trend_down_log,
                    key: totals.trending_key,
                },
            ),
        ]
    }
}

/// Whether a stored key agrees with its recount, within what the accumulators' own tolerance
/// can move it (`ranking::popular_key_error_bound`): near-cancelling ideas have keys that
/// amplify the accumulators' rounding, which is not drift.
fn key_close(stored: &Ranked, actual: &Ranked) -> bool {
    let largest = [stored.up, stored.down, actual.up, actual.down]
        .into_iter()
        .flatten()
        .fold(0.0_f64, |m, x| m.max(x.abs()));
    let bound = popular_key_error_bound(actual.up, actual.down, tolerance(largest, 0.0));
    (stored.key - actual.key).abs() <= bound + tolerance(stored.key, actual.key)
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => close(a, b),
        _ => false,
    }
}

/// Walks every idea in id order, a batch at a time, with the totals its votes give.
fn for_each_batch(
    db: &mut Db,
    half_life: HalfLife,
    mut visit: impl FnMut(&mut Db, Vec<(ideas::Idea, VoteTotals, i64)>) -> ServiceResult<()>,
) -> ServiceResult<usize> {
    let mut after = IdeaId::default();
    let mut seen = 0;
    loop {
        let conn = db.conn()?;
        let ids = ideas::ids_after(conn, &after, BATCH)?;
        let Some(last) = ids.last().cloned() else {
            return Ok(seen);
        };
        let rows = ideas::find_many(conn, &ids)?;
        let mut cast: HashMap<IdeaId, Vec<(i64, chrono::NaiveDateTime)>> = HashMap::new();
        for (idea_id, value, at) in votes::for_ideas(conn, &ids)? {
            cast.entry(idea_id).or_default().push((value, at));
        }
        let counts: HashMap<IdeaId, i64> =
            comments::visible_counts(conn, &ids)?.into_iter().collect();
        let mut batch = Vec::with_capacity(rows.len());
        for idea in rows {
            let mut idea_votes = cast.remove(&idea.id).unwrap_or_default();
            // Summation order matters in the last bits; use cast order, as the live updates do.
            idea_votes.sort_by_key(|(_, at)| *at);
            let totals = totals_from(idea_votes, half_life);
            let comment_count = counts.get(&idea.id).copied().unwrap_or(0);
            batch.push((idea, totals, comment_count));
        }
        seen += batch.len();
        visit(db, batch)?;
        after = last;
    }
}

/// Recounts everything; an empty list means no drift.
pub fn check(db: &mut Db, half_life: HalfLife) -> ServiceResult<(usize, Vec<Drift>)> {
    let mut drift = Vec::new();
    let checked = for_each_batch(db, half_life, |_, batch| {
        for (idea, actual, comment_count) in batch {
            let mut report = |field: &'static str, stored: String, counted: String| {
                drift.push(Drift {
                    number: idea.number,
                    field,
                    stored,
                    actual: counted,
                })
            };
            if idea.upvotes != actual.upvotes {
                report(
                    "upvotes",
                    idea.upvotes.to_string(),
                    actual.upvotes.to_string(),
                );
            }
            if idea.downvotes != actual.downvotes {
                report(
                    "downvotes",
                    idea.downvotes.to_string(),
                    actual.downvotes.to_string(),
                );
            }
            if idea.score != actual.score {
                report("score", idea.score.to_string(), actual.score.to_string());
            }
            if idea.comment_count != comment_count {
                report(
                    "comment_count",
                    idea.comment_count.to_string(),
                    comment_count.to_string(),
                );
            }
            let stored = Ranked::of(&super::votes::totals_of(&idea));
            for ((accumulators, key, stored), (_, _, actual)) in
                stored.into_iter().zip(Ranked::of(&actual))
            {
                if !close_opt(stored.up, actual.up) || !close_opt(stored.down, actual.down) {
                    report(
                        accumulators,
                        format!("{:?}/{:?}", stored.up, stored.down),
                        format!("{:?}/{:?}", actual.up, actual.down),
                    );
                }
                if !key_close(&stored, &actual) {
                    report(key, stored.key.to_string(), actual.key.to_string());
                }
            }
        }
        Ok(())
    })?;
    for (what, stored, counted) in crate::db::views::totals::totals_and_recount(db.conn()?)? {
        if stored != counted {
            drift.push(Drift {
                number: 0,
                field: "kept count",
                stored: format!("{what}: {stored}"),
                actual: format!("{what}: {counted}"),
            });
        }
    }
    Ok((checked, drift))
}

/// Rebuilds vote totals, popular keys and comment counts of every idea, and the board's live
/// totals per status and tag, from the rows.
pub fn rerank(db: &mut Db, half_life: HalfLife) -> ServiceResult<usize> {
    db.write(|conn| Ok::<_, ServiceError>(crate::db::views::totals::recount_totals(conn)?))?;
    for_each_batch(db, half_life, |db, batch| {
        db.write(|conn| {
            for (idea, totals, comment_count) in &batch {
                ideas::set_vote_totals(conn, &idea.id, totals)?;
                if idea.comment_count != *comment_count {
                    ideas::set_comment_count(conn, &idea.id, *comment_count)?;
                }
            }
            Ok(())
        })
    })
}

/// The setting a migration leaves when the rank keys must be recomputed from the votes (a new
/// key's column starts at zero); the first program to start after it does so and removes it.
const RERANK_PENDING: &str = "rerank_pending";

/// Brings the database up to date: the SQL migrations, then `finish_data_migrations`. Returns how
/// many migrations ran.
pub fn migrate(db: &mut Db, half_life: HalfLife) -> Result<usize, String> {
    let applied = crate::db::migrate::prepare(db)?;
    finish_data_migrations(db, half_life)
        .map_err(|e| format!("recomputing rank keys after a migration: {e}"))?;
    super::rescore::when_pending(db)
        .map_err(|e| format!("scoring sentiment after a migration: {e}"))?;
    // The start analysed (`db::stats::after_migrations`): connections the pool opened before
    // that are replaced now rather than at the first sweep.
    note_statistics(db).map_err(|e| format!("reading the planner statistics: {e}"))?;
    Ok(applied)
}

/// Finishes what SQL migrations cannot: recomputes every idea's rank keys when a migration asked
/// for it. Returns how many ideas were reranked (0 when nothing was asked).
pub fn finish_data_migrations(db: &mut Db, half_life: HalfLife) -> ServiceResult<usize> {
    let asked = crate::db::models::pipeline::setting(db.conn()?, RERANK_PENDING)?;
    let Some(reason) = asked else {
        return Ok(0);
    };
    let reranked = rerank(db, half_life)?;
    db.write(|conn| {
        Ok::<_, ServiceError>(crate::db::models::pipeline::delete_setting(
            conn,
            RERANK_PENDING,
        )?)
    })?;
    tracing::info!(reranked, reason, "rank keys recomputed after a migration");
    Ok(reranked)
}

/// Whether the board can serve: the database answers.
pub fn ready(db: &mut Db) -> ServiceResult<()> {
    db.ping()
        .map_err(|error| ServiceError::Unavailable(format!("database: {error}")))
}

/// Keeps the query planners' statistics fresh (see `db::stats`), and when they changed has the
/// pooled connections replaced so that they plan with them.
pub fn refresh_statistics(db: &mut Db) -> ServiceResult<()> {
    // On SQLite `PRAGMA optimize` may write the statistics table: a write, so in the writer's turn.
    db.write(|conn| Ok::<_, ServiceError>(crate::db::stats::keep_fresh(conn)?))?;
    note_statistics(db)
}

/// Folds the activity rows that several writing backends spread each past day and week over
/// into one (see `activity::fold_shards`): the insights read one row per day however many
/// instances serve the board. Today and this week are left to their writers.
pub fn fold_activity_shards(db: &mut Db, today: chrono::NaiveDate) -> ServiceResult<usize> {
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let (before_day, before_week) = (day_key(today), day_key(monday));
    db.write(|conn| {
        Ok::<_, ServiceError>(crate::db::views::activity::fold_shards(
            conn,
            &before_day,
            &before_week,
        )?)
    })
}

/// Tells the database the planner statistics' digest, so that pooled connections that read older
/// ones are replaced (see `Database::statistics_now`).
fn note_statistics(db: &mut Db) -> ServiceResult<()> {
    let fingerprint = crate::db::stats::fingerprint(db.conn()?)?;
    db.database().statistics_now(fingerprint);
    Ok(())
}
