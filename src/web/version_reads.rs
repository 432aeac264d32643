//! Reads of the content version shared by concurrent requests. A request joins the next read
//! that has not started yet, so the value it gets was read after it arrived: as exact as reading
//! it alone, with one query (and one trip to the blocking pool) for all who arrived meanwhile.
//! At most one read is in flight; those who arrive during it share the one after.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{Notify, watch};

use crate::services::Database;
use crate::services::board;
use crate::services::error::ServiceError;
use crate::web::error::AppError;

/// A read that those who wait for it share: `None` until done, then the version (or `None` inside
/// if the read failed, and each reader then reads for itself to see the error).
type Round = watch::Sender<Option<Option<i64>>>;

#[derive(Default)]
pub struct VersionReads {
    rounds: Mutex<Rounds>,
    /// Rung when a read finishes, for the round waiting to start.
    idle: Notify,
}

#[derive(Default)]
struct Rounds {
    /// The round that has not started its read yet.
    next: Option<Arc<Round>>,
    /// Whether a read is in flight.
    reading: bool,
}

impl VersionReads {
    /// The content version, read after this call began.
    pub async fn current(self: &Arc<Self>, db: &Database) -> Result<i64, AppError> {
        let (round, lead) = {
            let mut rounds = self.rounds.lock().unwrap_or_else(PoisonError::into_inner);
            match &rounds.next {
                Some(round) => (round.clone(), false),
                None => {
                    let round = Arc::new(watch::channel(None).0);
                    rounds.next = Some(round.clone());
                    (round, true)
                }
            }
        };
        let mut answer = round.subscribe();
        if lead {
            // Detached, so a visitor who goes away cannot leave the others waiting.
            actix_web::rt::spawn(self.clone().read(db.clone(), round));
        }
        let read = answer
            .wait_for(Option::is_some)
            .await
            .ok()
            .and_then(|value| value.flatten());
        match read {
            Some(version) => Ok(version),
            None => Ok(db.run(board::content_version).await?),
        }
    }

    /// Waits until no read is in flight, starts this round's, and tells its readers.
    async fn read(self: Arc<Self>, db: Database, round: Arc<Round>) {
        loop {
            {
                let mut rounds = self.rounds.lock().unwrap_or_else(PoisonError::into_inner);
                if !rounds.reading {
                    rounds.reading = true;
                    rounds.next = None;
                    break;
                }
            }
            self.idle.notified().await;
        }
        let version: Result<i64, ServiceError> = db.run(board::content_version).await;
        if let Err(error) = &version {
            tracing::warn!(%error, "reading the content version failed");
        }
        self.rounds
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .reading = false;
        self.idle.notify_one();
        round.send_replace(Some(version.ok()));
    }
}
