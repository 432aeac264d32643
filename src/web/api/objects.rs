//! The JSON objects `/api/v1` answers with, typed so that the handlers serialise exactly what the
//! OpenAPI document describes.

use serde::Serialize;
use utoipa::ToSchema;

use crate::config::Config;
use crate::domain::clock;
use crate::domain::read::{
    AuditView, AuthorRef, CommentView, FlaggedItem, IdeaCard, IdeaDetail, RoadmapColumn,
    StatusChange, StatusView, TagRef,
};
use crate::domain::roles::Role;
use crate::domain::sentiment::Sentiment;
use crate::services::accounts::Account;
use crate::services::api_tokens::TokenSummary;

/// A status as an idea carries it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaStatus {
    pub slug: String,
    pub name: String,
}

/// An idea. `my_vote` is the caller's vote (1, -1) or null; `merged_into` is the number of the
/// idea this one was merged into, if any.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaObject {
    pub id: String,
    pub number: i64,
    pub title: String,
    /// Markdown source.
    pub body: String,
    /// Sanitised HTML rendered from `body`.
    pub body_html: String,
    pub author: AuthorRef,
    pub status: IdeaStatus,
    /// Tag slugs.
    pub tags: Vec<String>,
    /// The product area's slug, or null.
    pub area: Option<String>,
    /// The storm session's slug it was submitted into, or null.
    pub storm: Option<String>,
    /// When the idea first got an official response (RFC 3339, UTC), or null while it waits.
    pub first_response_at: Option<String>,
    pub upvotes: i64,
    pub downvotes: i64,
    /// upvotes − downvotes.
    pub points: i64,
    pub comment_count: i64,
    pub my_vote: Option<i64>,
    /// False when the idea's status freezes voting.
    pub voting_open: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    pub url: String,
    pub merged_into: Option<i64>,
    /// How the title and body read (staff only: absent for members and visitors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Sentiment>,
    /// The status timeline, oldest first (single-idea answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_history: Option<Vec<StatusChange>>,
}

impl IdeaObject {
    /// An idea as lists show it (no status history).
    pub fn from_card(
        config: &Config,
        card: &IdeaCard,
        body: &str,
        body_html: &str,
        merged_into: Option<i64>,
    ) -> Self {
        IdeaObject {
            id: card.id.to_string(),
            number: card.number,
            title: card.title.clone(),
            body: body.to_string(),
            body_html: body_html.to_string(),
            author: card.author.clone(),
            status: IdeaStatus {
                slug: card.status.slug.clone(),
                name: card.status.name.clone(),
            },
            tags: card.tags.iter().map(|t| t.slug.clone()).collect(),
            area: card.area.as_ref().map(|a| a.slug.clone()),
            storm: card.storm.as_ref().map(|s| s.slug.clone()),
            first_response_at: card.first_response_at.map(clock::rfc3339),
            upvotes: card.upvotes,
            downvotes: card.downvotes,
            points: card.points(),
            comment_count: card.comment_count,
            my_vote: card.my_vote,
            voting_open: card.voting_open,
            created_at: clock::rfc3339(card.created_at),
            updated_at: clock::rfc3339(card.updated_at),
            url: config.absolute_url(&format!("/ideas/{}", card.number)),
            merged_into,
            sentiment: None,
            status_history: None,
        }
    }

    /// One idea with its status history.
    pub fn from_detail(config: &Config, idea: &IdeaDetail) -> Self {
        let mut object = Self::from_card(
            config,
            &idea.card,
            &idea.body,
            &idea.body_html,
            idea.merged_into,
        );
        object.status_history = Some(idea.history.clone());
        object.sentiment = idea.sentiment;
        object
    }
}

/// A page of ideas.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaPage {
    pub items: Vec<IdeaObject>,
    pub page: i64,
    pub per_page: i64,
    /// Ideas matching the filters, across all pages.
    pub total: i64,
    /// True when a search matches more ideas than it considers (the newest 1,000 that pass the
    /// filters): `total` is then 1,000 and the pages end there.
    pub capped: bool,
}

/// Ideas without paging (similar titles).
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaItems {
    pub items: Vec<IdeaObject>,
}

/// A comment; replies are nested one level.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentObject {
    pub id: String,
    /// The idea number.
    pub idea: i64,
    pub parent_id: Option<String>,
    pub author: AuthorRef,
    pub body: String,
    pub body_html: String,
    pub deleted: bool,
    /// Marked by staff as the company's official response.
    pub official: bool,
    /// Of an official response: how many of the idea's author and voters said it answered them,
    /// and how many said it did not.
    pub helpful: i64,
    pub unhelpful: i64,
    pub created_at: String,
    pub edited_at: Option<String>,
    /// How it reads (staff only: absent for members and visitors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Sentiment>,
    #[schema(no_recursion)]
    pub replies: Vec<CommentObject>,
}

impl From<&CommentView> for CommentObject {
    fn from(comment: &CommentView) -> Self {
        CommentObject {
            id: comment.id.to_string(),
            idea: comment.idea_number,
            parent_id: comment.parent_id.as_ref().map(ToString::to_string),
            author: comment.author.clone(),
            body: comment.body.clone(),
            body_html: comment.body_html.clone(),
            deleted: comment.deleted,
            official: comment.official,
            helpful: comment.helpful,
            unhelpful: comment.unhelpful,
            created_at: clock::rfc3339(comment.created_at),
            edited_at: comment.edited_at.map(clock::rfc3339),
            sentiment: comment.sentiment,
            replies: comment.replies.iter().map(CommentObject::from).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentItems {
    pub items: Vec<CommentObject>,
}

/// An account. `banned` is present in moderation answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserObject {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banned: Option<bool>,
    /// The language of the person's pages and emails (`en`, `de`); null follows the browser.
    pub locale: Option<String>,
}

impl UserObject {
    pub fn of(account: &Account) -> Self {
        UserObject {
            id: account.id.to_string(),
            email: account.email.clone(),
            name: account.name.clone(),
            role: account.role,
            banned: None,
            locale: account.locale.clone(),
        }
    }

    pub fn with_ban(account: &Account) -> Self {
        UserObject {
            banned: Some(account.banned),
            ..Self::of(account)
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserPage {
    pub items: Vec<UserObject>,
    pub page: i64,
}

/// A token just issued: `token` is shown in this answer only.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedTokenObject {
    pub token: String,
    pub id: String,
    pub name: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenItems {
    pub items: Vec<TokenSummary>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusItems {
    pub items: Vec<StatusView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TagItems {
    pub items: Vec<TagRef>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Roadmap {
    pub columns: Vec<RoadmapColumn>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Subscription {
    pub subscribed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Flagged {
    pub flagged: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FlagItems {
    pub items: Vec<FlaggedItem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditView>,
    pub page: i64,
}
