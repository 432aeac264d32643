//! Pipeline pages: the roadmap and the unsubscribe page.

use maud::{Markup, html};

use crate::domain::read::RoadmapColumn;
use crate::domain::validation::Text;
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

/// Asks whether to stop `what` (the emails an unsubscribe link names), or says it is done.
pub fn unsubscribe(chrome: &Chrome, token: &str, what: &Text, done: bool) -> Markup {
    let lang = chrome.lang;
    let what = what.in_language(lang);
    page(
        &lang.t("unsubscribe-title"),
        chrome,
        true,
        html! {
            @if done {
                h1 { (lang.t("unsubscribe-done-title")) }
                p { (lang.t_with("unsubscribe-done", &[("what", what.as_str().into())])) }
            } @else {
                h1 { (lang.t("unsubscribe-ask-title")) }
                p { (lang.t_with("unsubscribe-ask", &[("what", what.as_str().into())])) }
                form method="post" action={ "/unsubscribe/" (token) } {
                    button type="submit" { (lang.t("unsubscribe-button")) }
                }
            }
        },
    )
}
