//! The outbox worker: claims due messages under a lease in its own name, renews the lease while
//! it sends the batch, marks each sent (only while it still holds the lease), or retries with
//! exponential backoff until they end `failed`. It only sends mail; `jobs` runs the rest.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use tokio::sync::Notify;

use super::{Mailer, RenderedEmail, build_message};
use crate::db::models::outbox::{self, OutboxMessage};
use crate::db::{Database, DbError};
use crate::domain::clock;

/// Messages claimed per round.
const BATCH: i64 = 20;
/// The longest wait between two tries.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// What the worker needs.
#[derive(Clone)]
pub struct OutboxWorker {
    pub db: Database,
    pub mailer: Mailer,
    pub mail_from: String,
    pub host: String,
    pub poll_interval: Duration,
    pub retry_base: Duration,
    pub max_attempts: u32,
    /// How long a claimed message stays reserved for this worker without a renewal: a crashed
    /// instance's messages are taken over by another after this.
    pub lease: Duration,
    /// This instance's name on the leases it holds.
    pub instance: String,
    pub wake: Arc<Notify>,
}

/// The delay before try number `attempts + 1`, after `attempts` failures: base × 2^(attempts−1),
/// capped at an hour.
pub fn backoff(base: Duration, attempts: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
    base.saturating_mul(factor).min(MAX_BACKOFF)
}

impl OutboxWorker {
    /// Runs until the process ends: one round whenever woken or every poll interval.
    pub async fn run(self) {
        loop {
            match self.round().await {
                Ok(handled) if handled > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(error = format!("{error:#}"), "outbox round failed"),
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(self.poll_interval) => {}
            }
        }
    }

    /// Claims and handles one batch; returns how many messages it handled. The lease is renewed
    /// every third of its length while the batch is sent, so a slow batch is never taken over
    /// (and sent twice) by another instance, while a crashed one's is within one lease.
    pub async fn round(&self) -> Result<usize, DbError> {
        let lease = self.lease_length();
        let owner = self.instance.clone();
        let claimed: Vec<OutboxMessage> = self
            .db
            .run(move |db| {
                let now = clock::now();
                db.write(|conn| {
                    Ok::<_, DbError>(outbox::claim_due(conn, &owner, now, now + lease, BATCH)?)
                })
            })
            .await?;
        let count = claimed.len();
        if count == 0 {
            return Ok(0);
        }
        let ids = claimed.iter().map(|message| message.id.clone()).collect();
        let renewals = tokio::spawn(self.clone().renew_while_sending(ids));
        let mut delivered = Ok(());
        for message in claimed {
            delivered = match self.still_holds(&message.id).await {
                Ok(true) => self.deliver(message).await,
                Ok(false) => {
                    tracing::warn!(
                        outbox_id = %message.id,
                        "not sent: the lease lapsed and another instance may be sending it"
                    );
                    Ok(())
                }
                Err(error) => Err(error),
            };
            if delivered.is_err() {
                break;
            }
        }
        renewals.abort();
        delivered.map(|()| count)
    }

    fn lease_length(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.lease).unwrap_or(chrono::Duration::seconds(30))
    }

    /// Whether this instance still holds the lease on message `id`, checked right before it is
    /// sent: a lease that lapsed (a stalled instance) may already be another's.
    async fn still_holds(&self, id: &str) -> Result<bool, DbError> {
        let (id, owner) = (id.to_string(), self.instance.clone());
        self.db
            .run(move |db| Ok(outbox::holds_lease(db.conn()?, &id, &owner, clock::now())?))
            .await
    }

    /// Extends this instance's leases on the batch `ids` every third of a lease, until aborted.
    async fn renew_while_sending(self, ids: Vec<String>) {
        let every = self.lease / 3;
        let ids = std::sync::Arc::new(ids);
        loop {
            tokio::time::sleep(every).await;
            let (owner, lease, ids) = (self.instance.clone(), self.lease_length(), ids.clone());
            let renewed = self
                .db
                .run(move |db| {
                    let now = clock::now();
                    db.write(|conn| {
                        Ok::<_, DbError>(outbox::renew_leases(
                            conn,
                            &owner,
                            &ids,
                            now,
                            now + lease,
                        )?)
                    })
                })
                .await;
            if let Err(error) = renewed {
                tracing::warn!(%error, "could not renew the outbox lease");
            }
        }
    }

    async fn deliver(&self, message: OutboxMessage) -> Result<(), DbError> {
        let email = RenderedEmail {
            subject: message.subject.clone(),
            text: message.body_text.clone(),
            html: message.body_html.clone(),
        };
        let outcome = match build_message(
            &self.mail_from,
            &message.recipient,
            &message.id,
            &self.host,
            &email,
            message.list_unsubscribe.as_deref(),
        ) {
            Ok(mime) => self.mailer.send(mime).await,
            Err(error) => Err(error),
        };
        let attempts = u32::try_from(message.attempts)
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        let retry_at: Option<NaiveDateTime> = if attempts >= self.max_attempts {
            None
        } else {
            let delay = chrono::Duration::from_std(backoff(self.retry_base, attempts))
                .unwrap_or(chrono::Duration::hours(1));
            Some(clock::now() + delay)
        };
        match &outcome {
            Ok(()) => tracing::info!(outbox_id = %message.id, kind = %message.kind, "email sent"),
            Err(error) if retry_at.is_some() => {
                tracing::warn!(outbox_id = %message.id, attempts, %error, "email not sent; will retry")
            }
            Err(error) => {
                tracing::error!(outbox_id = %message.id, attempts, %error, "email failed for good")
            }
        }
        let owner = self.instance.clone();
        let id = message.id.clone();
        let recorded = self
            .db
            .run(move |db| {
                db.write(|conn| {
                    Ok::<_, DbError>(match outcome {
                        Ok(()) => outbox::mark_sent(
                            conn,
                            &message.id,
                            &owner,
                            &message.kind,
                            clock::now(),
                        )?,
                        Err(error) => outbox::mark_attempt_failed(
                            conn,
                            &message.id,
                            &owner,
                            &truncate(&error, 500),
                            retry_at,
                        )?,
                    })
                })
            })
            .await?;
        if recorded == 0 {
            tracing::warn!(
                outbox_id = %id,
                "the lease was lost: another instance has taken this message over"
            );
        }
        Ok(())
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps_at_an_hour() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(base, 1), Duration::from_secs(30));
        assert_eq!(backoff(base, 2), Duration::from_secs(60));
        assert_eq!(backoff(base, 3), Duration::from_secs(120));
        assert_eq!(backoff(base, 30), MAX_BACKOFF);
    }
}
