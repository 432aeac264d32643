//! Validated inputs for ideas, votes and comments.

use super::search_language::SearchLanguage;
use super::validation::{FieldErrors, Lines, Text, typed_text};

/// Title length bounds, in characters.
pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 140;
/// Longest idea body, in characters.
pub const BODY_MAX: usize = 10_000;
/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 5_000;
/// Most tags on one idea.
pub const TAGS_MAX: usize = 5;

/// An idea title: 5–140 characters after trimming, on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaTitle(String);

impl IdeaTitle {
    pub fn parse(input: &str) -> Result<Self, Text> {
        // Line breaks in a pasted title become spaces; other control characters are refused.
        let typed = typed_text(input, Lines::Many)?;
        if typed.contains('\t') {
            return Err(Text::new("error-title-tabs"));
        }
        let title = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        let chars = title.chars().count();
        if chars < TITLE_MIN {
            return Err(Text::new("error-title-short").with("min", TITLE_MIN));
        }
        if chars > TITLE_MAX {
            return Err(Text::new("error-title-long")
                .with("max", TITLE_MAX)
                .with("chars", chars));
        }
        Ok(Self(title))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Markdown body of at most `max` characters; may be empty only when `allow_empty`.
fn markdown(
    input: &str,
    max: usize,
    what: &'static str,
    allow_empty: bool,
) -> Result<String, Text> {
    let typed = typed_text(input, Lines::Many)?;
    let body = typed.trim();
    let chars = body.chars().count();
    if !allow_empty && chars == 0 {
        return Err(Text::new("error-write").with("what", what));
    }
    if chars > max {
        return Err(Text::new("error-too-long")
            .with("what", what)
            .with("max", max)
            .with("chars", chars));
    }
    Ok(body.to_string())
}

/// An idea body: Markdown up to 10,000 characters (may be empty: the title can say it all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaBody(String);

impl IdeaBody {
    pub fn parse(input: &str) -> Result<Self, Text> {
        markdown(input, BODY_MAX, "description", true).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A comment: Markdown, 1–5,000 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    pub fn parse(input: &str) -> Result<Self, Text> {
        markdown(input, COMMENT_MAX, "comment", false).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A vote: promote (+1), demote (−1) or none (0, a retraction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteValue {
    Promote,
    Demote,
    Retract,
}

impl VoteValue {
    pub fn parse(value: i64) -> Result<Self, Text> {
        match value {
            1 => Ok(VoteValue::Promote),
            -1 => Ok(VoteValue::Demote),
            0 => Ok(VoteValue::Retract),
            _ => Err(Text::new("error-vote")),
        }
    }

    /// The stored value, `None` for a retraction.
    pub fn stored(self) -> Option<i64> {
        match self {
            VoteValue::Promote => Some(1),
            VoteValue::Demote => Some(-1),
            VoteValue::Retract => None,
        }
    }
}

/// A new idea's fields, each checked.
#[derive(Debug, Clone)]
pub struct NewIdea {
    pub title: IdeaTitle,
    pub body: IdeaBody,
    pub tags: Vec<String>,
}

impl NewIdea {
    /// Checks title, body and tag count, naming every field at fault.
    pub fn parse(title: &str, body: &str, tags: &[String]) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = errors.take("title", IdeaTitle::parse(title));
        let body = errors.take("body", IdeaBody::parse(body));
        let mut unique: Vec<String> = Vec::new();
        for tag in tags
            .iter()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
        {
            if !unique.contains(&tag) {
                unique.push(tag);
            }
        }
        if unique.len() > TAGS_MAX {
            errors.add("tags", Text::new("error-tags-many").with("max", TAGS_MAX));
        }
        match (title, body) {
            (Some(title), Some(body)) if errors.is_empty() => Ok(Self {
                title,
                body,
                tags: unique,
            }),
            _ => Err(errors),
        }
    }
}

/// The words of a search, reduced to letters and digits (safe to put in any full-text query).
pub fn search_terms(input: &str) -> Vec<String> {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(12)
        .collect()
}

/// How far two titles say the same thing, from 0 (no meaningful word shared) to 1 (the same
/// words): the Dice coefficient of their words stemmed in the search's `language`, stop words
/// left out.
pub fn title_likeness(language: SearchLanguage, a: &str, b: &str) -> f64 {
    let words = |title: &str| -> std::collections::HashSet<String> {
        search_terms(title)
            .into_iter()
            .filter(|w| !language.is_filler(w) && w.chars().count() > 1)
            .flat_map(|w| language.stems(&w))
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count() as f64;
    2.0 * shared / (a.len() + b.len()) as f64
}

/// The likeness from which a moderator is offered "merge into this" on an idea page.
pub const DUPLICATE_LIKENESS: f64 = 0.6;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_saying_the_same_are_alike_and_one_shared_word_is_not() {
        let alike = title_likeness(
            SearchLanguage::English,
            "Dark mode",
            "Add a dark mode for the apps",
        );
        assert!(alike >= DUPLICATE_LIKENESS, "{alike}");
        let plural = title_likeness(
            SearchLanguage::English,
            "Longer battery life",
            "Longer batteries life on the XPS",
        );
        assert!(plural >= DUPLICATE_LIKENESS, "{plural}");
        let one_word = title_likeness(
            SearchLanguage::English,
            "Keyboard backlight timeout",
            "Dark mode keyboard shortcuts",
        );
        assert!(one_word < DUPLICATE_LIKENESS, "{one_word}");
        assert_eq!(
            title_likeness(SearchLanguage::English, "the and of", "Dark mode"),
            0.0
        );
        let german = title_likeness(
            SearchLanguage::German,
            "Längere Akkulaufzeit",
            "Die längeren Akkulaufzeiten",
        );
        assert!(german >= DUPLICATE_LIKENESS, "{german}");
        let asked_politely = title_likeness(
            SearchLanguage::German,
            "Bitte einen Dunkelmodus hinzufügen",
            "Dunkelmodus",
        );
        assert!((asked_politely - 1.0).abs() < 1e-9, "{asked_politely}");
    }

    #[test]
    fn titles_are_collapsed_and_bounded() {
        assert_eq!(
            IdeaTitle::parse("  Dark   mode\n please ")
                .expect("ok")
                .as_str(),
            "Dark mode please"
        );
        assert!(
            IdeaTitle::parse("abc")
                .unwrap_err()
                .to_string()
                .contains("at least 5")
        );
        assert!(
            IdeaTitle::parse(&"x".repeat(141))
                .unwrap_err()
                .to_string()
                .contains("at most 140")
        );
        assert!(
            IdeaTitle::parse(&"é".repeat(140)).is_ok(),
            "characters, not bytes"
        );
    }

    #[test]
    fn bodies_and_comments_are_bounded() {
        assert!(IdeaBody::parse("").is_ok());
        assert!(
            IdeaBody::parse(&"b".repeat(10_001))
                .unwrap_err()
                .to_string()
                .contains("at most 10,000 characters (this one has 10,001)")
        );
        assert!(
            CommentBody::parse("   ")
                .unwrap_err()
                .to_string()
                .contains("Write your comment")
        );
        assert!(CommentBody::parse("\u{7}bell").is_err());
    }

    #[test]
    fn votes_are_one_minus_one_or_zero() {
        assert_eq!(VoteValue::parse(1), Ok(VoteValue::Promote));
        assert_eq!(VoteValue::parse(0).map(VoteValue::stored), Ok(None));
        assert!(VoteValue::parse(2).is_err());
    }

    #[test]
    fn a_new_idea_reports_every_bad_field() {
        let errors = NewIdea::parse("no", &"x".repeat(10_001), &[]).unwrap_err();
        assert_eq!(
            errors.0.iter().map(|e| e.field).collect::<Vec<_>>(),
            ["title", "body"]
        );
        let six: Vec<String> = (0..6).map(|i| format!("t{i}")).collect();
        assert!(
            NewIdea::parse("Dark mode", "", &six)
                .unwrap_err()
                .for_field("tags")
                .is_some()
        );
    }

    #[test]
    fn search_terms_keep_only_words() {
        assert_eq!(
            search_terms("Dark-mode: \"please\" OR *"),
            ["dark", "mode", "please", "or"]
        );
    }
}
