//! Watched words: the phrase a staff member watches for, how they are told, and where a phrase
//! turns up in a text — in any case, on whole words, each word stemmed the way the search stems
//! in the text's language (English or German; stop words are matched too, so "the cloud" is not "cloud"): "refund"
//! finds "Refunds" and "Akkulaufzeit" finds "Akkulaufzeiten", but "Akku" does not find "Akkord".

use std::ops::Range;

use super::search_language::SearchLanguage;
use super::sentiment;
use super::validation::Text;

/// The longest phrase, in characters.
pub const PHRASE_MAX_CHARS: usize = 80;
/// The most words in a phrase.
pub const PHRASE_MAX_WORDS: usize = 6;
/// The most phrases one person watches.
pub const WATCHES_PER_PERSON: i64 = 100;
/// About how much of the text is quoted on each side of the matching words, in bytes.
const CONTEXT_BYTES: usize = 100;

/// How a watcher is told about a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// An email at once.
    Instant,
    /// A line in the daily digest.
    Daily,
}

impl Delivery {
    /// The delivery named `name` (`instant`, `daily`), as stored and sent in the API.
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim() {
            "instant" => Some(Delivery::Instant),
            "daily" => Some(Delivery::Daily),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Instant => "instant",
            Delivery::Daily => "daily",
        }
    }
}

/// A phrase as it is watched: as typed with single spaces, and the key one person watches it
/// under once (in lower case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub shown: String,
    pub key: String,
}

impl Phrase {
    /// The phrase `typed`, or why it cannot be watched: empty, too long, too many words, or only
    /// words the search leaves out in both languages ("in", "an").
    pub fn parse(typed: &str) -> Result<Phrase, Text> {
        let shown = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        if shown.is_empty() {
            return Err(Text::new("refused-watch-phrase-empty"));
        }
        if shown.chars().count() > PHRASE_MAX_CHARS {
            return Err(Text::new("refused-watch-phrase-long").with("max", PHRASE_MAX_CHARS as i64));
        }
        let words = shown
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count();
        if words > PHRASE_MAX_WORDS {
            return Err(
                Text::new("refused-watch-phrase-words").with("max", PHRASE_MAX_WORDS as i64)
            );
        }
        if SearchLanguage::ALL
            .iter()
            .all(|language| language.stems(&shown).is_empty())
        {
            return Err(Text::new("refused-watch-phrase-stop-words"));
        }
        let key = shown.to_lowercase();
        Ok(Phrase { shown, key })
    }
}

/// Where a phrase turned up: the passage of the text around it (whitespace made single spaces,
/// "…" where it was cut) and the matching words' place in the passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    pub term: Range<usize>,
}

impl Passage {
    /// The passage in three parts: before the matching words, the words, after them.
    pub fn parts(&self) -> (&str, &str, &str) {
        let Passage { text, term } = self;
        (
            text.get(..term.start).unwrap_or(""),
            text.get(term.clone()).unwrap_or(""),
            text.get(term.end..).unwrap_or(""),
        )
    }
}

/// A text read once for the phrases looked for in it: its language and its stemmed words.
pub struct Searched<'a> {
    text: &'a str,
    language: SearchLanguage,
    words: Vec<(Range<usize>, String)>,
}

impl<'a> Searched<'a> {
    /// `text`, its language told (English or German) and its words stemmed in it.
    pub fn new(text: &'a str) -> Self {
        let language = match sentiment::language_of(text) {
            sentiment::Language::English => SearchLanguage::English,
            sentiment::Language::German => SearchLanguage::German,
        };
        Searched {
            text,
            language,
            words: language.stemmed_words(text),
        }
    }

    /// The first place `phrase` turns up — all its words in order, stop words too, each
    /// stemmed in the text's language — with the passage around it; `None` when it does not.
    pub fn find(&self, phrase: &str) -> Option<Passage> {
        let wanted: Vec<String> = self
            .language
            .stemmed_words(phrase)
            .into_iter()
            .map(|(_, stem)| stem)
            .collect();
        let last = wanted.len().checked_sub(1)?;
        let at = self.words.windows(wanted.len()).position(|window| {
            window
                .iter()
                .zip(&wanted)
                .all(|((_, stem), want)| stem == want)
        })?;
        let start = self.words.get(at)?.0.start;
        let end = self.words.get(at + last)?.0.end;
        Some(passage_around(self.text, start..end))
    }
}

/// The first place `phrase` turns up in `text` (see `Searched::find`).
pub fn find(phrase: &str, text: &str) -> Option<Passage> {
    Searched::new(text).find(phrase)
}

/// The passage of `text` around `term`: about `CONTEXT_BYTES` either side, cut between words.
fn passage_around(text: &str, term: Range<usize>) -> Passage {
    let mut from = term.start.saturating_sub(CONTEXT_BYTES);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    if from > 0 {
        // Start after the first space, so no word is quoted in part.
        from = text
            .get(from..term.start)
            .and_then(|before| before.find(char::is_whitespace))
            .map_or(term.start, |space| from + space);
    }
    let mut to = (term.end + CONTEXT_BYTES).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    if to < text.len() {
        to = text
            .get(term.end..to)
            .and_then(|after| after.rfind(char::is_whitespace))
            .map_or(term.end, |space| term.end + space);
    }
    let piece = |range: Range<usize>| single_spaced(text.get(range).unwrap_or(""));
    let before = piece(from..term.start);
    let words = piece(term.clone());
    let after = piece(term.end..to);
    let opening = if from > 0 { "…" } else { "" };
    let closing = if to < text.len() { "…" } else { "" };
    let before = format!("{opening}{}", before.trim_start());
    let start = before.len();
    Passage {
        text: format!("{before}{words}{}{closing}", after.trim_end()),
        term: start..start + words.len(),
    }
}

/// `text` with every run of whitespace made one space.
fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(phrase: &str, text: &str) -> Option<String> {
        find(phrase, text).map(|passage| {
            let (before, words, after) = passage.parts();
            format!("{before}[{words}]{after}")
        })
    }

    #[test]
    fn a_phrase_is_found_in_any_case_and_inflection_on_whole_words() {
        assert_eq!(
            found("refund", "Two REFUNDS were denied."),
            Some("Two [REFUNDS] were denied.".into())
        );
        assert_eq!(found("refund", "We prefund the pilot."), None);
        assert_eq!(
            found("Akkulaufzeit", "Die Akkulaufzeiten sind\n\nschwach"),
            Some("Die [Akkulaufzeiten] sind schwach".into())
        );
        assert_eq!(found("Akku", "Ein Akkord auf der Gitarre"), None);
    }

    #[test]
    fn a_phrase_of_several_words_matches_them_in_order() {
        assert_eq!(
            found("battery life", "The battery-life of my laptop"),
            Some("The [battery-life] of my laptop".into())
        );
        assert_eq!(found("battery life", "Life without a battery"), None);
    }

    #[test]
    fn a_long_text_is_quoted_around_the_match_cut_between_words() {
        let text = format!(
            "{} the charger broke {}",
            "word ".repeat(60),
            "after ".repeat(60)
        );
        let passage = find("charger", &text).expect("found");
        let (before, words, after) = passage.parts();
        assert_eq!(words, "charger");
        assert!(
            before.starts_with("…word ") && before.len() < 120,
            "{before}"
        );
        assert!(after.ends_with("after…") && after.len() < 120, "{after}");
    }

    #[test]
    fn phrases_that_cannot_be_watched_say_why() {
        let refused = |typed: &str| Phrase::parse(typed).err().map(|text| text.key.to_string());
        assert_eq!(refused("  "), Some("refused-watch-phrase-empty".into()));
        assert_eq!(
            refused(&"x".repeat(81)),
            Some("refused-watch-phrase-long".into())
        );
        assert_eq!(
            refused("a b c d e f g"),
            Some("refused-watch-phrase-words".into())
        );
        assert_eq!(
            refused("in"),
            Some("refused-watch-phrase-stop-words".into())
        );
        let phrase = Phrase::parse("  Battery \t Life ").expect("watchable");
        assert_eq!(
            (phrase.shown.as_str(), phrase.key.as_str()),
            ("Battery Life", "battery life")
        );
        assert_eq!(Delivery::parse("daily"), Some(Delivery::Daily));
        assert_eq!(Delivery::parse("weekly"), None);
    }
}
