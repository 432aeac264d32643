//! What moderators have hidden: the hidden ideas and comments with the reason recorded, so any of
//! them can be shown again.

use super::ServiceResult;
use super::accounts::Account;
use crate::db::Db;
use crate::db::models::moderation;
use crate::domain::markdown::excerpt;
use crate::domain::read::HiddenItem;
use crate::domain::roles::Permission;

/// How many hidden ideas, and separately comments, the list shows (most recent first).
const SHOWN: i64 = 200;

/// The hidden ideas, then the hidden comments, each most recently hidden first.
pub fn hidden_items(db: &mut Db, actor: &Account) -> ServiceResult<Vec<HiddenItem>> {
    actor.require(Permission::Hide)?;
    let conn = db.conn()?;
    let ideas = moderation::hidden_ideas(conn, SHOWN)?;
    let comments = moderation::hidden_comments(conn, SHOWN)?;
    let subjects: Vec<String> = ideas
        .iter()
        .map(|idea| idea.0.as_str().to_string())
        .chain(
            comments
                .iter()
                .map(|comment| comment.0.as_str().to_string()),
        )
        .collect();
    let mut reasons = moderation::latest_reasons(conn, &["hide_idea", "hide_comment"], &subjects)?;
    let mut reason_of = |id: &str| {
        reasons
            .remove(id)
            .filter(|reason| !reason.is_empty())
            .unwrap_or_default()
    };
    let mut items: Vec<HiddenItem> = ideas
        .into_iter()
        .map(|(id, number, title, hidden_at)| HiddenItem {
            idea: number,
            title,
            comment_id: None,
            excerpt: String::new(),
            hidden_at,
            reason: reason_of(id.as_str()),
        })
        .collect();
    items.extend(
        comments
            .into_iter()
            .map(|(id, body, number, title, hidden_at)| HiddenItem {
                idea: number,
                title,
                excerpt: excerpt(&body, 160),
                hidden_at,
                reason: reason_of(id.as_str()),
                comment_id: Some(id),
            }),
    );
    Ok(items)
}
