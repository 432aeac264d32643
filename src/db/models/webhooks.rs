//! The `webhooks` and `webhook_deliveries` tables: endpoints, and deliveries written in the same
//! transaction as their event, claimed by the webhook worker under a lease, retried with backoff,
//! ending delivered or failed, and kept as the endpoint's log.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

use crate::db::DbConnection;
use crate::db::schema::{webhook_deliveries, webhooks};
use crate::domain::ids::{UserId, WebhookId};

/// A stored endpoint.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhooks)]
pub struct Webhook {
    pub id: WebhookId,
    pub url: String,
    /// Event names, comma-separated (`domain::webhooks::events_of`).
    pub events: String,
    pub format: String,
    pub secret: String,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    /// When its deliveries began failing without a success since.
    pub failing_since: Option<NaiveDateTime>,
    pub paused_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = webhooks)]
pub struct NewWebhook<'a> {
    pub id: &'a WebhookId,
    pub url: &'a str,
    pub events: &'a str,
    pub format: &'a str,
    pub secret: &'a str,
    pub created_by: Option<&'a UserId>,
    pub created_at: NaiveDateTime,
}

/// One event's delivery to one endpoint; its id is the `X-Ideaboard-Delivery` of every try.
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = webhook_deliveries)]
pub struct Delivery {
    pub id: String,
    pub webhook_id: WebhookId,
    pub event: String,
    pub event_key: String,
    pub body: String,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: NaiveDateTime,
    pub lease_until: Option<NaiveDateTime>,
    pub lease_owner: Option<String>,
    pub last_status: Option<i32>,
    pub last_duration_ms: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct NewDelivery<'a> {
    pub id: &'a str,
    pub webhook_id: &'a WebhookId,
    pub event: &'a str,
    pub event_key: &'a str,
    pub body: &'a str,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

/// What one try came to, as the log keeps it.
#[derive(Debug, Clone)]
pub struct Try<'a> {
    pub status: Option<i32>,
    pub duration_ms: i64,
    pub error: Option<&'a str>,
}

pub fn insert(conn: &mut DbConnection, new: &NewWebhook<'_>) -> QueryResult<usize> {
    diesel::insert_into(webhooks::table)
        .values(new)
        .execute(conn)
}

/// Every endpoint, oldest first.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Webhook>> {
    webhooks::table
        .order((webhooks::created_at.asc(), webhooks::id.asc()))
        .select(Webhook::as_select())
        .load(conn)
}

/// The endpoints not paused (those an event is delivered to, if they subscribe to it).
pub fn active(conn: &mut DbConnection) -> QueryResult<Vec<Webhook>> {
    webhooks::table
        .filter(webhooks::paused_at.is_null())
        .order(webhooks::created_at.asc())
        .select(Webhook::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Webhook>> {
    webhooks::table
        .find(id)
        .select(Webhook::as_select())
        .first(conn)
        .optional()
}

/// The endpoints with these ids.
pub fn with_ids(conn: &mut DbConnection, ids: &[&WebhookId]) -> QueryResult<Vec<Webhook>> {
    webhooks::table
        .filter(webhooks::id.eq_any(ids.iter().map(|id| id.as_str())))
        .select(Webhook::as_select())
        .load(conn)
}

/// Removes an endpoint and its deliveries; 1 when it existed.
pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::webhook_id.eq(id)))
        .execute(conn)?;
    diesel::delete(webhooks::table.find(id)).execute(conn)
}

/// A success: the endpoint is failing no more.
pub fn clear_failing(conn: &mut DbConnection, id: &WebhookId) -> QueryResult<usize> {
    diesel::update(
        webhooks::table
            .find(id.as_str())
            .filter(webhooks::failing_since.is_not_null()),
    )
    .set(webhooks::failing_since.eq(None::<NaiveDateTime>))
    .execute(conn)
}

/// A failure: the endpoint is failing since `at` unless it already was.
pub fn note_failing(conn: &mut DbConnection, id: &WebhookId, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        webhooks::table
            .find(id.as_str())
            .filter(webhooks::failing_since.is_null()),
    )
    .set(webhooks::failing_since.eq(Some(at)))
    .execute(conn)?;
    Ok(())
}

/// Pauses the endpoint if it has been failing since before `cutoff` and is not paused yet;
/// 1 when this call paused it (so one instance tells its administrator).
pub fn pause_if_failing_since(
    conn: &mut DbConnection,
    id: &WebhookId,
    cutoff: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        webhooks::table
            .find(id.as_str())
            .filter(webhooks::paused_at.is_null())
            .filter(webhooks::failing_since.le(cutoff)),
    )
    .set(webhooks::paused_at.eq(Some(now)))
    .execute(conn)
}

/// Resumes a paused endpoint: its waiting deliveries are due now, its failures forgotten.
pub fn resume(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    let resumed = diesel::update(
        webhooks::table
            .find(id)
            .filter(webhooks::paused_at.is_not_null()),
    )
    .set((
        webhooks::paused_at.eq(None::<NaiveDateTime>),
        webhooks::failing_since.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::webhook_id.eq(id))
            .filter(webhook_deliveries::state.eq("queued")),
    )
    .set(webhook_deliveries::next_attempt_at.eq(now))
    .execute(conn)?;
    Ok(resumed)
}

/// Adds a delivery unless this endpoint already has one for the same event key; 1 when added.
pub fn enqueue(conn: &mut DbConnection, delivery: &NewDelivery<'_>) -> QueryResult<usize> {
    let insert = diesel::insert_into(webhook_deliveries::table)
        .values(delivery)
        .on_conflict((
            webhook_deliveries::webhook_id,
            webhook_deliveries::event_key,
        ))
        .do_nothing();
    match conn {
        DbConnection::Postgres(pg) => insert.execute(pg),
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite),
    }
}

/// Whether any delivery of an endpoint that is not paused is due (queued and due, or its lease
/// lapsed): a read, so an idle worker takes no write lock.
pub fn any_due(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<bool> {
    use webhook_deliveries as d;
    let due = d::table
        .inner_join(webhooks::table.on(webhooks::id.eq(d::webhook_id)))
        .filter(webhooks::paused_at.is_null())
        .filter(
            d::state
                .eq("queued")
                .and(d::next_attempt_at.le(now))
                .or(d::state.eq("sending").and(d::lease_until.lt(now))),
        )
        .select(d::id);
    diesel::select(diesel::dsl::exists(due)).get_result(conn)
}

/// Claims up to `limit` due deliveries of endpoints not paused (queued and due, or sending with a
/// lapsed lease) for `owner` until `lease_until`. PostgreSQL skips rows another instance holds;
/// SQLite runs this inside the caller's immediate transaction.
pub fn claim_due(
    conn: &mut DbConnection,
    owner: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Delivery>> {
    let sql = match conn {
        DbConnection::Postgres(_) => {
            "UPDATE webhook_deliveries SET state = 'sending', lease_until = $1, lease_owner = $4 \
             WHERE id IN (SELECT d.id FROM webhook_deliveries d \
               JOIN webhooks w ON w.id = d.webhook_id AND w.paused_at IS NULL \
               WHERE (d.state = 'queued' AND d.next_attempt_at <= $2) \
               OR (d.state = 'sending' AND d.lease_until < $2) \
               ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED) RETURNING *"
        }
        DbConnection::Sqlite(_) => {
            "UPDATE webhook_deliveries SET state = 'sending', lease_until = ?1, lease_owner = ?4 \
             WHERE id IN (SELECT d.id FROM webhook_deliveries d \
               JOIN webhooks w ON w.id = d.webhook_id AND w.paused_at IS NULL \
               WHERE (d.state = 'queued' AND d.next_attempt_at <= ?2) \
               OR (d.state = 'sending' AND d.lease_until < ?2) \
               ORDER BY d.next_attempt_at LIMIT ?3) RETURNING *"
        }
    };
    diesel::sql_query(sql)
        .bind::<Timestamp, _>(lease_until)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .bind::<Text, _>(owner)
        .load(conn)
}

/// Whether `owner` still holds an unexpired lease on delivery `id`.
pub fn holds_lease(
    conn: &mut DbConnection,
    id: &str,
    owner: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        webhook_deliveries::table
            .find(id)
            .filter(webhook_deliveries::state.eq("sending"))
            .filter(webhook_deliveries::lease_owner.eq(owner))
            .filter(webhook_deliveries::lease_until.gt(now)),
    ))
    .get_result(conn)
}

/// Records a try by the lease holder `owner`: `delivered` at `at` when `retry_at` is `None` and
/// the try succeeded, queued again at `retry_at`, or `failed` for good. 0 when `owner` no longer
/// holds the lease (another instance took the delivery over): nothing changes.
pub fn record_try(
    conn: &mut DbConnection,
    id: &str,
    owner: &str,
    outcome: &Try<'_>,
    next: Next,
) -> QueryResult<usize> {
    let (state, next_attempt_at, delivered_at) = match next {
        Next::Delivered(at) => ("delivered", None, Some(at)),
        Next::RetryAt(at) => ("queued", Some(at), None),
        Next::Failed => ("failed", None, None),
    };
    let target = webhook_deliveries::table
        .find(id)
        .filter(webhook_deliveries::state.eq("sending"))
        .filter(webhook_deliveries::lease_owner.eq(owner));
    let tried = (
        webhook_deliveries::state.eq(state),
        webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
        webhook_deliveries::lease_until.eq(None::<NaiveDateTime>),
        webhook_deliveries::lease_owner.eq(None::<String>),
        webhook_deliveries::last_status.eq(outcome.status),
        webhook_deliveries::last_duration_ms.eq(Some(outcome.duration_ms)),
        webhook_deliveries::last_error.eq(outcome.error),
        webhook_deliveries::delivered_at.eq(delivered_at),
    );
    match next_attempt_at {
        Some(at) => diesel::update(target)
            .set((tried, webhook_deliveries::next_attempt_at.eq(at)))
            .execute(conn),
        None => diesel::update(target).set(tried).execute(conn),
    }
}

/// What becomes of a delivery after a try.
#[derive(Debug, Clone, Copy)]
pub enum Next {
    Delivered(NaiveDateTime),
    RetryAt(NaiveDateTime),
    Failed,
}

/// An endpoint's latest deliveries, newest first.
pub fn recent(conn: &mut DbConnection, webhook_id: &str, limit: i64) -> QueryResult<Vec<Delivery>> {
    webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .order((
            webhook_deliveries::created_at.desc(),
            webhook_deliveries::id.desc(),
        ))
        .limit(limit)
        .select(Delivery::as_select())
        .load(conn)
}

/// Forgets finished deliveries created before `cutoff`, but those whose key keeps an event from
/// being sent twice (`threshold:…`, once per idea); how many.
pub fn purge_finished_before(conn: &mut DbConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        webhook_deliveries::table
            .filter(webhook_deliveries::state.eq_any(["delivered", "failed"]))
            .filter(webhook_deliveries::created_at.lt(cutoff))
            .filter(webhook_deliveries::event_key.not_like("threshold:%")),
    )
    .execute(conn)
}
