//! Comments: Markdown, one level of replies, edit and delete your own. Commenting subscribes you.

use super::ServiceResult;
use super::accounts::Account;
use super::{audit, comment_threads, notifications};
use crate::db::models::comments::{self, Comment, NewComment};
use crate::db::models::{ideas, subscriptions, users};
use crate::db::{Db, DbConnection};
use crate::domain::ideas::CommentBody;
use crate::domain::ids::{CommentId, UserId};
pub use crate::domain::read::{AuthorRef, CommentView};
use crate::domain::roles::{Permission, Role};
use crate::domain::sentiment::Sentiment;
use crate::domain::validation::{FieldErrors, Text};
use crate::domain::{clock, markdown, sentiment};
use crate::mail::messages;
use crate::services::error::ServiceError;

fn live_idea(conn: &mut DbConnection, number: i64) -> ServiceResult<ideas::Idea> {
    visible_idea(conn, None, number)
}

/// The idea if `viewer` may see it: hidden ideas only for moderators.
fn visible_idea(
    conn: &mut DbConnection,
    viewer: Option<&Account>,
    number: i64,
) -> ServiceResult<ideas::Idea> {
    let idea = ideas::find_by_number(conn, number)?.ok_or(ServiceError::NotFound)?;
    if idea.hidden_at.is_some() && !viewer.is_some_and(|v| v.actor().can(Permission::Hide)) {
        return Err(ServiceError::NotFound);
    }
    Ok(idea)
}

/// What a new comment says and where it goes.
#[derive(Debug, Clone, Copy)]
pub struct NewCommentInput<'a> {
    pub body: &'a str,
    /// A reply to this top-level comment.
    pub parent_id: Option<&'a CommentId>,
    /// Staff mark it as the official response; it then records the idea's first response.
    pub official: bool,
}

impl<'a> NewCommentInput<'a> {
    /// A plain top-level comment.
    pub fn plain(body: &'a str) -> Self {
        NewCommentInput {
            body,
            parent_id: None,
            official: false,
        }
    }

    /// A plain reply to `parent_id`.
    pub fn reply(body: &'a str, parent_id: &'a CommentId) -> Self {
        NewCommentInput {
            parent_id: Some(parent_id),
            ..Self::plain(body)
        }
    }
}

/// Adds a comment (or a reply to a top-level comment) to the idea `number`.
pub fn create(
    db: &mut Db,
    author: &Account,
    number: i64,
    input: NewCommentInput<'_>,
    base_url: &str,
) -> ServiceResult<CommentView> {
    author.require(Permission::Comment)?;
    if input.official {
        author.require(Permission::Respond)?;
    }
    let NewCommentInput {
        body,
        parent_id,
        official,
    } = input;
    let body = CommentBody::parse(body)
        .map_err(|m| ServiceError::Validation(FieldErrors::single("body", m)))?;
    let body_html = markdown::render(body.as_str());
    let sentiment = sentiment::score(body.as_str());
    let id = CommentId::generate();
    db.write(|conn| {
        let idea = live_idea(conn, number)?;
        let idea = ideas::lock(conn, &idea.id)?.ok_or(ServiceError::NotFound)?;
        if idea.merged_into_id.is_some() {
            return Err(ServiceError::conflict_coded(
                "idea_merged",
                "idea",
                Text::new("refused-comment-merged"),
            ));
        }
        if idea.locked_at.is_some() {
            return Err(ServiceError::refused(Text::new("refused-comments-locked")));
        }
        let parent_author = match parent_id {
            Some(parent_id) => Some(parent_author(conn, &idea, parent_id)?),
            None => None,
        };
        let now = clock::now();
        comments::insert(
            conn,
            &NewComment {
                id: &id,
                idea_id: &idea.id,
                author_id: &author.id,
                parent_id,
                body: body.as_str(),
                body_html: &body_html,
                created_at: now,
                updated_at: now,
                official,
                sentiment_score: Some(sentiment.score),
                sentiment_label: Some(sentiment.label.as_str()),
            },
        )?;
        ideas::add_comments(conn, &idea.id, 1)?;
        if official {
            record_official(conn, author, &idea, now)?;
        }
        subscriptions::subscribe(conn, &author.id, &idea.id, now)?;
        notify_comment(
            conn,
            &idea,
            author,
            &id,
            body.as_str(),
            parent_author.as_ref(),
            base_url,
        )?;
        announce(
            conn,
            (&idea, &id, official),
            author,
            body.as_str(),
            base_url,
        )
    })?;
    tracing::info!(number, comment_id = %id, "comment added");
    find_view(db.conn()?, author, &id)
}

/// The author of the comment a reply answers: a live top-level comment on the same idea, else
/// 422 on `parent_id`.
fn parent_author(
    conn: &mut DbConnection,
    idea: &ideas::Idea,
    parent_id: &CommentId,
) -> ServiceResult<UserId> {
    comments::find(conn, parent_id)?
        .filter(|p| {
            p.idea_id == idea.id
                && p.parent_id.is_none()
                && p.deleted_at.is_none()
                && p.hidden_at.is_none()
        })
        .map(|p| p.author_id)
        .ok_or_else(|| {
            ServiceError::Validation(FieldErrors::single(
                "parent_id",
                Text::new("refused-reply-parent"),
            ))
        })
}

/// A new comment told to those watching its words and to the webhooks of `comment.created`.
fn announce(
    conn: &mut DbConnection,
    (idea, id, official): (&ideas::Idea, &CommentId, bool),
    author: &Account,
    body: &str,
    base_url: &str,
) -> ServiceResult<()> {
    let by = (&author.id, author.name.clone());
    let written = super::watches::Written::comment(idea, id, by, body);
    super::watches::on_written(conn, &written, base_url)?;
    let happened = super::webhook_events::Happened::CommentCreated {
        idea,
        comment_id: id.as_str(),
        author: &author.name,
        body,
        official,
    };
    super::webhook_events::emit(conn, base_url, &happened)?;
    Ok(())
}

/// An official response counts as the idea's first response if it has none yet, and is audited.
fn record_official(
    conn: &mut DbConnection,
    author: &Account,
    idea: &ideas::Idea,
    at: chrono::NaiveDateTime,
) -> ServiceResult<()> {
    ideas::record_first_response(conn, &idea.id, at)?;
    let label = format!("#{} {}", idea.number, idea.title);
    audit::record(
        conn,
        author,
        "official_response",
        "idea",
        idea.id.as_str(),
        &label,
        "",
    )?;
    Ok(())
}

/// Tells the replied-to author (as a reply) and the idea's followers (as a comment), once each.
fn notify_comment(
    conn: &mut DbConnection,
    idea: &ideas::Idea,
    author: &Account,
    comment_id: &CommentId,
    body: &str,
    parent_author: Option<&UserId>,
    base_url: &str,
) -> ServiceResult<()> {
    let link = format!(
        "{}/ideas/{}?comment={comment_id}#comment-{comment_id}",
        base_url.trim_end_matches('/'),
        idea.number
    );
    let excerpt = markdown::excerpt(body, 300);
    if let Some(parent_author) = parent_author.filter(|p| **p != author.id) {
        let notice = notifications::Notice {
            event_key: format!("reply:{comment_id}"),
            kind: "replies",
            recipients: vec![parent_author.clone()],
            idea,
            actor_id: &author.id,
            digest_line: comment_line("mail-reply-subject", &author.name, idea),
            link: link.clone(),
        };
        notifications::notify(conn, &notice, base_url, |name, lang| {
            messages::new_comment(
                lang,
                name,
                (idea.number, &idea.title),
                (&author.name, &excerpt),
                &link,
                true,
            )
        })?;
    }
    let mut followers = notifications::followers_and(conn, &idea.id, &[])?;
    followers.retain(|f| Some(f) != parent_author);
    let notice = notifications::Notice {
        event_key: format!("comment:{comment_id}"),
        kind: "comments",
        recipients: followers,
        idea,
        actor_id: &author.id,
        digest_line: comment_line("mail-comment-subject", &author.name, idea),
        link: link.clone(),
    };
    notifications::notify(conn, &notice, base_url, |name, lang| {
        messages::new_comment(
            lang,
            name,
            (idea.number, &idea.title),
            (&author.name, &excerpt),
            &link,
            false,
        )
    })?;
    Ok(())
}

fn find_view(
    conn: &mut DbConnection,
    viewer: &Account,
    id: &CommentId,
) -> ServiceResult<CommentView> {
    let comment = comments::find(conn, id)?.ok_or(ServiceError::NotFound)?;
    let idea = ideas::find_by_id(conn, &comment.idea_id)?.ok_or(ServiceError::NotFound)?;
    let author = users::find_by_id(conn, &comment.author_id)?.ok_or(ServiceError::NotFound)?;
    let author = AuthorRef {
        id: author.id,
        name: author.name,
        role: Role::from_stored(&author.role),
    };
    Ok(view(comment, idea.number, author, Some(viewer), None))
}

pub(super) fn view(
    comment: Comment,
    idea_number: i64,
    author: AuthorRef,
    viewer: Option<&Account>,
    merged_from: Option<i64>,
) -> CommentView {
    let deleted = comment.deleted_at.is_some();
    let sentiment = super::sentiments::shown_to(
        viewer,
        Sentiment::stored(comment.sentiment_score, comment.sentiment_label.as_deref()),
    );
    CommentView {
        sentiment,
        hidden: comment.hidden_at.is_some(),
        merged_from,
        mine: viewer.is_some_and(|v| v.id == comment.author_id) && !deleted,
        author,
        id: comment.id,
        idea_number,
        parent_id: comment.parent_id,
        body: comment.body,
        body_html: comment.body_html,
        created_at: comment.created_at,
        edited_at: comment.edited_at,
        deleted,
        official: comment.official,
        helpful: comment.helpful,
        unhelpful: comment.unhelpful,
        my_rating: None,
        replies: Vec::new(),
    }
}

/// The idea's comments, threaded: top-level oldest first, each with its replies.
/// Hidden comments are left out; deleted ones with replies stay as placeholders.
pub fn list(db: &mut Db, viewer: Option<&Account>, number: i64) -> ServiceResult<Vec<CommentView>> {
    let conn = db.conn()?;
    let idea = visible_idea(conn, viewer, number)?;
    let rows = comments::for_idea(conn, &idea.id)?;
    comment_threads::thread(conn, idea.number, rows, viewer)
}

fn own_live_comment(
    conn: &mut DbConnection,
    actor: &Account,
    id: &CommentId,
) -> ServiceResult<Comment> {
    let comment = comments::find(conn, id)?.ok_or(ServiceError::NotFound)?;
    if comment.deleted_at.is_some() || comment.hidden_at.is_some() {
        return Err(ServiceError::NotFound);
    }
    if comment.author_id != actor.id {
        return Err(ServiceError::refused(Text::new(
            "refused-comment-not-yours",
        )));
    }
    Ok(comment)
}

/// Edits your own comment; it shows as edited.
pub fn edit(
    db: &mut Db,
    actor: &Account,
    id: &CommentId,
    body: &str,
    base_url: &str,
) -> ServiceResult<CommentView> {
    actor.require(Permission::EditOwn)?;
    let body = CommentBody::parse(body)
        .map_err(|m| ServiceError::Validation(FieldErrors::single("body", m)))?;
    let body_html = markdown::render(body.as_str());
    let sentiment = sentiment::score(body.as_str());
    db.write(|conn| {
        let comment = own_live_comment(conn, actor, id)?;
        comments::edit(conn, id, body.as_str(), &body_html, clock::now())?;
        comments::set_sentiment(conn, id, &sentiment)?;
        let idea = ideas::find_by_id(conn, &comment.idea_id)?.ok_or(ServiceError::NotFound)?;
        let by = (&actor.id, actor.name.clone());
        let written = super::watches::Written::comment(&idea, id, by, body.as_str());
        super::watches::on_written(conn, &written, base_url)?;
        Ok::<_, ServiceError>(())
    })?;
    find_view(db.conn()?, actor, id)
}

/// Deletes your own comment: gone entirely, or a "comment deleted" placeholder when it has
/// replies. Returns the idea's number.
pub fn delete(db: &mut Db, actor: &Account, id: &CommentId) -> ServiceResult<i64> {
    actor.require(Permission::EditOwn)?;
    db.write(|conn| {
        let comment = own_live_comment(conn, actor, id)?;
        let idea = ideas::lock(conn, &comment.idea_id)?.ok_or(ServiceError::NotFound)?;
        if comments::has_replies(conn, id)? {
            comments::soft_delete(conn, id, clock::now())?;
        } else {
            comments::delete(conn, id)?;
        }
        ideas::add_comments(conn, &idea.id, -1)?;
        Ok(idea.number)
    })
}

/// The idea a comment belongs to, as a number (for redirects).
pub fn idea_number_of(db: &mut Db, id: &CommentId) -> ServiceResult<i64> {
    let conn = db.conn()?;
    let comment = comments::find(conn, id)?.ok_or(ServiceError::NotFound)?;
    Ok(ideas::find_by_id(conn, &comment.idea_id)?
        .ok_or(ServiceError::NotFound)?
        .number)
}

/// One comment as its author sees it (for the edit form).
pub fn get_own(db: &mut Db, actor: &Account, id: &CommentId) -> ServiceResult<CommentView> {
    let conn = db.conn()?;
    own_live_comment(conn, actor, id)?;
    find_view(conn, actor, id)
}

/// The digest's line for a comment or reply (`key`) by `commenter` on `idea`.
fn comment_line(key: &'static str, commenter: &str, idea: &ideas::Idea) -> Text {
    Text::new(key)
        .with("number", idea.number.to_string())
        .with("title", idea.title.as_str())
        .with("commenter", commenter)
}
