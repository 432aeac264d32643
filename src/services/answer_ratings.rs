//! "Did this answer you?": the idea's author and its voters say whether an official answer
//! answered them — Helpful or Not helpful, once each, changeable. The answer keeps the counts.

use super::ServiceResult;
use super::accounts::Account;
use crate::db::Db;
use crate::db::models::{answer_ratings, comments, ideas, votes};
use crate::domain::clock;
use crate::domain::ids::CommentId;
use crate::domain::roles::Permission;
use crate::domain::validation::Text;
use crate::services::error::ServiceError;

/// Records what `rater` says of the official answer `comment_id`; returns the idea's number.
/// Anything but a live official answer given on this visible idea is 404; someone who neither
/// wrote nor voted on the idea, or who wrote the answer, is refused.
pub fn rate(
    db: &mut Db,
    rater: &Account,
    comment_id: &CommentId,
    helpful: bool,
) -> ServiceResult<i64> {
    rater.require(Permission::Vote)?;
    db.write(|conn| {
        let answer = comments::find(conn, comment_id)?
            .filter(|c| c.official && c.deleted_at.is_none() && c.hidden_at.is_none())
            // An answer that came with a merged idea answered that idea's people, not these.
            .filter(|c| c.merged_from_idea_id.is_none())
            .ok_or(ServiceError::NotFound)?;
        if answer.author_id == rater.id {
            return Err(ServiceError::refused(Text::new("refused-rate-own")));
        }
        let idea = ideas::lock(conn, &answer.idea_id)?
            .filter(|i| i.hidden_at.is_none())
            .ok_or(ServiceError::NotFound)?;
        let asked = idea.author_id == rater.id || votes::find(conn, &idea.id, &rater.id)?.is_some();
        if !asked {
            return Err(ServiceError::refused(Text::new("refused-rate-not-asked")));
        }
        let previous = answer_ratings::find(conn, comment_id, &rater.id)?;
        if previous != Some(helpful) {
            answer_ratings::set(
                conn,
                (comment_id, &rater.id),
                helpful,
                previous,
                clock::now(),
            )?;
        }
        Ok(idea.number)
    })
}
