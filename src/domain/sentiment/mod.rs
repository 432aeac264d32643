//! The sentiment of an idea or a comment: the text's language (English or German, told apart by
//! `whatlang` with only those two allowed), then a score in [-1, 1] by VADER's method (Hutto and
//! Gilbert, 2014) and its label. English is scored by the `vader-sentimental` crate with VADER's
//! own MIT-licensed lexicon; German by [`german`] with a lexicon written for this project.

mod german;

use std::sync::LazyLock;

use serde::Serialize;
use whatlang::{Detector, Lang};

/// Scores at or beyond these are positive or negative; between them, neutral (VADER's own
/// thresholds).
const POSITIVE_FROM: f64 = 0.05;
pub const NEGATIVE_TO: f64 = -0.05;

/// How a text reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Negative,
    Neutral,
    Positive,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Negative => "negative",
            Label::Neutral => "neutral",
            Label::Positive => "positive",
        }
    }

    /// The label stored as `as_str` wrote it.
    pub fn parse(stored: &str) -> Option<Label> {
        [Label::Negative, Label::Neutral, Label::Positive]
            .into_iter()
            .find(|label| label.as_str() == stored)
    }

    fn of(score: f64) -> Label {
        if score >= POSITIVE_FROM {
            Label::Positive
        } else if score <= NEGATIVE_TO {
            Label::Negative
        } else {
            Label::Neutral
        }
    }
}

/// A text's score in [-1, 1] and its label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Sentiment {
    pub score: f64,
    pub label: Label,
}

/// The languages a text is scored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    German,
}

static DETECTOR: LazyLock<Detector> =
    LazyLock::new(|| Detector::with_allowlist(vec![Lang::Eng, Lang::Deu]));

static ENGLISH: LazyLock<vader_sentimental::SentimentIntensityAnalyzer> =
    LazyLock::new(vader_sentimental::SentimentIntensityAnalyzer::new);

/// The text's language; English when it cannot be told.
pub fn language_of(text: &str) -> Language {
    match DETECTOR.detect_lang(text) {
        Some(Lang::Deu) => Language::German,
        _ => Language::English,
    }
}

/// The sentiment of `text` (a title and body, or a comment), in its own language.
pub fn score(text: &str) -> Sentiment {
    let score = match language_of(text) {
        Language::English => ENGLISH.polarity_scores(text).compound,
        Language::German => german::compound(text),
    };
    let score = score.clamp(-1.0, 1.0);
    Sentiment {
        score,
        label: Label::of(score),
    }
}

/// The sentiment of an idea: its title and body read as one text.
pub fn of_idea(title: &str, body: &str) -> Sentiment {
    score(&format!("{title}\n{body}"))
}

impl Sentiment {
    /// The stored pair read back; `None` when the row was never scored or holds an unknown label.
    pub fn stored(score: Option<f64>, label: Option<&str>) -> Option<Sentiment> {
        Some(Sentiment {
            score: score?,
            label: Label::parse(label?)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The labelled texts of `tests/sentiment/<file>`: (label, text).
    fn evaluation_set(file: &str) -> Vec<(Label, String)> {
        let path = format!("{}/tests/sentiment/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("the evaluation set");
        text.lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(|line| {
                let (label, text) = line.split_once('\t').expect("label<TAB>text");
                let label = match label {
                    "negative" => Label::Negative,
                    "neutral" => Label::Neutral,
                    "positive" => Label::Positive,
                    other => panic!("unknown label {other}"),
                };
                (label, text.to_string())
            })
            .collect()
    }

    /// Checks that at least 150 texts of the set are there and at least three in four of them
    /// are labelled as they should be; prints the accuracy and how many were told `language`.
    fn assert_accurate(file: &str, language: Language) {
        let set = evaluation_set(file);
        let right = set
            .iter()
            .filter(|(label, text)| score(text).label == *label)
            .count();
        let told = set
            .iter()
            .filter(|(_, text)| language_of(text) == language)
            .count();
        let accuracy = right as f64 / set.len() as f64;
        println!(
            "{language:?}: {accuracy:.3} of {} ({told} told {language:?})",
            set.len()
        );
        assert!(set.len() >= 150, "{file} holds {} texts", set.len());
        assert!(accuracy >= 0.75, "{language:?} accuracy {accuracy:.3}");
    }

    #[test]
    fn english_customer_texts_are_labelled_right_at_least_three_times_in_four() {
        assert_accurate("en.tsv", Language::English);
    }

    #[test]
    fn german_customer_texts_are_labelled_right_at_least_three_times_in_four() {
        assert_accurate("de.tsv", Language::German);
    }

    #[test]
    fn scores_stay_in_range_and_follow_their_labels() {
        for text in ["", "!!!", "GOOD GOOD GOOD!!!", "nicht nicht schlecht", "ok"] {
            let sentiment = score(text);
            assert!((-1.0..=1.0).contains(&sentiment.score), "{text}");
            assert_eq!(sentiment.label, Label::of(sentiment.score));
        }
        assert_eq!(score("Das ist nicht gut.").label, Label::Negative);
        assert_eq!(score("Das ist sehr gut!").label, Label::Positive);
    }
}
