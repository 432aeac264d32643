//! The board's list query: filters (status, tag, full-text search), the five orders and
//! relevance, a page at a time, always through the partial indexes on live ideas.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Double, Text, Timestamp};

use crate::db::schema::{idea_counts, idea_tags, ideas, statuses, tag_counts, tags, users};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ranking::Sort;

/// How the words of a search combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Every word must appear (the search box).
    All,
    /// Any word may appear, the last as a prefix (similar ideas while typing).
    Any,
}

/// A full-text search: words already reduced to letters and digits.
#[derive(Debug, Clone)]
pub struct Search {
    pub terms: Vec<String>,
    pub mode: Match,
}

impl Search {
    /// The FTS5 MATCH expression: quoted terms, so nothing typed is FTS syntax.
    fn sqlite_query(&self) -> String {
        let quoted: Vec<String> = self.terms.iter().map(|t| format!("\"{t}\"")).collect();
        match self.mode {
            Match::All => quoted.join(" "),
            Match::Any => {
                let mut query = quoted.join(" OR ");
                query.push('*');
                query
            }
        }
    }

    /// The `to_tsquery` text: terms joined by & or |, the last a prefix in `Any` mode.
    fn postgres_query(&self) -> String {
        match self.mode {
            Match::All => self.terms.join(" & "),
            Match::Any => {
                let mut query = self.terms.join(" | ");
                query.push_str(":*");
                query
            }
        }
    }
}

/// What to list.
#[derive(Debug, Clone)]
pub struct ListFilter {
    pub status_id: Option<String>,
    pub tag_id: Option<String>,
    pub search: Option<Search>,
    pub sort: Sort,
    /// Votes cast after this count for `trending`.
    pub trending_since: NaiveDateTime,
    pub limit: i64,
    pub offset: i64,
}

/// One card's columns.
#[derive(Debug, Clone, Queryable)]
pub struct CardRow {
    pub id: String,
    pub number: i64,
    pub title: String,
    pub excerpt: String,
    pub upvotes: i64,
    pub downvotes: i64,
    pub comment_count: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub author_id: String,
    pub author_name: String,
    pub status_slug: String,
    pub status_name: String,
    pub status_color: String,
    pub status_kind: String,
    pub status_voting_frozen: bool,
}

/// The search expression PostgreSQL's GIN index was built on.
const PG_DOCUMENT: &str = "(setweight(to_tsvector('english', ideas.title), 'A') || setweight(to_tsvector('english', ideas.body), 'B'))";

macro_rules! filtered {
    ($conn:expr, $filter:expr, $source:expr) => {{
        let is_pg = matches!($conn, DbConnection::Postgres(_));
        let mut query = $source
            .filter(ideas::merged_into_id.is_null())
            .filter(ideas::hidden_at.is_null())
            .into_boxed::<MultiBackend>();
        if let Some(status_id) = &$filter.status_id {
            query = query.filter(ideas::status_id.eq(status_id.clone()));
        }
        if let Some(tag_id) = &$filter.tag_id {
            query = query.filter(
                ideas::id.eq_any(
                    idea_tags::table
                        .filter(idea_tags::tag_id.eq(tag_id.clone()))
                        .select(idea_tags::idea_id),
                ),
            );
        }
        if let Some(search) = &$filter.search {
            query = if is_pg {
                query.filter(
                    sql::<Bool>(&format!("{PG_DOCUMENT} @@ to_tsquery('english', "))
                        .bind::<Text, _>(search.postgres_query())
                        .sql(")"),
                )
            } else {
                query.filter(
                    sql::<Bool>(
                        "ideas.rowid IN (SELECT rowid FROM ideas_fts WHERE ideas_fts MATCH ",
                    )
                    .bind::<Text, _>(search.sqlite_query())
                    .sql(")"),
                )
            };
        }
        (query, is_pg)
    }};
}

/// Orders a list query as the filter asks. Ties: newer first, then the higher number, so pages
/// never overlap. `new` is already by time: repeating `created_at` would stop SQLite from
/// matching `ideas_new`, and it would read the whole board to sort it. (A SQLite search by
/// relevance never comes here: it is ranked through FTS5 in `sqlite_relevance_page`.)
macro_rules! in_list_order {
    ($query:expr, $filter:expr, $is_pg:expr) => {{
        let query = $query;
        let query = match (&$filter.sort, &$filter.search) {
            (Sort::Popular, _) => query.order(ideas::popular_key.desc()),
            (Sort::Top, _) => query.order(ideas::score.desc()),
            (Sort::New, _) => query.order(ideas::created_at.desc()),
            (Sort::Discussed, _) => query.order(ideas::comment_count.desc()),
            (Sort::Trending, _) => query.order(
                sql::<BigInt>("(SELECT COALESCE(SUM(v.value), 0) FROM votes v WHERE v.idea_id = ideas.id AND v.updated_at > ")
                    .bind::<Timestamp, _>($filter.trending_since)
                    .sql(")")
                    .desc(),
            ),
            (Sort::Relevance, Some(search)) if $is_pg => query.order(
                sql::<Double>(&format!("ts_rank({PG_DOCUMENT}, to_tsquery('english', "))
                    .bind::<Text, _>(search.postgres_query())
                    .sql("))")
                    .desc(),
            ),
            (Sort::Relevance, _) => query.order(ideas::popular_key.desc()),
        };
        let query = if $filter.sort == Sort::New {
            query
        } else {
            query.then_order_by(ideas::created_at.desc())
        };
        query.then_order_by(ideas::number.desc())
    }};
}

/// The cards of one page, in order.
pub fn list(conn: &mut DbConnection, filter: &ListFilter) -> QueryResult<Vec<CardRow>> {
    let source = ideas::table
        .inner_join(users::table)
        .inner_join(statuses::table);
    let (query, is_pg) = filtered!(conn, filter, source);
    let query = query.select((
        ideas::id,
        ideas::number,
        ideas::title,
        ideas::excerpt,
        ideas::upvotes,
        ideas::downvotes,
        ideas::comment_count,
        ideas::created_at,
        ideas::updated_at,
        users::id,
        users::name,
        statuses::slug,
        statuses::name,
        statuses::color,
        statuses::kind,
        statuses::voting_frozen,
    ));
    // Two cases first find the page's ids, then read just those cards:
    let page_ids = match (filter.sort, &filter.search) {
        // SQLite ranks through FTS5 once, not with a bm25 lookup per matching idea.
        (Sort::Relevance, Some(search)) if !is_pg => {
            Some(sqlite_relevance_page(conn, filter, search)?)
        }
        // A deep page walks the order over `ideas` alone (no join for the skipped rows).
        _ if filter.offset > 0 => {
            let (ids_query, _) = filtered!(conn, filter, ideas::table);
            Some(
                in_list_order!(ids_query.select(ideas::id), filter, is_pg)
                    .limit(filter.limit)
                    .offset(filter.offset)
                    .load::<String>(conn)?,
            )
        }
        _ => None,
    };
    if let Some(page_ids) = page_ids {
        let mut rows: Vec<CardRow> = query
            .filter(ideas::id.eq_any(page_ids.clone()))
            .load(conn)?;
        rows.sort_by_key(|row| page_ids.iter().position(|id| *id == row.id));
        return Ok(rows);
    }
    in_list_order!(query, filter, is_pg)
        .limit(filter.limit)
        .offset(filter.offset)
        .load(conn)
}

#[derive(QueryableByName)]
struct RankedId {
    #[diesel(sql_type = Text)]
    id: String,
}

/// The ids of one page of a SQLite search by relevance: every match ranked in one FTS5 query
/// (bm25, title weighted 10×, then newer, then higher number), kept if it passes the other
/// filters, then the page cut out. Cost follows the number of matches, never the board.
fn sqlite_relevance_page(
    conn: &mut DbConnection,
    filter: &ListFilter,
    search: &Search,
) -> QueryResult<Vec<String>> {
    let ranked: Vec<RankedId> = diesel::sql_query(
        "SELECT ideas.id AS id FROM ideas_fts JOIN ideas ON ideas.rowid = ideas_fts.rowid \
         WHERE ideas_fts MATCH ? \
         ORDER BY bm25(ideas_fts, 10.0, 1.0), ideas.created_at DESC, ideas.number DESC",
    )
    .bind::<Text, _>(search.sqlite_query())
    .load(conn)?;
    let ranked: Vec<String> = ranked.into_iter().map(|r| r.id).collect();
    let mut passing = std::collections::HashSet::new();
    for chunk in ranked.chunks(10_000) {
        let (query, _) = filtered!(conn, filter, ideas::table);
        let ids: Vec<String> = query
            .filter(ideas::id.eq_any(chunk.to_vec()))
            .select(ideas::id)
            .load(conn)?;
        passing.extend(ids);
    }
    let offset = usize::try_from(filter.offset).unwrap_or(0);
    let limit = usize::try_from(filter.limit).unwrap_or(0);
    Ok(ranked
        .into_iter()
        .filter(|id| passing.contains(id))
        .skip(offset)
        .take(limit)
        .collect())
}

/// How many ideas the filter matches, for pagination. The whole board, one status or one tag is
/// a read of the trigger-kept totals (`idea_counts`, `tag_counts`), so the cost does not grow
/// with the board; a search or a status and a tag together count their matches.
pub fn count(conn: &mut DbConnection, filter: &ListFilter) -> QueryResult<i64> {
    match (&filter.search, &filter.status_id, &filter.tag_id) {
        (None, None, None) => idea_counts::table
            .select(sql::<BigInt>("CAST(COALESCE(SUM(live), 0) AS BIGINT)"))
            .get_result(conn),
        (None, Some(status_id), None) => idea_counts::table
            .find(status_id)
            .select(idea_counts::live)
            .first(conn)
            .optional()
            .map(Option::unwrap_or_default),
        (None, None, Some(tag_id)) => tag_counts::table
            .find(tag_id)
            .select(tag_counts::live)
            .first(conn)
            .optional()
            .map(Option::unwrap_or_default),
        _ => {
            // No joins: every idea has an author and a status.
            let (query, _) = filtered!(conn, filter, ideas::table);
            query.count().get_result(conn)
        }
    }
}

/// The stored totals next to a recount from the rows, for `ideaboard check`: (what, stored,
/// counted) for every status and tag.
pub fn totals_and_recount(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64, i64)>> {
    let statuses: Vec<(String, Option<i64>, i64)> = statuses::table
        .left_join(idea_counts::table.on(idea_counts::status_id.eq(statuses::id)))
        .select((
            statuses::slug,
            idea_counts::live.nullable(),
            sql::<BigInt>(
                "(SELECT COUNT(*) FROM ideas i WHERE i.status_id = statuses.id \
                 AND i.merged_into_id IS NULL AND i.hidden_at IS NULL)",
            ),
        ))
        .load(conn)?;
    let tags: Vec<(String, Option<i64>, i64)> = tags::table
        .left_join(tag_counts::table.on(tag_counts::tag_id.eq(tags::id)))
        .select((
            tags::slug,
            tag_counts::live.nullable(),
            sql::<BigInt>(
                "(SELECT COUNT(*) FROM idea_tags it JOIN ideas i ON i.id = it.idea_id \
                 WHERE it.tag_id = tags.id AND i.merged_into_id IS NULL AND i.hidden_at IS NULL)",
            ),
        ))
        .load(conn)?;
    Ok(statuses
        .into_iter()
        .map(|(slug, stored, counted)| (format!("status {slug}"), stored.unwrap_or(-1), counted))
        .chain(
            tags.into_iter().map(|(slug, stored, counted)| {
                (format!("tag {slug}"), stored.unwrap_or(-1), counted)
            }),
        )
        .collect())
}

/// Sets every stored total to a recount from the rows (`ideaboard rerank`).
pub fn recount_totals(conn: &mut DbConnection) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute(
        "DELETE FROM idea_counts; DELETE FROM tag_counts; \
         INSERT INTO idea_counts (status_id, live) \
         SELECT s.id, (SELECT COUNT(*) FROM ideas i WHERE i.status_id = s.id \
                       AND i.merged_into_id IS NULL AND i.hidden_at IS NULL) FROM statuses s; \
         INSERT INTO tag_counts (tag_id, live) \
         SELECT t.id, (SELECT COUNT(*) FROM idea_tags it JOIN ideas i ON i.id = it.idea_id \
                       WHERE it.tag_id = t.id AND i.merged_into_id IS NULL AND i.hidden_at IS NULL) \
         FROM tags t;",
    )
}
