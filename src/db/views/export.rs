//! The export query: live ideas filtered by statuses, tags, dates and points, in a ranked order,
//! read a page at a time so an export of any size keeps memory flat.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Double, Nullable, Timestamp};

use crate::db::schema::{idea_tags, ideas};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ids::{IdeaId, StatusId, StormId, TagId, UserId};
use crate::domain::ranking::Sort;

/// What to export.
#[derive(Debug, Clone)]
pub struct ExportFilter {
    pub status_ids: Vec<StatusId>,
    pub tag_ids: Vec<TagId>,
    /// A storm session's ideas only.
    pub storm_id: Option<StormId>,
    pub since: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    /// Minimum net score (points / 10, rounded up).
    pub min_score: Option<i64>,
    pub sort: Sort,
}

/// One idea's own columns.
#[derive(Debug, Clone, Queryable)]
pub struct ExportRow {
    pub id: IdeaId,
    pub number: i64,
    pub title: String,
    pub status_id: StatusId,
    pub upvotes: i64,
    pub downvotes: i64,
    pub comments: i64,
    pub author_id: UserId,
    pub created_at: NaiveDateTime,
    pub score: i64,
    pub popular_key: f64,
    pub trending_key: f64,
    /// Ideas merged into this one.
    pub merged_count: i64,
    pub status_changed_at: Option<NaiveDateTime>,
    pub last_vote_at: Option<NaiveDateTime>,
    pub last_comment_at: Option<NaiveDateTime>,
}

/// Where the previous page ended, for keyset paging (the last row's sort keys).
#[derive(Debug, Clone)]
pub struct After {
    pub score: i64,
    pub popular_key: f64,
    pub trending_key: f64,
    pub comments: i64,
    pub created_at: NaiveDateTime,
    pub number: i64,
}

impl After {
    pub fn of(row: &ExportRow) -> Self {
        Self {
            score: row.score,
            popular_key: row.popular_key,
            trending_key: row.trending_key,
            comments: row.comments,
            created_at: row.created_at,
            number: row.number,
        }
    }

    /// Before every row: the first page starts here, so even it is a range on the order's index
    /// (without a range, SQLite may prefer the status index and sort the whole board).
    pub fn start() -> Self {
        Self {
            score: i64::MAX,
            popular_key: f64::MAX,
            trending_key: f64::MAX,
            comments: i64::MAX,
            created_at: chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
                .and_then(|d| d.and_hms_opt(23, 59, 59))
                .unwrap_or_default(),
            number: i64::MAX,
        }
    }
}

/// One page of rows in the filter's order. Pages continue after `after` — keyset paging, so
/// each page costs the same however deep.
pub fn page(
    conn: &mut DbConnection,
    filter: &ExportFilter,
    limit: i64,
    after: Option<&After>,
) -> QueryResult<Vec<ExportRow>> {
    rows(conn, filter, filter.sort, limit, after)
}

/// The live ideas the filter keeps.
fn filtered<'a>(filter: &ExportFilter) -> ideas::BoxedQuery<'a, MultiBackend> {
    let mut query = ideas::table
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
    if let Some(storm_id) = &filter.storm_id {
        query = query.filter(ideas::storm_id.eq(storm_id.clone()));
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
    query
}

/// Strictly after the last row in the descending (key, created_at, number) order, as one
/// row-value comparison so the sort index is entered there rather than scanned from the top.
fn past<'a>(
    query: ideas::BoxedQuery<'a, MultiBackend>,
    sort: Sort,
    after: &After,
) -> ideas::BoxedQuery<'a, MultiBackend> {
    macro_rules! after_key {
        ($column:literal, $key_type:ty, $key:expr) => {
            sql::<Bool>(concat!(
                "(",
                $column,
                ", ideas.created_at, ideas.number) < ("
            ))
            .bind::<$key_type, _>($key)
            .sql(", ")
            .bind::<Timestamp, _>(after.created_at)
            .sql(", ")
            .bind::<BigInt, _>(after.number)
            .sql(")")
        };
    }
    match sort {
        Sort::Top | Sort::Relevance => query.filter(after_key!("ideas.score", BigInt, after.score)),
        Sort::Popular => query.filter(after_key!("ideas.popular_key", Double, after.popular_key)),
        Sort::Trending => {
            query.filter(after_key!("ideas.trending_key", Double, after.trending_key))
        }
        Sort::Discussed => query.filter(after_key!("ideas.comment_count", BigInt, after.comments)),
        Sort::New => query.filter(
            sql::<Bool>("(ideas.created_at, ideas.number) < (")
                .bind::<Timestamp, _>(after.created_at)
                .sql(", ")
                .bind::<BigInt, _>(after.number)
                .sql(")"),
        ),
    }
}

fn rows(
    conn: &mut DbConnection,
    filter: &ExportFilter,
    sort: Sort,
    limit: i64,
    after: Option<&After>,
) -> QueryResult<Vec<ExportRow>> {
    // Names of authors and statuses are looked up per page by the caller: joining them here
    // makes PostgreSQL probe `users` once per row.
    let mut query = filtered(filter);
    if let Some(after) = after {
        query = past(query, sort, after);
    }
    let query = query.select((
        ideas::id,
        ideas::number,
        ideas::title,
        ideas::status_id,
        ideas::upvotes,
        ideas::downvotes,
        ideas::comment_count,
        ideas::author_id,
        ideas::created_at,
        ideas::score,
        ideas::popular_key,
        ideas::trending_key,
        // Each is one index probe per row (ideas_merged_into, status_changes_idea,
        // votes_idea_activity, comments_idea), never a scan of the children.
        sql::<BigInt>("(SELECT COUNT(*) FROM ideas m WHERE m.merged_into_id = ideas.id)"),
        sql::<Nullable<Timestamp>>(
            "(SELECT MAX(sc.created_at) FROM status_changes sc WHERE sc.idea_id = ideas.id)",
        ),
        sql::<Nullable<Timestamp>>(
            "(SELECT MAX(v.updated_at) FROM votes v WHERE v.idea_id = ideas.id)",
        ),
        sql::<Nullable<Timestamp>>(
            "(SELECT MAX(c.created_at) FROM comments c WHERE c.idea_id = ideas.id)",
        ),
    ));
    let query = match sort {
        Sort::Top | Sort::Relevance => query.order(ideas::score.desc()),
        Sort::Popular => query.order(ideas::popular_key.desc()),
        Sort::Trending => query.order(ideas::trending_key.desc()),
        Sort::Discussed => query.order(ideas::comment_count.desc()),
        Sort::New => query.order(ideas::created_at.desc()),
    };
    // `new` is already by time; a repeated `created_at` would hide `ideas_new` from SQLite.
    let query = if sort == Sort::New {
        query
    } else {
        query.then_order_by(ideas::created_at.desc())
    };
    query
        .then_order_by(ideas::number.desc())
        .limit(limit)
        .load(conn)
}
