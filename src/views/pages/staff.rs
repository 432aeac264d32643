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

/// The tools `role` may use: (address, the key of its name; the key of what it is for adds
/// `-what`).
fn tools(role: Role) -> Vec<(&'static str, &'static str)> {
    let mut tools = vec![
        ("/triage", "tool-triage"),
        ("/insights", "tool-community"),
        ("/insights/responses", "tool-insights"),
    ];
    if matches!(role, Role::Moderator | Role::Admin) {
        tools.extend([
            ("/mod/flags", "tool-flags"),
            ("/mod/hidden", "tool-hidden"),
            ("/mod/tags", "tool-tags"),
            ("/mod/users", "tool-bans"),
            ("/mod/audit", "tool-audit"),
        ]);
    }
    if matches!(role, Role::Product | Role::Admin) {
        tools.push(("/admin/export", "tool-export"));
    }
    if role == Role::Admin {
        tools.extend([
            ("/admin/users", "tool-users"),
            ("/admin/statuses", "tool-statuses"),
            ("/admin/areas", "tool-areas"),
            ("/admin/mail", "tool-mail"),
            ("/admin/webhooks", "tool-webhooks"),
        ]);
    }
    tools
}

/// A landing page titled by the key `heading` for a person in `role`.
pub fn staff_home(chrome: &Chrome, heading: &str, role: Role, summary: &StaffSummary) -> Markup {
    let lang = chrome.lang;
    let heading = lang.t(heading);
    page(
        &heading,
        chrome,
        false,
        html! {
            h1 { (heading) }
            section aria-labelledby="waiting-heading" {
                h2 #waiting-heading { (lang.t("staff-waiting")) }
                ul.stats {
                    @if let Some(flagged) = summary.flagged {
                        (stat(flagged, &lang.t("stat-flagged"), "/mod/flags"))
                    }
                    @for waiting in &summary.waiting {
                        (stat(waiting.count, &lang.t_with("stat-still-in", &[("status", waiting.names.shown(lang, &waiting.name).into())]), &format!("/?status={}&sort=new", waiting.slug)))
                    }
                    @if let Some(mail) = summary.mail {
                        (stat(mail.queued + mail.retrying, &lang.t("stat-mail-waiting"), "/admin/mail"))
                        (stat(mail.failed, &lang.t("stat-mail-failed"), "/admin/mail"))
                    }
                }
            }
            section aria-labelledby="tools-heading" {
                h2 #tools-heading { (lang.t("staff-tools")) }
                ul.tools {
                    @for (href, name) in tools(role) {
                        li { a href=(href) { (lang.t(name)) } span.muted { " — " (lang.t(&format!("{name}-what"))) } }
                    }
                }
            }
        },
    )
}
