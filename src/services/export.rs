//! Export of the top-ranked ideas as CSV (RFC 4180) or JSON, with stable documented columns,
//! formula cells neutralised, written a page at a time so memory stays flat at any size. The HTTP
//! route and `ideaboard export` share this code.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::ServiceResult;
use super::accounts::Account;
use super::export_rows::{FIRST_PAGE, MAX_PAGE, RowSource};
use crate::db::models::{statuses, tags, users};
use crate::db::views::export::{self, ExportFilter};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ids::{IdeaId, StatusId, StormId, UserId};
use crate::domain::ranking::{Sort, points};
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Text, has_control_characters};
use crate::services::error::ServiceError;

/// The columns, in their stable order.
pub const COLUMNS: [&str; 16] = [
    "rank",
    "number",
    "title",
    "url",
    "status",
    "tags",
    "points",
    "upvotes",
    "downvotes",
    "voters",
    "comments",
    "merged_count",
    "author",
    "created_at",
    "status_changed_at",
    "last_activity_at",
];

/// An export as asked (query string or command line).
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// csv (default) or json.
    pub format: Option<String>,
    /// top (default), popular, trending, new or discussed.
    pub sort: Option<String>,
    /// Status slugs, comma-separated; default: the open and active statuses (every status with
    /// `storm`).
    pub status: Option<String>,
    /// A storm session's slug: the ideas submitted into it.
    pub storm: Option<String>,
    /// Tag slugs, comma-separated: ideas with any of them.
    pub tag: Option<String>,
    /// Submitted on or after this date (YYYY-MM-DD); empty means no bound (as a form sends it).
    #[param(value_type = Option<String>, pattern = r"^(\d{4}-\d{2}-\d{2})?$")]
    pub since: Option<String>,
    /// Submitted on or before this date (YYYY-MM-DD); empty means no bound (as a form sends it).
    #[param(value_type = Option<String>, pattern = r"^(\d{4}-\d{2}-\d{2})?$")]
    pub until: Option<String>,
    /// At least this many points (a whole number); empty means no bound.
    #[param(value_type = Option<String>, pattern = r"^(-?\d+)?$")]
    pub min_points: Option<String>,
    /// Rows at most (a whole number, default 100); 0 means all; empty means the default.
    #[param(value_type = Option<String>, pattern = r"^(-?\d+)?$")]
    pub limit: Option<String>,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// A checked export request.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub format: Format,
    filter: ExportFilter,
    /// 0 = every matching idea.
    limit: i64,
}

/// One exported row: the README's columns. `tags` are slugs joined with `;`, times are RFC 3339
/// UTC, `merged_count` counts the ideas merged into this one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExportedIdea {
    pub rank: i64,
    pub number: i64,
    pub title: String,
    pub url: String,
    pub status: String,
    pub tags: String,
    pub points: i64,
    pub upvotes: i64,
    pub downvotes: i64,
    pub voters: i64,
    pub comments: i64,
    pub merged_count: i64,
    pub author: String,
    pub created_at: String,
    pub status_changed_at: String,
    pub last_activity_at: String,
}

fn list(raw: &Option<String>) -> Vec<String> {
    raw.as_deref()
        .unwrap_or("")
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn date(raw: &Option<String>, field: &'static str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let raw = raw.as_deref().map(str::trim).filter(|r| !r.is_empty())?;
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(day) => Some(day),
        Err(_) => {
            errors.add(field, Text::new("refused-date"));
            None
        }
    }
}

impl Format {
    fn parse(raw: &str) -> Result<Self, Text> {
        match raw {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            _ => Err(Text::new("refused-format")),
        }
    }
}

/// The id of the storm session `slug` names, or a refusal at `storm`; no slug, no session.
fn storm_named(
    conn: &mut DbConnection,
    slug: Option<&str>,
    errors: &mut FieldErrors,
) -> ServiceResult<Option<StormId>> {
    let Some(slug) = slug else {
        return Ok(None);
    };
    let found = crate::db::models::storms::find_by_slug(conn, slug)?;
    if found.is_none() {
        errors.add("storm", Text::new("refused-no-storm").with("slug", slug));
    }
    Ok(found.map(|storm| storm.id))
}

/// The ids of the statuses named by slug, or of the open and active ones when none is named.
fn status_ids(
    conn: &mut DbConnection,
    wanted: &[String],
    errors: &mut FieldErrors,
) -> ServiceResult<Vec<StatusId>> {
    let all_statuses = statuses::list(conn)?;
    if wanted.is_empty() {
        return Ok(all_statuses
            .iter()
            .filter(|s| s.kind == "open" || s.kind == "active")
            .map(|s| s.id.clone())
            .collect());
    }
    let mut ids = Vec::new();
    for slug in wanted {
        match all_statuses.iter().find(|s| &s.slug == slug) {
            Some(status) => ids.push(status.id.clone()),
            None => errors.add("status", Text::new("refused-no-status").with("slug", slug)),
        }
    }
    Ok(ids)
}

/// An optional whole number typed into `field`.
fn number(raw: &Option<String>, field: &'static str, errors: &mut FieldErrors) -> Option<i64> {
    let raw = raw.as_deref().map(str::trim).filter(|r| !r.is_empty())?;
    match raw.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.add(field, Text::new("refused-whole-number"));
            None
        }
    }
}

/// Checks the request (product and admin only) and resolves slugs; every problem names its field.
pub fn prepare(
    db: &mut Db,
    actor: Option<&Account>,
    params: &ExportParams,
) -> ServiceResult<ExportRequest> {
    let conn = db.conn()?;
    if let Some(actor) = actor {
        actor.require(Permission::Export)?;
    }
    let mut errors = FieldErrors::default();
    let format = errors
        .take(
            "format",
            Format::parse(params.format.as_deref().unwrap_or("csv")),
        )
        .unwrap_or(Format::Csv);
    let sort = match params.sort.as_deref().unwrap_or("top") {
        "relevance" => {
            errors.add("sort", Text::new("refused-sort"));
            Sort::Top
        }
        other => errors.take("sort", Sort::parse(other)).unwrap_or(Sort::Top),
    };
    let storm = params
        .storm
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let storm_id = storm_named(conn, storm, &mut errors)?;
    // A session's ideas are exported whatever became of them, unless statuses are named.
    let status_ids = match (storm, list(&params.status).as_slice()) {
        (Some(_), []) => Vec::new(),
        (_, wanted) => status_ids(conn, wanted, &mut errors)?,
    };
    let tag_slugs: Vec<String> = list(&params.tag)
        .into_iter()
        .filter(|slug| {
            let names_a_tag = !has_control_characters(slug);
            if !names_a_tag {
                errors.add("tag", Text::new("error-control-characters"));
            }
            names_a_tag
        })
        .collect();
    let found = tags::find_by_slugs(conn, &tag_slugs)?;
    for slug in &tag_slugs {
        if !found.iter().any(|t| &t.slug == slug) {
            errors.add("tag", Text::new("refused-no-tag").with("slug", slug));
        }
    }
    let since = date(&params.since, "since", &mut errors);
    let until = date(&params.until, "until", &mut errors);
    let min_points = number(&params.min_points, "min_points", &mut errors);
    let limit = number(&params.limit, "limit", &mut errors).unwrap_or(100);
    if limit < 0 {
        errors.add("limit", Text::new("refused-limit"));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    Ok(ExportRequest {
        format,
        limit,
        filter: ExportFilter {
            status_ids,
            tag_ids: found.into_iter().map(|t| t.id).collect(),
            storm_id,
            since: since.and_then(|d| d.and_hms_opt(0, 0, 0)),
            // `until` includes its whole day.
            until: until
                .and_then(|d| d.succ_opt())
                .and_then(|d| d.and_hms_opt(0, 0, 0)),
            // points = 10 × score; at least `min_points` points.
            min_score: min_points.map(|p| p.div_euclid(10) + i64::from(p.rem_euclid(10) != 0)),
            sort,
        },
    })
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn time(at: Option<NaiveDateTime>) -> String {
    at.map(clock::rfc3339).unwrap_or_default()
}

/// Writes the export through `emit`, a chunk per page; stops early when `emit` returns false
/// (the client went away).
pub fn write(
    db: &mut Db,
    request: &ExportRequest,
    base_url: &str,
    mut emit: impl FnMut(Vec<u8>) -> bool,
) -> ServiceResult<usize> {
    let conn = db.conn()?;
    let base = base_url.trim_end_matches('/');
    if !emit(opening(request.format)?) {
        return Ok(0);
    }
    let status_names: HashMap<StatusId, String> = statuses::list(conn)?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut written = 0usize;
    let mut source = RowSource::start();
    let mut page_size = FIRST_PAGE;
    loop {
        let offset = i64::try_from(written).unwrap_or(i64::MAX);
        let remaining = if request.limit == 0 {
            page_size
        } else {
            (request.limit - offset).min(page_size)
        };
        page_size = (page_size * 4).min(MAX_PAGE);
        if remaining <= 0 {
            break;
        }
        let rows = source.next(conn, &request.filter, remaining)?;
        if rows.is_empty() {
            break;
        }
        let names = Names::of_page(conn, &rows, &status_names)?;
        let ideas: Vec<ExportedIdea> = rows
            .into_iter()
            .zip(offset + 1..)
            .map(|(row, rank)| names.exported(row, rank, base))
            .collect();
        let count = ideas.len();
        let chunk = encode(request.format, ideas, written == 0)?;
        written += count;
        if !emit(chunk) {
            return Ok(written);
        }
    }
    if request.format == Format::Json {
        emit(b"]".to_vec());
    }
    Ok(written)
}

/// What an export starts with: the CSV header row, or the JSON array's bracket.
fn opening(format: Format) -> ServiceResult<Vec<u8>> {
    match format {
        Format::Csv => {
            let mut header = csv::Writer::from_writer(Vec::new());
            header
                .write_record(COLUMNS)
                .map_err(|e| ServiceError::Internal(e.into()))?;
            header
                .into_inner()
                .map_err(|e| ServiceError::Internal(anyhow::anyhow!("csv: {e}")))
        }
        Format::Json => Ok(b"[".to_vec()),
    }
}

/// The names one page of rows shows: statuses, authors and tags.
struct Names<'a> {
    statuses: &'a HashMap<StatusId, String>,
    authors: HashMap<UserId, String>,
    tags: HashMap<IdeaId, Vec<String>>,
}

impl<'a> Names<'a> {
    fn of_page(
        conn: &mut DbConnection,
        rows: &[export::ExportRow],
        statuses: &'a HashMap<StatusId, String>,
    ) -> ServiceResult<Self> {
        let ids: Vec<IdeaId> = rows.iter().map(|r| r.id.clone()).collect();
        let mut author_ids: Vec<UserId> = rows.iter().map(|r| r.author_id.clone()).collect();
        author_ids.sort_unstable();
        author_ids.dedup();
        let authors = users::names_of(conn, &author_ids)?;
        let mut tags: HashMap<IdeaId, Vec<String>> = HashMap::new();
        for (idea_id, tag) in tags::for_ideas(conn, &ids)? {
            tags.entry(idea_id).or_default().push(tag.slug);
        }
        Ok(Names {
            statuses,
            authors,
            tags,
        })
    }

    /// One exported idea, at `rank` in the export.
    fn exported(&self, row: export::ExportRow, rank: i64, base: &str) -> ExportedIdea {
        let status_changed = row.status_changed_at;
        let last = [
            Some(row.created_at),
            status_changed,
            row.last_vote_at,
            row.last_comment_at,
        ]
        .into_iter()
        .flatten()
        .max();
        ExportedIdea {
            rank,
            number: row.number,
            url: format!("{base}/ideas/{}", row.number),
            tags: self
                .tags
                .get(&row.id)
                .map(|t| t.join(";"))
                .unwrap_or_default(),
            points: points(row.upvotes, row.downvotes),
            upvotes: row.upvotes,
            downvotes: row.downvotes,
            voters: row.upvotes + row.downvotes,
            comments: row.comments,
            merged_count: row.merged_count,
            created_at: clock::rfc3339(row.created_at),
            status_changed_at: time(status_changed),
            last_activity_at: time(last),
            title: row.title,
            status: self
                .statuses
                .get(&row.status_id)
                .cloned()
                .unwrap_or_default(),
            author: self
                .authors
                .get(&row.author_id)
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// One page of ideas as CSV rows (cells a spreadsheet would run neutralised) or JSON array items
/// (`first` says whether the array is still empty).
fn encode(format: Format, ideas: Vec<ExportedIdea>, first: bool) -> ServiceResult<Vec<u8>> {
    match format {
        Format::Csv => {
            let mut out = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::new());
            for idea in ideas {
                let safe = ExportedIdea {
                    title: neutralise(&idea.title),
                    status: neutralise(&idea.status),
                    tags: neutralise(&idea.tags),
                    author: neutralise(&idea.author),
                    ..idea
                };
                out.serialize(&safe)
                    .map_err(|e| ServiceError::Internal(e.into()))?;
            }
            out.into_inner()
                .map_err(|e| ServiceError::Internal(anyhow::anyhow!("csv: {e}")))
        }
        Format::Json => {
            let mut chunk = Vec::new();
            for (n, idea) in ideas.into_iter().enumerate() {
                if n > 0 || !first {
                    chunk.push(b',');
                }
                serde_json::to_writer(&mut chunk, &idea)
                    .map_err(|e| ServiceError::Internal(e.into()))?;
            }
            Ok(chunk)
        }
    }
}
