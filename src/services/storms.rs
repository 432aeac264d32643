//! Storm sessions: product staff and admins ask one question for a limited time; members answer
//! with ideas while it is open. Creating, publishing and summing up (the summary's mail to every
//! participant, once), the list and one session as people see them, and the rules the idea and
//! vote services ask: whether a session takes ideas, whether its closed ideas take votes.

use chrono::NaiveDateTime;

use super::account::Account;
use super::error::{ServiceError, is_unique_violation};
use super::{ServiceResult, audit, storm_mail};
use crate::db::models::areas as area_rows;
use crate::db::models::storms::{self as storm_rows, NewStorm, Storm, StormChange};
use crate::db::{Db, DbConnection};
use crate::domain::ids::StormId;
use crate::domain::markdown;
use crate::domain::read::{AreaRef, OpenStorm};
use crate::domain::roles::Permission;
use crate::domain::storms::{CheckedStorm, StormFields, StormState, check_summary};
use crate::domain::validation::{FieldErrors, Text};

/// A session as pages and the API show it, at the moment it was read.
#[derive(Debug, Clone)]
pub struct StormView {
    pub slug: String,
    pub title: String,
    pub question: String,
    pub question_html: String,
    pub area: Option<AreaRef>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub votes_after_close: bool,
    pub state: StormState,
    pub summary: Option<String>,
    pub summary_html: Option<String>,
    pub summary_published_at: Option<NaiveDateTime>,
    /// Its live ideas.
    pub ideas: i64,
}

/// A new session as typed.
#[derive(Debug, Clone, Default)]
pub struct StormInput {
    pub fields: StormFields,
    /// An area's slug, or none.
    pub area: Option<String>,
    pub votes_after_close: bool,
    pub published: bool,
}

/// What a change sets; each field only when given.
#[derive(Debug, Clone, Default)]
pub struct StormPatch {
    pub title: Option<String>,
    pub question: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// `Some(None)` takes the session out of its area.
    pub area: Option<Option<String>>,
    pub votes_after_close: Option<bool>,
    pub published: Option<bool>,
    pub summary: Option<String>,
}

/// Creates a session (product staff and admins): a draft unless `published`.
pub fn create(
    db: &mut Db,
    actor: &Account,
    input: &StormInput,
    now: NaiveDateTime,
) -> ServiceResult<StormView> {
    actor.require(Permission::ManageStorms)?;
    let checked = input.fields.check().map_err(ServiceError::Validation)?;
    let id = StormId::generate();
    db.write(|conn| {
        let area = area_of(conn, input.area.as_deref())?;
        let question_html = markdown::render(&checked.question);
        let row = NewStorm {
            id: &id,
            slug: &checked.slug,
            title: &checked.title,
            question: &checked.question,
            question_html: &question_html,
            area_id: area.as_ref(),
            starts_at: checked.starts_at,
            ends_at: checked.ends_at,
            votes_after_close: input.votes_after_close,
            published_at: input.published.then_some(now),
            created_by: Some(&actor.id),
            created_at: now,
        };
        storm_rows::insert(conn, &row).map_err(|e| {
            if is_unique_violation(&e) {
                ServiceError::conflict_coded(
                    "storm_exists",
                    "slug",
                    Text::new("refused-storm-exists").with("slug", checked.slug.as_str()),
                )
            } else {
                e.into()
            }
        })?;
        audit::record(
            conn,
            actor,
            "create_storm",
            "storm",
            id.as_str(),
            &checked.title,
            "",
        )
    })?;
    tracing::info!(slug = %checked.slug, "storm session created");
    get(db, Some(actor), &checked.slug, now)
}

/// Every session `viewer` may see (drafts only for those who manage sessions): open first, then
/// upcoming, then closed, then drafts.
pub fn list(
    db: &mut Db,
    viewer: Option<&Account>,
    now: NaiveDateTime,
) -> ServiceResult<Vec<StormView>> {
    let conn = db.conn()?;
    let managing = manages(viewer);
    let counts = storm_rows::idea_counts(conn)?;
    let areas = area_rows::refs(conn)?;
    let mut views: Vec<StormView> = storm_rows::list(conn)?
        .into_iter()
        .filter(|storm| managing || storm.published_at.is_some())
        .map(|storm| {
            let ideas = counts.get(&storm.id).copied().unwrap_or(0);
            let area = storm.area_id.as_ref().and_then(|a| areas.get(a)).cloned();
            view(storm, area, ideas, now)
        })
        .collect();
    views.sort_by(|a, b| {
        let rank = a.state.list_rank().cmp(&b.state.list_rank());
        rank.then_with(|| match a.state {
            StormState::Open => a.ends_at.cmp(&b.ends_at),
            StormState::Scheduled => a.starts_at.cmp(&b.starts_at),
            // Closed sessions and drafts: the latest first.
            StormState::Closed | StormState::Draft => b.ends_at.cmp(&a.ends_at),
        })
    });
    Ok(views)
}

/// The board's banner at `now`: the open sessions, soonest end first, and when that next changes
/// (a session opens or closes), which a kept board page must not outlive.
pub fn banner(
    db: &mut Db,
    now: NaiveDateTime,
) -> ServiceResult<(Vec<OpenStorm>, Option<NaiveDateTime>)> {
    let not_ended = storm_rows::not_ended(db.conn()?, now)?;
    let changes_at = not_ended
        .iter()
        .filter_map(|s| crate::domain::storms::next_change(s.starts_at, s.ends_at, now))
        .min();
    let open = not_ended
        .into_iter()
        .filter(|storm| storm.starts_at <= now)
        .map(|storm| OpenStorm {
            slug: storm.slug,
            title: storm.title,
            ends_at: storm.ends_at,
        })
        .collect();
    Ok((open, changes_at))
}

/// One session as `viewer` sees it; a draft is not found but by those who manage sessions.
pub fn get(
    db: &mut Db,
    viewer: Option<&Account>,
    slug: &str,
    now: NaiveDateTime,
) -> ServiceResult<StormView> {
    let conn = db.conn()?;
    let storm = visible(conn, viewer, slug)?;
    let area = match &storm.area_id {
        Some(id) => area_rows::find_ref(conn, id)?,
        None => None,
    };
    let ideas = storm_rows::idea_counts(conn)?
        .get(&storm.id)
        .copied()
        .unwrap_or(0);
    Ok(view(storm, area, ideas, now))
}

/// Refuses (404) a session `viewer` may not see.
pub fn require_visible(db: &mut Db, viewer: Option<&Account>, slug: &str) -> ServiceResult<()> {
    visible(db.conn()?, viewer, slug).map(|_| ())
}

/// The session named `slug` if `viewer` may see it.
pub(crate) fn visible(
    conn: &mut DbConnection,
    viewer: Option<&Account>,
    slug: &str,
) -> ServiceResult<Storm> {
    match storm_rows::find_by_slug(conn, slug)? {
        Some(storm) if storm.published_at.is_some() || manages(viewer) => Ok(storm),
        _ => Err(ServiceError::NotFound),
    }
}

/// Changes a session (product staff and admins). `published: true` publishes a draft; a summary
/// may be written once the session has closed, and its first publication mails every
/// participant (never twice, however often the summary is changed).
pub fn update(
    db: &mut Db,
    actor: &Account,
    slug: &str,
    patch: &StormPatch,
    now: NaiveDateTime,
    base_url: &str,
) -> ServiceResult<StormView> {
    actor.require(Permission::ManageStorms)?;
    db.write(|conn| {
        // Read under the row's lock: two edits at once apply one after the other, each on top
        // of the other's, and neither can take back a publication.
        let storm = storm_rows::lock_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
        let checked = patched_fields(&storm, patch)?;
        let published_at = match patch.published {
            Some(true) => storm.published_at.or(Some(now)),
            Some(false) if storm.published_at.is_some() => {
                return Err(ServiceError::Validation(FieldErrors::single(
                    "published",
                    Text::new("refused-storm-unpublish"),
                )));
            }
            _ => storm.published_at,
        };
        let state = StormState::at(
            published_at.is_some(),
            checked.starts_at,
            checked.ends_at,
            now,
        );
        let summary = patched_summary(&storm, patch, state)?;
        let summary_html = summary.as_deref().map(markdown::render);
        let area = match &patch.area {
            Some(slug) => area_of(conn, slug.as_deref())?,
            None => storm.area_id.clone(),
        };
        let change = StormChange {
            title: &checked.title,
            question: &checked.question,
            question_html: &markdown::render(&checked.question),
            area_id: area.as_ref(),
            starts_at: checked.starts_at,
            ends_at: checked.ends_at,
            votes_after_close: patch.votes_after_close.unwrap_or(storm.votes_after_close),
            published_at,
            summary: summary.as_deref(),
            summary_html: summary_html.as_deref(),
        };
        storm_rows::update(conn, &storm.id, &change)?;
        audit::record(
            conn,
            actor,
            "update_storm",
            "storm",
            storm.id.as_str(),
            &checked.title,
            "",
        )?;
        if patch.summary.is_some() && storm_rows::claim_summary_mail(conn, &storm.id, now)? == 1 {
            let sent = storm_mail::summary_to_participants(conn, &storm.id, base_url)?;
            tracing::info!(slug = %storm.slug, sent, "storm session summary published");
            audit::record(
                conn,
                actor,
                "publish_storm_summary",
                "storm",
                storm.id.as_str(),
                &checked.title,
                "",
            )?;
        }
        Ok::<_, ServiceError>(())
    })?;
    get(db, Some(actor), slug, now)
}

/// The summary after the patch: a typed one is checked, and refused (409) before the close.
fn patched_summary(
    storm: &Storm,
    patch: &StormPatch,
    state: StormState,
) -> ServiceResult<Option<String>> {
    let Some(typed) = &patch.summary else {
        return Ok(storm.summary.clone());
    };
    let summary = check_summary(typed).map_err(ServiceError::Validation)?;
    if state != StormState::Closed {
        return Err(ServiceError::conflict_coded(
            "storm_not_closed",
            "summary",
            Text::new("refused-storm-summary-open"),
        ));
    }
    Ok(Some(summary))
}

/// The stored fields with the patch's on top, checked as a new session's are.
fn patched_fields(storm: &Storm, patch: &StormPatch) -> ServiceResult<CheckedStorm> {
    let time = |typed: &Option<String>, stored: NaiveDateTime| {
        typed
            .clone()
            .unwrap_or_else(|| crate::domain::clock::rfc3339_exact(stored))
    };
    StormFields {
        title: patch.title.clone().unwrap_or_else(|| storm.title.clone()),
        slug: storm.slug.clone(),
        question: patch
            .question
            .clone()
            .unwrap_or_else(|| storm.question.clone()),
        starts_at: time(&patch.starts_at, storm.starts_at),
        ends_at: time(&patch.ends_at, storm.ends_at),
    }
    .check()
    .map_err(ServiceError::Validation)
}

/// The session an idea is submitted into, if it is open at `now`: an unknown (or unpublished)
/// session is a field error, one not yet open or already closed a conflict.
pub(crate) fn open_for_ideas(
    conn: &mut DbConnection,
    slug: &str,
    now: NaiveDateTime,
) -> ServiceResult<Storm> {
    let storm = storm_rows::find_by_slug(conn, slug)?
        .filter(|storm| storm.published_at.is_some())
        .ok_or_else(|| {
            ServiceError::Validation(FieldErrors::single(
                "storm",
                Text::new("refused-no-storm").with("slug", slug),
            ))
        })?;
    match state_of(&storm, now) {
        StormState::Open => Ok(storm),
        StormState::Closed => Err(ServiceError::conflict_coded(
            "storm_closed",
            "storm",
            Text::new("refused-storm-closed").with("title", storm.title.as_str()),
        )),
        StormState::Scheduled | StormState::Draft => Err(ServiceError::conflict_coded(
            "storm_not_open",
            "storm",
            Text::new("refused-storm-not-open").with("title", storm.title.as_str()),
        )),
    }
}

/// Refuses a vote on an idea of a session that has closed and keeps its votes closed.
pub(crate) fn refuse_closed_votes(
    conn: &mut DbConnection,
    storm_id: Option<&StormId>,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let Some(id) = storm_id else {
        return Ok(());
    };
    match storm_rows::find_by_id(conn, id)? {
        Some(storm) if !storm.votes_after_close && state_of(&storm, now) == StormState::Closed => {
            Err(ServiceError::conflict_coded(
                "storm_closed",
                "value",
                Text::new("refused-storm-votes-closed").with("title", storm.title.as_str()),
            ))
        }
        _ => Ok(()),
    }
}

/// The session an idea was submitted into, if any.
pub(crate) fn of_idea(
    conn: &mut DbConnection,
    storm_id: Option<&StormId>,
) -> ServiceResult<Option<Storm>> {
    match storm_id {
        Some(id) => Ok(storm_rows::find_by_id(conn, id)?),
        None => Ok(None),
    }
}

/// Whether ideas of these sessions take votes at `now` (a card's vote buttons).
pub(crate) fn votes_open(storm: &Storm, now: NaiveDateTime) -> bool {
    storm.votes_after_close || state_of(storm, now) != StormState::Closed
}

/// The sessions of these ids (the ideas on a page that name one).
pub(crate) fn by_ids(
    conn: &mut DbConnection,
    ids: &[StormId],
) -> ServiceResult<std::collections::HashMap<StormId, Storm>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(storm_rows::by_ids(conn, ids)?)
}

/// A session as an idea names it.
pub(crate) fn reference(storm: &Storm) -> crate::domain::read::StormRef {
    crate::domain::read::StormRef {
        slug: storm.slug.clone(),
        title: storm.title.clone(),
    }
}

fn state_of(storm: &Storm, now: NaiveDateTime) -> StormState {
    StormState::at(
        storm.published_at.is_some(),
        storm.starts_at,
        storm.ends_at,
        now,
    )
}

fn manages(viewer: Option<&Account>) -> bool {
    viewer.is_some_and(|v| v.actor().can(Permission::ManageStorms))
}

fn area_of(
    conn: &mut DbConnection,
    slug: Option<&str>,
) -> ServiceResult<Option<crate::domain::ids::AreaId>> {
    match slug.filter(|s| !s.is_empty()) {
        Some(slug) => Ok(Some(super::areas::area_named(conn, slug)?.id)),
        None => Ok(None),
    }
}

fn view(storm: Storm, area: Option<AreaRef>, ideas: i64, now: NaiveDateTime) -> StormView {
    StormView {
        state: state_of(&storm, now),
        slug: storm.slug,
        title: storm.title,
        question: storm.question,
        question_html: storm.question_html,
        area,
        starts_at: storm.starts_at,
        ends_at: storm.ends_at,
        votes_after_close: storm.votes_after_close,
        summary: storm.summary,
        summary_html: storm.summary_html,
        summary_published_at: storm.summary_published_at,
        ideas,
    }
}
