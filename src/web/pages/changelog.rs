//! `/changelog` ("Ideas in action"): the notes newest first with the count of ideas implemented,
//! the form product staff publish a note with (a refused one comes back with what was typed and
//! the reasons, 422), one note's page, and the Atom feed of notes.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;

use super::{html, private_html, see_other};
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Text};
use crate::services::changelog::{self, ReleaseInput};
use crate::services::error::ServiceError;
use crate::views::pages::changelog::{ChangelogView, ReleaseForm, changelog_page, release_page};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, Visitor};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct ChangelogQuery {
    page: Option<i64>,
}

/// The publish form's fields, as typed.
#[derive(Debug, Deserialize, Default)]
pub struct ReleaseFormData {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    date: String,
    /// Idea numbers separated by commas or spaces, `#` allowed.
    #[serde(default)]
    ideas: String,
    #[serde(default)]
    implement: String,
}

impl ReleaseFormData {
    /// The numbers typed, or a refusal naming the first word that is not one.
    fn numbers(&self) -> Result<Vec<i64>, FieldErrors> {
        self.ideas
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(|word| word.trim().trim_start_matches('#'))
            .filter(|word| !word.is_empty())
            .map(|word| {
                word.parse::<i64>().map_err(|_| {
                    FieldErrors::single(
                        "ideas",
                        Text::new("refused-release-no-idea").with("number", word),
                    )
                })
            })
            .collect()
    }
}

/// The changelog page for this visitor (`form`: a refused form with its reasons).
async fn changelog_answer(
    state: &AppState,
    visitor: &Visitor,
    page: i64,
    form: (&ReleaseFormData, &FieldErrors),
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let ((notes, total), implemented) = state
        .run(move |db| {
            Ok::<_, ServiceError>((changelog::list(db, page)?, changelog::implemented(db)?))
        })
        .await?;
    let chrome = visitor.chrome();
    let publishes = visitor
        .account()
        .is_some_and(|a| a.actor().can(Permission::PublishReleases));
    let (typed, errors) = form;
    let release_form = match (publishes, chrome.action_csrf()) {
        (true, Some(csrf)) => Some(ReleaseForm {
            csrf,
            errors,
            typed: [
                &typed.title,
                &typed.body,
                &typed.date,
                &typed.ideas,
                &typed.implement,
            ],
        }),
        _ => None,
    };
    let view = ChangelogView {
        notes: &notes,
        page,
        pages: (total + changelog::PER_PAGE - 1) / changelog::PER_PAGE,
        implemented,
        form: release_form,
    };
    let page = changelog_page(&chrome, &view);
    Ok(match visitor.account() {
        Some(_) => private_html(status, page),
        None => html(status, page),
    })
}

#[get("/changelog")]
pub async fn show(
    state: web::Data<AppState>,
    visitor: Visitor,
    query: web::Query<ChangelogQuery>,
) -> Result<HttpResponse, AppError> {
    let blank = (&ReleaseFormData::default(), &FieldErrors::default());
    let page = query.page.unwrap_or(1);
    changelog_answer(&state, &visitor, page, blank, StatusCode::OK).await
}

#[post("/changelog")]
pub async fn publish(
    state: web::Data<AppState>,
    submitted: CsrfForm<ReleaseFormData>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    // Who may publish is asked before what was typed.
    actor.require(Permission::PublishReleases)?;
    let form = &submitted.form;
    let visitor = submitted.visitor();
    let (state, visitor) = (&state, &visitor);
    let refused = |errors: FieldErrors| async move {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        changelog_answer(state, visitor, 1, (form, &errors), status).await
    };
    let ideas = match form.numbers() {
        Ok(numbers) => numbers,
        Err(errors) => return refused(errors).await,
    };
    let input = ReleaseInput {
        title: form.title.clone(),
        body: form.body.clone(),
        date: Some(form.date.clone()),
        ideas,
        implement: form.implement == "on",
    };
    let base_url = state.config.base_url.to_string();
    match state
        .run(move |db| changelog::publish(db, &actor, &input, &base_url))
        .await
    {
        Ok(note) => Ok(see_other(&format!("/changelog/{}", note.id))),
        Err(ServiceError::Validation(errors)) => refused(errors).await,
        Err(other) => Err(other.into()),
    }
}

#[get("/changelog/{id}")]
pub async fn show_release(
    state: web::Data<AppState>,
    visitor: Visitor,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let note = state.run(move |db| changelog::get(db, &id)).await?;
    Ok(html(StatusCode::OK, release_page(&visitor.chrome(), &note)))
}
