//! Error pages (404, 403, 429, 500 …) in the site's look, in the request's language.

use maud::{Markup, html};

use crate::i18n::Lang;
use crate::views::layout::{Chrome, page};

/// A page for an HTTP error `status`, with a message a person can act on.
pub fn error_page(status: u16, message: &str, lang: Lang) -> Markup {
    let title = lang.t(match status {
        400 => "error-page-400",
        401 => "error-page-401",
        403 => "error-page-403",
        404 => "error-page-404",
        405 => "error-page-405",
        409 => "error-page-409",
        413 => "error-page-413",
        422 => "error-page-422",
        429 => "error-page-429",
        503 => "error-page-503",
        _ => "error-page-other",
    });
    let chrome = Chrome {
        lang,
        ..Chrome::default()
    };
    page(
        &title,
        &chrome,
        true,
        html! {
            h1 { (title) }
            p data-error-message { (message) }
            @if status == 401 {
                p { a href="/login" { (lang.t("error-page-log-in")) } }
            }
            p { a href="/" { (lang.t("error-page-back")) } }
            p.muted { (lang.t_with("error-page-status", &[("status", i64::from(status).into())])) }
        },
    )
}
