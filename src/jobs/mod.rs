//! Periodic work, on one schedule: auto-archive, alerts to areas' owners, storm sessions'
//! openings announced, the weekly summary,
//! daily digests, planner statistics and purges of
//! expired rows and old webhook deliveries every minute; the listening posts' feeds every half minute (`listening`); SQLite
//! WAL checkpoints whenever the writers have filled the log.
//! Jobs call services; singleton jobs take their lock inside the service, through `db::locks`.

pub mod listening;
pub mod webhooks;

use std::time::Duration;

use crate::services::{self, Backend, Database, Db, ServiceResult};

/// How often the minute jobs run (the first run is one period after start).
const EVERY: Duration = Duration::from_secs(60);
/// How often the feeds due are looked for.
const FEEDS_EVERY: Duration = Duration::from_secs(30);

/// What the scheduled jobs need to know.
#[derive(Clone)]
pub struct Jobs {
    pub db: Database,
    /// For links in digest and status emails.
    pub base_url: String,
    /// Auto-archive policy (`ARCHIVE_AFTER_DAYS`), off when `None`.
    pub archive_after_days: Option<u32>,
    /// The response target and review threshold the areas' owners are alerted by.
    pub response: crate::domain::response::ResponsePolicy,
    /// The guarded client the listening posts' feeds are fetched with.
    pub outbound: crate::net::outbound::Outbound,
}

impl Jobs {
    /// Starts every job on the current Tokio runtime; they run until the process ends.
    pub fn spawn(self) {
        if self.db.backend() == Backend::Sqlite {
            tokio::spawn(checkpoint_wal(self.db.clone()));
        }
        tokio::spawn(self.clone().poll_feeds());
        tokio::spawn(self.every_minute());
    }

    async fn poll_feeds(self) {
        // The first poll is one period after start, not while the server is still warming up.
        let mut ticks =
            tokio::time::interval_at(tokio::time::Instant::now() + FEEDS_EVERY, FEEDS_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let now = crate::domain::clock::now();
            match listening::poll_due(&self.db, &self.outbound, now, &self.base_url).await {
                Ok(0) => {}
                Ok(kept) => tracing::info!(kept, "new entries from the listening posts"),
                Err(error) => tracing::warn!(%error, "polling the listening posts failed"),
            }
        }
    }

    async fn every_minute(self) {
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + EVERY, EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let jobs = self.clone();
            if let Err(error) = self.db.run(move |db| jobs.minute_round(db)).await {
                tracing::warn!(%error, "scheduled jobs failed");
            }
        }
    }

    /// One round of the minute jobs; each is its own transaction.
    pub fn minute_round(&self, db: &mut Db) -> ServiceResult<()> {
        if let Some(days) = self.archive_after_days {
            let archived = services::pipeline::auto_archive(db, days, &self.base_url)?;
            if archived > 0 {
                tracing::info!(archived, "ideas archived automatically");
            }
        }
        // A failing alert or summary must not hold up the digests and the upkeep below.
        let now = crate::domain::clock::now();
        match services::area_alerts::send_due(db, self.response, now, &self.base_url) {
            Ok(0) => {}
            Ok(alerted) => tracing::info!(alerted, "areas' owners alerted"),
            Err(error) => tracing::warn!(%error, "alerting areas' owners failed"),
        }
        match services::storm_mail::announce_opened(db, now, &self.base_url) {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "storm sessions' openings announced"),
            Err(error) => tracing::warn!(%error, "announcing storm sessions failed"),
        }
        match services::weekly_summary::send_due(db, self.response, now, &self.base_url) {
            Ok(0) => {}
            Ok(summaries) => tracing::info!(summaries, "weekly summaries queued"),
            Err(error) => tracing::warn!(%error, "the weekly summary failed"),
        }
        if services::digest::is_due(db)? {
            let queued = services::digest::send_due(db, &self.base_url)?;
            tracing::info!(queued, "daily digests queued");
        }
        services::maintenance::refresh_statistics(db)?;
        let folded = services::maintenance::fold_activity_shards(db, now.date())?;
        let sessions = services::sessions::purge_expired(db)?;
        let windows = services::rate_limits::purge_old(db)?;
        let registrations = services::registration::purge_expired(db)?;
        let sign_ins = services::sign_in::purge_expired(db)?;
        let deliveries = services::webhooks::purge_old(db)?;
        tracing::debug!(
            sessions,
            windows,
            registrations,
            sign_ins,
            deliveries,
            folded,
            "swept expired rows"
        );
        Ok(())
    }
}

/// Copies SQLite's WAL back into the database file each time the writers ask for it.
async fn checkpoint_wal(db: Database) {
    loop {
        db.checkpoint_wanted().await;
        let database = db.clone();
        let done = tokio::task::spawn_blocking(move || database.checkpoint_wal()).await;
        match done {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::debug!(%error, "WAL checkpoint failed"),
            Err(error) => tracing::debug!(%error, "WAL checkpoint task failed"),
        }
    }
}
