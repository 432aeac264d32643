//! The page frame: head, navigation with the signed-in person, flash message, footer.

use maud::{DOCTYPE, Markup, html};

use super::components::csrf_field;
use crate::i18n::Lang;

/// The signed-in person as the navigation shows them.
#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub role: String,
    /// Banned: may read, sign out and manage their own account, and take part in nothing.
    pub read_only: bool,
}

/// Everything the frame needs besides the content.
#[derive(Debug, Clone, Default)]
pub struct Chrome {
    pub user: Option<NavUser>,
    /// The session's CSRF token, for the log-out form and any form on the page.
    pub csrf_token: Option<String>,
    /// A one-time message from the previous action.
    pub flash: Option<String>,
    /// The page's canonical address, when it has one.
    pub canonical: Option<String>,
    /// Set when rendering a template (`views::slots`): this marker stands where the
    /// viewer-dependent part of the navigation goes.
    pub slot_marker: Option<String>,
    /// The language the page is written in.
    pub lang: Lang,
    /// The page's own address (path and query), where the language switcher comes back to.
    pub here: Option<String>,
}

impl Chrome {
    /// The CSRF token for the page's action forms: only for a signed-in person who may act.
    pub fn action_csrf(&self) -> Option<&str> {
        self.user
            .as_ref()
            .filter(|user| !user.read_only)
            .and(self.csrf_token.as_deref())
    }

    /// Whether a signed-in person may only read (banned).
    pub fn read_only(&self) -> bool {
        self.user.as_ref().is_some_and(|user| user.read_only)
    }
}

/// The part of the navigation that depends on who is looking: their links and the log-out form,
/// or the log-in and register links.
pub fn nav_account(user: Option<&NavUser>, csrf_token: Option<&str>, lang: Lang) -> Markup {
    html! {
        @match user {
            Some(user) => {
                @if user.role == "admin" {
                    a href="/admin" { (lang.t("nav-admin")) }
                }
                @if user.role != "member" {
                    a href="/triage" { (lang.t("nav-triage")) }
                }
                @if user.role == "admin" || user.role == "moderator" {
                    a href="/mod" { (lang.t("nav-moderate")) }
                }
                @if user.role == "product" {
                    a href="/admin/export" { (lang.t("nav-export")) }
                }
                @if user.read_only {
                    span.badge.read-only title=(lang.t("read-only-notice")) { (lang.t("nav-read-only")) }
                }
                a href="/account" { (lang.t_with("nav-account", &[("name", user.name.as_str().into())])) }
                @if let Some(token) = csrf_token {
                    form method="post" action="/logout" {
                        (csrf_field(token))
                        button.link type="submit" { (lang.t("nav-log-out")) }
                    }
                }
            }
            None => {
                a href="/login" { (lang.t("nav-log-in")) }
                a href="/register" { (lang.t("nav-register")) }
            }
        }
    }
}

/// A feed's address in the page's language: the board's language needs no `?lang=`.
fn feed_href(lang: Lang, path: &str) -> String {
    if lang == Lang::board_default() {
        path.to_string()
    } else {
        format!("{path}?lang={}", lang.tag())
    }
}

/// A whole page. `narrow` suits single forms.
pub fn page(title: &str, chrome: &Chrome, narrow: bool, content: Markup) -> Markup {
    let lang = chrome.lang;
    html! {
        (DOCTYPE)
        html lang=(chrome.lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Ideaboard" }
                link rel="stylesheet" href=(crate::assets::url("site.css"));
                link rel="stylesheet" href="/theme.css";
                link rel="icon" type="image/svg+xml" href=(crate::assets::url("favicon.svg"));
                link rel="alternate" type="application/atom+xml" title=(lang.t("feed-ideas-link")) href=(feed_href(lang, "/feeds/ideas.atom"));
                link rel="alternate" type="application/atom+xml" title=(lang.t("feed-status-link")) href=(feed_href(lang, "/feeds/status.atom"));
                @if let Some(canonical) = &chrome.canonical {
                    link rel="canonical" href=(canonical);
                }
                // htmx's own <style> would break the CSP; our CSS styles its indicators.
                meta name="htmx-config" content=r#"{"includeIndicatorStyles":false,"allowEval":false}"#;
                script src=(crate::assets::url("htmx.min.js")) defer {}
                script src=(crate::assets::url("site.js")) defer {}
            }
            body {
                a.skip href="#main" { (lang.t("skip-to-content")) }
                header.site {
                    nav aria-label=(lang.t("nav-main")) {
                        a.brand href="/" { "Ideaboard" }
                        a href="/ideas/new" { (lang.t("nav-submit")) }
                        a href="/roadmap" { (lang.t("nav-roadmap")) }
                        a href="/storms" { (lang.t("nav-storms")) }
                        a href="/changelog" { (lang.t("nav-changelog")) }
                        @if let Some(marker) = &chrome.slot_marker {
                            (marker)
                        } @else {
                            (nav_account(chrome.user.as_ref(), chrome.csrf_token.as_deref(), lang))
                        }
                    }
                }
                main #main class=[narrow.then_some("narrow")] {
                    @if let Some(flash) = &chrome.flash {
                        p.flash role="status" { (flash) }
                    }
                    (content)
                }
                // What site.js tells screen readers after an action done without a page load.
                div #announcer .visually-hidden aria-live="polite" {}
                footer.site {
                    (lang.t("footer-tagline")) " "
                    a href="/healthz" { (lang.t("footer-status")) }
                    " · "
                    a href="/api" { (lang.t("footer-api")) }
                    " · "
                    a href=(feed_href(lang, "/feeds/ideas.atom")) { (lang.t("footer-feed")) }
                    (language_switcher(lang, chrome.here.as_deref()))
                }
            }
        }
    }
}

/// The footer's choice of language: a link per language (named in itself), the one shown marked;
/// works without JavaScript and comes back to `here`.
fn language_switcher(shown: Lang, here: Option<&str>) -> Markup {
    let back = here
        .map(|here| format!("?back={}", urlencoding::encode(here)))
        .unwrap_or_default();
    html! {
        " · " span.languages {
            (shown.t("footer-language")) " "
            @for (i, lang) in Lang::all().into_iter().enumerate() {
                @if i > 0 { " | " }
                a href={ "/language/" (lang.tag()) (back) } hreflang=(lang.tag()) lang=(lang.tag())
                    aria-current=[(lang == shown).then_some("true")] { (lang.t("language-name")) }
            }
        }
    }
}
