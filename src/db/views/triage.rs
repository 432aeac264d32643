//! The triage inbox: live ideas still waiting for an official answer, oldest first, read through
//! the partial indexes `ideas_unanswered` and `ideas_unanswered_area`; and the stored likely
//! duplicates each row offers to merge into.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Bool;

use crate::db::schema::{duplicate_candidates, ideas};
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

/// The waiting ideas the filter keeps. The conditions are the indexes' own, written the same
/// way, so both databases answer from them.
fn waiting<'a>(filter: &InboxFilter) -> ideas::BoxedQuery<'a, MultiBackend> {
    let mut query = ideas::table
        .filter(sql::<Bool>(
            "ideas.first_response_at IS NULL AND ideas.merged_into_id IS NULL \
             AND ideas.hidden_at IS NULL",
        ))
        .into_boxed::<MultiBackend>();
    if let Some(area_ids) = &filter.area_ids {
        query = query.filter(ideas::area_id.eq_any(area_ids.clone()));
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
    waiting(filter)
        .order((ideas::created_at.asc(), ideas::id.asc()))
        .select(ideas::id)
        .limit(limit)
        .offset(offset)
        .load(conn)
}

/// How many waiting ideas the filter keeps.
pub fn count(conn: &mut DbConnection, filter: &InboxFilter) -> QueryResult<i64> {
    waiting(filter).count().get_result(conn)
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
