//! The email of a release note: what shipped, and which of the ideas the reader cared about it
//! delivers, in the recipient's language.

use maud::html;

use super::RenderedEmail;
use super::messages::wrap_in;
use crate::i18n::{Arg, Lang};
use crate::views::components::markdown::SanitizedMarkdown;

/// An idea a note delivers: number, title, its page.
pub struct DeliveredIdea {
    pub number: i64,
    pub title: String,
    pub link: String,
}

/// "Shipped: …", the note (`(title, Markdown, sanitised HTML)`) and the ideas it delivers.
pub fn release_note(
    lang: Lang,
    name: &str,
    (title, text, html): (&str, &str, &str),
    ideas: &[DeliveredIdea],
    link: &str,
) -> RenderedEmail {
    let args = [("title", Arg::from(title))];
    let subject = lang.t_with("mail-release-subject", &args);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let shipped = lang.t_with("mail-release-text", &args);
    let delivers = lang.t("mail-release-ideas");
    let mut plain = format!("{hello}\n\n{shipped}\n\n{text}\n\n{delivers}\n");
    for idea in ideas {
        plain.push_str(&format!("#{} {} {}\n", idea.number, idea.title, idea.link));
    }
    plain.push_str(&format!("\n{link}\n"));
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (shipped) }
            (SanitizedMarkdown(html))
            h2 style="font-size:1rem" { (delivers) }
            ul {
                @for idea in ideas {
                    li { a href=(idea.link) { "#" (idea.number) " " (idea.title) } }
                }
            }
            p { a href=(link) { (title) } }
        },
    );
    RenderedEmail {
        subject,
        text: plain,
        html,
    }
}
