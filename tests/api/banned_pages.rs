//! A banned person who signs in again is told so, and the pages offer them no action they could
//! not take: no vote buttons, no comment box, no submit form; they can still read and log out.
//! Moderators ban an author from the author's idea page.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_banned_person_reads_and_is_offered_nothing_to_do,
    a_moderator_bans_an_author_from_their_idea_without_knowing_their_address,
    a_refused_ban_keeps_what_was_typed_and_says_why_at_the_field,
);

const NOTICE: &str = "Your account is banned: you can read but not take part.";

async fn a_banned_person_reads_and_is_offered_nothing_to_do(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    app.create_idea(&admin, "Dark mode everywhere", "Please")
        .await;
    app.create_account("troll@example.com", "Troll").await;
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let troll_id = users["items"][1]["id"].as_str().expect("id").to_string();
    let (status, _) = app
        .send_json(
            Method::POST,
            &format!("/api/v1/users/{troll_id}/ban"),
            &admin,
            json!({"reason": "abuse"}),
        )
        .await;
    assert_eq!(status, 200);

    let (troll, status) = app.log_in("troll@example.com", GOOD_PASSWORD).await;
    assert_eq!(status, 303, "a banned person may sign in, to read");
    for path in ["/", "/?sort=new", "/ideas/1"] {
        // Twice: the page read afresh, then the one kept for the visit.
        for round in ["read", "kept"] {
            let (status, page) = app.get_page(&troll, path).await;
            assert_eq!(status, 200, "{path}");
            assert!(page.contains("Account (Troll)"), "{path} {round}");
            assert!(
                page.contains(r#"title="Your account is banned"#),
                "{path} {round}"
            );
            assert!(page.contains(">Read only</span>"), "{path} {round}");
            assert!(
                !page.contains(r#"action="/ideas/1/vote""#),
                "{path} {round}: no vote form"
            );
            assert!(!page.contains("Log in to vote"), "{path} {round}");
            assert!(
                page.contains(r#"action="/logout""#),
                "{path} {round}: may log out"
            );
        }
    }
    let (_, idea) = app.get_page(&troll, "/ideas/1").await;
    assert!(idea.contains(NOTICE));
    assert!(
        !idea.contains(r#"action="/ideas/1/comments""#),
        "no comment box"
    );
    assert!(
        !idea.contains(r#"action="/ideas/1/follow""#),
        "no follow button"
    );
    let (status, submit) = app.get_page(&troll, "/ideas/new").await;
    assert_eq!(status, 200);
    assert!(submit.contains(NOTICE));
    assert!(!submit.contains(r#"action="/ideas/new""#), "no submit form");

    // Someone not banned sees every action.
    let (admin_browser, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let (_, idea) = app.get_page(&admin_browser, "/ideas/1").await;
    assert!(
        idea.contains(r#"action="/ideas/1/vote""#)
            && idea.contains(r#"action="/ideas/1/comments""#)
    );
    assert!(!idea.contains(NOTICE));
}

async fn a_moderator_bans_an_author_from_their_idea_without_knowing_their_address(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let troll = app.api_user("troll@example.com", "Troll").await;
    app.create_idea(&troll, "Buy cheap pills", "spam").await;
    app.create_idea(&admin, "Dark mode everywhere", "Please")
        .await;
    let (moderator, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let (_, page) = app.get_page(&moderator, "/ideas/2").await;
    assert!(!page.contains("Ban Admin"), "no ban form for staff");
    let (_, page) = app.get_page(&moderator, "/ideas/1").await;
    assert!(page.contains(">Ban Troll</button>"), "{page}");
    assert!(
        !page.contains("troll@example.com"),
        "no address on the page"
    );
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let troll_id = users["items"][1]["id"].as_str().expect("id").to_string();
    let banned = app
        .submit_form(
            &moderator,
            "/ideas/1",
            &format!("/mod/users/{troll_id}/ban"),
            &[("reason", "spam"), ("return_to", "/ideas/1")],
        )
        .await;
    assert_eq!(banned.status().as_u16(), 303);
    assert_eq!(banned.headers()["location"], "/ideas/1");
    let (_, page) = app.get_page(&moderator, "/ideas/1").await;
    assert!(page.contains("The person is banned"));
    let (status, refused) = app.vote(&troll, 2, 1).await;
    assert_eq!(status, 403, "read only now: {refused}");
    let (_, audit) = app.get_page(&moderator, "/mod/audit?action=ban_user").await;
    assert!(
        audit.contains(
            "<td><code>ban_user</code></td><td>Troll &lt;troll@example.com&gt;</td><td>spam</td>"
        ),
        "audited: {audit}"
    );
}

async fn a_refused_ban_keeps_what_was_typed_and_says_why_at_the_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (moderator, _) = {
        app.create_account("admin@example.com", "Admin").await;
        app.log_in("admin@example.com", GOOD_PASSWORD).await
    };
    app.create_account("ann@example.com", "Ann").await;
    let cases = [
        ("nobody@example.com", "spam", "No account has this address."),
        (
            "admin@example.com",
            "spam",
            "Administrators and you yourself cannot be banned.",
        ),
        (
            "ann@example.com",
            "",
            "Give a reason; it goes in the audit log.",
        ),
    ];
    for (email, reason, expected) in cases {
        let refused = app
            .submit_form(
                &moderator,
                "/mod/users",
                "/mod/users",
                &[("email", email), ("reason", reason), ("decision", "ban")],
            )
            .await;
        assert_eq!(refused.status().as_u16(), 422, "{email}");
        let page = refused.text().await.expect("body");
        assert!(page.contains("<title>Error: Ban · Ideaboard</title>"));
        assert!(page.contains(expected), "{expected}: {page}");
        assert!(
            page.contains(&format!(r#"value="{email}""#)),
            "the address is kept"
        );
    }
    let (_, audit) = app.get_page(&moderator, "/mod/audit?action=ban_user").await;
    assert!(
        !audit.contains("<code>ban_user</code>"),
        "nobody was banned"
    );
}
