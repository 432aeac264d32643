//! Webhooks against real HTTP receivers on loopback: a signed delivery arrives once per event and
//! its signature verifies and it is the documented payload; a receiver that was down gets it later
//! exactly once; an endpoint that failed for a day is paused and its administrator emailed.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::webhook_receiver::{Received, WebhookReceiver, free_port, url_on};
use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    every_event_arrives_once_signed,
    a_receiver_that_was_down_gets_the_delivery_later_exactly_once,
    an_endpoint_failing_for_a_day_is_paused_until_resumed,
);

const ALL_EVENTS: [&str; 5] = [
    "idea.created",
    "idea.status_changed",
    "idea.merged",
    "comment.created",
    "idea.threshold_reached",
];

/// Registers an endpoint as `admin`; the answer (with its secret).
pub async fn register(app: &TestApp, admin: &str, body: Value) -> Value {
    let (status, endpoint) = app
        .send_json(Method::POST, "/api/v1/webhooks", admin, body)
        .await;
    assert_eq!(status, 201, "{endpoint}");
    endpoint
}

/// The endpoint's latest deliveries as the API lists them.
pub async fn deliveries(app: &TestApp, admin: &str, id: &str) -> Vec<Value> {
    let (status, list) = app.get_json("/api/v1/webhooks", admin).await;
    assert_eq!(status, 200, "{list}");
    let endpoint = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["id"] == id)
        .cloned()
        .expect("the endpoint is listed");
    endpoint["recent_deliveries"]
        .as_array()
        .expect("deliveries")
        .clone()
}

/// Waits (at most ten seconds) until the endpoint's latest delivery satisfies `done`.
pub async fn wait_until(
    app: &TestApp,
    admin: &str,
    id: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    for _ in 0..200 {
        if let Some(latest) = deliveries(app, admin, id).await.first()
            && done(latest)
        {
            return latest.clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{:?}", deliveries(app, admin, id).await);
}

fn of_event<'a>(received: &'a [Received], event: &str) -> Vec<&'a Received> {
    received.iter().filter(|r| r.event == event).collect()
}

async fn every_event_arrives_once_signed(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.response.review_threshold_points = 30).await;
    let (admin, pia, max) = app.admin_product_member().await;
    let receiver = WebhookReceiver::start().await;
    let chat = WebhookReceiver::start().await;
    let endpoint = register(
        &app,
        &admin,
        json!({"url": receiver.url, "events": ALL_EVENTS}),
    )
    .await;
    let secret = endpoint["secret"].as_str().expect("the secret, once");
    assert!(
        secret.starts_with("whsec_") && secret.len() > 40,
        "{secret}"
    );
    assert_eq!(endpoint["format"], "json");
    register(
        &app,
        &admin,
        json!({"url": chat.url, "events": ["idea.created"], "format": "slack"}),
    )
    .await;
    let (_, listed) = app.get_json("/api/v1/webhooks", &admin).await;
    assert!(
        !listed.to_string().contains(secret),
        "the secret is shown once"
    );

    let first = make_every_event_happen(&app, (&admin, &pia, &max)).await;
    let received = receiver.wait_for(6).await;
    assert_signed(&received, secret);
    assert_each_event_once(&received, &first);
    assert_documented(&app, &received).await;
    let lines = chat.wait_for(2).await;
    let first_line = lines
        .iter()
        .find(|l| l.body.contains("/ideas/1|"))
        .expect("idea 1's");
    let text = first_line.json()["text"]
        .as_str()
        .expect("Slack's text")
        .to_string();
    assert_eq!(
        text,
        "New idea <http://localhost/ideas/1|#1 A dock for the laptop> by Max"
    );
    // Every delivery is logged as delivered with the receiver's 200.
    let id = endpoint["id"].as_str().expect("id");
    let all_delivered = |logged: &[Value]| {
        logged.len() == 6
            && logged
                .iter()
                .all(|d| d["state"] == "delivered" && d["status_code"] == 200)
    };
    for _ in 0..200 {
        if all_delivered(&deliveries(&app, &admin, id).await) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(all_delivered(&deliveries(&app, &admin, id).await));
    assert_eq!(receiver.received().len(), 6, "each event once");
}

/// An idea, a duplicate, a comment, votes over the threshold (and back and over again), a status
/// change and a merge; the first idea.
async fn make_every_event_happen(app: &TestApp, (admin, pia, max): (&str, &str, &str)) -> Value {
    let first = app
        .create_idea(max, "A dock for the laptop", "One cable")
        .await;
    app.create_idea(max, "Laptop docking station", "Same").await;
    let comment = json!({"body": "We are looking at this."});
    let (status, _) = app
        .send_json(Method::POST, "/api/v1/ideas/1/comments", admin, comment)
        .await;
    assert_eq!(status, 201);
    // 10 points (its author's promote) → 20 → 30: the threshold; taken back and given again,
    // not again.
    app.vote(admin, 1, 1).await;
    app.vote(pia, 1, 1).await;
    app.vote(pia, 1, 0).await;
    app.vote(pia, 1, 1).await;
    let planned = json!({"status": "planned", "note": "Next quarter."});
    let (status, _) = app
        .send_json(Method::PUT, "/api/v1/ideas/1/status", pia, planned)
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .send_json(
            Method::POST,
            "/api/v1/ideas/2/merge",
            admin,
            json!({"into": 1}),
        )
        .await;
    assert_eq!(status, 200);

    first
}

/// Each delivery is signed with the secret over its timestamp and body, sent just now.
fn assert_signed(received: &[Received], secret: &str) {
    for delivery in received {
        assert!(delivery.verifies_with(secret), "{delivery:?}");
        assert!(!delivery.verifies_with("whsec_wrong"));
        assert_eq!(delivery.content_type, "application/json");
        let body = delivery.json();
        assert_eq!(body["event"], delivery.event.as_str());
        assert_eq!(body["delivery"], delivery.delivery.as_str());
        let sent_at: i64 = delivery.timestamp.parse().expect("unix seconds");
        assert!((chrono::Utc::now().timestamp() - sent_at).abs() < 300);
    }
}

/// Each event arrived once, saying what happened.
fn assert_each_event_once(received: &[Received], first: &Value) {
    // A round's deliveries are sent at once: they arrive in any order.
    let mut created = of_event(received, "idea.created");
    created.sort_by_key(|r| r.json()["idea"]["number"].as_i64());
    assert_eq!(created.len(), 2, "{received:?}");
    assert_eq!(created[0].json()["idea"]["title"], first["title"]);
    assert_eq!(created[1].json()["idea"]["number"], 2);
    let commented = of_event(received, "comment.created");
    assert_eq!(commented.len(), 1);
    assert_eq!(
        commented[0].json()["comment"]["body"],
        "We are looking at this."
    );
    let reached = of_event(received, "idea.threshold_reached");
    assert_eq!(reached.len(), 1, "once, however often it is crossed");
    assert_eq!(reached[0].json()["threshold"], 30);
    assert_eq!(reached[0].json()["idea"]["points"], 30);
    let changed = of_event(received, "idea.status_changed");
    assert_eq!(changed.len(), 1);
    let change = &changed[0].json()["status_change"];
    assert_eq!(
        (change["from"].as_str(), change["to"].as_str()),
        (Some("open"), Some("planned"))
    );
    assert_eq!(changed[0].json()["idea"]["status"], "planned");
    let merged = of_event(received, "idea.merged");
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].json()["idea"]["number"], 2);
    assert_eq!(merged[0].json()["merged_into"]["number"], 1);
    assert_eq!(
        merged[0].json()["merged_into"]["url"],
        "http://localhost/ideas/1"
    );
}

/// Each body is the documented payload, field for field.
async fn assert_documented(app: &TestApp, received: &[Received]) {
    let (_, document) = app.get_json("/api/openapi.json", "").await;
    let documented = |name: &str| -> Vec<String> {
        let mut keys: Vec<String> = document["components"]["schemas"][name]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{name} is documented"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    let keys = |value: &Value| -> Vec<String> {
        let mut keys: Vec<String> = value
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    for delivery in received {
        assert_eq!(keys(&delivery.json()), documented("WebhookPayload"));
        assert_eq!(keys(&delivery.json()["idea"]), documented("WebhookIdea"));
    }
    let commented = of_event(received, "comment.created");
    assert_eq!(
        keys(&commented[0].json()["comment"]),
        documented("WebhookComment")
    );
    let changed = of_event(received, "idea.status_changed");
    let change = &changed[0].json()["status_change"];
    assert_eq!(keys(change), documented("WebhookStatusChange"));
}

async fn a_receiver_that_was_down_gets_the_delivery_later_exactly_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, _, max) = app.admin_product_member().await;
    let port = free_port();
    let endpoint = register(
        &app,
        &admin,
        json!({"url": url_on(port), "events": ["idea.created"]}),
    )
    .await;
    let id = endpoint["id"].as_str().expect("id");
    app.create_idea(&max, "Backlit keyboard", "For late nights")
        .await;
    // Nothing listens: the try fails without an answer and is queued again.
    let failed = wait_until(&app, &admin, id, |d| d["attempts"].as_i64() >= Some(1)).await;
    assert_eq!(failed["state"], "queued", "{failed}");
    assert!(
        failed["status_code"].is_null() && failed["error"].is_string(),
        "{failed}"
    );
    // Up, but answering 503: logged with its status, queued again.
    let receiver = WebhookReceiver::start_on(port, 503).await;
    let first = receiver.wait_for(1).await;
    let refused = wait_until(&app, &admin, id, |d| d["status_code"] == 503).await;
    assert_eq!(refused["state"], "queued", "{refused}");
    receiver.answer_with(200);
    let delivered = wait_until(&app, &admin, id, |d| d["state"] == "delivered").await;
    assert_eq!(delivered["status_code"], 200);
    let received = receiver.received();
    // The same delivery each time, signed anew; accepted once.
    assert!(received.iter().all(|r| r.delivery == first[0].delivery));
    let accepted: Vec<&Received> = received.iter().filter(|r| r.answered == 200).collect();
    assert_eq!(accepted.len(), 1, "{received:?}");
    assert_eq!(
        accepted[0].delivery,
        delivered["id"].as_str().expect("its id")
    );
    assert!(accepted[0].verifies_with(endpoint["secret"].as_str().expect("secret")));
    assert!(
        delivered["attempts"].as_i64() > Some(received.len() as i64),
        "the tries without an answer count too: {delivered}"
    );
    // A test sent after it arrives after it: the delivered one was not sent again.
    let path = format!("/api/v1/webhooks/{id}/test");
    let (status, _) = app.send_json(Method::POST, &path, &admin, json!({})).await;
    assert_eq!(status, 202);
    let after = receiver.wait_for(received.len() + 1).await;
    assert_eq!(after.last().expect("the test").event, "webhook.test");
    assert_eq!(after.len(), received.len() + 1, "{after:?}");
}

async fn an_endpoint_failing_for_a_day_is_paused_until_resumed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (admin, _, max) = app.admin_product_member().await;
    let receiver = WebhookReceiver::start().await;
    receiver.answer_with(500);
    let endpoint = register(
        &app,
        &admin,
        json!({"url": receiver.url, "events": ["idea.created"]}),
    )
    .await;
    let id = endpoint["id"].as_str().expect("id").to_string();
    // It has been failing since yesterday.
    let yesterday = (chrono::Utc::now() - chrono::Duration::hours(25)).naive_utc();
    app.execute_sql(format!(
        "UPDATE webhooks SET failing_since = '{}' WHERE id = '{id}'",
        yesterday.format("%Y-%m-%d %H:%M:%S")
    ))
    .await;
    app.create_idea(&max, "Quieter fans", "Please").await;
    let mail = app.smtp.wait_for("admin@example.com", 1).await;
    assert!(
        mail[0].subject().starts_with("Webhook paused:"),
        "{}",
        mail[0].subject()
    );
    assert!(mail[0].text().contains("http://localhost/admin/webhooks"));
    assert!(app.smtp.received_by("pia@example.com").is_empty());
    let (_, listed) = app.get_json("/api/v1/webhooks", &admin).await;
    assert!(listed["items"][0]["paused_at"].is_string(), "{listed}");
    let tries = receiver.received().len();
    // While paused, nothing is sent and new events are not queued for it.
    app.create_idea(&max, "Matte screen", "No glare").await;
    assert_eq!(deliveries(&app, &admin, &id).await.len(), 1);
    receiver.answer_with(200);
    let (status, resumed) = app
        .send_json(
            Method::POST,
            &format!("/api/v1/webhooks/{id}/resume"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{resumed}");
    assert!(resumed["paused_at"].is_null() && resumed["failing_since"].is_null());
    let delivered = wait_until(&app, &admin, &id, |d| d["state"] == "delivered").await;
    assert_eq!(delivered["status_code"], 200);
    assert_eq!(receiver.received().len(), tries + 1);
    let (status, again) = app
        .send_json(
            Method::POST,
            &format!("/api/v1/webhooks/{id}/resume"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (409, Some("not_paused"))
    );
}
