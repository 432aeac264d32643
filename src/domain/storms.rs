//! Storm sessions, pure: a session's fields as typed and checked, and its state at a moment
//! (draft, scheduled, open, closed), which follows the clock so that nothing has to flip it.

use chrono::{DateTime, NaiveDateTime};
use serde::Serialize;

use super::clock;
use super::validation::{FieldErrors, Lines, Text, typed_text};

/// The longest title, question and summary.
pub const TITLE_MAX_CHARS: usize = 120;
const TITLE_MIN_CHARS: usize = 5;
pub const QUESTION_MAX_CHARS: usize = 5_000;
pub const SUMMARY_MAX_CHARS: usize = 20_000;
/// The longest slug.
pub const SLUG_MAX_CHARS: usize = 60;

/// Where a session stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StormState {
    /// Not published: only staff see it.
    Draft,
    /// Published, not begun.
    Scheduled,
    /// Between its start and its end: ideas may be submitted into it.
    Open,
    /// Past its end.
    Closed,
}

impl StormState {
    /// The state of a session published or not, with these times, at `now`.
    pub fn at(
        published: bool,
        starts_at: NaiveDateTime,
        ends_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Self {
        if !published {
            StormState::Draft
        } else if now < starts_at {
            StormState::Scheduled
        } else if now < ends_at {
            StormState::Open
        } else {
            StormState::Closed
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StormState::Draft => "draft",
            StormState::Scheduled => "scheduled",
            StormState::Open => "open",
            StormState::Closed => "closed",
        }
    }

    /// Lists show open sessions first, then upcoming, then closed, then drafts.
    pub fn list_rank(self) -> u8 {
        match self {
            StormState::Open => 0,
            StormState::Scheduled => 1,
            StormState::Closed => 2,
            StormState::Draft => 3,
        }
    }
}

/// The next moment after `now` at which a published session's state changes, if any.
pub fn next_change(
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    [starts_at, ends_at].into_iter().find(|at| *at > now)
}

/// A session's fields as typed (the API's strings, the form's fields).
#[derive(Debug, Clone, Default)]
pub struct StormFields {
    pub title: String,
    pub slug: String,
    pub question: String,
    /// RFC 3339, or a form's `YYYY-MM-DDTHH:MM` read as UTC.
    pub starts_at: String,
    pub ends_at: String,
}

/// A session's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedStorm {
    pub title: String,
    pub slug: String,
    pub question: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

impl StormFields {
    /// Checks every field, naming each one that is wrong: a title of 5–120 characters on one
    /// line, a slug of `a-z`, `0-9` and inner hyphens, a question of Markdown, times as RFC 3339
    /// and an end after the start.
    pub fn check(&self) -> Result<CheckedStorm, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = errors
            .take("title", typed_text(&self.title, Lines::One))
            .map(|typed| typed.trim().to_string());
        if let Some(title) = &title {
            let chars = title.chars().count();
            if !(TITLE_MIN_CHARS..=TITLE_MAX_CHARS).contains(&chars) {
                errors.add(
                    "title",
                    Text::new("refused-storm-title")
                        .with("min", TITLE_MIN_CHARS as i64)
                        .with("max", TITLE_MAX_CHARS as i64),
                );
            }
        }
        let slug = self.slug.trim().to_string();
        if !is_slug(&slug) {
            errors.add("slug", Text::new("refused-storm-slug"));
        }
        let question = errors
            .take("question", typed_text(&self.question, Lines::Many))
            .map(|typed| typed.trim().to_string());
        if let Some(question) = &question
            && (question.is_empty() || question.chars().count() > QUESTION_MAX_CHARS)
        {
            errors.add(
                "question",
                Text::new("refused-storm-question").with("max", QUESTION_MAX_CHARS as i64),
            );
        }
        let starts_at = errors.take("starts_at", parse_time(&self.starts_at));
        let ends_at = errors.take("ends_at", parse_time(&self.ends_at));
        if let (Some(starts), Some(ends)) = (starts_at, ends_at)
            && ends <= starts
        {
            errors.add("ends_at", Text::new("refused-storm-end-before-start"));
        }
        match (title, question, starts_at, ends_at) {
            (Some(title), Some(question), Some(starts_at), Some(ends_at)) if errors.is_empty() => {
                Ok(CheckedStorm {
                    title,
                    slug,
                    question,
                    starts_at,
                    ends_at,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Whether `slug` may name a session: 1–60 of `a-z`, `0-9` and hyphens, no hyphen at either end.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX_CHARS
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// A time as RFC 3339 (any offset, stored as UTC) or as a form's `YYYY-MM-DDTHH:MM` in UTC.
pub fn parse_time(input: &str) -> Result<NaiveDateTime, Text> {
    let input = input.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(input) {
        return Ok(clock::truncate(at.naive_utc()));
    }
    NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M")
        .map_err(|_| Text::new("refused-storm-time"))
}

/// A closing summary as typed: Markdown, 1 to 20,000 characters.
pub fn check_summary(summary: &str) -> Result<String, FieldErrors> {
    let typed = typed_text(summary, Lines::Many)
        .map_err(|text| FieldErrors::single("summary", text))?
        .trim()
        .to_string();
    if typed.is_empty() || typed.chars().count() > SUMMARY_MAX_CHARS {
        return Err(FieldErrors::single(
            "summary",
            Text::new("refused-storm-summary").with("max", SUMMARY_MAX_CHARS as i64),
        ));
    }
    Ok(typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("a time")
    }

    fn fields() -> StormFields {
        StormFields {
            title: "Next ultraportable".into(),
            slug: "ultraportable-2027".into(),
            question: "What should our next ultraportable get right?".into(),
            starts_at: "2026-12-07T10:00:00Z".into(),
            ends_at: "2026-12-07T12:00:00+01:00".into(),
        }
    }

    #[test]
    fn the_state_follows_the_clock_once_published() {
        let (starts, ends) = (at(10), at(12));
        assert_eq!(
            StormState::at(false, starts, ends, at(11)),
            StormState::Draft
        );
        assert_eq!(
            StormState::at(true, starts, ends, at(9)),
            StormState::Scheduled
        );
        assert_eq!(StormState::at(true, starts, ends, at(10)), StormState::Open);
        assert_eq!(
            StormState::at(true, starts, ends, at(12)),
            StormState::Closed
        );
        assert_eq!(next_change(starts, ends, at(9)), Some(starts));
        assert_eq!(next_change(starts, ends, at(10)), Some(ends));
        assert_eq!(next_change(starts, ends, at(13)), None);
    }

    #[test]
    fn times_with_an_offset_are_stored_as_utc() {
        let checked = fields().check().expect("valid");
        assert_eq!(checked.starts_at, at(10));
        assert_eq!(checked.ends_at, at(11));
        assert_eq!(parse_time("2026-12-07T10:00"), Ok(at(10)));
    }

    #[test]
    fn each_wrong_field_is_named() {
        let wrong = StormFields {
            title: "Hi".into(),
            slug: "Not A Slug".into(),
            question: "  ".into(),
            starts_at: "2026-12-07T10:00:00Z".into(),
            ends_at: "2026-12-07T09:00:00Z".into(),
        };
        let errors = wrong.check().expect_err("refused");
        for field in ["title", "slug", "question", "ends_at"] {
            assert!(errors.for_field(field).is_some(), "{field}: {errors}");
        }
        let garbled = StormFields {
            starts_at: "tomorrow".into(),
            ..fields()
        };
        let errors = garbled.check().expect_err("refused");
        assert!(errors.for_field("starts_at").is_some());
        assert!(errors.for_field("ends_at").is_none());
    }

    #[test]
    fn slugs_are_plain() {
        assert!(is_slug("q1-2027"));
        for bad in ["", "-a", "a-", "Ä", "a b", &"a".repeat(61)] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
