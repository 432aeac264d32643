//! Migrations: both backends build the same tables and columns, and every `down.sql` reverts
//! its `up.sql`.

use ideaboard::config::DatabaseUrl;
use ideaboard::db::CheckpointPolicy;
use ideaboard::db::migrate;
use ideaboard::db::pool::DbManager;

use crate::helpers::{Backend, TestDb};
use crate::on_both_backends;

on_both_backends!(
    every_down_migration_reverts_its_up_migration,
    two_instances_starting_together_migrate_once,
);

/// Tables, columns, indexes and triggers.
fn described(conn: &mut ideaboard::db::DbConnection) -> Vec<(String, Vec<String>)> {
    let mut described = migrate::describe_schema(conn).expect("describe");
    described.extend(migrate::describe_triggers(conn).expect("describe triggers"));
    described
}

async fn every_down_migration_reverts_its_up_migration(backend: Backend) {
    let db = TestDb::create(backend);
    let url = db.url.clone();
    // A migration only one backend needs is, on the other, a comment saying so and `SELECT 1;`.
    let folder = match backend {
        Backend::Sqlite => concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"),
        Backend::Postgres => concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"),
    };
    let mut folders: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .expect("migrations folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    folders.sort();
    let no_change_on: Vec<bool> = folders
        .iter()
        .map(|dir| {
            let up = std::fs::read_to_string(dir.join("up.sql")).expect("up.sql");
            up.lines()
                .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                == ["SELECT 1;"]
        })
        .collect();
    tokio::task::spawn_blocking(move || {
        let mut conn = DbManager::new(
            DatabaseUrl::parse(&url).expect("url"),
            CheckpointPolicy::BySqlite,
        )
        .open()
        .expect("connect");
        let mut steps = 0;
        loop {
            let before = described(&mut conn);
            if !migrate::run_next(&mut conn).expect("migrate up") {
                break;
            }
            steps += 1;
            let after = described(&mut conn);
            if no_change_on.get(steps - 1).copied().unwrap_or(false) {
                assert_eq!(
                    before, after,
                    "migration {steps} says it changes nothing here"
                );
            } else {
                assert_ne!(before, after, "migration {steps} changes the schema");
            }
            migrate::revert_last(&mut conn).expect("migrate down");
            assert_eq!(
                described(&mut conn),
                before,
                "down.sql of migration {steps}"
            );
            assert!(
                migrate::run_next(&mut conn).expect("migrate up again"),
                "migration {steps} applies again"
            );
        }
        assert!(steps >= 1);
    })
    .await
    .expect("task");
    drop(db);
}

async fn two_instances_starting_together_migrate_once(backend: Backend) {
    let db = TestDb::create(backend);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(3));
    let starters: Vec<_> = (0..3)
        .map(|_| {
            let url = db.url.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                // Whatever happens, reach the barrier, so no thread waits forever.
                let conn = DbManager::new(
                    DatabaseUrl::parse(&url).expect("url"),
                    CheckpointPolicy::BySqlite,
                )
                .open();
                barrier.wait();
                migrate::run_pending(&mut conn.map_err(|e| e.to_string())?)
            })
        })
        .collect();
    let applied: Vec<usize> = starters
        .into_iter()
        .map(|t| t.join().expect("thread").expect("every starter succeeds"))
        .collect();
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .expect("folder")
        .count();
    assert_eq!(
        applied.iter().sum::<usize>(),
        migrations,
        "each migration ran once: {applied:?}"
    );
}

/// Needs both databases, so it runs with the PostgreSQL suite.
#[tokio::test]
#[ignore = "needs TEST_DATABASE_URL"]
async fn sqlite_and_postgres_have_the_same_tables_columns_and_indexes() {
    let sqlite = TestDb::create(Backend::Sqlite);
    let postgres = TestDb::create(Backend::Postgres);
    let urls = (sqlite.url.clone(), postgres.url.clone());
    let (lite, pg) = tokio::task::spawn_blocking(move || {
        let describe = |url: &str| {
            let mut conn = DbManager::new(
                DatabaseUrl::parse(url).expect("url"),
                CheckpointPolicy::BySqlite,
            )
            .open()
            .expect("connect");
            migrate::run_pending(&mut conn).expect("migrate");
            migrate::describe_schema(&mut conn).expect("describe")
        };
        (describe(&urls.0), describe(&urls.1))
    })
    .await
    .expect("task");
    assert!(lite.len() >= 6, "{lite:?}");
    assert_eq!(lite, pg);
}

#[test]
fn both_backends_have_the_same_migration_folders() {
    let names = |dir: &str| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("migrations folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    };
    let sqlite = names(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"));
    let postgres = names(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"));
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
}
