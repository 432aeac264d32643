//! The `comments` table: comments and one level of replies.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::comments;
use crate::domain::ids::{CommentId, IdeaId, UserId};
use crate::domain::sentiment::Sentiment;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: CommentId,
    pub idea_id: IdeaId,
    pub author_id: UserId,
    pub parent_id: Option<CommentId>,
    pub body: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted_at: Option<NaiveDateTime>,
    pub hidden_at: Option<NaiveDateTime>,
    /// The idea this comment came from when that idea was merged into this one.
    pub merged_from_idea_id: Option<IdeaId>,
    /// Marked by staff as the company's official response.
    pub official: bool,
    /// How many of those asked found it answered them, and how many not (official answers).
    pub helpful: i64,
    pub unhelpful: i64,
    pub sentiment_score: Option<f64>,
    pub sentiment_label: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = comments, treat_none_as_default_value = false)]
pub struct NewComment<'a> {
    pub id: &'a CommentId,
    pub idea_id: &'a IdeaId,
    pub author_id: &'a UserId,
    pub parent_id: Option<&'a CommentId>,
    pub body: &'a str,
    pub body_html: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub official: bool,
    pub sentiment_score: Option<f64>,
    pub sentiment_label: Option<&'a str>,
}

pub fn insert(conn: &mut DbConnection, comment: &NewComment<'_>) -> QueryResult<usize> {
    diesel::insert_into(comments::table)
        .values(comment)
        .execute(conn)
}

pub fn find(conn: &mut DbConnection, id: &CommentId) -> QueryResult<Option<Comment>> {
    comments::table
        .find(id)
        .select(Comment::as_select())
        .first(conn)
        .optional()
}

/// An idea's comments, oldest first (deleted and hidden ones included; the caller decides).
pub fn for_idea(conn: &mut DbConnection, idea_id: &IdeaId) -> QueryResult<Vec<Comment>> {
    comments::table
        .filter(comments::idea_id.eq(idea_id))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select(Comment::as_select())
        .load(conn)
}

/// Every comment of an idea as (id, parent, hidden), oldest first: what a page of threads is
/// worked out from without reading the bodies.
pub fn outline(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
) -> QueryResult<Vec<(CommentId, Option<CommentId>, bool)>> {
    let rows: Vec<(CommentId, Option<CommentId>, Option<NaiveDateTime>)> = comments::table
        .filter(comments::idea_id.eq(idea_id))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select((comments::id, comments::parent_id, comments::hidden_at))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, parent, hidden)| (id, parent, hidden.is_some()))
        .collect())
}

/// These comments, oldest first.
pub fn by_ids(conn: &mut DbConnection, ids: &[CommentId]) -> QueryResult<Vec<Comment>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    comments::table
        .filter(comments::id.eq_any(ids))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select(Comment::as_select())
        .load(conn)
}

pub fn edit(
    conn: &mut DbConnection,
    id: &CommentId,
    body: &str,
    body_html: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(comments::table.find(id))
        .set((
            comments::body.eq(body),
            comments::body_html.eq(body_html),
            comments::edited_at.eq(Some(at)),
            comments::updated_at.eq(at),
        ))
        .execute(conn)
}

/// Stores the sentiment of the comment's text.
pub fn set_sentiment(
    conn: &mut DbConnection,
    id: &CommentId,
    sentiment: &Sentiment,
) -> QueryResult<usize> {
    diesel::update(comments::table.find(id))
        .set((
            comments::sentiment_score.eq(Some(sentiment.score)),
            comments::sentiment_label.eq(Some(sentiment.label.as_str())),
        ))
        .execute(conn)
}

/// Stores the sentiment read from `body`, unless it changed meanwhile (an edit stores its own):
/// returns 0 then.
pub fn set_sentiment_of_text(
    conn: &mut DbConnection,
    id: &CommentId,
    body: &str,
    sentiment: &Sentiment,
) -> QueryResult<usize> {
    diesel::update(comments::table.find(id).filter(comments::body.eq(body)))
        .set((
            comments::sentiment_score.eq(Some(sentiment.score)),
            comments::sentiment_label.eq(Some(sentiment.label.as_str())),
        ))
        .execute(conn)
}

/// A batch of comments after `after` in id order that still have their text, with the sentiment
/// stored: (id, body, stored score, stored label).
pub fn texts_after(
    conn: &mut DbConnection,
    after: &CommentId,
    limit: i64,
) -> QueryResult<Vec<CommentText>> {
    comments::table
        .filter(comments::id.gt(after))
        .filter(comments::deleted_at.is_null())
        .order(comments::id.asc())
        .select((
            comments::id,
            comments::body,
            comments::sentiment_score,
            comments::sentiment_label,
        ))
        .limit(limit)
        .load(conn)
}

/// A comment's id, text and stored sentiment (score, label).
pub type CommentText = (CommentId, String, Option<f64>, Option<String>);

/// Leaves a "comment deleted" placeholder: the text is gone, the replies stay.
pub fn soft_delete(
    conn: &mut DbConnection,
    id: &CommentId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(comments::table.find(id))
        .set((
            comments::body.eq(""),
            comments::body_html.eq(""),
            comments::deleted_at.eq(Some(at)),
            comments::updated_at.eq(at),
        ))
        .execute(conn)
}

pub fn delete(conn: &mut DbConnection, id: &CommentId) -> QueryResult<usize> {
    diesel::delete(comments::table.find(id)).execute(conn)
}

pub fn has_replies(conn: &mut DbConnection, id: &CommentId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        comments::table.filter(comments::parent_id.eq(id)),
    ))
    .get_result(conn)
}

/// Whether anyone but `author_id` has commented on the idea.
pub fn anyone_else_commented(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    author_id: &UserId,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        comments::table
            .filter(comments::idea_id.eq(idea_id))
            .filter(comments::author_id.ne(author_id)),
    ))
    .get_result(conn)
}

/// The comments that count on an idea: not deleted, not hidden.
pub fn count_visible(conn: &mut DbConnection, idea_id: &IdeaId) -> QueryResult<i64> {
    comments::table
        .filter(comments::idea_id.eq(idea_id))
        .filter(comments::deleted_at.is_null())
        .filter(comments::hidden_at.is_null())
        .count()
        .get_result(conn)
}

/// (idea id, visible comments) for these ideas; ideas without comments are absent.
pub fn visible_counts(
    conn: &mut DbConnection,
    idea_ids: &[IdeaId],
) -> QueryResult<Vec<(IdeaId, i64)>> {
    comments::table
        .filter(comments::idea_id.eq_any(idea_ids))
        .filter(comments::deleted_at.is_null())
        .filter(comments::hidden_at.is_null())
        .group_by(comments::idea_id)
        .select((comments::idea_id, diesel::dsl::count_star()))
        .load(conn)
}
