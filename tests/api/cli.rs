//! The command line: `user create`, `user role`, `token create`, `seed`, `check`, `rerank`,
//! `rerender`, and one-line failures.

use std::io::Write;
use std::process::{Command, Stdio};

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    user_create_with_a_piped_password_makes_an_account_that_can_log_in,
    user_create_without_a_password_prints_a_generated_one,
    user_role_and_token_create_work_together,
    cli_failures_exit_non_zero_with_one_line,
    seed_fills_a_board_that_check_finds_consistent,
    rerender_renders_stored_markdown_again_where_it_differs,
    the_demo_board_has_accounts_that_can_log_in,
    a_misconfigured_start_is_refused_naming_the_setting,
);

/// The password `seed --demo` printed for `email`.
pub(crate) fn demo_password(printed: &str, email: &str) -> String {
    printed
        .lines()
        .find(|l| l.contains(email))
        .and_then(|l| l.split_whitespace().last())
        .unwrap_or_else(|| panic!("{email} is printed: {printed}"))
        .to_string()
}

/// What the binary printed.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

async fn ideaboard(database_url: &str, args: &[&str], stdin: Option<&str>) -> Run {
    ideaboard_with(database_url, args, stdin, &[]).await
}

/// The binary with `args`, `stdin` and, besides the test's own settings, `extra` variables.
pub(crate) async fn ideaboard_with(
    database_url: &str,
    args: &[&str],
    stdin: Option<&str>,
    extra: &[(&str, &str)],
) -> Run {
    let database_url = database_url.to_string();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let stdin = stdin.map(str::to_string);
    let extra: Vec<(String, String)> = extra
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    tokio::task::spawn_blocking(move || {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ideaboard"))
            .args(&args)
            .env_clear()
            .env("DATABASE_URL", &database_url)
            .env("LOG", "error")
            .env("IDEABOARD_CONFIG", "/dev/null")
            .envs(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        if let Some(mut pipe) = child.stdin.take()
            && let Some(text) = stdin
        {
            pipe.write_all(text.as_bytes()).expect("write stdin");
        }
        let output = child.wait_with_output().expect("the binary ends");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).to_string(),
        }
    })
    .await
    .expect("task")
}

async fn user_create_with_a_piped_password_makes_an_account_that_can_log_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let run = ideaboard(
        &app.db_url,
        &[
            "user",
            "create",
            "--email",
            "ops@example.com",
            "--name",
            "Ops",
            "--role",
            "moderator",
        ],
        Some("orchid velvet harbour nine\n"),
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "created Ops <ops@example.com> as moderator"
    );
    let (_, status) = app
        .log_in("ops@example.com", "orchid velvet harbour nine")
        .await;
    assert_eq!(status, 303);
    let token = app
        .api_token("ops@example.com", "orchid velvet harbour nine")
        .await;
    let (_, me) = app.get_json("/api/v1/me", &token).await;
    assert_eq!(me["role"], "moderator");
}

async fn user_create_without_a_password_prints_a_generated_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let run = ideaboard(
        &app.db_url,
        &[
            "user",
            "create",
            "--email",
            "gen@example.com",
            "--name",
            "Gen",
        ],
        Some(""),
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let password = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .expect("the generated password is printed")
        .to_string();
    assert!(password.len() >= 20);
    let (_, status) = app.log_in("gen@example.com", &password).await;
    assert_eq!(status, 303);
}

async fn user_role_and_token_create_work_together(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.register("first@example.com", "First").await;
    app.register("pm@example.com", "Pm").await;

    let role = ideaboard(
        &app.db_url,
        &[
            "user",
            "role",
            "--email",
            "PM@example.com",
            "--role",
            "product",
        ],
        None,
    )
    .await;
    assert_eq!(role.code, 0, "{}", role.stderr);
    assert_eq!(role.stdout.trim(), "Pm <pm@example.com> is now product");

    let token = ideaboard(
        &app.db_url,
        &[
            "token",
            "create",
            "--email",
            "pm@example.com",
            "--name",
            "export job",
        ],
        None,
    )
    .await;
    assert_eq!(token.code, 0, "{}", token.stderr);
    let secret = token.stdout.trim().to_string();
    assert!(secret.starts_with("ib_"));
    let (_, me) = app.get_json("/api/v1/me", &secret).await;
    assert_eq!(me["email"], "pm@example.com");
    assert_eq!(me["role"], "product");
}

async fn cli_failures_exit_non_zero_with_one_line(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let weak = ideaboard(
        &app.db_url,
        &["user", "create", "--email", "w@example.com", "--name", "W"],
        Some("password\n"),
    )
    .await;
    assert_ne!(weak.code, 0);
    assert_eq!(weak.stderr.trim().lines().count(), 1, "{}", weak.stderr);
    assert!(weak.stderr.contains("password"), "{}", weak.stderr);

    let unknown = ideaboard(
        &app.db_url,
        &[
            "user",
            "role",
            "--email",
            "ghost@example.com",
            "--role",
            "admin",
        ],
        None,
    )
    .await;
    assert_ne!(unknown.code, 0);
    assert!(
        unknown
            .stderr
            .contains("no account with email ghost@example.com"),
        "{}",
        unknown.stderr
    );

    let bad_role = ideaboard(
        &app.db_url,
        &[
            "user",
            "role",
            "--email",
            "ghost@example.com",
            "--role",
            "owner",
        ],
        None,
    )
    .await;
    assert_ne!(bad_role.code, 0);
    assert!(
        bad_role.stderr.contains("Choose one of member"),
        "{}",
        bad_role.stderr
    );

    let bad_url = ideaboard("mysql://localhost/ideas", &["migrate"], None).await;
    assert_ne!(bad_url.code, 0);
    assert_eq!(
        bad_url.stderr.trim(),
        "ideaboard: DATABASE_URL must start with sqlite:// or postgres://"
    );
    assert_eq!(app.count_rows("users").await, 0);
}

async fn seed_fills_a_board_that_check_finds_consistent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let args = [
        "seed",
        "--ideas",
        "60",
        "--votes",
        "900",
        "--comments",
        "80",
        "--users",
        "40",
        "--seed",
        "3",
    ];
    let seeded = ideaboard(&app.db_url, &args, None).await;
    assert_eq!(seeded.code, 0, "{}", seeded.stderr);
    assert!(
        seeded
            .stdout
            .starts_with("seeded 40 users, 60 ideas, 900 votes, 80 comments"),
        "{}",
        seeded.stdout
    );
    let (_, list) = app
        .get_json("/api/v1/ideas?sort=top&per_page=100", "")
        .await;
    assert_eq!(list["total"], 60);
    assert_eq!(app.count_rows("votes").await, 900);
    // The totals were counted after the load, and the counting is on again for new ideas.
    let author = app.api_user("late@example.com", "Late Author").await;
    app.create_idea(&author, "Submitted after the seed", "")
        .await;
    let (_, newest) = app.get_json("/api/v1/ideas?per_page=1", "").await;
    assert_eq!(newest["total"], 61);
    let points: Vec<i64> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["points"].as_i64())
        .collect();
    assert!(
        points.windows(2).all(|w| w[0] >= w[1]),
        "top is sorted: {points:?}"
    );
    assert!(
        points[0] > points[59] + 50,
        "Zipf: a few ideas draw most votes: {points:?}"
    );

    let check = ideaboard(&app.db_url, &["check"], None).await;
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_eq!(check.stdout.trim(), "checked 61 ideas: no drift");

    let again = ideaboard(&app.db_url, &args, None).await;
    assert_ne!(again.code, 0, "seeding twice is refused");
    assert!(
        again.stderr.contains("already has ideas"),
        "{}",
        again.stderr
    );

    // Corrupt a counter: check reports it and fails; rerank repairs it.
    app.execute_sql(
        "UPDATE ideas SET upvotes = upvotes + 5, popular_key = 1 WHERE number = 7".into(),
    )
    .await;
    let broken = ideaboard(&app.db_url, &["check"], None).await;
    assert_eq!(broken.code, 1);
    assert!(
        broken.stdout.contains("#7 upvotes: stored"),
        "{}",
        broken.stdout
    );
    assert!(
        broken.stdout.contains("#7 popular_key"),
        "{}",
        broken.stdout
    );
    let rerank = ideaboard(&app.db_url, &["rerank"], None).await;
    assert_eq!(rerank.stdout.trim(), "re-ranked 61 ideas");
    assert_eq!(ideaboard(&app.db_url, &["check"], None).await.code, 0);
    app.assert_no_drift().await;
}

async fn the_demo_board_has_accounts_that_can_log_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let demo = ideaboard(&app.db_url, &["seed", "--demo"], None).await;
    assert_eq!(demo.code, 0, "{}", demo.stderr);
    let admin_line = demo
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("admin"))
        .expect("the admin account is printed");
    let password = admin_line
        .split_whitespace()
        .last()
        .expect("password")
        .to_string();
    assert!(admin_line.contains("admin@demo.example"));
    let token = app.api_token("admin@demo.example", &password).await;
    let (_, me) = app.get_json("/api/v1/me", &token).await;
    assert_eq!(me["role"], "admin");
    let (_, list) = app.get_json("/api/v1/ideas?per_page=100", "").await;
    assert!(
        list["total"].as_i64().unwrap_or(0) >= 25,
        "a few dozen ideas"
    );
    // Demo votes are random, so the first idea is looked up by number, not by its rank.
    let (_, idea) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(idea.contains("Dark mode for the whole app"));
    assert!(
        idea.contains("Area: Experience"),
        "in its first tag's area: {idea}"
    );
    let (_, areas) = app.get_json("/api/v1/areas", "").await;
    let names: Vec<&str> = areas["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert_eq!(names, ["Experience", "Platform", "Insights"]);
    // It reached "Planned" the way a product team moves an idea: each step with its note.
    assert!(
        idea.contains("we are looking at this with the team"),
        "{idea}"
    );
    assert!(idea.contains("This is on our roadmap for next quarter."));
    assert!(
        idea.contains("We have started on the designs") && idea.contains("Also asked as #"),
        "the product team answers, and the merged duplicate is named: {idea}"
    );
    let moderator = demo_password(&demo.stdout, "moderator@demo.example");
    let moderator = app.log_in("moderator@demo.example", &moderator).await.0;
    let (_, hidden) = app.get_page(&moderator, "/mod/hidden").await;
    assert!(hidden.contains("Advertising, not an idea"), "{hidden}");
    let (_, flags) = app.get_page(&moderator, "/mod/flags").await;
    assert!(flags.contains("Rude and off topic"), "{flags}");
    let product = demo_password(&demo.stdout, "product@demo.example");
    let product = app.log_in("product@demo.example", &product).await.0;
    let (_, listening) = app.get_page(&product, "/insights/listening").await;
    assert!(
        listening.contains("Docking station drops my second monitor")
            && listening.contains("from Community forum"),
        "the product team listens to a forum: {listening}"
    );
    let (_, feed) = app.get_page(&app.browser(), "/feeds/status.atom").await;
    assert!(
        feed.matches("<entry>").count() >= 10,
        "the status feed tells the story"
    );
    assert_eq!(ideaboard(&app.db_url, &["check"], None).await.code, 0);
}

async fn a_misconfigured_start_is_refused_naming_the_setting(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (name, value, named) in [
        ("IDEABOARD_POOL_SIZE", "4", "IDEABOARD_POOL_SIZE"),
        (
            "IDEABOARD_CONFIG",
            "/nonexistent/ideaboard.toml",
            "/nonexistent/ideaboard.toml",
        ),
        ("LOG", "ideaboard=loud", "LOG"),
        ("BASE_URL", "https://example.com/ideas", "BASE_URL"),
        ("TRUSTED_PROXIES", "10.0.0.0/99", "TRUSTED_PROXIES"),
    ] {
        let run = ideaboard_with(&app.db_url, &["migrate"], None, &[(name, value)]).await;
        assert_ne!(run.code, 0, "{name}={value} was accepted: {}", run.stdout);
        assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains(named), "{name}: {}", run.stderr);
    }
    let fine = ideaboard_with(
        &app.db_url,
        &["migrate"],
        None,
        &[("BASE_URL", "https://ideas.example.com")],
    )
    .await;
    assert_eq!(fine.code, 0, "{}", fine.stderr);
}

async fn rerender_renders_stored_markdown_again_where_it_differs(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    app.create_idea(&admin, "Dark mode", "Please make it **dark**")
        .await;
    let comment = json!({"body": "Yes, _please_"});
    app.send_json(Method::POST, "/api/v1/ideas/1/comments", &admin, comment)
        .await;
    let change = json!({"status": "planned", "note": "Coming in **May**"});
    let (status, _) = app
        .send_json(Method::PUT, "/api/v1/ideas/1/status", &admin, change)
        .await;
    assert_eq!(status, 200);
    // As a release with another Markdown policy would have stored them.
    app.execute_sql(
        "UPDATE ideas SET body_html = '<p>old body</p>', excerpt = 'old excerpt';
         UPDATE comments SET body_html = '<p>old comment</p>';
         UPDATE status_changes SET note_html = '<p>old note</p>';"
            .into(),
    )
    .await;
    let (_, before) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(before.contains("old comment") && before.contains("old note"));

    let run = ideaboard(&app.db_url, &["rerender"], None).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "rendered 3 texts again: rewrote 1 idea(s), 1 comment(s), 1 status note(s)"
    );
    let (_, page) = app.get_page(&app.browser(), "/ideas/1").await;
    for shown in [
        "<strong>dark</strong>",
        "<em>please</em>",
        "<strong>May</strong>",
    ] {
        assert!(page.contains(shown), "{shown} in the idea page");
    }
    assert!(
        !page.contains("old comment") && !page.contains("old note") && !page.contains("old body")
    );
    let (_, board) = app.get_page(&app.browser(), "/").await;
    assert!(board.contains("Please make it dark") && !board.contains("old excerpt"));

    let again = ideaboard(&app.db_url, &["rerender"], None).await;
    assert_eq!(
        again.stdout.trim(),
        "rendered 3 texts again: rewrote 0 idea(s), 0 comment(s), 0 status note(s)"
    );
}
