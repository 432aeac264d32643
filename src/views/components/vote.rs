//! The promote/demote widget: one plain form with a button for each (works without JavaScript),
//! enhanced by htmx to update in place.

use maud::{Markup, html};

use super::csrf_field;
use crate::views::layout::READ_ONLY_NOTICE;

/// What the widget needs to know.
pub struct VoteWidget<'a> {
    pub number: i64,
    pub points: i64,
    pub upvotes: i64,
    pub downvotes: i64,
    pub my_vote: Option<i64>,
    pub voting_open: bool,
    /// The signed-in viewer's CSRF token; `None` for visitors (they see a log-in link) and for
    /// a banned person.
    pub csrf: Option<&'a str>,
    /// The viewer is signed in but banned: told so instead of being offered a log-in link.
    pub read_only: bool,
    /// Where a plain form POST returns to.
    pub return_to: &'a str,
}

impl maud::Render for VoteWidget<'_> {
    fn render(&self) -> Markup {
        let action = format!("/ideas/{}/vote", self.number);
        let promoted = self.my_vote == Some(1);
        let demoted = self.my_vote == Some(-1);
        let tally = html! {
            p.points aria-label={ (self.points) " points" } {
                strong { (self.points) } " points"
            }
            p.counts.muted { (self.upvotes) " up · " (self.downvotes) " down" }
        };
        html! {
            div.vote id={ "vote-" (self.number) } {
                @if let (Some(csrf), true) = (self.csrf, self.voting_open) {
                    // One form; the button pressed sends its value.
                    form method="post" action=(action) hx-post=(action) hx-target={ "#vote-" (self.number) } hx-swap="outerHTML" {
                        (csrf_field(csrf))
                        input type="hidden" name="return_to" value=(self.return_to);
                        button.vote-up type="submit" name="value" value=(if promoted { "0" } else { "1" })
                            aria-pressed=(promoted) title=(if promoted { "Withdraw your promote" } else { "Promote (+10)" }) {
                            span aria-hidden="true" { "▲" } span.visually-hidden { "Promote" }
                        }
                        (tally)
                        button.vote-down type="submit" name="value" value=(if demoted { "0" } else { "-1" })
                            aria-pressed=(demoted) title=(if demoted { "Withdraw your demote" } else { "Demote (−10)" }) {
                            span aria-hidden="true" { "▼" } span.visually-hidden { "Demote" }
                        }
                    }
                } @else {
                    (tally)
                    @if self.read_only {
                        span.muted title=(READ_ONLY_NOTICE) { "Read only" }
                    } @else if self.voting_open {
                        a.muted href="/login" { "Log in to vote" }
                    } @else {
                        span.muted { "Voting closed" }
                    }
                }
            }
        }
    }
}
