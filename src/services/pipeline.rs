//! The product-feedback pipeline: statuses, public status changes with their history, the
//! roadmap, following ideas; every status change notifies the author and followers once.

use super::ServiceResult;
use super::accounts::Account;
use super::ideas::{self, IdeaDetail};
use super::{audit, notifications, timeline};
use crate::db::models::pipeline::{self, NewStatusChange};
use crate::db::models::{ideas as idea_rows, statuses, subscriptions};
use crate::db::{Db, DbConnection};
use crate::domain::funnel::Step;
use crate::domain::ids::{StatusId, UserId};
use crate::domain::local_names::LocalNames;
pub use crate::domain::read::StatusChange;
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Lines, Text, TextArg, typed_text};
use crate::domain::{clock, markdown, ranking};
use crate::mail::messages;
use crate::services::error::ServiceError;

pub use crate::domain::read::StatusView;

/// Every status in pipeline order.
pub fn list_statuses(db: &mut Db) -> ServiceResult<Vec<StatusView>> {
    timeline::statuses_in(db.conn()?)
}

/// The live statuses, as choices for a form.
pub fn status_choices(db: &mut Db) -> ServiceResult<Vec<crate::domain::read::Choice>> {
    Ok(list_statuses(db)?
        .into_iter()
        .filter(|s| !s.retired)
        .map(|s| crate::domain::read::Choice {
            slug: s.slug,
            name: s.name,
            names: s.names,
        })
        .collect())
}

/// A status change's public note: required, at most 5000 characters, line ends made `\n`.
fn public_note(note: &str) -> Result<String, Text> {
    let typed = typed_text(note, Lines::Many)?;
    let note = typed.trim().to_string();
    if note.is_empty() {
        Err(Text::new("refused-note-empty"))
    } else if note.chars().count() > 5000 {
        Err(Text::new("refused-note-long"))
    } else {
        Ok(note)
    }
}

/// Writes the change (its timeline entry) and moves the idea; returns the change's id. Tells no
/// one: the caller decides who hears of it.
pub(crate) fn record_change(
    conn: &mut DbConnection,
    actor: &Account,
    idea: &idea_rows::Idea,
    target: &statuses::Status,
    note: &str,
    base_url: &str,
) -> ServiceResult<String> {
    let change_id = clock::new_id();
    let note_html = markdown::render(note);
    let now = clock::now();
    pipeline::insert_change(
        conn,
        &NewStatusChange {
            id: &change_id,
            idea_id: &idea.id,
            from_status_id: &idea.status_id,
            to_status_id: &target.id,
            note,
            note_html: &note_html,
            actor_id: Some(&actor.id),
            created_at: now,
        },
    )?;
    pipeline::set_status(conn, &idea.id, &target.id)?;
    // A status change with its public note answers the idea.
    idea_rows::record_first_response(conn, &idea.id, now)?;
    let review = statuses::review_position(conn)?;
    if let Some(step) = Step::of(&target.kind, target.position, review) {
        idea_rows::record_step(conn, &idea.id, step, now)?;
    }
    status_changed_webhooks(conn, idea, (&target.id, note), &change_id, base_url)?;
    Ok(change_id)
}

/// `idea.status_changed` for a change of `idea` (as it was before) to `to` with `note`.
fn status_changed_webhooks(
    conn: &mut DbConnection,
    idea: &idea_rows::Idea,
    (to, note): (&StatusId, &str),
    change_id: &str,
    base_url: &str,
) -> ServiceResult<()> {
    let happened = super::webhook_events::Happened::StatusChanged {
        idea,
        from: &idea.status_id,
        to,
        note,
        change_id,
    };
    super::webhook_events::emit(conn, base_url, &happened)?;
    Ok(())
}

/// The digest's line for `idea` reaching `status`, written in each reader's language.
fn status_line(idea: &idea_rows::Idea, status: &statuses::Status) -> Text {
    Text::new("mail-status-subject")
        .with("number", idea.number.to_string())
        .with("title", idea.title.as_str())
        .with(
            "status",
            TextArg::Named {
                name: status.name.clone(),
                names: LocalNames::from_stored(&status.names),
            },
        )
}

/// Queues one email (or digest line) per follower and the author, never the changer.
fn tell_followers(
    conn: &mut DbConnection,
    actor: &Account,
    idea: &idea_rows::Idea,
    target: &statuses::Status,
    note: &str,
    change_id: &str,
    base_url: &str,
) -> ServiceResult<usize> {
    let link = format!("{}/ideas/{}", base_url.trim_end_matches('/'), idea.number);
    let plain_note = markdown::excerpt(note, 5000);
    let notice = notifications::Notice {
        event_key: format!("status:{change_id}"),
        kind: "status_changes",
        recipients: notifications::followers_and_author(conn, idea)?,
        idea,
        actor_id: &actor.id,
        digest_line: status_line(idea, target),
        link: link.clone(),
    };
    notifications::notify(conn, &notice, base_url, |name, lang| {
        messages::status_changed(
            lang,
            name,
            (idea.number, &idea.title),
            LocalNames::from_stored(&target.names).shown(lang, &target.name),
            &plain_note,
            &link,
        )
    })
}

/// Product or admin moves an idea to another status with a public note (Markdown, required).
/// The change, its timeline entry, the audit entry and one email per follower (not the changer)
/// commit together.
pub fn change_status(
    db: &mut Db,
    actor: &Account,
    number: i64,
    slug: &str,
    note: &str,
    base_url: &str,
) -> ServiceResult<IdeaDetail> {
    actor.require(Permission::ChangeStatus)?;
    let mut errors = FieldErrors::default();
    let note = errors.take("note", public_note(note)).unwrap_or_default();
    db.write(|conn| {
        let idea = idea_rows::find_by_number(conn, number)?.ok_or(ServiceError::NotFound)?;
        let idea = idea_rows::lock(conn, &idea.id)?.ok_or(ServiceError::NotFound)?;
        let target = statuses::find_by_slug(conn, slug.trim())?.filter(|s| s.retired_at.is_none());
        match &target {
            None => errors.add(
                "status",
                Text::new("refused-no-status").with("slug", slug.trim()),
            ),
            Some(t) if t.id == idea.status_id => errors.add(
                "status",
                Text::new("refused-status-already").with(
                    "status",
                    TextArg::Named {
                        name: t.name.clone(),
                        names: LocalNames::from_stored(&t.names),
                    },
                ),
            ),
            Some(_) => {}
        }
        if idea.merged_into_id.is_some() {
            return Err(ServiceError::conflict_coded(
                "idea_merged",
                "idea",
                Text::new("refused-status-merged"),
            ));
        }
        let Some(target) = target.filter(|_| errors.is_empty()) else {
            return Err(ServiceError::Validation(errors.clone()));
        };
        let change_id = record_change(conn, actor, &idea, &target, &note, base_url)?;
        tell_followers(conn, actor, &idea, &target, &note, &change_id, base_url)?;
        let label = format!("#{} {} → {}", idea.number, idea.title, target.name);
        audit::record(
            conn,
            actor,
            "change_status",
            "idea",
            idea.id.as_str(),
            &label,
            &note,
        )?;
        Ok(())
    })?;
    tracing::info!(number, status = slug, "status changed");
    ideas::get(db, Some(actor), number)
}

/// Follows or unfollows an idea.
pub fn set_following(
    db: &mut Db,
    actor: &Account,
    number: i64,
    follow: bool,
) -> ServiceResult<bool> {
    actor.require(Permission::Follow)?;
    db.write(|conn| {
        let idea = idea_rows::find_by_number(conn, number)?
            .filter(|i| i.hidden_at.is_none())
            .ok_or(ServiceError::NotFound)?;
        if follow {
            subscriptions::subscribe(conn, &actor.id, &idea.id, clock::now())?;
        } else {
            subscriptions::unsubscribe(conn, &actor.id, &idea.id)?;
        }
        Ok(follow)
    })
}

pub use crate::domain::read::{RoadmapColumn, RoadmapIdea};

/// The statuses marked for the roadmap, each ordered by popularity, with counts.
pub fn roadmap(db: &mut Db) -> ServiceResult<Vec<RoadmapColumn>> {
    let conn = db.conn()?;
    let counts: std::collections::HashMap<StatusId, i64> =
        pipeline::counts_by_status(conn)?.into_iter().collect();
    let mut columns = Vec::new();
    for status in pipeline::roadmap_statuses(conn)? {
        let id = status.id;
        let ideas = pipeline::roadmap_column(conn, &id, 50)?
            .into_iter()
            .map(|(number, title, up, down)| RoadmapIdea {
                number,
                title,
                points: ranking::points(up, down),
            })
            .collect();
        columns.push(RoadmapColumn {
            count: counts.get(&id).copied().unwrap_or(0),
            slug: status.slug,
            name: status.name,
            names: LocalNames::from_stored(&status.names),
            kind: status.kind,
            ideas,
        });
    }
    Ok(columns)
}

/// A stable key naming the auto-archive job among PostgreSQL advisory locks.
const ARCHIVE_LOCK_KEY: i64 = 0x1dea_0004;

/// Moves ideas still open after `days` days without a vote to Archived, with a system note,
/// telling their followers. Returns how many moved. One instance at a time on PostgreSQL.
pub fn auto_archive(db: &mut Db, days: u32, base_url: &str) -> ServiceResult<usize> {
    db.write(|conn| {
        if let DbConnection::Postgres(_) = conn {
            #[derive(diesel::QueryableByName)]
            struct Locked {
                #[diesel(sql_type = diesel::sql_types::Bool)]
                locked: bool,
            }
            let lock: Locked = diesel::RunQueryDsl::get_result(
                diesel::sql_query(format!(
                    "SELECT pg_try_advisory_xact_lock({ARCHIVE_LOCK_KEY}) AS locked"
                )),
                conn,
            )?;
            if !lock.locked {
                return Ok(0);
            }
        }
        let Some(archived) =
            statuses::find_by_slug(conn, "archived")?.filter(|s| s.retired_at.is_none())
        else {
            return Ok(0);
        };
        let cutoff = clock::now() - chrono::Duration::days(i64::from(days));
        let stale = pipeline::stale_open_ideas(conn, cutoff, 500)?;
        // Stored and shown to everyone: written in the board's language.
        let note = crate::i18n::Lang::board_default()
            .t_with("archived-note", &[("days", i64::from(days).into())]);
        let note_html = markdown::render(&note);
        for idea_id in &stale {
            let Some(idea) = idea_rows::lock(conn, idea_id)? else {
                continue;
            };
            let change_id = clock::new_id();
            pipeline::insert_change(
                conn,
                &NewStatusChange {
                    id: &change_id,
                    idea_id: &idea.id,
                    from_status_id: &idea.status_id,
                    to_status_id: &archived.id,
                    note: &note,
                    note_html: &note_html,
                    actor_id: None,
                    created_at: clock::now(),
                },
            )?;
            pipeline::set_status(conn, &idea.id, &archived.id)?;
            status_changed_webhooks(conn, &idea, (&archived.id, &note), &change_id, base_url)?;
            let link = format!("{}/ideas/{}", base_url.trim_end_matches('/'), idea.number);
            let notice = notifications::Notice {
                event_key: format!("status:{change_id}"),
                kind: "status_changes",
                recipients: notifications::followers_and_author(conn, &idea)?,
                idea: &idea,
                actor_id: &UserId::default(),
                digest_line: status_line(&idea, &archived),
                link: link.clone(),
            };
            notifications::notify(conn, &notice, base_url, |name, lang| {
                messages::status_changed(
                    lang,
                    name,
                    (idea.number, &idea.title),
                    LocalNames::from_stored(&archived.names).shown(lang, &archived.name),
                    &note,
                    &link,
                )
            })?;
        }
        Ok::<_, ServiceError>(stale.len())
    })
}
