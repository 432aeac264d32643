//! The account page: the name others see, the password, (for developers) API tokens, and one's
//! own data: its download and the account's deletion.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::domain::clock;
use crate::domain::validation::FieldErrors;
use crate::services::accounts::{self, Account};
use crate::services::api_tokens::{self, TokenSummary};
use crate::services::error::ServiceError;
use crate::services::own_data::{self, Deletion};
use crate::views::pages::accounts::{self as views, AccountView, TokenRow};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, SignedIn};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct ChangePasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

#[derive(Debug, Deserialize)]
pub struct NewTokenForm {
    /// `token_name` on the page (its `name` is the person's own name field); `name` as before.
    #[serde(default, rename = "token_name", alias = "name")]
    name: String,
}

fn rows(tokens: &[TokenSummary]) -> Vec<TokenRow> {
    let day = |at| clock::rfc3339(at).chars().take(10).collect::<String>();
    tokens
        .iter()
        .map(|t| TokenRow {
            id: t.id.clone(),
            name: t.name.clone(),
            created: day(t.created_at),
            last_used: t.last_used_at.map(day),
            revoked: t.revoked_at.map(day),
        })
        .collect()
}

#[derive(Debug, Deserialize)]
pub struct NameForm {
    #[serde(default)]
    name: String,
}

/// What one response adds to the account page: a token shown once, or a refused form's errors
/// (and, for the name, what was typed).
#[derive(Default)]
struct Extras<'a> {
    new_token: Option<&'a str>,
    name_draft: Option<String>,
    name_errors: FieldErrors,
    password_errors: FieldErrors,
    token_errors: FieldErrors,
    delete_errors: FieldErrors,
}

async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    status: StatusCode,
    extras: Extras<'_>,
) -> Result<HttpResponse, AppError> {
    let account = signed_in.account.clone();
    let (tokens, ways) = state
        .run(move |db| {
            let tokens = api_tokens::list(db, &account)?;
            Ok((tokens, crate::services::sign_in::ways_of(db, &account)?))
        })
        .await?;
    let rows = rows(&tokens);
    let providers: Vec<(String, String)> = ways
        .providers
        .iter()
        .map(|(key, linked)| {
            let name = state
                .config
                .sign_in
                .provider(key)
                .map_or_else(|| key.clone(), |p| p.name.clone());
            (name, crate::domain::clock::readable(*linked))
        })
        .collect();
    let account = &signed_in.account;
    let view = AccountView {
        email: &account.email,
        name: &account.name,
        name_draft: extras.name_draft.as_deref().unwrap_or(&account.name),
        name_errors: &extras.name_errors,
        locale: account.locale.as_deref(),
        role: account.role.as_str(),
        tokens: &rows,
        new_token: extras.new_token,
        password_errors: &extras.password_errors,
        token_errors: &extras.token_errors,
        delete_errors: &extras.delete_errors,
        has_password: ways.has_password,
        passwords_on: state.config.sign_in.password_login,
        providers: &providers,
    };
    Ok(private_html(
        status,
        views::account(&signed_in.visitor.chrome(), &signed_in.csrf_token, &view),
    ))
}

#[get("/account")]
pub async fn show_account(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let extras = Extras::default();
    render(&state, &signed_in, StatusCode::OK, extras).await
}

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    locale: String,
}

/// Saves the language of one's pages and emails (empty: as the browser asks); confirmed in it.
#[post("/account/language")]
pub async fn change_language(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    let account: Account = submitted.account()?.clone();
    let change = accounts::ProfileChange {
        name: None,
        locale: Some(Some(submitted.form.locale)),
    };
    state
        .run(move |db| accounts::update_profile(db, &account, &change))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::LanguageSaved);
    Ok(see_other("/account"))
}

/// Changes the name others see; a refused name comes back at its field with what was typed.
#[post("/account/name")]
pub async fn change_name(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: CsrfForm<NameForm>,
) -> Result<HttpResponse, AppError> {
    let account: Account = submitted.account()?.clone();
    let name = submitted.form.name;
    let typed = name.clone();
    let outcome = state
        .run(move |db| accounts::rename(db, &account, &name))
        .await;
    match outcome {
        Ok(()) => {
            cookies::set_flash(&req, &state.config, Flash::NameChanged);
            Ok(see_other("/account"))
        }
        Err(ServiceError::Validation(errors)) => {
            let extras = Extras {
                name_draft: Some(typed),
                name_errors: errors,
                ..Extras::default()
            };
            render(&state, &signed_in, StatusCode::UNPROCESSABLE_ENTITY, extras).await
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/account/password")]
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: CsrfForm<ChangePasswordForm>,
) -> Result<HttpResponse, AppError> {
    let account: Account = submitted.account()?.clone();
    let keep = submitted.session_id();
    let form = submitted.form;
    let outcome = state
        .run(move |db| {
            accounts::change_password(
                db,
                &account,
                &form.current_password,
                &form.new_password,
                keep.as_deref(),
            )
        })
        .await;
    match outcome {
        Ok(()) => {
            cookies::set_flash(&req, &state.config, Flash::PasswordChanged);
            Ok(see_other("/account"))
        }
        Err(ServiceError::Validation(errors)) => {
            let extras = Extras {
                password_errors: errors,
                ..Extras::default()
            };
            render(&state, &signed_in, StatusCode::UNPROCESSABLE_ENTITY, extras).await
        }
        Err(other) => Err(other.into()),
    }
}

/// Creates a token and shows it once, on this response only.
#[post("/account/tokens")]
pub async fn create_token(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: CsrfForm<NewTokenForm>,
) -> Result<HttpResponse, AppError> {
    let account = submitted.account()?.clone();
    let name = submitted.form.name;
    let outcome = state
        .run(move |db| api_tokens::create(db, &account, &name))
        .await;
    match outcome {
        Ok(issued) => {
            let extras = Extras {
                new_token: Some(&issued.secret),
                ..Extras::default()
            };
            render(&state, &signed_in, StatusCode::CREATED, extras).await
        }
        Err(ServiceError::Validation(errors)) => {
            let mut errors = errors;
            for error in &mut errors.0 {
                if error.field == "name" {
                    error.field = "token_name";
                }
            }
            let extras = Extras {
                token_errors: errors,
                ..Extras::default()
            };
            render(&state, &signed_in, StatusCode::UNPROCESSABLE_ENTITY, extras).await
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/account/tokens/{id}/revoke")]
pub async fn revoke_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    token_id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let account = submitted.account()?.clone();
    let token_id = token_id.into_inner();
    state
        .run(move |db| api_tokens::revoke(db, &account, &token_id))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::TokenRevoked);
    Ok(see_other("/account#tokens"))
}

#[derive(Debug, Deserialize)]
pub struct PreferencesForm {
    status_changes: Option<String>,
    comments: Option<String>,
    replies: Option<String>,
    merges: Option<String>,
    storms: Option<String>,
    releases: Option<String>,
    area_ideas: Option<String>,
    weekly_summary: Option<String>,
}

#[get("/account/notifications")]
pub async fn notification_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let account = signed_in.account.clone();
    let values = state
        .run(move |db| crate::services::notifications::my_preferences(db, &account))
        .await?;
    Ok(private_html(
        StatusCode::OK,
        views::notification_preferences(
            &signed_in.visitor.chrome(),
            &signed_in.csrf_token,
            &values,
        ),
    ))
}

#[post("/account/notifications")]
pub async fn save_notifications(
    req: HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<PreferencesForm>,
) -> Result<HttpResponse, AppError> {
    let account = submitted.account()?.clone();
    let form = submitted.form;
    let mut values = Vec::new();
    for (kind, value) in [
        ("status_changes", form.status_changes),
        ("comments", form.comments),
        ("replies", form.replies),
        ("merges", form.merges),
        ("storms", form.storms),
        ("releases", form.releases),
        ("area_ideas", form.area_ideas),
        ("weekly_summary", form.weekly_summary),
    ] {
        if let Some(value) = value {
            values.push((kind, value));
        }
    }
    state
        .run(move |db| crate::services::notifications::set_my_preferences(db, &account, &values))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::PreferencesSaved);
    Ok(see_other("/account/notifications"))
}

/// Everything the board holds about you, downloaded as a JSON file.
#[get("/account/export")]
pub async fn export_own_data(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let account = signed_in.account.clone();
    let data = state.run(move |db| own_data::export(db, &account)).await?;
    let body = serde_json::to_string_pretty(&data)
        .map_err(|e| AppError::from(ServiceError::Internal(e.into())))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"ideaboard-my-data.json\"",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[derive(Debug, Deserialize)]
pub struct DeleteAccountForm {
    #[serde(default)]
    password: String,
    /// `on` when "also remove my ideas and comments" is ticked.
    remove_content: Option<String>,
}

/// Deletes your account once the password is right, signs you out and says goodbye; a wrong
/// password comes back at its field (422) with nothing changed.
#[post("/account/delete")]
pub async fn delete_account(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: CsrfForm<DeleteAccountForm>,
) -> Result<HttpResponse, AppError> {
    let account: Account = submitted.account()?.clone();
    let deletion = Deletion {
        keep_content: submitted.form.remove_content.is_none(),
        half_life: state.config.rank_half_life,
    };
    let password = submitted.form.password.clone();
    let session = submitted.session_id();
    let outcome = state
        .run(move |db| {
            let proof = own_data::Proof {
                password: &password,
                session: session.as_deref(),
            };
            own_data::delete_own(db, &account, proof, deletion)
        })
        .await;
    match outcome {
        Ok(()) => {
            cookies::queue(&req, cookies::clear_session(&state.config));
            cookies::set_flash(&req, &state.config, Flash::AccountDeleted);
            Ok(see_other("/"))
        }
        Err(ServiceError::Validation(errors)) => {
            let extras = Extras {
                delete_errors: errors,
                ..Extras::default()
            };
            render(&state, &signed_in, StatusCode::UNPROCESSABLE_ENTITY, extras).await
        }
        Err(other) => Err(other.into()),
    }
}
