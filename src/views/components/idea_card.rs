//! One idea on the board: number, title, excerpt, points with vote buttons, comments, status,
//! tags, author and age.

use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::vote::VoteWidget;
use crate::domain::read::{IdeaCard, StatusRef, TagRef};

/// "3 days ago"-style age.
pub fn age(at: NaiveDateTime, now: NaiveDateTime) -> String {
    let seconds = (now - at).num_seconds().max(0);
    let (n, unit) = match seconds {
        s if s < 60 => return "just now".into(),
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s if s < 86_400 * 30 => (s / 86_400, "day"),
        s if s < 86_400 * 365 => (s / (86_400 * 30), "month"),
        s => (s / (86_400 * 365), "year"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// When the text `age(at, now)` next changes: the page showing it stays exact until then.
pub fn age_changes_at(at: NaiveDateTime, now: NaiveDateTime) -> NaiveDateTime {
    let seconds = (now - at).num_seconds().max(0);
    let step = match seconds {
        s if s < 60 => 60,
        s if s < 3600 => 60,
        s if s < 86_400 => 3600,
        s if s < 86_400 * 30 => 86_400,
        s if s < 86_400 * 365 => 86_400 * 30,
        _ => 86_400 * 365,
    };
    // The text is a whole count of `step`s since `at`, so it changes at the next multiple
    // (and "N months" turns into "1 year" at 365 days, which is earlier than the next month).
    let mut next = (seconds / step + 1) * step;
    if step == 86_400 * 30 {
        next = next.min(86_400 * 365);
    }
    at + chrono::Duration::seconds(next)
}

/// The status badge. Its look follows the status kind (inline colours would break the CSP).
pub fn status_badge(status: &StatusRef) -> Markup {
    html! { span class={ "badge status kind-" (status_kind(&status.kind)) } { (status.name) } }
}

/// One of the five kinds, or `open` for anything unexpected (it lands in a class name).
pub fn status_kind(kind: &str) -> &'static str {
    match kind {
        "active" => "active",
        "completed" => "completed",
        "declined" => "declined",
        "closed" => "closed",
        _ => "open",
    }
}

pub fn tag_links(tags: &[TagRef]) -> Markup {
    html! {
        @for tag in tags {
            a.tag href={ "/?tag=" (tag.slug) } { "#" (tag.name) }
            " "
        }
    }
}

/// A card on the board.
pub struct Card<'a> {
    pub idea: &'a IdeaCard,
    pub csrf: Option<&'a str>,
    pub return_to: &'a str,
    pub now: NaiveDateTime,
    /// When rendering a template (`views::slots`): this marker stands where the vote widget goes.
    pub vote_slot: Option<&'a str>,
}

impl maud::Render for Card<'_> {
    fn render(&self) -> Markup {
        let idea = self.idea;
        html! {
            article.idea-card {
                @if let Some(marker) = self.vote_slot {
                    (marker)
                } @else {
                (VoteWidget {
                    number: idea.number,
                    points: idea.points(),
                    upvotes: idea.upvotes,
                    downvotes: idea.downvotes,
                    my_vote: idea.my_vote,
                    voting_open: idea.voting_open,
                    csrf: self.csrf,
                    return_to: self.return_to,
                })
                }
                div.idea-main {
                    h2 { a href={ "/ideas/" (idea.number) } { span.muted { "#" (idea.number) } " " (idea.title) } }
                    @if !idea.excerpt.is_empty() {
                        p.excerpt { (idea.excerpt) }
                    }
                    p.meta {
                        (status_badge(&idea.status)) " "
                        (tag_links(&idea.tags))
                        span.muted {
                            a href={ "/ideas/" (idea.number) "#comments" } { (idea.comment_count) " comment" @if idea.comment_count != 1 { "s" } }
                            " · by " (idea.author.name) " · "
                            time datetime=(crate::domain::clock::rfc3339(idea.created_at)) { (age(idea.created_at, self.now)) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::{age, age_changes_at};

    #[test]
    fn an_age_reads_the_same_until_the_moment_it_is_said_to_change() {
        let at = NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_micro_opt(12, 0, 0, 250_000))
            .expect("date");
        let mut seconds = 0;
        // Every few seconds over three years, and every second around each change.
        while seconds < 3 * 366 * 86_400 {
            let now = at + Duration::seconds(seconds);
            let changes = age_changes_at(at, now);
            assert!(changes > now, "{seconds}");
            let before = changes - Duration::microseconds(1);
            assert_eq!(
                age(at, before),
                age(at, now),
                "{seconds}: unchanged until {changes}"
            );
            assert_ne!(
                age(at, changes),
                age(at, now),
                "{seconds}: changed at {changes}"
            );
            seconds += if seconds < 7200 { 7 } else { 3_607 };
        }
    }
}
