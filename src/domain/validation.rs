//! The one rule for every text a person types (`typed_text`), and the field-level validation
//! errors shared by every form and JSON body.

use serde::Serialize;

/// Whether a typed text is one line (names, titles, tags, searches) or may hold line breaks and
/// tabs (Markdown bodies, comments, notes, reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// The one rule for every text a person types, applied before a field's own checks:
/// - line ends become `\n` (`Many`); a line break in a one-line field is refused;
/// - control characters (NUL, ESC, DEL …) are refused; in `Many`, `\n` and `\t` are text;
/// - direction controls (embeddings, overrides, isolates, marks) are refused: with them a text
///   shows other than it is stored (`"\u{202E}nimdA"` shows as "Admin");
/// - zero-width characters are removed unless they join two parts of one word (an emoji
///   sequence, a ligature in Persian or Indic writing), where they belong.
///
/// Returns the cleaned text, untrimmed; NUL never gets past it to a query.
pub fn typed_text(input: &str, lines: Lines) -> Result<String, Text> {
    let text = match lines {
        Lines::Many => input
            .replace("\r\n", "\n")
            .replace(['\r', '\u{2028}', '\u{2029}'], "\n"),
        Lines::One => input.to_string(),
    };
    let allowed_control = |c: char| lines == Lines::Many && (c == '\n' || c == '\t');
    if text
        .chars()
        .any(|c| (c.is_control() && !allowed_control(c)) || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return Err(Text::new(match lines {
            Lines::One => "error-one-line",
            Lines::Many => "error-control-characters",
        }));
    }
    if text.chars().any(is_direction_control) {
        return Err(Text::new("error-direction"));
    }
    Ok(without_stray_zero_widths(&text))
}

/// Unicode's explicit direction formatting characters (UAX #9): marks, embeddings, overrides,
/// isolates.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}'
    )
}

/// Whether `c` may stand on either side of a joiner inside one word: a letter, digit, mark or
/// symbol (emoji), not space or punctuation.
fn is_word_part(c: char) -> bool {
    !(c.is_whitespace() || c.is_ascii_punctuation() || is_zero_width(c) || c.is_control())
}

fn without_stray_zero_widths(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            if !is_zero_width(c) {
                return true;
            }
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            let after = chars.get(i + 1);
            matches!(c, '\u{200C}' | '\u{200D}')
                && before.is_some_and(|&b| is_word_part(b))
                && after.is_some_and(|&a| is_word_part(a))
        })
        .map(|(_, &c)| c)
        .collect()
}

/// Whether `text` holds a control character (NUL, CR, ESC …). Such text names nothing stored
/// (slugs and addresses never hold one), and PostgreSQL refuses NUL outright, so a lookup by it
/// answers "not found" without asking the database.
pub fn has_control_characters(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// One problem with one input field, worded for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: &'static str,
    /// In English (the API's language); pages write it in theirs from `text`.
    pub message: String,
    /// The message as a translatable text, where it has one.
    #[serde(skip)]
    pub text: Option<Text>,
}

/// A message in the translation files (`i18n`): its key and its values, so a page can write it in
/// its own language; in English where one string is wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub key: &'static str,
    pub args: Vec<(&'static str, TextArg)>,
}

/// A value in a `Text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextArg {
    Words(String),
    Number(i64),
    /// A status's or tag's name: written in the text's language where it has a name there.
    Named {
        name: String,
        names: super::local_names::LocalNames,
    },
}

impl Text {
    pub fn new(key: &'static str) -> Self {
        Text {
            key,
            args: Vec::new(),
        }
    }

    /// The text with one more value.
    pub fn with(mut self, name: &'static str, value: impl Into<TextArg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The text written in `lang`.
    pub fn in_language(&self, lang: crate::i18n::Lang) -> String {
        let args: Vec<(&'static str, crate::i18n::Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let arg = match value {
                    TextArg::Words(words) => crate::i18n::Arg::from(words.as_str()),
                    TextArg::Number(number) => crate::i18n::Arg::Number(*number),
                    TextArg::Named { name, names } => {
                        crate::i18n::Arg::from(names.shown(lang, name))
                    }
                };
                (*name, arg)
            })
            .collect();
        lang.t_with(self.key, &args)
    }
}

impl From<String> for TextArg {
    fn from(words: String) -> Self {
        TextArg::Words(words)
    }
}

impl From<&String> for TextArg {
    fn from(words: &String) -> Self {
        TextArg::Words(words.clone())
    }
}

impl From<&str> for TextArg {
    fn from(words: &str) -> Self {
        TextArg::Words(words.to_string())
    }
}

impl From<i64> for TextArg {
    fn from(number: i64) -> Self {
        TextArg::Number(number)
    }
}

impl From<usize> for TextArg {
    fn from(number: usize) -> Self {
        TextArg::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_language(crate::i18n::Lang::english()))
    }
}

/// What a field is refused with: a translatable text, or (not yet translated) plain English.
#[derive(Debug, Clone)]
pub enum Refusal {
    Text(Text),
    Plain(String),
}

impl From<Text> for Refusal {
    fn from(text: Text) -> Self {
        Refusal::Text(text)
    }
}

impl From<String> for Refusal {
    fn from(message: String) -> Self {
        Refusal::Plain(message)
    }
}

impl From<&str> for Refusal {
    fn from(message: &str) -> Self {
        Refusal::Plain(message.to_string())
    }
}

impl Refusal {
    /// The refusal written in `lang`, where it has a translation.
    pub fn in_language(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Refusal::Text(text) => text.in_language(lang),
            Refusal::Plain(message) => message.clone(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_language(crate::i18n::Lang::english()))
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.to_string()
    }
}

/// All problems found in one submission; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// Records a problem with `field`.
    pub fn add(&mut self, field: &'static str, refusal: impl Into<Refusal>) {
        let (message, text) = match refusal.into() {
            Refusal::Text(text) => (text.to_string(), Some(text)),
            Refusal::Plain(message) => (message, None),
        };
        self.0.push(FieldError {
            field,
            message,
            text,
        });
    }

    /// The same problems, each written in `lang` where it has a translation.
    pub fn in_language(&self, lang: crate::i18n::Lang) -> FieldErrors {
        FieldErrors(
            self.0
                .iter()
                .map(|error| FieldError {
                    message: match &error.text {
                        Some(text) => text.in_language(lang),
                        None => error.message.clone(),
                    },
                    ..error.clone()
                })
                .collect(),
        )
    }

    /// The first message recorded for `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the value of a parse, or records its error under `field`.
    pub fn take<T, E: Into<Refusal>>(
        &mut self,
        field: &'static str,
        parsed: Result<T, E>,
    ) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// A single-field error set.
    pub fn single(field: &'static str, message: impl Into<Refusal>) -> Self {
        let mut errors = Self::default();
        errors.add(field, message);
        errors
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::{Lines, has_control_characters, typed_text};

    #[test]
    fn control_characters_are_refused_except_line_ends_and_tabs_in_long_text() {
        for bad in ["a\0b", "esc\u{1b}[31m", "del\u{7f}", "bell\u{7}"] {
            assert!(typed_text(bad, Lines::One).is_err(), "{bad:?}");
            assert!(typed_text(bad, Lines::Many).is_err(), "{bad:?}");
        }
        assert!(typed_text("two\nlines", Lines::One).is_err());
        assert_eq!(
            typed_text("a\r\nb\rc\u{2028}d\te", Lines::Many).as_deref(),
            Ok("a\nb\nc\nd\te")
        );
    }

    #[test]
    fn direction_controls_are_refused_so_text_shows_as_stored() {
        for bad in [
            "\u{202E}nimdA",
            "a\u{2066}b\u{2069}",
            "x\u{200F}",
            "\u{061C}y",
        ] {
            assert!(typed_text(bad, Lines::One).is_err(), "{bad:?}");
            assert!(typed_text(bad, Lines::Many).is_err(), "{bad:?}");
        }
        assert_eq!(
            typed_text("שלום עולם", Lines::One).as_deref(),
            Ok("שלום עולם")
        );
    }

    #[test]
    fn zero_widths_stay_inside_words_and_go_elsewhere() {
        // A family emoji and a Persian word keep their joiners.
        let family = "👩\u{200D}👩\u{200D}👧";
        assert_eq!(typed_text(family, Lines::One).as_deref(), Ok(family));
        let persian = "می\u{200C}خواهم";
        assert_eq!(typed_text(persian, Lines::One).as_deref(), Ok(persian));
        // Leading, trailing, between words, and the always-invisible ones go.
        assert_eq!(
            typed_text("\u{200D}Ada \u{200C}Lovelace\u{FEFF}", Lines::One).as_deref(),
            Ok("Ada Lovelace")
        );
        assert_eq!(
            typed_text("Ad\u{200B}min", Lines::One).as_deref(),
            Ok("Admin")
        );
    }

    #[test]
    fn control_characters_are_found_wherever_they_stand() {
        for bad in ["\0", "ui\0", "a\u{1b}b", "line\r\nbreak", "\u{7f}"] {
            assert!(has_control_characters(bad), "{bad:?}");
        }
        for good in ["", "ui", "dark-mode", "Café Müller", "名前"] {
            assert!(!has_control_characters(good), "{good:?}");
        }
    }
}
