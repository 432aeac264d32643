//! `/api/v1/ideas/{number}/comments` and `/api/v1/comments/{id}`.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::ToSchema;

use super::objects::{CommentItems, CommentObject};
use crate::domain::ids::CommentId;
use crate::domain::read::CommentView;
use crate::services::comments::{self, NewCommentInput};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::{ApiUser, MaybeApiUser};
use crate::web::state::AppState;

/// A Markdown comment; `parent_id` makes it a reply. `official: true` (staff only) marks it as
/// the company's official response.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewCommentBody {
    #[serde(default)]
    body: String,
    parent_id: Option<String>,
    #[serde(default)]
    official: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CommentPatch {
    #[serde(default)]
    body: String,
}

/// The API's comment object (replies nested one level).
pub fn comment_json(comment: &CommentView) -> CommentObject {
    CommentObject::from(comment)
}

/// The comments on an idea, replies nested one level.
#[utoipa::path(
    tag = "comments",
    params(("number" = i64, Path, description = "The idea's number")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The idea's comments, oldest first, replies nested", body = CommentItems),
        (status = 404, description = "No such idea", body = ErrorBody),
    )
)]
#[get("/ideas/{number}/comments")]
pub async fn list_comments(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    number: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let viewer = user.0;
    let list = state
        .run(move |db| comments::list(db, viewer.as_ref(), number))
        .await?;
    Ok(HttpResponse::Ok().json(CommentItems {
        items: list.iter().map(comment_json).collect(),
    }))
}

/// Comment on an idea, or reply to a comment.
#[utoipa::path(
    tag = "comments",
    params(("number" = i64, Path, description = "The idea's number")),
    request_body = NewCommentBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The comment", body = CommentObject),
        (status = 403, description = "`official` sent by someone who is not staff", body = ErrorBody),
        (status = 404, description = "No such idea or parent", body = ErrorBody),
        (status = 409, description = "The idea is locked or merged", body = ErrorBody),
        (status = 422, description = "Empty or too long", body = ErrorBody),
        (status = 429, description = "Too many comments too quickly", body = ErrorBody),
    )
)]
#[post("/ideas/{number}/comments")]
pub async fn create_comment(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<NewCommentBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let body = body.into_inner();
    let author = user.0;
    let base_url = state.config.base_url.to_string();
    let comment = state
        .run(move |db| {
            let parent_id = body.parent_id.map(CommentId::from_stored);
            let input = NewCommentInput {
                body: &body.body,
                parent_id: parent_id.as_ref(),
                official: body.official,
            };
            comments::create(db, &author, number, input, &base_url)
        })
        .await?;
    state.wake_senders();
    Ok(HttpResponse::Created().json(comment_json(&comment)))
}

/// Edit your comment while the edit window is open.
#[utoipa::path(
    tag = "comments",
    params(("id" = String, Path, description = "The comment id")),
    request_body = CommentPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The edited comment", body = CommentObject),
        (status = 403, description = "Not yours, or the edit window has closed", body = ErrorBody),
        (status = 404, description = "No such comment", body = ErrorBody),
        (status = 422, description = "Empty or too long", body = ErrorBody),
    )
)]
#[patch("/comments/{id}")]
pub async fn edit_comment(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
    body: web::Json<CommentPatch>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let actor = user.0;
    let body = body.into_inner().body;
    let base_url = state.config.base_url.to_string();
    let comment = state
        .run(move |db| comments::edit(db, &actor, &CommentId::from_stored(id), &body, &base_url))
        .await?;
    Ok(HttpResponse::Ok().json(comment_json(&comment)))
}

/// Delete your comment; replies stay under a placeholder.
#[utoipa::path(
    tag = "comments",
    params(("id" = String, Path, description = "The comment id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted (replies stay, under a placeholder)"),
        (status = 403, description = "Not yours", body = ErrorBody),
        (status = 404, description = "No such comment", body = ErrorBody),
    )
)]
#[delete("/comments/{id}")]
pub async fn delete_comment(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let actor = user.0;
    state
        .run(move |db| comments::delete(db, &actor, &CommentId::from_stored(id)))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
