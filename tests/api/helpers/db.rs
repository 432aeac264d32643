//! A fresh database per test: an SQLite file in a temporary folder, or a PostgreSQL schema on
//! the server named by `TEST_DATABASE_URL`, dropped afterwards.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test.
pub struct TestDb {
    pub url: String,
    schema: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub fn create(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("ideaboard.db").display());
                TestDb {
                    url,
                    schema: None,
                    _dir: Some(dir),
                }
            }
            Backend::Postgres => {
                let server = std::env::var("TEST_DATABASE_URL").expect(
                    "TEST_DATABASE_URL must name a PostgreSQL server for the PostgreSQL tests",
                );
                let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
                let mut admin = PgConnection::establish(&server)
                    .expect("PostgreSQL answers at TEST_DATABASE_URL");
                admin
                    .batch_execute(&format!("CREATE SCHEMA {schema}"))
                    .expect("create test schema");
                let separator = if server.contains('?') { '&' } else { '?' };
                let url = format!("{server}{separator}options=-csearch_path%3D{schema}");
                TestDb {
                    url,
                    schema: Some((server, schema)),
                    _dir: None,
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((server, schema)) = &self.schema
            && let Ok(mut admin) = PgConnection::establish(server)
        {
            let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}
