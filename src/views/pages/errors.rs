//! Error pages (404, 403, 429, 500 …) in the site's look.

use maud::{Markup, html};

use crate::views::layout::{Chrome, page};

/// A page for an HTTP error `status`, with a message a person can act on.
pub fn error_page(status: u16, message: &str) -> Markup {
    let title = match status {
        400 => "Bad request",
        401 => "Please sign in",
        403 => "Not allowed",
        404 => "Page not found",
        413 => "Too large",
        422 => "Please check your input",
        429 => "Slow down",
        503 => "Not ready",
        _ => "Something went wrong",
    };
    page(
        title,
        &Chrome::default(),
        true,
        html! {
            h1 { (title) }
            p data-error-message { (message) }
            @if status == 401 {
                p { a href="/login" { "Log in" } }
            }
            p { a href="/" { "Back to the board" } }
            p.muted { "Error " (status) }
        },
    )
}
