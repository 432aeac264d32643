//! `/api/v1/ideas/{number}/comments` and `/api/v1/comments/{id}`.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::domain::clock;
use crate::domain::read::CommentView;
use crate::error::ApiError;
use crate::services::comments;
use crate::web::extractors::{ApiUser, MaybeApiUser};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct NewCommentBody {
    #[serde(default)]
    body: String,
    parent_id: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct CommentPatch {
    #[serde(default)]
    body: String,
}

/// The API's comment object (replies nested one level).
pub fn comment_json(comment: &CommentView) -> Value {
    json!({
        "id": comment.id,
        "idea": comment.idea_number,
        "parent_id": comment.parent_id,
        "author": {"id": comment.author.id, "name": comment.author.name},
        "body": comment.body,
        "body_html": comment.body_html,
        "deleted": comment.deleted,
        "created_at": clock::rfc3339(comment.created_at),
        "edited_at": comment.edited_at.map(clock::rfc3339),
        "replies": comment.replies.iter().map(comment_json).collect::<Vec<_>>(),
    })
}

#[get("/ideas/{number}/comments")]
pub async fn list_comments(
    state: web::Data<AppState>,
    user: MaybeApiUser,
    number: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let viewer = user.0;
    let list = state
        .run(move |conn| comments::list(conn, viewer.as_ref(), number))
        .await?;
    Ok(HttpResponse::Ok()
        .json(json!({ "items": list.iter().map(comment_json).collect::<Vec<_>>() })))
}

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
        .run(move |conn| {
            comments::create(
                conn,
                &author,
                number,
                &body.body,
                body.parent_id.as_deref(),
                &base_url,
            )
        })
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::Created().json(comment_json(&comment)))
}

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
    let comment = state
        .run(move |conn| comments::edit(conn, &actor, &id, &body))
        .await?;
    Ok(HttpResponse::Ok().json(comment_json(&comment)))
}

#[delete("/comments/{id}")]
pub async fn delete_comment(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let actor = user.0;
    state
        .run(move |conn| comments::delete(conn, &actor, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
