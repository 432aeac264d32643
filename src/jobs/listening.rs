//! Polling the listening posts' feeds: every half minute, claim the feeds due (one instance each),
//! fetch each through the guarded outbound client with its ETag and Last-Modified, and record
//! what came back — new entries, nothing new, or the failure that puts the next poll off.

use chrono::NaiveDateTime;
use reqwest::header::{IF_MODIFIED_SINCE, IF_NONE_MATCH};

use crate::db::models::listening::Feed;
use crate::domain::listening::{self, FEED_MAX_BYTES};
use crate::net::outbound::Outbound;
use crate::services::listening::{self as service, PollOutcome};
use crate::services::{Database, ServiceResult};

/// Polls every feed due at `now`; returns how many new entries they brought.
pub async fn poll_due(
    db: &Database,
    outbound: &Outbound,
    now: NaiveDateTime,
    base_url: &str,
) -> ServiceResult<usize> {
    let feeds = db.run(move |db| service::claim_due(db, now)).await?;
    let mut kept = 0;
    for feed in feeds {
        let outcome = fetch(outbound, &feed).await;
        if let PollOutcome::Failed(error) = &outcome {
            tracing::info!(feed_id = %feed.id, %error, "a feed could not be read");
        }
        let base_url = base_url.to_string();
        let feed_id = feed.id.clone();
        // One feed's trouble does not hold up the others claimed with it.
        match db
            .run(move |db| service::record(db, &feed, &outcome, (now, &base_url)))
            .await
        {
            Ok(new) => kept += new,
            Err(error) => tracing::warn!(%feed_id, %error, "a feed's poll could not be recorded"),
        }
    }
    Ok(kept)
}

/// Fetches `feed` politely: with the validators of its last answer, at most `FEED_MAX_BYTES`.
async fn fetch(outbound: &Outbound, feed: &Feed) -> PollOutcome {
    let Ok(url) = url::Url::parse(&feed.url) else {
        return PollOutcome::Failed("the URL cannot be read".into());
    };
    let mut headers = Vec::new();
    if let Some(etag) = &feed.etag {
        headers.push((IF_NONE_MATCH, etag.clone()));
    }
    if let Some(since) = &feed.last_modified {
        headers.push((IF_MODIFIED_SINCE, since.clone()));
    }
    match outbound.get(&url, &headers, FEED_MAX_BYTES).await {
        Ok(fetched) if fetched.not_modified => PollOutcome::NotModified,
        Ok(fetched) => match listening::parse(&fetched.body) {
            Ok(entries) => PollOutcome::Fetched {
                etag: fetched.etag,
                last_modified: fetched.last_modified,
                entries,
            },
            Err(error) => PollOutcome::Failed(error),
        },
        Err(error) => PollOutcome::Failed(error.to_string()),
    }
}
