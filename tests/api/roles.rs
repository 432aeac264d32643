//! Roles: what a member is refused and an administrator may do; staff wear badges, and no
//! member's name can pass for theirs.

use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    a_member_is_refused_what_an_admin_may_do,
    an_admin_changes_a_role_on_the_users_page,
    staff_wear_badges_and_no_member_can_pass_for_them,
);

async fn a_member_is_refused_what_an_admin_may_do(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("boss@example.com", "Boss").await;
    let member = app.api_user("pat@example.com", "Pat").await;
    let client = app.api_client();

    let (status, body) = app.get_json("/api/v1/users", &member).await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "forbidden");

    let (status, body) = app.get_json("/api/v1/users", &admin).await;
    assert_eq!(status, 200);
    let emails: Vec<&str> = body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|u| u["email"].as_str())
        .collect();
    assert_eq!(emails, ["boss@example.com", "pat@example.com"]);
    let pat_id = body["items"][1]["id"].as_str().expect("id").to_string();

    let self_promotion = client
        .put(app.url(&format!("/api/v1/users/{pat_id}/role")))
        .bearer_auth(&member)
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .expect("PUT");
    assert_eq!(self_promotion.status().as_u16(), 403);

    let bad_role = client
        .put(app.url(&format!("/api/v1/users/{pat_id}/role")))
        .bearer_auth(&admin)
        .json(&json!({"role": "owner"}))
        .send()
        .await
        .expect("PUT");
    assert_eq!(bad_role.status().as_u16(), 422);

    let promoted = client
        .put(app.url(&format!("/api/v1/users/{pat_id}/role")))
        .bearer_auth(&admin)
        .json(&json!({"role": "moderator"}))
        .send()
        .await
        .expect("PUT");
    assert_eq!(promoted.status().as_u16(), 200);
    let (_, me) = app.get_json("/api/v1/me", &member).await;
    assert_eq!(me["role"], "moderator");
    let (_, log) = app.get_json("/api/v1/audit?action=set_role", &admin).await;
    assert_eq!(log["items"][0]["actor"], "Boss");
    assert_eq!(log["items"][0]["reason"], "moderator");
    let still_refused = client
        .get(app.url("/api/v1/users"))
        .bearer_auth(&member)
        .send()
        .await
        .expect("GET");
    assert_eq!(
        still_refused.status().as_u16(),
        403,
        "moderators do not administer users"
    );
}

async fn an_admin_changes_a_role_on_the_users_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.register("root@example.com", "Root").await;
    let member = app.register("joe@example.com", "Joe").await;

    let (status, page) = app.get_page(&member, "/admin/users").await;
    assert_eq!(status, 403);
    assert!(page.contains("You do not have permission"));

    let (status, page) = app.get_page(&admin, "/admin/users").await;
    assert_eq!(status, 200);
    assert!(page.contains("joe@example.com"));
    let marker = "name=\"user_id\" value=\"";
    let ids: Vec<String> = page
        .match_indices(marker)
        .map(|(i, _)| page[i + marker.len()..i + marker.len() + 36].to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    let joe = &ids[1];

    let changed = app
        .submit_form(
            &admin,
            "/admin/users",
            "/admin/users/role",
            &[("user_id", joe), ("role", "product")],
        )
        .await;
    assert_eq!(changed.status().as_u16(), 303);
    let (_, page) = app.get_page(&admin, "/admin/users").await;
    assert!(page.contains("The role is changed."));
    assert!(page.contains("<option value=\"product\" selected>product</option>"));

    let (_, member_page) = app.get_page(&member, "/account").await;
    let csrf = crate::helpers::html::csrf_token(&member_page);
    let refused = member
        .post(app.url("/admin/users/role"))
        .form(&[
            ("user_id", joe.as_str()),
            ("role", "admin"),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(refused.status().as_u16(), 403);
    let (_, page) = app.get_page(&admin, "/admin/users").await;
    assert_eq!(
        page.matches("value=\"admin\" selected").count(),
        1,
        "only Root is an admin"
    );
}

async fn staff_wear_badges_and_no_member_can_pass_for_them(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    let grace = app.api_user("grace@example.com", "Grace Hopper").await;
    let bo = app.api_user("bo@example.com", "Bo").await;
    let (_, me) = app.get_json("/api/v1/me", &grace).await;
    let grace_id = me["id"].as_str().expect("id").to_string();
    let (status, _) = app
        .send_json(
            reqwest::Method::PUT,
            &format!("/api/v1/users/{grace_id}/role"),
            &ada,
            json!({"role": "moderator"}),
        )
        .await;
    assert_eq!(status, 200);

    let number = app.create_idea(&bo, "Dark mode", "Please").await["number"]
        .as_i64()
        .expect("number");
    for (token, body) in [(&grace, "Thanks, we are on it."), (&bo, "Me too.")] {
        let (status, _) = app
            .send_json(
                reqwest::Method::POST,
                &format!("/api/v1/ideas/{number}/comments"),
                token,
                json!({"body": body}),
            )
            .await;
        assert_eq!(status, 201);
    }
    let (status, _) = app
        .send_json(
            reqwest::Method::PUT,
            &format!("/api/v1/ideas/{number}/status"),
            &ada,
            json!({"status": "planned", "note": "It is on the roadmap."}),
        )
        .await;
    assert_eq!(status, 200);

    let (_, page) = app
        .get_page(&app.browser(), &format!("/ideas/{number}"))
        .await;
    let badge = |role: &str| {
        format!(r#"<span class="badge staff" title="Works on this board">{role}</span>"#)
    };
    assert!(
        page.contains(&format!(
            "<strong>Grace Hopper {}</strong>",
            badge("Moderator")
        )),
        "the moderator's comment wears her badge: {page}"
    );
    assert!(
        page.contains("<strong>Bo</strong>"),
        "a member's name stands alone"
    );
    assert!(
        page.contains(&format!("Ada {}", badge("Admin"))),
        "the status note is signed by an admin"
    );
    assert_eq!(page.matches("badge staff").count(), 2);

    for lookalike in [
        "GRACE H0PPER",
        "Grace  Hopper",
        "\u{0410}dmin",
        "Ad\u{200B}min",
        "Moderator",
    ] {
        let (status, answer) = app
            .send_json(
                reqwest::Method::POST,
                "/api/v1/users",
                "",
                json!({"email": "eve@example.com", "name": lookalike, "password": crate::helpers::GOOD_PASSWORD}),
            )
            .await;
        assert_eq!(status, 422, "{lookalike:?}: {answer}");
        assert_eq!(
            answer["error"]["fields"][0]["field"], "name",
            "{lookalike:?}"
        );
    }
    app.api_user("eve@example.com", "Grace Hoppington").await;
    assert_eq!(app.count_rows("users").await, 4);
}
