//! `ideaboard import` (the real command) from the documented CSV, a Canny export and a Fider
//! backup: people, ideas, votes, comments, tags and statuses arrive; bad records are refused with
//! their lines; running the same import again changes nothing; `check` finds no drift.

use std::io::Write;

use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_csv_import_run_twice_equals_one_run,
    a_fider_backup_and_a_canny_export_arrive_whole,
);

const CSV: &str = "kind,id,idea,title,body,email,name,status,tags,value,created_at
idea,1,,Dark mode for the app,Easier on the eyes at night,ada@example.com,Ada,Planned,UI;Night;ui;!!!,,2024-01-02T10:00:00Z
idea,2,,Export to spreadsheet,So finance can read it,bob@example.com,Bob,,,,2024-01-03
vote,,1,,,bob@example.com,Bob,,,1,2024-01-04
vote,,1,,,eve@example.com,Eve,,,1,
vote,,2,,,eve@example.com,Eve,,,-1,
comment,c1,1,,Yes please,eve@example.com,Eve,,,,
idea,3,,x,too short a title,ada@example.com,Ada,,,,
vote,,9,,,eve@example.com,Eve,,,1,
comment,c2,1,,A comment,not an address,Zed,,,,
";

/// Writes `bytes` into a file named `name` in a fresh folder; the folder and the path.
fn file_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join(name);
    std::fs::write(&path, bytes).expect("written");
    let path = path.to_string_lossy().into_owned();
    (folder, path)
}

async fn idea(app: &TestApp, number: i64) -> Value {
    let (status, idea) = app.get_json(&format!("/api/v1/ideas/{number}"), "").await;
    assert_eq!(status, 200, "{idea}");
    idea
}

async fn a_csv_import_run_twice_equals_one_run(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_folder, path) = file_with("ideas.csv", CSV.as_bytes());
    let (ok, printed, errors) = app.run_cli(&["import", "--from", "csv", &path]).await;
    assert!(ok, "{errors}");
    assert!(
        printed.contains("created: 3 people, 2 ideas, 3 votes, 1 comments, 2 tags"),
        "{printed}"
    );
    assert!(printed.contains("refused: 4"), "{printed}");
    for line in [
        "ideas.csv line 2: the tag \"!!!\" has no letter or digit",
        "ideas.csv line 8:",
        "ideas.csv line 9: no idea \"9\"",
        "ideas.csv line 10:",
    ] {
        assert!(printed.contains(line), "{line} in {printed}");
    }
    let dark = idea(&app, 1).await;
    assert_eq!(
        (dark["upvotes"].as_i64(), dark["status"]["slug"].as_str()),
        (Some(2), Some("planned"))
    );
    assert_eq!(dark["author"]["name"], "Ada");
    assert_eq!(dark["tags"], json!(["night", "ui"]));
    assert_eq!(dark["comment_count"], 1);
    assert!(
        dark["created_at"]
            .as_str()
            .is_some_and(|t| t.starts_with("2024-01-02"))
    );
    assert_eq!(idea(&app, 2).await["downvotes"], 1);
    // Accounts made without a password: nobody can sign in as them until they reset it.
    let (_, status) = app.log_in("ada@example.com", "").await;
    assert_ne!(status, 303);
    app.assert_no_drift().await;

    let rows = (app.count_rows("ideas").await, app.count_rows("votes").await);
    let (ok, again, _) = app.run_cli(&["import", "--from", "csv", &path]).await;
    assert!(ok);
    assert!(
        again.contains("created: 0 people, 0 ideas, 0 votes, 0 comments, 0 tags"),
        "{again}"
    );
    assert!(
        again.contains(
            "skipped (imported before, or already here): 0 people, 2 ideas, 3 votes, 1 comments"
        ),
        "{again}"
    );
    assert_eq!(
        (app.count_rows("ideas").await, app.count_rows("votes").await),
        rows
    );
    assert_eq!(app.count_rows("comments").await, 1);
    app.assert_no_drift().await;
    let (ok, _, errors) = app.run_cli(&["import", "--from", "trello", &path]).await;
    assert!(
        !ok && errors.contains("--from is fider, canny or csv"),
        "{errors}"
    );
}

/// A Fider backup: users, posts (one planned, one deleted), votes, comments, tags.
fn fider_backup() -> Vec<u8> {
    let tables = [
        (
            "users.json",
            json!([
                {"id": 1, "name": "Fay", "email": "fay@example.com", "role": 3},
                {"id": 2, "name": "Gus", "email": "gus@example.com", "role": 1},
            ]),
        ),
        (
            "posts.json",
            json!([
                {"id": 10, "number": 1, "title": "Offline mode please", "description": "On the plane",
                 "user_id": 2, "status": 4, "created_at": "2023-05-01T08:00:00Z"},
                {"id": 11, "number": 2, "title": "Something removed", "description": "",
                 "user_id": 2, "status": 6, "created_at": "2023-05-02T08:00:00Z"},
            ]),
        ),
        (
            "post_votes.json",
            json!([
                {"user_id": 1, "post_id": 10, "created_at": "2023-05-03T08:00:00Z"},
                {"user_id": 2, "post_id": 10, "created_at": "2023-05-01T08:00:00Z"},
            ]),
        ),
        (
            "comments.json",
            json!([
                {"id": 100, "post_id": 10, "user_id": 1, "content": "Planned for May", "created_at": "2023-05-04T08:00:00Z", "deleted_at": null},
            ]),
        ),
        (
            "tags.json",
            json!([{"id": 5, "name": "Mobile", "slug": "mobile"}]),
        ),
        ("post_tags.json", json!([{"post_id": 10, "tag_id": 5}])),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, rows) in tables {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(rows.to_string().as_bytes()).expect("written");
    }
    zip.finish().expect("zip").into_inner()
}

async fn a_fider_backup_and_a_canny_export_arrive_whole(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_folder, backup) = file_with("backup.zip", &fider_backup());
    let (ok, printed, errors) = app.run_cli(&["import", "--from", "fider", &backup]).await;
    assert!(ok, "{errors}");
    assert!(
        printed.contains("created: 2 people, 1 ideas, 2 votes, 1 comments, 1 tags"),
        "{printed}"
    );
    assert!(
        printed.contains("posts.json line 2: deleted in Fider"),
        "{printed}"
    );
    let offline = idea(&app, 1).await;
    assert_eq!(offline["status"]["slug"], "planned");
    assert_eq!(
        (
            offline["upvotes"].as_i64(),
            offline["comment_count"].as_i64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(offline["tags"], json!(["mobile"]));
    let (_, again, _) = app.run_cli(&["import", "--from", "fider", &backup]).await;
    assert!(
        again.contains("created: 0 people, 0 ideas, 0 votes, 0 comments, 0 tags"),
        "{again}"
    );

    let canny = "ID,Title,Details,Status,Author Name,Author Email,Created At,Tags,Voters\n\
                 p1,Bulk edit of tickets,Select many at once,complete,Hal,hal@example.com,2023-06-01,\"Admin, Speed\",\"fay@example.com;ida@example.com\"\n";
    let (_folder2, export) = file_with("canny.csv", canny.as_bytes());
    let (ok, printed, errors) = app.run_cli(&["import", "--from", "canny", &export]).await;
    assert!(ok, "{errors}");
    assert!(
        printed.contains("created: 2 people, 1 ideas, 2 votes, 0 comments, 2 tags"),
        "{printed}"
    );
    let bulk = idea(&app, 2).await;
    assert_eq!(
        (bulk["status"]["slug"].as_str(), bulk["upvotes"].as_i64()),
        (Some("implemented"), Some(2))
    );
    let (_, changelog) = app.get_json("/api/v1/changelog", "").await;
    assert_eq!(
        changelog["implemented"], 1,
        "the implemented import counts: {changelog}"
    );
    app.assert_no_drift().await;
    let (ok, checked, _) = app.run_cli(&["check"]).await;
    assert!(ok && checked.contains("no drift"), "{checked}");
}
