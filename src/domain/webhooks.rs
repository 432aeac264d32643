//! Webhooks, pure: the events an endpoint may subscribe to, the two body formats, an endpoint's
//! fields as typed and checked, and the signature every delivery carries.

use serde::Serialize;

use super::secrets;
use super::validation::{FieldErrors, Text};

/// The longest endpoint URL.
pub const URL_MAX_CHARS: usize = 2_000;

/// What happened on the board, as endpoints subscribe to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
pub enum WebhookEvent {
    #[serde(rename = "idea.created")]
    IdeaCreated,
    #[serde(rename = "idea.status_changed")]
    IdeaStatusChanged,
    #[serde(rename = "idea.merged")]
    IdeaMerged,
    #[serde(rename = "comment.created")]
    CommentCreated,
    #[serde(rename = "idea.threshold_reached")]
    IdeaThresholdReached,
    /// Sent to one endpoint by its "send test" button; never subscribed to.
    #[serde(rename = "webhook.test")]
    Test,
}

impl WebhookEvent {
    /// The events an endpoint may subscribe to, in the order forms list them.
    pub const SUBSCRIBABLE: [WebhookEvent; 5] = [
        WebhookEvent::IdeaCreated,
        WebhookEvent::IdeaStatusChanged,
        WebhookEvent::IdeaMerged,
        WebhookEvent::CommentCreated,
        WebhookEvent::IdeaThresholdReached,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::IdeaCreated => "idea.created",
            WebhookEvent::IdeaStatusChanged => "idea.status_changed",
            WebhookEvent::IdeaMerged => "idea.merged",
            WebhookEvent::CommentCreated => "comment.created",
            WebhookEvent::IdeaThresholdReached => "idea.threshold_reached",
            WebhookEvent::Test => "webhook.test",
        }
    }

    /// A subscribable event by its name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::SUBSCRIBABLE
            .into_iter()
            .find(|event| event.as_str() == name)
    }
}

/// How a delivery's body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum WebhookFormat {
    /// The documented JSON payload (`WebhookPayload`).
    Json,
    /// `{"text": …}`, what Slack's incoming webhooks (and Mattermost's, Rocket.Chat's) take.
    Slack,
}

impl WebhookFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookFormat::Json => "json",
            WebhookFormat::Slack => "slack",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "json" => Some(WebhookFormat::Json),
            "slack" => Some(WebhookFormat::Slack),
            _ => None,
        }
    }
}

/// An endpoint's fields as checked: the URL still needs the network guard's word (`net`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointFields {
    pub url: url::Url,
    pub events: Vec<WebhookEvent>,
    pub format: WebhookFormat,
}

impl EndpointFields {
    /// Checks what was typed: an http(s) URL with a host and no password in it, at least one
    /// known event (each once, in the listed order), a known format (`json` when absent). Every
    /// refusal at its field.
    pub fn check(url: &str, events: &[String], format: Option<&str>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let url = parse_url(url)
            .map_err(|refused| errors.add("url", refused))
            .ok();
        let mut chosen = Vec::new();
        for name in events {
            match WebhookEvent::parse(name.trim()) {
                Some(event) => chosen.push(event),
                None => errors.add(
                    "events",
                    Text::new("refused-webhook-event").with("event", name.as_str()),
                ),
            }
        }
        if events.is_empty() {
            errors.add("events", Text::new("refused-webhook-no-events"));
        }
        let events: Vec<WebhookEvent> = WebhookEvent::SUBSCRIBABLE
            .into_iter()
            .filter(|event| chosen.contains(event))
            .collect();
        let format = match format.map(str::trim).filter(|f| !f.is_empty()) {
            None => Some(WebhookFormat::Json),
            Some(name) => WebhookFormat::parse(name),
        };
        if format.is_none() {
            errors.add("format", Text::new("refused-webhook-format"));
        }
        match (url, format) {
            (Some(url), Some(format)) if errors.is_empty() => Ok(EndpointFields {
                url,
                events,
                format,
            }),
            _ => Err(errors),
        }
    }
}

/// An endpoint URL: http(s), a host, no user name or password, at most `URL_MAX_CHARS`.
fn parse_url(typed: &str) -> Result<url::Url, Text> {
    let typed = typed.trim();
    if typed.chars().count() > URL_MAX_CHARS {
        return Err(Text::new("refused-webhook-url"));
    }
    let url = url::Url::parse(typed).map_err(|_| Text::new("refused-webhook-url"))?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some()
        && url.username().is_empty()
        && url.password().is_none();
    if plain {
        Ok(url)
    } else {
        Err(Text::new("refused-webhook-url"))
    }
}

/// The events as stored: their names, comma-separated.
pub fn stored_events(events: &[WebhookEvent]) -> String {
    let names: Vec<&str> = events.iter().map(|event| event.as_str()).collect();
    names.join(",")
}

/// The events of a stored list (names no longer known are dropped).
pub fn events_of(stored: &str) -> Vec<WebhookEvent> {
    stored.split(',').filter_map(WebhookEvent::parse).collect()
}

/// The `X-Ideaboard-Signature` of `body` sent at `timestamp` (Unix seconds):
/// `sha256=` and the hex HMAC-SHA-256 under the endpoint's secret of `"<timestamp>.<body>"`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    format!(
        "sha256={}",
        secrets::hmac_hex(secret.as_bytes(), &format!("{timestamp}.{body}"))
    )
}

/// A fresh endpoint secret.
pub fn new_secret() -> String {
    secrets::new_token("whsec_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_hmac_of_timestamp_dot_body() {
        // From an independent computation (Python's hmac module):
        // hmac.new(b"whsec_test", b'1700000000.{"a":1}', "sha256").hexdigest()
        assert_eq!(
            signature("whsec_test", 1_700_000_000, "{\"a\":1}"),
            "sha256=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789"
        );
        assert_ne!(
            signature("whsec_test", 1_700_000_001, "{\"a\":1}"),
            signature("whsec_test", 1_700_000_000, "{\"a\":1}")
        );
    }

    #[test]
    fn endpoints_are_checked_field_by_field() {
        let events = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let fine = EndpointFields::check(
            "https://hooks.example.com/in",
            &events(&["comment.created", "idea.created", "idea.created"]),
            None,
        )
        .expect("a fine endpoint");
        assert_eq!(
            fine.events,
            vec![WebhookEvent::IdeaCreated, WebhookEvent::CommentCreated]
        );
        assert_eq!(fine.format, WebhookFormat::Json);
        let refused =
            EndpointFields::check("ftp://example.com", &events(&["idea.deleted"]), Some("xml"))
                .expect_err("refused");
        for field in ["url", "events", "format"] {
            assert!(refused.for_field(field).is_some(), "{field}: {refused}");
        }
        let none = EndpointFields::check("https://user:pw@example.com", &[], Some("slack"))
            .expect_err("refused");
        assert!(none.for_field("url").is_some() && none.for_field("events").is_some());
        assert_eq!(events_of(&stored_events(&fine.events)), fine.events);
    }
}
