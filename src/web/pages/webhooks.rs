//! `/admin/webhooks` (administrators): register an endpoint (its URL vetted by the guarded client
//! for webhooks; the secret shown on the answering page, once), send a test, resume a paused
//! endpoint, remove one. A refused form comes back with what was typed and the reason at the
//! field (422).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::domain::validation::{FieldErrors, Text};
use crate::services::accounts::Account;
use crate::services::error::ServiceError;
use crate::services::webhooks::{self, EndpointView};
use crate::views::layout::Chrome;
use crate::views::pages::webhooks::{EndpointDraft, webhooks_page};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, SignedIn};
use crate::web::state::AppState;

const PAGE: &str = "/admin/webhooks";

#[derive(Debug, Deserialize)]
pub struct EndpointForm {
    #[serde(default)]
    url: String,
    #[serde(default)]
    events: Vec<String>,
    #[serde(default)]
    format: String,
}

async fn endpoints(state: &AppState, viewer: &Account) -> Result<Vec<EndpointView>, AppError> {
    let viewer = viewer.clone();
    Ok(state.run(move |db| webhooks::list(db, &viewer)).await?)
}

fn render(
    status: StatusCode,
    (chrome, csrf): (&Chrome, &str),
    shown: &[EndpointView],
    draft: &EndpointDraft<'_>,
    new_secret: Option<&str>,
) -> HttpResponse {
    private_html(
        status,
        webhooks_page(chrome, csrf, shown, draft, new_secret),
    )
}

#[get("/admin/webhooks")]
pub async fn show_webhooks(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let shown = endpoints(&state, &signed_in.account).await?;
    let draft = EndpointDraft {
        url: "",
        events: &[],
        format: "json",
        errors: &FieldErrors::default(),
    };
    let chrome = signed_in.visitor.chrome();
    Ok(render(
        StatusCode::OK,
        (&chrome, &signed_in.csrf_token),
        &shown,
        &draft,
        None,
    ))
}

/// Registers the endpoint and answers with the page showing its secret (not a redirect: the
/// secret travels in no cookie and no address).
#[post("/admin/webhooks")]
pub async fn add_webhook(
    state: web::Data<AppState>,
    submitted: CsrfForm<EndpointForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = submitted.account()?.clone();
    webhooks::may_manage(&viewer)?;
    let form = &submitted.form;
    let (checked, refused) = crate::web::webhook_fields::checked(
        &state,
        &form.url,
        &form.events,
        Some(form.format.as_str()),
    )
    .await;
    let registered = state
        .run(move |db| webhooks::register(db, &viewer, checked, refused))
        .await;
    let chrome = submitted.visitor().chrome();
    let (status, errors, secret) = match registered {
        Ok(registered) => (
            StatusCode::OK,
            FieldErrors::default(),
            Some(registered.secret),
        ),
        Err(ServiceError::Validation(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
        Err(ServiceError::Conflict { .. }) => (
            StatusCode::CONFLICT,
            FieldErrors::single("url", Text::new("refused-webhook-exists")),
            None,
        ),
        Err(other) => return Err(other.into()),
    };
    let shown = endpoints(&state, submitted.account()?).await?;
    let kept: &[String] = if secret.is_some() { &[] } else { &form.events };
    let draft = EndpointDraft {
        url: if secret.is_some() { "" } else { &form.url },
        events: kept,
        format: &form.format,
        errors: &errors,
    };
    Ok(render(
        status,
        (&chrome, &submitted.csrf_token),
        &shown,
        &draft,
        secret.as_deref(),
    ))
}

/// What a button on an endpoint does, by its id.
type Action =
    fn(&mut crate::services::Db, &Account, &str, &str) -> crate::services::ServiceResult<()>;

/// Runs `action` on endpoint `id` for the one who pressed it, then back to the page with `flash`.
async fn act(
    req: &HttpRequest,
    state: &AppState,
    submitted: &CsrfForm<NoFields>,
    (id, action, flash): (String, Action, Flash),
) -> Result<HttpResponse, AppError> {
    let viewer = submitted.account()?.clone();
    let base_url = state.config.base_url.to_string();
    state
        .run(move |db| action(db, &viewer, &id, &base_url))
        .await?;
    state.wake_senders();
    cookies::set_flash(req, &state.config, flash);
    Ok(see_other(PAGE))
}

#[post("/admin/webhooks/{id}/test")]
pub async fn test_webhook(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let todo = (
        id.into_inner(),
        webhooks::send_test as Action,
        Flash::WebhookTestQueued,
    );
    act(&req, &state, &submitted, todo).await
}

#[post("/admin/webhooks/{id}/resume")]
pub async fn resume_webhook(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let resume: Action = |db, viewer, id, _| webhooks::resume(db, viewer, id);
    let todo = (id.into_inner(), resume, Flash::WebhookResumed);
    act(&req, &state, &submitted, todo).await
}

#[post("/admin/webhooks/{id}/delete")]
pub async fn delete_webhook(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let delete: Action = |db, viewer, id, _| webhooks::delete(db, viewer, id);
    let todo = (id.into_inner(), delete, Flash::WebhookDeleted);
    act(&req, &state, &submitted, todo).await
}
