//! The language the board's full-text search stems in (`SEARCH_LANGUAGE`): the name of
//! PostgreSQL's text-search configuration, and the same Snowball stemming and stop words for
//! SQLite's index and queries, so both backends find the same ideas.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::ideas::search_terms;

/// A language the search index can stem in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchLanguage {
    #[default]
    English,
    German,
}

impl SearchLanguage {
    /// Every language, in the order the configuration error names them.
    pub const ALL: [SearchLanguage; 2] = [SearchLanguage::English, SearchLanguage::German];

    /// The language named `name` (PostgreSQL's configuration name, any case).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|language| language.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The language that stems the words of a board speaking `lang`: `de` is German, and every
    /// other language the board speaks is English.
    pub fn of_locale(lang: crate::i18n::Lang) -> Self {
        match lang.tag().as_str() {
            "de" => SearchLanguage::German,
            _ => SearchLanguage::English,
        }
    }

    /// PostgreSQL's text-search configuration of this language: `english`, `german`.
    pub fn name(self) -> &'static str {
        match self {
            SearchLanguage::English => "english",
            SearchLanguage::German => "german",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            SearchLanguage::English => Algorithm::English,
            SearchLanguage::German => Algorithm::German,
        }
    }

    /// Whether `word` (lower case) is one of the words this language's index leaves out.
    pub fn is_stop_word(self, word: &str) -> bool {
        static ENGLISH: LazyLock<HashSet<&str>> =
            LazyLock::new(|| listed(include_str!("stop_words/english.txt")));
        static GERMAN: LazyLock<HashSet<&str>> =
            LazyLock::new(|| listed(include_str!("stop_words/german.txt")));
        match self {
            SearchLanguage::English => ENGLISH.contains(word),
            SearchLanguage::German => GERMAN.contains(word),
        }
    }

    /// Whether `word` (lower case) says nothing about what an idea asks for: a stop word, or one
    /// of the words requests are phrased with ("please", "add"; "bitte", "hinzufügen"). Left out
    /// when looking for similar ideas.
    pub fn is_filler(self, word: &str) -> bool {
        const ENGLISH: &[&str] = &[
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "could", "do", "for", "from",
            "have", "i", "in", "is", "it", "me", "my", "of", "on", "or", "please", "should", "so",
            "that", "the", "this", "to", "we", "when", "with", "would", "you", "your", "add",
            "allow", "make", "able", "want", "need", "new", "more", "let",
        ];
        const GERMAN: &[&str] = &[
            "bitte",
            "hinzufügen",
            "ermöglichen",
            "machen",
            "möchte",
            "möchten",
            "wollen",
            "brauche",
            "brauchen",
            "neu",
            "neue",
            "neuen",
            "neuer",
            "neues",
            "mehr",
            "lassen",
            "können",
            "könnte",
            "sollte",
            "sollten",
            "wäre",
            "wünsche",
            "gerne",
            "gern",
        ];
        let phrasing = match self {
            SearchLanguage::English => ENGLISH,
            SearchLanguage::German => GERMAN,
        };
        phrasing.contains(&word) || self.is_stop_word(word)
    }

    /// The stems of `text`'s words, stop words left out, in order: "Längere Akkulaufzeiten" in
    /// German is `["lang", "akkulaufzeit"]`.
    pub fn stems(self, text: &str) -> Vec<String> {
        let stemmer = Stemmer::create(self.algorithm());
        words(text)
            .filter(|word| !self.is_stop_word(word))
            .map(|word| stemmer.stem(&word).into_owned())
            .collect()
    }

    /// Every word of `text`, stop words included, with its place in `text` (byte offsets) and
    /// its stem, in order: what a watched phrase's stems are looked for in.
    pub fn stemmed_words(self, text: &str) -> Vec<(Range<usize>, String)> {
        let stemmer = Stemmer::create(self.algorithm());
        word_spans(text)
            .into_iter()
            .filter_map(|span| {
                let word = text.get(span.clone())?.to_lowercase();
                Some((span, stemmer.stem(&word).into_owned()))
            })
            .collect()
    }

    /// What SQLite's index holds for `text`: its stems separated by spaces.
    pub fn indexed_text(self, text: &str) -> String {
        self.stems(text).join(" ")
    }
}

impl fmt::Display for SearchLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The words of a stop-word file: one per line, `#` lines are comments.
fn listed(file: &'static str) -> HashSet<&'static str> {
    file.lines().filter(|line| !line.starts_with('#')).collect()
}

/// The words of `text` in lower case: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Where each word of `text` stands: the byte ranges of its runs of letters and digits (the
/// words `words` reads).
fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(at);
        } else if let Some(from) = start.take() {
            spans.push(from..at);
        }
    }
    if let Some(from) = start {
        spans.push(from..text.len());
    }
    spans
}

/// The stems of a typed search, at most as many words as a search considers.
pub fn query_stems(language: SearchLanguage, typed: &str) -> Vec<String> {
    search_terms(typed)
        .iter()
        .flat_map(|term| language.stems(term))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_plurals_and_inflections_share_a_stem() {
        let german = SearchLanguage::German;
        assert_eq!(german.stems("Akkulaufzeit"), german.stems("Akkulaufzeiten"));
        assert_eq!(german.stems("Tastatur"), german.stems("Tastaturen"));
        assert_eq!(
            german.stems("die Tastaturen für Büros"),
            ["tastatur", "buros"]
        );
        assert_ne!(german.stems("Tastatur"), german.stems("Tastendruck"));
    }

    #[test]
    fn english_stems_plurals_and_leaves_out_stop_words() {
        let english = SearchLanguage::English;
        assert_eq!(
            english.stems("The batteries of a laptop"),
            ["batteri", "laptop"]
        );
        assert_eq!(
            english.indexed_text("Longer battery life!"),
            "longer batteri life"
        );
        assert!(english.stems("the and of").is_empty());
    }

    #[test]
    fn names_parse_in_any_case_and_others_do_not() {
        assert_eq!(
            SearchLanguage::parse("German"),
            Some(SearchLanguage::German)
        );
        assert_eq!(
            SearchLanguage::parse("english"),
            Some(SearchLanguage::English)
        );
        assert_eq!(SearchLanguage::parse("klingon"), None);
        assert_eq!(SearchLanguage::default().name(), "english");
    }

    #[test]
    fn a_query_is_stemmed_like_the_text_it_should_find() {
        let stems = query_stems(SearchLanguage::German, "\"Akkulaufzeiten\" *");
        assert_eq!(stems, SearchLanguage::German.stems("Akkulaufzeit"));
    }
}
