//! The trigger-kept activity and sentiment tables (`activity_days`, `member_weeks`,
//! `activity_weeks`, `sentiment_days`, migration `000025_activity`): read for the insights,
//! compared with a recount for `ideaboard check`, and set from one by `ideaboard rerank` and after
//! a bulk load.

use std::collections::BTreeMap;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use crate::db::DbConnection;
use crate::db::schema::{activity_days, activity_weeks, sentiment_days};
use crate::domain::community::{DayActivity, LabelCounts};

/// The kept activity of the days from `from` to `to` (both 'YYYY-MM-DD', inclusive), by day.
pub fn days(
    conn: &mut DbConnection,
    from: &str,
    to: &str,
) -> QueryResult<BTreeMap<String, DayActivity>> {
    let rows: Vec<(String, i64, i64, i64, i64)> = activity_days::table
        .filter(activity_days::day.ge(from))
        .filter(activity_days::day.le(to))
        .select((
            activity_days::day,
            activity_days::ideas,
            activity_days::votes,
            activity_days::comments,
            activity_days::accounts,
        ))
        .load(conn)?;
    let mut by_day: BTreeMap<String, DayActivity> = BTreeMap::new();
    for (day, ideas, votes, comments, accounts) in rows {
        let sum = by_day.entry(day).or_default();
        sum.ideas += ideas;
        sum.votes += votes;
        sum.comments += comments;
        sum.accounts += accounts;
    }
    Ok(by_day)
}

/// The kept active members of the weeks starting (Mondays, 'YYYY-MM-DD') from `from` to `to`.
pub fn weeks(conn: &mut DbConnection, from: &str, to: &str) -> QueryResult<BTreeMap<String, i64>> {
    let rows: Vec<(String, i64)> = activity_weeks::table
        .filter(activity_weeks::week.ge(from))
        .filter(activity_weeks::week.le(to))
        .select((activity_weeks::week, activity_weeks::members))
        .load(conn)?;
    let mut by_week: BTreeMap<String, i64> = BTreeMap::new();
    for (week, members) in rows {
        *by_week.entry(week).or_default() += members;
    }
    Ok(by_week)
}

/// The kept sentiment counts of the days from `from` to `to`, in one area key or all, by day.
pub fn sentiment(
    conn: &mut DbConnection,
    from: &str,
    to: &str,
    area_key: Option<&str>,
) -> QueryResult<BTreeMap<String, LabelCounts>> {
    let mut query = sentiment_days::table
        .filter(sentiment_days::day.ge(from))
        .filter(sentiment_days::day.le(to))
        .into_boxed::<crate::db::MultiBackend>();
    if let Some(area_key) = area_key {
        query = query.filter(sentiment_days::area_key.eq(area_key.to_string()));
    }
    let rows: Vec<(String, i64, i64, i64)> = query
        .select((
            sentiment_days::day,
            sentiment_days::negative,
            sentiment_days::neutral,
            sentiment_days::positive,
        ))
        .load(conn)?;
    let mut by_day: BTreeMap<String, LabelCounts> = BTreeMap::new();
    for (day, negative, neutral, positive) in rows {
        let sum = by_day.entry(day).or_default();
        sum.negative += negative;
        sum.neutral += neutral;
        sum.positive += positive;
    }
    Ok(by_day)
}

/// The backend's expression of a timestamp's day and of its week's Monday, as 'YYYY-MM-DD'.
fn day_and_week(conn: &DbConnection) -> (&'static str, &'static str) {
    match conn {
        DbConnection::Postgres(_) => (
            "to_char(created_at, 'YYYY-MM-DD')",
            "activity_week(created_at)",
        ),
        DbConnection::Sqlite(_) => (
            "date(created_at)",
            "date(created_at, 'weekday 0', '-6 days')",
        ),
    }
}

/// The recounts from the rows: (activity per day, acts per week and person, sentiment per day
/// and area), each a SELECT in its table's column order (shard 0).
fn recount_selects(conn: &DbConnection) -> [String; 3] {
    let (day, week) = day_and_week(conn);
    let comment_day = day.replace("created_at", "c.created_at");
    [
        format!(
            "SELECT day, 0 AS shard, SUM(ideas) AS ideas, SUM(votes) AS votes, \
                    SUM(comments) AS comments, SUM(accounts) AS accounts FROM ( \
                SELECT {day} AS day, COUNT(*) AS ideas, 0 AS votes, 0 AS comments, 0 AS accounts \
                FROM ideas GROUP BY 1 \
                UNION ALL SELECT {day}, 0, COUNT(*), 0, 0 FROM votes GROUP BY 1 \
                UNION ALL SELECT {day}, 0, 0, COUNT(*), 0 FROM comments GROUP BY 1 \
                UNION ALL SELECT {day}, 0, 0, 0, COUNT(*) FROM users GROUP BY 1 \
             ) AS events GROUP BY day"
        ),
        format!(
            "SELECT week, user_id, COUNT(*) AS acts FROM ( \
                SELECT {week} AS week, author_id AS user_id FROM ideas \
                UNION ALL SELECT {week}, user_id FROM votes \
                UNION ALL SELECT {week}, author_id FROM comments \
             ) AS acts GROUP BY week, user_id"
        ),
        format!(
            "SELECT day, area_key, SUM(negative) AS negative, SUM(neutral) AS neutral, \
                    SUM(positive) AS positive FROM ( \
                SELECT {day} AS day, COALESCE(area_id, '') AS area_key, \
                       CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END AS negative, \
                       CASE WHEN sentiment_label = 'neutral' THEN 1 ELSE 0 END AS neutral, \
                       CASE WHEN sentiment_label = 'positive' THEN 1 ELSE 0 END AS positive \
                FROM ideas WHERE sentiment_label IS NOT NULL AND merged_into_id IS NULL \
                                 AND hidden_at IS NULL \
                UNION ALL \
                SELECT {comment_day}, COALESCE(i.area_id, ''), \
                       CASE WHEN c.sentiment_label = 'negative' THEN 1 ELSE 0 END, \
                       CASE WHEN c.sentiment_label = 'neutral' THEN 1 ELSE 0 END, \
                       CASE WHEN c.sentiment_label = 'positive' THEN 1 ELSE 0 END \
                FROM comments c JOIN ideas i ON i.id = c.idea_id \
                WHERE c.sentiment_label IS NOT NULL AND c.deleted_at IS NULL AND c.hidden_at IS NULL \
             ) AS scored GROUP BY day, area_key"
        ),
    ]
}

/// Sets every kept table to a recount from the rows, in the caller's transaction. The weeks'
/// member counts are counted once from `member_weeks` (on PostgreSQL its row trigger stands aside
/// for the refill, told by a setting local to the transaction: it would otherwise count them one
/// row at a time, and turning it off would lock the table against the live server).
pub fn recount(conn: &mut DbConnection) -> QueryResult<()> {
    let [days, acts, sentiment] = recount_selects(conn);
    let (trigger_off, trigger_on) = match conn {
        DbConnection::Postgres(_) => (
            "SET LOCAL ideaboard.recounting = 'on';",
            "SET LOCAL ideaboard.recounting = 'off';",
        ),
        DbConnection::Sqlite(_) => ("", ""),
    };
    conn.batch_execute(&format!(
        "{trigger_off} \
         DELETE FROM activity_days; DELETE FROM member_weeks; DELETE FROM activity_weeks; \
         DELETE FROM sentiment_days; \
         INSERT INTO activity_days (day, shard, ideas, votes, comments, accounts) {days}; \
         INSERT INTO member_weeks (week, user_id, acts) {acts}; \
         DELETE FROM activity_weeks; \
         INSERT INTO activity_weeks (week, shard, members) \
         SELECT week, 0, COUNT(*) FROM member_weeks GROUP BY week; \
         INSERT INTO sentiment_days (day, area_key, negative, neutral, positive) {sentiment}; \
         {trigger_on}"
    ))
}

#[derive(QueryableByName)]
struct Keyed {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = BigInt)]
    a: i64,
    #[diesel(sql_type = BigInt)]
    b: i64,
    #[diesel(sql_type = BigInt)]
    c: i64,
    #[diesel(sql_type = BigInt)]
    d: i64,
}

/// A zero both backends read as a BIGINT.
const ZERO: &str = "CAST(0 AS BIGINT)";

fn keyed(conn: &mut DbConnection, sql: String) -> QueryResult<BTreeMap<String, [i64; 4]>> {
    Ok(diesel::sql_query(sql)
        .load::<Keyed>(conn)?
        .into_iter()
        .map(|row| (row.key, [row.a, row.b, row.c, row.d]))
        .collect())
}

/// Every kept count that differs from a recount, as (what, stored, counted); empty when exact.
pub fn drift(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64, i64)>> {
    let [days, acts, sentiment] = recount_selects(conn);
    let mut drifted: Vec<(String, i64, i64)> = Vec::new();
    let mut compare = |what: &str,
                       fields: [&str; 4],
                       stored: BTreeMap<String, [i64; 4]>,
                       counted: BTreeMap<String, [i64; 4]>| {
        let keys: std::collections::BTreeSet<&String> =
            stored.keys().chain(counted.keys()).collect();
        for key in keys {
            let (s, c) = (
                stored.get(key).copied().unwrap_or_default(),
                counted.get(key).copied().unwrap_or_default(),
            );
            for (field, (s, c)) in fields.iter().zip(s.into_iter().zip(c)) {
                if s != c {
                    drifted.push((format!("{what} {key} {field}"), s, c));
                }
            }
        }
    };
    compare(
        "activity",
        ["ideas", "votes", "comments", "accounts"],
        keyed(
            conn,
            "SELECT day AS key, CAST(SUM(ideas) AS BIGINT) AS a, CAST(SUM(votes) AS BIGINT) AS b, \
                    CAST(SUM(comments) AS BIGINT) AS c, CAST(SUM(accounts) AS BIGINT) AS d \
             FROM activity_days GROUP BY day HAVING SUM(ideas) <> 0 OR SUM(votes) <> 0 \
             OR SUM(comments) <> 0 OR SUM(accounts) <> 0"
                .to_string(),
        )?,
        keyed(
            conn,
            format!(
                "SELECT day AS key, CAST(ideas AS BIGINT) AS a, CAST(votes AS BIGINT) AS b, \
                        CAST(comments AS BIGINT) AS c, CAST(accounts AS BIGINT) AS d FROM ({days}) AS r"
            ),
        )?,
    );
    compare(
        "active members",
        ["members", "", "", ""],
        keyed(
            conn,
            "SELECT week AS key, CAST(SUM(members) AS BIGINT) AS a, {ZERO} AS b, {ZERO} AS c, {ZERO} AS d \
             FROM activity_weeks GROUP BY week HAVING SUM(members) <> 0"
                .replace("{ZERO}", ZERO),
        )?,
        keyed(
            conn,
            format!(
                "SELECT week AS key, COUNT(*) AS a, {ZERO} AS b, {ZERO} AS c, {ZERO} AS d \
                 FROM ({acts}) AS r \
                 GROUP BY week"
            ),
        )?,
    );
    compare(
        "member weeks",
        ["differing", "", "", ""],
        keyed(
            conn,
            format!(
                "SELECT 'rows' AS key, \
                        (SELECT COUNT(*) FROM (SELECT week, user_id, acts FROM member_weeks \
                                               EXCEPT SELECT * FROM ({acts}) AS r) AS extra) \
                      + (SELECT COUNT(*) FROM (SELECT * FROM ({acts}) AS r \
                                               EXCEPT SELECT week, user_id, acts FROM member_weeks) \
                         AS missing) AS a, \
                        {ZERO} AS b, {ZERO} AS c, {ZERO} AS d"
            ),
        )?,
        BTreeMap::from([("rows".to_string(), [0; 4])]),
    );
    compare(
        "sentiment",
        ["negative", "neutral", "positive", ""],
        keyed(
            conn,
            "SELECT day || ' ' || area_key AS key, negative AS a, neutral AS b, positive AS c, \
                    {ZERO} AS d FROM sentiment_days \
             WHERE negative <> 0 OR neutral <> 0 OR positive <> 0"
                .replace("{ZERO}", ZERO),
        )?,
        keyed(
            conn,
            format!(
                "SELECT day || ' ' || area_key AS key, CAST(negative AS BIGINT) AS a, \
                        CAST(neutral AS BIGINT) AS b, CAST(positive AS BIGINT) AS c, {ZERO} AS d \
                 FROM ({sentiment}) AS r"
            ),
        )?,
    );
    Ok(drifted)
}

/// Folds the rows that writing backends spread a day or week over (`shard`: on PostgreSQL the
/// writing backend's; SQLite writes shard 0, but a board moved over from PostgreSQL keeps its
/// rows) into shard 0, for the days before `before_day` and the weeks before `before_week`
/// ('YYYY-MM-DD'): a period's read then finds one row per day and week, however many instances
/// wrote them. The sums stay as they were; a write to a folded day afterwards (an edited
/// comment's sentiment) starts a shard row again, folded next time. Returns how many day and week
/// rows took folded counts.
pub fn fold_shards(
    conn: &mut DbConnection,
    before_day: &str,
    before_week: &str,
) -> QueryResult<usize> {
    let postgres = matches!(conn, DbConnection::Postgres(_));
    let tables: [(&str, &str, &[&str], &str); 2] = [
        (
            "activity_days",
            "day",
            &["ideas", "votes", "comments", "accounts"],
            before_day,
        ),
        ("activity_weeks", "week", &["members"], before_week),
    ];
    let mut folded = 0;
    for (table, key, counts, before) in tables {
        let (fold, clear) = fold_statements(postgres, table, key, counts);
        folded += diesel::sql_query(fold)
            .bind::<Text, _>(before)
            .execute(conn)?;
        if let Some(clear) = clear {
            diesel::sql_query(clear)
                .bind::<Text, _>(before)
                .execute(conn)?;
        }
    }
    Ok(folded)
}

/// The statements that fold one table's shard rows before a day (`$1` / `?`) into shard 0: on
/// PostgreSQL one, on SQLite an upsert, then a delete.
fn fold_statements(
    postgres: bool,
    table: &str,
    key: &str,
    counts: &[&str],
) -> (String, Option<String>) {
    let sums = counts
        .iter()
        .map(|c| format!("SUM({c})"))
        .collect::<Vec<_>>()
        .join(", ");
    let update = counts
        .iter()
        .map(|c| format!("{c} = {table}.{c} + excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let columns = counts.join(", ");
    let upsert = format!("ON CONFLICT ({key}, shard) DO UPDATE SET {update}");
    if postgres {
        // One statement: the rows deleted are exactly the ones added, whatever a backend writes
        // meanwhile (it waits for a row being deleted, then starts a new one).
        (
            format!(
                "WITH moved AS (DELETE FROM {table} WHERE {key} < $1 AND shard <> 0 RETURNING *) \
                 INSERT INTO {table} ({key}, shard, {columns}) \
                 SELECT {key}, 0, {sums} FROM moved GROUP BY {key} {upsert}"
            ),
            None,
        )
    } else {
        // The one writer holds the database: adding, then deleting, is as good.
        (
            format!(
                "INSERT INTO {table} ({key}, shard, {columns}) \
                 SELECT {key}, 0, {sums} FROM {table} WHERE {key} < ? AND shard <> 0 \
                 GROUP BY {key} {upsert}"
            ),
            Some(format!(
                "DELETE FROM {table} WHERE {key} < ? AND shard <> 0"
            )),
        )
    }
}
