//! What a person is told after an action taken through the pages: a confirmation, or what went
//! wrong, on the page they came from, never a bare error page; and where they land after logging
//! in.

use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    flagging_twice_is_told_kindly_and_counted_once,
    a_page_that_needs_a_log_in_comes_back_after_it,
    a_refused_tag_form_keeps_what_was_typed_and_each_change_is_confirmed,
    every_staff_action_is_confirmed_where_it_lands,
    a_moderator_tags_an_idea_from_its_page,
    a_moderator_hides_and_unhides_a_comment_from_under_it,
    a_refused_log_in_or_registration_says_so_in_the_title_and_takes_the_focus,
    a_refused_status_form_keeps_what_was_typed,
);

async fn flagging_twice_is_told_kindly_and_counted_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Buy cheap pills", "spam").await;
    let sam = app.register("sam@example.com", "Sam").await;
    for expected in [
        "Thank you. Moderators will look at it.",
        "You flagged this already. Moderators will look at it.",
    ] {
        let flagged = app
            .submit_form(&sam, "/ideas/1", "/ideas/1/flag", &[("reason", "spam")])
            .await;
        assert_eq!(flagged.status().as_u16(), 303);
        assert_eq!(flagged.headers()["location"], "/ideas/1");
        let (status, page) = app.get_page(&sam, "/ideas/1").await;
        assert_eq!(status, 200);
        assert!(page.contains(expected), "{expected}");
    }
    assert_eq!(app.count_rows("flags").await, 1);
}

async fn a_page_that_needs_a_log_in_comes_back_after_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.create_account("sam@example.com", "Sam").await;
    let browser = app.browser();
    let sent = browser
        .get(app.url("/account/notifications"))
        .send()
        .await
        .expect("GET");
    assert_eq!(sent.status().as_u16(), 303);
    assert_eq!(
        sent.headers()["location"],
        "/login?next=%2Faccount%2Fnotifications"
    );
    let (status, form) = app
        .get_page(&browser, "/login?next=%2Faccount%2Fnotifications")
        .await;
    assert_eq!(status, 200);
    assert!(form.contains(r#"<input type="hidden" name="next" value="/account/notifications">"#));
    let logged_in = app
        .submit_form(
            &browser,
            "/login?next=%2Faccount%2Fnotifications",
            "/login",
            &[
                ("email", "sam@example.com"),
                ("password", GOOD_PASSWORD),
                ("next", "/account/notifications"),
            ],
        )
        .await;
    assert_eq!(logged_in.status().as_u16(), 303);
    assert_eq!(logged_in.headers()["location"], "/account/notifications");

    // Only a path on this site: anything else lands on the board.
    for elsewhere in [
        "//evil.example/",
        "https://evil.example/",
        "javascript:alert(1)",
    ] {
        let other = app.browser();
        let response = app
            .submit_form(
                &other,
                "/login",
                "/login",
                &[
                    ("email", "sam@example.com"),
                    ("password", GOOD_PASSWORD),
                    ("next", elsewhere),
                ],
            )
            .await;
        assert_eq!(response.headers()["location"], "/", "{elsewhere}");
    }
}

async fn a_refused_tag_form_keeps_what_was_typed_and_each_change_is_confirmed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let moderator = app.register("mod@example.com", "Moe").await; // the first account: admin
    let refused = app
        .submit_form(
            &moderator,
            "/mod/tags",
            "/mod/tags",
            &[("name", "Mobile"), ("color", "purple")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("body");
    assert!(
        page.contains("<title>Error: Tags · Ideaboard</title>"),
        "{page}"
    );
    assert!(page.contains(r##"<a href="#field-color">A colour is #rgb or #rrggbb.</a>"##));
    assert!(page.contains(r#"value="Mobile""#) && page.contains(r#"value="purple""#));
    assert!(page.contains(r#"aria-invalid="true""#));
    assert_eq!(app.count_rows("tags").await, 0, "nothing was created");

    let created = app
        .submit_form(
            &moderator,
            "/mod/tags",
            "/mod/tags",
            &[("name", "Mobile"), ("color", "#6b46c1")],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let (_, page) = app.get_page(&moderator, "/mod/tags").await;
    assert!(page.contains("The tag is created."));
    assert!(
        page.contains("<summary>Delete</summary>")
            && page.contains("Delete the tag “Mobile” and take it off every idea?"),
        "a delete asks first"
    );

    let refused = app
        .submit_form(
            &moderator,
            "/mod/tags",
            "/mod/tags/mobile",
            &[("name", "Phones"), ("color", "nope")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("body");
    assert!(
        page.contains(r#"value="Phones""#) && page.contains(r#"value="nope""#),
        "the row keeps it"
    );
    assert!(page.contains(r#"<p class="error" id="tag-mobile-error" role="alert">A colour is #rgb or #rrggbb. </p>"#), "{page}");
    let (_, tags) = app.get_page(&app.api_client(), "/api/v1/tags").await;
    assert!(
        tags.contains(r#""name":"Mobile""#) && tags.contains("#6b46c1"),
        "unchanged: {tags}"
    );

    let deleted = app
        .submit_form(&moderator, "/mod/tags", "/mod/tags/mobile/delete", &[])
        .await;
    assert_eq!(deleted.status().as_u16(), 303);
    let (_, page) = app.get_page(&moderator, "/mod/tags").await;
    assert!(page.contains("The tag is deleted and taken off every idea."));
}

/// Submits `fields` from `form_path` to `action` and returns the page the redirect lands on.
async fn landing(
    app: &TestApp,
    browser: &reqwest::Client,
    form_path: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> String {
    let response = app.submit_form(browser, form_path, action, fields).await;
    assert_eq!(response.status().as_u16(), 303, "{action}");
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let (status, page) = app.get_page(browser, &location).await;
    assert_eq!(status, 200, "{location}");
    page
}

/// (form page, action, fields, the confirmation expected where the action lands)
type Step = (
    &'static str,
    &'static str,
    Vec<(&'static str, &'static str)>,
    &'static str,
);

async fn every_staff_action_is_confirmed_where_it_lands(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.register("admin@example.com", "Admin").await; // the first account: admin
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Dark mode everywhere", "Please")
        .await;
    app.create_idea(&ann, "A night theme", "Same").await;
    let steps: [Step; 9] = [
        (
            "/ideas/1",
            "/mod/ideas/1/lock",
            vec![("reason", "heated")],
            "Comments on this idea are locked.",
        ),
        (
            "/ideas/1",
            "/mod/ideas/1/unlock",
            vec![("reason", "calm")],
            "Comments on this idea are open again.",
        ),
        (
            "/ideas/1",
            "/mod/ideas/1/hide",
            vec![("reason", "spam")],
            "The idea is hidden from the board.",
        ),
        (
            "/ideas/1",
            "/mod/ideas/1/unhide",
            vec![("reason", "fine")],
            "The idea is shown on the board again.",
        ),
        (
            "/ideas/2",
            "/mod/ideas/2/merge",
            vec![("into", "1")],
            "Merged. Votes, followers and comments moved here",
        ),
        (
            "/mod/users",
            "/mod/users",
            vec![
                ("email", "ann@example.com"),
                ("reason", "abuse"),
                ("decision", "ban"),
            ],
            "The person is banned",
        ),
        (
            "/mod/users",
            "/mod/users",
            vec![
                ("email", "ann@example.com"),
                ("reason", "sorry"),
                ("decision", "unban"),
            ],
            "The person may take part again.",
        ),
        (
            "/admin/statuses",
            "/admin/statuses",
            vec![
                ("name", "Shipped soon"),
                ("color", "#2f855a"),
                ("kind", "active"),
            ],
            "The status is added at the end of the pipeline.",
        ),
        (
            "/admin/mail",
            "/admin/mail/test",
            vec![("to", "ops@example.com")],
            "The test email is queued",
        ),
    ];
    for (form_path, action, fields, expected) in steps {
        let page = landing(&app, &admin, form_path, action, &fields).await;
        assert!(page.contains(expected), "{action}: {expected}");
    }
}

async fn a_moderator_tags_an_idea_from_its_page(backend: Backend) {
    use reqwest::Method;
    use serde_json::json;
    let app = TestApp::spawn(backend).await;
    let moderator = app.register("mod@example.com", "Moe").await; // the first account: admin
    let admin = app.api_token("mod@example.com", GOOD_PASSWORD).await;
    for name in ["UI", "Mobile", "Reporting"] {
        app.send_json(
            Method::POST,
            "/api/v1/tags",
            &admin,
            json!({ "name": name }),
        )
        .await;
    }
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Dark mode everywhere", "Please")
        .await;
    let (_, page) = app.get_page(&moderator, "/ideas/1").await;
    assert!(
        page.contains(r#"<input type="checkbox" name="tags" value="mobile">"#),
        "{page}"
    );

    let page = landing(
        &app,
        &moderator,
        "/ideas/1",
        "/mod/ideas/1/tags",
        &[("tags", "ui"), ("tags", "mobile")],
    )
    .await;
    assert!(
        page.contains("The idea&#39;s tags are saved.")
            || page.contains("The idea's tags are saved.")
    );
    assert!(page.contains(r#"<input type="checkbox" name="tags" value="mobile" checked>"#));
    let (_, idea) = app.get_json("/api/v1/ideas/1", &ann).await;
    let mut tags: Vec<&str> = idea["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    tags.sort_unstable();
    assert_eq!(tags, ["mobile", "ui"]);

    // None ticked: no tags. A member has no such form, and the address refuses them.
    landing(&app, &moderator, "/ideas/1", "/mod/ideas/1/tags", &[]).await;
    let (_, idea) = app.get_json("/api/v1/ideas/1", &ann).await;
    assert_eq!(idea["tags"], json!([]));
    let member = app.register("sam@example.com", "Sam").await;
    let (_, page) = app.get_page(&member, "/ideas/1").await;
    assert!(!page.contains(r#"name="tags""#));
    let refused = app
        .submit_form(&member, "/ideas/1", "/mod/ideas/1/tags", &[("tags", "ui")])
        .await;
    assert_eq!(refused.status().as_u16(), 403);
}

async fn a_moderator_hides_and_unhides_a_comment_from_under_it(backend: Backend) {
    use reqwest::Method;
    use serde_json::json;
    let app = TestApp::spawn(backend).await;
    let moderator = app.register("mod@example.com", "Moe").await; // the first account: admin
    let ann = app.api_user("ann@example.com", "Ann").await;
    app.create_idea(&ann, "Dark mode everywhere", "Please")
        .await;
    let (status, comment) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/1/comments",
            &ann,
            json!({"body": "buy pills here"}),
        )
        .await;
    assert_eq!(status, 201);
    let id = comment["id"].as_str().expect("id").to_string();
    let visitor = app.api_client();
    let (_, page) = app.get_page(&moderator, "/ideas/1").await;
    assert!(page.contains("<summary>Moderate</summary>") && page.contains(">Ban Ann</button>"));

    let page = landing(
        &app,
        &moderator,
        "/ideas/1",
        &format!("/mod/comments/{id}/hide"),
        &[("reason", "spam")],
    )
    .await;
    assert!(page.contains("The comment is hidden; moderators still see it, marked."));
    assert!(page.contains("buy pills here") && page.contains("<strong>hidden</strong>"));
    assert!(page.contains(&format!(r#"action="/mod/comments/{id}/unhide""#)));
    let (_, public) = app.get_page(&visitor, "/ideas/1").await;
    assert!(
        !public.contains("buy pills here"),
        "hidden from everyone else"
    );

    let page = landing(
        &app,
        &moderator,
        "/ideas/1",
        &format!("/mod/comments/{id}/unhide"),
        &[],
    )
    .await;
    assert!(page.contains("The comment is shown again."));
    let (_, public) = app.get_page(&visitor, "/ideas/1").await;
    assert!(public.contains("buy pills here"));
    let (_, audit) = app.get_page(&moderator, "/mod/audit").await;
    assert!(
        audit.contains("<code>hide_comment</code>")
            && audit.contains("<code>unhide_comment</code>")
    );
}

async fn a_refused_log_in_or_registration_says_so_in_the_title_and_takes_the_focus(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    app.create_account("sam@example.com", "Sam").await;
    let browser = app.browser();
    let refused = app
        .submit_form(
            &browser,
            "/login",
            "/login",
            &[
                ("email", "sam@example.com"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 401);
    let page = refused.text().await.expect("body");
    assert!(page.contains("<title>Error: Log in · Ideaboard</title>"));
    assert!(
        page.contains(r#"role="alert" id="login-error" tabindex="-1" autofocus"#),
        "{page}"
    );
    assert!(
        page.contains(r#"value="sam@example.com""#),
        "the address is kept"
    );

    let refused = app
        .submit_form(
            &app.browser(),
            "/register",
            "/register",
            &[
                ("email", "not an address"),
                ("name", "Eve"),
                ("password", GOOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("body");
    assert!(page.contains("<title>Error: Create an account · Ideaboard</title>"));
    assert!(
        page.contains(r##"<a href="#field-email">"##),
        "the summary leads to the field"
    );
    assert!(page.contains(r#"value="not an address""#) && page.contains(r#"value="Eve""#));
}

async fn a_refused_status_form_keeps_what_was_typed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.register("admin@example.com", "Admin").await; // the first account: admin
    let (_, before) = app.get_page(&admin, "/admin/statuses").await;
    let refused = app
        .submit_form(
            &admin,
            "/admin/statuses",
            "/admin/statuses",
            &[
                ("name", "Shipping soon"),
                ("color", "purple"),
                ("kind", "active"),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("body");
    assert!(page.contains("<title>Error: Statuses · Ideaboard</title>"));
    assert!(
        page.contains(r##"<a href="#field-color">A colour is #rgb or #rrggbb.</a>"##),
        "{page}"
    );
    assert!(page.contains(r#"value="Shipping soon""#) && page.contains(r#"value="purple""#));
    let (_, after) = app.get_page(&admin, "/admin/statuses").await;
    assert_eq!(
        before.matches("status-row").count(),
        after.matches("status-row").count(),
        "no status was added"
    );

    let refused = app
        .submit_form(
            &admin,
            "/admin/statuses",
            "/admin/statuses/planned",
            &[
                ("name", "Planned!"),
                ("color", "#2b6cb0"),
                ("kind", "nonsense"),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("body");
    assert!(
        page.contains(r#"value="Planned!""#),
        "the row keeps what was typed"
    );
    assert!(page.contains("The kind is open, active, completed, declined or closed."));
    let (_, statuses) = app.get_page(&app.api_client(), "/api/v1/statuses").await;
    assert!(!statuses.contains("Planned!"), "unchanged");
}
