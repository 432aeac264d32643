//! The cookies a response sets, read as a browser (or a thief) would hold them.

/// The session cookie a response sets, if any.
pub fn session_cookie_of(response: &reqwest::Response) -> Option<String> {
    cookie_of(response, "ideaboard_session")
}

/// The form cookie (an anonymous visitor's CSRF secret) a response sets, if any.
pub fn form_cookie_of(response: &reqwest::Response) -> Option<String> {
    cookie_of(response, "ideaboard_form")
}

fn cookie_of(response: &reqwest::Response, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(prefix.as_str()))
        .and_then(|v| v.split(';').next())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}
