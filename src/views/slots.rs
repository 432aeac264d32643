//! Pages rendered once and completed for each viewer: a template keeps the page's markup with
//! markers where the viewer-dependent parts go (the navigation's account links, each idea's vote
//! widget), and `fill` writes those parts for one viewer.

use std::collections::HashMap;

use crate::domain::ids::IdeaId;

use maud::Render;

use super::components::vote::VoteWidget;
use super::layout::{NavUser, nav_account};
use crate::i18n::Lang;

/// The vote widget of one idea, as the template knows it (everything but the viewer's vote).
#[derive(Debug, Clone)]
pub struct VoteSlot {
    pub idea_id: IdeaId,
    pub number: i64,
    pub points: i64,
    pub upvotes: i64,
    pub downvotes: i64,
    pub voting_open: bool,
}

/// What stands at a marker.
#[derive(Debug, Clone)]
pub enum Slot {
    /// The navigation's account links.
    Nav,
    /// An idea's vote widget.
    Vote(VoteSlot),
}

/// Who the page is completed for.
pub struct Viewer<'a> {
    pub user: Option<&'a NavUser>,
    /// The session's CSRF token (only used for a signed-in viewer).
    pub csrf_token: Option<&'a str>,
    /// The viewer's votes by idea id.
    pub my_votes: &'a HashMap<IdeaId, i64>,
}

impl Viewer<'_> {
    /// Nobody signed in.
    pub fn anonymous() -> Viewer<'static> {
        static NO_VOTES: std::sync::LazyLock<HashMap<IdeaId, i64>> =
            std::sync::LazyLock::new(HashMap::new);
        Viewer {
            user: None,
            csrf_token: None,
            my_votes: &NO_VOTES,
        }
    }
}

/// A rendered page cut at its markers.
#[derive(Debug, Clone)]
pub struct Template {
    /// One more text than there are slots: text, slot, text, … , text.
    texts: Vec<String>,
    slots: Vec<Slot>,
    /// Where the page's vote forms come back to.
    return_to: String,
    /// The language the page is written in, and its slots are filled in.
    lang: Lang,
}

impl Template {
    /// Cuts `rendered` at each `marker`; `slots` are what stands at them, in page order.
    /// `None` if the markers and the slots do not agree (the page is then not reused).
    pub fn split(rendered: &str, marker: &str, slots: Vec<Slot>, return_to: &str) -> Option<Self> {
        let texts: Vec<String> = rendered.split(marker).map(str::to_string).collect();
        if texts.len() != slots.len() + 1 {
            return None;
        }
        Some(Template {
            texts,
            slots,
            return_to: return_to.to_string(),
            lang: Lang::english(),
        })
    }

    /// The template of a page written in `lang`.
    pub fn in_language(self, lang: Lang) -> Self {
        Template { lang, ..self }
    }

    /// The ids of the ideas whose vote widgets the page shows.
    pub fn idea_ids(&self) -> Vec<IdeaId> {
        self.slots
            .iter()
            .filter_map(|slot| match slot {
                Slot::Vote(vote) => Some(vote.idea_id.clone()),
                Slot::Nav => None,
            })
            .collect()
    }

    /// The bytes the template takes in memory (roughly).
    pub fn size(&self) -> usize {
        self.texts.iter().map(String::len).sum::<usize>() + self.slots.len() * 96
    }

    /// The whole page for `viewer`.
    pub fn fill(&self, viewer: &Viewer<'_>) -> String {
        let mut page = String::with_capacity(self.size() + self.slots.len() * 600);
        let read_only = viewer.user.is_some_and(|user| user.read_only);
        let csrf = viewer.user.and(viewer.csrf_token).filter(|_| !read_only);
        for (text, slot) in self.texts.iter().zip(self.slots.iter()) {
            page.push_str(text);
            match slot {
                Slot::Nav => {
                    nav_account(viewer.user, viewer.csrf_token, self.lang).render_to(&mut page)
                }
                Slot::Vote(vote) => VoteWidget {
                    number: vote.number,
                    points: vote.points,
                    upvotes: vote.upvotes,
                    downvotes: vote.downvotes,
                    my_vote: viewer.my_votes.get(&vote.idea_id).copied(),
                    voting_open: vote.voting_open,
                    csrf,
                    read_only,
                    return_to: &self.return_to,
                    lang: self.lang,
                }
                .render_to(&mut page),
            }
        }
        if let Some(last) = self.texts.last() {
            page.push_str(last);
        }
        page
    }
}
