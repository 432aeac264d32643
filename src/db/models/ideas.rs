//! The `ideas` table: rows, inserts, content edits, counters and rank keys.

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::DbConnection;
use crate::db::schema::ideas;
use crate::domain::ids::{AreaId, IdeaId, StatusId, StormId, UserId};
use crate::domain::sentiment::Sentiment;
pub use crate::domain::vote_totals::VoteTotals;

/// A stored idea.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ideas)]
pub struct Idea {
    pub id: IdeaId,
    pub number: i64,
    pub author_id: UserId,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub excerpt: String,
    pub status_id: StatusId,
    pub upvotes: i64,
    pub downvotes: i64,
    pub score: i64,
    pub comment_count: i64,
    pub up_log: Option<f64>,
    pub down_log: Option<f64>,
    pub popular_key: f64,
    pub merged_into_id: Option<IdeaId>,
    pub hidden_at: Option<NaiveDateTime>,
    pub locked_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub trend_up_log: Option<f64>,
    pub trend_down_log: Option<f64>,
    pub trending_key: f64,
    /// The product area it belongs to, if any.
    pub area_id: Option<AreaId>,
    /// When it first got an official response (an official comment or a status change).
    pub first_response_at: Option<NaiveDateTime>,
    pub sentiment_score: Option<f64>,
    pub sentiment_label: Option<String>,
    /// When it first reached a planned stage, and when it was first implemented.
    pub planned_at: Option<NaiveDateTime>,
    pub implemented_at: Option<NaiveDateTime>,
    /// The storm session it was submitted into, if any.
    pub storm_id: Option<StormId>,
}

impl Idea {
    /// The sentiment stored with it, if it was scored.
    pub fn sentiment(&self) -> Option<Sentiment> {
        Sentiment::stored(self.sentiment_score, self.sentiment_label.as_deref())
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = ideas, treat_none_as_default_value = false)]
pub struct NewIdeaRow<'a> {
    pub id: &'a IdeaId,
    pub number: i64,
    pub author_id: &'a UserId,
    pub title: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    pub excerpt: &'a str,
    pub status_id: &'a StatusId,
    pub upvotes: i64,
    pub downvotes: i64,
    pub score: i64,
    pub comment_count: i64,
    pub up_log: Option<f64>,
    pub down_log: Option<f64>,
    pub popular_key: f64,
    pub trend_up_log: Option<f64>,
    pub trend_down_log: Option<f64>,
    pub trending_key: f64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub area_id: Option<&'a AreaId>,
    pub first_response_at: Option<NaiveDateTime>,
    pub sentiment_score: Option<f64>,
    pub sentiment_label: Option<&'a str>,
    pub planned_at: Option<NaiveDateTime>,
    pub implemented_at: Option<NaiveDateTime>,
    pub storm_id: Option<&'a StormId>,
}

/// The vote-derived columns of an idea, as one change.
#[derive(AsChangeset)]
#[diesel(table_name = ideas, treat_none_as_null = true)]
struct VoteColumns {
    upvotes: i64,
    downvotes: i64,
    score: i64,
    up_log: Option<f64>,
    down_log: Option<f64>,
    popular_key: f64,
    trend_up_log: Option<f64>,
    trend_down_log: Option<f64>,
    trending_key: f64,
}

/// A stable key naming the idea-number lock among PostgreSQL advisory locks.
const NUMBER_LOCK_KEY: i64 = 0x1dea_0002;

pub fn insert(conn: &mut DbConnection, idea: &NewIdeaRow<'_>) -> QueryResult<usize> {
    diesel::insert_into(ideas::table).values(idea).execute(conn)
}

/// The next idea number. Call inside the inserting transaction: on PostgreSQL it takes a
/// transaction-scoped lock so two submissions never get the same number; SQLite's immediate
/// transaction already serialises writers.
pub fn next_number(conn: &mut DbConnection) -> QueryResult<i64> {
    if let DbConnection::Postgres(pg) = conn {
        pg.batch_execute(&format!("SELECT pg_advisory_xact_lock({NUMBER_LOCK_KEY})"))?;
    }
    let max: Option<i64> = ideas::table
        .select(diesel::dsl::max(ideas::number))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn find_by_number(conn: &mut DbConnection, number: i64) -> QueryResult<Option<Idea>> {
    ideas::table
        .filter(ideas::number.eq(number))
        .select(Idea::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_id(conn: &mut DbConnection, id: &IdeaId) -> QueryResult<Option<Idea>> {
    ideas::table
        .find(id)
        .select(Idea::as_select())
        .first(conn)
        .optional()
}

/// Locks the idea's row until the transaction ends (PostgreSQL); SQLite's immediate transaction
/// already holds the database's write lock. Returns the idea as locked.
pub fn lock(conn: &mut DbConnection, id: &IdeaId) -> QueryResult<Option<Idea>> {
    if let DbConnection::Postgres(_) = conn {
        #[derive(QueryableByName)]
        struct Locked {
            #[diesel(sql_type = Text)]
            #[expect(dead_code, reason = "only the row lock matters")]
            id: String,
        }
        let locked: Vec<Locked> =
            diesel::sql_query("SELECT id FROM ideas WHERE id = $1 FOR UPDATE")
                .bind::<Text, _>(id)
                .load(conn)?;
        if locked.is_empty() {
            return Ok(None);
        }
    }
    find_by_id(conn, id)
}

pub fn set_vote_totals(
    conn: &mut DbConnection,
    id: &IdeaId,
    totals: &VoteTotals,
) -> QueryResult<usize> {
    let columns = VoteColumns {
        upvotes: totals.upvotes,
        downvotes: totals.downvotes,
        score: totals.score,
        up_log: totals.up_log,
        down_log: totals.down_log,
        popular_key: totals.popular_key,
        trend_up_log: totals.trend_up_log,
        trend_down_log: totals.trend_down_log,
        trending_key: totals.trending_key,
    };
    diesel::update(ideas::table.find(id))
        .set(columns)
        .execute(conn)
}

/// Adds `delta` to the comment count.
pub fn add_comments(conn: &mut DbConnection, id: &IdeaId, delta: i64) -> QueryResult<usize> {
    diesel::update(ideas::table.find(id))
        .set(ideas::comment_count.eq(ideas::comment_count + delta))
        .execute(conn)
}

pub fn set_comment_count(conn: &mut DbConnection, id: &IdeaId, count: i64) -> QueryResult<usize> {
    diesel::update(ideas::table.find(id))
        .set(ideas::comment_count.eq(count))
        .execute(conn)
}

/// Replaces title and body (with their rendered forms) and marks the idea edited.
pub fn edit_content(
    conn: &mut DbConnection,
    id: &IdeaId,
    title: &str,
    body: &str,
    body_html: &str,
    excerpt: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(ideas::table.find(id))
        .set((
            ideas::title.eq(title),
            ideas::body.eq(body),
            ideas::body_html.eq(body_html),
            ideas::excerpt.eq(excerpt),
            ideas::edited_at.eq(Some(at)),
            ideas::updated_at.eq(at),
        ))
        .execute(conn)
}

/// Notes the pipeline step a status change brought the idea to, the first time it reaches it:
/// implemented counts as planned too.
pub fn record_step(
    conn: &mut DbConnection,
    id: &IdeaId,
    step: crate::domain::funnel::Step,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    use crate::domain::funnel::Step;
    let planned = diesel::update(ideas::table.find(id).filter(ideas::planned_at.is_null()))
        .set(ideas::planned_at.eq(Some(at)))
        .execute(conn)?;
    if step == Step::Implemented {
        return diesel::update(
            ideas::table
                .find(id)
                .filter(ideas::implemented_at.is_null()),
        )
        .set(ideas::implemented_at.eq(Some(at)))
        .execute(conn);
    }
    Ok(planned)
}

/// Stores the sentiment of the idea's title and body.
pub fn set_sentiment(
    conn: &mut DbConnection,
    id: &IdeaId,
    sentiment: &Sentiment,
) -> QueryResult<usize> {
    diesel::update(ideas::table.find(id))
        .set((
            ideas::sentiment_score.eq(Some(sentiment.score)),
            ideas::sentiment_label.eq(Some(sentiment.label.as_str())),
        ))
        .execute(conn)
}

/// Stores the sentiment read from `title` and `body`, unless they changed meanwhile (an edit
/// stores its own): returns 0 then.
pub fn set_sentiment_of_text(
    conn: &mut DbConnection,
    id: &IdeaId,
    (title, body): (&str, &str),
    sentiment: &Sentiment,
) -> QueryResult<usize> {
    diesel::update(
        ideas::table
            .find(id)
            .filter(ideas::title.eq(title))
            .filter(ideas::body.eq(body)),
    )
    .set((
        ideas::sentiment_score.eq(Some(sentiment.score)),
        ideas::sentiment_label.eq(Some(sentiment.label.as_str())),
    ))
    .execute(conn)
}

/// A batch of ideas after `after` in id order with the text their sentiment is read from and the
/// sentiment stored: (id, title, body, stored score, stored label).
pub fn texts_after(
    conn: &mut DbConnection,
    after: &IdeaId,
    limit: i64,
) -> QueryResult<Vec<IdeaText>> {
    ideas::table
        .filter(ideas::id.gt(after))
        .order(ideas::id.asc())
        .select((
            ideas::id,
            ideas::title,
            ideas::body,
            ideas::sentiment_score,
            ideas::sentiment_label,
        ))
        .limit(limit)
        .load(conn)
}

/// An idea's id, title, body and stored sentiment (score, label).
pub type IdeaText = (IdeaId, String, String, Option<f64>, Option<String>);

/// Every idea id, a page at a time, for maintenance commands.
pub fn ids_after(conn: &mut DbConnection, after: &IdeaId, limit: i64) -> QueryResult<Vec<IdeaId>> {
    ideas::table
        .filter(ideas::id.gt(after))
        .order(ideas::id.asc())
        .select(ideas::id)
        .limit(limit)
        .load(conn)
}

/// (id, body, body_html) of several ideas.
pub fn bodies_of(conn: &mut DbConnection, ids: &[IdeaId]) -> QueryResult<Vec<BodyRow>> {
    ideas::table
        .filter(ideas::id.eq_any(ids))
        .select((
            ideas::id,
            ideas::body,
            ideas::body_html,
            ideas::sentiment_score,
            ideas::sentiment_label,
        ))
        .load(conn)
}

/// An idea's body, its HTML and its stored sentiment (score, label).
pub type BodyRow = (IdeaId, String, String, Option<f64>, Option<String>);

/// The ideas with these ids.
pub fn find_many(conn: &mut DbConnection, ids: &[IdeaId]) -> QueryResult<Vec<Idea>> {
    ideas::table
        .filter(ideas::id.eq_any(ids))
        .select(Idea::as_select())
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    ideas::table.count().get_result(conn)
}

/// Moves an idea to another status (the seeding of demo data; the pipeline records history).
pub fn set_status(
    conn: &mut DbConnection,
    id: &IdeaId,
    status_id: &StatusId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(ideas::table.find(id))
        .set((ideas::status_id.eq(status_id), ideas::updated_at.eq(at)))
        .execute(conn)
}

/// Records `at` as the idea's first official response unless it already has one: the first
/// answer is kept whatever follows.
pub fn record_first_response(
    conn: &mut DbConnection,
    id: &IdeaId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        ideas::table
            .find(id)
            .filter(ideas::first_response_at.is_null()),
    )
    .set(ideas::first_response_at.eq(Some(at)))
    .execute(conn)
}
