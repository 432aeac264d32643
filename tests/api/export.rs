//! Export of the top ideas: exact rows in order, filters, formula cells neutralised, JSON equal to
//! CSV, CLI equal to HTTP, members refused.

use std::process::{Command, Stdio};

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_export_of_a_known_board_has_exactly_the_expected_rows,
    a_large_export_pages_through_every_idea_once_in_order,
);

async fn fetch(
    app: &TestApp,
    token: &str,
    query: &str,
) -> (u16, String, reqwest::header::HeaderMap) {
    let response = app
        .api_client()
        .get(app.url(&format!("/api/v1/export/ideas?{query}")))
        .bearer_auth(token)
        .send()
        .await
        .expect("GET");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, response.text().await.expect("body"), headers)
}

fn rows(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let records = reader
        .records()
        .map(|r| {
            r.expect("a well-formed row")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, records)
}

fn column(records: &[Vec<String>], index: usize) -> Vec<&str> {
    records.iter().map(|r| r[index].as_str()).collect()
}

async fn the_export_of_a_known_board_has_exactly_the_expected_rows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let pm = app.api_user("pm@example.com", "Pat PM").await;
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let pm_id = users["items"][1]["id"].as_str().expect("id").to_string();
    app.send_json(
        Method::PUT,
        &format!("/api/v1/users/{pm_id}/role"),
        &admin,
        json!({"role": "product"}),
    )
    .await;
    let mut voters = Vec::new();
    for i in 0..4 {
        voters.push(
            app.api_user(&format!("v{i}@example.com"), &format!("V{i}"))
                .await,
        );
    }
    app.send_json(
        Method::POST,
        "/api/v1/tags",
        &admin,
        json!({"name": "mobile"}),
    )
    .await;
    // #1 top (4 votes + author), #2 "=formula" title (2 + author), #3 demoted, #4 merged into #1,
    // #5 implemented (not exported by default), #6 tagged mobile.
    app.create_idea(&admin, "Dark mode", "").await;
    app.create_idea(&admin, "=HYPERLINK(\"http://evil\")", "")
        .await;
    app.create_idea(&admin, "-1 button broken", "").await;
    app.create_idea(&admin, "Night theme", "").await;
    app.create_idea(&admin, "Shipped idea", "").await;
    app.send_json(
        Method::POST,
        "/api/v1/ideas",
        &admin,
        json!({"title": "Offline mobile mode", "body": "", "tags": ["mobile"]}),
    )
    .await;
    for token in &voters {
        app.vote(token, 1, 1).await;
    }
    app.vote(&voters[0], 2, 1).await;
    app.vote(&voters[1], 2, 1).await;
    for token in &voters[..3] {
        app.vote(token, 3, -1).await;
    }
    app.send_json(
        Method::POST,
        "/api/v1/ideas/1/comments",
        &voters[0],
        json!({"body": "+1"}),
    )
    .await;
    let (status, _) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/4/merge",
            &admin,
            json!({"into": 1}),
        )
        .await;
    assert_eq!(status, 200);
    app.send_json(
        Method::PUT,
        "/api/v1/ideas/5/status",
        &pm,
        json!({"status": "implemented", "note": "done"}),
    )
    .await;

    let member = &voters[0];
    assert_eq!(
        fetch(&app, member, "").await.0,
        403,
        "members get no export"
    );

    let (status, body, headers) = fetch(&app, &pm, "format=csv&sort=top").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.starts_with("attachment; filename=\"ideas-") && disposition.ends_with(".csv\""),
        "{disposition}"
    );
    let (header, records) = rows(&body);
    assert_eq!(
        header,
        [
            "rank",
            "number",
            "title",
            "url",
            "status",
            "tags",
            "points",
            "upvotes",
            "downvotes",
            "voters",
            "comments",
            "merged_count",
            "author",
            "created_at",
            "status_changed_at",
            "last_activity_at"
        ]
    );
    // Top: #1 (50), #2 (30), #6 (10), #3 (10 − 30 = −20); #4 merged and #5 implemented are left out.
    assert_eq!(column(&records, 1), ["1", "2", "6", "3"]);
    assert_eq!(column(&records, 0), ["1", "2", "3", "4"]);
    assert_eq!(column(&records, 6), ["50", "30", "10", "-20"]);
    let first = &records[0];
    assert_eq!(first[3], "http://localhost/ideas/1");
    assert_eq!(first[4], "Open");
    assert_eq!(
        (first[9].as_str(), first[10].as_str(), first[11].as_str()),
        ("5", "1", "1"),
        "voters, comments, merged"
    );
    assert_eq!(first[12], "Admin");
    assert!(first[13].ends_with('Z') && first[15].ends_with('Z'));
    assert_eq!(
        records[1][2], "'=HYPERLINK(\"http://evil\")",
        "formulas are neutralised"
    );
    assert_eq!(records[3][2], "'-1 button broken");
    assert_eq!(records[2][5], "mobile");

    assert_eq!(
        column(&rows(&fetch(&app, &pm, "status=implemented").await.1).1, 1),
        ["5"]
    );
    assert_eq!(
        column(&rows(&fetch(&app, &pm, "tag=mobile").await.1).1, 1),
        ["6"]
    );
    assert_eq!(
        column(&rows(&fetch(&app, &pm, "min_points=25").await.1).1, 1),
        ["1", "2"]
    );
    assert_eq!(
        column(&rows(&fetch(&app, &pm, "limit=2").await.1).1, 1),
        ["1", "2"]
    );
    assert_eq!(
        column(&rows(&fetch(&app, &pm, "sort=new&limit=0").await.1).1, 1),
        ["6", "3", "2", "1"]
    );
    let (_, records_5) = rows(&fetch(&app, &pm, "status=implemented").await.1);
    assert!(
        !records_5[0][14].is_empty(),
        "status_changed_at is set after a change"
    );
    let (status, answer, _) = fetch(&app, &pm, "format=xml&since=yesterday&limit=-1").await;
    assert_eq!(status, 422);
    let answer: Value = serde_json::from_str(&answer).expect("json");
    let fields: Vec<&str> = answer["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["format", "since", "limit"]);

    // JSON carries the same rows (unneutralised, typed).
    let (_, json_body, headers) = fetch(&app, &pm, "format=json&sort=top").await;
    assert_eq!(headers["content-type"], "application/json");
    let items: Vec<Value> = serde_json::from_str(&json_body).expect("a JSON array");
    assert_eq!(items.len(), records.len());
    for (item, record) in items.iter().zip(&records) {
        assert_eq!(item["number"].to_string(), record[1]);
        assert_eq!(item["points"].to_string(), record[6]);
        assert_eq!(item["last_activity_at"], record[15]);
        assert_eq!(
            ideaboard::services::export::neutralise(item["title"].as_str().unwrap_or("")),
            record[2]
        );
    }

    // The command line writes exactly what the API serves.
    let db_url = app.db_url.clone();
    let cli = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_ideaboard"))
            .args([
                "export", "--format", "csv", "--sort", "top", "--limit", "100",
            ])
            .env_clear()
            .env("DATABASE_URL", db_url)
            .env("BASE_URL", "http://localhost")
            .env("LOG", "error")
            .env("IDEABOARD_CONFIG", "/dev/null")
            .stdin(Stdio::null())
            .output()
            .expect("cli runs")
    })
    .await
    .expect("task");
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&cli.stdout), body);

    let browser = app
        .log_in("pm@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    assert_eq!(app.get_page(&browser, "/admin/export").await.0, 200);
    let (status, page_csv) = app
        .get_page(
            &browser,
            "/admin/export/ideas?format=csv&sort=top&limit=100",
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(page_csv, body, "the download form serves the same file");

    // A refused request comes back as the form, with what was asked and the reason at the field.
    let (status, form) = app
        .get_page(
            &browser,
            "/admin/export/ideas?format=json&sort=new&status=planned&since=2026-13-45&limit=25",
        )
        .await;
    assert_eq!(status, 422, "{form}");
    assert!(form.contains("<title>Error: Export ideas"), "{form}");
    assert!(
        form.contains(r#"id="field-since" name="since" type="text" value="2026-13-45""#)
            && form.contains(r#"id="field-since-error""#),
        "the bad date is kept and named: {form}"
    );
    assert!(
        form.contains(r#"value="json" selected"#)
            && form.contains(r#"value="new" selected"#)
            && form.contains(r#"value="planned""#)
            && form.contains(r#"value="25""#),
        "the rest of the request is kept: {form}"
    );
}

async fn a_large_export_pages_through_every_idea_once_in_order(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("boss@example.com", "Boss").await;
    app.seed(1300, 6000, 300, 60, 5).await;
    let every = "open,under-review,planned,in-progress,implemented,partially-implemented,not-planned,archived";
    for sort in ["top", "popular", "new", "discussed", "trending"] {
        let (status, body, _) =
            fetch(&app, &admin, &format!("sort={sort}&limit=0&status={every}")).await;
        assert_eq!(status, 200);
        let (_, records) = rows(&body);
        assert_eq!(
            records.len(),
            1300,
            "{sort}: every idea, across pages of 500"
        );
        let mut numbers: Vec<i64> = records
            .iter()
            .map(|r| r[1].parse().expect("number"))
            .collect();
        let ranks: Vec<i64> = records
            .iter()
            .map(|r| r[0].parse().expect("rank"))
            .collect();
        assert_eq!(ranks, (1..=1300).collect::<Vec<_>>());
        if sort == "top" {
            let points: Vec<i64> = records
                .iter()
                .map(|r| r[6].parse().expect("points"))
                .collect();
            assert!(
                points.windows(2).all(|w| w[0] >= w[1]),
                "top is in order across pages"
            );
        }
        if sort == "discussed" {
            let comments: Vec<i64> = records
                .iter()
                .map(|r| r[10].parse().expect("comments"))
                .collect();
            assert!(comments.windows(2).all(|w| w[0] >= w[1]));
        }
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), 1300, "{sort}: no idea twice");
    }
    // The export ranks exactly as the board does (two separate implementations: the board's one
    // ordered query, the export's keyset walk and trending segments), over the first 300 ideas
    // (the board lists every status when none is chosen).
    let mut by_sort = std::collections::HashMap::new();
    for sort in ["top", "popular", "new", "discussed", "trending"] {
        let (status, body, _) = fetch(
            &app,
            &admin,
            &format!("sort={sort}&limit=300&status={every}"),
        )
        .await;
        assert_eq!(status, 200);
        let (_, records) = rows(&body);
        let exported: Vec<i64> = records
            .iter()
            .map(|r| r[1].parse().expect("number"))
            .collect();
        let mut listed = Vec::new();
        for page in 1..=3 {
            let (status, list) = app
                .get_json(
                    &format!("/api/v1/ideas?sort={sort}&per_page=100&page={page}"),
                    "",
                )
                .await;
            assert_eq!(status, 200);
            listed.extend(
                list["items"]
                    .as_array()
                    .expect("items")
                    .iter()
                    .map(|i| i["number"].as_i64().expect("number")),
            );
        }
        assert_eq!(exported, listed, "{sort}: the export ranks as the board");
        by_sort.insert(sort, exported);
    }
    assert_ne!(
        by_sort["trending"], by_sort["new"],
        "the seeded board has ideas voted on this week, so trending is not just newest first"
    );
}
