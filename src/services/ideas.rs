//! Ideas: submit (promoting and following your own), read, edit while nobody else has taken part,
//! and similar-idea suggestions.

use super::ServiceResult;
use super::accounts::Account;
use super::votes::{self, VoteOutcome};
use crate::db::models::ideas::{self, Idea, NewIdeaRow};
use crate::db::models::storms::Storm;
use crate::db::models::{comments, statuses, subscriptions, tags, users, votes as vote_rows};
use crate::db::{Db, DbConnection};
use crate::domain::ideas::{IdeaBody, IdeaTitle, NewIdea};
use crate::domain::ids::{AreaId, IdeaId};
use crate::domain::local_names::LocalNames;
use crate::domain::ranking::HalfLife;
pub use crate::domain::read::{
    AuthorRef, IdeaCard, IdeaDetail, Page, PastLastPage, ResolvedList, StatusRef, TagRef,
    offset_of, page_within,
};
use crate::domain::roles::{Permission, Role};
use crate::domain::validation::{FieldErrors, Text};
use crate::domain::{clock, markdown, sentiment};
use crate::services::error::ServiceError;

/// Characters of body shown on a card.
pub const EXCERPT_CHARS: usize = 220;

/// A new idea as typed.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    /// The product area's slug the author picked, if any.
    pub area: Option<String>,
    /// The storm session's slug it answers, if any (it must be open at `at`).
    pub storm: Option<String>,
    /// The moment the storm session's state is judged at (the server's clock).
    pub at: Option<chrono::NaiveDateTime>,
}

/// Submits an idea: number, Open status, the author's own promote, the author's subscription.
pub fn submit(
    db: &mut Db,
    author: &Account,
    input: &Submission,
    half_life: HalfLife,
    base_url: &str,
) -> ServiceResult<IdeaDetail> {
    author.require(Permission::SubmitIdea)?;
    let idea =
        NewIdea::parse(&input.title, &input.body, &input.tags).map_err(ServiceError::Validation)?;
    let body_html = markdown::render(idea.body.as_str());
    let sentiment = sentiment::of_idea(idea.title.as_str(), idea.body.as_str());
    let excerpt = markdown::excerpt(idea.body.as_str(), EXCERPT_CHARS);
    let (id, number) = db.write(|conn| {
        let chosen = tags::find_by_slugs(conn, &idea.tags)?;
        if let Some(unknown) = idea
            .tags
            .iter()
            .find(|slug| !chosen.iter().any(|t| &t.slug == *slug))
        {
            return Err(ServiceError::Validation(FieldErrors::single(
                "tags",
                Text::new("refused-no-tag").with("slug", unknown.as_str()),
            )));
        }
        let (storm, area) = placement(conn, input)?;
        let status = statuses::find_by_slug(conn, statuses::INITIAL_SLUG)?.ok_or_else(|| {
            ServiceError::Internal(anyhow::anyhow!("the initial status is missing"))
        })?;
        let now = clock::now();
        let id = IdeaId::generate();
        let number = ideas::next_number(conn)?;
        let totals = votes::totals_from([(1, now)], half_life);
        ideas::insert(
            conn,
            &NewIdeaRow {
                id: &id,
                number,
                author_id: &author.id,
                title: idea.title.as_str(),
                body: idea.body.as_str(),
                body_html: &body_html,
                excerpt: &excerpt,
                status_id: &status.id,
                upvotes: totals.upvotes,
                downvotes: totals.downvotes,
                score: totals.score,
                comment_count: 0,
                up_log: totals.up_log,
                down_log: totals.down_log,
                popular_key: totals.popular_key,
                trend_up_log: totals.trend_up_log,
                trend_down_log: totals.trend_down_log,
                trending_key: totals.trending_key,
                created_at: now,
                updated_at: now,
                area_id: area.as_ref(),
                first_response_at: None,
                sentiment_score: Some(sentiment.score),
                sentiment_label: Some(sentiment.label.as_str()),
                planned_at: None,
                implemented_at: None,
                storm_id: storm.as_ref().map(|s| &s.id),
            },
        )?;
        vote_rows::insert(
            conn,
            &vote_rows::NewVote {
                id: &clock::new_id(),
                idea_id: &id,
                user_id: &author.id,
                value: 1,
                created_at: now,
                updated_at: now,
            },
        )?;
        for tag in &chosen {
            tags::attach(conn, &id, &tag.id)?;
        }
        subscriptions::subscribe(conn, &author.id, &id, now)?;
        let written = ideas::find_by_id(conn, &id)?.ok_or(ServiceError::NotFound)?;
        announce(conn, &written, author, base_url)?;
        Ok((id, number))
    })?;
    // The idea is in; finding its likely duplicates only helps triage, so a failure is logged.
    if let Err(error) = super::duplicates::remember(db, &id, number, idea.title.as_str()) {
        tracing::warn!(%error, number, "the likely duplicates of a new idea were not recorded");
    }
    tracing::info!(number, author_id = %author.id, "idea submitted");
    get(db, Some(author), number)
}

/// The storm session (open at `input.at`) and the area a submission names. An idea in a session
/// of an area belongs to that area unless its author chose another.
fn placement(
    conn: &mut DbConnection,
    input: &Submission,
) -> ServiceResult<(Option<Storm>, Option<AreaId>)> {
    let storm = match input.storm.as_deref().filter(|slug| !slug.is_empty()) {
        Some(slug) => Some(super::storms::open_for_ideas(
            conn,
            slug,
            input.at.unwrap_or_else(clock::now),
        )?),
        None => None,
    };
    let area = match input.area.as_deref().filter(|slug| !slug.is_empty()) {
        Some(slug) => Some(super::areas::area_named(conn, slug)?.id),
        None => storm.as_ref().and_then(|s| s.area_id.clone()),
    };
    Ok((storm, area))
}

/// The idea with this number as `viewer` sees it. Hidden ideas are not found.
pub fn get(db: &mut Db, viewer: Option<&Account>, number: i64) -> ServiceResult<IdeaDetail> {
    let conn = db.conn()?;
    let idea = ideas::find_by_number(conn, number)?.ok_or(ServiceError::NotFound)?;
    let moderator = viewer.is_some_and(|v| v.actor().can(Permission::Hide));
    if idea.hidden_at.is_some() && !moderator {
        return Err(ServiceError::NotFound);
    }
    detail(conn, viewer, idea)
}

fn detail(
    conn: &mut DbConnection,
    viewer: Option<&Account>,
    idea: Idea,
) -> ServiceResult<IdeaDetail> {
    let author = users::find_by_id(conn, &idea.author_id)?.ok_or(ServiceError::NotFound)?;
    let status = statuses::find_by_id(conn, &idea.status_id)?.ok_or(ServiceError::NotFound)?;
    let tag_list = tags_of(conn, &idea.id)?;
    let (my_vote, subscribed, can_edit) = match viewer {
        Some(viewer) => (
            vote_rows::find(conn, &idea.id, &viewer.id)?.map(|v| v.value),
            subscriptions::is_subscribed(conn, &viewer.id, &idea.id)?,
            editable_by(conn, &idea, viewer)?,
        ),
        None => (None, false, false),
    };
    let merged_into = match &idea.merged_into_id {
        Some(target) => ideas::find_by_id(conn, target)?.map(|t| t.number),
        None => None,
    };
    let history = super::timeline::history(conn, &idea.id)?;
    let delivered_in = super::changelog::delivering(conn, &idea.id)?;
    let storm = super::storms::of_idea(conn, idea.storm_id.as_ref())?;
    let sentiment = super::sentiments::shown_to(viewer, idea.sentiment());
    Ok(IdeaDetail {
        sentiment,
        history,
        card: IdeaCard {
            id: idea.id,
            number: idea.number,
            title: idea.title,
            excerpt: idea.excerpt,
            author: AuthorRef {
                id: author.id,
                name: author.name,
                role: Role::from_stored(&author.role),
            },
            status: StatusRef {
                slug: status.slug,
                name: status.name,
                names: LocalNames::from_stored(&status.names),
                color: status.color,
                kind: status.kind,
            },
            voting_open: !status.voting_frozen
                && idea.merged_into_id.is_none()
                && storm
                    .as_ref()
                    .is_none_or(|s| super::storms::votes_open(s, clock::now())),
            storm: storm.as_ref().map(super::storms::reference),
            tags: tag_list,
            area: match &idea.area_id {
                Some(id) => crate::db::models::areas::find_ref(conn, id)?,
                None => None,
            },
            first_response_at: idea.first_response_at,
            upvotes: idea.upvotes,
            downvotes: idea.downvotes,
            comment_count: idea.comment_count,
            created_at: idea.created_at,
            updated_at: idea.updated_at,
            my_vote,
        },
        body: idea.body,
        body_html: idea.body_html,
        edited_at: idea.edited_at,
        merged_into,
        locked: idea.locked_at.is_some(),
        hidden: idea.hidden_at.is_some(),
        can_moderate: viewer.is_some_and(|v| v.actor().can(Permission::Merge)),
        can_change_status: viewer.is_some_and(|v| v.actor().can(Permission::ChangeStatus)),
        can_respond: viewer.is_some_and(|v| v.actor().can(Permission::Respond)),
        can_rate_answers: viewer.is_some_and(|v| {
            v.actor().can(Permission::Vote) && (v.id == idea.author_id || my_vote.is_some())
        }),
        can_edit,
        subscribed,
        delivered_in,
    })
}

/// An idea's tags as it shows them.
fn tags_of(conn: &mut DbConnection, idea_id: &IdeaId) -> ServiceResult<Vec<TagRef>> {
    Ok(tags::for_ideas(conn, std::slice::from_ref(idea_id))?
        .into_iter()
        .map(|(_, t)| TagRef {
            slug: t.slug,
            name: t.name,
            names: LocalNames::from_stored(&t.names),
            color: t.color,
        })
        .collect())
}

/// The author may edit until someone else has voted or commented.
fn editable_by(conn: &mut DbConnection, idea: &Idea, viewer: &Account) -> ServiceResult<bool> {
    if idea.author_id != viewer.id
        || !viewer.actor().can(Permission::EditOwn)
        || idea.merged_into_id.is_some()
    {
        return Ok(false);
    }
    Ok(!vote_rows::anyone_else_voted(conn, &idea.id, &viewer.id)?
        && !comments::anyone_else_commented(conn, &idea.id, &viewer.id)?)
}

/// Changes to an idea's text; absent fields stay.
#[derive(Debug, Clone, Default)]
pub struct IdeaEdit {
    pub title: Option<String>,
    pub body: Option<String>,
}

/// Edits title and/or body: only the author, only while nobody else has voted or commented.
pub fn edit(
    db: &mut Db,
    editor: &Account,
    number: i64,
    changes: &IdeaEdit,
    base_url: &str,
) -> ServiceResult<IdeaDetail> {
    editor.require(Permission::EditOwn)?;
    let mut errors = FieldErrors::default();
    let title = changes
        .title
        .as_deref()
        .map(|t| errors.take("title", IdeaTitle::parse(t)));
    let body = changes
        .body
        .as_deref()
        .map(|b| errors.take("body", IdeaBody::parse(b)));
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    db.write(|conn| {
        let found = ideas::find_by_number(conn, number)?.ok_or(ServiceError::NotFound)?;
        let idea = ideas::lock(conn, &found.id)?.ok_or(ServiceError::NotFound)?;
        if idea.hidden_at.is_some() {
            return Err(ServiceError::NotFound);
        }
        if idea.author_id != editor.id {
            return Err(ServiceError::refused(Text::new("refused-edit-not-author")));
        }
        if !editable_by(conn, &idea, editor)? {
            return Err(ServiceError::refused(Text::new("refused-edit-too-late")));
        }
        let title = title
            .flatten()
            .map(|t| t.as_str().to_string())
            .unwrap_or(idea.title.clone());
        let body = body
            .flatten()
            .map(|b| b.as_str().to_string())
            .unwrap_or(idea.body.clone());
        let body_html = markdown::render(&body);
        let excerpt = markdown::excerpt(&body, EXCERPT_CHARS);
        ideas::edit_content(
            conn,
            &idea.id,
            &title,
            &body,
            &body_html,
            &excerpt,
            clock::now(),
        )?;
        ideas::set_sentiment(conn, &idea.id, &sentiment::of_idea(&title, &body))?;
        let edited = ideas::find_by_id(conn, &idea.id)?.ok_or(ServiceError::NotFound)?;
        watched(conn, &edited, editor, base_url)?;
        Ok(())
    })?;
    get(db, Some(editor), number)
}

/// Matches an idea just written or edited against the phrases staff watch.
fn watched(
    conn: &mut DbConnection,
    idea: &ideas::Idea,
    author: &Account,
    base_url: &str,
) -> ServiceResult<usize> {
    let text = format!("{}\n{}", idea.title, idea.body);
    let written = super::watches::Written::idea(idea, author.name.clone(), &text);
    super::watches::on_written(conn, &written, base_url)
}

/// A new idea told to those watching its words and to the webhooks of `idea.created`.
fn announce(
    conn: &mut DbConnection,
    idea: &ideas::Idea,
    author: &Account,
    base_url: &str,
) -> ServiceResult<()> {
    watched(conn, idea, author, base_url)?;
    let happened = super::webhook_events::Happened::IdeaCreated { idea };
    super::webhook_events::emit(conn, base_url, &happened)?;
    Ok(())
}

/// Votes on the idea with this number (pages and API address ideas by number).
pub fn vote(
    db: &mut Db,
    voter: &Account,
    number: i64,
    value: crate::domain::ideas::VoteValue,
    rules: &votes::VoteRules,
) -> ServiceResult<VoteOutcome> {
    let idea = ideas::find_by_number(db.conn()?, number)?.ok_or(ServiceError::NotFound)?;
    votes::cast(db, voter, &idea.id, value, rules)
}
