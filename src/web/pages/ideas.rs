//! Idea pages: submit (with the similar-ideas step), edit, vote (the page itself: `idea_show`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{html, safe_return_path, see_other};
use crate::domain::ideas::VoteValue;
use crate::domain::read::{Choice, StormRef};
use crate::domain::validation::{FieldErrors, Text};
use crate::services::accounts::Account;
use crate::services::board;
use crate::services::error::ServiceError;
use crate::services::ideas::{self, IdeaEdit, Submission};
use crate::views::components::vote::VoteWidget;
use crate::views::pages::ideas as views;
use crate::views::pages::submit::{self as submit_views, SubmitForm};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, SignedIn, Visitor};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct SubmitData {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    area: String,
    /// The storm session it answers (a hidden field of the session's form).
    #[serde(default)]
    storm: String,
    #[serde(default)]
    step: String,
}

#[derive(Debug, Deserialize)]
pub struct SimilarParams {
    #[serde(default)]
    title: String,
}

#[derive(Debug, Deserialize)]
pub struct EditData {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

#[derive(Debug, Deserialize)]
pub struct VoteData {
    #[serde(default)]
    value: String,
    return_to: Option<String>,
}

/// What the submit form offers: the tags, the product areas, and the storm session it answers
/// (named by `storm`, if `viewer` may see it).
async fn submit_choices(
    state: &AppState,
    storm: &str,
    viewer: &Account,
) -> Result<(Vec<Choice>, Vec<Choice>, Option<StormRef>), AppError> {
    let (now, storm, viewer) = (state.clock.now(), storm.to_string(), viewer.clone());
    Ok(state
        .run(move |db| {
            let choices = board::filter_choices(db, now)?;
            let storm = match storm.as_str() {
                "" => None,
                slug => match crate::services::storms::get(db, Some(&viewer), slug, now) {
                    Ok(storm) => Some(StormRef {
                        slug: storm.slug,
                        title: storm.title,
                    }),
                    Err(ServiceError::NotFound) => None,
                    Err(other) => return Err(other),
                },
            };
            Ok::<_, ServiceError>((choices.tags, choices.areas, storm))
        })
        .await?)
}

/// `/ideas/new?storm=…`: the storm session the form answers.
#[derive(Debug, Deserialize)]
pub struct SubmitParams {
    #[serde(default)]
    storm: String,
}

#[get("/ideas/new")]
pub async fn submit_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<SubmitParams>,
) -> Result<HttpResponse, AppError> {
    let (tags, areas, storm) = submit_choices(&state, &params.storm, &signed_in.account).await?;
    let form = SubmitForm {
        storm: storm.as_ref(),
        title: "",
        body: "",
        chosen_tags: &[],
        tags: &tags,
        chosen_area: "",
        areas: &areas,
        similar: None,
        errors: &FieldErrors::default(),
    };
    Ok(html(
        StatusCode::OK,
        submit_views::submit(&signed_in.visitor.chrome(), &signed_in.csrf_token, &form),
    ))
}

/// `step=check` shows similar ideas and the form again; `step=submit` (the default) submits.
#[post("/ideas/new")]
pub async fn submit_idea(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: CsrfForm<SubmitData>,
) -> Result<HttpResponse, AppError> {
    let author: Account = submitted.account()?.clone();
    let data = submitted.form;
    let input = Submission {
        title: data.title.clone(),
        body: data.body.clone(),
        tags: data.tags.clone(),
        area: Some(data.area.clone()),
        storm: Some(data.storm.clone()),
        at: Some(state.clock.now()),
    };
    let half_life = state.config.rank_half_life;
    let base_url = state.config.base_url.to_string();
    let checking = data.step == "check";
    let title = data.title.clone();
    let viewer = author.clone();
    let outcome = state
        .run(move |db| {
            if checking {
                return Ok(Err(board::similar(db, Some(&viewer), &title)?));
            }
            Ok(Ok(ideas::submit(
                db, &author, &input, half_life, &base_url,
            )?))
        })
        .await;
    let (similar, errors, status) = match outcome {
        Ok(Ok(idea)) => {
            cookies::set_flash(&req, &state.config, Flash::IdeaSubmitted);
            return Ok(see_other(&format!("/ideas/{}", idea.card.number)));
        }
        Ok(Err(similar)) => (Some(similar), FieldErrors::default(), StatusCode::OK),
        Err(ServiceError::Validation(errors)) => (None, errors, StatusCode::UNPROCESSABLE_ENTITY),
        // A storm session that is not open: told at its field, the idea kept.
        Err(ServiceError::Conflict { field, message, .. }) => (
            None,
            FieldErrors::single(field, message),
            StatusCode::CONFLICT,
        ),
        Err(other) => return Err(other.into()),
    };
    let (tags, areas, storm) = submit_choices(&state, &data.storm, &signed_in.account).await?;
    let form = SubmitForm {
        storm: storm.as_ref(),
        title: &data.title,
        body: &data.body,
        chosen_tags: &data.tags,
        tags: &tags,
        chosen_area: &data.area,
        areas: &areas,
        similar: similar.as_deref(),
        errors: &errors,
    };
    Ok(html(
        status,
        submit_views::submit(&signed_in.visitor.chrome(), &signed_in.csrf_token, &form),
    ))
}

/// The similar-ideas fragment htmx asks for while a title is typed.
#[get("/ideas/similar")]
pub async fn similar_fragment(
    state: web::Data<AppState>,
    visitor: Visitor,
    params: web::Query<SimilarParams>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.account().cloned();
    let title = params.into_inner().title;
    let similar = state
        .run(move |db| board::similar(db, viewer.as_ref(), &title))
        .await?;
    Ok(html(
        StatusCode::OK,
        submit_views::similar_list(&similar, visitor.lang),
    ))
}

#[get("/ideas/{number}/edit")]
pub async fn edit_idea_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    number: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let viewer = signed_in.account.clone();
    let idea = state
        .run(move |db| ideas::get(db, Some(&viewer), number))
        .await?;
    if !idea.can_edit {
        return Err(ServiceError::refused(Text::new("refused-edit")).into());
    }
    let page = views::edit_idea(
        &signed_in.visitor.chrome(),
        &signed_in.csrf_token,
        number,
        &idea.card.title,
        &idea.body,
        &FieldErrors::default(),
    );
    Ok(html(StatusCode::OK, page))
}

#[post("/ideas/{number}/edit")]
pub async fn edit_idea(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    number: web::Path<i64>,
    submitted: CsrfForm<EditData>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let editor = submitted.account()?.clone();
    let data = submitted.form;
    let changes = IdeaEdit {
        title: Some(data.title.clone()),
        body: Some(data.body.clone()),
    };
    let base_url = state.config.base_url.to_string();
    match state
        .run(move |db| ideas::edit(db, &editor, number, &changes, &base_url))
        .await
    {
        Ok(_) => {
            cookies::set_flash(&req, &state.config, Flash::IdeaEdited);
            Ok(see_other(&format!("/ideas/{number}")))
        }
        Err(ServiceError::Validation(errors)) => {
            let page = views::edit_idea(
                &signed_in.visitor.chrome(),
                &signed_in.csrf_token,
                number,
                &data.title,
                &data.body,
                &errors,
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Err(other) => Err(other.into()),
    }
}

/// Promote (1), demote (−1) or retract (0). A plain form POST returns to where it came from; an
/// htmx request gets the updated widget.
#[post("/ideas/{number}/vote")]
pub async fn cast_vote(
    req: HttpRequest,
    state: web::Data<AppState>,
    number: web::Path<i64>,
    submitted: CsrfForm<VoteData>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let voter = submitted.account()?.clone();
    let csrf = submitted.csrf_token.clone();
    let value = submitted
        .form
        .value
        .trim()
        .parse::<i64>()
        .map_err(|_| crate::domain::validation::Text::new("error-vote"))
        .and_then(VoteValue::parse)
        .map_err(|m| ServiceError::Validation(FieldErrors::single("value", m)))?;
    let rules = state.vote_rules();
    let outcome = state
        .run(move |db| ideas::vote(db, &voter, number, value, &rules))
        .await?;
    let fallback = format!("/ideas/{number}");
    let return_to = safe_return_path(submitted.form.return_to.as_deref(), &fallback);
    if req.headers().contains_key("HX-Request") {
        let widget = VoteWidget {
            number,
            points: outcome.points,
            upvotes: outcome.upvotes,
            downvotes: outcome.downvotes,
            my_vote: outcome.my_vote,
            voting_open: true,
            csrf: Some(&csrf),
            read_only: false,
            return_to: &return_to,
            lang: submitted.lang,
        };
        return Ok(html(StatusCode::OK, maud::html! { (widget) }));
    }
    // Back to the same place on the board or page.
    Ok(see_other(&return_to))
}
