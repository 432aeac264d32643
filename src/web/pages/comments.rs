//! Comment forms: add, reply, edit and delete your own.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::idea_show::{Shown, render_idea};
use super::{html, see_other};
use crate::domain::ids::CommentId;
use crate::domain::validation::FieldErrors;
use crate::services::comments::{self, NewCommentInput};
use crate::services::error::ServiceError;
use crate::views::pages::ideas as views;
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, SignedIn, Visitor};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct CommentData {
    #[serde(default)]
    body: String,
    parent_id: Option<String>,
    /// The staff's "official response" checkbox.
    official: Option<String>,
    /// Where to come back to (a local path, such as the triage inbox), instead of the comment.
    return_to: Option<String>,
}

#[post("/ideas/{number}/comments")]
pub async fn add_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    number: web::Path<i64>,
    submitted: CsrfForm<CommentData>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let author = submitted.account()?.clone();
    let body = submitted.form.body.clone();
    let parent = submitted.form.parent_id.clone().filter(|p| !p.is_empty());
    let official = submitted.form.official.is_some();
    let base_url = state.config.base_url.to_string();
    let outcome = state
        .run(move |db| {
            let parent = parent.map(CommentId::from_stored);
            let input = NewCommentInput {
                body: &body,
                parent_id: parent.as_ref(),
                official,
            };
            comments::create(db, &author, number, input, &base_url)
        })
        .await;
    state.wake_senders();
    match outcome {
        Ok(comment) => {
            cookies::set_flash(&req, &state.config, Flash::CommentAdded);
            let at_comment = format!("/ideas/{number}?comment={id}#comment-{id}", id = comment.id);
            Ok(see_other(&super::safe_return_path(
                submitted.form.return_to.as_deref(),
                &at_comment,
            )))
        }
        Err(ServiceError::Validation(errors)) => {
            render_idea(
                &state,
                &visitor,
                number,
                StatusCode::UNPROCESSABLE_ENTITY,
                Shown::refused_comment(errors, &submitted.form.body),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

#[get("/comments/{id}/edit")]
pub async fn edit_comment_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = signed_in.account.clone();
    let comment = state
        .run(move |db| comments::get_own(db, &actor, &CommentId::from_stored(id)))
        .await?;
    let page = views::edit_comment(
        &signed_in.visitor.chrome(),
        &signed_in.csrf_token,
        comment.id.as_str(),
        comment.idea_number,
        &comment.body,
        &FieldErrors::default(),
    );
    Ok(html(StatusCode::OK, page))
}

#[post("/comments/{id}/edit")]
pub async fn edit_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<String>,
    submitted: CsrfForm<CommentData>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = submitted.account()?.clone();
    let body = submitted.form.body.clone();
    let comment_id = id.clone();
    let base_url = state.config.base_url.to_string();
    match state
        .run(move |db| {
            comments::edit(
                db,
                &actor,
                &CommentId::from_stored(comment_id),
                &body,
                &base_url,
            )
        })
        .await
    {
        Ok(comment) => {
            cookies::set_flash(&req, &state.config, Flash::CommentEdited);
            Ok(see_other(&format!(
                "/ideas/{number}?comment={id}#comment-{id}",
                number = comment.idea_number,
                id = comment.id
            )))
        }
        Err(ServiceError::Validation(errors)) => {
            let lookup = id.clone();
            let number = state
                .run(move |db| comments::idea_number_of(db, &CommentId::from_stored(lookup)))
                .await?;
            let page = views::edit_comment(
                &signed_in.visitor.chrome(),
                &signed_in.csrf_token,
                &id,
                number,
                &submitted.form.body,
                &errors,
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/comments/{id}/delete")]
pub async fn delete_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = submitted.account()?.clone();
    let number = state
        .run(move |db| comments::delete(db, &actor, &CommentId::from_stored(id)))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::CommentDeleted);
    Ok(see_other(&format!("/ideas/{number}#comments")))
}

#[derive(Debug, Deserialize)]
pub struct RatingForm {
    /// `yes` (Helpful) or `no` (Not helpful).
    #[serde(default)]
    helpful: String,
}

/// The idea's author or a voter says whether an official answer answered them.
#[post("/comments/{id}/rating")]
pub async fn rate_answer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<RatingForm>,
) -> Result<HttpResponse, AppError> {
    let rater = submitted.account()?.clone();
    let helpful = match submitted.form.helpful.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(ServiceError::Validation(FieldErrors::single(
                "helpful",
                crate::domain::validation::Text::new("refused-yes-or-no"),
            ))
            .into());
        }
    };
    let id = CommentId::from_stored(id.into_inner());
    let answer = id.clone();
    let number = state
        .run(move |db| crate::services::answer_ratings::rate(db, &rater, &answer, helpful))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::AnswerRated);
    Ok(see_other(&format!(
        "/ideas/{number}?comment={id}#comment-{id}"
    )))
}
