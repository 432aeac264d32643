//! Languages: the translation files (Project Fluent, `locales/<language>/*.ftl`, built into the
//! binary), looking a text up in a language, numbers written the language's way, and choosing the
//! language of a request (`negotiate`). A third language is a folder of files away.

pub mod negotiate;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::fluent_bundle::memoizer::MemoizerKind;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use intl_memoizer::concurrent::IntlLangMemoizer;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks around arguments would show up in plain-text emails and titles;
        // whole numbers are grouped the language's way.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(grouped_number));
        },
    };
}

/// A language's thousands separator, from its own files (`number-group-separator`), kept by the
/// bundle's memoizer so it is read once per language.
struct Grouping(String);

impl intl_memoizer::Memoizable for Grouping {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        // That message holds no value, so looking it up never comes back to the formatter.
        Ok(Grouping(LOCALES.lookup(&lang, "number-group-separator")))
    }
}

/// Fluent's formatter for a value: whole numbers grouped; anything else as Fluent writes it.
fn grouped_number(value: &FluentValue<'_>, memoizer: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    if number.value.fract() != 0.0 || number.value.abs() >= 1e15 {
        return None;
    }
    let separator = memoizer
        .with_try_get_threadsafe::<Grouping, _, _>((), |grouping| grouping.0.clone())
        .ok()?;
    // A whole number below 10^15 fits an i64 exactly.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked whole and in range above"
    )]
    Some(group_digits(number.value as i64, &separator))
}

/// `number` with `separator` between groups of three digits.
fn group_digits(number: i64, separator: &str) -> String {
    let digits = number.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    if number < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// The board's own language (`DEFAULT_LOCALE`), for whoever has chosen none where no request
/// tells (an email): set once when the server starts; English until then.
static BOARD_DEFAULT: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Sets the board's language; the first setting in a process stands.
pub fn set_board_default(lang: Lang) {
    let _ = BOARD_DEFAULT.set(lang);
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
        // Sorted once: the footer of every page lists them.
        static ALL: std::sync::OnceLock<Vec<Lang>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            let mut all: Vec<Lang> = LOCALES.locales().map(Lang).collect();
            all.sort_by_key(|lang| (lang.tag() != "en", lang.tag()));
            all
        })
        .clone()
    }

    /// The language whose primary tag `tag` names ("de", "de-AT" and "DE" all name German).
    pub fn parse(tag: &str) -> Option<Lang> {
        let wanted: LanguageIdentifier = tag.trim().parse().ok()?;
        LOCALES
            .locales()
            .find(|known| known.language == wanted.language)
            .map(Lang)
    }

    /// The board's own language (see `set_board_default`).
    pub fn board_default() -> Lang {
        BOARD_DEFAULT.get().copied().unwrap_or_else(Lang::english)
    }

    /// A person's own choice (`users.locale`), else the board's language.
    pub fn of_person(locale: Option<&str>) -> Lang {
        locale
            .and_then(Lang::parse)
            .unwrap_or_else(Lang::board_default)
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

    /// The text `key` with its arguments; a number argument is written the language's way (see
    /// `grouped_number`) and picks the plural form.
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
        LOCALES.lookup_with_args(self.0, key, &values)
    }

    /// `value` with one decimal place and the language's decimal mark ("2.3" / "2,3").
    pub fn decimal(self, value: f64) -> String {
        let rounded = (value * 10.0).round() / 10.0;
        format!("{rounded:.1}").replace('.', &self.t("number-decimal-separator"))
    }

    /// `number` with the language's thousands separator ("1,234" / "1.234").
    pub fn number(self, number: i64) -> String {
        group_digits(number, &self.t("number-group-separator"))
    }
}

#[cfg(test)]
mod tests;
