//! Validated account inputs: email, display name, password strength, token names.

use super::validation::{Lines, Text, typed_text};

/// An email address as typed (trimmed), with its case-insensitive comparison key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    display: String,
    normalized: String,
}

impl Email {
    /// Accepts `local@domain.tld` shapes up to 254 characters, without spaces or control characters.
    pub fn parse(input: &str) -> Result<Self, Text> {
        let typed = typed_text(input, Lines::One)?;
        let trimmed = typed.trim();
        if trimmed.is_empty() {
            return Err(Text::new("error-email-empty"));
        }
        if trimmed.chars().count() > 254 {
            return Err(Text::new("error-email-long"));
        }
        let well_formed = match trimmed.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
        let has_bad_chars = trimmed.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"')
        });
        if !well_formed || has_bad_chars {
            return Err(Text::new("error-email-shape"));
        }
        Ok(Self {
            display: trimmed.to_string(),
            normalized: trimmed.to_lowercase(),
        })
    }

    /// The address as the person typed it.
    pub fn as_str(&self) -> &str {
        &self.display
    }

    /// The lowercase key used for uniqueness and look-ups.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }
}

/// The lowercase look-up key for an address typed at log-in, without judging its shape.
pub fn normalize_email(input: &str) -> String {
    input.trim().to_lowercase()
}

/// A display name: 1–60 characters after trimming, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(input: &str) -> Result<Self, Text> {
        let typed = typed_text(input, Lines::One)?;
        let trimmed = typed.trim();
        if trimmed.is_empty() {
            return Err(Text::new("error-name-empty"));
        }
        if trimmed.chars().count() > 60 {
            return Err(Text::new("error-name-long"));
        }
        Ok(Self(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Names only the people who run a board may carry (checked by skeleton, so "Adm1n" counts).
pub const RESERVED_NAMES: [&str; 9] = [
    "admin",
    "administrator",
    "moderator",
    "mod",
    "staff",
    "product team",
    "ideaboard",
    "support",
    "system",
];

impl DisplayName {
    /// Whether this name would pass for `other` on a page: the same once case is folded and
    /// confusable characters are mapped together (Unicode TS #39's skeleton, which also drops
    /// invisible characters), ignoring spaces and punctuation. "ADMlN", "Аdmin" (Cyrillic А) and
    /// "a.d.m.i.n" all imitate "Admin".
    pub fn imitates(&self, other: &str) -> bool {
        name_skeletons(&self.0)
            .iter()
            .zip(name_skeletons(other).iter())
            .any(|(mine, theirs)| !mine.is_empty() && mine == theirs)
    }

    /// Whether this name imitates one of `RESERVED_NAMES`.
    pub fn is_reserved(&self) -> bool {
        RESERVED_NAMES
            .iter()
            .any(|reserved| self.imitates(reserved))
    }
}

/// A name reduced to what a reader can tell apart, as it would read in lowercase and in
/// uppercase (a lowercase "l" passes for an uppercase "I", a "1" for both): confusables mapped
/// to one prototype, then lowercase, without spaces, punctuation or invisible characters.
fn name_skeletons(name: &str) -> [String; 2] {
    let reduce = |folded: String| -> String {
        unicode_security::skeleton(&folded)
            .collect::<String>()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    [reduce(name.to_lowercase()), reduce(name.to_uppercase())]
}

/// Shortest password accepted, in characters.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Longest password accepted, in characters.
pub const PASSWORD_MAX_CHARS: usize = 128;

/// A new password that passed the length and strength rules. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword([redacted])")
    }
}

impl NewPassword {
    /// 12–128 characters, not containing the person's name or email (or a 4+ letter piece of
    /// them), and zxcvbn must rate it at least 3 of 4 with those as known words.
    pub fn parse(input: &str, user_inputs: &[&str]) -> Result<Self, Text> {
        let chars = input.chars().count();
        if chars < PASSWORD_MIN_CHARS {
            return Err(Text::new("error-password-short").with("min", PASSWORD_MIN_CHARS));
        }
        if chars > PASSWORD_MAX_CHARS {
            return Err(Text::new("error-password-long").with("max", PASSWORD_MAX_CHARS));
        }
        // Whole inputs and their pieces ("alice", "example" from "alice@example.com") count as
        // known words, so a password built from them scores low.
        let mut known: Vec<String> = Vec::new();
        for value in user_inputs {
            known.push(value.to_lowercase());
            known.extend(
                value
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|piece| piece.chars().count() >= 3)
                    .map(str::to_lowercase),
            );
        }
        let lowered = input.to_lowercase();
        if known
            .iter()
            .any(|word| word.chars().count() >= 4 && lowered.contains(word.as_str()))
        {
            return Err(Text::new("error-password-personal"));
        }
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let estimate = zxcvbn::zxcvbn(input, &known);
        if u8::from(estimate.score()) < 3 {
            // zxcvbn's warning is English; the German text leaves it out.
            let hint = estimate
                .feedback()
                .and_then(|feedback| feedback.warning().map(|w| format!(" {w}")))
                .unwrap_or_default();
            return Err(Text::new("error-password-weak").with("hint", hint));
        }
        Ok(Self(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The name of an API token, 1–60 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenName(String);

impl TokenName {
    pub fn parse(input: &str) -> Result<Self, Text> {
        let typed = typed_text(input, Lines::One)?;
        let trimmed = typed.trim();
        if trimmed.is_empty() {
            return Err(Text::new("error-token-name-empty"));
        }
        if trimmed.chars().count() > 60 {
            return Err(Text::new("error-token-name-long"));
        }
        Ok(Self(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod imitation_tests {
    use super::DisplayName;

    fn name(text: &str) -> DisplayName {
        DisplayName::parse(text).expect("a valid name")
    }

    #[test]
    fn names_that_read_the_same_imitate_each_other() {
        for lookalike in [
            "ADMIN",
            "Adm1n",
            "ADMlN",
            "\u{0410}dmin",
            "a.d.m.i.n",
            "Ad min",
        ] {
            assert!(name(lookalike).imitates("Admin"), "{lookalike}");
        }
        assert!(name("Grace Hopper").imitates("grace  hopper"));
        assert!(name("Rnaria").imitates("Maria"), "rn reads as m");
        assert!(!name("Adam").imitates("Admin"));
        assert!(!name("Ada").imitates("Ada Lovelace"));
    }

    #[test]
    fn role_words_are_reserved() {
        for reserved in ["Admin", "M0DERATOR", "Product Team", "ideaboard", "Staff"] {
            assert!(name(reserved).is_reserved(), "{reserved}");
        }
        for fine in ["Ada", "Modesty", "Supporter", "Adminton"] {
            assert!(!name(fine).is_reserved(), "{fine}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_compare_case_insensitively() {
        let a = Email::parse(" Alice@Example.COM ").expect("valid");
        assert_eq!(a.as_str(), "Alice@Example.COM");
        assert_eq!(a.normalized(), "alice@example.com");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "alice",
            "alice@",
            "@example.com",
            "a@b",
            "a b@example.com",
            "a@@b.com",
            "a@b..com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn short_long_and_weak_passwords_are_refused() {
        assert!(
            NewPassword::parse("short", &[])
                .unwrap_err()
                .to_string()
                .contains("at least 12")
        );
        assert!(
            NewPassword::parse(&"x".repeat(129), &[])
                .unwrap_err()
                .to_string()
                .contains("at most 128")
        );
        assert!(
            NewPassword::parse("password1234", &[])
                .unwrap_err()
                .to_string()
                .contains("too easy")
        );
        assert!(NewPassword::parse("aliceexample2024", &["alice@example.com", "alice"]).is_err());
        assert!(NewPassword::parse("correct horse battery staple", &[]).is_ok());
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Ada ").expect("valid").as_str(), "Ada");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"n".repeat(61)).is_err());
    }
}
