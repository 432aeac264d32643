//! Moderator pages under `/mod`: flags, audit log, tags, and the idea tools' form posts.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::domain::ids::{CommentId, UserId};
use crate::domain::read::PastLastPage;
use crate::domain::validation::{FieldErrors, Text};
use crate::services::error::ServiceError;
use crate::services::moderation::{self, FlagTarget};
use crate::services::{audit, merge, tags};
use crate::views::pages::moderation as views;
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, SignedIn};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct ResolveForm {
    idea: Option<String>,
    comment: Option<String>,
    #[serde(default)]
    decision: String,
}

#[derive(Debug, Deserialize)]
pub struct AuditParams {
    actor: Option<String>,
    action: Option<String>,
    page: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct IdeaToolForm {
    into: Option<String>,
    #[serde(default)]
    reason: String,
    /// The tags chosen (`tags`, one field per checkbox).
    #[serde(default)]
    tags: Vec<String>,
    /// Where to come back to (a local path), instead of the idea.
    return_to: Option<String>,
}

#[get("/mod/flags")]
pub async fn show_flags(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.account.clone();
    let items = state
        .run(move |db| moderation::flag_queue(db, &actor))
        .await?;
    Ok(private_html(
        StatusCode::OK,
        views::flags(&signed_in.visitor.chrome(), &signed_in.csrf_token, &items),
    ))
}

#[post("/mod/flags/resolve")]
pub async fn resolve_flags(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<ResolveForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let form = submitted.form;
    let target = match (form.idea.as_deref().map(str::parse::<i64>), form.comment) {
        (Some(Ok(number)), _) => FlagTarget::Idea(number),
        (None, Some(comment)) => FlagTarget::Comment(CommentId::from_stored(comment)),
        _ => {
            return Err(ServiceError::BadRequest(Text::new("refused-flags-target").into()).into());
        }
    };
    let hide = form.decision == "hide";
    let half_life = state.config.rank_half_life;
    state
        .run(move |db| moderation::resolve_flags(db, &actor, &target, hide, half_life))
        .await?;
    let flash = if hide {
        Flash::FlaggedHidden
    } else {
        Flash::FlagsDismissed
    };
    cookies::set_flash(&req, &state.config, flash);
    Ok(see_other("/mod/flags"))
}

#[get("/mod/audit")]
pub async fn show_audit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<AuditParams>,
) -> Result<HttpResponse, AppError> {
    let params = params.into_inner();
    let actor = signed_in.account.clone();
    let action = params.action.clone().filter(|a| !a.is_empty());
    let filter_action = action.clone();
    let entries = state
        .run(move |db| {
            audit::list(
                db,
                &actor,
                params.actor.map(UserId::from_stored).as_ref(),
                filter_action.as_deref(),
                params.page.unwrap_or(1),
                PastLastPage::ShowLast,
            )
        })
        .await?;
    let page = views::audit(
        &signed_in.visitor.chrome(),
        &entries.items,
        action.as_deref().unwrap_or(""),
    );
    Ok(private_html(StatusCode::OK, page))
}

/// Everything hidden, to show any of it again.
#[get("/mod/hidden")]
pub async fn show_hidden(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.account.clone();
    let items = state
        .run(move |db| crate::services::hidden::hidden_items(db, &actor))
        .await?;
    let page = views::hidden(&signed_in.visitor.chrome(), &signed_in.csrf_token, &items);
    Ok(private_html(StatusCode::OK, page))
}

/// The idea page's moderator forms: merge, unmerge, hide, unhide, lock, unlock.
#[post("/mod/ideas/{number}/{action}")]
pub async fn idea_tool(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    submitted: CsrfForm<IdeaToolForm>,
) -> Result<HttpResponse, AppError> {
    let (number, action) = path.into_inner();
    let actor = submitted.account()?.clone();
    let form = submitted.form;
    let return_to = form.return_to.clone();
    let half_life = state.config.rank_half_life;
    let base_url = state.config.base_url.to_string();
    let into = form
        .into
        .as_deref()
        .map(|i| i.trim().trim_start_matches('#').parse::<i64>());
    let flash = match action.as_str() {
        "merge" => Flash::Merged,
        "unmerge" => Flash::Unmerged,
        "hide" => Flash::IdeaHidden,
        "unhide" => Flash::IdeaShown,
        "lock" => Flash::Locked,
        "tags" => Flash::TagsSaved,
        _ => Flash::Unlocked,
    };
    let landing = state
        .run(move |db| match action.as_str() {
            "merge" => match into {
                Some(Ok(into)) => merge::merge(db, &actor, number, into, half_life, &base_url)
                    .map(|t| t.card.number),
                _ => Err(ServiceError::Validation(FieldErrors::single(
                    "into",
                    Text::new("refused-merge-into"),
                ))),
            },
            "unmerge" => merge::unmerge(db, &actor, number, half_life).map(|_| number),
            "hide" | "unhide" => {
                moderation::set_idea_hidden(db, &actor, number, action == "hide", &form.reason)
                    .map(|_| number)
            }
            "tags" => tags::set_idea_tags(db, &actor, number, &form.tags).map(|_| number),
            "lock" | "unlock" => {
                moderation::set_locked(db, &actor, number, action == "lock", &form.reason)
                    .map(|_| number)
            }
            _ => Err(ServiceError::NotFound),
        })
        .await?;
    state.wake_senders();
    cookies::set_flash(&req, &state.config, flash);
    let idea = format!("/ideas/{landing}");
    Ok(see_other(&super::safe_return_path(
        return_to.as_deref(),
        &idea,
    )))
}

#[derive(Debug, Deserialize)]
pub struct FlagForm {
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Deserialize)]
pub struct BanForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    decision: String,
}

/// Any signed-in person flags an idea for moderators.
#[post("/ideas/{number}/flag")]
pub async fn flag_idea(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    number: web::Path<i64>,
    submitted: CsrfForm<FlagForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let number = number.into_inner();
    let reason = submitted.form.reason;
    let flash = state
        .run(move |db| {
            flag_outcome(moderation::flag(
                db,
                &actor,
                &FlagTarget::Idea(number),
                &reason,
            ))
        })
        .await?;
    cookies::set_flash(&req, &state.config, flash);
    Ok(see_other(&format!("/ideas/{number}")))
}

/// A flag taken, or one this person had already given (told as such, not as an error page).
fn flag_outcome(flagged: Result<(), ServiceError>) -> Result<Flash, ServiceError> {
    use Flash;
    match flagged {
        Ok(()) => Ok(Flash::Flagged),
        Err(ServiceError::Conflict {
            code: "already_flagged",
            ..
        }) => Ok(Flash::AlreadyFlagged),
        Err(other) => Err(other),
    }
}

/// Any signed-in person flags a comment for moderators.
#[post("/comments/{id}/flag")]
pub async fn flag_comment(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<FlagForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let id = id.into_inner();
    let reason = submitted.form.reason;
    let (number, flash) = state
        .run(move |db| {
            let id = CommentId::from_stored(id);
            let flagged = moderation::flag(db, &actor, &FlagTarget::Comment(id.clone()), &reason);
            let flash = flag_outcome(flagged)?;
            Ok((crate::services::comments::idea_number_of(db, &id)?, flash))
        })
        .await?;
    cookies::set_flash(&req, &state.config, flash);
    Ok(see_other(&format!("/ideas/{number}#comments")))
}

#[get("/mod/users")]
pub async fn show_ban_form(signed_in: SignedIn) -> Result<HttpResponse, AppError> {
    if !signed_in
        .account
        .actor()
        .can(crate::domain::roles::Permission::Ban)
    {
        return Err(ServiceError::forbidden().into());
    }
    let draft = views::BanDraft {
        email: "",
        reason: "",
        unban: false,
        errors: &FieldErrors::default(),
    };
    Ok(private_html(
        StatusCode::OK,
        views::ban_form(&signed_in.visitor.chrome(), &signed_in.csrf_token, &draft),
    ))
}

/// Bans or unbans `email`'s account: `Ok(Err(..))` is a refusal to show at the form's fields
/// (no such account, an admin or oneself, no reason).
fn apply_ban(
    db: &mut crate::services::Db,
    actor: &crate::services::accounts::Account,
    form: &BanForm,
) -> Result<Result<(), FieldErrors>, ServiceError> {
    let target = match moderation::find_user_by_email(db, actor, &form.email) {
        Ok(target) => target,
        Err(ServiceError::NotFound) => {
            return Ok(Err(FieldErrors::single(
                "email",
                Text::new("refused-no-account"),
            )));
        }
        Err(other) => return Err(other),
    };
    let ban = form.decision != "unban";
    match moderation::set_banned(db, actor, &target.id, ban, &form.reason) {
        Ok(_) => Ok(Ok(())),
        Err(ServiceError::Validation(errors)) => Ok(Err(errors)),
        // The actor may ban (the look-up checked): this is the rule about admins and oneself.
        Err(ServiceError::Forbidden(refusal)) => Ok(Err(FieldErrors::single("email", refusal))),
        Err(other) => Err(other),
    }
}

/// Bans or unbans the person with this email.
#[post("/mod/users")]
pub async fn ban_user(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<BanForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let form = BanForm {
        email: submitted.form.email.clone(),
        reason: submitted.form.reason.clone(),
        decision: submitted.form.decision.clone(),
    };
    let unban = form.decision == "unban";
    let outcome = state.run(move |db| apply_ban(db, &actor, &form)).await?;
    if let Err(errors) = outcome {
        let visitor = submitted.visitor();
        let draft = views::BanDraft {
            email: &submitted.form.email,
            reason: &submitted.form.reason,
            unban,
            errors: &errors,
        };
        return Ok(private_html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::ban_form(&visitor.chrome(), &submitted.csrf_token, &draft),
        ));
    }
    let flash = if unban {
        Flash::Unbanned
    } else {
        Flash::Banned
    };
    cookies::set_flash(&req, &state.config, flash);
    Ok(see_other("/mod/audit"))
}

#[derive(Debug, Deserialize)]
pub struct BanAuthorForm {
    #[serde(default)]
    reason: String,
    return_to: Option<String>,
}

/// "Ban <name>" on an idea page: a ban by account, for moderators who never see addresses.
#[post("/mod/users/{id}/ban")]
pub async fn ban_author(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<BanAuthorForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let target = UserId::from_stored(id.into_inner());
    let reason = submitted.form.reason.clone();
    state
        .run(move |db| moderation::set_banned(db, &actor, &target, true, &reason))
        .await?;
    cookies::set_flash(&req, &state.config, Flash::Banned);
    let back = super::safe_return_path(submitted.form.return_to.as_deref(), "/mod/audit");
    Ok(see_other(&back))
}

/// Hides a comment (with a reason) or shows it again, from under the comment on the idea page.
#[post("/mod/comments/{id}/{action}")]
pub async fn comment_tool(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    submitted: CsrfForm<IdeaToolForm>,
) -> Result<HttpResponse, AppError> {
    let (id, action) = path.into_inner();
    let hide = match action.as_str() {
        "hide" => true,
        "unhide" => false,
        _ => return Err(AppError::not_found()),
    };
    let actor = submitted.account()?.clone();
    let reason = submitted.form.reason.clone();
    let return_to = submitted.form.return_to.clone();
    let half_life = state.config.rank_half_life;
    let id = CommentId::from_stored(id);
    let shown = id.clone();
    let number = state
        .run(move |db| {
            moderation::set_comment_hidden(db, &actor, &id, hide, &reason, half_life)?;
            crate::services::comments::idea_number_of(db, &id)
        })
        .await?;
    let flash = if hide {
        Flash::CommentHidden
    } else {
        Flash::CommentShown
    };
    cookies::set_flash(&req, &state.config, flash);
    let comment = format!("/ideas/{number}?comment={shown}");
    Ok(see_other(&super::safe_return_path(
        return_to.as_deref(),
        &comment,
    )))
}
