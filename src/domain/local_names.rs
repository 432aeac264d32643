//! Names per language for what the staff name (statuses, tags): which languages may have one,
//! how typed names are checked, and which name a page in a given language shows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::validation::{Lines, Text, typed_text};
use crate::i18n::Lang;

/// The longest name in any language, as for the name itself.
pub const NAME_MAX_CHARS: usize = 40;

/// A thing's names by language tag (`{"de": "Geplant"}`), beside its one `name`, which every
/// language without a name of its own shows. Stored as a JSON object in a `names` column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct LocalNames(BTreeMap<String, String>);

impl LocalNames {
    /// Names as stored; a column that does not hold a JSON object of texts reads as none.
    pub fn from_stored(json: &str) -> Self {
        serde_json::from_str(json).unwrap_or_default()
    }

    /// Names exactly as typed, unchecked: for showing a refused form again.
    pub fn as_typed(typed: BTreeMap<String, String>) -> Self {
        LocalNames(typed)
    }

    /// The JSON object the `names` column holds.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".into())
    }

    /// The name in the language tagged `tag`, if it has one.
    pub fn get(&self, tag: &str) -> Option<&str> {
        self.0.get(tag).map(String::as_str)
    }

    /// What a page in `lang` shows: its own name, else `name` (the name in the board's language,
    /// which staff type first).
    pub fn shown<'a>(&'a self, lang: Lang, name: &'a str) -> &'a str {
        self.get(&lang.tag()).unwrap_or(name)
    }

    /// `name` with the names beside it, for the audit log: "Battery (de: Akku)".
    pub fn labelled(&self, name: &str) -> String {
        if self.0.is_empty() {
            return name.to_string();
        }
        let names: Vec<String> = self
            .0
            .iter()
            .map(|(tag, local)| format!("{tag}: {local}"))
            .collect();
        format!("{name} ({})", names.join(", "))
    }

    /// Typed names by language: each tag a language the board speaks, each name one line of 1 to
    /// 40 characters once trimmed; an empty name means the language has none of its own.
    pub fn parse(typed: &BTreeMap<String, String>) -> Result<Self, Text> {
        let mut names = BTreeMap::new();
        for (tag, name) in typed {
            let lang = Lang::parse(tag)
                .filter(|lang| lang.tag() == *tag)
                .ok_or_else(|| Text::new("error-name-language").with("tag", tag.as_str()))?;
            let name = typed_text(name, Lines::One)?.trim().to_string();
            if name.chars().count() > NAME_MAX_CHARS {
                return Err(
                    Text::new("error-name-in-language").with("language", lang.t("language-name"))
                );
            }
            if !name.is_empty() {
                names.insert(lang.tag(), name);
            }
        }
        Ok(LocalNames(names))
    }

    /// These names with `changes` laid over them: a language given an empty name loses its own.
    pub fn merged(&self, changes: &BTreeMap<String, String>) -> Result<Self, Text> {
        let mut merged = self.0.clone();
        for tag in changes.keys() {
            merged.remove(tag);
        }
        let mut typed: BTreeMap<String, String> = merged;
        typed.extend(changes.clone());
        Self::parse(&typed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(tag, name)| (tag.to_string(), name.to_string()))
            .collect()
    }

    #[test]
    fn a_page_shows_its_own_language_s_name_else_the_one_name() {
        let names = LocalNames::parse(&typed(&[("de", " Geplant ")])).expect("valid");
        let german = Lang::parse("de").expect("German");
        assert_eq!(names.shown(german, "Planned"), "Geplant");
        assert_eq!(names.shown(Lang::english(), "Planned"), "Planned");
        assert_eq!(LocalNames::from_stored(&names.to_stored()), names);
    }

    #[test]
    fn unknown_languages_long_names_and_broken_columns_are_refused_or_ignored() {
        let unknown = LocalNames::parse(&typed(&[("xx", "Name")])).expect_err("unknown");
        assert_eq!(unknown.key, "error-name-language");
        let regional = LocalNames::parse(&typed(&[("de-AT", "Name")])).expect_err("not a tag");
        assert_eq!(regional.key, "error-name-language");
        let long = "x".repeat(NAME_MAX_CHARS + 1);
        let too_long = LocalNames::parse(&typed(&[("de", long.as_str())])).expect_err("long");
        assert_eq!(too_long.key, "error-name-in-language");
        assert_eq!(LocalNames::from_stored("not json"), LocalNames::default());
        let cleared = LocalNames::parse(&typed(&[("de", "Geplant")]))
            .and_then(|names| names.merged(&typed(&[("de", "")])))
            .expect("valid");
        assert_eq!(cleared, LocalNames::default());
    }
}
