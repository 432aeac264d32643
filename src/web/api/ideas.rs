//! `/api/v1/ideas`: list, submit, read, edit, similar, vote — the same services as the pages.

use actix_web::{HttpResponse, get, patch, post, put, web};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

use super::objects::{IdeaItems, IdeaObject, IdeaPage};
use crate::services::error::ServiceError;
use crate::services::votes::VoteOutcome;
use crate::web::error::ErrorBody;

use crate::config::Config;
use crate::domain::ideas::VoteValue;
use crate::domain::ids::IdeaId;
use crate::domain::read::{IdeaCard, IdeaDetail};
use crate::domain::validation::FieldErrors;
use crate::services::board::{self, ListBody};
use crate::services::ideas::{self, IdeaEdit, Submission};
use crate::web::error::ApiError;
use crate::web::extractors::{ApiUser, MaybeApiUser};
use crate::web::pages::board::BoardParams;
use crate::web::state::AppState;

/// A new idea: a title of 10–120 characters, a Markdown body, and tag slugs if the board has them.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewIdeaBody {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: Vec<String>,
    /// A product area's slug (optional).
    area: Option<String>,
    /// An open storm session's slug (optional): the idea answers its question.
    storm: Option<String>,
}

/// The fields to change; absent fields stay.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IdeaPatch {
    title: Option<String>,
    body: Option<String>,
}

/// 1 promotes, -1 demotes, 0 retracts the caller's vote.
#[derive(Debug, Deserialize, ToSchema)]
pub struct VoteBody {
    #[schema(value_type = i64, minimum = -1, maximum = 1)]
    value: Option<Value>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SimilarQuery {
    /// The title being typed.
    #[serde(default)]
    title: String,
}

/// The idea answer of a single-idea route.
pub fn detail_json(config: &Config, idea: &IdeaDetail) -> IdeaObject {
    IdeaObject::from_detail(config, idea)
}

/// Cards with their bodies, as list answers carry them.
pub(super) fn card_objects(
    config: &Config,
    cards: &[IdeaCard],
    bodies: &HashMap<IdeaId, ListBody>,
) -> Vec<IdeaObject> {
    cards
        .iter()
        .map(|card| {
            let found = bodies.get(&card.id);
            let mut object = IdeaObject::from_card(
                config,
                card,
                found.map_or("", |b| b.body.as_str()),
                found.map_or("", |b| b.body_html.as_str()),
                None,
            );
            object.sentiment = found.and_then(|b| b.sentiment);
            object
        })
        .collect()
}

/// List the board: sorted, filtered, searched and paged.
#[utoipa::path(
    tag = "ideas",
    params(BoardParams),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "One page of the board", body = IdeaPage),
        (status = 400, description = "A malformed parameter", body = ErrorBody),
        (status = 422, description = "A parameter out of range", body = ErrorBody),
    )
)]
#[get("/ideas")]
pub async fn list_ideas(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    params: web::Query<BoardParams>,
) -> Result<HttpResponse, ApiError> {
    let query = board::ListQuery {
        past_last_page: crate::domain::read::PastLastPage::Refuse,
        ..params.to_query()?
    };
    idea_page(&state, user.0, query).await
}

/// One page of ideas as the API answers it.
pub(super) async fn idea_page(
    state: &AppState,
    viewer: Option<crate::services::accounts::Account>,
    query: board::ListQuery,
) -> Result<HttpResponse, ApiError> {
    let (page, bodies) = state
        .run(move |db| {
            let (_, page) = board::list(db, viewer.as_ref(), &query)?;
            let ids: Vec<IdeaId> = page.items.iter().map(|i| i.id.clone()).collect();
            let bodies = board::bodies(db, viewer.as_ref(), &ids)?;
            Ok((page, bodies))
        })
        .await?;
    Ok(HttpResponse::Ok().json(IdeaPage {
        items: card_objects(&state.config, &page.items, &bodies),
        page: page.page,
        per_page: page.per_page,
        total: page.total,
        capped: page.capped,
    }))
}

/// Submit an idea.
#[utoipa::path(
    tag = "ideas",
    request_body = NewIdeaBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The idea as submitted", body = IdeaObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Banned", body = ErrorBody),
        (status = 409, description = "The storm session named is not open (`storm_closed`, `storm_not_open`)", body = ErrorBody),
        (status = 422, description = "A field is not valid, or no storm session has the slug", body = ErrorBody),
        (status = 429, description = "Too many ideas too quickly", body = ErrorBody),
    )
)]
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
        area: body.area,
        storm: body.storm,
        at: Some(state.clock.now()),
    };
    let half_life = state.config.rank_half_life;
    let base_url = state.config.base_url.to_string();
    let author = user.0;
    let idea = state
        .run(move |db| ideas::submit(db, &author, &input, half_life, &base_url))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/ideas/{}", idea.card.number)))
        .json(detail_json(&state.config, &idea)))
}

/// Ideas with titles like the one being typed (up to five).
#[utoipa::path(
    tag = "ideas",
    params(SimilarQuery),
    security((), ("bearer" = [])),
    responses((status = 200, description = "Up to five ideas with similar titles", body = IdeaItems))
)]
#[get("/ideas/similar")]
pub async fn similar_ideas(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    query: web::Query<SimilarQuery>,
) -> Result<HttpResponse, ApiError> {
    let viewer = user.0;
    let title = query.into_inner().title;
    let (similar, bodies) = state
        .run(move |db| {
            let similar = board::similar(db, viewer.as_ref(), &title)?;
            let ids: Vec<IdeaId> = similar.iter().map(|i| i.id.clone()).collect();
            Ok((similar, board::bodies(db, viewer.as_ref(), &ids)?))
        })
        .await?;
    Ok(HttpResponse::Ok().json(IdeaItems {
        items: card_objects(&state.config, &similar, &bodies),
    }))
}

/// One idea with its status history; a merged idea names the idea it was merged into.
#[utoipa::path(
    tag = "ideas",
    params(("number" = i64, Path, description = "The idea's number")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The idea with its status history", body = IdeaObject),
        (status = 404, description = "No such idea, or hidden", body = ErrorBody),
    )
)]
#[get("/ideas/{number}")]
pub async fn get_idea(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    number: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let viewer = user.0;
    let idea = state
        .run(move |db| ideas::get(db, viewer.as_ref(), number))
        .await?;
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &idea)))
}

/// Edit your idea while nobody else has voted or commented.
#[utoipa::path(
    tag = "ideas",
    params(("number" = i64, Path, description = "The idea's number")),
    request_body = IdeaPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The edited idea", body = IdeaObject),
        (status = 403, description = "Not the author, or others have taken part", body = ErrorBody),
        (status = 404, description = "No such idea", body = ErrorBody),
        (status = 422, description = "A field is not valid", body = ErrorBody),
    )
)]
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
    let base_url = state.config.base_url.to_string();
    let idea = state
        .run(move |db| ideas::edit(db, &editor, number, &changes, &base_url))
        .await?;
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &idea)))
}

/// Promote (1), demote (-1) or retract (0) your vote on an idea.
#[utoipa::path(
    tag = "ideas",
    params(("number" = i64, Path, description = "The idea's number")),
    request_body = VoteBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The idea's counts and the caller's vote", body = VoteOutcome),
        (status = 404, description = "No such idea", body = ErrorBody),
        (status = 409, description = "Merged, or voting is frozen by its status", body = ErrorBody),
        (status = 422, description = "A value other than 1, -1 or 0", body = ErrorBody),
    )
)]
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
        .ok_or_else(|| crate::domain::validation::Text::new("error-vote"))
        .and_then(VoteValue::parse)
        .map_err(|m| ServiceError::Validation(FieldErrors::single("value", m)))?;
    let voter = user.0;
    let rules = state.vote_rules();
    let outcome = state
        .run(move |db| ideas::vote(db, &voter, number, value, &rules))
        .await?;
    Ok(HttpResponse::Ok().json(outcome))
}
