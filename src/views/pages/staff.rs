//! The staff's landing pages, `/mod` and `/admin`: what waits for them, counted and linked to
//! where it is handled, then every tool the person may use.

use maud::{Markup, html};

use crate::domain::read::StaffSummary;
use crate::domain::roles::Role;
use crate::views::layout::{Chrome, page};

/// One count that links to where it is handled.
fn stat(count: i64, label: &str, href: &str) -> Markup {
    html! {
        li { a href=(href) { strong { (count) } " " (label) } }
    }
}

/// The tools `role` may use: (address, name, what it is for).
fn tools(role: Role) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut tools = Vec::new();
    if matches!(role, Role::Moderator | Role::Admin) {
        tools.extend([
            (
                "/mod/flags",
                "Flag queue",
                "dismiss flags or hide what was flagged",
            ),
            (
                "/mod/hidden",
                "Hidden",
                "what was hidden, with the reason; show it again",
            ),
            ("/mod/tags", "Tags", "create, rename and recolour tags"),
            ("/mod/users", "Bans", "ban or unban a person"),
            (
                "/mod/audit",
                "Audit log",
                "every moderation and administration action",
            ),
        ]);
    }
    if matches!(role, Role::Product | Role::Admin) {
        tools.push((
            "/admin/export",
            "Export",
            "the top-ranked ideas as CSV or JSON",
        ));
    }
    if role == Role::Admin {
        tools.extend([
            ("/admin/users", "Users and roles", "who is staff"),
            (
                "/admin/statuses",
                "Statuses",
                "the pipeline: names, colours, order",
            ),
            (
                "/admin/mail",
                "Mail delivery",
                "what was sent, what failed, a test email",
            ),
        ]);
    }
    tools
}

/// A landing page titled `heading` for a person in `role`.
pub fn staff_home(chrome: &Chrome, heading: &str, role: Role, summary: &StaffSummary) -> Markup {
    page(
        heading,
        chrome,
        false,
        html! {
            h1 { (heading) }
            section aria-labelledby="waiting-heading" {
                h2 #waiting-heading { "Waiting for you" }
                ul.stats {
                    @if let Some(flagged) = summary.flagged {
                        (stat(flagged, "flagged ideas and comments", "/mod/flags"))
                    }
                    @for waiting in &summary.waiting {
                        (stat(waiting.count, &format!("ideas still “{}”", waiting.name), &format!("/?status={}&sort=new", waiting.slug)))
                    }
                    @if let Some(mail) = summary.mail {
                        (stat(mail.queued + mail.retrying, "emails waiting to go", "/admin/mail"))
                        (stat(mail.failed, "emails that failed", "/admin/mail"))
                    }
                }
            }
            section aria-labelledby="tools-heading" {
                h2 #tools-heading { "Tools" }
                ul.tools {
                    @for (href, name, what) in tools(role) {
                        li { a href=(href) { (name) } span.muted { " — " (what) } }
                    }
                }
            }
        },
    )
}
