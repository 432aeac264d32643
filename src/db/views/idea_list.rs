//! The board's list query: filters (status, tag, full-text search), the five orders and
//! relevance, a page at a time, always through the partial indexes on live ideas.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text};

use crate::db::schema::{idea_counts, idea_tags, ideas, statuses, tag_counts, users};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ids::{AreaId, IdeaId, StatusId, StormId, TagId, UserId};
use crate::domain::ranking::Sort;
use crate::domain::search_language::SearchLanguage;

/// How the words of a search combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Every word must appear (the search box).
    All,
    /// Any word may appear, the last as a prefix (similar ideas while typing).
    Any,
}

/// A full-text search: words already reduced to letters and digits, and the language the index
/// stems in (`search_index::indexed_language`).
#[derive(Debug, Clone)]
pub struct Search {
    pub terms: Vec<String>,
    pub mode: Match,
    pub language: SearchLanguage,
}

impl Search {
    /// The FTS5 MATCH expression over the stems of the terms (the index holds stems), quoted so
    /// nothing typed is FTS syntax. Only stop words: the empty phrase, which matches nothing, as
    /// PostgreSQL's empty query does.
    fn sqlite_query(&self) -> String {
        let quoted: Vec<String> = self
            .terms
            .iter()
            .flat_map(|term| self.language.stems(term))
            .map(|stem| format!("\"{stem}\""))
            .collect();
        if quoted.is_empty() {
            return "\"\"".to_string();
        }
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
    pub status_id: Option<StatusId>,
    pub tag_id: Option<TagId>,
    pub area_id: Option<AreaId>,
    /// A storm session's ideas only.
    pub storm_id: Option<StormId>,
    pub search: Option<Search>,
    pub sort: Sort,
    pub limit: i64,
    pub offset: i64,
}

/// One card's columns.
#[derive(Debug, Clone, Queryable)]
pub struct CardRow {
    pub id: IdeaId,
    pub number: i64,
    pub title: String,
    pub excerpt: String,
    pub upvotes: i64,
    pub downvotes: i64,
    pub comment_count: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub author_id: UserId,
    pub author_name: String,
    pub author_role: String,
    pub status_slug: String,
    pub status_name: String,
    /// The status's names per language (JSON).
    pub status_names: String,
    pub status_color: String,
    pub status_kind: String,
    pub status_voting_frozen: bool,
    pub area_id: Option<AreaId>,
    pub first_response_at: Option<NaiveDateTime>,
    pub storm_id: Option<StormId>,
}

/// A search considers at most this many ideas: the newest that contain its words and pass its
/// filters. Common words match a fixed share of the board, so without a window a search would
/// cost more the larger the board grows; a count that reaches the window is shown as "1000+".
pub const SEARCH_WINDOW: i64 = 1_000;

/// The condition "the idea is in the search window": `$head` selects from the full-text index
/// joined to `ideas w` up to the opening of the match expression; `$newest_first` is the window's
/// order; the live, status and tag filters are applied inside, so the window holds ideas that
/// pass them.
macro_rules! search_window {
    ($head:expr, $terms:expr, $filter:expr, $newest_first:expr, $size:expr) => {
        sql::<Bool>($head)
            .bind::<Text, _>($terms)
            .sql(") AND w.merged_into_id IS NULL AND w.hidden_at IS NULL AND (")
            .bind::<Nullable<Text>, _>($filter.status_id.clone())
            .sql(" IS NULL OR w.status_id = ")
            .bind::<Nullable<Text>, _>($filter.status_id.clone())
            .sql(") AND (")
            .bind::<Nullable<Text>, _>($filter.tag_id.clone())
            .sql(" IS NULL OR EXISTS (SELECT 1 FROM idea_tags t WHERE t.idea_id = w.id AND t.tag_id = ")
            .bind::<Nullable<Text>, _>($filter.tag_id.clone())
            .sql(")) AND (")
            .bind::<Nullable<Text>, _>($filter.area_id.clone())
            .sql(" IS NULL OR w.area_id = ")
            .bind::<Nullable<Text>, _>($filter.area_id.clone())
            .sql(") AND (")
            .bind::<Nullable<Text>, _>($filter.storm_id.clone())
            .sql(" IS NULL OR w.storm_id = ")
            .bind::<Nullable<Text>, _>($filter.storm_id.clone())
            .sql(&format!(") ORDER BY {} DESC LIMIT ", $newest_first))
            .bind::<BigInt, _>($size)
            .sql(")")
    };
}

/// `$source` filtered as the list asks; a search keeps the ideas in a window of `$window` ideas.
macro_rules! filtered {
    ($conn:expr, $filter:expr, $source:expr, $window:expr) => {{
        let is_pg = matches!($conn, DbConnection::Postgres(_));
        let mut query = $source
            .filter(ideas::merged_into_id.is_null())
            .filter(ideas::hidden_at.is_null())
            .into_boxed::<MultiBackend>();
        if let Some(status_id) = &$filter.status_id {
            query = query.filter(ideas::status_id.eq(status_id.clone()));
        }
        if let Some(area_id) = &$filter.area_id {
            query = query.filter(ideas::area_id.eq(area_id.clone()));
        }
        if let Some(storm_id) = &$filter.storm_id {
            query = query.filter(ideas::storm_id.eq(storm_id.clone()));
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
            let window: i64 = $window;
            query = if is_pg {
                query.filter(search_window!(
                    &format!(
                        "ideas.id IN (SELECT ideas_fts.idea_id FROM ideas_fts \
                     JOIN ideas w ON w.id = ideas_fts.idea_id \
                     WHERE ideas_fts.document @@ to_tsquery('{}', ",
                        search.language.name()
                    ),
                    search.postgres_query(),
                    $filter,
                    "ideas_fts.number",
                    window
                ))
            } else {
                query.filter(search_window!(
                    "ideas.rowid IN (SELECT ideas_fts.rowid FROM ideas_fts \
                     JOIN ideas w ON w.rowid = ideas_fts.rowid WHERE ideas_fts MATCH (",
                    search.sqlite_query(),
                    $filter,
                    "ideas_fts.rowid",
                    window
                ))
            };
        }
        query
    }};
}

/// Orders a list query as the filter asks. Ties: newer first, then the higher number, so pages
/// never overlap. `new` is already by time: repeating `created_at` would stop SQLite from
/// matching `ideas_new`, and it would read the whole board to sort it. (A search by relevance
/// never comes here: `ranked_page` ranks it; relevance without words is popularity.)
macro_rules! in_list_order {
    ($query:expr, $filter:expr) => {{
        let query = $query;
        let query = match $filter.sort {
            Sort::Popular | Sort::Relevance => query.order(ideas::popular_key.desc()),
            Sort::Top => query.order(ideas::score.desc()),
            Sort::New => query.order(ideas::created_at.desc()),
            Sort::Discussed => query.order(ideas::comment_count.desc()),
            Sort::Trending => query.order(ideas::trending_key.desc()),
        };
        let query = if $filter.sort == Sort::New {
            query
        } else {
            query.then_order_by(ideas::created_at.desc())
        };
        query.then_order_by(ideas::number.desc())
    }};
}

/// A card's columns, from `ideas` joined to `users` and `statuses`.
macro_rules! card_columns {
    () => {
        (
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
            users::role,
            statuses::slug,
            statuses::name,
            statuses::names,
            statuses::color,
            statuses::kind,
            statuses::voting_frozen,
            ideas::area_id,
            ideas::first_response_at,
            ideas::storm_id,
        )
    };
}

/// The cards of these ideas (found by a query that applied the filters), in the order given,
/// still live.
pub fn cards(conn: &mut DbConnection, ids: &[IdeaId]) -> QueryResult<Vec<CardRow>> {
    let mut rows: Vec<CardRow> = ideas::table
        .inner_join(users::table)
        .inner_join(statuses::table)
        .filter(ideas::merged_into_id.is_null())
        .filter(ideas::hidden_at.is_null())
        .filter(ideas::id.eq_any(ids))
        .select(card_columns!())
        .load(conn)?;
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok(rows)
}

/// The cards of one page, in order.
pub fn list(conn: &mut DbConnection, filter: &ListFilter) -> QueryResult<Vec<CardRow>> {
    // Two cases first find the page's ids, then read just those cards:
    let page_ids = match (filter.sort, &filter.search) {
        // A search by relevance ranks its window in one query.
        (Sort::Relevance, Some(search)) => Some(ranked_page(conn, filter, search)?.0),
        // A deep page walks the order over `ideas` alone (no join for the skipped rows).
        _ if filter.offset > 0 => {
            let ids_query = filtered!(conn, filter, ideas::table, SEARCH_WINDOW);
            Some(
                in_list_order!(ids_query.select(ideas::id), filter)
                    .limit(filter.limit)
                    .offset(filter.offset)
                    .load::<IdeaId>(conn)?,
            )
        }
        _ => None,
    };
    if let Some(page_ids) = page_ids {
        return cards(conn, &page_ids);
    }
    let source = ideas::table
        .inner_join(users::table)
        .inner_join(statuses::table);
    let query = filtered!(conn, filter, source, SEARCH_WINDOW);
    let query = query.select(card_columns!());
    in_list_order!(query, filter)
        .limit(filter.limit)
        .offset(filter.offset)
        .load(conn)
}

#[derive(QueryableByName)]
struct RankedPageRow {
    /// `None` on the one row of a page past the end.
    #[diesel(sql_type = Nullable<Text>)]
    id: Option<IdeaId>,
    #[diesel(sql_type = BigInt)]
    matches: i64,
}

/// One page of a search by relevance, with the count, in one query: the search window (the newest
/// matching ideas that pass the filters, read newest first from the full-text index, which stops
/// at the window's end; one more is read, to tell whether more match), ranked by relevance (bm25
/// on SQLite, `ts_rank` on PostgreSQL; the title weighs more than the body), then newer, then
/// higher number.
fn ranked_page(
    conn: &mut DbConnection,
    filter: &ListFilter,
    search: &Search,
) -> QueryResult<(Vec<IdeaId>, Counted)> {
    let (sql, terms) = match conn {
        DbConnection::Sqlite(_) => (
            String::from(
                "WITH win AS MATERIALIZED ( \
               SELECT w.id AS id, bm25(ideas_fts, 10.0, 1.0) AS rank, \
                 w.created_at AS created_at, w.number AS number, ideas_fts.rowid AS newness \
               FROM ideas_fts JOIN ideas w ON w.rowid = ideas_fts.rowid \
               WHERE ideas_fts MATCH ? AND w.merged_into_id IS NULL AND w.hidden_at IS NULL \
               AND (? IS NULL OR w.status_id = ?) \
               AND (? IS NULL OR EXISTS \
                 (SELECT 1 FROM idea_tags t WHERE t.idea_id = w.id AND t.tag_id = ?)) \
               AND (? IS NULL OR w.area_id = ?) \
               AND (? IS NULL OR w.storm_id = ?) \
               ORDER BY ideas_fts.rowid DESC LIMIT ?), \
             page AS ( \
               SELECT * FROM (SELECT * FROM win ORDER BY newness DESC LIMIT ?) \
               ORDER BY rank, created_at DESC, number DESC, newness DESC LIMIT ? OFFSET ?) \
             SELECT page.id AS id, counted.matches AS matches \
             FROM (SELECT COUNT(*) AS matches FROM win) AS counted LEFT JOIN page ON 1 \
             ORDER BY page.rank, page.created_at DESC, page.number DESC, page.newness DESC",
            ),
            search.sqlite_query(),
        ),
        DbConnection::Postgres(_) => (
            format!(
                "WITH win AS MATERIALIZED ( \
               SELECT w.id AS id, ts_rank(ideas_fts.document, to_tsquery('{language}', $1)) AS rank, \
                 w.created_at AS created_at, w.number AS number, ideas_fts.number AS newness \
               FROM ideas_fts JOIN ideas w ON w.id = ideas_fts.idea_id \
               WHERE ideas_fts.document @@ to_tsquery('{language}', $1) \
               AND w.merged_into_id IS NULL AND w.hidden_at IS NULL \
               AND ($2::text IS NULL OR w.status_id = $3) \
               AND ($4::text IS NULL OR EXISTS \
                 (SELECT 1 FROM idea_tags t WHERE t.idea_id = w.id AND t.tag_id = $5)) \
               AND ($6::text IS NULL OR w.area_id = $7) \
               AND ($8::text IS NULL OR w.storm_id = $9) \
               ORDER BY ideas_fts.number DESC LIMIT $10), \
             page AS ( \
               SELECT * FROM (SELECT * FROM win ORDER BY newness DESC LIMIT $11) AS kept \
               ORDER BY rank DESC, created_at DESC, number DESC, newness DESC \
               LIMIT $12 OFFSET $13) \
             SELECT page.id AS id, counted.matches AS matches \
             FROM (SELECT COUNT(*) AS matches FROM win) AS counted LEFT JOIN page ON true \
             ORDER BY page.rank DESC, page.created_at DESC, page.number DESC, page.newness DESC",
                language = search.language.name()
            ),
            search.postgres_query(),
        ),
    };
    let rows: Vec<RankedPageRow> = diesel::sql_query(sql)
        .bind::<Text, _>(terms)
        .bind::<Nullable<Text>, _>(filter.status_id.clone())
        .bind::<Nullable<Text>, _>(filter.status_id.clone())
        .bind::<Nullable<Text>, _>(filter.tag_id.clone())
        .bind::<Nullable<Text>, _>(filter.tag_id.clone())
        .bind::<Nullable<Text>, _>(filter.area_id.clone())
        .bind::<Nullable<Text>, _>(filter.area_id.clone())
        .bind::<Nullable<Text>, _>(filter.storm_id.clone())
        .bind::<Nullable<Text>, _>(filter.storm_id.clone())
        .bind::<BigInt, _>(SEARCH_WINDOW + 1)
        .bind::<BigInt, _>(SEARCH_WINDOW)
        .bind::<BigInt, _>(filter.limit)
        .bind::<BigInt, _>(filter.offset)
        .load(conn)?;
    let matches = rows.first().map_or(0, |row| row.matches);
    let counted = Counted {
        total: matches.min(SEARCH_WINDOW),
        capped: matches > SEARCH_WINDOW,
    };
    Ok((rows.into_iter().filter_map(|row| row.id).collect(), counted))
}

/// One page's cards with the count for its pagination. A search by relevance reads its window
/// once for both.
pub fn page_and_count(
    conn: &mut DbConnection,
    filter: &ListFilter,
) -> QueryResult<(Vec<CardRow>, Counted)> {
    match &filter.search {
        Some(search) if filter.sort == Sort::Relevance => {
            let (page_ids, counted) = ranked_page(conn, filter, search)?;
            Ok((cards(conn, &page_ids)?, counted))
        }
        _ => Ok((list(conn, filter)?, count(conn, filter)?)),
    }
}

/// A count for pagination: exact, or for a search that fills its window, the window's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub total: i64,
    /// More ideas match the search than its window holds.
    pub capped: bool,
}

/// How many ideas the filter matches, for pagination. The whole board, one status or one tag is
/// a read of the trigger-kept totals (`idea_counts`, `tag_counts`), so the cost does not grow
/// with the board; a search or a status and a tag together count their matches.
pub fn count(conn: &mut DbConnection, filter: &ListFilter) -> QueryResult<Counted> {
    let exact = |total| Counted {
        total,
        capped: false,
    };
    // An area or a storm session has no kept total: a count with one reads its ideas through
    // the area's or the session's index.
    let by_area = filter.area_id.is_some() || filter.storm_id.is_some();
    match (&filter.search, &filter.status_id, &filter.tag_id) {
        _ if by_area => counted_rows(conn, filter),
        (None, None, None) => idea_counts::table
            .select(sql::<BigInt>("CAST(COALESCE(SUM(live), 0) AS BIGINT)"))
            .get_result(conn)
            .map(exact),
        (None, Some(status_id), None) => idea_counts::table
            .find(status_id)
            .select(idea_counts::live)
            .first(conn)
            .optional()
            .map(|live| exact(live.unwrap_or_default())),
        (None, None, Some(tag_id)) => tag_counts::table
            .find(tag_id)
            .select(tag_counts::live)
            .first(conn)
            .optional()
            .map(|live| exact(live.unwrap_or_default())),
        _ => counted_rows(conn, filter),
    }
}

/// The filter's matches counted from the rows. No joins: every idea has an author and a status. A
/// search counts its window and one more, to tell whether more match.
fn counted_rows(conn: &mut DbConnection, filter: &ListFilter) -> QueryResult<Counted> {
    let query = filtered!(conn, filter, ideas::table, SEARCH_WINDOW + 1);
    let total: i64 = query.count().get_result(conn)?;
    Ok(match filter.search {
        None => Counted {
            total,
            capped: false,
        },
        Some(_) => Counted {
            total: total.min(SEARCH_WINDOW),
            capped: total > SEARCH_WINDOW,
        },
    })
}
