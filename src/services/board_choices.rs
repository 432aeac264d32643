//! What every board page shows besides its ideas: the statuses, tags and areas its filters offer,
//! the banner of open storm sessions and the count of ideas implemented. Read together, and kept
//! per content version (`ChoicesCache`) so that the board's fresh reads share one read of them.

use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;

use super::ServiceResult;
use crate::db::Db;
use crate::db::models::{statuses, tags};
use crate::domain::local_names::LocalNames;
use crate::domain::read::{Choice, FilterChoices};

/// The statuses (in pipeline order, retired ones left out), tags and areas offered as board
/// filters, the storm sessions open at `now` and the count of ideas implemented.
pub fn filter_choices(db: &mut Db, now: NaiveDateTime) -> ServiceResult<FilterChoices> {
    let (open_storms, storms_change_at) = super::storms::banner(db, now)?;
    let implemented = super::changelog::implemented(db)?;
    let conn = db.conn()?;
    let statuses = statuses::list(conn)?
        .into_iter()
        .filter(|s| s.retired_at.is_none())
        .map(|s| Choice {
            names: LocalNames::from_stored(&s.names),
            slug: s.slug,
            name: s.name,
        })
        .collect();
    let tags = tags::list(conn)?
        .into_iter()
        .map(|t| Choice {
            names: LocalNames::from_stored(&t.names),
            slug: t.slug,
            name: t.name,
        })
        .collect();
    Ok(FilterChoices {
        statuses,
        tags,
        areas: super::areas::choices_on(conn)?,
        open_storms,
        storms_change_at,
        implemented: (implemented.ideas, implemented.since),
    })
}

/// The choices last read, with the content version they were read at (after it, so they show
/// every change it counts). They serve a read at the same version until a storm session opens or
/// closes; each server keeps its own, and the version comes from the database, so instances never
/// serve each other stale ones.
#[derive(Debug, Default)]
pub struct ChoicesCache {
    kept: Mutex<Option<(i64, Arc<FilterChoices>)>>,
}

impl ChoicesCache {
    /// The choices at `version` (read at most once per version and banner change).
    pub fn read(
        &self,
        db: &mut Db,
        version: i64,
        now: NaiveDateTime,
    ) -> ServiceResult<Arc<FilterChoices>> {
        if let Some(kept) = self.at(version, now) {
            return Ok(kept);
        }
        let read = Arc::new(filter_choices(db, now)?);
        if let Ok(mut kept) = self.kept.lock() {
            *kept = Some((version, read.clone()));
        }
        Ok(read)
    }

    fn at(&self, version: i64, now: NaiveDateTime) -> Option<Arc<FilterChoices>> {
        let kept = self.kept.lock().ok()?;
        let (read_at, choices) = kept.as_ref()?;
        let banner_holds = choices.storms_change_at.is_none_or(|at| now < at);
        (*read_at == version && banner_holds).then(|| choices.clone())
    }
}
