//! The daily digest: one email per person collecting what their preferences send to the digest.
//! A singleton job: on PostgreSQL a transaction-scoped advisory lock lets only one instance run it.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::Bool;

use super::{ServiceResult, notifications};
use crate::db::models::outbox::{self, NewOutboxMessage};
use crate::db::models::{pipeline, users};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ids::UserId;
use crate::i18n::Lang;
use crate::mail::messages;
use crate::services::error::ServiceError;

/// A stable key naming the digest job among PostgreSQL advisory locks.
const DIGEST_LOCK_KEY: i64 = 0x1dea_0003;
/// The setting that remembers the last run, shared by every instance.
const LAST_RUN: &str = "last_digest_at";

#[derive(QueryableByName)]
struct Locked {
    #[diesel(sql_type = Bool)]
    locked: bool,
}

/// Queues one digest email per person with pending lines and marks the lines sent; returns how
/// many emails were queued. Another instance running it at the same moment queues none.
pub fn send_due(db: &mut Db, base_url: &str) -> ServiceResult<usize> {
    db.write(|conn| {
        if let DbConnection::Postgres(_) = conn {
            let lock: Locked = diesel::sql_query(format!(
                "SELECT pg_try_advisory_xact_lock({DIGEST_LOCK_KEY}) AS locked"
            ))
            .get_result(conn)?;
            if !lock.locked {
                return Ok(0);
            }
        }
        let now = clock::now();
        let mut per_person: BTreeMap<UserId, Vec<(String, String, String)>> = BTreeMap::new();
        for (id, user_id, line, link) in pipeline::pending_digest_items(conn, now)? {
            per_person
                .entry(user_id)
                .or_default()
                .push((id, line, link));
        }
        let mut queued = 0;
        for (user_id, items) in per_person {
            let ids: Vec<String> = items.iter().map(|(id, _, _)| id.clone()).collect();
            if let Some(user) = users::find_by_id(conn, &user_id)? {
                let lines: Vec<(String, String)> = items
                    .into_iter()
                    .map(|(_, line, link)| (line, link))
                    .collect();
                let lang = Lang::of_person(user.locale.as_deref());
                let mut email = messages::digest(lang, &user.name, &lines);
                let token = notifications::unsubscribe_token(
                    conn,
                    &notifications::Unsubscribe::Kind {
                        user_id: user.id.clone(),
                        kind: notifications::DIGEST.into(),
                    },
                )?;
                let unsubscribe_url =
                    format!("{}/unsubscribe/{token}", base_url.trim_end_matches('/'));
                let stop = lang.t("mail-digest-stop");
                email
                    .text
                    .push_str(&format!("\n--\n{stop}: {unsubscribe_url}\n"));
                // The URL is the configured base URL plus hex and a dot: nothing to escape; the
                // words are escaped as any text.
                let stop_link = maud::html! { p { a href=(unsubscribe_url) { (stop) } } };
                email.html = email.html.replacen(
                    "</body>",
                    &format!("{}</body>", stop_link.into_string()),
                    1,
                );
                queued += outbox::enqueue(
                    conn,
                    &NewOutboxMessage {
                        id: &clock::new_id(),
                        event_key: &format!("digest:{}", ids.first().map_or("", String::as_str)),
                        recipient: &user.email,
                        kind: "digest",
                        subject: &email.subject,
                        body_text: &email.text,
                        body_html: &email.html,
                        next_attempt_at: now,
                        created_at: now,
                        list_unsubscribe: Some(&unsubscribe_url),
                    },
                )?;
            }
            pipeline::mark_digest_items_sent(conn, &ids, now)?;
        }
        pipeline::set_setting(conn, LAST_RUN, &clock::rfc3339(now))?;
        Ok::<_, ServiceError>(queued)
    })
}

/// Whether a day has passed since the last digest run (any instance's).
pub fn is_due(db: &mut Db) -> ServiceResult<bool> {
    let conn = db.conn()?;
    let last = pipeline::setting(conn, LAST_RUN)?;
    Ok(
        match last.and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok()) {
            Some(at) => clock::now() - at.naive_utc() >= chrono::Duration::hours(24),
            None => true,
        },
    )
}
