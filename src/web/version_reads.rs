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
type SharedRead = watch::Sender<Option<Option<i64>>>;

#[derive(Default)]
pub struct VersionReads {
    queue: Mutex<ReadQueue>,
    /// Rung when a read finishes, for the shared read waiting to start.
    idle: Notify,
}

#[derive(Default)]
struct ReadQueue {
    /// The shared read that has not started yet (late arrivals join it).
    next: Option<Arc<SharedRead>>,
    /// Whether a read is in flight.
    reading: bool,
}

impl VersionReads {
    /// The content version, read after this call began.
    pub async fn current(self: &Arc<Self>, db: &Database) -> Result<i64, AppError> {
        let (shared, starts_read) = {
            let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
            match &queue.next {
                Some(shared) => (shared.clone(), false),
                None => {
                    let shared = Arc::new(watch::channel(None).0);
                    queue.next = Some(shared.clone());
                    (shared, true)
                }
            }
        };
        let mut answer = shared.subscribe();
        if starts_read {
            // Detached, so a visitor who goes away cannot leave the others waiting.
            actix_web::rt::spawn(self.clone().run_read(db.clone(), shared));
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

    /// Waits until no read is in flight, then reads the version for everyone waiting on `shared`.
    async fn run_read(self: Arc<Self>, db: Database, shared: Arc<SharedRead>) {
        loop {
            {
                let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
                if !queue.reading {
                    queue.reading = true;
                    queue.next = None;
                    break;
                }
            }
            self.idle.notified().await;
        }
        let version: Result<i64, ServiceError> = db.run(board::content_version).await;
        if let Err(error) = &version {
            tracing::warn!(%error, "reading the content version failed");
        }
        self.queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .reading = false;
        self.idle.notify_one();
        shared.send_replace(Some(version.ok()));
    }
}
