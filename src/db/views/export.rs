//! The export query: live ideas filtered by statuses, tags, dates and points, in a ranked order,
//! read a page at a time so an export of any size keeps memory flat.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Timestamp};

use crate::db::schema::{comments, idea_tags, ideas, status_changes, statuses, users, votes};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ranking::Sort;

/// What to export.
#[derive(Debug, Clone)]
pub struct ExportFilter {
    pub status_ids: Vec<String>,
    pub tag_ids: Vec<String>,
    pub since: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    /// Minimum net score (points / 10, rounded up).
    pub min_score: Option<i64>,
    pub sort: Sort,
    pub trending_since: NaiveDateTime,
}

/// One idea's own columns.
#[derive(Debug, Clone, Queryable)]
pub struct ExportRow {
    pub id: String,
    pub number: i64,
    pub title: String,
    pub status: String,
    pub upvotes: i64,
    pub downvotes: i64,
    pub comments: i64,
    pub author: String,
    pub created_at: NaiveDateTime,
    pub score: i64,
    pub popular_key: f64,
}

/// Where the previous page ended, for keyset paging (the last row's sort keys).
#[derive(Debug, Clone)]
pub struct After {
    pub score: i64,
    pub popular_key: f64,
    pub comments: i64,
    pub created_at: NaiveDateTime,
    pub number: i64,
}

impl After {
    pub fn of(row: &ExportRow) -> Self {
        Self {
            score: row.score,
            popular_key: row.popular_key,
            comments: row.comments,
            created_at: row.created_at,
            number: row.number,
        }
    }
}

/// One page of rows in export order. Pages continue after `after` (keyset: each page costs the
/// same however deep); `trending`, whose key is computed, pages by `offset`.
pub fn page(
    conn: &mut DbConnection,
    filter: &ExportFilter,
    limit: i64,
    offset: i64,
    after: Option<&After>,
) -> QueryResult<Vec<ExportRow>> {
    let mut query = ideas::table
        .inner_join(users::table)
        .inner_join(statuses::table)
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .into_boxed::<MultiBackend>();
    if !filter.status_ids.is_empty() {
        query = query.filter(ideas::status_id.eq_any(filter.status_ids.clone()));
    }
    if !filter.tag_ids.is_empty() {
        query = query.filter(
            ideas::id.eq_any(
                idea_tags::table
                    .filter(idea_tags::tag_id.eq_any(filter.tag_ids.clone()))
                    .select(idea_tags::idea_id),
            ),
        );
    }
    if let Some(since) = filter.since {
        query = query.filter(ideas::created_at.ge(since));
    }
    if let Some(until) = filter.until {
        query = query.filter(ideas::created_at.lt(until));
    }
    if let Some(min) = filter.min_score {
        query = query.filter(ideas::score.ge(min));
    }
    if let Some(after) = after {
        // Strictly after (key, created_at, number) in descending order.
        let tie = ideas::created_at.lt(after.created_at).or(ideas::created_at
            .eq(after.created_at)
            .and(ideas::number.lt(after.number)));
        query = match filter.sort {
            Sort::Top | Sort::Relevance => query.filter(
                ideas::score
                    .lt(after.score)
                    .or(ideas::score.eq(after.score).and(tie)),
            ),
            Sort::Popular => query.filter(
                ideas::popular_key
                    .lt(after.popular_key)
                    .or(ideas::popular_key.eq(after.popular_key).and(tie)),
            ),
            Sort::Discussed => query.filter(
                ideas::comment_count
                    .lt(after.comments)
                    .or(ideas::comment_count.eq(after.comments).and(tie)),
            ),
            Sort::New => query.filter(tie),
            Sort::Trending => query,
        };
    }
    let query = query.select((
        ideas::id,
        ideas::number,
        ideas::title,
        statuses::name,
        ideas::upvotes,
        ideas::downvotes,
        ideas::comment_count,
        users::name,
        ideas::created_at,
        ideas::score,
        ideas::popular_key,
    ));
    let query = match filter.sort {
        Sort::Top | Sort::Relevance => query.order(ideas::score.desc()),
        Sort::Popular => query.order(ideas::popular_key.desc()),
        Sort::New => query.order(ideas::created_at.desc()),
        Sort::Discussed => query.order(ideas::comment_count.desc()),
        Sort::Trending => query.order(
            sql::<BigInt>("(SELECT COALESCE(SUM(v.value), 0) FROM votes v WHERE v.idea_id = ideas.id AND v.updated_at > ")
                .bind::<Timestamp, _>(filter.trending_since)
                .sql(")")
                .desc(),
        ),
    };
    query
        .then_order_by(ideas::created_at.desc())
        .then_order_by(ideas::number.desc())
        .limit(limit)
        .offset(if after.is_some() { 0 } else { offset })
        .load(conn)
}

/// Per idea of a page: ideas merged into it.
pub fn merged_counts(conn: &mut DbConnection, ids: &[String]) -> QueryResult<HashMap<String, i64>> {
    let rows: Vec<(Option<String>, i64)> = ideas::table
        .filter(ideas::merged_into_id.eq_any(ids))
        .group_by(ideas::merged_into_id)
        .select((ideas::merged_into_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect())
}

/// Per idea of a page: the latest status change.
pub fn status_changed_at(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<HashMap<String, NaiveDateTime>> {
    let rows: Vec<(String, Option<NaiveDateTime>)> = status_changes::table
        .filter(status_changes::idea_id.eq_any(ids))
        .group_by(status_changes::idea_id)
        .select((
            status_changes::idea_id,
            diesel::dsl::max(status_changes::created_at),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, at)| at.map(|at| (id, at)))
        .collect())
}

/// Per idea of a page: the latest vote and the latest comment.
pub fn last_activity(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<HashMap<String, NaiveDateTime>> {
    let mut latest: HashMap<String, NaiveDateTime> = HashMap::new();
    let voted: Vec<(String, Option<NaiveDateTime>)> = votes::table
        .filter(votes::idea_id.eq_any(ids))
        .group_by(votes::idea_id)
        .select((votes::idea_id, diesel::dsl::max(votes::updated_at)))
        .load(conn)?;
    let commented: Vec<(String, Option<NaiveDateTime>)> = comments::table
        .filter(comments::idea_id.eq_any(ids))
        .group_by(comments::idea_id)
        .select((comments::idea_id, diesel::dsl::max(comments::created_at)))
        .load(conn)?;
    for (id, at) in voted.into_iter().chain(commented) {
        if let Some(at) = at {
            let entry = latest.entry(id).or_insert(at);
            if at > *entry {
                *entry = at;
            }
        }
    }
    Ok(latest)
}
