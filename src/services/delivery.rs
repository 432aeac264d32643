//! Email delivery, for administrators: counts by state, the failed messages with their last
//! error, retry now, and a test email.

use serde::Serialize;

use super::ServiceResult;
use super::accounts::Account;
use crate::db::Db;
use crate::db::models::outbox;
use crate::domain::accounts::Email;
use crate::domain::roles::Permission;
use crate::domain::validation::FieldErrors;
use crate::domain::{clock, read::FailedMail};
use crate::services::error::ServiceError;

/// What the delivery page shows.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryReport {
    pub queued: i64,
    pub retrying: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub failures: Vec<FailedMail>,
}

pub fn report(db: &mut Db, actor: &Account) -> ServiceResult<DeliveryReport> {
    let conn = db.conn()?;
    actor.require(Permission::ViewMailDelivery)?;
    let counts: std::collections::HashMap<String, i64> =
        outbox::count_by_state(conn)?.into_iter().collect();
    let retrying = outbox::retrying_count(conn)?;
    let failures = outbox::in_state(conn, "failed", 100)?
        .into_iter()
        .map(|m| FailedMail {
            id: m.id,
            recipient: m.recipient,
            subject: m.subject,
            attempts: m.attempts,
            last_error: m.last_error.unwrap_or_default(),
            created_at: m.created_at,
        })
        .collect();
    let count = |state: &str| counts.get(state).copied().unwrap_or(0);
    Ok(DeliveryReport {
        queued: count("queued") - retrying,
        retrying,
        sending: count("sending"),
        sent: count("sent"),
        failed: count("failed"),
        failures,
    })
}

/// Puts a failed message back in the queue, due now.
pub fn retry(db: &mut Db, actor: &Account, id: &str) -> ServiceResult<()> {
    actor.require(Permission::ViewMailDelivery)?;
    let changed = db.write(|conn| {
        let changed = outbox::retry_now(conn, id, clock::now())?;
        if changed > 0 {
            super::audit::record(conn, actor, "retry_mail", "mail", id, id, "")?;
        }
        Ok::<_, ServiceError>(changed)
    })?;
    if changed == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// Queues a test email to `to`.
pub fn send_test(db: &mut Db, actor: &Account, to: &str) -> ServiceResult<()> {
    actor.require(Permission::ViewMailDelivery)?;
    let to =
        Email::parse(to).map_err(|m| ServiceError::Validation(FieldErrors::single("to", m)))?;
    let email =
        crate::mail::messages::test_email(crate::i18n::Lang::of_person(actor.locale.as_deref()));
    let id = clock::new_id();
    db.write(|conn| {
        super::mail_queue::queue_now(conn, &format!("test:{id}"), to.as_str(), "test", &email)?;
        super::audit::record(conn, actor, "test_mail", "mail", &id, to.as_str(), "")
    })
}
