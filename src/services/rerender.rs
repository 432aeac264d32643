//! `rerender`: renders every stored Markdown text again from its source (idea bodies and
//! excerpts, comments, status notes) and rewrites those whose stored HTML differs, after the
//! Markdown or sanitiser policy (`domain::markdown`) changed. Pages read the stored HTML, so a
//! policy change reaches old posts only through this.

use super::ServiceResult;
use super::error::ServiceError;
use super::ideas::EXCERPT_CHARS;
use crate::db::Db;
use crate::db::views::stored_html::{self, Stored};
use crate::domain::ids::{CommentId, IdeaId};
use crate::domain::markdown;

/// Rows read and rewritten per transaction.
const BATCH: i64 = 500;

/// What a run looked at and what it rewrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rerendered {
    pub read: usize,
    pub ideas: usize,
    pub comments: usize,
    pub notes: usize,
}

/// Renders every stored text again; rewrites (and so counts) only those that came out different.
pub fn rerender(db: &mut Db) -> ServiceResult<Rerendered> {
    let mut done = Rerendered::default();
    rerender_ideas(db, &mut done)?;
    rerender_comments(db, &mut done)?;
    rerender_notes(db, &mut done)?;
    Ok(done)
}

fn rerender_ideas(db: &mut Db, done: &mut Rerendered) -> ServiceResult<()> {
    let mut after = IdeaId::default();
    loop {
        let page = stored_html::ideas_after(db.conn()?, &after, BATCH)?;
        let Some((last, _)) = page.last() else {
            return Ok(());
        };
        after = last.id.clone();
        done.read += page.len();
        let changed: Vec<(IdeaId, String, String)> = page
            .into_iter()
            .filter_map(|(stored, excerpt)| {
                let html = markdown::render(&stored.source);
                let new_excerpt = markdown::excerpt(&stored.source, EXCERPT_CHARS);
                (html != stored.html || new_excerpt != excerpt).then_some((
                    stored.id,
                    html,
                    new_excerpt,
                ))
            })
            .collect();
        done.ideas += changed.len();
        if changed.is_empty() {
            continue;
        }
        db.write(|conn| {
            for (id, html, excerpt) in &changed {
                stored_html::set_idea(conn, id, html, excerpt)?;
            }
            Ok::<_, ServiceError>(())
        })?;
    }
}

/// The stored texts of `page` whose rendering differs now, with the new HTML.
fn changed_of<Id>(page: Vec<Stored<Id>>) -> Vec<(Id, String)> {
    page.into_iter()
        .filter_map(|stored| {
            let html = markdown::render(&stored.source);
            (html != stored.html).then_some((stored.id, html))
        })
        .collect()
}

/// A stored text's page reader and its writer, for `rerender_texts`.
type ReadPage<Id> =
    fn(&mut crate::db::DbConnection, &Id, i64) -> diesel::QueryResult<Vec<Stored<Id>>>;
type WriteOne<Id> = fn(&mut crate::db::DbConnection, &Id, &str) -> diesel::QueryResult<usize>;

/// Renders again every text `read` pages through (by key, from the start), rewriting with
/// `write` those that differ; returns how many were rewritten.
fn rerender_texts<Id: Clone + Default>(
    db: &mut Db,
    done: &mut Rerendered,
    read: ReadPage<Id>,
    write: WriteOne<Id>,
) -> ServiceResult<usize> {
    let mut after = Id::default();
    let mut rewritten = 0;
    loop {
        let page = read(db.conn()?, &after, BATCH)?;
        let Some(last) = page.last() else {
            return Ok(rewritten);
        };
        after = last.id.clone();
        done.read += page.len();
        let changed = changed_of(page);
        rewritten += changed.len();
        if changed.is_empty() {
            continue;
        }
        db.write(|conn| {
            for (id, html) in &changed {
                write(conn, id, html)?;
            }
            Ok::<_, ServiceError>(())
        })?;
    }
}

fn rerender_comments(db: &mut Db, done: &mut Rerendered) -> ServiceResult<()> {
    let read: ReadPage<CommentId> = stored_html::comments_after;
    done.comments = rerender_texts(db, done, read, stored_html::set_comment)?;
    Ok(())
}

fn rerender_notes(db: &mut Db, done: &mut Rerendered) -> ServiceResult<()> {
    let read: ReadPage<String> = |conn, after, limit| stored_html::notes_after(conn, after, limit);
    done.notes = rerender_texts(db, done, read, |conn, id, html| {
        stored_html::set_note(conn, id, html)
    })?;
    Ok(())
}
