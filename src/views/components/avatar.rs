//! A person's avatar: their initials on one of eight colours derived from their id, so the same
//! person looks the same everywhere and nobody uploads anything.

use maud::{Markup, html};

use crate::domain::read::AuthorRef;

/// How many avatar colours `site.css` defines (`.avatar.hue-0` …), each dark enough for white
/// initials at WCAG AA.
const HUES: u32 = 8;

/// Up to two initials: the first letter or digit of the first two words of the name.
pub fn initials(name: &str) -> String {
    let letters: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "?".to_string()
    } else {
        letters
    }
}

/// The colour class of a person: the same id always gives the same one.
pub fn hue_of(id: &str) -> u32 {
    id.bytes().fold(2166136261u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(16777619)
    }) % HUES
}

/// The avatar beside a name; decorative (the name is written next to it).
pub fn avatar(person: &AuthorRef) -> Markup {
    html! {
        span class={ "avatar hue-" (hue_of(person.id.as_str())) } aria-hidden="true" { (initials(&person.name)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_come_from_the_first_two_words() {
        assert_eq!(initials("ada lovelace byron"), "AL");
        assert_eq!(initials("Bo"), "B");
        assert_eq!(initials("  «Zoë»  "), "Z");
        assert_eq!(initials("—"), "?");
    }

    #[test]
    fn the_same_person_always_gets_the_same_colour_and_people_spread_over_all() {
        let id = "0193a5c4-7d2e-7b1a-9f00-1234567890ab";
        assert_eq!(hue_of(id), hue_of(id));
        let hues: std::collections::HashSet<u32> = (0..200)
            .map(|n| hue_of(&format!("0193a5c4-7d2e-7b1a-9f00-{n:012}")))
            .collect();
        assert_eq!(hues.len(), HUES as usize);
    }
}
