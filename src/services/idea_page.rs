//! The idea page as one read: the idea as the viewer may see it, its comments, the likely
//! duplicates a moderator may merge, and the statuses product may move it to.

use super::ServiceResult;
use super::accounts::Account;
use super::{comment_threads, ideas, pipeline};
use crate::db::Db;
use crate::domain::comment_pages::CommentsAt;
use crate::domain::read::{Choice, CommentView, IdeaCard, IdeaDetail, TagRef};
use crate::domain::roles::Permission;

/// Everything the idea page shows.
pub struct IdeaPage {
    pub idea: IdeaDetail,
    /// The threads of the page of comments shown; empty for a merged idea (its comments moved
    /// to the idea it was merged into).
    pub comments: Vec<CommentView>,
    /// Which page of comments that is (from 1), and how many there are.
    pub comment_page: usize,
    pub comment_pages: usize,
    /// Similar live ideas, for moderators, to merge this one into or from.
    pub duplicates: Vec<IdeaCard>,
    /// The ideas merged into this one: (number, title).
    pub merged_here: Vec<(i64, String)>,
    /// The live statuses, for those who may change the status.
    pub statuses: Vec<Choice>,
    /// Every tag, for moderators to choose the idea's tags from.
    pub tag_choices: Vec<TagRef>,
    /// Every product area, for staff to put the idea in one.
    pub area_choices: Vec<Choice>,
}

/// The idea numbered `number` and what its page shows to `viewer`, with the page of comments
/// `at` asks for.
pub fn read(
    db: &mut Db,
    viewer: Option<&Account>,
    number: i64,
    at: &CommentsAt,
) -> ServiceResult<IdeaPage> {
    let idea = ideas::get(db, viewer, number)?;
    let (comments, comment_page, comment_pages) = match idea.merged_into {
        Some(_) => (Vec::new(), 1, 1),
        None => {
            // `ideas::get` has checked that the viewer may see the idea.
            let (id, number) = (&idea.card.id, idea.card.number);
            let page = comment_threads::page(db.conn()?, id, number, viewer, at)?;
            (page.threads, page.page, page.pages)
        }
    };
    let merged_here =
        crate::db::models::moderation::merged_here(db.conn()?, &idea.card.id, idea.can_moderate)?;
    let duplicates = if idea.can_moderate && idea.merged_into.is_none() {
        super::duplicates::likely(db, viewer, number, &idea.card.title)?
    } else {
        Vec::new()
    };
    let statuses = if idea.can_change_status {
        pipeline::status_choices(db)?
    } else {
        Vec::new()
    };
    let tag_choices = if idea.can_moderate && idea.merged_into.is_none() {
        super::tags::list_tags(db)?
    } else {
        Vec::new()
    };
    let can_set_area = viewer.is_some_and(|v| v.actor().can(Permission::SetArea));
    let area_choices = if can_set_area && idea.merged_into.is_none() {
        super::areas::choices(db)?
    } else {
        Vec::new()
    };
    Ok(IdeaPage {
        area_choices,
        idea,
        comments,
        comment_page,
        comment_pages,
        duplicates,
        merged_here,
        statuses,
        tag_choices,
    })
}
