//! The board's list queries walk an index: on a seeded, analysed board, the plans of the popular,
//! top, new and tag-filtered lists contain no full scan of `ideas` or `votes`, on either backend.
//! The SQL is the real query, captured from the service through diesel's instrumentation.

use std::sync::{Arc, Mutex};

use diesel::connection::{Connection, InstrumentationEvent, SimpleConnection};
use diesel::prelude::*;
use diesel::sql_types::Text;
use ideaboard::config::DatabaseUrl;
use ideaboard::db::DbConnection;
use ideaboard::db::{CheckpointPolicy, Database};
use ideaboard::services::board::{self, ListQuery};

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(the_board_lists_walk_an_index);

#[derive(QueryableByName)]
struct SqlitePlanLine {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PostgresPlanLine {
    #[diesel(sql_type = Text)]
    #[diesel(column_name = "QUERY PLAN")]
    line: String,
}

/// The bind values of a captured query (`… -- binds: [..]`) as SQL literals.
fn literals(binds: &str) -> Vec<String> {
    let inner = binds.trim().trim_start_matches('[').trim_end_matches(']');
    let mut values = Vec::new();
    let mut current = String::new();
    let mut in_string = false;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => in_string = !in_string,
            '\\' if in_string => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
                continue;
            }
            ',' if !in_string => {
                values.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        values.push(current);
    }
    values
        .into_iter()
        .map(|v| {
            let v = v.trim();
            if let Some(text) = v.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                format!("'{}'", text.replace('\'', "''"))
            } else {
                v.to_string()
            }
        })
        .collect()
}

/// The captured query with its binds written in, ready for EXPLAIN.
fn with_binds(captured: &str, postgres: bool) -> String {
    let (sql, binds) = captured
        .split_once(" -- binds: ")
        .unwrap_or((captured, "[]"));
    let values = literals(binds);
    if postgres {
        let mut sql = sql.to_string();
        for (index, value) in values.iter().enumerate().rev() {
            sql = sql.replace(&format!("${}", index + 1), value);
        }
        sql
    } else {
        let mut out = String::new();
        let mut values = values.iter();
        for c in sql.chars() {
            if c == '?' {
                out.push_str(values.next().map(String::as_str).unwrap_or("NULL"));
            } else {
                out.push(c);
            }
        }
        out
    }
}

/// Plan lines that read every row of `ideas` or `votes`.
///
/// PostgreSQL: a `Seq Scan` of either. SQLite: a bare `SCAN` of either; or, when the plan sorts
/// its result (`USE TEMP B-TREE FOR ORDER BY`, not just a "RIGHT PART"), any access to `ideas`
/// other than a lookup by primary key — an index walk followed by a sort reads the whole board
/// to find the first 20, while primary-key lookups driven by a tag list read only that tag's ideas.
fn full_scans(plan: &[String], postgres: bool) -> Vec<String> {
    if postgres {
        return plan
            .iter()
            .filter(|line| line.contains("Seq Scan on ideas") || line.contains("Seq Scan on votes"))
            .cloned()
            .collect();
    }
    let sorts_everything = plan
        .iter()
        .any(|line| line.contains("USE TEMP B-TREE FOR ORDER BY"));
    plan.iter()
        .filter(|line| {
            let detail = line.trim_start_matches(['|', '`', '-', ' ']);
            let bare_scan = (detail.starts_with("SCAN ideas") || detail.starts_with("SCAN votes"))
                && !detail.contains(" USING ");
            let reads_board_to_sort = sorts_everything
                && (detail.starts_with("SCAN ideas") || detail.starts_with("SEARCH ideas"))
                && !detail.contains("(id=?)");
            bare_scan || reads_board_to_sort
        })
        .cloned()
        .collect()
}

async fn the_board_lists_walk_an_index(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed(3000, 30000, 600, 300, 7).await;
    // One tag on every 25th idea, then fresh statistics, as after any bulk change.
    app.execute_sql(
        "INSERT INTO tags (id, slug, name, color, created_at) \
         VALUES ('plan-tag', 'mobile', 'Mobile', '#336699', CURRENT_TIMESTAMP); \
         INSERT INTO idea_tags (idea_id, tag_id) \
         SELECT id, 'plan-tag' FROM ideas WHERE number % 25 = 0;"
            .to_string(),
    )
    .await;
    let db_url = app.db_url.clone();
    let checked = tokio::task::spawn_blocking(move || {
        let url = DatabaseUrl::parse(&db_url).expect("url");
        // One connection, so the list below runs on the instrumented one.
        let database = Database::open(&url, 1, CheckpointPolicy::BySqlite).expect("connect");
        let mut db = database.access();
        let conn = db.conn().expect("connection");
        ideaboard::db::stats::after_bulk_load(conn).expect("statistics");
        let postgres = matches!(conn, DbConnection::Postgres(_));
        let captured: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = captured.clone();
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::StartQuery { query, .. } = event {
                sink.lock().expect("capture").push(query.to_string());
            }
        });
        let lists = [
            ("popular", None),
            ("top", None),
            ("new", None),
            ("popular", Some("mobile")),
        ];
        let mut checked = Vec::new();
        for (sort, tag) in lists {
            captured.lock().expect("capture").clear();
            let query = ListQuery {
                sort: Some(sort.to_string()),
                tag: tag.map(str::to_string),
                ..ListQuery::default()
            };
            let (_, page) = board::list(&mut db, None, &query).expect("list");
            assert_eq!(page.items.len(), 20, "{sort} {tag:?}: a full first page");
            let list_sql = captured
                .lock()
                .expect("capture")
                .iter()
                .find(|q| q.contains("ORDER BY") && q.contains("LIMIT"))
                .cloned()
                .expect("the list query was captured");
            let sql = with_binds(&list_sql, postgres);
            let plan: Vec<String> = if postgres {
                diesel::sql_query(format!("EXPLAIN {sql}"))
                    .load::<PostgresPlanLine>(db.conn().expect("connection"))
                    .expect("explain")
                    .into_iter()
                    .map(|l| l.line)
                    .collect()
            } else {
                diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
                    .load::<SqlitePlanLine>(db.conn().expect("connection"))
                    .expect("explain")
                    .into_iter()
                    .map(|l| l.detail)
                    .collect()
            };
            assert!(
                plan.iter().any(|line| line.contains("ideas_")),
                "{sort} {tag:?}: the plan uses one of the ideas indexes:\n{}",
                plan.join("\n")
            );
            assert_eq!(
                full_scans(&plan, postgres),
                Vec::<String>::new(),
                "{sort} {tag:?}: no full scan of ideas or votes:\n{sql}\n{}",
                plan.join("\n")
            );
            checked.push(format!("{sort} {tag:?}"));
        }
        db.conn()
            .expect("connection")
            .batch_execute("SELECT 1")
            .expect("still usable");
        checked
    })
    .await
    .expect("task");
    assert_eq!(checked.len(), 4);
}
