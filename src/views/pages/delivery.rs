//! The administrators' email delivery page.

use maud::{Markup, html};

use crate::domain::clock;
use crate::domain::read::FailedMail;
use crate::views::components::csrf_field;
use crate::views::layout::{Chrome, page};

/// Counts by state, in display order.
pub struct Counts {
    pub queued: i64,
    pub retrying: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
}

pub fn delivery(
    chrome: &Chrome,
    csrf: &str,
    transport: &str,
    counts: &Counts,
    failures: &[FailedMail],
) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("delivery-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t("delivery-title")) }
            p { (lang.t_with("delivery-transport", &[("transport", transport.into())])) }
            table.counts {
                thead { tr { th { (lang.t("delivery-queued")) } th { (lang.t("delivery-retrying")) } th { (lang.t("delivery-sending")) } th { (lang.t("delivery-sent")) } th { (lang.t("delivery-failed")) } } }
                tbody { tr {
                    td #count-queued { (counts.queued) } td #count-retrying { (counts.retrying) }
                    td #count-sending { (counts.sending) } td #count-sent { (counts.sent) } td #count-failed { (counts.failed) }
                } }
            }
            h2 { (lang.t("delivery-failed")) }
            @if failures.is_empty() { p.muted { (lang.t("delivery-nothing-failed")) } }
            table {
                thead { tr { th { (lang.t("delivery-to")) } th { (lang.t("delivery-subject")) } th { (lang.t("delivery-tries")) } th { (lang.t("delivery-last-error")) } th { span.visually-hidden { (lang.t("delivery-retry")) } } } }
                tbody {
                    @for mail in failures {
                        tr {
                            td { (mail.recipient) } td { (mail.subject) } td { (mail.attempts) }
                            td { code { (mail.last_error) } br; span.muted { (clock::rfc3339(mail.created_at)) } }
                            td {
                                form method="post" action={ "/admin/mail/" (mail.id) "/retry" } {
                                    (csrf_field(csrf))
                                    button.secondary type="submit" { (lang.t("delivery-retry-now")) }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (lang.t("delivery-test-heading")) }
            form.card method="post" action="/admin/mail/test" {
                (csrf_field(csrf))
                div.field { label for="test-to" { (lang.t("delivery-to")) } input #test-to type="email" name="to" required; }
                button type="submit" { (lang.t("delivery-send")) }
            }
        },
    )
}
