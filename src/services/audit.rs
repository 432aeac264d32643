//! The audit log: every moderator and product action, append-only.

use super::ServiceResult;
use super::account::Account;
use super::error::ServiceError;
use crate::db::models::moderation::{self, AuditEntry};
use crate::db::{Db, DbConnection};
use crate::domain::audit::ACTIONS;
use crate::domain::clock;
use crate::domain::ids::UserId;
use crate::domain::read::{Page, PastLastPage, offset_of, page_within};
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Text, has_control_characters};

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
    debug_assert!(
        ACTIONS.iter().any(|(known, _)| *known == action),
        "the audit filter lists every action; add \"{action}\" to audit::ACTIONS"
    );
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
    actor_id: Option<&UserId>,
    action: Option<&str>,
    page: i64,
    past_last_page: PastLastPage,
) -> ServiceResult<Page<AuditView>> {
    viewer.require(Permission::ViewAudit)?;
    for (field, value) in [("actor", actor_id.map(UserId::as_str)), ("action", action)] {
        if value.is_some_and(has_control_characters) {
            return Err(ServiceError::Validation(FieldErrors::single(
                field,
                Text::new("error-control-characters"),
            )));
        }
    }
    let conn = db.conn()?;
    let per_page = 50;
    let total = moderation::audit_count(conn, actor_id, action)?;
    let page = page_within(page.max(1), total, per_page, past_last_page)
        .map_err(|message| ServiceError::Validation(FieldErrors::single("page", message)))?;
    let items =
        moderation::audit_page(conn, actor_id, action, per_page, offset_of(page, per_page))?
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
            .collect();
    Ok(Page::exact(items, page, per_page, total))
}
