//! `/mod` and `/admin`: each role's landing page counts what waits for it (flags, ideas not yet
//! moved along the pipeline, mail) and lists only the tools the person may use; others get 403.
//! `/mod/hidden` lists what moderators hid, to show it again.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    each_staff_role_lands_on_what_waits_for_it,
    moderators_find_what_they_hid_and_show_it_again,
);

async fn each_staff_role_lands_on_what_waits_for_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    for title in ["Dark mode", "Offline mode", "Bulk tagging"] {
        app.create_idea(&ann, title, "Please").await;
    }
    let (status, _) = app
        .send_json(
            Method::POST,
            "/api/v1/flags",
            &ann,
            json!({"idea": 2, "reason": "spam"}),
        )
        .await;
    assert_eq!(status, 201);
    for (email, name, role) in [
        ("moe@example.com", "Moe", "moderator"),
        ("pat@example.com", "Pat", "product"),
    ] {
        app.create_account(email, name).await;
        app.make_role(&admin, email, role).await;
    }
    let browser = |email: &'static str| {
        let app = &app;
        async move { app.log_in(email, GOOD_PASSWORD).await.0 }
    };
    let (moe, pat, boss, member) = (
        browser("moe@example.com").await,
        browser("pat@example.com").await,
        browser("admin@example.com").await,
        browser("ann@example.com").await,
    );

    let (status, page) = app.get_page(&moe, "/mod").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(r#"<a href="/mod/flags"><strong>1</strong> flagged ideas and comments</a>"#),
        "{page}"
    );
    assert!(
        page.contains(
            r#"<a href="/?status=open&amp;sort=new"><strong>3</strong> ideas still “Open”</a>"#
        ),
        "{page}"
    );
    assert!(page.contains(r#"<a href="/mod">Moderate</a>"#));
    assert!(page.contains(r#"href="/mod/audit""#) && !page.contains(r#"href="/admin/users""#));
    assert!(!page.contains("emails"), "mail is the admins'");
    assert_eq!(app.get_page(&moe, "/admin").await.0, 403);
    let (_, audit) = app.get_page(&moe, "/mod/audit").await;
    assert!(audit.contains(r#"<a href="/mod/audit" aria-current="page">Audit log</a>"#));
    assert!(audit.contains(r#"<a href="/mod">Overview</a>"#));
    assert!(audit.contains("<code>set_role</code>") && !audit.contains("Nothing is recorded"));
    let (_, merges) = app.get_page(&moe, "/mod/audit?action=merge").await;
    assert!(
        merges.contains("Nothing is recorded here yet"),
        "an empty list says so"
    );
    assert!(!merges.contains("<th>When</th>"));

    let (status, page) = app.get_page(&boss, "/admin").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<strong>0</strong> emails that failed"),
        "{page}"
    );
    assert!(
        page.contains(r#"<a href="/admin">Admin</a>"#) && page.contains(r#"href="/admin/users""#)
    );
    assert!(page.contains(r#"href="/admin/export""#) && page.contains(r#"href="/mod/flags""#));

    let (_, board) = app.get_page(&pat, "/").await;
    assert!(
        board.contains(r#"<a href="/admin/export">Export</a>"#),
        "the export is linked for product"
    );
    assert_eq!(app.get_page(&pat, "/mod").await.0, 403);
    assert_eq!(app.get_page(&member, "/mod").await.0, 403);
    assert_eq!(app.get_page(&member, "/admin").await.0, 403);
    let (status, _) = app.get_page(&app.browser(), "/mod").await;
    assert!(
        matches!(status, 303 | 401),
        "a visitor is sent to log in ({status})"
    );
}

async fn moderators_find_what_they_hid_and_show_it_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Dark mode", "Please").await;
    app.create_idea(&ann, "Cheap pills here", "Buy now").await;
    let (status, comment) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &ann,
            json!({"body": "Visit my shop for **deals**"}),
        )
        .await;
    assert_eq!(status, 201, "{comment}");
    let comment = comment["id"].as_str().expect("comment id").to_string();
    app.create_account("moe@example.com", "Moe").await;
    app.make_role(&admin, "moe@example.com", "moderator").await;
    let moe = app.log_in("moe@example.com", GOOD_PASSWORD).await.0;

    let (_, empty) = app.get_page(&moe, "/mod/hidden").await;
    assert!(empty.contains("Nothing is hidden."), "{empty}");
    let hidden = app
        .submit_form(
            &moe,
            "/ideas/2",
            "/mod/ideas/2/hide",
            &[("reason", "pill spam")],
        )
        .await;
    assert_eq!(hidden.status().as_u16(), 303);
    let path = format!("/mod/comments/{comment}/hide");
    let hidden = app
        .submit_form(&moe, "/ideas/1", &path, &[("reason", "shop link")])
        .await;
    assert_eq!(hidden.status().as_u16(), 303);

    let (status, list) = app.get_page(&moe, "/mod/hidden").await;
    assert_eq!(status, 200);
    assert!(
        list.contains(r#"<a href="/mod/hidden" aria-current="page">Hidden</a>"#),
        "{list}"
    );
    assert!(list.contains("#2 Cheap pills here") && list.contains("pill spam"));
    assert!(
        list.contains("Visit my shop for deals") && list.contains("shop link"),
        "the comment as plain words, with its reason: {list}"
    );
    let shown = app
        .submit_form(
            &moe,
            "/mod/hidden",
            "/mod/ideas/2/unhide",
            &[("return_to", "/mod/hidden")],
        )
        .await;
    assert_eq!(shown.status().as_u16(), 303);
    assert_eq!(shown.headers()["location"], "/mod/hidden");
    let (_, list) = app.get_page(&moe, "/mod/hidden").await;
    assert!(
        list.contains("The idea is shown on the board again."),
        "confirmed: {list}"
    );
    assert!(!list.contains("#2 Cheap pills here") && list.contains("shop link"));
    let (_, board) = app.get_page(&app.browser(), "/").await;
    assert!(board.contains("Cheap pills here"), "back on the board");

    let member = app.log_in("ann@example.com", GOOD_PASSWORD).await.0;
    assert_eq!(app.get_page(&member, "/mod/hidden").await.0, 403);

    // Hidden, then merged: visitors never see its title on the idea it went into.
    let hidden = app
        .submit_form(
            &moe,
            "/ideas/2",
            "/mod/ideas/2/hide",
            &[("reason", "pill spam")],
        )
        .await;
    assert_eq!(hidden.status().as_u16(), 303);
    let merged = app
        .submit_form(&moe, "/ideas/2", "/mod/ideas/2/merge", &[("into", "1")])
        .await;
    assert_eq!(merged.status().as_u16(), 303);
    let (_, target) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(!target.contains("Cheap pills"), "{target}");
    let (_, target) = app.get_page(&moe, "/ideas/1").await;
    assert!(
        target.contains("Also asked as"),
        "moderators see it: {target}"
    );
    let (_, list) = app.get_page(&moe, "/mod/hidden").await;
    assert!(
        list.contains("#2 Cheap pills here"),
        "merged and hidden, still listed"
    );
}
