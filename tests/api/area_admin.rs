//! Admins change and delete product areas through the API and on `/admin/areas`: a change keeps
//! the area's address, a refusal changes nothing, a deleted area's ideas stay in no area, and
//! nobody but an admin may do either.

use reqwest::Method;
use serde_json::json;

use crate::areas::{board, made_area};
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(
    admins_change_and_delete_areas_and_their_ideas_stay,
    admins_manage_areas_from_their_page,
);

async fn admins_change_and_delete_areas_and_their_ideas_stay(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, max) = board(&app).await;
    made_area(
        &app,
        &admin,
        json!({"name": "Batteries", "owners": ["pia@example.com"]}),
    )
    .await;
    let idea = json!({"title": "Longer battery", "body": "Please", "area": "batteries"});
    app.send_json(Method::POST, "/api/v1/ideas", &max, idea)
        .await;
    let patch = |body| app.send_json(Method::PATCH, "/api/v1/areas/batteries", &admin, body);

    let (status, _) = app
        .send_json(
            Method::PATCH,
            "/api/v1/areas/batteries",
            &max,
            json!({"name": "Mine"}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .send_json(
            Method::PATCH,
            "/api/v1/areas/nowhere",
            &admin,
            json!({"name": "X"}),
        )
        .await;
    assert_eq!(status, 404);
    let (status, refused) = patch(json!({"name": "Power", "owners": ["max@example.com"]})).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "owners");
    let (_, listed) = app.get_json("/api/v1/areas", "").await;
    assert_eq!(
        listed["items"][0]["name"], "Batteries",
        "a refusal changes nothing"
    );

    let change = json!({"name": "Power", "description": "All *day*", "owners": ["admin@example.com"], "position": 5});
    let (status, changed) = patch(change).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["slug"], "batteries", "the address stays");
    assert_eq!(changed["name"], "Power");
    assert_eq!(
        changed["owners"],
        json!([{"name": "Admin", "email": "admin@example.com"}])
    );
    assert_eq!(changed["open_ideas"], 1);

    let (status, _) = app
        .send_json(Method::DELETE, "/api/v1/areas/batteries", &max, json!({}))
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .send_json(Method::DELETE, "/api/v1/areas/batteries", &admin, json!({}))
        .await;
    assert_eq!(status, 204);
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(
        idea["area"],
        serde_json::Value::Null,
        "the idea stays, in no area"
    );
    let (_, listed) = app.get_json("/api/v1/areas", "").await;
    assert_eq!(listed["items"], json!([]));
    let (status, _) = app
        .send_json(Method::DELETE, "/api/v1/areas/batteries", &admin, json!({}))
        .await;
    assert_eq!(status, 404);
    app.assert_no_drift().await;
}

async fn admins_manage_areas_from_their_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    board(&app).await;
    let (admin, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let fields = [
        ("name", "Batteries"),
        ("name_de", "Akkus"),
        ("description", "Power"),
        ("owners", "pia@example.com, admin@example.com"),
    ];
    let created = app
        .submit_form(&admin, "/admin/areas", "/admin/areas", &fields)
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let (_, page) = app.get_page(&admin, "/admin/areas").await;
    assert!(page.contains("The area is created."), "{page}");
    assert!(page.contains("Admin, Pia"), "{page}");

    let refused = [("name", "Power"), ("owners", "max@example.com")];
    let response = app
        .submit_form(
            &admin,
            "/admin/areas/batteries",
            "/admin/areas/batteries",
            &refused,
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.expect("page");
    assert!(
        page.contains("value=\"max@example.com\""),
        "what was typed stays: {page}"
    );
    let renamed = [
        ("name", "Power"),
        ("owners", "pia@example.com"),
        ("position", "3"),
    ];
    let response = app
        .submit_form(
            &admin,
            "/admin/areas/batteries",
            "/admin/areas/batteries",
            &renamed,
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let (_, listed) = app.get_json("/api/v1/areas", "").await;
    assert_eq!(listed["items"][0]["name"], "Power");
    assert_eq!(listed["items"][0]["position"], 3);

    let deleted = app
        .submit_form(
            &admin,
            "/admin/areas/batteries",
            "/admin/areas/batteries/delete",
            &[],
        )
        .await;
    assert_eq!(deleted.status().as_u16(), 303);
    let (_, listed) = app.get_json("/api/v1/areas", "").await;
    assert_eq!(listed["items"], json!([]));

    let (pia, _) = app.log_in("pia@example.com", GOOD_PASSWORD).await;
    let (status, _) = app.get_page(&pia, "/admin/areas").await;
    assert_eq!(status, 403, "product people do not define areas");
}
