//! `/admin/webhooks`: register an endpoint (URL, events, format), the secret of a new one shown
//! once, and each endpoint with its state, buttons (send test, resume, remove) and its latest
//! deliveries with status code and duration.

use maud::{Markup, html};

use crate::domain::clock;
use crate::domain::validation::FieldErrors;
use crate::domain::webhooks::{WebhookEvent, WebhookFormat};
use crate::i18n::{Arg, Lang};
use crate::services::webhooks::{DeliveryView, EndpointView};
use crate::views::components::{Field, confirm_delete, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// What was typed into the form (kept when refused), with the reasons.
pub struct EndpointDraft<'a> {
    pub url: &'a str,
    pub events: &'a [String],
    pub format: &'a str,
    pub errors: &'a FieldErrors,
}

/// The page; `new_secret` is the secret of the endpoint just registered (shown this once).
pub fn webhooks_page(
    chrome: &Chrome,
    csrf: &str,
    endpoints: &[EndpointView],
    draft: &EndpointDraft<'_>,
    new_secret: Option<&str>,
) -> Markup {
    let lang = chrome.lang;
    let title = lang.t("webhooks-title");
    let shown_title = if draft.errors.is_empty() {
        title.clone()
    } else {
        lang.t_with("error-title", &[("title", title.as_str().into())])
    };
    page(
        &shown_title,
        chrome,
        false,
        html! {
            h1 { (title) }
            p.muted { (lang.t("webhooks-lead")) " " a href="/api/docs" { (lang.t("webhooks-docs")) } }
            @if let Some(secret) = new_secret {
                div.notice role="status" {
                    p { strong { (lang.t("webhooks-secret-once")) } }
                    p { code.secret { (secret) } }
                }
            }
            (error_summary(draft.errors, lang))
            (new_endpoint_form(csrf, draft, lang))
            section aria-labelledby="endpoints-heading" {
                h2 #endpoints-heading { (lang.t("webhooks-endpoints")) }
                @if endpoints.is_empty() {
                    p.muted { (lang.t("webhooks-none")) }
                }
                @for endpoint in endpoints {
                    (endpoint_card(csrf, endpoint, lang))
                }
            }
        },
    )
}

fn new_endpoint_form(csrf: &str, draft: &EndpointDraft<'_>, lang: Lang) -> Markup {
    let errors = draft.errors;
    let (url, url_hint) = (lang.t("webhooks-url"), lang.t("webhooks-url-hint"));
    let events_error = errors
        .in_language(lang)
        .for_field("events")
        .map(str::to_string);
    let format = WebhookFormat::parse(draft.format).unwrap_or(WebhookFormat::Json);
    html! {
        form.card method="post" action="/admin/webhooks" novalidate {
            (csrf_field(csrf))
            (Field { name: "url", label: &url, kind: "url", value: draft.url, hint: Some(&url_hint), autocomplete: "off", errors, required: true })
            fieldset.field aria-describedby=[events_error.as_ref().map(|_| "field-events-error")] {
                legend { (lang.t("webhooks-events")) }
                @for (i, event) in WebhookEvent::SUBSCRIBABLE.into_iter().enumerate() {
                    label.check {
                        input type="checkbox" name="events" value=(event.as_str())
                            id=[(i == 0).then_some("field-events")]
                            checked[draft.events.iter().any(|e| e == event.as_str())];
                        " " (event_name(event, lang)) " " code { (event.as_str()) }
                    }
                }
                @if let Some(message) = &events_error {
                    p.error id="field-events-error" { (message) }
                }
            }
            fieldset.field {
                legend { (lang.t("webhooks-format")) }
                @for (i, choice) in [WebhookFormat::Json, WebhookFormat::Slack].into_iter().enumerate() {
                    label.check {
                        input type="radio" name="format" value=(choice.as_str())
                            id=[(i == 0).then_some("field-format")]
                            checked[choice == format];
                        " " (lang.t(&format!("webhooks-format-{}", choice.as_str())))
                    }
                }
            }
            button type="submit" { (lang.t("webhooks-add")) }
        }
    }
}

/// An event as people read it.
pub fn event_name(event: WebhookEvent, lang: Lang) -> String {
    lang.t(&format!(
        "webhooks-event-{}",
        event.as_str().replace(['.', '_'], "-")
    ))
}

fn endpoint_state(endpoint: &EndpointView, lang: Lang) -> String {
    match (endpoint.paused_at, endpoint.failing_since) {
        (Some(at), _) => lang.t_with("webhooks-paused", &[("at", Arg::from(clock::readable(at)))]),
        (None, Some(since)) => lang.t_with(
            "webhooks-failing",
            &[("since", Arg::from(clock::readable(since)))],
        ),
        (None, None) => lang.t("webhooks-active"),
    }
}

fn endpoint_card(csrf: &str, endpoint: &EndpointView, lang: Lang) -> Markup {
    let action = |what: &str| format!("/admin/webhooks/{}/{what}", endpoint.id);
    let events: Vec<String> = endpoint
        .events
        .iter()
        .map(|e| event_name(*e, lang))
        .collect();
    let heading_id = format!("webhook-{}", endpoint.id);
    html! {
        article.card aria-labelledby=(heading_id) {
            h3 id=(heading_id) { code { (endpoint.url) } }
            p {
                (endpoint_state(endpoint, lang)) " · "
                (lang.t(&format!("webhooks-format-{}", endpoint.format.as_str()))) " · "
                (events.join(", "))
            }
            div.actions {
                form.inline method="post" action=(action("test")) {
                    (csrf_field(csrf))
                    button.secondary type="submit" { (lang.t("webhooks-send-test")) }
                }
                @if endpoint.paused_at.is_some() {
                    form.inline method="post" action=(action("resume")) {
                        (csrf_field(csrf))
                        button type="submit" { (lang.t("webhooks-resume")) }
                    }
                }
                (confirm_delete(csrf, &action("delete"), &lang.t_with("webhooks-delete-question", &[("url", Arg::from(endpoint.url.as_str()))]), lang))
            }
            (deliveries_table(&endpoint.recent, lang))
        }
    }
}

fn deliveries_table(deliveries: &[DeliveryView], lang: Lang) -> Markup {
    html! {
        @if deliveries.is_empty() {
            p.muted { (lang.t("webhooks-no-deliveries")) }
        } @else {
            div.table-scroll { table {
                caption { (lang.t("webhooks-deliveries")) }
                thead { tr {
                    th scope="col" { (lang.t("webhooks-col-when")) }
                    th scope="col" { (lang.t("webhooks-col-event")) }
                    th scope="col" { (lang.t("webhooks-col-state")) }
                    th scope="col" { (lang.t("webhooks-col-status")) }
                    th scope="col" { (lang.t("webhooks-col-duration")) }
                    th scope="col" { (lang.t("webhooks-col-attempts")) }
                } }
                tbody {
                    @for delivery in deliveries {
                        tr {
                            td { time datetime=(clock::rfc3339(delivery.created_at)) { (clock::readable(delivery.created_at)) } }
                            td { code { (delivery.event) } }
                            td {
                                (lang.t(&format!("webhooks-state-{}", delivery.state)))
                                @if let Some(error) = &delivery.error {
                                    br; span.muted { (error) }
                                }
                            }
                            td { @match delivery.status { Some(code) => (code), None => "—" } }
                            td { @match delivery.duration_ms { Some(ms) => (lang.t_with("webhooks-ms", &[("ms", Arg::from(ms))])), None => "—" } }
                            td { (delivery.attempts) }
                        }
                    }
                }
            } }
        }
    }
}
