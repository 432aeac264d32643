//! Reads of the pipeline's statuses and of an idea's status history, shared by the idea page
//! and the pipeline's use cases (on a connection, inside their reads or transactions).

use super::ServiceResult;
use crate::db::DbConnection;
use crate::db::models::{pipeline, statuses};
use crate::domain::ids::{IdeaId, StatusId};
use crate::domain::local_names::LocalNames;
use crate::domain::read::{StatusChange, StatusView};
use crate::domain::roles::Role;

/// The statuses, read on a connection (inside another use case's transaction).
pub fn statuses_in(conn: &mut DbConnection) -> ServiceResult<Vec<StatusView>> {
    Ok(statuses::list(conn)?
        .into_iter()
        .map(|s| StatusView {
            slug: s.slug,
            name: s.name,
            names: LocalNames::from_stored(&s.names),
            color: s.color,
            position: s.position,
            kind: s.kind,
            on_roadmap: s.on_roadmap,
            voting_frozen: s.voting_frozen,
            retired: s.retired_at.is_some(),
        })
        .collect())
}

/// An idea's status history, oldest first.
pub fn history(conn: &mut DbConnection, idea_id: &IdeaId) -> ServiceResult<Vec<StatusChange>> {
    let names: std::collections::HashMap<StatusId, (String, String, LocalNames)> =
        statuses::list(conn)?
            .into_iter()
            .map(|s| (s.id, (s.slug, s.name, LocalNames::from_stored(&s.names))))
            .collect();
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    Ok(pipeline::history(conn, idea_id)?
        .into_iter()
        .map(|(from, to, note, note_html, by, by_role, at)| {
            let (from, from_name, _) = name(&from);
            let (to, to_name, to_names) = name(&to);
            StatusChange {
                from,
                to,
                from_name,
                to_name,
                to_names,
                note,
                note_html,
                by: by.unwrap_or_else(|| "Ideaboard".into()),
                by_role: by_role.as_deref().map(Role::from_stored),
                at,
            }
        })
        .collect())
}
