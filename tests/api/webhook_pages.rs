//! Webhooks through the admin page: a refused form keeps what was typed with the reasons at the
//! fields, a registered endpoint's secret is shown once, "Send test" reaches a real receiver and
//! the log shows the delivery with its status code, removal asks first; members get 403.

use crate::helpers::html::field_error;
use crate::helpers::webhook_receiver::WebhookReceiver;
use crate::helpers::{Backend, GOOD_PASSWORD, TestApp};
use crate::on_both_backends;

on_both_backends!(admins_run_webhooks_from_their_page);

const PAGE: &str = "/admin/webhooks";

/// The id in the first `action="/admin/webhooks/{id}/…"` of the page.
fn endpoint_id(page: &str) -> String {
    let marker = "action=\"/admin/webhooks/";
    let start = page.find(marker).expect("an endpoint's button") + marker.len();
    let end = page[start..].find('/').expect("its action") + start;
    page[start..end].to_string()
}

async fn admins_run_webhooks_from_their_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.admin_product_member().await;
    let (admin, _) = app.log_in("admin@example.com", GOOD_PASSWORD).await;
    let (max, _) = app.log_in("max@example.com", GOOD_PASSWORD).await;
    let receiver = WebhookReceiver::start().await;
    let (status, page) = app.get_page(&admin, PAGE).await;
    assert_eq!(status, 200);
    assert!(page.contains("No endpoint yet."));
    assert_eq!(app.get_page(&max, PAGE).await.0, 403);

    let secret = register_through_the_form(&app, &admin, &receiver.url).await;
    let (_, later) = app.get_page(&admin, PAGE).await;
    assert!(!later.contains("whsec_"), "and never again");
    assert!(later.contains(&receiver.url) && later.contains("A new comment"));
    let id = endpoint_id(&later);

    let by_member = app
        .submit_form(&max, "/", &format!("{PAGE}/{id}/test"), &[])
        .await;
    assert_eq!(by_member.status().as_u16(), 403);
    let tested = app
        .submit_form(&admin, PAGE, &format!("{PAGE}/{id}/test"), &[])
        .await;
    assert_eq!(tested.status().as_u16(), 303);
    let (_, confirmed) = app.get_page(&admin, PAGE).await;
    assert!(
        confirmed.contains("A test delivery is on its way"),
        "the confirmation"
    );
    let received = receiver.wait_for(1).await;
    assert_eq!(received[0].event, "webhook.test");
    assert!(received[0].verifies_with(&secret));
    let mut shown = String::new();
    for _ in 0..200 {
        shown = app.get_page(&admin, PAGE).await.1;
        if shown.contains("Delivered") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        shown.contains("Delivered") && shown.contains("<td>200</td>"),
        "{shown}"
    );

    let removed = app
        .submit_form(&admin, PAGE, &format!("{PAGE}/{id}/delete"), &[])
        .await;
    assert_eq!(removed.status().as_u16(), 303);
    let (_, page) = app.get_page(&admin, PAGE).await;
    assert!(page.contains("No endpoint yet."));
    assert_eq!(app.count_rows("webhook_deliveries").await, 0);
}

/// A refused form first (kept, the reasons at the fields), then the endpoint registered and its
/// secret shown; sending the same form again (a reload) is refused. The secret.
async fn register_through_the_form(app: &TestApp, admin: &reqwest::Client, url: &str) -> String {
    let refused = app
        .submit_form(
            admin,
            PAGE,
            PAGE,
            &[("url", "ftp://files.example.com/in"), ("format", "slack")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("page");
    assert!(field_error(&page, "url").is_some_and(|e| e.contains("http or https")));
    assert_eq!(
        field_error(&page, "events").as_deref(),
        Some("Choose at least one event.")
    );
    assert!(
        page.contains("value=\"ftp://files.example.com/in\""),
        "the URL is kept"
    );
    assert!(
        page.contains("value=\"slack\" checked"),
        "the format is kept"
    );
    assert_eq!(app.count_rows("webhooks").await, 0);

    let fields = [
        ("url", url),
        ("events", "idea.created"),
        ("events", "comment.created"),
        ("format", "json"),
    ];
    let made = app.submit_form(admin, PAGE, PAGE, &fields).await;
    assert_eq!(made.status().as_u16(), 200);
    let page = made.text().await.expect("page");
    assert!(page.contains("shown this once"), "{page}");
    let secret_at = page.find("whsec_").expect("the secret is shown");
    let secret: String = page[secret_at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let again = app.submit_form(admin, PAGE, PAGE, &fields).await;
    assert_eq!(again.status().as_u16(), 409);
    let page = again.text().await.expect("page");
    assert_eq!(
        field_error(&page, "url").as_deref(),
        Some("This URL is registered already.")
    );
    assert_eq!(app.count_rows("webhooks").await, 1);
    secret
}
