//! Queuing one email to one recipient in the caller's transaction, to be sent by the outbox
//! worker once that transaction commits.

use super::ServiceResult;
use crate::db::DbConnection;
use crate::db::models::outbox::{self, NewOutboxMessage};
use crate::domain::clock;
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
