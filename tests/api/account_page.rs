//! The account page: changing the name everyone sees, what a refused name gets, and that a
//! banned person keeps theirs.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(a_person_changes_the_name_everyone_sees,);

async fn a_person_changes_the_name_everyone_sees(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("avery@example.com", "Avery Boss").await;
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Dark mode everywhere", "Please")
        .await;
    let browser = app.log_in("ann@example.com", GOOD_PASSWORD).await.0;

    let renamed = app
        .submit_form(
            &browser,
            "/account",
            "/account/name",
            &[("name", "  Ann Smith ")],
        )
        .await;
    assert_eq!(renamed.status().as_u16(), 303);
    assert_eq!(renamed.headers()["location"], "/account");
    let (_, account) = app.get_page(&browser, "/account").await;
    assert!(account.contains("Your name is changed"), "{account}");
    assert!(account.contains(r#"name="name" type="text" value="Ann Smith""#));
    let (_, idea) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(
        idea.contains("by Ann Smith"),
        "others see it at once: {idea}"
    );

    for (typed, why) in [
        ("", "Enter the name other people will see."),
        (
            "Admin",
            "looks like the name of someone who runs this board",
        ),
        (
            "Avery B0ss",
            "looks like the name of someone who runs this board",
        ),
    ] {
        let refused = app
            .submit_form(&browser, "/account", "/account/name", &[("name", typed)])
            .await;
        assert_eq!(refused.status().as_u16(), 422, "{typed}");
        let page = refused.text().await.expect("page");
        assert!(
            page.contains("<title>Error: Your account"),
            "{typed}: {page}"
        );
        assert!(page.contains(why), "{typed}: {page}");
        assert!(
            page.contains(&format!(r#"name="name" type="text" value="{typed}""#)),
            "what was typed is kept: {page}"
        );
    }
    let (_, me) = app.get_json("/api/v1/me", &ann).await;
    assert_eq!(me["name"], "Ann Smith", "a refused name changes nothing");
    let (_, admin_me) = app.get_json("/api/v1/me", &admin).await;
    assert_eq!(admin_me["name"], "Avery Boss");

    // Banned, Ann still reads her account page but keeps the name everyone saw.
    let ann_id = me["id"].as_str().expect("id").to_string();
    let (status, _) = app
        .send_json(
            Method::POST,
            &format!("/api/v1/users/{ann_id}/ban"),
            &admin,
            json!({"reason": "abuse"}),
        )
        .await;
    assert_eq!(status, 200);
    let browser = app.log_in("ann@example.com", GOOD_PASSWORD).await.0;
    let refused = app
        .submit_form(
            &browser,
            "/account",
            "/account/name",
            &[("name", "Rude Name")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 403);
    let (_, idea) = app.get_page(&app.browser(), "/ideas/1").await;
    assert!(idea.contains("by Ann Smith") && !idea.contains("Rude Name"));
}
