//! `/mod/tags` (moderators): create, rename, recolour, delete. A refused form is shown again with
//! what was typed and the reason at the field (422); each change is confirmed.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{names_by_language, private_html, see_other};
use crate::domain::local_names::LocalNames;
use crate::domain::validation::FieldErrors;
use crate::services::error::ServiceError;
use crate::services::tags;
use crate::views::pages::tags::{self as views, TagDraft};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, SignedIn};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct TagForm {
    #[serde(default)]
    name: String,
    color: Option<String>,
    /// `name_<language>` fields, and whatever else was sent.
    #[serde(flatten)]
    other: std::collections::BTreeMap<String, String>,
}

#[get("/mod/tags")]
pub async fn show_tags(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.account.clone();
    let tags = state
        .run(move |db| tags::tags_for_moderation(db, &actor))
        .await?;
    Ok(private_html(
        StatusCode::OK,
        views::tags(
            &signed_in.visitor.chrome(),
            &signed_in.csrf_token,
            &tags,
            &TagDraft::empty(),
        ),
    ))
}

/// The tag page again after a refused form (`editing`: the tag whose row was sent), 422.
async fn refused(
    state: &AppState,
    submitted: &CsrfForm<TagForm>,
    editing: Option<&str>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let tags = state
        .run(move |db| tags::tags_for_moderation(db, &actor))
        .await?;
    let visitor = submitted.visitor();
    let chrome = visitor.chrome();
    let names = LocalNames::as_typed(names_by_language(&submitted.form.other));
    let draft = TagDraft {
        editing,
        names: &names,
        name: &submitted.form.name,
        color: submitted.form.color.as_deref().unwrap_or(""),
        errors,
    };
    Ok(private_html(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::tags(&chrome, &submitted.csrf_token, &tags, &draft),
    ))
}

#[post("/mod/tags")]
pub async fn create_tag(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<TagForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let (name, color) = (submitted.form.name.clone(), submitted.form.color.clone());
    let names = names_by_language(&submitted.form.other);
    let created = state
        .run(move |db| tags::create_tag(db, &actor, &name, color.as_deref(), Some(&names)))
        .await;
    match created {
        Ok(_) => {
            cookies::set_flash(&req, &state.config, Flash::TagCreated);
            Ok(see_other("/mod/tags"))
        }
        Err(ServiceError::Validation(errors)) => refused(&state, &submitted, None, &errors).await,
        Err(other) => Err(other.into()),
    }
}

#[post("/mod/tags/{slug}")]
pub async fn update_tag(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: CsrfForm<TagForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let (name, color) = (submitted.form.name.clone(), submitted.form.color.clone());
    let names = names_by_language(&submitted.form.other);
    let slug = slug.into_inner();
    let tag = slug.clone();
    let saved = state
        .run(move |db| {
            let sent = (Some(name.as_str()), color.as_deref(), Some(&names));
            tags::update_tag(db, &actor, &tag, sent.0, sent.1, sent.2)
        })
        .await;
    match saved {
        Ok(_) => {
            cookies::set_flash(&req, &state.config, Flash::TagSaved);
            Ok(see_other("/mod/tags"))
        }
        Err(ServiceError::Validation(errors)) => {
            refused(&state, &submitted, Some(&slug), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/mod/tags/{slug}/delete")]
pub async fn delete_tag(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let slug = slug.into_inner();
    state
        .run(move |db| tags::delete_tag(db, &actor, &slug))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::TagDeleted);
    Ok(see_other("/mod/tags"))
}
