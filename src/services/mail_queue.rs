//! Queuing email in the caller's transaction, to be sent by the outbox worker once that
//! transaction commits: one email to one recipient, or one to each of several people in their
//! language with the one-click link that turns their kind of email off.

use std::collections::BTreeSet;

use super::ServiceResult;
use super::notifications::{preferences, with_kind_link};
use crate::db::DbConnection;
use crate::db::models::outbox::{self, NewOutboxMessage};
use crate::db::models::users;
use crate::domain::clock;
use crate::domain::ids::UserId;
use crate::i18n::Lang;
use crate::mail::RenderedEmail;

/// Queues `email` to `recipient`, due now, unless the event already queued one for them
/// (`event_key` is unique per recipient); 1 when queued.
pub fn queue_now(
    conn: &mut DbConnection,
    event_key: &str,
    recipient: &str,
    kind: &str,
    email: &RenderedEmail,
) -> ServiceResult<usize> {
    let now = clock::now();
    Ok(outbox::enqueue(
        conn,
        &NewOutboxMessage {
            id: &clock::new_id(),
            event_key,
            recipient,
            kind,
            subject: &email.subject,
            body_text: &email.text,
            body_html: &email.html,
            next_attempt_at: now,
            created_at: now,
            list_unsubscribe: None,
        },
    )?)
}

/// Queues one email of `kind` to each of `people` (each in their language, with the link that
/// turns `kind` off, also their `List-Unsubscribe`), skipping who turned `kind` off and banned
/// accounts; unique per event and recipient. Returns how many were queued.
pub fn queue_to_people(
    conn: &mut DbConnection,
    people: &BTreeSet<UserId>,
    (kind, event_key): (&str, &str),
    base_url: &str,
    render: impl Fn(Lang, &str) -> RenderedEmail,
) -> ServiceResult<usize> {
    let ids: Vec<UserId> = people.iter().cloned().collect();
    let chosen = preferences(conn, &ids, kind)?;
    let now = clock::now();
    let mut queued = 0;
    for id in ids {
        if chosen.get(&id).map(String::as_str) == Some("off") {
            continue;
        }
        let Some(user) = users::find_by_id(conn, &id)?
            .filter(|u| u.banned_at.is_none() && u.deleted_at.is_none())
        else {
            continue;
        };
        let lang = Lang::of_person(user.locale.as_deref());
        let email = render(lang, &user.name);
        let (email, stop_url) = with_kind_link(conn, email, lang, &user.id, kind, base_url)?;
        queued += outbox::enqueue(
            conn,
            &NewOutboxMessage {
                id: &clock::new_id(),
                event_key,
                recipient: &user.email,
                kind,
                subject: &email.subject,
                body_text: &email.text,
                body_html: &email.html,
                next_attempt_at: now,
                created_at: now,
                list_unsubscribe: Some(&stop_url),
            },
        )?;
    }
    Ok(queued)
}

/// Queues one email of `kind` to each of `people` who is not banned, in their language; an
/// account's own mail (no preference turns it off). Returns how many were queued.
pub fn queue_each(
    conn: &mut DbConnection,
    people: &BTreeSet<UserId>,
    (kind, event_key): (&str, &str),
    render: impl Fn(Lang, &str) -> RenderedEmail,
) -> ServiceResult<usize> {
    let mut queued = 0;
    for id in people {
        let Some(user) = users::find_by_id(conn, id)?
            .filter(|u| u.banned_at.is_none() && u.deleted_at.is_none())
        else {
            continue;
        };
        let email = render(Lang::of_person(user.locale.as_deref()), &user.name);
        queued += queue_now(conn, event_key, &user.email, kind, &email)?;
    }
    Ok(queued)
}
