//! `rescore`: reads the sentiment of every idea and comment again (`domain::sentiment`) and
//! stores it where it differs from what is stored, after the method or its lexicons changed; the
//! first start after a migration that asks for it (the `rescore_pending` setting) runs it too.

use super::ServiceResult;
use super::error::ServiceError;
use crate::db::Db;
use crate::db::models::{comments, ideas, pipeline};
use crate::domain::ids::{CommentId, IdeaId};
use crate::domain::sentiment::{self, Sentiment};

/// Rows read and rewritten per transaction.
const BATCH: i64 = 1000;

/// The setting a migration leaves when every stored sentiment must be read again.
const RESCORE_PENDING: &str = "rescore_pending";

/// What a run looked at and what it stored.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rescored {
    pub read: usize,
    pub ideas: usize,
    pub comments: usize,
}

/// Whether the stored pair already says what `fresh` says.
fn unchanged(score: Option<f64>, label: Option<&str>, fresh: &Sentiment) -> bool {
    Sentiment::stored(score, label).is_some_and(|stored| {
        stored.label == fresh.label && (stored.score - fresh.score).abs() < 1e-12
    })
}

/// Scores every idea and comment again; stores (and counts) only those that came out different.
pub fn rescore(db: &mut Db) -> ServiceResult<Rescored> {
    let mut done = Rescored::default();
    rescore_ideas(db, &mut done)?;
    rescore_comments(db, &mut done)?;
    Ok(done)
}

fn rescore_ideas(db: &mut Db, done: &mut Rescored) -> ServiceResult<()> {
    let mut after = IdeaId::default();
    loop {
        let page = ideas::texts_after(db.conn()?, &after, BATCH)?;
        let Some(last) = page.last() else {
            return Ok(());
        };
        after = last.0.clone();
        done.read += page.len();
        let changed: Vec<(IdeaId, String, String, Sentiment)> = page
            .into_iter()
            .filter_map(|(id, title, body, score, label)| {
                let fresh = sentiment::of_idea(&title, &body);
                (!unchanged(score, label.as_deref(), &fresh)).then_some((id, title, body, fresh))
            })
            .collect();
        if !changed.is_empty() {
            done.ideas += db.write(|conn| {
                let mut stored = 0;
                for (id, title, body, fresh) in &changed {
                    stored += ideas::set_sentiment_of_text(conn, id, (title, body), fresh)?;
                }
                Ok::<_, ServiceError>(stored)
            })?;
        }
    }
}

fn rescore_comments(db: &mut Db, done: &mut Rescored) -> ServiceResult<()> {
    let mut after = CommentId::default();
    loop {
        let page = comments::texts_after(db.conn()?, &after, BATCH)?;
        let Some(last) = page.last() else {
            return Ok(());
        };
        after = last.0.clone();
        done.read += page.len();
        let changed: Vec<(CommentId, String, Sentiment)> = page
            .into_iter()
            .filter_map(|(id, body, score, label)| {
                let fresh = sentiment::score(&body);
                (!unchanged(score, label.as_deref(), &fresh)).then_some((id, body, fresh))
            })
            .collect();
        if !changed.is_empty() {
            done.comments += db.write(|conn| {
                let mut stored = 0;
                for (id, body, fresh) in &changed {
                    stored += comments::set_sentiment_of_text(conn, id, body, fresh)?;
                }
                Ok::<_, ServiceError>(stored)
            })?;
        }
    }
}

/// Rescores everything when a migration asked for it, then removes the request. Returns how many
/// rows were stored (0 when nothing was asked).
pub fn when_pending(db: &mut Db) -> ServiceResult<usize> {
    let Some(reason) = pipeline::setting(db.conn()?, RESCORE_PENDING)? else {
        return Ok(0);
    };
    let done = rescore(db)?;
    db.write(|conn| Ok::<_, ServiceError>(pipeline::delete_setting(conn, RESCORE_PENDING)?))?;
    tracing::info!(
        ideas = done.ideas,
        comments = done.comments,
        reason,
        "sentiment scored after a migration"
    );
    Ok(done.ideas + done.comments)
}
