//! HTML page handlers: parse input, call one service, render a page or redirect.

pub mod account;
pub mod admin;
pub mod api_docs;
pub mod area_admin;
pub mod auth;
pub mod board;
pub mod changelog;
pub mod comments;
pub mod community;
pub mod delivery;
pub mod export;
pub mod idea_show;
pub mod ideas;
pub mod insights;
pub mod listening;
pub mod moderation;
pub mod pipeline;
pub mod reset;
pub mod sign_in;
pub mod staff;
pub mod statuses;
pub mod storms;
pub mod tags;
pub mod triage;
pub mod watch;
pub mod webhooks;

use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use maud::Markup;

/// A rendered page with a status.
pub fn html(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        // Written in the language the cookie or the browser asked for.
        .insert_header((header::VARY, "Cookie, Accept-Language"))
        .body(markup.into_string())
}

/// A page that must not be stored by browsers or proxies (it shows account details or secrets).
pub fn private_html(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(markup.into_string())
}

/// The answer to a successful POST: 303 to `location`.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// A local path to return to after a form: only same-site paths, never `//host` or a URL.
pub fn safe_return_path(candidate: Option<&str>, fallback: &str) -> String {
    match candidate {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && path.len() <= 1000
                && !path.chars().any(char::is_control) =>
        {
            path.to_string()
        }
        _ => fallback.to_string(),
    }
}

/// The names per language a staff form sent (`name_de`, `name_en` …), by language tag; every
/// other field is left out.
pub fn names_by_language(
    fields: &std::collections::BTreeMap<String, String>,
) -> std::collections::BTreeMap<String, String> {
    fields
        .iter()
        .filter_map(|(key, value)| Some((key.strip_prefix("name_")?.to_string(), value.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(
            safe_return_path(Some("/?sort=new&page=2"), "/"),
            "/?sort=new&page=2"
        );
        for evil in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
        ] {
            assert_eq!(
                safe_return_path(Some(evil), "/ideas/1"),
                "/ideas/1",
                "{evil}"
            );
        }
        assert_eq!(safe_return_path(None, "/"), "/");
    }
}
