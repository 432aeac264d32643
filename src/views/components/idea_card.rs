//! One idea on the board: number, title, excerpt, points with vote buttons, comments, status,
//! tags, author (with avatar) and age.

use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::age::age_text;
use super::vote::VoteWidget;
use crate::domain::age::shown_age;
use crate::domain::read::{AreaRef, IdeaCard, StatusRef, TagRef};
use crate::i18n::{Arg, Lang};
use crate::views::theme::{status_classes, tag_classes};

/// The status badge: its own colour from `/theme.css` (inline colours would break the CSP), or
/// its kind's look.
pub fn status_badge(status: &StatusRef, lang: Lang) -> Markup {
    let classes = status_classes(&status.slug, status_kind(&status.kind));
    html! { span class=(classes) { (status.names.shown(lang, &status.name)) } }
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

pub fn tag_links(tags: &[TagRef], lang: crate::i18n::Lang) -> Markup {
    html! {
        @for tag in tags {
            a class=(tag_classes(&tag.slug)) href={ "/?tag=" (tag.slug) } { "#" (tag.names.shown(lang, &tag.name)) }
            " "
        }
    }
}

/// The product area an idea belongs to, named in the page's language ("Area: Batteries").
pub fn area_label(area: Option<&AreaRef>, lang: crate::i18n::Lang) -> Markup {
    html! {
        @if let Some(area) = area {
            span.area { (lang.t_with("card-area", &[("area", area.names.shown(lang, &area.name).into())])) }
            " "
        }
    }
}

/// A card on the board.
pub struct Card<'a> {
    pub idea: &'a IdeaCard,
    pub csrf: Option<&'a str>,
    /// The viewer is banned (see `VoteWidget::read_only`).
    pub read_only: bool,
    pub return_to: &'a str,
    pub now: NaiveDateTime,
    /// When rendering a template (`views::slots`): this marker stands where the vote widget goes.
    pub vote_slot: Option<&'a str>,
    pub lang: Lang,
}

impl maud::Render for Card<'_> {
    fn render(&self) -> Markup {
        let idea = self.idea;
        let lang = self.lang;
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
                    read_only: self.read_only,
                    return_to: self.return_to,
                    lang: self.lang,
                })
                }
                div.idea-main {
                    h2 { a href={ "/ideas/" (idea.number) } { span.muted { "#" (idea.number) } " " (idea.title) } }
                    @if !idea.excerpt.is_empty() {
                        p.excerpt { (idea.excerpt) }
                    }
                    p.meta {
                        (status_badge(&idea.status, lang)) " "
                        (tag_links(&idea.tags, lang))
                        (area_label(idea.area.as_ref(), lang))
                        span.muted {
                            a href={ "/ideas/" (idea.number) "#comments" } { (lang.t_with("card-comments", &[("count", Arg::Number(idea.comment_count))])) }
                            " · " (super::avatar::avatar(&idea.author)) " " (lang.t("card-by")) " " (super::person_name(&idea.author.name, idea.author.role, lang)) " · "
                            time datetime=(crate::domain::clock::rfc3339(idea.created_at)) { (age_text(lang, &shown_age(idea.created_at, self.now))) }
                        }
                    }
                }
            }
        }
    }
}
