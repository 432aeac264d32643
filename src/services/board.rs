//! The board's reads: a page of idea cards (ranked, filtered, searched, paged), similar ideas
//! while someone types a title, the viewer's own votes, bodies for API list items, the filter
//! choices, and the content version every page cache entry is checked against.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDateTime;

use super::ServiceResult;
use super::accounts::Account;
use super::board_choices::ChoicesCache;
use super::sessions::{self, Visit};
use crate::db::models::{ideas, statuses, tags, votes as vote_rows};
use crate::db::search_index;
use crate::db::views::idea_list::{self, CardRow, ListFilter, Match, Search};
use crate::db::{Db, DbConnection};
use crate::domain::clock::Clock;
use crate::domain::ideas::search_terms;
use crate::domain::ids::{IdeaId, StormId};
use crate::domain::local_names::LocalNames;
use crate::domain::ranking::Sort;
use crate::domain::read::{
    AuthorRef, Choice, IdeaCard, Page, PastLastPage, ResolvedList, StatusRef, TagRef, offset_of,
    page_within,
};
use crate::domain::roles::{Permission, Role};
use crate::domain::sentiment::Sentiment;
use crate::domain::validation::{FieldErrors, Lines, Text, has_control_characters, typed_text};
use crate::services::error::ServiceError;

/// What the board lists, as asked.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub sort: Option<String>,
    pub status: Option<String>,
    pub tag: Option<String>,
    /// A product area's slug.
    pub area: Option<String>,
    /// A storm session's slug: its ideas only.
    pub storm: Option<String>,
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
    let (resolved, filter) = resolve(conn, query, viewer)?;
    let (page, per_page) = (resolved.page, resolved.per_page);
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
    Ok((
        ResolvedList { page, ..resolved },
        Page {
            items,
            page,
            per_page,
            total: counted.total,
            capped: counted.capped,
        },
    ))
}

/// A search as typed, under the one input rule (a refused one is a field error and no search).
fn typed_search(raw: Option<&str>, errors: &mut FieldErrors) -> String {
    match typed_text(raw.unwrap_or(""), Lines::One) {
        Ok(q) => q.trim().to_string(),
        Err(message) => {
            errors.add("q", message);
            String::new()
        }
    }
}

/// Checks a board query (unknown sorts, statuses, tags or page sizes are field errors) and
/// turns it into the list query's filter.
fn resolve(
    conn: &mut DbConnection,
    query: &ListQuery,
    viewer: Option<&Account>,
) -> ServiceResult<(ResolvedList, ListFilter)> {
    let mut errors = FieldErrors::default();
    let q = typed_search(query.q.as_deref(), &mut errors);
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
        errors.add("page", Text::new("refused-page"));
    }
    let per_page = query.per_page.unwrap_or(PER_PAGE);
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        errors.add(
            "per_page",
            Text::new("refused-per-page").with("max", MAX_PER_PAGE),
        );
    }
    let status = query.status.as_deref().filter(|s| !s.is_empty());
    let status_id = named(
        status,
        ("status", "refused-no-status"),
        &mut errors,
        |slug| Ok(statuses::find_by_slug(conn, slug)?.map(|s| s.id)),
    )?;
    let tag = query.tag.as_deref().filter(|s| !s.is_empty());
    let tag_id = named(tag, ("tag", "refused-no-tag"), &mut errors, |slug| {
        Ok(tags::find_by_slug(conn, slug)?.map(|t| t.id))
    })?;
    let area = query.area.as_deref().filter(|s| !s.is_empty());
    let area_id = named(area, ("area", "refused-no-area"), &mut errors, |slug| {
        Ok(crate::db::models::areas::find_by_slug(conn, slug)?.map(|a| a.id))
    })?;
    let storm = query.storm.as_deref().filter(|s| !s.is_empty());
    let storm_id = named(storm, ("storm", "refused-no-storm"), &mut errors, |slug| {
        // A draft is named only to those who manage sessions.
        let manages = viewer.is_some_and(|v| v.actor().can(Permission::ManageStorms));
        Ok(crate::db::models::storms::find_by_slug(conn, slug)?
            .filter(|s| s.published_at.is_some() || manages)
            .map(|s| s.id))
    })?;
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let search = match terms.is_empty() {
        true => None,
        false => Some(Search {
            terms,
            mode: Match::All,
            language: search_index::indexed_language(conn)?,
        }),
    };
    let filter = ListFilter {
        status_id,
        tag_id,
        area_id,
        storm_id,
        search,
        sort,
        limit: per_page,
        offset: offset_of(page, per_page),
    };
    let resolved = ResolvedList {
        sort,
        status: status.map(str::to_string),
        tag: tag.map(str::to_string),
        area: area.map(str::to_string),
        storm: storm.map(str::to_string),
        q,
        page,
        per_page,
    };
    Ok((resolved, filter))
}

/// The id of what `slug` names through `find`, or a refusal (`field`, `key`) recorded in
/// `errors`; no slug, no id.
fn named<Id>(
    slug: Option<&str>,
    (field, key): (&'static str, &'static str),
    errors: &mut FieldErrors,
    find: impl FnOnce(&str) -> ServiceResult<Option<Id>>,
) -> ServiceResult<Option<Id>> {
    let Some(slug) = slug else {
        return Ok(None);
    };
    let found = match has_control_characters(slug) {
        true => None,
        false => find(slug)?,
    };
    if found.is_none() {
        errors.add(field, Text::new(key).with("slug", slug));
    }
    Ok(found)
}

/// Up to five live ideas whose text matches the words of `title`, best match first.
pub fn similar(db: &mut Db, viewer: Option<&Account>, title: &str) -> ServiceResult<Vec<IdeaCard>> {
    let conn = db.conn()?;
    let language = search_index::indexed_language(conn)?;
    let terms: Vec<String> = search_terms(title)
        .into_iter()
        .filter(|t| !language.is_filler(t) && t.chars().count() > 1)
        .collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let filter = ListFilter {
        status_id: None,
        tag_id: None,
        area_id: None,
        storm_id: None,
        search: Some(Search {
            terms,
            mode: Match::Any,
            language,
        }),
        sort: Sort::Relevance,
        limit: 5,
        offset: 0,
    };
    let rows = idea_list::list(conn, &filter)?;
    cards(conn, viewer, rows)
}

/// Completes card rows with their tags and the viewer's votes (two queries for the whole page).
pub(super) fn cards(
    conn: &mut DbConnection,
    viewer: Option<&Account>,
    rows: Vec<CardRow>,
) -> ServiceResult<Vec<IdeaCard>> {
    let ids: Vec<IdeaId> = rows.iter().map(|r| r.id.clone()).collect();
    let mut tags_by_idea: HashMap<IdeaId, Vec<TagRef>> = HashMap::new();
    for (idea_id, tag) in tags::for_ideas(conn, &ids)? {
        tags_by_idea.entry(idea_id).or_default().push(TagRef {
            slug: tag.slug,
            name: tag.name,
            names: LocalNames::from_stored(&tag.names),
            color: tag.color,
        });
    }
    let my_votes = match viewer {
        Some(viewer) => votes_of(conn, viewer, &ids)?,
        None => HashMap::new(),
    };
    let areas = if rows.iter().any(|row| row.area_id.is_some()) {
        crate::db::models::areas::refs(conn)?
    } else {
        HashMap::new()
    };
    let storm_ids: Vec<StormId> = rows.iter().filter_map(|r| r.storm_id.clone()).collect();
    let storms = super::storms::by_ids(conn, &storm_ids)?;
    let now = crate::domain::clock::now();
    Ok(rows
        .into_iter()
        .map(|row| IdeaCard {
            tags: tags_by_idea.remove(&row.id).unwrap_or_default(),
            area: row.area_id.as_ref().and_then(|id| areas.get(id)).cloned(),
            storm: row
                .storm_id
                .as_ref()
                .and_then(|id| storms.get(id))
                .map(super::storms::reference),
            first_response_at: row.first_response_at,
            my_vote: my_votes.get(&row.id).copied(),
            id: row.id,
            number: row.number,
            title: row.title,
            excerpt: row.excerpt,
            author: AuthorRef {
                id: row.author_id,
                name: row.author_name,
                role: Role::from_stored(&row.author_role),
            },
            status: StatusRef {
                slug: row.status_slug,
                name: row.status_name,
                names: LocalNames::from_stored(&row.status_names),
                color: row.status_color,
                kind: row.status_kind,
            },
            voting_open: !row.status_voting_frozen
                && row
                    .storm_id
                    .as_ref()
                    .and_then(|id| storms.get(id))
                    .is_none_or(|storm| super::storms::votes_open(storm, now)),
            upvotes: row.upvotes,
            downvotes: row.downvotes,
            comment_count: row.comment_count,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
        .collect())
}

/// Full bodies of several ideas (for API list items): id → (body, body_html).
pub fn bodies(
    db: &mut Db,
    viewer: Option<&Account>,
    ids: &[IdeaId],
) -> ServiceResult<HashMap<IdeaId, ListBody>> {
    let conn = db.conn()?;
    Ok(ideas::bodies_of(conn, ids)?
        .into_iter()
        .map(|(id, body, body_html, score, label)| {
            let sentiment = Sentiment::stored(score, label.as_deref());
            let sentiment = super::sentiments::shown_to(viewer, sentiment);
            (
                id,
                ListBody {
                    body,
                    body_html,
                    sentiment,
                },
            )
        })
        .collect())
}

/// What an API list item carries beyond its card: the Markdown body, its HTML, and for viewers
/// who may see the insights its sentiment.
#[derive(Debug, Clone)]
pub struct ListBody {
    pub body: String,
    pub body_html: String,
    pub sentiment: Option<Sentiment>,
}

/// The statuses, tags or areas offered in a filter.
pub type Choices = Vec<Choice>;

pub use crate::domain::read::FilterChoices;

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
    idea_ids: &[IdeaId],
) -> ServiceResult<HashMap<IdeaId, i64>> {
    votes_of(db.conn()?, viewer, idea_ids)
}

/// `my_votes`, read on a connection.
fn votes_of(
    conn: &mut DbConnection,
    viewer: &Account,
    idea_ids: &[IdeaId],
) -> ServiceResult<HashMap<IdeaId, i64>> {
    if idea_ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(vote_rows::of_user_on(conn, &viewer.id, idea_ids)?
        .into_iter()
        .collect())
}

pub use super::board_choices::filter_choices;

/// What the board page read for one request (`read_board`).
pub enum BoardRead<K> {
    /// The kept page may be served: only the visit and the viewer's votes on its ideas were read
    /// (`version`: the content version now, which the kept page may be older than).
    Kept {
        visit: Option<Visit>,
        page: K,
        my_votes: HashMap<IdeaId, i64>,
        version: i64,
    },
    /// The page was read afresh, at this content version.
    Fresh {
        visit: Option<Visit>,
        version: i64,
        list: ResolvedList,
        page: Page<IdeaCard>,
        choices: Arc<FilterChoices>,
        now: NaiveDateTime,
    },
}

/// The board for one request. The content version is read first: whatever it counts, the
/// session and the page read after it reflect. Then the visit behind the session `token`, then
/// either the kept page `kept(version, now, visit)` finds (with the viewer's votes on `idea_ids`
/// of it), or the page read afresh.
pub fn read_board<K>(
    db: &mut Db,
    token: Option<&str>,
    query: &ListQuery,
    (clock, choices_kept): (&Clock, &ChoicesCache),
    kept: impl FnOnce(i64, NaiveDateTime, Option<&Visit>) -> Option<K>,
    idea_ids: impl Fn(&K) -> &[IdeaId],
) -> ServiceResult<BoardRead<K>> {
    let version = content_version(db)?;
    let visit = match token {
        Some(token) => sessions::resolve(db, token)?,
        None => None,
    };
    let now = clock.now();
    if let Some(page) = kept(version, now, visit.as_ref()) {
        let my_votes = match visit.as_ref().and_then(|v| v.account.as_ref()) {
            Some(account) => my_votes(db, account, idea_ids(&page))?,
            None => HashMap::new(),
        };
        return Ok(BoardRead::Kept {
            visit,
            page,
            my_votes,
            version,
        });
    }
    let viewer = visit.as_ref().and_then(|v| v.account.as_ref());
    let (list, page) = list(db, viewer, query)?;
    let choices = choices_kept.read(db, version, now)?;
    Ok(BoardRead::Fresh {
        visit,
        version,
        list,
        page,
        choices,
        now,
    })
}

/// The board for `viewer` read afresh, with the filter choices (when no page is kept).
pub fn fresh_board(
    db: &mut Db,
    viewer: Option<&Account>,
    query: &ListQuery,
    now: NaiveDateTime,
) -> ServiceResult<(ResolvedList, Page<IdeaCard>, FilterChoices)> {
    let (list, page) = list(db, viewer, query)?;
    Ok((list, page, filter_choices(db, now)?))
}
