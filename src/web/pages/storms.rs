//! Storm session pages: `/storms` (the list, and the form that creates one for product staff and
//! admins), `/storms/{slug}` (the session's own board under its question, with the staff's
//! publish and summary forms), and the session's Atom feed. A refused form comes back with what
//! was typed and the reasons (422).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::board::BoardParams;
use super::{html, private_html, see_other};
use crate::domain::read::Choice;
use crate::domain::roles::Permission;
use crate::domain::storms::StormFields;
use crate::domain::validation::FieldErrors;
use crate::services::board as board_reads;
use crate::services::error::ServiceError;
use crate::services::storms::{self, StormInput, StormPatch};
use crate::views::pages::board::{BoardView, board};
use crate::views::pages::storms::{StormForm, staff_tools, storms_page};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, Visitor};
use crate::web::promise::PromiseCache;
use crate::web::state::AppState;

/// The create form's fields, as typed.
#[derive(Debug, Deserialize, Default)]
pub struct NewStormForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    votes_after_close: String,
    #[serde(default)]
    published: String,
}

impl NewStormForm {
    fn typed(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("slug", self.slug.clone()),
            ("question", self.question.clone()),
            ("starts_at", self.starts_at.clone()),
            ("ends_at", self.ends_at.clone()),
            ("area", self.area.clone()),
            ("votes_after_close", self.votes_after_close.clone()),
            ("published", self.published.clone()),
        ]
    }
}

#[derive(Debug, Deserialize)]
pub struct SummaryForm {
    #[serde(default)]
    summary: String,
}

/// A refusal the form can show at a field, with the status the API gives it: validation (422),
/// or a conflict on one field (409).
fn field_errors(error: ServiceError) -> Result<(FieldErrors, StatusCode), AppError> {
    match error {
        ServiceError::Validation(errors) => Ok((errors, StatusCode::UNPROCESSABLE_ENTITY)),
        ServiceError::Conflict { field, message, .. } => {
            Ok((FieldErrors::single(field, message), StatusCode::CONFLICT))
        }
        other => Err(other.into()),
    }
}

/// The list page, with the create form for those who may create (`typed`, `errors`: a refused
/// form).
async fn list_page(
    state: &AppState,
    visitor: &Visitor,
    typed: &[(&'static str, String)],
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (viewer, now) = (visitor.account().cloned(), state.clock.now());
    let manages = viewer
        .as_ref()
        .is_some_and(|v| v.actor().can(Permission::ManageStorms));
    let (listed, areas): (_, Vec<Choice>) = state
        .run(move |db| {
            let listed = storms::list(db, viewer.as_ref(), now)?;
            let areas = match manages {
                true => crate::services::areas::choices(db)?,
                false => Vec::new(),
            };
            Ok::<_, ServiceError>((listed, areas))
        })
        .await?;
    let chrome = visitor.chrome();
    let form = match (manages, chrome.action_csrf()) {
        (true, Some(csrf)) => Some(StormForm {
            csrf,
            errors,
            typed,
            areas: &areas,
        }),
        _ => None,
    };
    let page = storms_page(&chrome, &listed, form);
    Ok(match manages {
        true => private_html(status, page),
        false => html(status, page),
    })
}

#[get("/storms")]
pub async fn list(state: web::Data<AppState>, visitor: Visitor) -> Result<HttpResponse, AppError> {
    list_page(
        &state,
        &visitor,
        &[],
        &FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

#[post("/storms")]
pub async fn create(
    state: web::Data<AppState>,
    submitted: CsrfForm<NewStormForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let form = &submitted.form;
    let input = StormInput {
        fields: StormFields {
            title: form.title.clone(),
            slug: form.slug.clone(),
            question: form.question.clone(),
            starts_at: form.starts_at.clone(),
            ends_at: form.ends_at.clone(),
        },
        area: Some(form.area.clone()),
        votes_after_close: form.votes_after_close == "on",
        published: form.published == "on",
    };
    let now = state.clock.now();
    match state
        .run(move |db| storms::create(db, &actor, &input, now))
        .await
    {
        Ok(storm) => Ok(see_other(&format!("/storms/{}", storm.slug))),
        Err(error) => {
            let (errors, status) = field_errors(error)?;
            list_page(&state, &submitted.visitor(), &form.typed(), &errors, status).await
        }
    }
}

/// A session's board for this visitor, with the staff's forms (`typed`, `errors`: a refused
/// summary).
async fn storm_board(
    req: &HttpRequest,
    state: &AppState,
    visitor: &Visitor,
    slug: String,
    params: &BoardParams,
    (typed, errors, status): (&str, &FieldErrors, StatusCode),
) -> Result<HttpResponse, AppError> {
    let query = board_reads::ListQuery {
        storm: Some(slug.clone()),
        ..params.to_query()?
    };
    let (viewer, now) = (visitor.account().cloned(), state.clock.now());
    let (storm, (resolved, page, choices)) = state
        .run(move |db| {
            let storm = storms::get(db, viewer.as_ref(), &slug, now)?;
            Ok::<_, ServiceError>((
                storm,
                board_reads::fresh_board(db, viewer.as_ref(), &query, now)?,
            ))
        })
        .await?;
    let chrome = visitor.chrome();
    let manages = visitor
        .account()
        .is_some_and(|v| v.actor().can(Permission::ManageStorms));
    let tools = match (manages, chrome.action_csrf()) {
        (true, Some(csrf)) => Some(staff_tools(&storm, csrf, errors, typed, chrome.lang)),
        _ => None,
    };
    let here = match req.query_string() {
        "" => req.path().to_string(),
        query => format!("{}?{query}", req.path()),
    };
    let view = BoardView {
        list: &resolved,
        page: &page,
        choices: &choices,
        now,
        here: &here,
        promise: PromiseCache::current(state).await,
        storm: Some(&storm),
        storm_tools: tools,
    };
    let page = board(&chrome, &view);
    Ok(match visitor.account() {
        Some(_) => private_html(status, page),
        None => html(status, page),
    })
}

#[get("/storms/{slug}")]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
    params: web::Query<BoardParams>,
) -> Result<HttpResponse, AppError> {
    let nothing = ("", &FieldErrors::default(), StatusCode::OK);
    storm_board(&req, &state, &visitor, slug.into_inner(), &params, nothing).await
}

#[post("/storms/{slug}/publish")]
pub async fn publish(
    state: web::Data<AppState>,
    submitted: CsrfForm<crate::web::extractors::NoFields>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let slug = slug.into_inner();
    let patch = StormPatch {
        published: Some(true),
        ..StormPatch::default()
    };
    let (now, base_url) = (state.clock.now(), state.config.base_url.to_string());
    let storm = state
        .run(move |db| storms::update(db, &actor, &slug, &patch, now, &base_url))
        .await?;
    Ok(see_other(&format!("/storms/{}", storm.slug)))
}

#[post("/storms/{slug}/summary")]
pub async fn publish_summary(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<SummaryForm>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let (slug, typed) = (slug.into_inner(), submitted.form.summary.clone());
    let patch = StormPatch {
        summary: Some(typed.clone()),
        ..StormPatch::default()
    };
    let (now, base_url) = (state.clock.now(), state.config.base_url.to_string());
    let changed = slug.clone();
    match state
        .run(move |db| storms::update(db, &actor, &changed, &patch, now, &base_url))
        .await
    {
        Ok(storm) => Ok(see_other(&format!("/storms/{}", storm.slug))),
        Err(error) => {
            let (errors, status) = field_errors(error)?;
            let refused = (typed.as_str(), &errors, status);
            let params = BoardParams::default();
            storm_board(&req, &state, &submitted.visitor(), slug, &params, refused).await
        }
    }
}
