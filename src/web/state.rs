//! What every handler shares: the database, the config, the mail and webhook workers' wake-up
//! bells, the page cache.

use std::sync::Arc;

use tokio::sync::Notify;

use crate::config::Config;
use crate::domain::clock::Clock;
use crate::domain::secrets::SigningKey;
use crate::services::error::ServiceError;
use crate::services::{Database, Db};
use crate::web::page_cache::PageCache;
use crate::web::version_reads::VersionReads;

/// Application state, cloned into every worker.
#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub config: Arc<Config>,
    /// Rung after a request queued mail, so the worker sends it without waiting for its poll.
    pub mail_wake: Arc<Notify>,
    /// Rung with the mail bell: the webhook worker sends what the request queued.
    pub webhook_wake: Arc<Notify>,
    /// Rendered board pages for reuse while the content has not changed.
    pub pages: Arc<PageCache>,
    /// Content-version reads shared by concurrent requests.
    pub versions: Arc<VersionReads>,
    /// The time pages are rendered at and kept pages are checked against.
    pub clock: Clock,
    /// Signs the form tokens of visitors who have no session (no row is written for them).
    pub form_key: SigningKey,
    /// The board's promise line, worked out at most once a minute.
    pub promise: Arc<crate::web::promise::PromiseCache>,
    /// The board's filter choices, banner and counter, kept per content version.
    pub choices: Arc<crate::services::board_choices::ChoicesCache>,
    /// The guarded client for outbound HTTP (vetting feed URLs as they are added).
    pub outbound: crate::net::outbound::Outbound,
    /// The guarded client for webhook URLs as they are registered (`WEBHOOKS_ALLOW_PRIVATE`).
    pub webhook_outbound: crate::net::outbound::Outbound,
    /// The identity providers' client (`OIDC_ALLOW_PRIVATE`), discovery kept.
    pub openid: Arc<crate::net::openid::OpenId>,
}

impl AppState {
    /// Runs a service call on the blocking pool with this request's access to the database.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ServiceError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db) -> Result<T, ServiceError> + Send + 'static,
    {
        self.db.run(work).await
    }

    /// How people may sign in here, as the log-in page shows it.
    pub fn sign_in_ways(&self) -> crate::views::pages::sign_in::Ways {
        let sign_in = &self.config.sign_in;
        crate::views::pages::sign_in::Ways {
            providers: sign_in
                .providers
                .iter()
                .map(|p| crate::views::pages::sign_in::ProviderButton {
                    key: p.key.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            password: sign_in.password_login,
        }
    }

    /// How a vote counts here: the ranking's half-life and the review threshold webhooks hear of.
    pub fn vote_rules(&self) -> crate::services::votes::VoteRules {
        crate::services::votes::VoteRules {
            half_life: self.config.rank_half_life,
            threshold: Some((
                i64::from(self.config.response.review_threshold_points),
                self.config.base_url.to_string(),
            )),
        }
    }

    /// Tells the mail and webhook workers there may be something to send.
    pub fn wake_senders(&self) {
        self.mail_wake.notify_one();
        self.webhook_wake.notify_one();
    }
}
