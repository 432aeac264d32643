//! The mail outbox: nothing is lost when SMTP refuses; it retries with backoff and delivers later.

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_outbox_retries_while_smtp_refuses_and_delivers_once_it_accepts,
    a_message_that_never_goes_through_ends_failed,
    the_delivery_page_shows_failures_and_retries_them,
);

async fn the_outbox_retries_while_smtp_refuses_and_delivers_once_it_accepts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.register("nia@example.com", "Nia").await;
    app.smtp.set_refusing(true);

    let browser = app.browser();
    let asked = app
        .submit_form(
            &browser,
            "/reset",
            "/reset",
            &[("email", "nia@example.com")],
        )
        .await;
    assert_eq!(asked.status().as_u16(), 200);
    app.smtp.wait_for_refusals(2).await;
    assert!(app.smtp.received_by("nia@example.com").is_empty());

    app.smtp.set_refusing(false);
    let emails = app.smtp.wait_for("nia@example.com", 1).await;
    assert_eq!(emails[0].subject(), "Reset your Ideaboard password");
    let message_id = emails[0]
        .parsed()
        .message_id()
        .unwrap_or_default()
        .to_string();
    assert!(
        !message_id.is_empty(),
        "a Message-ID derived from the outbox row"
    );

    // Delivered once, and the row says so.
    app.outbox_drained().await;
    assert_eq!(app.smtp.received_by("nia@example.com").len(), 1);
    let states = outbox_states(&app).await;
    assert_eq!(states.len(), 1);
    let (state, attempts) = &states[0];
    assert_eq!(state, "sent");
    assert!(
        *attempts >= 3,
        "two refusals and one delivery, got {attempts}"
    );
    assert!(message_id.starts_with(&states_ids(&app).await[0]));
}

async fn a_message_that_never_goes_through_ends_failed(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.outbox_max_attempts = 3).await;
    app.register("fay@example.com", "Fay").await;
    app.smtp.set_refusing(true);
    let browser = app.browser();
    app.submit_form(
        &browser,
        "/reset",
        "/reset",
        &[("email", "fay@example.com")],
    )
    .await;
    app.smtp.wait_for_refusals(3).await;
    for _ in 0..100 {
        if outbox_states(&app)
            .await
            .first()
            .is_some_and(|(s, _)| s == "failed")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let states = outbox_states(&app).await;
    assert_eq!(states, [("failed".to_string(), 3)]);
    // A later message goes through: the worker has claimed again since, and left the failed one.
    app.smtp.set_refusing(false);
    app.register("gus@example.com", "Gus").await;
    app.submit_form(
        &app.browser(),
        "/reset",
        "/reset",
        &[("email", "gus@example.com")],
    )
    .await;
    app.smtp.wait_for("gus@example.com", 1).await;
    app.outbox_drained().await;
    assert_eq!(app.smtp.refused(), 3, "a failed message is not tried again");
    assert!(app.smtp.received_by("fay@example.com").is_empty());
}

async fn outbox_states(app: &TestApp) -> Vec<(String, i64)> {
    app.with_conn(|conn| {
        use diesel::prelude::*;
        use ideaboard::db::schema::outbox;
        outbox::table
            .select((outbox::state, outbox::attempts))
            .load::<(String, i64)>(conn)
            .expect("outbox rows")
    })
    .await
}

async fn states_ids(app: &TestApp) -> Vec<String> {
    app.with_conn(|conn| {
        use diesel::prelude::*;
        use ideaboard::db::schema::outbox;
        outbox::table
            .select(outbox::id)
            .load::<String>(conn)
            .expect("ids")
    })
    .await
}

async fn the_delivery_page_shows_failures_and_retries_them(backend: Backend) {
    let app = TestApp::spawn_with(backend, |c| c.outbox_max_attempts = 2).await;
    let admin = app.register("root@example.com", "Root").await;
    let member = app.register("fay@example.com", "Fay").await;
    app.smtp.set_refusing(true);
    app.submit_form(
        &app.browser(),
        "/reset",
        "/reset",
        &[("email", "fay@example.com")],
    )
    .await;
    app.smtp.wait_for_refusals(2).await;
    for _ in 0..100 {
        if outbox_states(&app)
            .await
            .first()
            .is_some_and(|(s, _)| s == "failed")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(app.get_page(&member, "/admin/mail").await.0, 403);
    let (status, page) = app.get_page(&admin, "/admin/mail").await;
    assert_eq!(status, 200);
    assert!(page.contains("<td id=\"count-failed\">1</td>"), "{page}");
    assert!(
        page.contains("Mailbox temporarily unavailable"),
        "the last error shows"
    );
    assert!(page.contains("fay@example.com"));

    app.smtp.set_refusing(false);
    let id = states_ids(&app).await[0].clone();
    let retried = app
        .submit_form(
            &admin,
            "/admin/mail",
            &format!("/admin/mail/{id}/retry"),
            &[],
        )
        .await;
    assert_eq!(retried.status().as_u16(), 303);
    let delivered = app.smtp.wait_for("fay@example.com", 1).await;
    assert_eq!(delivered[0].subject(), "Reset your Ideaboard password");

    let test = app
        .submit_form(
            &admin,
            "/admin/mail",
            "/admin/mail/test",
            &[("to", "ops@example.com")],
        )
        .await;
    assert_eq!(test.status().as_u16(), 303);
    let arrived = app.smtp.wait_for("ops@example.com", 1).await;
    assert_eq!(arrived[0].subject(), "Ideaboard test email");
    let bad = app
        .submit_form(
            &admin,
            "/admin/mail",
            "/admin/mail/test",
            &[("to", "nobody")],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let (_, page) = app.get_page(&admin, "/admin/mail").await;
    assert!(page.contains("<td id=\"count-sent\">2</td>"), "{page}");
}
