//! Votes: promote, demote, change, retract — one per person per idea, whatever the concurrency,
//! with counters and the popular key updated in O(1) in the same transaction.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::ServiceResult;
use super::accounts::Account;
use crate::db::models::ideas::{self, Idea, VoteTotals};
use crate::db::models::{statuses, subscriptions, votes};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ideas::VoteValue;
use crate::domain::ranking::{self, HalfLife, Removal};
use crate::domain::roles::Permission;
use crate::services::error::ServiceError;

/// An idea's vote totals after a vote, with the voter's own vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct VoteOutcome {
    pub upvotes: i64,
    pub downvotes: i64,
    pub points: i64,
    /// 1, -1, or null.
    pub my_vote: Option<i64>,
}

/// Whether `idea` takes votes at all: live, not merged, status not frozen.
pub fn ensure_votable(conn: &mut DbConnection, idea: &Idea) -> ServiceResult<()> {
    if idea.hidden_at.is_some() {
        return Err(ServiceError::NotFound);
    }
    if idea.merged_into_id.is_some() {
        return Err(ServiceError::Conflict {
            code: "idea_merged",
            field: "idea",
            message: "This idea was merged into another one; vote there.".into(),
        });
    }
    let status = statuses::find_by_id(conn, &idea.status_id)?.ok_or(ServiceError::NotFound)?;
    if status.voting_frozen {
        return Err(ServiceError::Forbidden(format!(
            "Voting is closed on ideas that are {}.",
            status.name.to_lowercase()
        )));
    }
    Ok(())
}

/// Casts, changes or retracts `voter`'s vote on the idea with this id.
pub fn cast(
    db: &mut Db,
    voter: &Account,
    idea_id: &str,
    value: VoteValue,
    half_life: HalfLife,
) -> ServiceResult<VoteOutcome> {
    voter.require(Permission::Vote)?;
    db.write(|conn| {
        let idea = ideas::lock(conn, idea_id)?.ok_or(ServiceError::NotFound)?;
        ensure_votable(conn, &idea)?;
        let now = clock::now();
        let existing = votes::find(conn, &idea.id, &voter.id)?;
        let wanted = value.stored();
        let mut totals = totals_of(&idea);
        match (&existing, wanted) {
            (None, None) => {}
            (Some(vote), Some(new)) if vote.value == new => {}
            (Some(vote), wanted) => {
                match wanted {
                    Some(new) => votes::change(conn, &vote.id, new, now)?,
                    None => votes::delete(conn, &vote.id)?,
                };
                remove_term(
                    conn,
                    &idea.id,
                    &mut totals,
                    vote.value,
                    vote.updated_at,
                    half_life,
                )?;
                if let Some(new) = wanted {
                    add_term(&mut totals, new, now, half_life);
                }
            }
            (None, Some(new)) => {
                votes::insert(
                    conn,
                    &votes::NewVote {
                        id: &clock::new_id(),
                        idea_id: &idea.id,
                        user_id: &voter.id,
                        value: new,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                add_term(&mut totals, new, now, half_life);
            }
        }
        if totals != totals_of(&idea) {
            ideas::set_vote_totals(conn, &idea.id, &totals)?;
        }
        if wanted == Some(1) {
            subscriptions::subscribe(conn, &voter.id, &idea.id, now)?;
        }
        Ok(VoteOutcome {
            upvotes: totals.upvotes,
            downvotes: totals.downvotes,
            points: ranking::points(totals.upvotes, totals.downvotes),
            my_vote: wanted,
        })
    })
}

/// The vote-derived columns as stored.
pub fn totals_of(idea: &Idea) -> VoteTotals {
    VoteTotals {
        upvotes: idea.upvotes,
        downvotes: idea.downvotes,
        score: idea.score,
        up_log: idea.up_log,
        down_log: idea.down_log,
        popular_key: idea.popular_key,
    }
}

/// Adds one vote of `value` cast at `at`.
pub fn add_term(totals: &mut VoteTotals, value: i64, at: NaiveDateTime, half_life: HalfLife) {
    let exponent = half_life.exponent(at);
    if value == 1 {
        totals.upvotes += 1;
        totals.up_log = Some(ranking::log2_add(totals.up_log, exponent));
    } else {
        totals.downvotes += 1;
        totals.down_log = Some(ranking::log2_add(totals.down_log, exponent));
    }
    finish(totals);
}

/// Takes one vote of `value` cast at `at` out; rebuilds the accumulator from the idea's remaining
/// votes (already changed in the database) when subtraction would lose precision.
fn remove_term(
    conn: &mut DbConnection,
    idea_id: &str,
    totals: &mut VoteTotals,
    value: i64,
    at: NaiveDateTime,
    half_life: HalfLife,
) -> ServiceResult<()> {
    let exponent = half_life.exponent(at);
    let (count, acc) = if value == 1 {
        totals.upvotes -= 1;
        (totals.upvotes, totals.up_log)
    } else {
        totals.downvotes -= 1;
        (totals.downvotes, totals.down_log)
    };
    let next = match ranking::log2_remove(acc, exponent, count) {
        Removal::Exact(next) => next,
        Removal::Rebuild => {
            let times = votes::cast_times(conn, idea_id, value)?;
            ranking::log2_sum(times.into_iter().map(|t| half_life.exponent(t)))
        }
    };
    if value == 1 {
        totals.up_log = next;
    } else {
        totals.down_log = next;
    }
    finish(totals);
    Ok(())
}

fn finish(totals: &mut VoteTotals) {
    totals.score = totals.upvotes - totals.downvotes;
    totals.popular_key = ranking::popular_key(totals.up_log, totals.down_log);
}

/// Totals computed from scratch from (value, cast at) pairs.
pub fn totals_from(
    votes: impl IntoIterator<Item = (i64, NaiveDateTime)>,
    half_life: HalfLife,
) -> VoteTotals {
    let mut totals = VoteTotals {
        upvotes: 0,
        downvotes: 0,
        score: 0,
        up_log: None,
        down_log: None,
        popular_key: 0.0,
    };
    for (value, at) in votes {
        add_term(&mut totals, value, at, half_life);
    }
    totals
}

/// Recomputes an idea's vote totals and comment count from its rows (after votes or comments
/// moved between ideas).
pub fn recount(conn: &mut DbConnection, idea_id: &str, half_life: HalfLife) -> ServiceResult<()> {
    let cast: Vec<(i64, NaiveDateTime)> = votes::of_idea(conn, idea_id)?
        .into_iter()
        .map(|v| (v.value, v.updated_at))
        .collect();
    ideas::set_vote_totals(conn, idea_id, &totals_from(cast, half_life))?;
    let visible = crate::db::models::comments::count_visible(conn, idea_id)?;
    ideas::set_comment_count(conn, idea_id, visible)?;
    Ok(())
}
