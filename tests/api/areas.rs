//! Product areas: admins create them with staff owners through the API, everyone lists them with
//! their owners (email addresses for staff only) and open-idea counts, authors pick one for a new
//! idea and staff change it, and a refused area changes nothing.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    admins_create_areas_that_everyone_lists_with_owners_and_open_ideas,
    a_refused_area_is_not_written,
    authors_pick_an_area_and_pages_name_it,
    staff_change_an_ideas_area_and_refusals_change_nothing,
    the_board_filters_by_area_with_every_other_filter,
    staff_put_an_idea_in_an_area_from_its_page,
);

/// The admin's token, after making `pia@example.com` a product manager and `max@example.com` a
/// member; returns (admin, max).
pub(crate) async fn board(app: &TestApp) -> (String, String) {
    let admin = app.api_user("admin@example.com", "Admin").await;
    app.api_user("pia@example.com", "Pia").await;
    let max = app.api_user("max@example.com", "Max").await;
    let (_, users) = app.get_json("/api/v1/users", &admin).await;
    let pia = users["items"]
        .as_array()
        .and_then(|items| items.iter().find(|u| u["email"] == "pia@example.com"))
        .and_then(|u| u["id"].as_str())
        .expect("Pia is listed")
        .to_string();
    let (status, _) = app
        .send_json(
            Method::PUT,
            &format!("/api/v1/users/{pia}/role"),
            &admin,
            json!({"role": "product"}),
        )
        .await;
    assert_eq!(status, 200);
    (admin, max)
}

/// Creates an area as `admin` from `body`, asserting it was made.
pub(crate) async fn made_area(app: &TestApp, admin: &str, body: serde_json::Value) {
    let (status, area) = app
        .send_json(Method::POST, "/api/v1/areas", admin, body)
        .await;
    assert_eq!(status, 201, "{area}");
}

async fn admins_create_areas_that_everyone_lists_with_owners_and_open_ideas(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, max) = board(&app).await;
    let (status, area) = app
        .send_json(
            Method::POST,
            "/api/v1/areas",
            &admin,
            json!({
                "name": "Batteries",
                "description": "Power **all day**",
                "owners": ["pia@example.com", "ADMIN@example.com", "pia@example.com"],
                "names": {"de": "Akkus"},
            }),
        )
        .await;
    assert_eq!(status, 201, "{area}");
    assert_eq!(area["slug"], "batteries");
    assert_eq!(area["names"], json!({"de": "Akkus"}));
    assert_eq!(area["description"], "Power **all day**");
    assert_eq!(
        area["owners"],
        json!([
            {"name": "Admin", "email": "admin@example.com"},
            {"name": "Pia", "email": "pia@example.com"},
        ])
    );
    assert_eq!(area["open_ideas"], 0);

    for title in ["Longer battery life", "Spare batteries", "Battery advert"] {
        app.create_idea(&max, title, "").await;
    }
    app.execute_sql(
        "UPDATE ideas SET area_id = (SELECT id FROM areas WHERE slug = 'batteries')".into(),
    )
    .await;
    app.execute_sql("UPDATE ideas SET hidden_at = created_at WHERE number = 3".into())
        .await;
    let (status, listed) = app.get_json("/api/v1/areas", "").await;
    assert_eq!(status, 200);
    assert_eq!(
        listed["items"][0]["open_ideas"], 2,
        "the hidden idea is not open"
    );
    assert_eq!(
        listed["items"][0]["owners"],
        json!([{"name": "Admin"}, {"name": "Pia"}]),
        "visitors see owners' names, not their addresses"
    );
    let (_, audit) = app
        .get_json("/api/v1/audit?action=create_area", &admin)
        .await;
    assert_eq!(audit["items"][0]["subject"], "Batteries (de: Akkus)");

    let (status, again) = app
        .send_json(
            Method::POST,
            "/api/v1/areas",
            &admin,
            json!({"name": "batteries", "owners": ["pia@example.com"]}),
        )
        .await;
    assert_eq!(status, 409, "{again}");
    assert_eq!(again["error"]["code"], "area_exists");
}

async fn a_refused_area_is_not_written(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, max) = board(&app).await;
    let (status, _) = app
        .send_json(
            Method::POST,
            "/api/v1/areas",
            &max,
            json!({"name": "Mine", "owners": ["pia@example.com"]}),
        )
        .await;
    assert_eq!(status, 403, "a member cannot create an area");
    for (body, field, says) in [
        (
            json!({"name": "Phones", "owners": ["max@example.com"]}),
            "owners",
            "not a product, moderator or admin",
        ),
        (
            json!({"name": "Phones", "owners": ["nobody@example.com"]}),
            "owners",
            "No account has the address",
        ),
        (
            json!({"name": "Phones", "owners": []}),
            "owners",
            "at least one owner",
        ),
        (
            json!({"name": "  ", "owners": ["pia@example.com"]}),
            "name",
            "1 to 40 characters",
        ),
        (
            json!({"name": "x".repeat(41), "owners": ["pia@example.com"]}),
            "name",
            "1 to 40 characters",
        ),
        (
            json!({"name": "Phones", "description": "x".repeat(5001), "owners": ["pia@example.com"]}),
            "description",
            "at most 5000",
        ),
        (
            json!({"name": "Phones", "owners": ["pia@example.com"], "names": {"fr": "Téléphones"}}),
            "names",
            "",
        ),
    ] {
        let (status, refused) = app
            .send_json(Method::POST, "/api/v1/areas", &admin, body.clone())
            .await;
        assert_eq!(status, 422, "{body}: {refused}");
        let named = &refused["error"]["fields"][0];
        assert_eq!(named["field"], field, "{body}: {refused}");
        assert!(
            named["message"].as_str().unwrap_or("").contains(says),
            "{body}: {refused}"
        );
    }
    let (_, listed) = app.get_json("/api/v1/areas", &admin).await;
    assert_eq!(listed["items"], json!([]), "nothing was written");
}

/// The admin's and Pia's tokens and Max's, with the area `batteries` (German "Akkus"), idea #1 in
/// it and idea #2 in none, both Max's.
async fn two_ideas(app: &TestApp) -> (String, String, String) {
    let (admin, max) = board(app).await;
    let pia = app
        .api_token("pia@example.com", crate::helpers::GOOD_PASSWORD)
        .await;
    made_area(
        app,
        &admin,
        json!({"name": "Batteries", "owners": ["pia@example.com"], "names": {"de": "Akkus"}}),
    )
    .await;
    let submit =
        |area: serde_json::Value| json!({"title": "Longer battery life", "body": "", "area": area});
    let (status, refused) = app
        .send_json(Method::POST, "/api/v1/ideas", &max, submit(json!("phones")))
        .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "area");
    let (_, list) = app.get_json("/api/v1/ideas", "").await;
    assert_eq!(list["total"], 0, "a refused idea is not written");
    let (status, picked) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas",
            &max,
            submit(json!("batteries")),
        )
        .await;
    assert_eq!(status, 201, "{picked}");
    assert_eq!(picked["area"], "batteries");
    let (_, none) = app
        .send_json(Method::POST, "/api/v1/ideas", &max, submit(json!(null)))
        .await;
    assert_eq!(none["area"], json!(null));
    (admin, pia, max)
}

async fn authors_pick_an_area_and_pages_name_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    two_ideas(&app).await;
    for (browser, shown) in [
        (app.browser(), "Area: Batteries"),
        (crate::languages::browser_asking("de"), "Bereich: Akkus"),
    ] {
        for path in ["/?sort=new", "/ideas/1"] {
            let (_, page) = app.get_page(&browser, path).await;
            assert!(page.contains(shown), "{path}: {shown}: {page}");
        }
    }
    // The submit page offers the areas; a picked one is kept, an unknown one is refused there.
    let browser = app.browser();
    crate::languages::log_in(&app, &browser, "max@example.com").await;
    let (_, form) = app.get_page(&browser, "/ideas/new").await;
    assert!(
        form.contains(r#"<option value="batteries">Batteries</option>"#),
        "{form}"
    );
    let refused = app
        .submit_form(
            &browser,
            "/ideas/new",
            "/ideas/new",
            &[("title", "Spare batteries for mice"), ("area", "phones")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("body");
    assert!(page.contains("id=\"field-area-error\""), "{page}");
    assert!(
        page.contains("Spare batteries for mice"),
        "the input is kept: {page}"
    );
    let sent = app
        .submit_form(
            &browser,
            "/ideas/new",
            "/ideas/new",
            &[("title", "Spare batteries for mice"), ("area", "batteries")],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let (_, third) = app.get_json("/api/v1/ideas/3", "").await;
    assert_eq!(third["area"], "batteries", "{third}");
}

/// The subjects and reasons of the `set_area` audit entries, newest first.
async fn area_changes(app: &TestApp, admin: &str) -> Vec<(String, String)> {
    let (_, audit) = app.get_json("/api/v1/audit?action=set_area", admin).await;
    audit["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| {
            let text = |field: &str| e[field].as_str().unwrap_or("").to_string();
            (text("subject"), text("reason"))
        })
        .collect()
}

async fn staff_change_an_ideas_area_and_refusals_change_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, pia, max) = two_ideas(&app).await;
    let put = |area: serde_json::Value| json!({"area": area});
    let path = "/api/v1/ideas/2/area";
    let (status, _) = app
        .send_json(Method::PUT, path, &max, put(json!("batteries")))
        .await;
    assert_eq!(status, 403, "a member cannot set an area");
    for (body, field) in [
        (put(json!("phones")), "area"),
        (json!({}), "area"),
        (json!({"are": "batteries"}), "area"),
    ] {
        let (status, refused) = app.send_json(Method::PUT, path, &pia, body.clone()).await;
        assert_eq!(status, 422, "{body}: {refused}");
        assert_eq!(refused["error"]["fields"][0]["field"], field);
    }
    let (_, unchanged) = app.get_json("/api/v1/ideas/2", "").await;
    assert_eq!(unchanged["area"], json!(null), "refusals change nothing");
    let (status, moved) = app
        .send_json(Method::PUT, path, &pia, put(json!("batteries")))
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["area"], "batteries");
    let (status, _) = app
        .send_json(Method::PUT, path, &pia, put(json!("batteries")))
        .await;
    assert_eq!(status, 200, "the same area again is no change");
    let (_, listed) = app.get_json("/api/v1/areas", "").await;
    assert_eq!(listed["items"][0]["open_ideas"], 2);
    let (status, cleared) = app
        .send_json(
            Method::PUT,
            "/api/v1/ideas/1/area",
            &admin,
            put(json!(null)),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(cleared["area"], json!(null));
    let (status, _) = app
        .send_json(Method::PUT, "/api/v1/ideas/99/area", &pia, put(json!(null)))
        .await;
    assert_eq!(status, 404);
    // A hidden idea does not exist for product; a merged one is refused.
    app.execute_sql("UPDATE ideas SET hidden_at = created_at WHERE number = 2".into())
        .await;
    let (status, _) = app
        .send_json(Method::PUT, path, &pia, put(json!(null)))
        .await;
    assert_eq!(status, 404);
    app.execute_sql(
        "UPDATE ideas SET hidden_at = NULL, merged_into_id = (SELECT id FROM ideas WHERE number = 1) \
         WHERE number = 2"
            .into(),
    )
    .await;
    let (status, refused) = app
        .send_json(Method::PUT, path, &admin, put(json!(null)))
        .await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["error"]["code"], "idea_merged");
    assert_eq!(
        area_changes(&app, &admin).await,
        [("#1".into(), "".into()), ("#2".into(), "batteries".into())],
        "one entry per change, newest first"
    );
}

async fn the_board_filters_by_area_with_every_other_filter(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, max) = board(&app).await;
    for name in ["Batteries", "Phones"] {
        made_area(
            &app,
            &admin,
            json!({"name": name, "owners": ["pia@example.com"]}),
        )
        .await;
    }
    for (title, area) in [
        ("Longer battery life", json!("batteries")),
        ("Battery saver mode", json!("batteries")),
        ("Phone battery widget", json!("phones")),
        ("Dark mode everywhere", json!(null)),
    ] {
        let (status, idea) = app
            .send_json(
                Method::POST,
                "/api/v1/ideas",
                &max,
                json!({"title": title, "body": "", "area": area}),
            )
            .await;
        assert_eq!(status, 201, "{idea}");
    }
    for (query, numbers) in [
        ("area=batteries&sort=new", vec![2, 1]),
        ("area=batteries&per_page=1&page=2", vec![1]),
        ("area=batteries&q=battery&sort=new", vec![2, 1]),
        ("area=phones&status=open", vec![3]),
        ("area=phones&q=battery", vec![3]),
    ] {
        assert_eq!(app.listed(query).await, numbers, "{query}");
    }
    let (_, counted) = app
        .get_json("/api/v1/ideas?area=batteries&q=battery", "")
        .await;
    assert_eq!(counted["total"], 2, "{counted}");
    let (status, refused) = app.get_json("/api/v1/ideas?area=nowhere", "").await;
    assert_eq!(status, 422);
    assert_eq!(refused["error"]["fields"][0]["field"], "area");

    let (_, page) = app.get_page(&app.browser(), "/?area=batteries").await;
    assert!(
        page.contains("Longer battery life") && page.contains("Battery saver mode"),
        "{page}"
    );
    assert!(!page.contains("Phone battery widget"), "{page}");
    assert!(
        page.contains(r#"<option value="batteries" selected>"#),
        "{page}"
    );
}

async fn staff_put_an_idea_in_an_area_from_its_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, max) = board(&app).await;
    made_area(
        &app,
        &admin,
        json!({"name": "Batteries", "owners": ["pia@example.com"]}),
    )
    .await;
    app.create_idea(&max, "Longer battery life", "").await;

    let member = app.browser();
    crate::languages::log_in(&app, &member, "max@example.com").await;
    let (_, page) = app.get_page(&member, "/ideas/1").await;
    assert!(
        !page.contains("idea-area"),
        "members get no area form: {page}"
    );
    let refused = app
        .submit_form(
            &member,
            "/ideas/1",
            "/ideas/1/area",
            &[("area", "batteries")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 403);

    let product = app.browser();
    crate::languages::log_in(&app, &product, "pia@example.com").await;
    let (_, page) = app.get_page(&product, "/ideas/1").await;
    assert!(
        page.contains(r#"<select id="idea-area" name="area">"#),
        "{page}"
    );
    let saved = app
        .submit_form(
            &product,
            "/ideas/1",
            "/ideas/1/area",
            &[("area", "batteries")],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let (_, page) = app.get_page(&product, "/ideas/1").await;
    assert!(page.contains("The idea's product area is saved."), "{page}");
    assert!(
        page.contains(r#"<option value="batteries" selected>"#),
        "{page}"
    );
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(idea["area"], "batteries");
    let cleared = app
        .submit_form(&product, "/ideas/1", "/ideas/1/area", &[("area", "")])
        .await;
    assert_eq!(cleared.status().as_u16(), 303);
    let (_, idea) = app.get_json("/api/v1/ideas/1", "").await;
    assert_eq!(idea["area"], json!(null));
}
