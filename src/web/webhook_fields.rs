//! An endpoint's fields as the API and the admin page receive them: checked (`domain::webhooks`),
//! then its URL vetted by the guarded client for webhooks, so an address the guard refuses is
//! refused at the field when it is registered (and again at each delivery, by the worker).

use crate::domain::validation::{FieldErrors, Text};
use crate::domain::webhooks::EndpointFields;
use crate::net::outbound::UrlRefusal;
use crate::web::state::AppState;

/// The checked fields, and the guard's refusal of the URL if the URL itself was fine.
pub async fn checked(
    state: &AppState,
    url: &str,
    events: &[String],
    format: Option<&str>,
) -> (Result<EndpointFields, FieldErrors>, Option<Text>) {
    let fields = EndpointFields::check(url, events, format);
    let refused = match &fields {
        Ok(fields) => match state.webhook_outbound.vet_typed(fields.url.as_str()).await {
            Ok(_) => None,
            Err(UrlRefusal::Malformed) => Some(Text::new("refused-webhook-url")),
            Err(UrlRefusal::NotPublic) => Some(Text::new("refused-webhook-private")),
            Err(UrlRefusal::Unresolvable) => Some(Text::new("refused-webhook-unresolvable")),
        },
        Err(_) => None,
    };
    (fields, refused)
}
