//! The triage inbox: live ideas still waiting for an official answer, oldest first, read through
//! the partial indexes `ideas_unanswered` and `ideas_unanswered_area`; and the stored likely
//! duplicates each row offers to merge into.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};

use crate::db::schema::{comments, duplicate_candidates, ideas, response_months};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ids::{AreaId, IdeaId};

/// Which waiting ideas a page of the inbox shows.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    /// Only ideas in one of these areas (`Some(empty)` matches nothing).
    pub area_ids: Option<Vec<AreaId>>,
    /// Only ideas in no area.
    pub unsorted: bool,
    /// Only ideas submitted before this moment (those past the response target).
    pub submitted_before: Option<NaiveDateTime>,
}

impl InboxFilter {
    /// No idea can pass: no area asked for, or areas and no area at once.
    fn keeps_none(&self) -> bool {
        self.area_ids
            .as_ref()
            .is_some_and(|ids| ids.is_empty() || self.unsorted)
    }
}

/// The waiting ideas the filter keeps. The conditions are the indexes' own, written the same
/// way, so both databases answer from them.
fn waiting<'a>(filter: &InboxFilter) -> ideas::BoxedQuery<'a, MultiBackend> {
    let mut query = ideas::table
        .filter(sql::<Bool>(
            "ideas.first_response_at IS NULL AND ideas.merged_into_id IS NULL \
             AND ideas.hidden_at IS NULL",
        ))
        .into_boxed::<MultiBackend>();
    match filter.area_ids.as_deref() {
        // One area as an equality, so PostgreSQL reads `ideas_unanswered_area` in order.
        Some([area_id]) => query = query.filter(ideas::area_id.eq(area_id.clone())),
        Some(area_ids) => query = query.filter(ideas::area_id.eq_any(area_ids.to_vec())),
        None => {}
    }
    if filter.unsorted {
        query = query.filter(ideas::area_id.is_null());
    }
    if let Some(before) = filter.submitted_before {
        query = query.filter(ideas::created_at.lt(before));
    }
    query
}

/// One page of the waiting ideas' ids, oldest first.
pub fn page(
    conn: &mut DbConnection,
    filter: &InboxFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<IdeaId>> {
    if filter.keeps_none() {
        return Ok(Vec::new());
    }
    waiting(filter)
        .order((ideas::created_at.asc(), ideas::id.asc()))
        .select(ideas::id)
        .limit(limit)
        .offset(offset)
        .load(conn)
}

/// How many waiting ideas the filter keeps, without counting them one by one: the ideas
/// waiting in the filter's areas are the trigger-kept submissions less answers
/// (`response_months`, a few rows per month); those past the target are that less the few submitted
/// since the target's cutoff, counted through the index.
pub fn count(conn: &mut DbConnection, filter: &InboxFilter) -> QueryResult<i64> {
    if filter.keeps_none() {
        return Ok(0);
    }
    let mut kept = response_months::table
        .select(sql::<BigInt>(
            "CAST(COALESCE(SUM(submitted - answered), 0) AS BIGINT)",
        ))
        .into_boxed::<MultiBackend>();
    if let Some(area_ids) = &filter.area_ids {
        let keys: Vec<String> = area_ids.iter().map(ToString::to_string).collect();
        kept = kept.filter(response_months::area_key.eq_any(keys));
    }
    if filter.unsorted {
        kept = kept.filter(response_months::area_key.eq(""));
    }
    let waiting_now: i64 = kept.get_result(conn)?;
    let Some(cutoff) = filter.submitted_before else {
        return Ok(waiting_now);
    };
    let within_target = InboxFilter {
        submitted_before: None,
        ..filter.clone()
    };
    let recent: i64 = waiting(&within_target)
        .filter(ideas::created_at.ge(cutoff))
        .count()
        .get_result(conn)?;
    Ok(waiting_now - recent)
}

/// Records `candidates` (a handful) as likely duplicates of `idea_id`.
pub fn add_candidates(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    candidates: &[IdeaId],
) -> QueryResult<()> {
    for candidate in candidates {
        diesel::insert_into(duplicate_candidates::table)
            .values((
                duplicate_candidates::idea_id.eq(idea_id),
                duplicate_candidates::candidate_id.eq(candidate),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// For each of these ideas, its likely duplicates that are still live, as (idea, number, title).
pub fn candidates_of(
    conn: &mut DbConnection,
    idea_ids: &[IdeaId],
) -> QueryResult<Vec<(IdeaId, i64, String)>> {
    duplicate_candidates::table
        .inner_join(ideas::table.on(ideas::id.eq(duplicate_candidates::candidate_id)))
        .filter(duplicate_candidates::idea_id.eq_any(idea_ids))
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .order(ideas::number.asc())
        .select((duplicate_candidates::idea_id, ideas::number, ideas::title))
        .load(conn)
}

/// Live ideas whose latest official answer more of those asked found unhelpful than helpful,
/// oldest answer first: to answer again. Reads the rated answers (`comments_rated_answers`), then
/// the official answers of just those ideas.
pub fn answer_again(conn: &mut DbConnection) -> QueryResult<Vec<IdeaId>> {
    let unhelpful: Vec<(IdeaId, CommentIdAt)> = comments::table
        .inner_join(ideas::table)
        .filter(sql::<Bool>(
            "comments.official AND comments.helpful + comments.unhelpful > 0 \
             AND comments.unhelpful > comments.helpful",
        ))
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .filter(comments::deleted_at.is_null())
        .filter(comments::hidden_at.is_null())
        .filter(comments::merged_from_idea_id.is_null())
        .order(comments::created_at.asc())
        .select((comments::idea_id, (comments::id, comments::created_at)))
        .limit(ANSWER_AGAIN_MAX)
        .load(conn)?;
    let ideas: Vec<IdeaId> = unhelpful.iter().map(|(idea, _)| idea.clone()).collect();
    let latest: Vec<(IdeaId, Option<NaiveDateTime>)> = comments::table
        .filter(comments::idea_id.eq_any(&ideas))
        .filter(comments::official.eq(true))
        .filter(comments::deleted_at.is_null())
        .filter(comments::hidden_at.is_null())
        .group_by(comments::idea_id)
        .select((comments::idea_id, diesel::dsl::max(comments::created_at)))
        .load(conn)?;
    let latest: std::collections::HashMap<IdeaId, NaiveDateTime> = latest
        .into_iter()
        .filter_map(|(idea, at)| at.map(|at| (idea, at)))
        .collect();
    let mut again: Vec<IdeaId> = Vec::new();
    for (idea, (_, at)) in unhelpful {
        if latest.get(&idea) == Some(&at) && !again.contains(&idea) {
            again.push(idea);
        }
    }
    Ok(again)
}

/// At most this many answers are looked at for "answer again" (oldest first).
const ANSWER_AGAIN_MAX: i64 = 1_000;

type CommentIdAt = (crate::domain::ids::CommentId, NaiveDateTime);
