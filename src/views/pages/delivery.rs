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
    page(
        "Email delivery",
        chrome,
        false,
        html! {
            h1 { "Email delivery" }
            p { "Mail goes out " (transport) "." }
            table.counts {
                thead { tr { th { "Queued" } th { "Retrying" } th { "Sending" } th { "Sent" } th { "Failed" } } }
                tbody { tr {
                    td #count-queued { (counts.queued) } td #count-retrying { (counts.retrying) }
                    td #count-sending { (counts.sending) } td #count-sent { (counts.sent) } td #count-failed { (counts.failed) }
                } }
            }
            h2 { "Failed" }
            @if failures.is_empty() { p.muted { "Nothing failed." } }
            table {
                thead { tr { th { "To" } th { "Subject" } th { "Tries" } th { "Last error" } th { span.visually-hidden { "Retry" } } } }
                tbody {
                    @for mail in failures {
                        tr {
                            td { (mail.recipient) } td { (mail.subject) } td { (mail.attempts) }
                            td { code { (mail.last_error) } br; span.muted { (clock::rfc3339(mail.created_at)) } }
                            td {
                                form method="post" action={ "/admin/mail/" (mail.id) "/retry" } {
                                    (csrf_field(csrf))
                                    button.secondary type="submit" { "Retry now" }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Send a test email" }
            form.card method="post" action="/admin/mail/test" {
                (csrf_field(csrf))
                div.field { label for="test-to" { "To" } input #test-to type="email" name="to" required; }
                button type="submit" { "Send" }
            }
        },
    )
}
