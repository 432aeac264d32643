//! `/api/v1/changelog`: release notes ("Ideas in action") — list and read them (everyone),
//! publish one (product staff and admins).

use actix_web::{HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::objects::IdeaStatus;
use crate::config::Config;
use crate::services::changelog::{self, ReleaseInput, ReleaseView};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// An idea a note delivers.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveredIdeaObject {
    pub number: i64,
    pub title: String,
    pub status: IdeaStatus,
    pub url: String,
}

/// A release note.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseObject {
    pub id: String,
    pub title: String,
    /// Markdown source.
    pub body: String,
    /// Sanitised HTML rendered from `body`.
    pub body_html: String,
    /// The day it shipped, YYYY-MM-DD.
    pub date: String,
    /// The live ideas it delivers, by number.
    pub ideas: Vec<DeliveredIdeaObject>,
    pub url: String,
}

impl ReleaseObject {
    fn of(config: &Config, note: ReleaseView) -> Self {
        ReleaseObject {
            url: config.absolute_url(&format!("/changelog/{}", note.id)),
            ideas: note
                .ideas
                .into_iter()
                .map(|(number, title, status)| DeliveredIdeaObject {
                    url: config.absolute_url(&format!("/ideas/{number}")),
                    number,
                    title,
                    status: IdeaStatus {
                        slug: status.slug,
                        name: status.name,
                    },
                })
                .collect(),
            id: note.id,
            title: note.title,
            body: note.body,
            body_html: note.body_html,
            date: note.released_on.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A page of notes, newest first, and how many ideas have been implemented.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReleasePage {
    pub items: Vec<ReleaseObject>,
    pub page: i64,
    pub per_page: i64,
    /// Notes in all.
    pub total: i64,
    /// Live ideas ever implemented.
    pub implemented: i64,
    /// The day the first of them was (YYYY-MM-DD), or null.
    pub implemented_since: Option<String>,
}

/// A new note. Every field is checked by the service (after the permission), so a member gets
/// 403 whatever they send.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewReleaseBody {
    #[serde(default)]
    title: String,
    /// Markdown.
    #[serde(default)]
    body: String,
    /// The numbers of the ideas it delivers.
    #[serde(default)]
    ideas: Vec<i64>,
    /// Set the linked ideas to Implemented, the note their public status note (default false).
    implement: Option<bool>,
    /// The day it shipped (YYYY-MM-DD); default today.
    date: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReleaseQuery {
    /// 1-based page number (20 notes a page).
    page: Option<i64>,
}

/// Release notes, newest first.
#[utoipa::path(
    tag = "changelog",
    params(ReleaseQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "One page of notes", body = ReleasePage),
        (status = 422, description = "A page number below 1", body = ErrorBody),
    )
)]
#[get("/changelog")]
pub async fn list_releases(
    state: web::Data<AppState>,
    query: web::Query<ReleaseQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = query.page.unwrap_or(1);
    let ((notes, total), implemented) = state
        .run(move |db| Ok((changelog::list(db, page)?, changelog::implemented(db)?)))
        .await?;
    Ok(HttpResponse::Ok().json(ReleasePage {
        items: notes
            .into_iter()
            .map(|n| ReleaseObject::of(&state.config, n))
            .collect(),
        page,
        per_page: changelog::PER_PAGE,
        total,
        implemented: implemented.ideas,
        implemented_since: implemented.since.map(|d| d.format("%Y-%m-%d").to_string()),
    }))
}

/// One release note.
#[utoipa::path(
    tag = "changelog",
    params(("id" = String, Path, description = "The note's id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The note", body = ReleaseObject),
        (status = 404, description = "No such note", body = ErrorBody),
    )
)]
#[get("/changelog/{id}")]
pub async fn get_release(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let note = state.run(move |db| changelog::get(db, &id)).await?;
    Ok(HttpResponse::Ok().json(ReleaseObject::of(&state.config, note)))
}

/// Publish a release note (product staff and admins): one email per person who promoted,
/// follows or commented on a linked idea.
#[utoipa::path(
    tag = "changelog",
    request_body = NewReleaseBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The note", body = ReleaseObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not product staff or an admin", body = ErrorBody),
        (status = 422, description = "A field is not valid, or an idea number names no idea", body = ErrorBody),
    )
)]
#[post("/changelog")]
pub async fn publish_release(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<NewReleaseBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = ReleaseInput {
        title: body.title,
        body: body.body,
        date: body.date,
        ideas: body.ideas,
        implement: body.implement.unwrap_or(false),
    };
    let (actor, base_url) = (user.0, state.config.base_url.to_string());
    let note = state
        .run(move |db| changelog::publish(db, &actor, &input, &base_url))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/changelog/{}", note.id)))
        .json(ReleaseObject::of(&state.config, note)))
}
