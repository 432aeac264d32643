//! The site as a whole: security headers, hashed assets, the colours set on the board, error
//! pages, health checks.

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    every_page_carries_the_security_headers,
    assets_are_served_under_hashed_names_for_a_year,
    unknown_pages_get_the_sites_404,
    health_and_readiness_answer,
    an_https_site_sends_hsts_and_host_prefixed_secure_cookies,
    pages_need_no_inline_script_or_style_under_the_csp,
    no_page_shown_to_a_signed_in_person_is_stored_by_a_cache,
    status_and_tag_colours_reach_the_pages_with_readable_text,
);

async fn every_page_carries_the_security_headers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for path in ["/", "/login", "/nowhere", "/api/v1/me"] {
        let response = app
            .api_client()
            .get(app.url(path))
            .send()
            .await
            .expect("GET");
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().expect("ascii");
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers.contains_key("referrer-policy"));
        assert!(
            !headers.contains_key("strict-transport-security"),
            "no HSTS over http"
        );
    }
}

async fn assets_are_served_under_hashed_names_for_a_year(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, page) = app.get_page(&app.browser(), "/").await;
    let start = page
        .find("/assets/site.")
        .expect("the stylesheet is linked");
    let end = page[start..].find('"').expect("end") + start;
    let href = &page[start..end];
    let response = app
        .api_client()
        .get(app.url(href))
        .send()
        .await
        .expect("GET css");
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .expect("ascii")
            .contains("immutable")
    );
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/css")
    );
    assert!(
        response
            .text()
            .await
            .expect("css")
            .contains("prefers-color-scheme: dark")
    );
    let stale = app
        .api_client()
        .get(app.url("/assets/site.00000000.css"))
        .send()
        .await
        .expect("GET");
    assert_eq!(stale.status().as_u16(), 404);
    // The script and the icon are linked under hashed names too; `/favicon.ico` is the icon.
    assert!(page.contains(r#"<script src="/assets/site."#));
    assert!(page.contains(r#"<link rel="icon" type="image/svg+xml" href="/assets/favicon."#));
    let icon = app
        .api_client()
        .get(app.url("/favicon.ico"))
        .send()
        .await
        .expect("GET");
    assert_eq!(icon.status().as_u16(), 200);
    assert_eq!(icon.headers()["content-type"], "image/svg+xml");
    assert!(icon.text().await.expect("svg").starts_with("<svg"));
}

async fn unknown_pages_get_the_sites_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (status, page) = app.get_page(&app.browser(), "/no/such/page").await;
    assert_eq!(status, 404);
    assert!(page.contains("Page not found"));
    assert!(page.contains("Back to the board"));
}

async fn health_and_readiness_answer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert_eq!(
        app.get_page(&app.api_client(), "/healthz").await,
        (200, "ok".to_string())
    );
    assert_eq!(
        app.get_page(&app.api_client(), "/readyz").await,
        (200, "ready".to_string())
    );
}

async fn an_https_site_sends_hsts_and_host_prefixed_secure_cookies(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| {
        c.base_url = "https://ideas.example.com".parse().expect("url")
    })
    .await;
    let response = app
        .api_client()
        .get(app.url("/login"))
        .send()
        .await
        .expect("GET");
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .expect("ascii")
            .contains("max-age=")
    );
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("_form="))
        .expect("a form cookie")
        .to_string();
    assert!(cookie.starts_with("__Host-ideaboard_form="), "{cookie}");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(!cookie.contains("Domain="), "host-only: {cookie}");
}

async fn pages_need_no_inline_script_or_style_under_the_csp(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&token, "Dark mode", "Please").await;
    let browser = app
        .log_in("ada@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    // The last one is the 404 page.
    for path in [
        "/",
        "/ideas/1",
        "/ideas/new",
        "/account",
        "/admin/users",
        "/comments/none/edit",
    ] {
        let (status, page) = app.get_page(&browser, path).await;
        assert!(
            status == 200 || path.starts_with("/comments"),
            "{path}: {status}"
        );
        assert!(
            !page.contains(" style="),
            "{path} has an inline style the CSP would block"
        );
        assert!(!page.contains("<style"), "{path} has a style element");
        for script in page.split("<script").skip(1) {
            assert!(
                script.starts_with(" src=\"/assets/"),
                "{path} has an inline script"
            );
        }
        assert!(
            !page.contains(" onclick=") && !page.contains("hx-on"),
            "{path} has inline handlers"
        );
    }
}

async fn no_page_shown_to_a_signed_in_person_is_stored_by_a_cache(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&token, "Dark mode", "Please").await;
    let browser = app
        .log_in("ada@example.com", crate::helpers::GOOD_PASSWORD)
        .await
        .0;
    for path in [
        "/",
        "/?sort=new",
        "/ideas/1",
        "/ideas/new",
        "/account",
        "/mod/flags",
        "/admin/users",
        "/roadmap",
    ] {
        let response = browser.get(app.url(path)).send().await.expect("GET");
        let cache_control = response
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().expect("ascii").to_string());
        assert_eq!(
            cache_control.as_deref(),
            Some("private, no-store"),
            "{path} ({})",
            response.status()
        );
    }
    let anonymous = app.browser().get(app.url("/")).send().await.expect("GET");
    assert_eq!(anonymous.headers()["cache-control"], "no-cache");
}

/// The rule `/theme.css` holds for `selector`, if any.
async fn theme_rule(app: &TestApp, selector: &str) -> Option<String> {
    let (status, css) = app.get_page(&app.api_client(), "/theme.css").await;
    assert_eq!(status, 200);
    css.lines()
        .find(|line| line.starts_with(&format!("{selector} {{")))
        .map(str::to_string)
}

async fn status_and_tag_colours_reach_the_pages_with_readable_text(backend: Backend) {
    use reqwest::Method;
    use serde_json::json;
    let app = TestApp::spawn(backend).await;
    let admin = app.api_user("admin@example.com", "Admin").await;
    let (status, _) = app
        .send_json(
            Method::POST,
            "/api/v1/tags",
            &admin,
            json!({"name": "UI", "color": "#2b6cb0"}),
        )
        .await;
    assert_eq!(status, 201);
    app.send_json(
        Method::POST,
        "/api/v1/ideas",
        &admin,
        json!({"title": "Dark mode", "body": "", "tags": ["ui"]}),
    )
    .await;
    // A board address whose query names another kept page does not take its place.
    for trick in ["/?/theme.css", "/?/roadmap", "/?/feeds/ideas.atom"] {
        assert_eq!(app.get_page(&app.api_client(), trick).await.0, 200);
    }
    let css = app
        .api_client()
        .get(app.url("/theme.css"))
        .send()
        .await
        .expect("GET");
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert!(
        css.text()
            .await
            .expect("css")
            .starts_with("/* Status and tag colours")
    );
    let (_, roadmap) = app.get_page(&app.api_client(), "/roadmap").await;
    assert!(roadmap.contains("<title>Roadmap"), "{roadmap}");
    let (_, board) = app.get_page(&app.api_client(), "/").await;
    assert!(board.contains(r#"<link rel="stylesheet" href="/theme.css">"#));
    assert!(
        board.contains(r#"class="tag tag-ui" href="/?tag=ui""#),
        "{board}"
    );
    assert!(board.contains(r#"class="badge status kind-open status-open""#));
    assert_eq!(
        theme_rule(&app, ".tag.tag-ui").await.as_deref(),
        Some(".tag.tag-ui { background: #2b6cb0; border-color: #2b6cb0; color: #ffffff; }"),
        "white text on a dark blue"
    );
    assert!(theme_rule(&app, ".badge.status-open").await.is_some());

    // Recoloured light: black text from then on. A colour that is not one changes nothing.
    let (status, _) = app
        .send_json(
            Method::PATCH,
            "/api/v1/tags/ui",
            &admin,
            json!({"color": "#f6e05e"}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, refused) = app
        .send_json(
            Method::PATCH,
            "/api/v1/tags/ui",
            &admin,
            json!({"color": "purple"}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(refused["error"]["fields"][0]["field"], "color");
    assert_eq!(
        theme_rule(&app, ".tag.tag-ui").await.as_deref(),
        Some(".tag.tag-ui { background: #f6e05e; border-color: #f6e05e; color: #000000; }")
    );
}
