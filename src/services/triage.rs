//! The triage inbox: the live ideas that wait for an official answer, oldest first, for staff to
//! sort into areas, answer, move on, merge or hide; filtered by area, by the areas one owns, by
//! ideas in no area and by those past the response target.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::ServiceResult;
use super::accounts::Account;
use super::{areas, board};
use crate::db::Db;
use crate::db::models::areas as area_rows;
use crate::db::views::{idea_list, triage};
use crate::domain::ids::{AreaId, IdeaId};
use crate::domain::read::IdeaCard;
use crate::domain::response::ResponsePolicy;
use crate::domain::roles::Permission;

/// Rows on one page of the inbox.
pub const PER_PAGE: i64 = 20;

/// What the inbox is asked for; the filters combine.
#[derive(Debug, Clone, Default)]
pub struct InboxQuery {
    /// One area's slug.
    pub area: Option<String>,
    /// Only the areas the viewer owns.
    pub mine: bool,
    /// Only ideas in no area yet.
    pub unsorted: bool,
    /// Only ideas past the response target.
    pub past_target: bool,
    /// Instead of the waiting ideas: those whose latest official answer most found unhelpful.
    pub answer_again: bool,
    /// From 1.
    pub page: i64,
}

/// One waiting idea.
#[derive(Debug, Clone)]
pub struct InboxRow {
    pub card: IdeaCard,
    /// It has waited longer than the response target.
    pub past_target: bool,
    /// Its points reached the review threshold while it waited.
    pub threshold_reached: bool,
    /// Older live ideas it likely duplicates: (number, title).
    pub duplicates: Vec<(i64, String)>,
}

/// A page of the inbox.
#[derive(Debug, Clone)]
pub struct Inbox {
    pub rows: Vec<InboxRow>,
    /// Ideas the filters keep, on every page.
    pub total: i64,
    /// Ideas whose latest official answer most found unhelpful.
    pub answer_again: i64,
    pub page: i64,
    pub per_page: i64,
}

/// The page of waiting ideas `query` asks for, as staff member `viewer` sees it at `now`.
/// Members are refused; an unknown area is 422 (`area`).
pub fn inbox(
    db: &mut Db,
    viewer: &Account,
    query: &InboxQuery,
    policy: ResponsePolicy,
    now: NaiveDateTime,
) -> ServiceResult<Inbox> {
    viewer.require(Permission::Triage)?;
    let conn = db.conn()?;
    let mut area_ids: Option<Vec<AreaId>> = match query.area.as_deref() {
        Some(slug) => Some(vec![areas::area_named(conn, slug)?.id]),
        None => None,
    };
    if query.mine {
        let owned = area_rows::owned_by(conn, &viewer.id)?;
        area_ids = Some(match area_ids {
            Some(chosen) => chosen.into_iter().filter(|a| owned.contains(a)).collect(),
            None => owned,
        });
    }
    let cutoff = policy.past_target_cutoff(now);
    let filter = triage::InboxFilter {
        area_ids,
        unsorted: query.unsorted,
        submitted_before: query.past_target.then_some(cutoff),
    };
    let page = query.page.max(1);
    let skip = (page - 1).saturating_mul(PER_PAGE);
    let again = triage::answer_again(conn)?;
    let answer_again = i64::try_from(again.len()).unwrap_or(i64::MAX);
    let (ids, total) = if query.answer_again {
        let total = answer_again;
        let skip = usize::try_from(skip).unwrap_or(usize::MAX);
        (
            again
                .into_iter()
                .skip(skip)
                .take(PER_PAGE as usize)
                .collect(),
            total,
        )
    } else {
        (
            triage::page(conn, &filter, PER_PAGE, skip)?,
            triage::count(conn, &filter)?,
        )
    };
    let rows = idea_list::cards(conn, &ids)?;
    let cards = board::cards(conn, Some(viewer), rows)?;
    let mut duplicates = duplicates_by_idea(conn, &ids)?;
    let rows = cards
        .into_iter()
        .map(|card| InboxRow {
            past_target: card.first_response_at.is_none() && card.created_at < cutoff,
            threshold_reached: card.first_response_at.is_none()
                && policy.threshold_reached(card.points()),
            duplicates: duplicates.remove(&card.id).unwrap_or_default(),
            card,
        })
        .collect();
    Ok(Inbox {
        rows,
        total,
        answer_again,
        page,
        per_page: PER_PAGE,
    })
}

/// The live likely duplicates of these ideas, by idea.
fn duplicates_by_idea(
    conn: &mut crate::db::DbConnection,
    ids: &[IdeaId],
) -> ServiceResult<HashMap<IdeaId, Vec<(i64, String)>>> {
    let mut by_idea: HashMap<IdeaId, Vec<(i64, String)>> = HashMap::new();
    for (idea, number, title) in triage::candidates_of(conn, ids)? {
        by_idea.entry(idea).or_default().push((number, title));
    }
    Ok(by_idea)
}
