//! The promote/demote widget: one plain form with a button for each (works without JavaScript),
//! enhanced by htmx to update in place.

use maud::{Markup, html};

use super::csrf_field;
use crate::i18n::{Arg, Lang};

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
    pub lang: Lang,
}

impl maud::Render for VoteWidget<'_> {
    fn render(&self) -> Markup {
        let action = format!("/ideas/{}/vote", self.number);
        let promoted = self.my_vote == Some(1);
        let demoted = self.my_vote == Some(-1);
        let lang = self.lang;
        let points = [("count", Arg::Number(self.points))];
        let tally = html! {
            p.points aria-label=(lang.t_with("vote-points-spoken", &points)) {
                strong { (lang.number(self.points)) } " " (lang.t_with("vote-points", &points))
            }
            p.counts.muted {
                (lang.t_with("vote-counts", &[("up", Arg::Number(self.upvotes)), ("down", Arg::Number(self.downvotes))]))
            }
        };
        html! {
            div.vote id={ "vote-" (self.number) } {
                @if let (Some(csrf), true) = (self.csrf, self.voting_open) {
                    // One form; the button pressed sends its value.
                    form method="post" action=(action) hx-post=(action) hx-target={ "#vote-" (self.number) } hx-swap="outerHTML" {
                        (csrf_field(csrf))
                        input type="hidden" name="return_to" value=(self.return_to);
                        button.vote-up type="submit" name="value" value=(if promoted { "0" } else { "1" })
                            aria-pressed=(promoted) title=(lang.t(if promoted { "vote-withdraw-promote" } else { "vote-promote-title" })) {
                            span aria-hidden="true" { "▲" } span.visually-hidden { (lang.t("vote-promote")) }
                        }
                        (tally)
                        button.vote-down type="submit" name="value" value=(if demoted { "0" } else { "-1" })
                            aria-pressed=(demoted) title=(lang.t(if demoted { "vote-withdraw-demote" } else { "vote-demote-title" })) {
                            span aria-hidden="true" { "▼" } span.visually-hidden { (lang.t("vote-demote")) }
                        }
                    }
                } @else {
                    (tally)
                    @if self.read_only {
                        span.muted title=(lang.t("read-only-notice")) { (lang.t("nav-read-only")) }
                    } @else if self.voting_open {
                        a.muted href="/login" { (lang.t("vote-log-in")) }
                    } @else {
                        span.muted { (lang.t("vote-closed")) }
                    }
                }
            }
        }
    }
}
