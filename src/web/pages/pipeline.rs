//! Pipeline pages: changing an idea's status, following, the roadmap, one-click unsubscribe.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::idea_show::{Shown, render_idea};
use super::{html, see_other};
use crate::services::error::ServiceError;
use crate::services::{areas, notifications, pipeline};
use crate::views::pages::pipeline as views;
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, Visitor};
use crate::web::page_cache::{PageKey, kept_or_read, may_keep};
use crate::web::state::AppState;

const HTML: &str = "text/html; charset=utf-8";

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
    /// Where to come back to (a local path, such as the triage inbox), instead of the idea.
    return_to: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    follow: String,
}

#[derive(Debug, Deserialize)]
pub struct AreaForm {
    #[serde(default)]
    area: String,
    /// Where to come back to (a local path), instead of the idea.
    return_to: Option<String>,
}

/// Staff put an idea in a product area, or in none; an area that does not exist is a 422 page.
#[post("/ideas/{number}/area")]
pub async fn set_area(
    req: HttpRequest,
    state: web::Data<AppState>,
    number: web::Path<i64>,
    submitted: CsrfForm<AreaForm>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let actor = submitted.account()?.clone();
    let AreaForm { area, return_to } = submitted.form;
    state
        .run(move |db| areas::set_idea_area(db, &actor, number, Some(area.as_str())))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::AreaSaved);
    let idea = format!("/ideas/{number}");
    Ok(see_other(&super::safe_return_path(
        return_to.as_deref(),
        &idea,
    )))
}

#[post("/ideas/{number}/status")]
pub async fn change_status(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    number: web::Path<i64>,
    submitted: CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let actor = submitted.account()?.clone();
    let StatusForm {
        status,
        note,
        return_to,
    } = submitted.form;
    let base_url = state.config.base_url.to_string();
    let outcome = state
        .run(move |db| pipeline::change_status(db, &actor, number, &status, &note, &base_url))
        .await;
    match outcome {
        Ok(_) => {
            state.wake_senders();
            cookies::set_flash(&req, &state.config, Flash::StatusChanged);
            let idea = format!("/ideas/{number}");
            Ok(see_other(&super::safe_return_path(
                return_to.as_deref(),
                &idea,
            )))
        }
        Err(ServiceError::Validation(errors)) => {
            let shown = Shown {
                status_errors: errors,
                ..Shown::default()
            };
            render_idea(
                &state,
                &visitor,
                number,
                StatusCode::UNPROCESSABLE_ENTITY,
                shown,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/ideas/{number}/follow")]
pub async fn follow(
    req: HttpRequest,
    state: web::Data<AppState>,
    number: web::Path<i64>,
    submitted: CsrfForm<FollowForm>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let actor = submitted.account()?.clone();
    let follow = submitted.form.follow != "false";
    state
        .run(move |db| pipeline::set_following(db, &actor, number, follow))
        .await?;
    cookies::set_flash(
        &req,
        &state.config,
        if follow {
            Flash::Followed
        } else {
            Flash::Unfollowed
        },
    );
    Ok(see_other(&format!("/ideas/{number}")))
}

/// The roadmap; the visitors' page is kept (`page_cache::kept_or_read`).
#[get("/roadmap")]
pub async fn show_roadmap(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
) -> Result<HttpResponse, AppError> {
    if may_keep(&req, &state, &visitor) {
        let key = PageKey {
            address: crate::web::page_cache::in_language("/roadmap", visitor.lang),
            search: false,
        };
        let chrome = visitor.chrome();
        return kept_or_read(&req, &state, key, HTML, pipeline::roadmap, |columns| {
            views::roadmap(&chrome, &columns).into_string()
        })
        .await;
    }
    let columns = state.run(pipeline::roadmap).await?;
    Ok(html(
        StatusCode::OK,
        views::roadmap(&visitor.chrome(), &columns),
    ))
}

/// The link in an email: says what it stops, with a button (GET never changes anything).
#[get("/unsubscribe/{token}")]
pub async fn unsubscribe_form(
    state: web::Data<AppState>,
    visitor: Visitor,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let lookup = token.clone();
    let what = state
        .run(move |db| {
            let what = notifications::read_token(db, &lookup)?;
            notifications::describe(db, &what)
        })
        .await?;
    Ok(html(
        StatusCode::OK,
        views::unsubscribe(&visitor.chrome(), &token, &what, false),
    ))
}

/// One click (RFC 8058 `List-Unsubscribe-Post`, or the page's button). The signed token is the
/// authority, so it works signed out and needs no session or CSRF token.
#[post("/unsubscribe/{token}")]
pub async fn unsubscribe(
    state: web::Data<AppState>,
    visitor: Visitor,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let applied = token.clone();
    let what = state
        .run(move |db| notifications::apply(db, &applied))
        .await?;
    Ok(html(
        StatusCode::OK,
        views::unsubscribe(&visitor.chrome(), &token, &what, true),
    ))
}
