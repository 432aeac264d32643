//! Ideas in action: product staff and admins publish release notes naming the ideas they deliver,
//! optionally setting those ideas to Implemented in the same step (the note as their public
//! status note); everyone who promoted, follows or commented on a linked idea gets one email per
//! note. Everyone reads the notes, newest first, and the count of ideas implemented.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::account::Account;
use super::error::ServiceError;
use super::mail_queue::queue_to_people;
use super::{ServiceResult, audit};
use crate::db::models::ideas as idea_rows;
use crate::db::models::release_notes::{self as note_rows, NewReleaseNote, ReleaseNote};
use crate::db::models::statuses;
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ids::{IdeaId, UserId};
use crate::domain::local_names::LocalNames;
use crate::domain::markdown;
use crate::domain::read::StatusRef;
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Lines, Text, typed_text};
use crate::mail::releases::{DeliveredIdea, release_note};

/// The preference a note's email falls under.
const KIND: &str = "releases";
/// The most ideas one note may name, and notes a page lists.
const MAX_IDEAS: usize = 200;
pub const PER_PAGE: i64 = 20;
const TITLE_MAX_CHARS: usize = 120;
const BODY_MAX_CHARS: usize = 20_000;
/// The longest public status note (`pipeline::public_note`).
const STATUS_NOTE_MAX: usize = 5_000;

/// A note as typed.
#[derive(Debug, Clone, Default)]
pub struct ReleaseInput {
    pub title: String,
    pub body: String,
    /// YYYY-MM-DD; today when empty.
    pub date: Option<String>,
    /// The numbers of the ideas it delivers.
    pub ideas: Vec<i64>,
    /// Set the linked ideas to Implemented, with the note as their status note.
    pub implement: bool,
}

/// A note as pages and the API show it.
#[derive(Debug, Clone)]
pub struct ReleaseView {
    pub id: String,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub released_on: NaiveDate,
    /// The live ideas it delivers, by number: number, title, status.
    pub ideas: Vec<(i64, String, StatusRef)>,
}

/// How many live ideas have been implemented, and since which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Implemented {
    pub ideas: i64,
    pub since: Option<NaiveDate>,
}

/// Publishes a note (product staff and admins); every field checked before anything is written.
pub fn publish(
    db: &mut Db,
    actor: &Account,
    input: &ReleaseInput,
    base_url: &str,
) -> ServiceResult<ReleaseView> {
    actor.require(Permission::PublishReleases)?;
    let (title, body, day) = checked(input)?;
    let id = clock::new_id();
    db.write(|conn| {
        let linked = linked_ideas(conn, &input.ideas)?;
        let body_html = markdown::render(&body);
        let released_on = day.format("%Y-%m-%d").to_string();
        let row = NewReleaseNote {
            id: &id,
            title: &title,
            body: &body,
            body_html: &body_html,
            released_on: &released_on,
            created_by: Some(&actor.id),
            created_at: clock::now(),
        };
        note_rows::insert(conn, &row)?;
        for idea in &linked {
            note_rows::link(conn, &id, &idea.id)?;
        }
        if input.implement {
            implement(conn, actor, &linked, &body, base_url)?;
        }
        audit::record(conn, actor, "publish_release", "release", &id, &title, "")?;
        let ids: Vec<IdeaId> = linked.iter().map(|i| i.id.clone()).collect();
        let people = note_rows::audience(conn, &ids)?;
        let queued = tell(conn, actor, &id, &people, base_url)?;
        tracing::info!(ideas = linked.len(), queued, "release note published");
        Ok::<_, ServiceError>(())
    })?;
    get(db, &id)
}

/// The checked title (one line, 1–120), body (Markdown, 1–20,000) and day.
fn checked(input: &ReleaseInput) -> ServiceResult<(String, String, NaiveDate)> {
    let mut errors = FieldErrors::default();
    let title = errors
        .take("title", typed_text(&input.title, Lines::One))
        .map(|t| t.trim().to_string());
    if title
        .as_ref()
        .is_some_and(|t| t.is_empty() || t.chars().count() > TITLE_MAX_CHARS)
    {
        errors.add(
            "title",
            Text::new("refused-release-title").with("max", TITLE_MAX_CHARS as i64),
        );
    }
    let body = errors
        .take("body", typed_text(&input.body, Lines::Many))
        .map(|t| t.trim().to_string());
    if body
        .as_ref()
        .is_some_and(|b| b.is_empty() || b.chars().count() > BODY_MAX_CHARS)
    {
        errors.add(
            "body",
            Text::new("refused-release-body").with("max", BODY_MAX_CHARS as i64),
        );
    }
    let day = match input
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => Some(clock::now().date()),
        Some(typed) => errors.take(
            "date",
            NaiveDate::parse_from_str(typed, "%Y-%m-%d").map_err(|_| Text::new("refused-date")),
        ),
    };
    // With `implement` the body becomes the ideas' public status note, which holds 5,000.
    if input.implement
        && body
            .as_ref()
            .is_some_and(|b| b.chars().count() > STATUS_NOTE_MAX)
    {
        errors.add(
            "body",
            Text::new("refused-release-body-implement").with("max", STATUS_NOTE_MAX as i64),
        );
    }
    if input.ideas.len() > MAX_IDEAS {
        errors.add(
            "ideas",
            Text::new("refused-release-ideas").with("max", MAX_IDEAS as i64),
        );
    }
    match (title, body, day) {
        (Some(title), Some(body), Some(day)) if errors.is_empty() => Ok((title, body, day)),
        _ => Err(ServiceError::Validation(errors)),
    }
}

/// The live ideas of these numbers, each once; an unknown, hidden or merged one is refused at
/// `ideas`, naming it.
fn linked_ideas(conn: &mut DbConnection, numbers: &[i64]) -> ServiceResult<Vec<idea_rows::Idea>> {
    let mut seen = BTreeSet::new();
    let mut linked = Vec::new();
    for &number in numbers.iter().filter(|n| seen.insert(**n)) {
        match idea_rows::find_by_number(conn, number)? {
            Some(idea) if idea.hidden_at.is_none() && idea.merged_into_id.is_none() => {
                linked.push(idea);
            }
            _ => {
                return Err(ServiceError::Validation(FieldErrors::single(
                    "ideas",
                    Text::new("refused-release-no-idea").with("number", number.to_string()),
                )));
            }
        }
    }
    Ok(linked)
}

/// Moves the linked ideas not yet completed to Implemented (the status of slug `implemented`,
/// else the first completed one), the note their public status note; no status email: the
/// note's own email tells the same people once.
fn implement(
    conn: &mut DbConnection,
    actor: &Account,
    linked: &[idea_rows::Idea],
    note: &str,
    base_url: &str,
) -> ServiceResult<()> {
    let all = statuses::list(conn)?;
    let live = || all.iter().filter(|s| s.retired_at.is_none());
    let target = live()
        .find(|s| s.slug == "implemented")
        .or_else(|| live().find(|s| s.kind == "completed"))
        .ok_or_else(|| {
            ServiceError::Validation(FieldErrors::single(
                "implement",
                Text::new("refused-release-no-implemented"),
            ))
        })?;
    for idea in linked {
        let done = all
            .iter()
            .any(|s| s.id == idea.status_id && s.kind == "completed");
        if !done {
            let idea = idea_rows::lock(conn, &idea.id)?.ok_or(ServiceError::NotFound)?;
            super::pipeline::record_change(conn, actor, &idea, target, note, base_url)?;
        }
    }
    Ok(())
}

/// Queues the note's email to each person who cared (not the publisher), unless they turned
/// the kind off; one per person and note.
fn tell(
    conn: &mut DbConnection,
    actor: &Account,
    note_id: &str,
    people: &BTreeSet<UserId>,
    base_url: &str,
) -> ServiceResult<usize> {
    let Some(note) = note_rows::find(conn, note_id)? else {
        return Ok(0);
    };
    let base = base_url.trim_end_matches('/');
    let delivered: Vec<DeliveredIdea> = note_rows::delivered(conn, std::slice::from_ref(&note.id))?
        .into_iter()
        .map(|(_, number, title, _)| DeliveredIdea {
            link: format!("{base}/ideas/{number}"),
            number,
            title,
        })
        .collect();
    let mut people = people.clone();
    people.remove(&actor.id);
    let link = format!("{base}/changelog/{}", note.id);
    let event = format!("release:{}", note.id);
    let text = (
        note.title.as_str(),
        note.body.as_str(),
        note.body_html.as_str(),
    );
    queue_to_people(conn, &people, (KIND, &event), base_url, |lang, name| {
        release_note(lang, name, text, &delivered, &link)
    })
}

/// One note; 404 for an unknown id.
pub fn get(db: &mut Db, id: &str) -> ServiceResult<ReleaseView> {
    let conn = db.conn()?;
    let note = note_rows::find(conn, id)?.ok_or(ServiceError::NotFound)?;
    views(conn, vec![note])?
        .into_iter()
        .next()
        .ok_or(ServiceError::NotFound)
}

/// A page of notes, newest first, with the count of all notes.
pub fn list(db: &mut Db, page: i64) -> ServiceResult<(Vec<ReleaseView>, i64)> {
    if page < 1 {
        return Err(ServiceError::Validation(FieldErrors::single(
            "page",
            Text::new("refused-page"),
        )));
    }
    let conn = db.conn()?;
    let notes = note_rows::newest(conn, PER_PAGE, (page - 1).saturating_mul(PER_PAGE))?;
    Ok((views(conn, notes)?, note_rows::count(conn)?))
}

fn views(conn: &mut DbConnection, notes: Vec<ReleaseNote>) -> ServiceResult<Vec<ReleaseView>> {
    let ids: Vec<String> = notes.iter().map(|n| n.id.clone()).collect();
    let mut delivered = note_rows::delivered(conn, &ids)?;
    Ok(notes
        .into_iter()
        .map(|note| ReleaseView {
            ideas: delivered
                .extract_if(.., |(note_id, ..)| *note_id == note.id)
                .map(|(_, number, title, (slug, name, names, color, kind))| {
                    let names = LocalNames::from_stored(&names);
                    (
                        number,
                        title,
                        StatusRef {
                            slug,
                            name,
                            names,
                            color,
                            kind,
                        },
                    )
                })
                .collect(),
            released_on: NaiveDate::parse_from_str(&note.released_on, "%Y-%m-%d")
                .unwrap_or_else(|_| note.created_at.date()),
            id: note.id,
            title: note.title,
            body: note.body,
            body_html: note.body_html,
        })
        .collect())
}

/// The notes that deliver the idea with this id: (id, title, day), newest first.
pub(crate) fn delivering(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
) -> ServiceResult<Vec<(String, String, String)>> {
    Ok(note_rows::delivering(conn, idea_id)?)
}

/// How many live ideas have been implemented, and since when.
pub fn implemented(db: &mut Db) -> ServiceResult<Implemented> {
    let (ideas, first) = note_rows::implemented_since(db.conn()?)?;
    Ok(Implemented {
        ideas,
        since: first.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
    })
}
