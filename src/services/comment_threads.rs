//! Comments as threads (a top-level comment and its replies, oldest first), and one page of
//! them read without loading the rest: the outline (ids and parents) decides the page, and only
//! that page's comments are read whole.

use std::collections::{HashMap, HashSet};

use super::ServiceResult;
use super::accounts::Account;
use super::comments::view;
use crate::db::DbConnection;
use crate::db::models::comments::{self, Comment};
use crate::db::models::{ideas, users};
use crate::domain::comment_pages::{self, CommentsAt};
use crate::domain::ids::{CommentId, IdeaId, UserId};
use crate::domain::read::{AuthorRef, CommentView};
use crate::domain::roles::{Permission, Role};

/// The threads of one page of an idea's comments, which page that is (from 1), and how many.
#[derive(Debug)]
pub struct CommentPage {
    pub threads: Vec<CommentView>,
    pub page: usize,
    pub pages: usize,
}

fn is_moderator(viewer: Option<&Account>) -> bool {
    viewer.is_some_and(|v| v.actor().can(Permission::Hide))
}

/// The page of comments `at` names, of the idea `idea_id` (numbered `number`).
pub fn page(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    number: i64,
    viewer: Option<&Account>,
    at: &CommentsAt,
) -> ServiceResult<CommentPage> {
    let outline = comments::outline(conn, idea_id)?;
    let shown = |hidden: bool| !hidden || is_moderator(viewer);
    // Threads in order, with their replies' ids; a reply whose thread is not shown is not either.
    let mut threads: Vec<(CommentId, Vec<CommentId>)> = Vec::new();
    let mut position: HashMap<CommentId, usize> = HashMap::new();
    for (id, parent, hidden) in outline {
        match parent {
            _ if !shown(hidden) => {}
            None => {
                position.insert(id.clone(), threads.len());
                threads.push((id, Vec::new()));
            }
            Some(parent) => {
                if let Some(thread) = position.get(&parent).and_then(|i| threads.get_mut(*i)) {
                    thread.1.push(id);
                }
            }
        }
    }
    let sizes: Vec<usize> = threads
        .iter()
        .map(|(_, replies)| 1 + replies.len())
        .collect();
    let pages = comment_pages::split(&sizes);
    let index = match at {
        CommentsAt::Page(page) => page.saturating_sub(1).min(pages.len().saturating_sub(1)),
        CommentsAt::Containing(id) => threads
            .iter()
            .position(|(top, replies)| top == id || replies.contains(id))
            .and_then(|thread| pages.iter().position(|p| p.contains(&thread)))
            .unwrap_or(0),
    };
    let range = pages.get(index).cloned().unwrap_or(0..0);
    let ids: Vec<CommentId> = threads
        .get(range)
        .unwrap_or_default()
        .iter()
        .flat_map(|(top, replies)| std::iter::once(top).chain(replies))
        .cloned()
        .collect();
    let rows = comments::by_ids(conn, &ids)?;
    Ok(CommentPage {
        threads: thread(conn, number, rows, viewer)?,
        page: index + 1,
        pages: pages.len(),
    })
}

/// Threads `rows` (in order): top-level comments with their replies, hidden ones left out but
/// for moderators; deleted ones stay as placeholders.
pub fn thread(
    conn: &mut DbConnection,
    number: i64,
    rows: Vec<Comment>,
    viewer: Option<&Account>,
) -> ServiceResult<Vec<CommentView>> {
    let moderator = is_moderator(viewer);
    let author_ids: Vec<UserId> = rows
        .iter()
        .map(|c| c.author_id.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let authors = users::names_and_roles_of(conn, &author_ids)?;
    let mut origins: HashMap<IdeaId, i64> = HashMap::new();
    for origin in rows.iter().filter_map(|c| c.merged_from_idea_id.clone()) {
        if !origins.contains_key(&origin)
            && let Some(found) = ideas::find_by_id(conn, &origin)?
        {
            origins.insert(origin, found.number);
        }
    }
    let answers: Vec<CommentId> = rows
        .iter()
        .filter(|c| c.official)
        .map(|c| c.id.clone())
        .collect();
    let my_ratings = match viewer {
        Some(viewer) => crate::db::models::answer_ratings::mine(conn, &viewer.id, &answers)?,
        None => HashMap::new(),
    };
    let mut top: Vec<CommentView> = Vec::new();
    let mut position: HashMap<CommentId, usize> = HashMap::new();
    let mut replies: Vec<CommentView> = Vec::new();
    for comment in rows
        .into_iter()
        .filter(|c| c.hidden_at.is_none() || moderator)
    {
        let author = match authors.get(&comment.author_id) {
            Some((name, role)) => AuthorRef {
                id: comment.author_id.clone(),
                name: name.clone(),
                role: Role::from_stored(role),
            },
            None => AuthorRef {
                id: comment.author_id.clone(),
                name: String::new(),
                role: Role::Member,
            },
        };
        let from = comment
            .merged_from_idea_id
            .as_ref()
            .and_then(|o| origins.get(o).copied());
        let mut item = view(comment, number, author, viewer, from);
        item.my_rating = my_ratings.get(&item.id).copied();
        if item.parent_id.is_some() {
            replies.push(item);
        } else {
            position.insert(item.id.clone(), top.len());
            top.push(item);
        }
    }
    for reply in replies {
        let parent = reply.parent_id.as_ref().and_then(|p| position.get(p));
        if let Some(thread) = parent.and_then(|i| top.get_mut(*i)) {
            thread.replies.push(reply);
        }
    }
    Ok(top)
}
