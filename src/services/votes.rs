//! Votes: promote, demote, change, retract — one per person per idea, whatever the concurrency,
//! with counters and the popular key updated in O(1) in the same transaction.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::accounts::Account;
use super::{ServiceResult, webhook_events};
use crate::db::models::ideas::{self, Idea, VoteTotals};
use crate::db::models::{statuses, subscriptions, votes};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ideas::VoteValue;
use crate::domain::ids::IdeaId;
use crate::domain::local_names::LocalNames;
use crate::domain::ranking::HalfLife;
use crate::domain::roles::Permission;
use crate::domain::validation::{Text, TextArg};
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

/// Whether `idea` takes votes at all: live, not merged, status not frozen, not in a storm session
/// that closed with its votes.
pub fn ensure_votable(conn: &mut DbConnection, idea: &Idea) -> ServiceResult<()> {
    if idea.hidden_at.is_some() {
        return Err(ServiceError::NotFound);
    }
    super::storms::refuse_closed_votes(conn, idea.storm_id.as_ref(), clock::now())?;
    if idea.merged_into_id.is_some() {
        return Err(ServiceError::conflict_coded(
            "idea_merged",
            "idea",
            Text::new("refused-vote-merged"),
        ));
    }
    let status = statuses::find_by_id(conn, &idea.status_id)?.ok_or(ServiceError::NotFound)?;
    if status.voting_frozen {
        return Err(ServiceError::refused(
            Text::new("refused-voting-closed").with(
                "status",
                TextArg::Named {
                    names: LocalNames::from_stored(&status.names),
                    name: status.name,
                },
            ),
        ));
    }
    Ok(())
}

/// How a vote counts: the ranking's half-life, and the review threshold whose crossing webhooks
/// hear of (`idea.threshold_reached`, with the board's address for its links).
#[derive(Debug, Clone)]
pub struct VoteRules {
    pub half_life: HalfLife,
    /// Points and the board's address; `None` tells no webhook (the demo board's seeding).
    pub threshold: Option<(i64, String)>,
}

impl VoteRules {
    /// Ranking only: no webhook hears of a threshold reached.
    pub fn ranking_only(half_life: HalfLife) -> Self {
        VoteRules {
            half_life,
            threshold: None,
        }
    }
}

/// Casts, changes or retracts `voter`'s vote on the idea with this id.
pub fn cast(
    db: &mut Db,
    voter: &Account,
    idea_id: &IdeaId,
    value: VoteValue,
    rules: &VoteRules,
) -> ServiceResult<VoteOutcome> {
    voter.require(Permission::Vote)?;
    let half_life = rules.half_life;
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
                // The vote row is already changed, so the votes read for a rebuild are the rest.
                totals.remove(vote.value, vote.updated_at, half_life, || {
                    votes::cast_times(conn, &idea.id, vote.value)
                })?;
                if let Some(new) = wanted {
                    totals.add(new, now, half_life);
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
                totals.add(new, now, half_life);
            }
        }
        if totals != totals_of(&idea) {
            ideas::set_vote_totals(conn, &idea.id, &totals)?;
            if let Some((threshold, base_url)) = &rules.threshold {
                let before = totals_of(&idea).points();
                if before < *threshold && totals.points() >= *threshold {
                    let mut reached = idea.clone();
                    (reached.upvotes, reached.downvotes) = (totals.upvotes, totals.downvotes);
                    let happened = webhook_events::Happened::ThresholdReached {
                        idea: &reached,
                        threshold: *threshold,
                    };
                    webhook_events::emit(conn, base_url, &happened)?;
                }
            }
        }
        if wanted == Some(1) {
            subscriptions::subscribe(conn, &voter.id, &idea.id, now)?;
        }
        Ok(VoteOutcome {
            upvotes: totals.upvotes,
            downvotes: totals.downvotes,
            points: totals.points(),
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
        trend_up_log: idea.trend_up_log,
        trend_down_log: idea.trend_down_log,
        trending_key: idea.trending_key,
    }
}

/// Totals computed from scratch from (value, cast at) pairs.
pub fn totals_from(
    votes: impl IntoIterator<Item = (i64, NaiveDateTime)>,
    half_life: HalfLife,
) -> VoteTotals {
    VoteTotals::from_votes(votes, half_life)
}

/// Recomputes an idea's vote totals and comment count from its rows (after votes or comments
/// moved between ideas).
pub fn recount(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    half_life: HalfLife,
) -> ServiceResult<()> {
    let cast: Vec<(i64, NaiveDateTime)> = votes::of_idea(conn, idea_id)?
        .into_iter()
        .map(|v| (v.value, v.updated_at))
        .collect();
    ideas::set_vote_totals(conn, idea_id, &totals_from(cast, half_life))?;
    let visible = crate::db::models::comments::count_visible(conn, idea_id)?;
    ideas::set_comment_count(conn, idea_id, visible)?;
    Ok(())
}
