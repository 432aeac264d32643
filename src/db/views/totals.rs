//! The trigger-kept totals of live ideas per status and per tag (`idea_counts`, `tag_counts`),
//! which the board's counts read: compared with a recount for `ideaboard check`, and set from one
//! by `ideaboard rerank` and after a bulk load.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::DbConnection;
use crate::db::schema::{idea_counts, statuses, tag_counts, tags};

/// The stored totals next to a recount from the rows, for `ideaboard check`: (what, stored,
/// counted) for every status and tag, and every kept table. Read in one snapshot (a read
/// transaction; on PostgreSQL a repeatable one), so that a change landing between reading a
/// table and recounting it is not taken for drift.
pub fn totals_and_recount(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64, i64)>> {
    conn.transaction(|conn| {
        if let DbConnection::Postgres(_) = conn {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(conn)?;
        }
        compared(conn)
    })
}

fn compared(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64, i64)>> {
    let statuses: Vec<(String, Option<i64>, i64)> = statuses::table
        .left_join(idea_counts::table.on(idea_counts::status_id.eq(statuses::id)))
        .select((
            statuses::slug,
            idea_counts::live.nullable(),
            sql::<BigInt>(
                "(SELECT COUNT(*) FROM ideas i WHERE i.status_id = statuses.id \
                 AND i.merged_into_id IS NULL AND i.hidden_at IS NULL)",
            ),
        ))
        .load(conn)?;
    let tags: Vec<(String, Option<i64>, i64)> = tags::table
        .left_join(tag_counts::table.on(tag_counts::tag_id.eq(tags::id)))
        .select((
            tags::slug,
            tag_counts::live.nullable(),
            sql::<BigInt>(
                "(SELECT COUNT(*) FROM idea_tags it JOIN ideas i ON i.id = it.idea_id \
                 WHERE it.tag_id = tags.id AND i.merged_into_id IS NULL AND i.hidden_at IS NULL)",
            ),
        ))
        .load(conn)?;
    let mut responses = super::response_stats::drift(conn)?;
    responses.extend(super::activity::drift(conn)?);
    responses.extend(super::funnel::drift(conn)?);
    responses.extend(super::funnel::action_drift(conn)?);
    responses.extend(super::rising::drift(conn)?);
    Ok(statuses
        .into_iter()
        .map(|(slug, stored, counted)| (format!("status {slug}"), stored.unwrap_or(-1), counted))
        .chain(
            tags.into_iter().map(|(slug, stored, counted)| {
                (format!("tag {slug}"), stored.unwrap_or(-1), counted)
            }),
        )
        .chain(responses)
        .collect())
}

/// Sets every stored total, the kept response times, activity and sentiment, to a recount from the rows
/// (`ideaboard rerank`, and after a bulk load).
pub fn recount_totals(conn: &mut DbConnection) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    super::response_stats::recount(conn)?;
    super::activity::recount(conn)?;
    super::funnel::recount(conn)?;
    super::funnel::recount_action(conn)?;
    super::rising::recount(conn)?;
    conn.batch_execute(
        "DELETE FROM idea_counts; DELETE FROM tag_counts; \
         INSERT INTO idea_counts (status_id, live) \
         SELECT s.id, (SELECT COUNT(*) FROM ideas i WHERE i.status_id = s.id \
                       AND i.merged_into_id IS NULL AND i.hidden_at IS NULL) FROM statuses s; \
         INSERT INTO tag_counts (tag_id, live) \
         SELECT t.id, (SELECT COUNT(*) FROM idea_tags it JOIN ideas i ON i.id = it.idea_id \
                       WHERE it.tag_id = t.id AND i.merged_into_id IS NULL AND i.hidden_at IS NULL) \
         FROM tags t;",
    )
}

#[derive(diesel::QueryableByName)]
struct Differing {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    rows: i64,
}

/// The rows only one of `kept` and `counted` (two SELECTs of the same columns) holds, as one
/// drift named `what` — (what, rows differing, 0) — or none when they hold the same.
pub fn rows_differing(
    conn: &mut DbConnection,
    what: &str,
    kept: &str,
    counted: &str,
) -> QueryResult<Vec<(String, i64, i64)>> {
    let differing: Differing = diesel::sql_query(format!(
        "SELECT (SELECT COUNT(*) FROM ({kept} EXCEPT {counted}) AS extra) \
              + (SELECT COUNT(*) FROM ({counted} EXCEPT {kept}) AS missing) AS rows"
    ))
    .get_result(conn)?;
    Ok(if differing.rows == 0 {
        Vec::new()
    } else {
        vec![(what.to_string(), differing.rows, 0)]
    })
}
