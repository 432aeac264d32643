//! The audit log: every moderator and product action, append-only.

use super::ServiceResult;
use super::accounts::Account;
use crate::db::models::moderation::{self, AuditEntry};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::roles::Permission;

/// Appends one entry (call inside the action's own transaction).
pub fn record(
    conn: &mut DbConnection,
    actor: &Account,
    action: &str,
    subject_type: &str,
    subject_id: &str,
    subject_label: &str,
    reason: &str,
) -> ServiceResult<()> {
    moderation::append_audit(
        conn,
        &AuditEntry {
            id: clock::new_id(),
            actor_id: actor.id.clone(),
            action: action.to_string(),
            subject_type: subject_type.to_string(),
            subject_id: subject_id.to_string(),
            subject_label: subject_label.to_string(),
            reason: reason.to_string(),
            created_at: clock::now(),
        },
    )?;
    Ok(())
}

pub use crate::domain::read::AuditView;

/// A page of the log, newest first (moderators and admins).
pub fn list(
    db: &mut Db,
    viewer: &Account,
    actor_id: Option<&str>,
    action: Option<&str>,
    page: i64,
) -> ServiceResult<Vec<AuditView>> {
    let conn = db.conn()?;
    viewer.require(Permission::ViewAudit)?;
    let per_page = 50;
    Ok(moderation::audit_page(
        conn,
        actor_id,
        action,
        per_page,
        (page.max(1) - 1) * per_page,
    )?
    .into_iter()
    .map(|(e, name)| AuditView {
        actor_id: e.actor_id,
        actor: name,
        action: e.action,
        subject_type: e.subject_type,
        subject_id: e.subject_id,
        subject: e.subject_label,
        reason: e.reason,
        at: e.created_at,
    })
    .collect())
}
