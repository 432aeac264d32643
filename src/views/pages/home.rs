//! The front page.

use maud::{Markup, html};

use crate::views::layout::{Chrome, page};

/// The board's front page. Ideas arrive with the ideas feature; until then it welcomes people.
pub fn home(chrome: &Chrome) -> Markup {
    page(
        "Ideas",
        chrome,
        false,
        html! {
            h1 { "Share an idea, promote the best ones" }
            div.card {
                p { "Ideaboard is where customers suggest improvements, promote or demote each other's ideas, and hear back when the product team decides." }
                @if chrome.user.is_none() {
                    p { a.button href="/register" { "Create an account" } " or " a href="/login" { "log in" } "." }
                } @else {
                    p.muted { "No ideas yet." }
                }
            }
        },
    )
}
