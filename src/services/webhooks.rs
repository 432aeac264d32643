//! Webhook endpoints (administrators): register one (its secret shown once), list them with their
//! recent deliveries, send a test, resume a paused one, remove one; and what the webhook worker
//! asks of the database: claiming due deliveries, recording each try, and pausing an endpoint
//! that has failed for a day (its administrator is emailed).

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDateTime};

use super::accounts::Account;
use super::error::ServiceError;
use super::{ServiceResult, audit, mail_queue, webhook_events};
use crate::db::Db;
use crate::db::models::users;
pub use crate::db::models::webhooks::Try;
use crate::db::models::webhooks::{self as rows, Delivery, NewWebhook, Next, Webhook};
use crate::domain::clock;
use crate::domain::ids::{UserId, WebhookId};
use crate::domain::roles::{Permission, Role};
use crate::domain::validation::{FieldErrors, Text};
use crate::domain::webhooks::{
    EndpointFields, WebhookEvent, WebhookFormat, events_of, new_secret, stored_events,
};
use crate::mail;

/// How long an endpoint may fail without a success before it is paused.
pub const PAUSE_AFTER: Duration = Duration::days(1);
/// How long a delivery is retried: past `PAUSE_AFTER`, so an endpoint failing all along is
/// paused (and its administrator told) before its deliveries give up.
pub const RETRY_FOR: Duration = Duration::hours(25);
/// A try starts only with this much of its lease left: more than the client's whole timeout.
const LEASE_LEFT_TO_SEND: Duration = Duration::seconds(30);
/// How many deliveries each endpoint shows.
const RECENT: i64 = 10;
/// How long finished deliveries are kept in the log.
const KEPT_FOR: Duration = Duration::days(30);

/// One try of a delivery, as the log shows it.
#[derive(Debug, Clone)]
pub struct DeliveryView {
    pub id: String,
    pub event: String,
    /// `queued`, `sending`, `delivered` or `failed`.
    pub state: String,
    pub attempts: i64,
    pub status: Option<i32>,
    pub duration_ms: Option<i64>,
    pub error: Option<String>,
    pub created_at: NaiveDateTime,
    pub next_attempt_at: NaiveDateTime,
}

/// An endpoint with its latest deliveries (never its secret).
#[derive(Debug, Clone)]
pub struct EndpointView {
    pub id: WebhookId,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub format: WebhookFormat,
    pub created_at: NaiveDateTime,
    pub failing_since: Option<NaiveDateTime>,
    pub paused_at: Option<NaiveDateTime>,
    pub recent: Vec<DeliveryView>,
}

/// A new endpoint and its secret, which is shown this once.
#[derive(Debug, Clone)]
pub struct Registered {
    pub endpoint: EndpointView,
    pub secret: String,
}

/// Refused unless `actor` may manage webhooks (asked before any field is looked at).
pub fn may_manage(actor: &Account) -> ServiceResult<()> {
    actor.require(Permission::ManageWebhooks)
}

/// Registers an endpoint from fields already checked, with the network guard's refusal of its
/// URL, if any, at the field.
pub fn register(
    db: &mut Db,
    actor: &Account,
    checked: Result<EndpointFields, FieldErrors>,
    url_refused: Option<Text>,
) -> ServiceResult<Registered> {
    may_manage(actor)?;
    let fields = match (checked, url_refused) {
        (Ok(fields), None) => fields,
        (checked, refused) => {
            let mut errors = checked.err().unwrap_or_default();
            if let Some(refused) = refused {
                errors.add("url", refused);
            }
            return Err(ServiceError::Validation(errors));
        }
    };
    let id = WebhookId::generate();
    let secret = new_secret();
    let now = clock::now();
    db.write(|conn| {
        if rows::all(conn)?
            .iter()
            .any(|e| e.url == fields.url.as_str())
        {
            return Err(ServiceError::conflict_coded(
                "webhook_exists",
                "url",
                Text::new("refused-webhook-exists"),
            ));
        }
        rows::insert(
            conn,
            &NewWebhook {
                id: &id,
                url: fields.url.as_str(),
                events: &stored_events(&fields.events),
                format: fields.format.as_str(),
                secret: &secret,
                created_by: Some(&actor.id),
                created_at: now,
            },
        )?;
        audit::record(
            conn,
            actor,
            "create_webhook",
            "webhook",
            id.as_str(),
            &audited(fields.url.as_str()),
            "",
        )
    })?;
    tracing::info!(webhook_id = %id, "webhook endpoint registered");
    let endpoint = view(db, actor, id.as_str())?;
    Ok(Registered { endpoint, secret })
}

/// What the audit log (read by moderators too) names an endpoint by: its origin only, as a
/// chat's incoming-webhook URL works as a password.
fn audited(url: &str) -> String {
    url::Url::parse(url)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_default()
}

/// Every endpoint with its latest deliveries.
pub fn list(db: &mut Db, actor: &Account) -> ServiceResult<Vec<EndpointView>> {
    may_manage(actor)?;
    let conn = db.conn()?;
    let mut shown = Vec::new();
    for endpoint in rows::all(conn)? {
        let recent = rows::recent(conn, endpoint.id.as_str(), RECENT)?;
        shown.push(endpoint_view(endpoint, recent));
    }
    Ok(shown)
}

/// One endpoint with its latest deliveries.
pub fn view(db: &mut Db, actor: &Account, id: &str) -> ServiceResult<EndpointView> {
    may_manage(actor)?;
    let conn = db.conn()?;
    let endpoint = rows::find(conn, id)?.ok_or(ServiceError::NotFound)?;
    let recent = rows::recent(conn, id, RECENT)?;
    Ok(endpoint_view(endpoint, recent))
}

fn endpoint_view(endpoint: Webhook, recent: Vec<Delivery>) -> EndpointView {
    EndpointView {
        events: events_of(&endpoint.events),
        format: WebhookFormat::parse(&endpoint.format).unwrap_or(WebhookFormat::Json),
        id: endpoint.id,
        url: endpoint.url,
        created_at: endpoint.created_at,
        failing_since: endpoint.failing_since,
        paused_at: endpoint.paused_at,
        recent: recent
            .into_iter()
            .map(|d| DeliveryView {
                id: d.id,
                event: d.event,
                state: d.state,
                attempts: d.attempts,
                status: d.last_status,
                duration_ms: d.last_duration_ms,
                error: d.last_error,
                created_at: d.created_at,
                next_attempt_at: d.next_attempt_at,
            })
            .collect(),
    }
}

/// Removes an endpoint and its log.
pub fn delete(db: &mut Db, actor: &Account, id: &str) -> ServiceResult<()> {
    may_manage(actor)?;
    db.write(|conn| {
        let endpoint = rows::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        rows::delete(conn, id)?;
        audit::record(
            conn,
            actor,
            "delete_webhook",
            "webhook",
            id,
            &audited(&endpoint.url),
            "",
        )
    })?;
    tracing::info!(webhook_id = %id, "webhook endpoint removed");
    Ok(())
}

/// Queues a `webhook.test` delivery to the endpoint (paused or not: it waits while paused).
pub fn send_test(db: &mut Db, actor: &Account, id: &str, base_url: &str) -> ServiceResult<()> {
    may_manage(actor)?;
    db.write(|conn| {
        let endpoint = rows::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        webhook_events::emit_test(conn, base_url, &endpoint)?;
        audit::record(
            conn,
            actor,
            "test_webhook",
            "webhook",
            id,
            &endpoint.url,
            "",
        )
    })
}

/// Resumes a paused endpoint: the deliveries that waited are due at once. 409 `not_paused`
/// when it is not paused.
pub fn resume(db: &mut Db, actor: &Account, id: &str) -> ServiceResult<()> {
    may_manage(actor)?;
    db.write(|conn| {
        let endpoint = rows::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        if rows::resume(conn, id, clock::now())? == 0 {
            return Err(ServiceError::conflict_coded(
                "not_paused",
                "webhook",
                Text::new("refused-webhook-not-paused"),
            ));
        }
        audit::record(
            conn,
            actor,
            "resume_webhook",
            "webhook",
            id,
            &endpoint.url,
            "",
        )
    })
}

/// A claimed delivery with where and how it is sent.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub delivery: Delivery,
    pub url: String,
    pub secret: String,
}

/// Claims up to `limit` due deliveries for `owner` for `lease`.
pub fn claim(db: &mut Db, owner: &str, lease: Duration, limit: i64) -> ServiceResult<Vec<Claimed>> {
    let now = clock::now();
    if !rows::any_due(db.conn()?, now)? {
        return Ok(Vec::new());
    }
    db.write(|conn| {
        let claimed = rows::claim_due(conn, owner, now, now + lease, limit)?;
        let ids: BTreeSet<&WebhookId> = claimed.iter().map(|d| &d.webhook_id).collect();
        let ids: Vec<&WebhookId> = ids.into_iter().collect();
        let endpoints: HashMap<WebhookId, Webhook> = rows::with_ids(conn, &ids)?
            .into_iter()
            .map(|endpoint| (endpoint.id.clone(), endpoint))
            .collect();
        Ok(claimed
            .into_iter()
            .filter_map(|delivery| {
                let endpoint = endpoints.get(&delivery.webhook_id)?;
                Some(Claimed {
                    url: endpoint.url.clone(),
                    secret: endpoint.secret.clone(),
                    delivery,
                })
            })
            .collect())
    })
}

/// When to try a delivery made at `created_at` again after its try number `attempts` failed:
/// the mail outbox's backoff from `base`, or never once it has been retried for `RETRY_FOR`.
pub fn next_try_at(
    base: std::time::Duration,
    attempts: u32,
    created_at: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let at = clock::now()
        + Duration::from_std(mail::worker::backoff(base, attempts)).unwrap_or(Duration::hours(1));
    (at < created_at + RETRY_FOR).then_some(at)
}

/// Whether `owner` still holds the lease on delivery `id` (checked right before it is sent).
/// With `LEASE_LEFT_TO_SEND` to spare, so a try never outlives the lease and overlaps another
/// instance's.
pub fn still_holds(db: &mut Db, id: &str, owner: &str) -> ServiceResult<bool> {
    let until = clock::now() + LEASE_LEFT_TO_SEND;
    Ok(rows::holds_lease(db.conn()?, id, owner, until)?)
}

/// Records a try of `delivery` by `owner`: delivered, retried at `retry_at`, or failed for good
/// when `retry_at` is `None`. A failure marks the endpoint failing; one failing for
/// `PAUSE_AFTER` is paused and its administrator emailed. False when the lease was lost.
pub fn record(
    db: &mut Db,
    owner: &str,
    delivery: &Delivery,
    outcome: &Try<'_>,
    retry_at: Option<NaiveDateTime>,
    base_url: &str,
) -> ServiceResult<bool> {
    let now = clock::now();
    let succeeded = outcome.error.is_none();
    let next = match (succeeded, retry_at) {
        (true, _) => Next::Delivered(now),
        (false, Some(at)) => Next::RetryAt(at),
        (false, None) => Next::Failed,
    };
    db.write(|conn| {
        if rows::record_try(conn, &delivery.id, owner, outcome, next)? == 0 {
            return Ok(false);
        }
        let endpoint = &delivery.webhook_id;
        if succeeded {
            rows::clear_failing(conn, endpoint)?;
            return Ok(true);
        }
        rows::note_failing(conn, endpoint, now)?;
        if rows::pause_if_failing_since(conn, endpoint, now - PAUSE_AFTER, now)? == 1 {
            tell_paused(conn, endpoint, outcome.error.unwrap_or_default(), base_url)?;
        }
        Ok(true)
    })
}

/// Emails the endpoint's administrator (every administrator when that account is gone).
fn tell_paused(
    conn: &mut crate::db::DbConnection,
    id: &WebhookId,
    error: &str,
    base_url: &str,
) -> ServiceResult<()> {
    let Some(endpoint) = rows::find(conn, id.as_str())? else {
        return Ok(());
    };
    tracing::warn!(webhook_id = %id, "a webhook endpoint failing for a day was paused");
    let owner = endpoint
        .created_by
        .as_ref()
        .map(|user| users::find_by_id(conn, user))
        .transpose()?
        .flatten()
        .filter(|user| user.role == Role::Admin.as_str() && user.banned_at.is_none());
    let people: BTreeSet<UserId> = match owner {
        Some(user) => BTreeSet::from([user.id]),
        None => users::staff_accounts(conn)?
            .into_iter()
            .filter(|user| user.role == Role::Admin.as_str())
            .map(|user| user.id)
            .collect(),
    };
    let link = format!("{}/admin/webhooks", base_url.trim_end_matches('/'));
    let event_key = format!("webhook_paused:{id}:{}", clock::rfc3339(clock::now()));
    mail_queue::queue_each(
        conn,
        &people,
        ("webhook_paused", &event_key),
        |lang, name| mail::webhooks::endpoint_paused(lang, name, &endpoint.url, error, &link),
    )?;
    Ok(())
}

/// Forgets finished deliveries older than `KEPT_FOR`; how many.
pub fn purge_old(db: &mut Db) -> ServiceResult<usize> {
    let cutoff = clock::now() - KEPT_FOR;
    db.write(|conn| Ok(rows::purge_finished_before(conn, cutoff)?))
}
