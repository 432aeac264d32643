//! Field-level validation errors shared by every form and JSON body.

use serde::Serialize;

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
    pub message: String,
}

/// All problems found in one submission; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// Records a problem with `field`.
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(FieldError {
            field,
            message: message.into(),
        });
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
    pub fn take<T>(&mut self, field: &'static str, parsed: Result<T, String>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// A single-field error set.
    pub fn single(field: &'static str, message: impl Into<String>) -> Self {
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
    use super::has_control_characters;

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
