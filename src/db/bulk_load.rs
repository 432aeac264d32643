//! Loading many rows at once (the `seed` command): multi-row inserts per backend, and the
//! settings a large load wants on each backend.

use diesel::connection::SimpleConnection;

use super::DbConnection;

/// Inserts `$rows` into `$table` `$chunk` rows per statement (rows × columns must stay under
/// SQLite's 32,766 bound variables). Multi-row `VALUES` does not compile
/// through the `MultiConnection` enum, so each backend's connection runs it itself.
macro_rules! insert_chunks {
    ($conn:expr, $table:expr, $rows:expr, $chunk:expr) => {{
        for chunk in $rows.chunks($chunk) {
            match $conn {
                $crate::db::DbConnection::Postgres(pg) => {
                    diesel::RunQueryDsl::execute(diesel::insert_into($table).values(chunk), pg)?
                }
                $crate::db::DbConnection::Sqlite(sqlite) => {
                    diesel::RunQueryDsl::execute(diesel::insert_into($table).values(chunk), sqlite)?
                }
            };
        }
    }};
}
pub(crate) use insert_chunks;

/// The row triggers a load sets aside, by table: `finish` recounts what they keep. Each would
/// otherwise update a few kept rows once per loaded row: on PostgreSQL inside one transaction,
/// where every update leaves a row version the next one steps over (quadratic: a million ideas
/// ran for hours); on SQLite three upserts more per vote (a 1M-idea, 10M-vote seed ran for over
/// 50 minutes unfinished).
const LOAD_TRIGGERS: [(&str, &str); 11] = [
    ("ideas", "ideas_count_insert"),
    ("ideas", "ideas_funnel_insert"),
    ("ideas", "ideas_action_insert"),
    ("ideas", "ideas_response_insert"),
    ("ideas", "ideas_activity_insert"),
    ("ideas", "ideas_sentiment_insert"),
    ("votes", "votes_activity_insert"),
    ("votes", "votes_rising_insert"),
    ("comments", "comments_activity_insert"),
    ("comments", "comments_sentiment_insert"),
    ("users", "users_activity_insert"),
];

/// What `begin` set aside, for `finish` to put back: on SQLite, which has no switch for a
/// trigger, the triggers' own definitions.
#[must_use]
pub struct SetAside {
    sqlite_triggers: Vec<String>,
}

#[derive(diesel::QueryableByName)]
struct TriggerSql {
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// Prepares the current write transaction for a large load; `finish` undoes it before commit.
/// The triggers of `LOAD_TRIGGERS` are off (PostgreSQL) or dropped and kept to be made again
/// (SQLite). SQLite also gets a large page cache for this connection, as index inserts in random
/// key order otherwise thrash the default 2 MB cache.
pub fn begin(conn: &mut DbConnection) -> diesel::QueryResult<SetAside> {
    match conn {
        DbConnection::Sqlite(sqlite) => {
            use diesel::RunQueryDsl;
            sqlite.batch_execute("PRAGMA cache_size = -524288")?;
            let mut sqlite_triggers = Vec::new();
            for (_, trigger) in LOAD_TRIGGERS {
                let found: Vec<TriggerSql> = diesel::sql_query(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                )
                .bind::<diesel::sql_types::Text, _>(trigger)
                .load(sqlite)?;
                for definition in found {
                    sqlite.batch_execute(&format!("DROP TRIGGER {trigger}"))?;
                    sqlite_triggers.push(definition.sql);
                }
            }
            Ok(SetAside { sqlite_triggers })
        }
        DbConnection::Postgres(pg) => {
            pg.batch_execute(&switch_triggers("DISABLE"))?;
            Ok(SetAside {
                sqlite_triggers: Vec::new(),
            })
        }
    }
}

fn switch_triggers(switch: &str) -> String {
    LOAD_TRIGGERS
        .iter()
        .map(|(table, trigger)| format!("ALTER TABLE {table} {switch} TRIGGER {trigger};"))
        .collect()
}

/// Ends what `begin` started, in the same transaction: the triggers back, and what they keep
/// counted once.
pub fn finish(conn: &mut DbConnection, set_aside: SetAside) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Postgres(pg) => pg.batch_execute(&switch_triggers("ENABLE"))?,
        DbConnection::Sqlite(sqlite) => {
            for definition in &set_aside.sqlite_triggers {
                sqlite.batch_execute(definition)?;
            }
        }
    }
    super::views::totals::recount_totals(conn)
}
