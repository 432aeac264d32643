//! What every handler shares: the pool, the config, the mail worker's wake-up bell.

use std::sync::Arc;

use actix_web::web;
use tokio::sync::Notify;

use crate::config::Config;
use crate::db::DbConnection;
use crate::db::pool::DbPool;
use crate::error::AppError;
use crate::web::page_cache::PageCache;
use crate::web::version_reads::VersionReads;

/// Application state, cloned into every worker.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub config: Arc<Config>,
    /// Rung after a request queued mail, so the worker sends it without waiting for its poll.
    pub mail_wake: Arc<Notify>,
    /// Rendered board pages for reuse while the content has not changed.
    pub pages: Arc<PageCache>,
    /// Content-version reads shared by concurrent requests.
    pub versions: Arc<VersionReads>,
}

impl AppState {
    /// Runs blocking database work on the blocking pool with one pooled connection.
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await?
    }

    /// Tells the mail worker there is mail to send.
    pub fn wake_mailer(&self) {
        self.mail_wake.notify_one();
    }
}
