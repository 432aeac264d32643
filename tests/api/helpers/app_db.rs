//! The app under test's database, as a test reaches it: its own access and pooled connections,
//! the real `seed` command, raw SQL for arranging, the drift check, the outbox and row counts.

use std::time::Duration;

use super::TestApp;

impl TestApp {
    /// Runs `work` with the application's own access to its database, off the async runtime.
    pub async fn with_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut ideaboard::db::Db) -> T + Send + 'static,
    ) -> T {
        let database = self.state.db.clone();
        tokio::task::spawn_blocking(move || work(&mut database.access()))
            .await
            .expect("database task")
    }

    /// Runs `work` with one of the application's pooled connections (to read what no route
    /// shows), off the async runtime.
    pub async fn with_conn<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut ideaboard::db::DbConnection) -> T + Send + 'static,
    ) -> T {
        self.with_db(|db| work(db.conn().expect("connection")))
            .await
    }

    /// Fills this board with `ideaboard seed` (the real command) with these sizes.
    pub async fn seed(&self, ideas: u32, votes: u32, comments: u32, users: u32, seed: u32) {
        let db_url = self.db_url.clone();
        let output = tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_ideaboard"))
                .args([
                    "seed",
                    "--ideas",
                    &ideas.to_string(),
                    "--votes",
                    &votes.to_string(),
                ])
                .args([
                    "--comments",
                    &comments.to_string(),
                    "--users",
                    &users.to_string(),
                ])
                .args(["--seed", &seed.to_string()])
                .env_clear()
                .env("DATABASE_URL", db_url)
                .env("LOG", "error")
                .env("IDEABOARD_CONFIG", "/dev/null")
                .output()
                .expect("seed runs")
        })
        .await
        .expect("seed task");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Runs SQL against the test database (for arranging what no route can, like old votes),
    /// in one write transaction as the application writes.
    pub async fn execute_sql(&self, sql: String) {
        self.with_db(move |db| {
            use diesel::connection::SimpleConnection;
            db.write(|conn| {
                conn.batch_execute(&sql)
                    .map_err(ideaboard::db::DbError::from)
            })
            .expect("sql");
        })
        .await;
    }

    /// `ideaboard check` on this database: asserts that no counter or rank key drifted.
    pub async fn assert_no_drift(&self) {
        let half_life = self.state.config.rank_half_life;
        let (checked, drift) = self
            .with_db(move |db| {
                ideaboard::services::maintenance::check(db, half_life).expect("check runs")
            })
            .await;
        assert!(drift.is_empty(), "drift after {checked} ideas: {drift:?}");
    }

    /// Waits (up to 10 s) until the outbox has nothing left to send: every message sent, or
    /// failed for good. What the SMTP sink holds then is all it gets for what happened so far.
    pub async fn outbox_drained(&self) {
        for _ in 0..500 {
            let left = self
                .with_conn(|conn| {
                    use diesel::prelude::*;
                    use ideaboard::db::schema::outbox;
                    outbox::table
                        .filter(outbox::state.eq_any(["queued", "sending"]))
                        .count()
                        .get_result::<i64>(conn)
                        .expect("count the outbox")
                })
                .await;
            if left == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the outbox did not drain in 10 s");
    }

    /// Counts the rows of a table through the application's own pool.
    pub async fn count_rows(&self, table: &'static str) -> i64 {
        self.with_conn(move |conn| {
            use diesel::prelude::*;
            #[derive(QueryableByName)]
            struct Count {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let row: Count = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                .get_result(conn)
                .expect("count");
            row.n
        })
        .await
    }
}

/// One text column of one table.
#[derive(diesel::QueryableByName)]
struct TextColumn {
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    column_name: String,
}

#[derive(diesel::QueryableByName)]
struct Found {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

impl TestApp {
    /// Every `table.column` of text whose rows hold `needle` anywhere (case-insensitive), read
    /// from the database's own catalogue, so a table added later is searched too.
    pub async fn text_columns_holding(&self, needle: &str) -> Vec<String> {
        let needle = needle.to_lowercase().replace('\'', "''");
        self.with_conn(move |conn| {
            use diesel::prelude::*;
            let catalogue = match conn {
                ideaboard::db::DbConnection::Postgres(_) => {
                    "SELECT table_name::text AS table_name, column_name::text AS column_name \
                     FROM information_schema.columns WHERE table_schema = current_schema() \
                     AND data_type IN ('text', 'character varying')"
                }
                ideaboard::db::DbConnection::Sqlite(_) => {
                    "SELECT m.name AS table_name, c.name AS column_name FROM sqlite_master m \
                     JOIN pragma_table_info(m.name) c WHERE m.type = 'table' \
                     AND upper(c.type) = 'TEXT'"
                }
            };
            let columns: Vec<TextColumn> = diesel::sql_query(catalogue)
                .load(conn)
                .expect("the catalogue");
            assert!(
                columns.len() > 50,
                "the catalogue is read: {}",
                columns.len()
            );
            columns
                .into_iter()
                .filter(|c| {
                    let query = format!(
                        "SELECT COUNT(*) AS n FROM \"{}\" WHERE lower(\"{}\") LIKE '%{needle}%'",
                        c.table_name, c.column_name
                    );
                    let found: Found = diesel::sql_query(query).get_result(conn).expect("search");
                    found.n > 0
                })
                .map(|c| format!("{}.{}", c.table_name, c.column_name))
                .collect()
        })
        .await
    }
}

impl TestApp {
    /// Runs the real `ideaboard` binary with `args` on this board's database; (success, stdout,
    /// stderr).
    pub async fn run_cli(&self, args: &[&str]) -> (bool, String, String) {
        let db_url = self.db_url.clone();
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let output = tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_ideaboard"))
                .args(&args)
                .env_clear()
                .env("DATABASE_URL", db_url)
                .env("LOG", "error")
                .env("IDEABOARD_CONFIG", "/dev/null")
                .output()
                .expect("the command runs")
        })
        .await
        .expect("command task");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}
