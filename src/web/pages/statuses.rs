//! `/admin/statuses`: the statuses page and its forms.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::domain::roles::Permission;
use crate::domain::validation::FieldErrors;
use crate::services::error::ServiceError;
use crate::services::pipeline;
use crate::services::statuses::{self, StatusInput};
use crate::views::pages::statuses as views;
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, SignedIn};
use crate::web::state::AppState;

/// The form as posted: unchecked boxes are absent.
#[derive(Debug, Deserialize)]
pub struct StatusForm {
    name: Option<String>,
    color: Option<String>,
    kind: Option<String>,
    position: Option<String>,
    on_roadmap: Option<String>,
    voting_frozen: Option<String>,
    retired: Option<String>,
}

impl StatusForm {
    fn input(self) -> Result<StatusInput, AppError> {
        let position = match self
            .position
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(raw) => Some(raw.parse::<i64>().map_err(|_| {
                ServiceError::Validation(FieldErrors::single("position", "Use a whole number."))
            })?),
            None => None,
        };
        Ok(StatusInput {
            name: self.name,
            color: self.color,
            kind: self.kind,
            position,
            on_roadmap: Some(self.on_roadmap.is_some()),
            voting_frozen: Some(self.voting_frozen.is_some()),
            retired: Some(self.retired.is_some()),
        })
    }
}

#[get("/admin/statuses")]
pub async fn show_statuses(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    signed_in.account.require(Permission::ManageStatuses)?;
    let list = state.run(pipeline::list_statuses).await?;
    Ok(private_html(
        StatusCode::OK,
        views::statuses(&signed_in.visitor.chrome(), &signed_in.csrf_token, &list),
    ))
}

#[post("/admin/statuses")]
pub async fn create_status(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let mut input = submitted.form.input()?;
    input.retired = None;
    state
        .run(move |db| statuses::create(db, &actor, &input))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::StatusCreated);
    Ok(see_other("/admin/statuses"))
}

#[post("/admin/statuses/{slug}")]
pub async fn update_status(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let input = submitted.form.input()?;
    let slug = slug.into_inner();
    state
        .run(move |db| statuses::update(db, &actor, &slug, &input))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::StatusSaved);
    Ok(see_other("/admin/statuses"))
}
