//! `/admin/statuses`: the statuses page and its forms.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;

use super::{names_by_language, private_html, see_other};
use crate::domain::local_names::LocalNames;
use crate::domain::read::StatusView;
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Text};
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
    /// `name_<language>` fields, and whatever else was sent.
    #[serde(flatten)]
    other: std::collections::BTreeMap<String, String>,
}

impl StatusForm {
    /// The form as the status it would make, for showing it again after a refusal.
    fn typed(&self, key: &str, current: Option<&StatusView>) -> StatusView {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        StatusView {
            slug: key.to_string(),
            name: text(&self.name),
            names: LocalNames::as_typed(names_by_language(&self.other)),
            color: text(&self.color),
            position: self
                .position
                .as_deref()
                .and_then(|p| p.trim().parse().ok())
                .or(current.map(|c| c.position))
                .unwrap_or(0),
            kind: text(&self.kind),
            on_roadmap: self.on_roadmap.is_some(),
            voting_frozen: self.voting_frozen.is_some(),
            retired: self.retired.is_some(),
        }
    }

    fn input(&self) -> Result<StatusInput, ServiceError> {
        let position = match self
            .position
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(raw) => Some(raw.parse::<i64>().map_err(|_| {
                ServiceError::Validation(FieldErrors::single(
                    "position",
                    Text::new("refused-whole-number"),
                ))
            })?),
            None => None,
        };
        Ok(StatusInput {
            name: self.name.clone(),
            color: self.color.clone(),
            kind: self.kind.clone(),
            position,
            on_roadmap: Some(self.on_roadmap.is_some()),
            voting_frozen: Some(self.voting_frozen.is_some()),
            retired: Some(self.retired.is_some()),
            names: Some(names_by_language(&self.other)),
        })
    }
}

/// The statuses page again after the form at `key` was refused (422), with what was typed.
async fn refused(
    state: &AppState,
    submitted: &CsrfForm<StatusForm>,
    key: &str,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let list = state.run(pipeline::list_statuses).await?;
    let current = list.iter().find(|s| s.slug == key);
    let refused = views::Refused {
        key: key.to_string(),
        typed: submitted.form.typed(key, current),
        errors,
    };
    let visitor = submitted.visitor();
    Ok(private_html(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::statuses(
            &visitor.chrome(),
            &submitted.csrf_token,
            &list,
            Some(&refused),
        ),
    ))
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
        views::statuses(
            &signed_in.visitor.chrome(),
            &signed_in.csrf_token,
            &list,
            None,
        ),
    ))
}

#[post("/admin/statuses")]
pub async fn create_status(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let created = match submitted.form.input() {
        Ok(mut input) => {
            input.retired = None;
            state
                .run(move |db| statuses::create(db, &actor, &input).map(|_| ()))
                .await
        }
        Err(refused) => Err(refused),
    };
    match created {
        Ok(()) => {
            cookies::set_flash(&req, &state.config, Flash::StatusCreated);
            Ok(see_other("/admin/statuses"))
        }
        Err(ServiceError::Validation(errors)) => refused(&state, &submitted, "new", errors).await,
        Err(other) => Err(other.into()),
    }
}

#[post("/admin/statuses/{slug}")]
pub async fn update_status(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let slug = slug.into_inner();
    let key = slug.clone();
    let saved = match submitted.form.input() {
        Ok(input) => {
            state
                .run(move |db| statuses::update(db, &actor, &slug, &input).map(|_| ()))
                .await
        }
        Err(refused) => Err(refused),
    };
    match saved {
        Ok(()) => {
            cookies::set_flash(&req, &state.config, Flash::StatusSaved);
            Ok(see_other("/admin/statuses"))
        }
        Err(ServiceError::Validation(errors)) => refused(&state, &submitted, &key, errors).await,
        Err(other) => Err(other.into()),
    }
}
