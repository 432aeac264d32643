//! The `area_alerts` table: which alerts areas' owners were sent about which idea, and the live
//! ideas now due one (each alert once per idea and area).

use chrono::NaiveDateTime;
use diesel::dsl::{exists, not};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::ideas::Idea;
use crate::db::schema::{area_alerts, ideas};
use crate::domain::ids::{AreaId, IdeaId};

/// The alerts, by the name each is stored and written under.
pub const NEW: &str = "new";
pub const THRESHOLD: &str = "threshold";
pub const PAST_TARGET: &str = "past_target";

/// At most this many ideas of each alert per run of the job.
const ALERTS_PER_RUN: i64 = 200;

/// Live ideas in an area that have not had the alert `kind` for that area, with `extra`
/// conditions, oldest first.
macro_rules! due {
    ($conn:expr, $kind:expr, $extra:expr) => {
        ideas::table
            .filter(ideas::merged_into_id.is_null())
            .filter(ideas::hidden_at.is_null())
            .filter(ideas::area_id.is_not_null())
            .filter($extra)
            .filter(not(exists(
                area_alerts::table
                    .filter(area_alerts::idea_id.eq(ideas::id))
                    .filter(area_alerts::kind.eq($kind))
                    .filter(ideas::area_id.eq(area_alerts::area_id.nullable())),
            )))
            .order((ideas::created_at.asc(), ideas::id.asc()))
            .select(Idea::as_select())
            // A bounded transaction; the rest are sent in the next minutes.
            .limit(ALERTS_PER_RUN)
            .load($conn)
    };
}

/// Ideas submitted since `since` (new in their area).
pub fn due_new(conn: &mut DbConnection, since: NaiveDateTime) -> QueryResult<Vec<Idea>> {
    due!(conn, NEW, ideas::created_at.ge(since))
}

/// Unanswered ideas with at least `score` net promotes.
pub fn due_threshold(conn: &mut DbConnection, score: i64) -> QueryResult<Vec<Idea>> {
    due!(
        conn,
        THRESHOLD,
        ideas::first_response_at
            .is_null()
            .and(ideas::score.ge(score))
    )
}

/// Unanswered ideas submitted from `from` to before `before` (past the target recently).
pub fn due_past_target(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    before: NaiveDateTime,
) -> QueryResult<Vec<Idea>> {
    due!(
        conn,
        PAST_TARGET,
        ideas::first_response_at
            .is_null()
            .and(ideas::created_at.ge(from))
            .and(ideas::created_at.lt(before))
    )
}

/// Records that the alert `kind` about `idea_id` in `area_id` was sent.
pub fn record(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    kind: &str,
    area_id: &AreaId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(area_alerts::table)
        .values((
            area_alerts::idea_id.eq(idea_id),
            area_alerts::kind.eq(kind),
            area_alerts::area_id.eq(area_id),
            area_alerts::sent_at.eq(at),
        ))
        .execute(conn)
}
