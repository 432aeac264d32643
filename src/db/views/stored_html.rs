//! The Markdown kept rendered beside its source (ideas' bodies and excerpts, comments, status
//! notes), read and rewritten a page at a time when the rendering policy changes.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{comments, ideas, status_changes};
use crate::domain::ids::{CommentId, IdeaId};

/// One stored text: its key, its Markdown source and what is stored rendered from it.
#[derive(Debug, Clone)]
pub struct Stored<Id> {
    pub id: Id,
    pub source: String,
    pub html: String,
}

impl<Id> From<(Id, String, String)> for Stored<Id> {
    fn from((id, source, html): (Id, String, String)) -> Self {
        Stored { id, source, html }
    }
}

/// Ideas after `after` by id: (id, body, body_html, excerpt).
pub fn ideas_after(
    conn: &mut DbConnection,
    after: &IdeaId,
    limit: i64,
) -> QueryResult<Vec<(Stored<IdeaId>, String)>> {
    let rows: Vec<(IdeaId, String, String, String)> = ideas::table
        .filter(ideas::id.gt(after))
        .order(ideas::id.asc())
        .select((ideas::id, ideas::body, ideas::body_html, ideas::excerpt))
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, source, html, excerpt)| (Stored { id, source, html }, excerpt))
        .collect())
}

pub fn set_idea(
    conn: &mut DbConnection,
    id: &IdeaId,
    body_html: &str,
    excerpt: &str,
) -> QueryResult<usize> {
    diesel::update(ideas::table.find(id))
        .set((ideas::body_html.eq(body_html), ideas::excerpt.eq(excerpt)))
        .execute(conn)
}

/// Comments after `after` by id.
pub fn comments_after(
    conn: &mut DbConnection,
    after: &CommentId,
    limit: i64,
) -> QueryResult<Vec<Stored<CommentId>>> {
    let rows: Vec<(CommentId, String, String)> = comments::table
        .filter(comments::id.gt(after))
        .order(comments::id.asc())
        .select((comments::id, comments::body, comments::body_html))
        .limit(limit)
        .load(conn)?;
    Ok(rows.into_iter().map(Stored::from).collect())
}

pub fn set_comment(conn: &mut DbConnection, id: &CommentId, body_html: &str) -> QueryResult<usize> {
    diesel::update(comments::table.find(id))
        .set(comments::body_html.eq(body_html))
        .execute(conn)
}

/// Status changes' public notes after `after` by id.
pub fn notes_after(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> QueryResult<Vec<Stored<String>>> {
    let rows: Vec<(String, String, String)> = status_changes::table
        .filter(status_changes::id.gt(after))
        .order(status_changes::id.asc())
        .select((
            status_changes::id,
            status_changes::note,
            status_changes::note_html,
        ))
        .limit(limit)
        .load(conn)?;
    Ok(rows.into_iter().map(Stored::from).collect())
}

pub fn set_note(conn: &mut DbConnection, id: &str, note_html: &str) -> QueryResult<usize> {
    diesel::update(status_changes::table.find(id))
        .set(status_changes::note_html.eq(note_html))
        .execute(conn)
}
