//! The board's public promise ("We answer within 7 days — median 2.3 days over the last 90
//! days"), worked out at most once a minute per server and shared by every board page, so the
//! busiest page does not sum response times on every read.

use std::sync::Mutex;

use chrono::{Duration, NaiveDateTime};

use crate::services::insights::{self, Promise};
use crate::web::state::AppState;

/// How long a worked-out promise is shown before it is worked out again.
const FRESH_FOR: Duration = Duration::minutes(1);

/// The last promise worked out, and when.
#[derive(Debug, Default)]
pub struct PromiseCache {
    kept: Mutex<Option<(NaiveDateTime, Promise)>>,
}

impl PromiseCache {
    fn fresh(&self, now: NaiveDateTime) -> Option<Promise> {
        let kept = *self.kept.lock().ok()?;
        kept.filter(|(at, _)| now - *at < FRESH_FOR && at.date() == now.date())
            .map(|(_, promise)| promise)
    }

    /// The promise now; none (and the cause logged) when it cannot be worked out.
    pub async fn current(state: &AppState) -> Option<Promise> {
        let now = state.clock.now();
        if let Some(promise) = state.promise.fresh(now) {
            return Some(promise);
        }
        let policy = state.config.response;
        match state
            .run(move |db| insights::promise(db, policy, now))
            .await
        {
            Ok(promise) => {
                if let Ok(mut kept) = state.promise.kept.lock() {
                    *kept = Some((now, promise));
                }
                Some(promise)
            }
            Err(error) => {
                tracing::warn!(%error, "the board's promise could not be worked out");
                None
            }
        }
    }
}
