//! The `answer_ratings` table and the counts each official answer keeps of them
//! (`comments.helpful`, `comments.unhelpful`).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{answer_ratings, comments};
use crate::domain::ids::{CommentId, UserId};

/// What `user_id` said of the answer `comment_id`, if anything.
pub fn find(
    conn: &mut DbConnection,
    comment_id: &CommentId,
    user_id: &UserId,
) -> QueryResult<Option<bool>> {
    answer_ratings::table
        .find((comment_id, user_id))
        .select(answer_ratings::helpful)
        .first(conn)
        .optional()
}

/// What `user_id` said of each of these answers.
pub fn mine(
    conn: &mut DbConnection,
    user_id: &UserId,
    comment_ids: &[CommentId],
) -> QueryResult<HashMap<CommentId, bool>> {
    if comment_ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(answer_ratings::table
        .filter(answer_ratings::user_id.eq(user_id))
        .filter(answer_ratings::comment_id.eq_any(comment_ids))
        .select((answer_ratings::comment_id, answer_ratings::helpful))
        .load::<(CommentId, bool)>(conn)?
        .into_iter()
        .collect())
}

/// Records `helpful` for the pair, first or changed (`previous`), and moves the answer's counts.
pub fn set(
    conn: &mut DbConnection,
    (comment_id, user_id): (&CommentId, &UserId),
    helpful: bool,
    previous: Option<bool>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    match previous {
        Some(_) => {
            diesel::update(answer_ratings::table.find((comment_id, user_id)))
                .set((
                    answer_ratings::helpful.eq(helpful),
                    answer_ratings::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(answer_ratings::table)
                .values((
                    answer_ratings::comment_id.eq(comment_id),
                    answer_ratings::user_id.eq(user_id),
                    answer_ratings::helpful.eq(helpful),
                    answer_ratings::created_at.eq(at),
                    answer_ratings::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    let (to_helpful, to_unhelpful) = match (previous, helpful) {
        (Some(true), false) => (-1, 1),
        (Some(false), true) => (1, -1),
        (None, true) => (1, 0),
        (None, false) => (0, 1),
        _ => (0, 0),
    };
    diesel::update(comments::table.find(comment_id))
        .set((
            comments::helpful.eq(comments::helpful + to_helpful),
            comments::unhelpful.eq(comments::unhelpful + to_unhelpful),
        ))
        .execute(conn)?;
    Ok(())
}
