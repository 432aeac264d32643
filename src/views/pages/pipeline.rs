//! Pipeline pages: the roadmap and the unsubscribe page.

use maud::{Markup, html};

use crate::domain::read::RoadmapColumn;
use crate::views::layout::{Chrome, page};

pub fn roadmap(chrome: &Chrome, columns: &[RoadmapColumn]) -> Markup {
    page(
        "Roadmap",
        chrome,
        false,
        html! {
            h1 { "Roadmap" }
            p.muted { "Where ideas stand, most popular first." }
            div.roadmap {
                @for column in columns {
                    section.column aria-labelledby={ "col-" (column.slug) } {
                        h2 id={ "col-" (column.slug) } { (column.name) " " span.muted { "(" (column.count) ")" } }
                        @if column.ideas.is_empty() { p.muted { "Nothing yet." } }
                        ol {
                            @for idea in &column.ideas {
                                li {
                                    a href={ "/ideas/" (idea.number) } { "#" (idea.number) " " (idea.title) }
                                    " " span.muted { (idea.points) " points" }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub fn unsubscribe(chrome: &Chrome, token: &str, what: &str, done: bool) -> Markup {
    page(
        "Unsubscribe",
        chrome,
        true,
        html! {
            @if done {
                h1 { "You are unsubscribed" }
                p { "You will get no more " (what) "." }
            } @else {
                h1 { "Unsubscribe?" }
                p { "Stop " (what) "?" }
                form method="post" action={ "/unsubscribe/" (token) } {
                    button type="submit" { "Unsubscribe" }
                }
            }
        },
    )
}
