//! Languages: the translation files (Project Fluent, `locales/<language>/*.ftl`, built into the
//! binary), looking a text up in a language, numbers written the language's way, and choosing the
//! language of a request (`negotiate`). A third language is a folder of files away.

pub mod negotiate;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks around arguments would show up in plain-text emails and titles.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// One of the languages the board speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lang(&'static LanguageIdentifier);

/// A value put into a text: words, or a number (which also picks the plural form).
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

impl From<usize> for Arg<'_> {
    fn from(number: usize) -> Self {
        Arg::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Arg<'_> {
    fn from(number: i64) -> Self {
        Arg::Number(number)
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::english()
    }
}

impl Lang {
    /// Every language with translation files, English first, then by tag.
    pub fn all() -> Vec<Lang> {
        let mut all: Vec<Lang> = LOCALES.locales().map(Lang).collect();
        all.sort_by_key(|lang| (lang.tag() != "en", lang.tag()));
        all
    }

    /// The language whose primary tag `tag` names ("de", "de-AT" and "DE" all name German).
    pub fn parse(tag: &str) -> Option<Lang> {
        let wanted: LanguageIdentifier = tag.trim().parse().ok()?;
        LOCALES
            .locales()
            .find(|known| known.language == wanted.language)
            .map(Lang)
    }

    /// English, the language every text exists in first.
    pub fn english() -> Lang {
        Lang(LOCALES.fallback())
    }

    /// The language's tag, as `<html lang>` and the cookie carry it.
    pub fn tag(self) -> String {
        self.0.to_string()
    }

    /// The text `key` in this language (English where it is missing).
    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.0, key)
    }

    /// The text `key` with its arguments; a number argument is written the language's way and
    /// picks the plural form.
    pub fn t_with(self, key: &str, args: &[(&'static str, Arg<'_>)]) -> String {
        let values: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => FluentValue::from(text.as_ref()),
                    Arg::Number(number) => FluentValue::from(*number),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        let text = LOCALES.lookup_with_args(self.0, key, &values);
        // Fluent writes numbers without grouping; the language's own separator is put in here.
        args.iter().fold(text, |text, (_, arg)| match arg {
            Arg::Number(number) if number.unsigned_abs() >= 1000 => {
                text.replace(&number.to_string(), &self.number(*number))
            }
            _ => text,
        })
    }

    /// `number` with the language's thousands separator ("1,234" / "1.234").
    pub fn number(self, number: i64) -> String {
        let separator = self.t("number-group-separator");
        let digits = number.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(&separator);
            }
            grouped.push(digit);
        }
        if number < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    }
}

#[cfg(test)]
mod tests;
