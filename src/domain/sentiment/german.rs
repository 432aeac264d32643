//! VADER's method over German text: each word's valence from this project's lexicon
//! (`lexicon_de.tsv`, matched after the German Snowball stemmer), raised by a preceding booster
//! ("sehr") or lowered by a dampener ("etwas"), turned by a preceding negation ("nicht", "kein")
//! and by capitals; words before "aber" count half and after it half as much again; exclamation
//! marks add emphasis; the sum is normalised to [-1, 1] as VADER does (x / √(x² + 15)).

use std::collections::HashMap;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

/// The lexicon: stem → valence.
static LEXICON: LazyLock<HashMap<String, f64>> = LazyLock::new(|| {
    let stemmer = Stemmer::create(Algorithm::German);
    include_str!("lexicon_de.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (word, valence) = line.split_once('\t')?;
            Some((stemmer.stem(word).into_owned(), valence.parse().ok()?))
        })
        .collect()
});

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::German));

/// Words that turn the valence of what follows within three words (VADER's factor).
const NEGATIONS: [&str; 13] = [
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts",
    "weder", "ohne", "kaum",
];
const NEGATION_FACTOR: f64 = -0.74;
/// Words that strengthen (or, negative, weaken) the next ones, by VADER's step.
const BOOSTERS: [(&str, f64); 16] = [
    ("sehr", 0.293),
    ("total", 0.293),
    ("extrem", 0.293),
    ("wirklich", 0.293),
    ("absolut", 0.293),
    ("echt", 0.293),
    ("besonders", 0.293),
    ("äußerst", 0.293),
    ("richtig", 0.293),
    ("völlig", 0.293),
    ("so", 0.293),
    ("viel", 0.293),
    ("super", 0.293),
    ("etwas", -0.293),
    ("bisschen", -0.293),
    ("ziemlich", -0.1),
];
/// Words after which the text's weight lies ("gut, aber laut").
const CONTRASTS: [&str; 3] = ["aber", "jedoch", "allerdings"];
/// VADER's normalisation constant and the emphasis of capitals and of one exclamation mark.
const ALPHA: f64 = 15.0;
const CAPITALS: f64 = 0.733;
const EXCLAMATION: f64 = 0.292;

/// The compound score of German `text`, in [-1, 1].
pub fn compound(text: &str) -> f64 {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|word| word.to_lowercase()).collect();
    let shouting_everywhere = words.iter().all(|word| is_capitals(word));
    let mut valences: Vec<f64> = Vec::with_capacity(words.len());
    for (i, (word, lowered)) in words.iter().zip(&lower).enumerate() {
        let Some(&base) = LEXICON.get(STEMMER.stem(lowered).as_ref()) else {
            valences.push(0.0);
            continue;
        };
        let mut valence = base;
        if is_capitals(word) && !shouting_everywhere {
            valence += CAPITALS * base.signum();
        }
        let before = lower.get(i.saturating_sub(3)..i).unwrap_or_default();
        for (fade, prior) in [1.0, 0.95, 0.9].iter().zip(before.iter().rev()) {
            if let Some((_, step)) = BOOSTERS.iter().find(|(booster, _)| booster == prior) {
                valence += step * fade * base.signum();
            }
            if NEGATIONS.contains(&prior.as_str()) {
                valence *= NEGATION_FACTOR;
            }
        }
        valences.push(valence);
    }
    if let Some(turn) = lower.iter().position(|w| CONTRASTS.contains(&w.as_str())) {
        for (i, valence) in valences.iter_mut().enumerate() {
            *valence *= if i < turn { 0.5 } else { 1.5 };
        }
    }
    let mut sum: f64 = valences.iter().sum();
    if sum != 0.0 {
        let marks = text.matches('!').count().min(4) as f64;
        sum += marks * EXCLAMATION * sum.signum();
    }
    sum / (sum * sum + ALPHA).sqrt()
}

/// A word of two or more letters written in capitals only.
fn is_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_lowercase())
}
