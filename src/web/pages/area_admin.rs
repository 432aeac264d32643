//! `/admin/areas` (admins): list, create, change and delete product areas. A refused form is shown
//! again with what was typed and the reasons (422); each change is confirmed.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{names_by_language, private_html, see_other};
use crate::domain::local_names::LocalNames;
use crate::domain::validation::FieldErrors;
use crate::services::areas::{self, AreaChange, AreaInput};
use crate::services::error::ServiceError;
use crate::views::pages::area_admin::{AreaDraft, area_page, areas_page};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, SignedIn};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct AreaForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    owners: String,
    position: Option<String>,
    /// `name_<language>` fields, and whatever else was sent.
    #[serde(flatten)]
    other: std::collections::BTreeMap<String, String>,
}

impl AreaForm {
    fn owner_list(&self) -> Vec<String> {
        self.owners
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|part| !part.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The form as typed, with the reasons it was refused.
    fn draft(&self, errors: FieldErrors) -> AreaDraft {
        let names = names_by_language(&self.other);
        AreaDraft {
            name: self.name.clone(),
            description: self.description.clone(),
            owners: self.owners.clone(),
            position: self.position.clone().unwrap_or_default(),
            names: LocalNames::as_typed(names),
            errors,
        }
    }
}

/// A refusal the form can show at a field: validation, or an area that exists already.
fn field_errors(error: ServiceError) -> Result<FieldErrors, AppError> {
    match error {
        ServiceError::Validation(errors) => Ok(errors),
        ServiceError::Conflict { field, message, .. } => Ok(FieldErrors::single(field, message)),
        other => Err(other.into()),
    }
}

#[get("/admin/areas")]
pub async fn list(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.account.clone();
    let listed = state
        .run(move |db| areas::areas_for_admin(db, &actor))
        .await?;
    let page = areas_page(
        &signed_in.visitor.chrome(),
        &signed_in.csrf_token,
        &listed,
        &AreaDraft::default(),
    );
    Ok(private_html(StatusCode::OK, page))
}

#[post("/admin/areas")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<AreaForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let form = &submitted.form;
    let input = AreaInput {
        name: form.name.clone(),
        description: form.description.clone(),
        owners: form.owner_list(),
        names: Some(names_by_language(&form.other)),
    };
    let creator = actor.clone();
    match state
        .run(move |db| areas::create_area(db, &creator, &input))
        .await
    {
        Ok(_) => {
            cookies::set_flash(&req, &state.config, Flash::AreaCreated);
            Ok(see_other("/admin/areas"))
        }
        Err(error) => {
            let draft = form.draft(field_errors(error)?);
            let listed = state
                .run(move |db| areas::areas_for_admin(db, &actor))
                .await?;
            let visitor = submitted.visitor();
            let page = areas_page(&visitor.chrome(), &submitted.csrf_token, &listed, &draft);
            Ok(private_html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

#[get("/admin/areas/{slug}")]
pub async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.account.clone();
    let slug = slug.into_inner();
    let wanted = slug.clone();
    let area = state
        .run(move |db| {
            areas::areas_for_admin(db, &actor)?
                .into_iter()
                .find(|area| area.slug == wanted)
                .ok_or(ServiceError::NotFound)
        })
        .await?;
    let page = area_page(
        &signed_in.visitor.chrome(),
        &signed_in.csrf_token,
        &slug,
        &AreaDraft::of(&area),
    );
    Ok(private_html(StatusCode::OK, page))
}

#[post("/admin/areas/{slug}")]
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: CsrfForm<AreaForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let form = &submitted.form;
    let slug = slug.into_inner();
    let position = match form
        .position
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => None,
        Some(raw) => match raw.parse::<i64>() {
            Ok(position) => Some(position),
            Err(_) => {
                let errors = FieldErrors::single(
                    "position",
                    crate::domain::validation::Text::new("refused-whole-number"),
                );
                let page = area_page(
                    &submitted.visitor().chrome(),
                    &submitted.csrf_token,
                    &slug,
                    &form.draft(errors),
                );
                return Ok(private_html(StatusCode::UNPROCESSABLE_ENTITY, page));
            }
        },
    };
    let change = AreaChange {
        name: Some(form.name.clone()),
        description: Some(form.description.clone()),
        owners: Some(form.owner_list()),
        names: Some(names_by_language(&form.other)),
        position,
    };
    let area = slug.clone();
    match state
        .run(move |db| areas::update_area(db, &actor, &area, &change))
        .await
    {
        Ok(_) => {
            cookies::set_flash(&req, &state.config, Flash::AreaChanged);
            Ok(see_other("/admin/areas"))
        }
        Err(error) => {
            let draft = form.draft(field_errors(error)?);
            let page = area_page(
                &submitted.visitor().chrome(),
                &submitted.csrf_token,
                &slug,
                &draft,
            );
            Ok(private_html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

#[post("/admin/areas/{slug}/delete")]
pub async fn delete(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let slug = slug.into_inner();
    state
        .run(move |db| areas::delete_area(db, &actor, &slug))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::AreaDeleted);
    Ok(see_other("/admin/areas"))
}
