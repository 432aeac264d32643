//! The email that tells a staff member words they watch turned up: who wrote them where, and
//! each matching passage with the words marked.

use maud::html;

use super::RenderedEmail;
use super::messages::wrap_in;
use crate::domain::watch::Passage;
use crate::i18n::{Arg, Lang};
use crate::services::watches::MatchPlace;

/// What turned up where.
pub struct WatchMatch<'a> {
    /// An idea, a comment on one, or a listening post's entry.
    pub place: &'a MatchPlace,
    /// Who wrote them: a person, or the feed an entry came from.
    pub author: &'a str,
    /// Each matching phrase with its passage.
    pub passages: &'a [(String, Passage)],
    /// Where it is on the board.
    pub link: &'a str,
    /// The page to change what one watches.
    pub manage_link: &'a str,
}

impl WatchMatch<'_> {
    /// The phrases that matched, as one list.
    pub fn phrases(&self) -> String {
        let phrases: Vec<&str> = self.passages.iter().map(|(p, _)| p.as_str()).collect();
        phrases.join(", ")
    }

    fn args(&self) -> [(&'static str, Arg<'_>); 5] {
        let (place, number, title) = match self.place {
            MatchPlace::Idea { number, title } => ("idea", number.to_string(), title.as_str()),
            MatchPlace::Comment { number, title, .. } => {
                ("comment", number.to_string(), title.as_str())
            }
            MatchPlace::Entry { title, .. } => ("entry", String::new(), title.as_str()),
        };
        [
            ("where", Arg::from(place)),
            ("phrase", Arg::from(self.phrases())),
            ("number", Arg::from(number)),
            ("title", Arg::from(title)),
            ("author", Arg::from(self.author)),
        ]
    }
}

/// The subject of the email, also the daily digest's line, in `lang`.
pub fn subject(lang: Lang, found: &WatchMatch<'_>) -> String {
    lang.t_with("mail-watch-subject", &found.args())
}

/// The email about `found` to `name`, in `lang`.
pub fn watch_match(lang: Lang, name: &str, found: &WatchMatch<'_>) -> RenderedEmail {
    let subject = subject(lang, found);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let said = lang.t_with("mail-watch-text", &found.args());
    let (open, manage) = (lang.t("mail-watch-open"), lang.t("mail-watch-manage"));
    let quoted: Vec<String> = found
        .passages
        .iter()
        .map(|(_, passage)| {
            let (before, words, after) = passage.parts();
            format!("> {before}**{words}**{after}")
        })
        .collect();
    let text = format!(
        "{hello}\n\n{said}\n\n{}\n\n{open}: {}\n{manage}: {}\n",
        quoted.join("\n\n"),
        found.link,
        found.manage_link
    );
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (said) }
            @for (_, passage) in found.passages {
                @let (before, words, after) = passage.parts();
                blockquote { (before) mark { (words) } (after) }
            }
            p { a href=(found.link) { (open) } }
            p style="color:#616e7c;font-size:0.875rem" { a href=(found.manage_link) { (manage) } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}
