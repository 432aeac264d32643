//! Ideas: submit (promoting and following your own), read, edit while nobody else has taken part,
//! and similar-idea suggestions.

use std::collections::HashMap;

use super::ServiceResult;
use super::accounts::Account;
use super::votes::{self, VoteOutcome};
use crate::db::models::ideas::{self, Idea, NewIdeaRow};
use crate::db::models::{comments, statuses, subscriptions, tags, users, votes as vote_rows};
use crate::db::views::idea_list::{self, CardRow, ListFilter, Match, Search};
use crate::db::{Db, DbConnection};
use crate::domain::ideas::{IdeaBody, IdeaTitle, NewIdea, is_stop_word, search_terms};
use crate::domain::ranking::{HalfLife, Sort};
pub use crate::domain::read::{
    AuthorRef, IdeaCard, IdeaDetail, Page, PastLastPage, ResolvedList, StatusRef, TagRef,
    offset_of, page_within,
};
use crate::domain::roles::Permission;
use crate::domain::validation::FieldErrors;
use crate::domain::{clock, markdown};
use crate::services::error::ServiceError;

/// Characters of body shown on a card.
pub const EXCERPT_CHARS: usize = 220;

/// A new idea as typed.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
}

/// Submits an idea: number, Open status, the author's own promote, the author's subscription.
pub fn submit(
    db: &mut Db,
    author: &Account,
    input: &Submission,
    half_life: HalfLife,
) -> ServiceResult<IdeaDetail> {
    author.require(Permission::SubmitIdea)?;
    let idea =
        NewIdea::parse(&input.title, &input.body, &input.tags).map_err(ServiceError::Validation)?;
    let body_html = markdown::render(idea.body.as_str());
    let excerpt = markdown::excerpt(idea.body.as_str(), EXCERPT_CHARS);
    let number = db.write(|conn| {
        let chosen = tags::find_by_slugs(conn, &idea.tags)?;
        if let Some(unknown) = idea
            .tags
            .iter()
            .find(|slug| !chosen.iter().any(|t| &t.slug == *slug))
        {
            return Err(ServiceError::Validation(FieldErrors::single(
                "tags",
                format!("There is no tag \"{unknown}\"."),
            )));
        }
        let status = statuses::find_by_slug(conn, statuses::INITIAL_SLUG)?.ok_or_else(|| {
            ServiceError::Internal(anyhow::anyhow!("the initial status is missing"))
        })?;
        let now = clock::now();
        let id = clock::new_id();
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
                created_at: now,
                updated_at: now,
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
        Ok(number)
    })?;
    tracing::info!(number, author_id = %author.id, "idea submitted");
    get(db, Some(author), number)
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
    let tag_list = tags::for_ideas(conn, std::slice::from_ref(&idea.id))?
        .into_iter()
        .map(|(_, t)| TagRef {
            slug: t.slug,
            name: t.name,
            color: t.color,
        })
        .collect();
    let (my_vote, subscribed) = match viewer {
        Some(viewer) => (
            vote_rows::find(conn, &idea.id, &viewer.id)?.map(|v| v.value),
            subscriptions::is_subscribed(conn, &viewer.id, &idea.id)?,
        ),
        None => (None, false),
    };
    let can_edit = match viewer {
        Some(viewer) => editable_by(conn, &idea, viewer)?,
        None => false,
    };
    let merged_into = match &idea.merged_into_id {
        Some(target) => ideas::find_by_id(conn, target)?.map(|t| t.number),
        None => None,
    };
    let history = super::timeline::history(conn, &idea.id)?;
    Ok(IdeaDetail {
        history,
        card: IdeaCard {
            id: idea.id,
            number: idea.number,
            title: idea.title,
            excerpt: idea.excerpt,
            author: AuthorRef {
                id: author.id,
                name: author.name,
            },
            status: StatusRef {
                slug: status.slug,
                name: status.name,
                color: status.color,
                kind: status.kind,
            },
            voting_open: !status.voting_frozen && idea.merged_into_id.is_none(),
            tags: tag_list,
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
        can_edit,
        subscribed,
    })
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
            return Err(ServiceError::Forbidden(
                "Only the author can edit an idea.".into(),
            ));
        }
        if !editable_by(conn, &idea, editor)? {
            return Err(ServiceError::Forbidden(
                "This idea can no longer be edited: others have voted on it or commented.".into(),
            ));
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
        Ok(())
    })?;
    get(db, Some(editor), number)
}

/// What the board lists, as asked.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub sort: Option<String>,
    pub status: Option<String>,
    pub tag: Option<String>,
    pub q: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
    /// What a page number past the last page gets.
    pub past_last_page: PastLastPage,
}

/// Ideas per page unless asked otherwise, and the most one page may hold.
pub const PER_PAGE: i64 = 20;
pub const MAX_PER_PAGE: i64 = 100;

/// One page of the board for `viewer`. Unknown sorts, statuses, tags or page sizes are 422s; a
/// page past the last is the last page or a 422, as the query says.
pub fn list(
    db: &mut Db,
    viewer: Option<&Account>,
    query: &ListQuery,
) -> ServiceResult<(ResolvedList, Page<IdeaCard>)> {
    let conn = db.conn()?;
    let mut errors = FieldErrors::default();
    let q = query.q.as_deref().unwrap_or("").trim().to_string();
    let terms = search_terms(&q);
    let sort = match query.sort.as_deref().filter(|s| !s.is_empty()) {
        Some(raw) => errors
            .take("sort", Sort::parse(raw))
            .unwrap_or(Sort::Popular),
        None if !terms.is_empty() => Sort::Relevance,
        None => Sort::Popular,
    };
    let page = query.page.unwrap_or(1);
    if page < 1 {
        errors.add("page", "Pages start at 1.");
    }
    let per_page = query.per_page.unwrap_or(PER_PAGE);
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        errors.add(
            "per_page",
            format!("Ask for 1 to {MAX_PER_PAGE} ideas per page."),
        );
    }
    let status = query.status.as_deref().filter(|s| !s.is_empty());
    let status_row = match status {
        Some(slug) => {
            let found = statuses::find_by_slug(conn, slug)?;
            if found.is_none() {
                errors.add("status", format!("There is no status \"{slug}\"."));
            }
            found
        }
        None => None,
    };
    let tag = query.tag.as_deref().filter(|s| !s.is_empty());
    let tag_row = match tag {
        Some(slug) => {
            let found = tags::find_by_slug(conn, slug)?;
            if found.is_none() {
                errors.add("tag", format!("There is no tag \"{slug}\"."));
            }
            found
        }
        None => None,
    };
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let filter = ListFilter {
        status_id: status_row.map(|s| s.id),
        tag_id: tag_row.map(|t| t.id),
        search: (!terms.is_empty()).then_some(Search {
            terms,
            mode: Match::All,
        }),
        sort,
        trending_since: clock::now() - chrono::Duration::days(7),
        limit: per_page,
        offset: offset_of(page, per_page),
    };
    let (mut rows, counted) = idea_list::page_and_count(conn, &filter)?;
    let shown = page_within(page, counted.total, per_page, query.past_last_page)
        .map_err(|message| ServiceError::Validation(FieldErrors::single("page", message)))?;
    if shown != page {
        let filter = ListFilter {
            offset: offset_of(shown, per_page),
            ..filter
        };
        rows = idea_list::list(conn, &filter)?;
    }
    let page = shown;
    let items = cards(conn, viewer, rows)?;
    let resolved = ResolvedList {
        sort,
        status: status.map(str::to_string),
        tag: tag.map(str::to_string),
        q,
        page,
        per_page,
    };
    Ok((
        resolved,
        Page {
            items,
            page,
            per_page,
            total: counted.total,
            capped: counted.capped,
        },
    ))
}

/// Up to five live ideas whose text matches the words of `title`, best match first.
pub fn similar(db: &mut Db, viewer: Option<&Account>, title: &str) -> ServiceResult<Vec<IdeaCard>> {
    let conn = db.conn()?;
    let terms: Vec<String> = search_terms(title)
        .into_iter()
        .filter(|t| !is_stop_word(t) && t.chars().count() > 1)
        .collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let filter = ListFilter {
        status_id: None,
        tag_id: None,
        search: Some(Search {
            terms,
            mode: Match::Any,
        }),
        sort: Sort::Relevance,
        trending_since: clock::now(),
        limit: 5,
        offset: 0,
    };
    let rows = idea_list::list(conn, &filter)?;
    cards(conn, viewer, rows)
}

/// Completes card rows with their tags and the viewer's votes (two queries for the whole page).
fn cards(
    conn: &mut DbConnection,
    viewer: Option<&Account>,
    rows: Vec<CardRow>,
) -> ServiceResult<Vec<IdeaCard>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut tags_by_idea: HashMap<String, Vec<TagRef>> = HashMap::new();
    for (idea_id, tag) in tags::for_ideas(conn, &ids)? {
        tags_by_idea.entry(idea_id).or_default().push(TagRef {
            slug: tag.slug,
            name: tag.name,
            color: tag.color,
        });
    }
    let my_votes = match viewer {
        Some(viewer) => votes_of(conn, viewer, &ids)?,
        None => HashMap::new(),
    };
    Ok(rows
        .into_iter()
        .map(|row| IdeaCard {
            tags: tags_by_idea.remove(&row.id).unwrap_or_default(),
            my_vote: my_votes.get(&row.id).copied(),
            id: row.id,
            number: row.number,
            title: row.title,
            excerpt: row.excerpt,
            author: AuthorRef {
                id: row.author_id,
                name: row.author_name,
            },
            status: StatusRef {
                slug: row.status_slug,
                name: row.status_name,
                color: row.status_color,
                kind: row.status_kind,
            },
            voting_open: !row.status_voting_frozen,
            upvotes: row.upvotes,
            downvotes: row.downvotes,
            comment_count: row.comment_count,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
        .collect())
}

/// Votes on the idea with this number (pages and API address ideas by number).
pub fn vote(
    db: &mut Db,
    voter: &Account,
    number: i64,
    value: crate::domain::ideas::VoteValue,
    half_life: HalfLife,
) -> ServiceResult<VoteOutcome> {
    let idea = ideas::find_by_number(db.conn()?, number)?.ok_or(ServiceError::NotFound)?;
    votes::cast(db, voter, &idea.id, value, half_life)
}

/// Full bodies of several ideas (for API list items): id → (body, body_html).
pub fn bodies(db: &mut Db, ids: &[String]) -> ServiceResult<HashMap<String, (String, String)>> {
    let conn = db.conn()?;
    Ok(ideas::bodies_of(conn, ids)?
        .into_iter()
        .map(|(id, body, html)| (id, (body, html)))
        .collect())
}

/// (slug, name) pairs offered in a filter.
pub type Choices = Vec<(String, String)>;

/// The content version: it moves with every committed change to what public pages show. Read it
/// before a page's data, and a page rendered from that data is exact for as long as it has not
/// moved.
pub fn content_version(db: &mut Db) -> ServiceResult<i64> {
    let conn = db.conn()?;
    Ok(crate::db::views::content_version::current(conn)?)
}

/// The viewer's votes on these ideas, by idea id (one query).
pub fn my_votes(
    db: &mut Db,
    viewer: &Account,
    idea_ids: &[String],
) -> ServiceResult<HashMap<String, i64>> {
    votes_of(db.conn()?, viewer, idea_ids)
}

/// `my_votes`, read on a connection.
fn votes_of(
    conn: &mut DbConnection,
    viewer: &Account,
    idea_ids: &[String],
) -> ServiceResult<HashMap<String, i64>> {
    if idea_ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(vote_rows::of_user_on(conn, &viewer.id, idea_ids)?
        .into_iter()
        .collect())
}

/// The statuses (in pipeline order, retired ones left out) and tags offered as board filters.
pub fn filter_choices(db: &mut Db) -> ServiceResult<(Choices, Choices)> {
    let conn = db.conn()?;
    let statuses = statuses::list(conn)?
        .into_iter()
        .filter(|s| s.retired_at.is_none())
        .map(|s| (s.slug, s.name))
        .collect();
    let tags = tags::list(conn)?
        .into_iter()
        .map(|t| (t.slug, t.name))
        .collect();
    Ok((statuses, tags))
}
