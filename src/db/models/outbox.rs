//! The `outbox` table: emails written in the same transaction as the change that caused them,
//! claimed by the mail worker under a lease, retried with backoff, ending sent or failed.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Timestamp};

use crate::db::DbConnection;
use crate::db::schema::outbox;

/// One email to one recipient.
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMessage {
    pub id: String,
    pub event_key: String,
    pub recipient: String,
    pub kind: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: NaiveDateTime,
    pub lease_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    /// The one-click unsubscribe URL for notification mail (RFC 8058), if any.
    pub list_unsubscribe: Option<String>,
    /// The instance holding the lease while `sending`.
    pub lease_owner: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = outbox, treat_none_as_default_value = false)]
pub struct NewOutboxMessage<'a> {
    pub id: &'a str,
    pub event_key: &'a str,
    pub recipient: &'a str,
    pub kind: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub list_unsubscribe: Option<&'a str>,
}

/// Kinds whose bodies carry a secret (a reset link): blanked once delivered.
const SECRET_KINDS: [&str; 2] = ["password_reset", "confirm_registration"];

/// Adds a message unless the same event already has one for this recipient; 1 when added.
pub fn enqueue(conn: &mut DbConnection, message: &NewOutboxMessage<'_>) -> QueryResult<usize> {
    let insert = diesel::insert_into(outbox::table)
        .values(message)
        .on_conflict((outbox::event_key, outbox::recipient))
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
}

/// Claims up to `limit` due messages (queued and due, or sending with a lapsed lease) for
/// `owner` and leases them until `lease_until`. PostgreSQL skips rows another instance holds;
/// SQLite runs this inside the caller's immediate transaction.
pub fn claim_due(
    conn: &mut DbConnection,
    owner: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<OutboxMessage>> {
    let sql = match conn {
        DbConnection::Postgres(_) => {
            "UPDATE outbox SET state = 'sending', lease_until = $1, lease_owner = $4 WHERE id IN (\
               SELECT id FROM outbox WHERE (state = 'queued' AND next_attempt_at <= $2) \
               OR (state = 'sending' AND lease_until < $2) \
               ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *"
        }
        DbConnection::Sqlite(_) => {
            "UPDATE outbox SET state = 'sending', lease_until = ?1, lease_owner = ?4 WHERE id IN (\
               SELECT id FROM outbox WHERE (state = 'queued' AND next_attempt_at <= ?2) \
               OR (state = 'sending' AND lease_until < ?2) \
               ORDER BY next_attempt_at LIMIT ?3) RETURNING *"
        }
    };
    diesel::sql_query(sql)
        .bind::<Timestamp, _>(lease_until)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .bind::<diesel::sql_types::Text, _>(owner)
        .load(conn)
}

/// Extends the leases `owner` still holds on the messages `ids` until `until`; a lease that
/// lapsed before `now` is not revived (another instance may have taken the message over).
/// Returns how many it renewed.
pub fn renew_leases(
    conn: &mut DbConnection,
    owner: &str,
    ids: &[String],
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::state.eq("sending"))
            .filter(outbox::lease_owner.eq(owner))
            .filter(outbox::lease_until.ge(now)),
    )
    .set(outbox::lease_until.eq(Some(until)))
    .execute(conn)
}

/// Whether `owner` still holds an unexpired lease on message `id`.
pub fn holds_lease(
    conn: &mut DbConnection,
    id: &str,
    owner: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        outbox::table
            .find(id)
            .filter(outbox::state.eq("sending"))
            .filter(outbox::lease_owner.eq(owner))
            .filter(outbox::lease_until.gt(now)),
    ))
    .get_result(conn)
}

/// Records a delivery by the lease holder `owner`; bodies carrying a secret are blanked. 0 when
/// `owner` no longer holds the lease (another instance took the message over): nothing changes.
pub fn mark_sent(
    conn: &mut DbConnection,
    id: &str,
    owner: &str,
    kind: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    // Only while `owner` still holds the lease.
    let target = outbox::table
        .find(id)
        .filter(outbox::state.eq("sending"))
        .filter(outbox::lease_owner.eq(owner));
    let sent = (
        outbox::state.eq("sent"),
        outbox::sent_at.eq(Some(at)),
        outbox::lease_until.eq(None::<NaiveDateTime>),
        outbox::lease_owner.eq(None::<String>),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::last_error.eq(None::<String>),
    );
    if SECRET_KINDS.contains(&kind) {
        let redacted = "[removed after delivery]";
        diesel::update(target)
            .set((
                sent,
                outbox::body_text.eq(redacted),
                outbox::body_html.eq(redacted),
            ))
            .execute(conn)
    } else {
        diesel::update(target).set(sent).execute(conn)
    }
}

/// Records a failed attempt by the lease holder `owner`: queued again at `retry_at`, or `failed`
/// when `retry_at` is `None`. 0 when `owner` no longer holds the lease.
pub fn mark_attempt_failed(
    conn: &mut DbConnection,
    id: &str,
    owner: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    let (state, next_attempt_at) = match retry_at {
        Some(at) => ("queued", at),
        // A failed row keeps its time; `next_attempt_at` only matters while queued.
        None => ("failed", crate::domain::clock::now()),
    };
    let target = outbox::table
        .find(id)
        .filter(outbox::state.eq("sending"))
        .filter(outbox::lease_owner.eq(owner));
    diesel::update(target)
        .set((
            outbox::state.eq(state),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(next_attempt_at),
            outbox::lease_until.eq(None::<NaiveDateTime>),
            outbox::lease_owner.eq(None::<String>),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)
}

/// How many messages are in each state, for the delivery page and health checks.
pub fn count_by_state(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
    outbox::table
        .group_by(outbox::state)
        .select((outbox::state, diesel::dsl::count_star()))
        .load(conn)
}

pub fn find_by_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<OutboxMessage>> {
    outbox::table
        .find(id)
        .select(OutboxMessage::as_select())
        .first(conn)
        .optional()
}

/// The messages of one kind to one recipient, oldest first.
pub fn list_for_recipient(
    conn: &mut DbConnection,
    recipient: &str,
) -> QueryResult<Vec<OutboxMessage>> {
    outbox::table
        .filter(outbox::recipient.eq(recipient))
        .order(outbox::created_at.asc())
        .select(OutboxMessage::as_select())
        .load(conn)
}

/// Messages in one state, newest first.
pub fn in_state(
    conn: &mut DbConnection,
    state: &str,
    limit: i64,
) -> QueryResult<Vec<OutboxMessage>> {
    outbox::table
        .filter(outbox::state.eq(state))
        .order(outbox::created_at.desc())
        .limit(limit)
        .select(OutboxMessage::as_select())
        .load(conn)
}

/// How many queued messages have failed at least once (they are retrying).
pub fn retrying_count(conn: &mut DbConnection) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::state.eq("queued"))
        .filter(outbox::attempts.gt(0))
        .count()
        .get_result(conn)
}

/// Queues a failed message again, due now, with a fresh set of attempts.
pub fn retry_now(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id).filter(outbox::state.eq("failed")))
        .set((
            outbox::state.eq("queued"),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(conn)
}
