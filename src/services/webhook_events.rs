//! What webhook endpoints are told: the documented payload of each event, its Slack-compatible
//! form, and the deliveries written in the transaction of the change itself (the worker in
//! `jobs::webhooks` sends them). An event no endpoint subscribes to costs one read of the small
//! `webhooks` table.

use serde::Serialize;
use utoipa::ToSchema;

use super::ServiceResult;
use crate::db::DbConnection;
use crate::db::models::ideas::Idea;
use crate::db::models::webhooks::{self as rows, NewDelivery, Webhook};
use crate::db::models::{statuses, users};
use crate::domain::clock;
use crate::domain::ids::StatusId;
use crate::domain::webhooks::{WebhookEvent, WebhookFormat, events_of};
use crate::i18n::Lang;

/// An idea as a payload names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookIdea {
    pub number: i64,
    pub title: String,
    pub url: String,
    /// The status's slug.
    pub status: String,
    /// The author's display name ("deleted account" once it is gone).
    pub author: String,
    pub upvotes: i64,
    pub downvotes: i64,
    /// IdeaStorm points: ten a promote, minus ten a demote (what the review threshold counts).
    pub points: i64,
}

/// A comment as `comment.created` names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookComment {
    pub id: String,
    pub author: String,
    /// Markdown source.
    pub body: String,
    /// Whether it is an official answer from staff.
    pub official: bool,
    pub url: String,
}

/// A status change as `idea.status_changed` names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookStatusChange {
    /// The status slugs before and after.
    pub from: String,
    pub to: String,
    /// The public note (Markdown), possibly empty.
    pub note: String,
}

/// The body of every delivery in the `json` format. `X-Ideaboard-Event` repeats `event`,
/// `X-Ideaboard-Delivery` repeats `delivery` (the same on every retry).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookPayload {
    /// `idea.created`, `idea.status_changed`, `idea.merged`, `comment.created`,
    /// `idea.threshold_reached` or `webhook.test`.
    pub event: WebhookEvent,
    pub delivery: String,
    /// When it happened, RFC 3339 UTC.
    pub occurred_at: String,
    /// The board's address.
    pub board: String,
    /// The idea concerned (absent only for `webhook.test`).
    pub idea: Option<WebhookIdea>,
    /// `comment.created`: the new comment.
    pub comment: Option<WebhookComment>,
    /// `idea.status_changed`: from which status to which, and the note.
    pub status_change: Option<WebhookStatusChange>,
    /// `idea.merged`: the idea `idea` was merged into.
    pub merged_into: Option<WebhookIdea>,
    /// `idea.threshold_reached`: the review threshold in points the idea reached.
    pub threshold: Option<i64>,
}

impl WebhookPayload {
    /// The payload of `event` happening now, saying nothing yet of what it concerns.
    fn bare(event: WebhookEvent, base_url: &str) -> Self {
        WebhookPayload {
            event,
            delivery: String::new(),
            occurred_at: clock::rfc3339(clock::now()),
            board: base_url.to_string(),
            idea: None,
            comment: None,
            status_change: None,
            merged_into: None,
            threshold: None,
        }
    }
}

/// Something that happened, with what its payload needs.
pub enum Happened<'a> {
    IdeaCreated {
        idea: &'a Idea,
    },
    StatusChanged {
        idea: &'a Idea,
        from: &'a StatusId,
        to: &'a StatusId,
        note: &'a str,
        change_id: &'a str,
    },
    Merged {
        duplicate: &'a Idea,
        into: &'a Idea,
        merge_id: &'a str,
    },
    CommentCreated {
        idea: &'a Idea,
        comment_id: &'a str,
        author: &'a str,
        body: &'a str,
        official: bool,
    },
    ThresholdReached {
        idea: &'a Idea,
        threshold: i64,
    },
}

impl Happened<'_> {
    fn event(&self) -> WebhookEvent {
        match self {
            Happened::IdeaCreated { .. } => WebhookEvent::IdeaCreated,
            Happened::StatusChanged { .. } => WebhookEvent::IdeaStatusChanged,
            Happened::Merged { .. } => WebhookEvent::IdeaMerged,
            Happened::CommentCreated { .. } => WebhookEvent::CommentCreated,
            Happened::ThresholdReached { .. } => WebhookEvent::IdeaThresholdReached,
        }
    }

    /// What makes two deliveries of it to one endpoint the same (written once).
    fn key(&self) -> String {
        match self {
            Happened::IdeaCreated { idea } => format!("created:{}", idea.id),
            Happened::StatusChanged { change_id, .. } => format!("status:{change_id}"),
            Happened::Merged { merge_id, .. } => format!("merge:{merge_id}"),
            Happened::CommentCreated { comment_id, .. } => format!("comment:{comment_id}"),
            // Once per idea, however often its points go below and back over.
            Happened::ThresholdReached { idea, .. } => format!("threshold:{}", idea.id),
        }
    }
}

/// Writes a delivery of `happened` to every endpoint not paused that subscribes to it; how many.
pub fn emit(
    conn: &mut DbConnection,
    base_url: &str,
    happened: &Happened<'_>,
) -> ServiceResult<usize> {
    let event = happened.event();
    let endpoints: Vec<Webhook> = rows::active(conn)?
        .into_iter()
        .filter(|endpoint| events_of(&endpoint.events).contains(&event))
        .collect();
    if endpoints.is_empty() {
        return Ok(0);
    }
    let template = payload_of(conn, base_url, happened)?;
    let key = happened.key();
    let mut written = 0;
    for endpoint in &endpoints {
        written += write_delivery(conn, endpoint, &key, template.clone())?;
    }
    Ok(written)
}

/// Writes the `webhook.test` delivery to one endpoint (its "send test" button).
pub fn emit_test(conn: &mut DbConnection, base_url: &str, endpoint: &Webhook) -> ServiceResult<()> {
    let payload = WebhookPayload::bare(WebhookEvent::Test, base_url);
    write_delivery(
        conn,
        endpoint,
        &format!("test:{}", clock::new_id()),
        payload,
    )?;
    Ok(())
}

fn write_delivery(
    conn: &mut DbConnection,
    endpoint: &Webhook,
    key: &str,
    mut payload: WebhookPayload,
) -> ServiceResult<usize> {
    let id = clock::new_id();
    payload.delivery = id.clone();
    let body = match WebhookFormat::parse(&endpoint.format) {
        Some(WebhookFormat::Slack) => {
            serde_json::json!({ "text": slack_text(&payload) }).to_string()
        }
        _ => serde_json::to_string(&payload)
            .map_err(|e| super::error::ServiceError::Internal(e.into()))?,
    };
    let now = clock::now();
    Ok(rows::enqueue(
        conn,
        &NewDelivery {
            id: &id,
            webhook_id: &endpoint.id,
            event: payload.event.as_str(),
            event_key: key,
            body: &body,
            next_attempt_at: now,
            created_at: now,
        },
    )?)
}

/// The payload of `happened`, its delivery id left to each endpoint's delivery.
fn payload_of(
    conn: &mut DbConnection,
    base_url: &str,
    happened: &Happened<'_>,
) -> ServiceResult<WebhookPayload> {
    let mut payload = WebhookPayload::bare(happened.event(), base_url);
    let idea = match happened {
        Happened::IdeaCreated { idea } => idea,
        Happened::StatusChanged {
            idea,
            from,
            to,
            note,
            ..
        } => {
            payload.status_change = Some(WebhookStatusChange {
                from: status_slug(conn, from)?,
                to: status_slug(conn, to)?,
                note: note.to_string(),
            });
            idea
        }
        Happened::Merged {
            duplicate, into, ..
        } => {
            payload.merged_into = Some(idea_of(conn, base_url, into)?);
            duplicate
        }
        Happened::CommentCreated {
            idea,
            comment_id,
            author,
            body,
            official,
        } => {
            payload.comment = Some(WebhookComment {
                id: comment_id.to_string(),
                author: author.to_string(),
                body: body.to_string(),
                official: *official,
                url: format!("{}#comment-{comment_id}", idea_url(base_url, idea.number)),
            });
            idea
        }
        Happened::ThresholdReached { idea, threshold } => {
            payload.threshold = Some(*threshold);
            idea
        }
    };
    let mut shown = idea_of(conn, base_url, idea)?;
    if let Some(change) = &payload.status_change {
        // The idea as the change left it (the row read before the change names the old one).
        shown.status = change.to.clone();
    }
    payload.idea = Some(shown);
    Ok(payload)
}

fn idea_url(base_url: &str, number: i64) -> String {
    format!("{}/ideas/{number}", base_url.trim_end_matches('/'))
}

fn status_slug(conn: &mut DbConnection, id: &StatusId) -> ServiceResult<String> {
    Ok(statuses::find_by_id(conn, id)?
        .map(|status| status.slug)
        .unwrap_or_default())
}

fn idea_of(conn: &mut DbConnection, base_url: &str, idea: &Idea) -> ServiceResult<WebhookIdea> {
    let author = users::find_by_id(conn, &idea.author_id)?
        .map(|user| user.name)
        .unwrap_or_else(|| Lang::board_default().t("deleted-account"));
    Ok(WebhookIdea {
        number: idea.number,
        title: idea.title.clone(),
        url: idea_url(base_url, idea.number),
        status: status_slug(conn, &idea.status_id)?,
        author,
        upvotes: idea.upvotes,
        downvotes: idea.downvotes,
        points: crate::domain::ranking::points(idea.upvotes, idea.downvotes),
    })
}

/// The one line a chat channel shows, in the board's language, with Slack's `<url|text>` links.
fn slack_text(payload: &WebhookPayload) -> String {
    let lang = Lang::board_default();
    let Some(idea) = &payload.idea else {
        return lang.t_with(
            "webhook-slack-test",
            &[("board", payload.board.as_str().into())],
        );
    };
    let link = format!(
        "<{}|#{} {}>",
        idea.url,
        idea.number,
        slack_escape(&idea.title)
    );
    let author = slack_escape(&idea.author);
    match payload.event {
        WebhookEvent::IdeaStatusChanged => {
            let change = payload.status_change.as_ref();
            lang.t_with(
                "webhook-slack-status",
                &[
                    ("idea", link.as_str().into()),
                    ("status", change.map_or("", |c| c.to.as_str()).into()),
                ],
            )
        }
        WebhookEvent::IdeaMerged => {
            let into = payload.merged_into.as_ref().map_or(String::new(), |into| {
                format!(
                    "<{}|#{} {}>",
                    into.url,
                    into.number,
                    slack_escape(&into.title)
                )
            });
            lang.t_with(
                "webhook-slack-merged",
                &[
                    ("idea", link.as_str().into()),
                    ("into", into.as_str().into()),
                ],
            )
        }
        WebhookEvent::CommentCreated => {
            let by = payload
                .comment
                .as_ref()
                .map_or(String::new(), |c| slack_escape(&c.author));
            lang.t_with(
                "webhook-slack-comment",
                &[
                    ("idea", link.as_str().into()),
                    ("author", by.as_str().into()),
                ],
            )
        }
        WebhookEvent::IdeaThresholdReached => lang.t_with(
            "webhook-slack-threshold",
            &[
                ("idea", link.as_str().into()),
                ("points", idea.points.into()),
            ],
        ),
        _ => lang.t_with(
            "webhook-slack-created",
            &[
                ("idea", link.as_str().into()),
                ("author", author.as_str().into()),
            ],
        ),
    }
}

/// Slack's three control characters in text, escaped as its documentation asks.
fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
