//! Read models: what services assemble and views and the API show. Plain data, no I/O.

use super::validation::Text;
use crate::domain::ids::{CommentId, IdeaId, UserId};
use crate::domain::sentiment::Sentiment;
use chrono::NaiveDateTime;
use serde::Serialize;

use super::local_names::LocalNames;
use super::ranking;
use super::roles::Role;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct AuthorRef {
    pub id: UserId,
    pub name: String,
    /// Shown as a badge beside the name of moderators, product people and admins, so staff
    /// look like staff and nobody else can.
    #[serde(skip)]
    #[schema(ignore)]
    pub role: Role,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatusRef {
    pub slug: String,
    pub name: String,
    /// Its names in other languages; a page shows `names.shown(lang, &name)`.
    pub names: LocalNames,
    pub color: String,
    /// open, active, completed, declined or closed: what the badge's look follows.
    pub kind: String,
}

/// A status or tag offered in a filter or a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub slug: String,
    pub name: String,
    pub names: LocalNames,
}

impl Choice {
    /// The name a page in `lang` shows.
    pub fn shown(&self, lang: crate::i18n::Lang) -> &str {
        self.names.shown(lang, &self.name)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct TagRef {
    pub slug: String,
    pub name: String,
    /// Its names per language (`{"de": "Akku"}`); a language without one shows `name`.
    pub names: LocalNames,
    pub color: String,
}

/// What the board's filters offer.
#[derive(Debug, Clone, Default)]
pub struct FilterChoices {
    pub statuses: Vec<Choice>,
    pub tags: Vec<Choice>,
    pub areas: Vec<Choice>,
    /// The storm sessions open when it was read (the front page's banner), soonest end first.
    pub open_storms: Vec<OpenStorm>,
    /// When the open sessions next change (one opens or closes), if any is to come.
    pub storms_change_at: Option<NaiveDateTime>,
    /// Live ideas ever implemented, and the day the first was.
    pub implemented: (i64, Option<chrono::NaiveDate>),
}

/// An open storm session as the board's banner shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenStorm {
    pub slug: String,
    pub title: String,
    pub ends_at: NaiveDateTime,
}

/// A product area as an idea names it.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRef {
    pub slug: String,
    pub name: String,
    /// Its names per language; a language without one shows `name`.
    pub names: LocalNames,
}

/// A storm session as an idea names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StormRef {
    pub slug: String,
    pub title: String,
}

/// A product area as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AreaView {
    pub slug: String,
    pub name: String,
    /// Its names per language (`{"de": "Akkus"}`); a language without one shows `name`.
    pub names: LocalNames,
    /// Markdown.
    pub description: String,
    /// The staff who own it.
    pub owners: Vec<AreaOwner>,
    /// Its live ideas in an open or active status.
    pub open_ideas: i64,
    /// Where it stands among the areas (smaller first).
    pub position: i64,
}

/// An area's owner: the name, and the email address for staff who ask.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AreaOwner {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// An idea as a card on the board shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct IdeaCard {
    pub id: IdeaId,
    pub number: i64,
    pub title: String,
    pub excerpt: String,
    pub author: AuthorRef,
    pub status: StatusRef,
    /// False when the status freezes voting.
    pub voting_open: bool,
    pub tags: Vec<TagRef>,
    /// The product area it belongs to, if any.
    pub area: Option<AreaRef>,
    /// The storm session it answers, if any.
    pub storm: Option<StormRef>,
    /// When it first got an official response; none while it waits for one.
    pub first_response_at: Option<NaiveDateTime>,
    pub upvotes: i64,
    pub downvotes: i64,
    pub comment_count: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The viewer's vote: 1, -1, or none.
    pub my_vote: Option<i64>,
}

impl IdeaCard {
    pub fn points(&self) -> i64 {
        ranking::points(self.upvotes, self.downvotes)
    }
}

/// An idea with everything its page shows.
#[derive(Debug, Clone)]
pub struct IdeaDetail {
    pub card: IdeaCard,
    /// How its title and body read; only for viewers who may see the insights.
    pub sentiment: Option<Sentiment>,
    pub body: String,
    pub body_html: String,
    pub edited_at: Option<NaiveDateTime>,
    pub merged_into: Option<i64>,
    pub locked: bool,
    /// Hidden by a moderator (only moderators see it at all).
    pub hidden: bool,
    /// The viewer may moderate it (hide, lock, merge, tag).
    pub can_moderate: bool,
    /// The viewer may change its status (product, admin).
    pub can_change_status: bool,
    /// The viewer is staff: may answer officially and sees how long the idea waited.
    pub can_respond: bool,
    /// The viewer wrote or voted on the idea, so says whether its official answers helped.
    pub can_rate_answers: bool,
    /// The status timeline, oldest first.
    pub history: Vec<StatusChange>,
    /// The release notes that deliver it: (id, title, day YYYY-MM-DD), newest first.
    pub delivered_in: Vec<(String, String, String)>,
    /// The viewer may still edit it (their own, nobody else has voted or commented).
    pub can_edit: bool,
    pub subscribed: bool,
}

/// One page of a list.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    /// More ideas match a search than it considers: `total` is then its window's size.
    pub capped: bool,
}

impl<T> Page<T> {
    pub fn last_page(&self) -> i64 {
        last_page(self.total, self.per_page)
    }

    /// A page of a list counted exactly (`total` is every item, not a search window's).
    pub fn exact(items: Vec<T>, page: i64, per_page: i64, total: i64) -> Self {
        Page {
            items,
            page,
            per_page,
            total,
            capped: false,
        }
    }

    /// The position (1-based) of this page's first item in the whole list.
    pub fn first_position(&self) -> i64 {
        offset_of(self.page, self.per_page).saturating_add(1)
    }
}

/// What a list does with a page number past its last page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PastLastPage {
    /// Shows the last page instead (HTML pages: a person followed an old or edited link).
    #[default]
    ShowLast,
    /// Refuses it (the API: a client asked for something that is not there).
    Refuse,
}

/// The last page of `total` items, `per_page` a page (1 for an empty list).
pub fn last_page(total: i64, per_page: i64) -> i64 {
    if per_page < 1 {
        return 1;
    }
    (total.max(0) / per_page + i64::from(total.max(0) % per_page != 0)).max(1)
}

/// How many items come before page `page`; never overflows (a page past every list skips all).
pub fn offset_of(page: i64, per_page: i64) -> i64 {
    page.saturating_sub(1).max(0).saturating_mul(per_page)
}

/// The page to show for `page` of `total` items: the page itself when it exists, else per
/// `policy` the last page, or the message that explains why there is no such page.
pub fn page_within(
    page: i64,
    total: i64,
    per_page: i64,
    policy: PastLastPage,
) -> Result<i64, Text> {
    let last = last_page(total, per_page);
    match policy {
        _ if page <= last => Ok(page),
        PastLastPage::ShowLast => Ok(last),
        PastLastPage::Refuse => Err(Text::new("refused-past-last-page").with("last", last)),
    }
}

/// A comment as shown, with its replies (one level).
#[derive(Debug, Clone)]
pub struct CommentView {
    pub id: CommentId,
    pub idea_number: i64,
    pub parent_id: Option<CommentId>,
    pub author: AuthorRef,
    /// Empty when deleted.
    pub body: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted: bool,
    /// Hidden by a moderator (shown to moderators only, marked).
    pub hidden: bool,
    /// The number of the idea it came from when that idea was merged here.
    pub merged_from: Option<i64>,
    /// The viewer wrote it (and so may edit or delete it).
    pub mine: bool,
    /// Marked by staff as the official response.
    pub official: bool,
    /// Of an official response: how many it answered, how many not, and what the viewer said.
    pub helpful: i64,
    pub unhelpful: i64,
    pub my_rating: Option<bool>,
    /// How it reads; only for viewers who may see the insights.
    pub sentiment: Option<Sentiment>,
    pub replies: Vec<CommentView>,
}

/// The checked form of a `ListQuery`.
#[derive(Debug, Clone)]
pub struct ResolvedList {
    pub sort: super::ranking::Sort,
    pub status: Option<String>,
    pub tag: Option<String>,
    pub area: Option<String>,
    /// The storm session whose board this is (its slug).
    pub storm: Option<String>,
    pub q: String,
    pub page: i64,
    pub per_page: i64,
}

/// One audit entry as shown.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct AuditView {
    pub actor_id: UserId,
    pub actor: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub subject: String,
    pub reason: String,
    #[serde(serialize_with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub at: NaiveDateTime,
}

/// One flagged item in the queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FlaggedItem {
    /// "idea" or "comment".
    pub kind: &'static str,
    /// The idea number (for a comment, the idea it is on).
    pub idea: i64,
    pub comment_id: Option<CommentId>,
    pub title: String,
    pub excerpt: String,
    pub flags: usize,
    pub reasons: Vec<String>,
}

/// An idea or comment a moderator hid, listed so it can be shown again.
#[derive(Debug, Clone)]
pub struct HiddenItem {
    /// The idea number (for a comment, the idea it is on) and that idea's title.
    pub idea: i64,
    pub title: String,
    /// Set for a comment.
    pub comment_id: Option<CommentId>,
    /// The comment's text as plain words; empty for an idea.
    pub excerpt: String,
    pub hidden_at: NaiveDateTime,
    /// The reason recorded with the hide.
    pub reason: String,
}

fn rfc3339<S: serde::Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&super::clock::rfc3339(*at))
}

/// One status change on an idea's timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatusChange {
    /// Status slugs.
    pub from: String,
    pub to: String,
    pub from_name: String,
    pub to_name: String,
    /// The new status's names per language, for pages.
    #[serde(skip)]
    #[schema(ignore)]
    pub to_names: LocalNames,
    pub note: String,
    #[serde(skip)]
    pub note_html: String,
    pub by: String,
    /// The changer's role (`None` for Ideaboard's own changes), for the badge beside `by`.
    #[serde(skip)]
    #[schema(ignore)]
    pub by_role: Option<Role>,
    #[serde(serialize_with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub at: NaiveDateTime,
}

/// A roadmap column: a status with its most popular ideas.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoadmapColumn {
    pub slug: String,
    pub name: String,
    /// Its names per language; a language without one shows `name`.
    pub names: LocalNames,
    pub kind: String,
    pub count: i64,
    pub ideas: Vec<RoadmapIdea>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoadmapIdea {
    pub number: i64,
    pub title: String,
    pub points: i64,
}

/// A message that ended `failed`, as the delivery page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FailedMail {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub attempts: i64,
    pub last_error: String,
    #[serde(serialize_with = "rfc3339")]
    pub created_at: NaiveDateTime,
}

/// A status as the API lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatusView {
    pub slug: String,
    pub name: String,
    /// Its names per language (`{"de": "Geplant"}`); a language without one shows `name`.
    pub names: LocalNames,
    pub color: String,
    pub position: i64,
    pub kind: String,
    pub on_roadmap: bool,
    pub voting_frozen: bool,
    pub retired: bool,
}

/// Ideas in a status of the open kind: submitted, not yet moved along the pipeline.
#[derive(Debug, Clone)]
pub struct WaitingIdeas {
    pub slug: String,
    pub name: String,
    pub names: LocalNames,
    pub count: i64,
}

/// Mail that is not out yet, or will not go.
#[derive(Debug, Clone, Copy)]
pub struct MailCounts {
    pub queued: i64,
    pub retrying: i64,
    pub failed: i64,
}

/// What the staff's landing pages (`/mod`, `/admin`) show; a part the person may not act on is `None` or empty.
#[derive(Debug, Clone, Default)]
pub struct StaffSummary {
    /// Flagged ideas and comments waiting for a moderator.
    pub flagged: Option<i64>,
    /// Live ideas in each open-kind status (moderators, product, admins).
    pub waiting: Vec<WaitingIdeas>,
    /// The outbox (admins).
    pub mail: Option<MailCounts>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_past_the_last_is_the_last_page_or_refused() {
        assert_eq!(page_within(3, 41, 20, PastLastPage::Refuse), Ok(3));
        assert_eq!(page_within(4, 41, 20, PastLastPage::ShowLast), Ok(3));
        assert_eq!(
            page_within(4, 41, 20, PastLastPage::Refuse).map_err(|t| t.to_string()),
            Err("There are only 3 pages.".into())
        );
        assert_eq!(page_within(i64::MAX, 0, 20, PastLastPage::ShowLast), Ok(1));
        assert_eq!(
            page_within(2, 0, 20, PastLastPage::Refuse).map_err(|t| t.to_string()),
            Err("There is only page 1.".into())
        );
    }

    #[test]
    fn offsets_never_overflow() {
        assert_eq!(offset_of(1, 20), 0);
        assert_eq!(offset_of(3, 20), 40);
        assert_eq!(offset_of(i64::MAX, 100), i64::MAX);
        assert_eq!(offset_of(i64::MIN, 100), 0);
    }
}
