//! Rising ideas from the kept points per idea and week (a vote counts in the week it was last
//! cast, as the trending order counts it) (`idea_weeks`, migration `000027_rising`):
//! the ideas whose points grew most over a run of weeks, found without summing every idea. Each
//! week's ideas are walked best first (`idea_weeks_rank`) a few at a time; the ideas seen have
//! their sums over the weeks read whole; an idea not yet seen gained at most, in each week, what
//! that week's last one seen gained (nothing once a week is walked to its end), so when the last
//! of the best sums is at least the sum of those bounds, no unseen idea can beat it (Fagin's
//! threshold algorithm). It is recounted by `rerank` and compared by `check`.

use std::collections::{BTreeMap, HashSet};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::idea_weeks;
use crate::domain::ids::IdeaId;

/// How far each week is walked at first; every further round walks four times as far.
const FIRST_DEPTH: i64 = 20;

/// The at most `limit` ideas whose points grew most in the weeks from `first` to `last`
/// (Mondays, 'YYYY-MM-DD'), with what they gained (net promotes), most first; only gains above
/// zero count.
pub fn rising(
    conn: &mut DbConnection,
    weeks: &[String],
    limit: usize,
) -> QueryResult<Vec<(IdeaId, i64)>> {
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return Ok(Vec::new());
    };
    let mut depth = FIRST_DEPTH;
    loop {
        let mut seen: HashSet<IdeaId> = HashSet::new();
        let mut bound = 0;
        let mut walked_out = true;
        for week in weeks {
            let best: Vec<(IdeaId, i64)> = idea_weeks::table
                .filter(idea_weeks::week.eq(week))
                .order((idea_weeks::points.desc(), idea_weeks::idea_id.asc()))
                .select((idea_weeks::idea_id, idea_weeks::points))
                .limit(depth)
                .load(conn)?;
            if best.len() as i64 == depth {
                walked_out = false;
                bound += best.last().map_or(0, |(_, points)| (*points).max(0));
            }
            seen.extend(best.into_iter().map(|(id, _)| id));
        }
        let sums = sums_of(conn, &seen, first, last)?;
        let mut best: Vec<(IdeaId, i64)> = sums.into_iter().filter(|(_, p)| *p > 0).collect();
        best.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        best.truncate(limit);
        let settled = best.len() == limit && best.last().is_some_and(|(_, p)| *p >= bound);
        if walked_out || settled || bound == 0 {
            return Ok(best);
        }
        depth *= 4;
    }
}

/// The points each of `ideas` gained from week `first` to week `last`.
fn sums_of(
    conn: &mut DbConnection,
    ideas: &HashSet<IdeaId>,
    first: &str,
    last: &str,
) -> QueryResult<BTreeMap<IdeaId, i64>> {
    let ids: Vec<&IdeaId> = ideas.iter().collect();
    let mut sums: BTreeMap<IdeaId, i64> = BTreeMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(IdeaId, i64)> = idea_weeks::table
            .filter(idea_weeks::idea_id.eq_any(chunk.iter().copied()))
            .filter(idea_weeks::week.ge(first))
            .filter(idea_weeks::week.le(last))
            .select((idea_weeks::idea_id, idea_weeks::points))
            .load(conn)?;
        for (id, points) in rows {
            *sums.entry(id).or_default() += points;
        }
    }
    Ok(sums)
}

/// The recount from the votes: (idea, week, points).
fn recount_select(conn: &DbConnection) -> &'static str {
    match conn {
        DbConnection::Postgres(_) => {
            "SELECT idea_id, activity_week(updated_at) AS week, SUM(value) AS points \
             FROM votes GROUP BY 1, 2"
        }
        DbConnection::Sqlite(_) => {
            "SELECT idea_id, date(updated_at, 'weekday 0', '-6 days') AS week, SUM(value) AS points \
             FROM votes GROUP BY 1, 2"
        }
    }
}

/// Sets the kept points to a recount from the votes, in the caller's transaction.
pub fn recount(conn: &mut DbConnection) -> QueryResult<()> {
    let select = recount_select(conn);
    conn.batch_execute(&format!(
        "DELETE FROM idea_weeks; INSERT INTO idea_weeks (idea_id, week, points) {select};"
    ))
}

/// The kept rows that differ from a recount (zero-point rows left by withdrawn votes aside), as
/// (what, stored, counted); empty when exact.
pub fn drift(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64, i64)>> {
    let select = recount_select(conn);
    let kept = "SELECT idea_id, week, points FROM idea_weeks WHERE points <> 0";
    let counted = format!("SELECT * FROM ({select}) AS r WHERE points <> 0");
    super::totals::rows_differing(conn, "idea weeks rows differing", kept, &counted)
}
