//! `/api/v1/ideas`: list, submit, read, edit, similar, vote — the same services as the pages.

use actix_web::{HttpResponse, get, patch, post, put, web};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::Config;
use crate::domain::clock;
use crate::domain::ideas::VoteValue;
use crate::domain::read::{IdeaCard, IdeaDetail};
use crate::domain::validation::FieldErrors;
use crate::error::{ApiError, AppError};
use crate::services::ideas::{self, IdeaEdit, Submission};
use crate::web::extractors::{ApiUser, MaybeApiUser};
use crate::web::pages::board::BoardParams;
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct NewIdeaBody {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct IdeaPatch {
    title: Option<String>,
    body: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct VoteBody {
    value: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct SimilarQuery {
    #[serde(default)]
    title: String,
}

/// The API's idea object.
pub fn idea_json(
    config: &Config,
    card: &IdeaCard,
    body: &str,
    body_html: &str,
    merged_into: Option<i64>,
) -> Value {
    json!({
        "id": card.id,
        "number": card.number,
        "title": card.title,
        "body": body,
        "body_html": body_html,
        "author": {"id": card.author.id, "name": card.author.name},
        "status": {"slug": card.status.slug, "name": card.status.name},
        "tags": card.tags.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(),
        "upvotes": card.upvotes,
        "downvotes": card.downvotes,
        "points": card.points(),
        "comment_count": card.comment_count,
        "my_vote": card.my_vote,
        "voting_open": card.voting_open,
        "created_at": clock::rfc3339(card.created_at),
        "updated_at": clock::rfc3339(card.updated_at),
        "url": config.absolute_url(&format!("/ideas/{}", card.number)),
        "merged_into": merged_into,
    })
}

pub fn detail_json(config: &Config, idea: &IdeaDetail) -> Value {
    let mut value = idea_json(
        config,
        &idea.card,
        &idea.body,
        &idea.body_html,
        idea.merged_into,
    );
    value["status_history"] = json!(idea.history);
    value
}

/// `GET /api/v1/ideas?sort=&status=&tag=&q=&page=&per_page=` → `{items, page, per_page, total}`.
#[get("/ideas")]
pub async fn list_ideas(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    params: web::Query<BoardParams>,
) -> Result<HttpResponse, ApiError> {
    let query = params.to_query()?;
    let viewer = user.0;
    let (page, bodies) = state
        .run(move |conn| {
            let (_, page) = ideas::list(conn, viewer.as_ref(), &query)?;
            let ids: Vec<String> = page.items.iter().map(|i| i.id.clone()).collect();
            let bodies = ideas::bodies(conn, &ids)?;
            Ok((page, bodies))
        })
        .await?;
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|card| {
            let (body, html) = bodies
                .get(&card.id)
                .map(|(b, h)| (b.as_str(), h.as_str()))
                .unwrap_or(("", ""));
            idea_json(&state.config, card, body, html, None)
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "items": items,
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total,
    })))
}

/// `POST /api/v1/ideas` {title, body, tags?} → 201 idea.
#[post("/ideas")]
pub async fn create_idea(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<NewIdeaBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = Submission {
        title: body.title,
        body: body.body,
        tags: body.tags,
    };
    let half_life = state.config.rank_half_life;
    let author = user.0;
    let idea = state
        .run(move |conn| ideas::submit(conn, &author, &input, half_life))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/ideas/{}", idea.card.number)))
        .json(detail_json(&state.config, &idea)))
}

/// `GET /api/v1/ideas/similar?title=` → up to five ideas.
#[get("/ideas/similar")]
pub async fn similar_ideas(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    query: web::Query<SimilarQuery>,
) -> Result<HttpResponse, ApiError> {
    let viewer = user.0;
    let title = query.into_inner().title;
    let (similar, bodies) = state
        .run(move |conn| {
            let similar = ideas::similar(conn, viewer.as_ref(), &title)?;
            let ids: Vec<String> = similar.iter().map(|i| i.id.clone()).collect();
            Ok((similar, ideas::bodies(conn, &ids)?))
        })
        .await?;
    let items: Vec<Value> = similar
        .iter()
        .map(|card| {
            let (body, html) = bodies
                .get(&card.id)
                .map(|(b, h)| (b.as_str(), h.as_str()))
                .unwrap_or(("", ""));
            idea_json(&state.config, card, body, html, None)
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "items": items })))
}

/// `GET /api/v1/ideas/{number}` → idea (a merged idea says so in `merged_into`).
#[get("/ideas/{number}")]
pub async fn get_idea(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    number: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let viewer = user.0;
    let idea = state
        .run(move |conn| ideas::get(conn, viewer.as_ref(), number))
        .await?;
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &idea)))
}

/// `PATCH /api/v1/ideas/{number}` {title?, body?} — the author, while nobody else took part.
#[patch("/ideas/{number}")]
pub async fn edit_idea(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<IdeaPatch>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let body = body.into_inner();
    let changes = IdeaEdit {
        title: body.title,
        body: body.body,
    };
    let editor = user.0;
    let idea = state
        .run(move |conn| ideas::edit(conn, &editor, number, &changes))
        .await?;
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &idea)))
}

/// `PUT /api/v1/ideas/{number}/vote` {"value": 1 | -1 | 0} → {upvotes, downvotes, points, my_vote}.
#[put("/ideas/{number}/vote")]
pub async fn vote(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<VoteBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let value = body
        .value
        .as_ref()
        .and_then(Value::as_i64)
        .ok_or_else(|| "A vote is 1 (promote), -1 (demote) or 0 (retract).".to_string())
        .and_then(VoteValue::parse)
        .map_err(|m| AppError::Validation(FieldErrors::single("value", m)))?;
    let voter = user.0;
    let half_life = state.config.rank_half_life;
    let outcome = state
        .run(move |conn| ideas::vote(conn, &voter, number, value, half_life))
        .await?;
    Ok(HttpResponse::Ok().json(outcome))
}
