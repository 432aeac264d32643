//! The mail outbox: nothing is lost when SMTP refuses; it retries with backoff and delivers later;
//! a lease is held in one instance's name, renewed while it sends, and only its holder marks.

use ideaboard::db::models::outbox;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    the_outbox_retries_while_smtp_refuses_and_delivers_once_it_accepts,
    a_message_that_never_goes_through_ends_failed,
    the_delivery_page_shows_failures_and_retries_them,
    only_the_lease_holder_marks_a_message_sent,
    a_batch_slower_than_its_lease_is_still_sent_once_by_two_instances,
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
    // The sink has the mail a moment before the worker records it as sent.
    app.outbox_drained().await;
    let (_, page) = app.get_page(&admin, "/admin/mail").await;
    assert!(page.contains("<td id=\"count-sent\">2</td>"), "{page}");
}

/// Queues one message to each of `recipients`, due at `due`, in one transaction.
async fn queue_messages(
    app: &TestApp,
    recipients: Vec<String>,
    due: chrono::NaiveDateTime,
) -> Vec<String> {
    app.with_db(move |db| {
        db.write(|conn| {
            let mut ids = Vec::new();
            for recipient in &recipients {
                let id = ideaboard::domain::clock::new_id();
                let added = outbox::enqueue(
                    conn,
                    &outbox::NewOutboxMessage {
                        id: &id,
                        event_key: &format!("test:{id}"),
                        recipient,
                        kind: "test",
                        subject: "A test message",
                        body_text: "Hello",
                        body_html: "<p>Hello</p>",
                        next_attempt_at: due,
                        created_at: ideaboard::domain::clock::now(),
                        list_unsubscribe: None,
                    },
                )?;
                assert_eq!(added, 1);
                ids.push(id);
            }
            Ok::<_, ideaboard::db::DbError>(ids)
        })
        .expect("queue messages")
    })
    .await
}

async fn only_the_lease_holder_marks_a_message_sent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let now = ideaboard::domain::clock::now();
    // Due tomorrow, so this board's own worker leaves it alone; the test plays two instances.
    let tomorrow = now + chrono::Duration::days(1);
    let ids = queue_messages(&app, vec!["ada@example.com".into()], tomorrow).await;
    let id = ids[0].clone();
    let outcome = app
        .with_conn(move |conn| {
            let then = tomorrow + chrono::Duration::seconds(1);
            let lease = chrono::Duration::seconds(30);
            let by_a =
                outbox::claim_due(conn, "instance-a", then, then + lease, 20).expect("claim");
            // A's lease lapses (it stalled): renewing it now revives nothing; B takes it over.
            let later = then + lease + chrono::Duration::seconds(1);
            let batch = [id.clone()];
            let a_revives = outbox::renew_leases(conn, "instance-a", &batch, later, later + lease)
                .expect("renew");
            let by_b =
                outbox::claim_due(conn, "instance-b", later, later + lease, 20).expect("claim");
            let holders = [
                outbox::holds_lease(conn, &id, "instance-a", later).expect("holds"),
                outbox::holds_lease(conn, &id, "instance-b", later).expect("holds"),
            ];
            let a_marks = outbox::mark_sent(conn, &id, "instance-a", "test", later).expect("mark");
            let a_fails = outbox::mark_attempt_failed(conn, &id, "instance-a", "late", None)
                .expect("mark failed");
            let row = outbox::find_by_id(conn, &id).expect("find").expect("row");
            let b_marks = outbox::mark_sent(conn, &id, "instance-b", "test", later).expect("mark");
            let sent = outbox::find_by_id(conn, &id).expect("find").expect("row");
            let checks = (a_revives, holders, a_marks, a_fails);
            (by_a.len(), by_b.len(), checks, row, b_marks, sent)
        })
        .await;
    let (by_a, by_b, (a_revives, holders, a_marks, a_fails), row, b_marks, sent) = outcome;
    assert_eq!((by_a, by_b), (1, 1));
    assert_eq!(a_revives, 0, "a lapsed lease is not renewed");
    assert_eq!(
        holders,
        [false, true],
        "A checks before sending and finds B holds it"
    );
    assert_eq!((a_marks, a_fails), (0, 0), "A no longer holds the lease");
    assert_eq!(row.state, "sending");
    assert_eq!(row.lease_owner.as_deref(), Some("instance-b"));
    assert_eq!(b_marks, 1);
    assert_eq!(sent.state, "sent");
    assert_eq!(sent.attempts, 1);
}

async fn a_batch_slower_than_its_lease_is_still_sent_once_by_two_instances(backend: Backend) {
    let short_lease = |c: &mut ideaboard::config::Config| {
        c.outbox_lease = std::time::Duration::from_secs(1);
    };
    let first = TestApp::spawn_with(backend, short_lease).await;
    let second = first.spawn_second(short_lease).await;
    // Six messages at 400 ms each: one batch takes 2.4 s, more than twice its lease.
    first.smtp.set_delay(std::time::Duration::from_millis(400));
    let recipients: Vec<String> = (1..=6).map(|n| format!("p{n}@example.com")).collect();
    queue_messages(&first, recipients.clone(), ideaboard::domain::clock::now()).await;
    for recipient in &recipients {
        first.smtp.wait_for(recipient, 1).await;
    }
    first.outbox_drained().await;
    second.outbox_drained().await;
    for recipient in &recipients {
        assert_eq!(
            first.smtp.received_by(recipient).len(),
            1,
            "{recipient} got one message"
        );
    }
    assert_eq!(first.smtp.received().len(), 6);
}
