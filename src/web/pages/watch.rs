//! `/insights/watch` (staff): the words and phrases you watch and where they turned up; add one,
//! stop watching one. A refused form comes back with what was typed and the reason at the field
//! (422); each change is confirmed.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::domain::validation::{FieldErrors, Text};
use crate::services::accounts::Account;
use crate::services::error::ServiceError;
use crate::services::watches::{self, MatchView, WatchView};
use crate::views::pages::watch::{WatchDraft, watch_page};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, SignedIn};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct WatchForm {
    #[serde(default)]
    phrase: String,
    #[serde(default)]
    delivery: String,
}

type Shown = (Vec<WatchView>, Vec<MatchView>);

async fn read(state: &AppState, viewer: &Account) -> Result<Shown, AppError> {
    let viewer = viewer.clone();
    Ok(state
        .run(move |db| {
            let watched = watches::list(db, &viewer)?;
            Ok((watched, watches::recent_matches(db, &viewer)?))
        })
        .await?)
}

#[get("/insights/watch")]
pub async fn show_watches(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let (watched, matches) = read(&state, &signed_in.account).await?;
    let draft = WatchDraft {
        phrase: "",
        delivery: "instant",
        errors: &FieldErrors::default(),
    };
    Ok(private_html(
        StatusCode::OK,
        watch_page(
            &signed_in.visitor.chrome(),
            &signed_in.csrf_token,
            (&watched, &matches),
            &draft,
        ),
    ))
}

#[post("/insights/watch")]
pub async fn add_watch(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<WatchForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = submitted.account()?.clone();
    let (phrase, delivery) = (
        submitted.form.phrase.clone(),
        submitted.form.delivery.clone(),
    );
    let added = state
        .run(move |db| watches::create(db, &viewer, &phrase, &delivery))
        .await;
    let errors = match added {
        Ok(_) => {
            cookies::set_flash(&req, &state.config, Flash::WatchAdded);
            return Ok(see_other("/insights/watch"));
        }
        Err(ServiceError::Validation(errors)) => errors,
        Err(ServiceError::Conflict { .. }) => {
            FieldErrors::single("phrase", Text::new("refused-watch-duplicate"))
        }
        Err(other) => return Err(other.into()),
    };
    let (watched, matches) = read(&state, submitted.account()?).await?;
    let draft = WatchDraft {
        phrase: &submitted.form.phrase,
        delivery: &submitted.form.delivery,
        errors: &errors,
    };
    Ok(private_html(
        StatusCode::UNPROCESSABLE_ENTITY,
        watch_page(
            &submitted.visitor().chrome(),
            &submitted.csrf_token,
            (&watched, &matches),
            &draft,
        ),
    ))
}

#[post("/insights/watch/{id}/delete")]
pub async fn delete_watch(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let viewer = submitted.account()?.clone();
    let id = id.into_inner();
    state
        .run(move |db| watches::delete(db, &viewer, &id))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::WatchDeleted);
    Ok(see_other("/insights/watch"))
}
