//! The staff's landing pages (`/mod`, `/admin`): what waits for them, counted, with only the
//! parts the person may act on.

use super::ServiceResult;
use super::accounts::Account;
use crate::db::Db;
use crate::db::models::{moderation as moderation_rows, pipeline as pipeline_rows, statuses};
use crate::domain::local_names::LocalNames;
use crate::domain::read::{MailCounts, StaffSummary, WaitingIdeas};
use crate::domain::roles::Permission;
use crate::services::delivery;

/// Which landing page: `/mod` (moderators and admins) or `/admin` (admins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffPage {
    Moderation,
    Administration,
}

/// The summary for `actor` on `page`; 403 for anyone the page is not for.
pub fn summary(db: &mut Db, actor: &Account, page: StaffPage) -> ServiceResult<StaffSummary> {
    actor.require(match page {
        StaffPage::Moderation => Permission::ReviewFlags,
        StaffPage::Administration => Permission::ManageRoles,
    })?;
    let may = |permission| actor.require(permission).is_ok();
    let flagged = if may(Permission::ReviewFlags) {
        Some(moderation_rows::flagged_targets(db.conn()?)?)
    } else {
        None
    };
    let mail = if may(Permission::ViewMailDelivery) {
        let report = delivery::report(db, actor)?;
        Some(MailCounts {
            queued: report.queued,
            retrying: report.retrying,
            failed: report.failed,
        })
    } else {
        None
    };
    let conn = db.conn()?;
    let counts: std::collections::HashMap<_, i64> =
        pipeline_rows::counts_by_status(conn)?.into_iter().collect();
    let waiting = statuses::list(conn)?
        .into_iter()
        .filter(|s| s.kind == "open" && s.retired_at.is_none())
        .map(|s| WaitingIdeas {
            count: counts.get(&s.id).copied().unwrap_or(0),
            names: LocalNames::from_stored(&s.names),
            slug: s.slug,
            name: s.name,
        })
        .collect();
    Ok(StaffSummary {
        flagged,
        waiting,
        mail,
    })
}
