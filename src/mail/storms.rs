//! The emails of a storm session: its opening (the question, the time it closes, where to answer)
//! and its closing summary with the session's best ideas, in the recipient's language.

use maud::html;

use super::RenderedEmail;
use super::messages::wrap_in;
use crate::domain::clock;
use crate::i18n::{Arg, Lang};
use crate::views::components::markdown::SanitizedMarkdown;

/// A session as its emails name it.
pub struct StormMail<'a> {
    pub title: &'a str,
    /// Markdown source (the text part) and its sanitised HTML (the HTML part).
    pub text: &'a str,
    pub html: &'a str,
    pub ends_at: chrono::NaiveDateTime,
    /// The session's page.
    pub link: &'a str,
}

/// One of the session's best ideas: number, title, points, its page.
pub struct TopIdea {
    pub number: i64,
    pub title: String,
    pub points: i64,
    pub link: String,
}

/// "A storm session is open: …", with the question and the time it closes.
pub fn storm_opened(lang: Lang, name: &str, storm: &StormMail<'_>) -> RenderedEmail {
    let args = [
        ("title", Arg::from(storm.title)),
        ("ends", Arg::from(clock::readable(storm.ends_at))),
    ];
    let subject = lang.t_with("mail-storm-open-subject", &args);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let asked = lang.t_with("mail-storm-open-text", &args);
    let answer = lang.t("mail-storm-open-link");
    let text = format!(
        "{hello}\n\n{asked}\n\n{}\n\n{answer}: {}\n",
        storm.text, storm.link
    );
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (asked) }
            blockquote { (SanitizedMarkdown(storm.html)) }
            p { a href=(storm.link) { (answer) } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// The closing summary to a participant, with the session's best ideas.
pub fn storm_summary(
    lang: Lang,
    name: &str,
    storm: &StormMail<'_>,
    top: &[TopIdea],
) -> RenderedEmail {
    let args = [("title", Arg::from(storm.title))];
    let subject = lang.t_with("mail-storm-summary-subject", &args);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let thanks = lang.t_with("mail-storm-summary-text", &args);
    let best = lang.t("mail-storm-summary-top");
    let points = |idea: &TopIdea| {
        lang.t_with(
            "mail-storm-summary-points",
            &[("points", Arg::from(idea.points))],
        )
    };
    let mut text = format!("{hello}\n\n{thanks}\n\n{}\n\n{best}\n", storm.text);
    for idea in top {
        text.push_str(&format!(
            "#{} {} ({}) {}\n",
            idea.number,
            idea.title,
            points(idea),
            idea.link
        ));
    }
    text.push_str(&format!("\n{}\n", storm.link));
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (thanks) }
            (SanitizedMarkdown(storm.html))
            @if !top.is_empty() {
                h2 style="font-size:1rem" { (best) }
                ol {
                    @for idea in top {
                        li { a href=(idea.link) { "#" (idea.number) " " (idea.title) } " (" (points(idea)) ")" }
                    }
                }
            }
            p { a href=(storm.link) { (storm.title) } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}
