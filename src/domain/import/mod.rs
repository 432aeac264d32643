//! Imports, pure: another tool's export read into one shape — people, ideas, votes and comments,
//! each with the source's own id and the line (or record) it came from — for
//! `services::import` to write once. `csv` reads the documented CSV, `canny` Canny's posts export,
//! `fider` a Fider backup (its zip of table JSON files).

pub mod canny;
pub mod csv;
pub mod fider;

use chrono::NaiveDateTime;

/// Where a record came from, for the summary: a line of a CSV file, or a record of a JSON file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: u64,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} line {}", self.file, self.line)
    }
}

/// A person, known by email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub email: String,
    pub name: String,
}

/// An idea as the source had it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceIdea {
    pub origin: Origin,
    pub id: String,
    pub title: String,
    pub body: String,
    pub author: Person,
    /// The source's status, mapped to a status slug of this board where one means the same.
    pub status: String,
    /// Tag names.
    pub tags: Vec<String>,
    pub created_at: Option<NaiveDateTime>,
}

/// A vote as the source had it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceVote {
    pub origin: Origin,
    pub idea_id: String,
    pub voter: Person,
    /// 1 promotes, -1 demotes.
    pub value: i64,
    pub created_at: Option<NaiveDateTime>,
}

/// A comment as the source had it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceComment {
    pub origin: Origin,
    pub id: String,
    pub idea_id: String,
    pub author: Person,
    pub body: String,
    pub created_at: Option<NaiveDateTime>,
}

/// Everything read from one export, and what could not be read at all.
#[derive(Debug, Default, Clone)]
pub struct Export {
    pub ideas: Vec<SourceIdea>,
    pub votes: Vec<SourceVote>,
    pub comments: Vec<SourceComment>,
    /// Records refused while reading, with why.
    pub refused: Vec<(Origin, String)>,
}

/// A time as exports write it: RFC 3339, `YYYY-MM-DD HH:MM:SS`, or a day.
pub fn parse_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.naive_utc())
        .ok()
        .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").ok())
        .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").ok())
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

/// A status name as another tool writes it, as this board's slug: the usual words of Fider,
/// Canny and UserVoice mapped, anything else lower-cased with hyphens (the importer falls back
/// to the first status when the board has no such slug).
pub fn status_slug(name: &str) -> String {
    let plain: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    match plain.trim_matches('-') {
        "" | "open" | "new" | "pending" => "open".into(),
        "under-review" | "review" | "reviewing" => "under-review".into(),
        "planned" | "accepted" => "planned".into(),
        "started" | "in-progress" | "working-on-it" => "in-progress".into(),
        "completed" | "complete" | "done" | "shipped" | "implemented" => "implemented".into(),
        "declined" | "closed" | "rejected" | "not-planned" | "won-t-do" => "not-planned".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_times_of_other_tools_are_understood() {
        assert_eq!(status_slug("In Progress"), "in-progress");
        assert_eq!(status_slug("complete"), "implemented");
        assert_eq!(status_slug(""), "open");
        assert_eq!(status_slug("Under review"), "under-review");
        assert_eq!(
            parse_time("2024-03-01T10:00:00Z").map(|t| t.to_string()),
            Some("2024-03-01 10:00:00".into())
        );
        assert!(parse_time("2024-03-01").is_some());
        assert!(parse_time("yesterday").is_none());
    }
}
