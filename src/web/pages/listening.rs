//! `/insights/listening` (staff): the listening posts — add a feed (its URL vetted by the guarded
//! outbound client before it is kept), stop listening to one, and turn a new entry into an idea
//! or dismiss it. A refused form comes back with what was typed and the reason at the field (422).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::domain::validation::{FieldErrors, Text};
use crate::net::outbound::UrlRefusal;
use crate::services::accounts::Account;
use crate::services::error::ServiceError;
use crate::services::listening::{self, Listening, NewFeed};
use crate::views::pages::listening::{FeedDraft, listening_page};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, SignedIn};
use crate::web::state::AppState;

const PAGE: &str = "/insights/listening";

#[derive(Debug, Deserialize)]
pub struct FeedForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    interval_minutes: String,
}

async fn read(state: &AppState, viewer: &Account) -> Result<Listening, AppError> {
    let viewer = viewer.clone();
    Ok(state.run(move |db| listening::page(db, &viewer)).await?)
}

fn render(
    status: StatusCode,
    (chrome, csrf): (&crate::views::layout::Chrome, &str),
    shown: &Listening,
    draft: &FeedDraft<'_>,
) -> HttpResponse {
    private_html(
        status,
        listening_page(chrome, csrf, (&shown.feeds, &shown.entries), draft),
    )
}

#[get("/insights/listening")]
pub async fn show_listening(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let shown = read(&state, &signed_in.account).await?;
    let draft = FeedDraft {
        name: "",
        url: "",
        interval_minutes: "",
        errors: &FieldErrors::default(),
    };
    let chrome = signed_in.visitor.chrome();
    Ok(render(
        StatusCode::OK,
        (&chrome, &signed_in.csrf_token),
        &shown,
        &draft,
    ))
}

/// The feed's URL as `url` writes it, or why it cannot be fetched.
async fn vetted_url(state: &AppState, typed: &str) -> Result<String, Text> {
    match state.outbound.vet_typed(typed).await {
        Ok(url) => Ok(url.to_string()),
        Err(UrlRefusal::Malformed) => Err(Text::new("refused-feed-url")),
        Err(UrlRefusal::NotPublic) => Err(Text::new("refused-feed-private")),
        Err(UrlRefusal::Unresolvable) => Err(Text::new("refused-feed-unresolvable")),
    }
}

#[post("/insights/listening")]
pub async fn add_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<FeedForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = submitted.account()?.clone();
    listening::may_listen(&viewer)?;
    let form = &submitted.form;
    let (url, url_refused) = match vetted_url(&state, &form.url).await {
        Ok(url) => (url, None),
        Err(refused) => (form.url.clone(), Some(refused)),
    };
    let (name, interval) = (form.name.clone(), form.interval_minutes.clone());
    let added = state
        .run(move |db| {
            let new = NewFeed {
                name: &name,
                url: &url,
                interval_minutes: &interval,
                url_refused,
            };
            listening::add_feed(db, &viewer, new)
        })
        .await;
    let errors = match added {
        Ok(_) => {
            cookies::set_flash(&req, &state.config, Flash::FeedAdded);
            return Ok(see_other(PAGE));
        }
        Err(ServiceError::Validation(errors)) => errors,
        Err(ServiceError::Conflict { .. }) => {
            FieldErrors::single("url", Text::new("refused-feed-duplicate"))
        }
        Err(other) => return Err(other.into()),
    };
    let shown = read(&state, submitted.account()?).await?;
    let draft = FeedDraft {
        name: &form.name,
        url: &form.url,
        interval_minutes: &form.interval_minutes,
        errors: &errors,
    };
    let chrome = submitted.visitor().chrome();
    Ok(render(
        StatusCode::UNPROCESSABLE_ENTITY,
        (&chrome, &submitted.csrf_token),
        &shown,
        &draft,
    ))
}

/// What a button on a feed or an entry does, by its id.
type Action = fn(&mut crate::services::Db, &Account, &str) -> crate::services::ServiceResult<()>;

/// Runs `action` on the feed or entry `id` for the one who pressed it, then back to the page
/// with `flash`.
async fn act(
    req: &HttpRequest,
    state: &AppState,
    submitted: &CsrfForm<NoFields>,
    (id, action, flash): (String, Action, Flash),
) -> Result<HttpResponse, AppError> {
    let viewer = submitted.account()?.clone();
    state.run(move |db| action(db, &viewer, &id)).await?;
    cookies::set_flash(req, &state.config, flash);
    Ok(see_other(PAGE))
}

#[post("/insights/listening/feeds/{id}/delete")]
pub async fn delete_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let todo = (
        id.into_inner(),
        listening::delete_feed as Action,
        Flash::FeedDeleted,
    );
    act(&req, &state, &submitted, todo).await
}

#[post("/insights/listening/entries/{id}/dismiss")]
pub async fn dismiss_entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let todo = (
        id.into_inner(),
        listening::dismiss as Action,
        Flash::EntryDismissed,
    );
    act(&req, &state, &submitted, todo).await
}

/// Makes the entry an idea and opens it; should the idea be refused, the page says why (422).
#[post("/insights/listening/entries/{id}/idea")]
pub async fn entry_to_idea(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let viewer = submitted.account()?.clone();
    let id = id.into_inner();
    let settings = (
        state.config.rank_half_life,
        state.config.base_url.to_string(),
    );
    let made = state
        .run(move |db| listening::turn_into_idea(db, &viewer, &id, (settings.0, &settings.1)))
        .await;
    let errors = match made {
        Ok(number) => {
            cookies::set_flash(&req, &state.config, Flash::IdeaSubmitted);
            return Ok(see_other(&format!("/ideas/{number}")));
        }
        Err(ServiceError::Validation(errors)) => errors,
        Err(other) => return Err(other.into()),
    };
    let shown = read(&state, submitted.account()?).await?;
    let draft = FeedDraft {
        name: "",
        url: "",
        interval_minutes: "",
        errors: &errors,
    };
    let chrome = submitted.visitor().chrome();
    Ok(render(
        StatusCode::UNPROCESSABLE_ENTITY,
        (&chrome, &submitted.csrf_token),
        &shown,
        &draft,
    ))
}
