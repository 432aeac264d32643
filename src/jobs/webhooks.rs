//! The webhook worker: claims due deliveries under a lease in its instance's name, signs each
//! (`X-Ideaboard-Timestamp`, `X-Ideaboard-Signature`), POSTs it through the guarded outbound
//! client, and records the status code and duration; a failure is retried with the outbox's
//! backoff for 25 hours (`services::webhooks::next_try_at`). The deliveries of a round are sent
//! at once. Never runs in a request handler.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::HeaderName;
use tokio::sync::Notify;

use crate::domain::clock;
use crate::domain::webhooks::signature;
use crate::net::outbound::{FetchError, Outbound};
use crate::services::webhooks::{self, Claimed, Try};
use crate::services::{Database, ServiceResult};

/// Deliveries claimed per round.
const BATCH: i64 = 5;
/// The shortest lease on a batch: each of its deliveries may take the outbound client's whole
/// request timeout (15 s), and a lease must not lapse while the batch is still being sent.
const MIN_LEASE: Duration = Duration::from_secs(100);

/// What the worker needs.
#[derive(Clone)]
pub struct WebhookWorker {
    pub db: Database,
    /// The client whose guard refuses private addresses unless `WEBHOOKS_ALLOW_PRIVATE=on`.
    pub outbound: Outbound,
    pub base_url: String,
    pub poll_interval: Duration,
    pub retry_base: Duration,
    /// How long a claimed delivery stays this instance's without being sent (at least
    /// `MIN_LEASE`); a crashed instance's deliveries are taken over after it.
    pub lease: Duration,
    pub instance: String,
    pub wake: Arc<Notify>,
}

impl WebhookWorker {
    /// Runs until the process ends: a round whenever woken or every poll interval.
    pub async fn run(self) {
        loop {
            match self.round().await {
                Ok(handled) if handled > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "webhook round failed"),
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(self.poll_interval) => {}
            }
        }
    }

    /// Claims and sends one batch; how many deliveries it handled.
    pub async fn round(&self) -> ServiceResult<usize> {
        let (owner, lease) = (self.instance.clone(), self.lease());
        let claimed = self
            .db
            .run(move |db| webhooks::claim(db, &owner, lease, BATCH))
            .await?;
        let count = claimed.len();
        // At once, so one slow receiver does not hold up the others.
        let sent = claimed
            .into_iter()
            .map(|delivery| self.send_if_held(delivery));
        for outcome in futures_util::future::join_all(sent).await {
            outcome?;
        }
        Ok(count)
    }

    /// Sends `delivery` unless this instance's lease on it lapsed meanwhile.
    async fn send_if_held(&self, delivery: Claimed) -> ServiceResult<()> {
        let (id, owner) = (delivery.delivery.id.clone(), self.instance.clone());
        let held = self
            .db
            .run(move |db| webhooks::still_holds(db, &id, &owner))
            .await?;
        if held {
            self.send(delivery).await?;
        }
        Ok(())
    }

    fn lease(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.lease.max(MIN_LEASE))
            .unwrap_or(chrono::Duration::seconds(100))
    }

    async fn send(&self, claimed: Claimed) -> ServiceResult<()> {
        let Claimed {
            delivery,
            url,
            secret,
        } = claimed;
        let timestamp = clock::now().and_utc().timestamp();
        let headers: Vec<(HeaderName, String)> = vec![
            (header("x-ideaboard-event"), delivery.event.clone()),
            (header("x-ideaboard-delivery"), delivery.id.clone()),
            (header("x-ideaboard-timestamp"), timestamp.to_string()),
            (
                header("x-ideaboard-signature"),
                signature(&secret, timestamp, &delivery.body),
            ),
        ];
        let started = Instant::now();
        let answer = match url::Url::parse(&url) {
            Ok(url) => {
                self.outbound
                    .post_json(&url, &headers, delivery.body.clone())
                    .await
            }
            Err(_) => Err(FetchError::Refused("the stored URL does not parse".into())),
        };
        let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
        let (status, error) = match &answer {
            Ok(status) => (Some(i32::from(*status)), None),
            Err(FetchError::Status(status)) => {
                (Some(i32::from(*status)), Some(format!("answered {status}")))
            }
            Err(other) => (None, Some(other.to_string().chars().take(500).collect())),
        };
        let attempts = u32::try_from(delivery.attempts)
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        let retry_at = webhooks::next_try_at(self.retry_base, attempts, delivery.created_at);
        match &error {
            None => tracing::info!(delivery = %delivery.id, duration_ms, "webhook delivered"),
            Some(error) => {
                tracing::warn!(delivery = %delivery.id, attempts, %error, "webhook not delivered")
            }
        }
        let (owner, base_url) = (self.instance.clone(), self.base_url.clone());
        let recorded = self
            .db
            .run(move |db| {
                let outcome = Try {
                    status,
                    duration_ms,
                    error: error.as_deref(),
                };
                webhooks::record(db, &owner, &delivery, &outcome, retry_at, &base_url)
            })
            .await?;
        if !recorded {
            tracing::warn!("a webhook delivery's lease was lost to another instance");
        }
        Ok(())
    }
}

fn header(name: &'static str) -> HeaderName {
    HeaderName::from_static(name)
}
