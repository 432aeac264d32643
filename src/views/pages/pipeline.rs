//! Pipeline pages: the roadmap and the unsubscribe page.

use maud::{Markup, html};

use crate::domain::read::RoadmapColumn;
use crate::i18n::Arg;
use crate::views::layout::{Chrome, page};

pub fn roadmap(chrome: &Chrome, columns: &[RoadmapColumn]) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("roadmap-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t("roadmap-title")) }
            p.muted { (lang.t("roadmap-intro")) }
            div.roadmap {
                @for column in columns {
                    section.column aria-labelledby={ "col-" (column.slug) } {
                        h2 id={ "col-" (column.slug) } { (column.names.shown(lang, &column.name)) " " span.muted { "(" (column.count) ")" } }
                        @if column.ideas.is_empty() { p.muted { (lang.t("roadmap-empty")) } }
                        ol {
                            @for idea in &column.ideas {
                                li {
                                    a href={ "/ideas/" (idea.number) } { "#" (idea.number) " " (idea.title) }
                                    " " span.muted { (lang.t_with("similar-points", &[("count", Arg::Number(idea.points))])) }
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
