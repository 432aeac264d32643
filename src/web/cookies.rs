//! The session and flash cookies: names, attributes, and queuing them onto the response.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpMessage, HttpRequest};

use crate::config::Config;

/// Cookies to add to the response, queued by handlers and extractors, written by middleware.
#[derive(Debug, Default, Clone)]
pub struct PendingCookies(pub Vec<Cookie<'static>>);

/// Queues a cookie for this request's response.
pub fn queue(req: &HttpRequest, cookie: Cookie<'static>) {
    let mut extensions = req.extensions_mut();
    match extensions.get_mut::<PendingCookies>() {
        Some(pending) => {
            pending.0.retain(|c| c.name() != cookie.name());
            pending.0.push(cookie);
        }
        None => {
            extensions.insert(PendingCookies(vec![cookie]));
        }
    }
}

/// `__Host-ideaboard_session` over https (Secure, host-only), `ideaboard_session` over http.
pub fn session_cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Host-ideaboard_session"
    } else {
        "ideaboard_session"
    }
}

/// The session token the visitor sent, if it looks like one (it is looked up later).
pub fn session_token(req: &HttpRequest, config: &Config) -> Option<String> {
    req.cookie(session_cookie_name(config))
        .map(|c| c.value().to_string())
        .filter(|t| t.starts_with("ibs_") && t.len() < 200)
}

/// `__Host-ideaboard_form` over https, `ideaboard_form` over http: a random value whose
/// signature is the CSRF token of a visitor without a session (double-submit, signed).
pub fn form_cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Host-ideaboard_form"
    } else {
        "ideaboard_form"
    }
}

/// The form cookie's value, if the visitor sent one that looks like ours (64 hex digits).
pub fn form_nonce(req: &HttpRequest, config: &Config) -> Option<String> {
    req.cookie(form_cookie_name(config))
        .map(|c| c.value().to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The form cookie carrying `nonce`, kept for a day.
pub fn form(config: &Config, nonce: String) -> Cookie<'static> {
    let mut cookie = base(form_cookie_name(config), nonce, config);
    cookie.set_max_age(CookieDuration::days(1));
    cookie
}

/// The state of a sign-in begun at an identity provider (its return must carry the same):
/// `__Host-` prefixed over https, so no other host or plain-http page can plant one.
fn sign_in_cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Host-ideaboard_sign_in"
    } else {
        "ideaboard_sign_in"
    }
}

/// The token of a provider's person waiting to type their account's password.
fn link_cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Host-ideaboard_sign_in_link"
    } else {
        "ideaboard_sign_in_link"
    }
}

/// A cookie living for a sign-in's ten minutes (`None`: its removal).
pub fn sign_in(config: &Config, value: Option<String>) -> Cookie<'static> {
    short_lived(sign_in_cookie_name(config), value, config)
}

/// The waiting link's cookie (`None`: its removal).
pub fn sign_in_link(config: &Config, value: Option<String>) -> Cookie<'static> {
    short_lived(link_cookie_name(config), value, config)
}

fn short_lived(name: &'static str, value: Option<String>, config: &Config) -> Cookie<'static> {
    let removal = value.is_none();
    let mut cookie = base(name, value.unwrap_or_default(), config);
    if removal {
        cookie.make_removal();
    } else {
        cookie.set_max_age(CookieDuration::minutes(10));
    }
    cookie
}

/// The sign-in state this browser began, if any.
pub fn sign_in_state(req: &HttpRequest, config: &Config) -> Option<String> {
    req.cookie(sign_in_cookie_name(config))
        .map(|c| c.value().to_string())
        .filter(|v| !v.is_empty() && v.len() < 200)
}

/// The waiting link's token this browser holds, if any.
pub fn sign_in_link_token(req: &HttpRequest, config: &Config) -> Option<String> {
    req.cookie(link_cookie_name(config))
        .map(|c| c.value().to_string())
        .filter(|v| !v.is_empty() && v.len() < 200)
}

/// Whether a one-time message waits to be shown on this page.
pub fn has_flash(req: &HttpRequest) -> bool {
    req.cookie(FLASH_COOKIE).is_some()
}

const FLASH_COOKIE: &str = "ideaboard_flash";

/// The content version read after this browser's last change committed, so that pages read
/// before it are not served to it (`page_cache::recent_enough`).
const CHANGED_COOKIE: &str = "ideaboard_changed";

/// The cookie saying this browser's last change is in every page read at `version` or later; it
/// lives as long as a kept page may be served after a change (`PAGE_STALE_SECS`), and a little
/// longer.
pub fn changed(config: &Config, version: i64) -> Cookie<'static> {
    let mut cookie = base(CHANGED_COOKIE, version.to_string(), config);
    cookie.set_max_age(CookieDuration::seconds(
        i64::from(config.page_stale_secs) + 60,
    ));
    cookie
}

/// The version holding this browser's last change, if it says so in a form we wrote. (A forged
/// value only costs its sender: a higher one gets them exact pages, a lower one their own change
/// late.)
pub fn last_change(req: &HttpRequest) -> Option<i64> {
    req.cookie(CHANGED_COOKIE)?.value().parse().ok()
}

fn base(name: &'static str, value: String, config: &Config) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.is_https())
        .finish()
}

/// The session cookie carrying `token`, kept for `max_age_days`.
pub fn session(config: &Config, token: String, max_age_days: i64) -> Cookie<'static> {
    let mut cookie = base(session_cookie_name(config), token, config);
    cookie.set_max_age(CookieDuration::days(max_age_days));
    cookie
}

/// A cookie that removes the session cookie.
pub fn clear_session(config: &Config) -> Cookie<'static> {
    let mut cookie = base(session_cookie_name(config), String::new(), config);
    cookie.make_removal();
    cookie
}

/// One-time messages shown after a redirect. Only these codes exist (each variant's name in
/// snake case), so a forged cookie can show nothing but one of our own sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flash {
    Welcome,
    SignedIn,
    SignedOut,
    PasswordChanged,
    NameChanged,
    LanguageSaved,
    PasswordReset,
    TokenRevoked,
    RoleChanged,
    IdeaSubmitted,
    IdeaEdited,
    CommentAdded,
    CommentEdited,
    CommentDeleted,
    Flagged,
    AlreadyFlagged,
    StatusChanged,
    Followed,
    Unfollowed,
    PreferencesSaved,
    TagCreated,
    TagSaved,
    TagDeleted,
    TagsSaved,
    AreaSaved,
    AreaCreated,
    AreaChanged,
    AreaDeleted,
    AnswerRated,
    CommentHidden,
    CommentShown,
    FlagsDismissed,
    FlaggedHidden,
    Merged,
    Unmerged,
    IdeaHidden,
    IdeaShown,
    Locked,
    Unlocked,
    Banned,
    Unbanned,
    StatusCreated,
    StatusSaved,
    MailRetried,
    TestMailQueued,
    WatchAdded,
    WatchDeleted,
    FeedAdded,
    FeedDeleted,
    EntryDismissed,
    WebhookTestQueued,
    WebhookResumed,
    WebhookDeleted,
    AccountDeleted,
    UserDeleted,
}

impl Flash {
    /// The code in the cookie.
    fn code(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    fn from_code(code: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
    }

    /// The sentence shown to the person, in `lang` (the `flash-…` texts of the translation files).
    pub fn message(self, lang: crate::i18n::Lang) -> String {
        lang.t(&format!("flash-{}", self.code().replace('_', "-")))
    }
}

/// Queues a flash message for the next page.
pub fn set_flash(req: &HttpRequest, config: &Config, flash: Flash) {
    let mut cookie = base(FLASH_COOKIE, flash.code(), config);
    cookie.set_max_age(CookieDuration::minutes(5));
    queue(req, cookie);
}

/// Reads the flash message, if any, and queues its removal (unless a new one replaces it).
pub fn take_flash(req: &HttpRequest, config: &Config) -> Option<Flash> {
    let flash = req
        .cookie(FLASH_COOKIE)
        .and_then(|c| Flash::from_code(c.value()))?;
    let mut removal = base(FLASH_COOKIE, String::new(), config);
    removal.make_removal();
    let already_set = req
        .extensions()
        .get::<PendingCookies>()
        .is_some_and(|p| p.0.iter().any(|c| c.name() == FLASH_COOKIE));
    if !already_set {
        queue(req, removal);
    }
    Some(flash)
}

#[cfg(test)]
mod tests {
    use super::Flash;

    #[test]
    fn a_message_travels_as_its_snake_case_code_and_nothing_else_reads_as_one() {
        let german = Flash::SignedIn.message(crate::i18n::Lang::parse("de").expect("German"));
        assert_eq!(german, "Du bist angemeldet.");
        assert_eq!(Flash::SignedIn.code(), "signed_in");
        assert_eq!(Flash::TestMailQueued.code(), "test_mail_queued");
        for flash in [Flash::Welcome, Flash::AlreadyFlagged, Flash::Banned] {
            assert_eq!(Flash::from_code(&flash.code()), Some(flash));
            let english = flash.message(crate::i18n::Lang::english());
            assert!(
                english.ends_with('.') && !english.contains("flash-"),
                "{english}"
            );
        }
        for forged in ["<script>", "", "SignedIn", "signed in"] {
            assert_eq!(Flash::from_code(forged), None, "{forged}");
        }
    }
}
