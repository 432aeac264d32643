//! Moderator routes of `/api/v1`: tags, merge and unmerge, hide, lock, ban, flags, the audit log.
//! A member calling any of them gets 403 and nothing changes (the services check).

use actix_web::{HttpResponse, get, post, put, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::ideas::detail_json;
use super::objects::{AuditPage, FlagItems, Flagged, IdeaObject, UserObject};
use crate::domain::ids::{CommentId, UserId};
use crate::domain::read::PastLastPage;
use crate::services::Db;
use crate::services::error::ServiceError;
use crate::services::moderation::{self, FlagTarget};
use crate::services::tags;
use crate::services::{audit, ideas, merge};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// Why, for the audit log (optional; the body may be empty).
#[derive(Debug, Deserialize, Default, ToSchema)]
pub struct ReasonBody {
    #[serde(default)]
    reason: String,
}

/// An optional JSON body with a `reason`.
fn reason_of(body: &web::Bytes) -> Result<String, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(String::new());
    }
    serde_json::from_slice::<ReasonBody>(body)
        .map(|b| b.reason)
        .map_err(|e| {
            ApiError::from(ServiceError::BadRequest(
                format!("The JSON body is not valid: {e}").into(),
            ))
        })
}

/// The idea's complete set of tag slugs.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IdeaTagsBody {
    #[serde(default)]
    tags: Vec<String>,
}

/// The number of the idea to merge into.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeBody {
    into: Option<i64>,
}

/// Either `idea` (a number) or `comment` (an id), and a reason.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FlagBody {
    idea: Option<i64>,
    comment: Option<String>,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only entries by this account id.
    actor: Option<String>,
    /// Only this action, e.g. merge, hide, ban.
    action: Option<String>,
    /// 1-based page number.
    page: Option<i64>,
}

/// Runs a moderator action on an idea, then answers with the idea as the moderator sees it.
async fn then_idea<F>(
    state: &AppState,
    actor: crate::services::accounts::Account,
    number: i64,
    action: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut Db, &crate::services::accounts::Account) -> Result<(), ServiceError>
        + Send
        + 'static,
{
    let idea = state
        .run(move |db| {
            action(db, &actor)?;
            ideas::get(db, Some(&actor), number)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &idea)))
}

/// Set an idea's tags (moderators).
#[utoipa::path(
    tag = "moderation",
    params(("number" = i64, Path, description = "The idea's number")),
    request_body = IdeaTagsBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The idea with its new tags (moderator)", body = IdeaObject),
        (status = 403, description = "Not a moderator", body = ErrorBody),
        (status = 404, description = "No such idea", body = ErrorBody),
        (status = 422, description = "An unknown tag", body = ErrorBody),
    )
)]
#[put("/ideas/{number}/tags")]
pub async fn set_idea_tags(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<IdeaTagsBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let tags = body.into_inner().tags;
    then_idea(&state, user.0, number, move |db, actor| {
        tags::set_idea_tags(db, actor, number, &tags)
    })
    .await
}

/// Merge a duplicate into another idea, moving votes, comments and followers (moderators).
#[utoipa::path(
    tag = "moderation",
    params(("number" = i64, Path, description = "The idea's number")),
    request_body = MergeBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The idea merged into, with the votes, comments and followers moved (moderator)", body = IdeaObject),
        (status = 403, description = "Not a moderator", body = ErrorBody),
        (status = 404, description = "No such idea", body = ErrorBody),
        (status = 409, description = "Into itself, or into a merged idea", body = ErrorBody),
        (status = 422, description = "into is missing", body = ErrorBody),
    )
)]
#[post("/ideas/{number}/merge")]
pub async fn merge_idea(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<MergeBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let into = body.into.ok_or_else(|| {
        ServiceError::Validation(crate::domain::validation::FieldErrors::single(
            "into",
            "Name the idea number to merge into.",
        ))
    })?;
    let actor = user.0;
    let half_life = state.config.rank_half_life;
    let base_url = state.config.base_url.to_string();
    let target = state
        .run(move |db| merge::merge(db, &actor, number, into, half_life, &base_url))
        .await?;
    state.wake_senders();
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &target)))
}

/// Undo a merge, restoring the idea as it was (moderators).
#[utoipa::path(
    tag = "moderation",
    params(("number" = i64, Path, description = "The idea's number")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The idea restored as it was before the merge (moderator)", body = IdeaObject),
        (status = 403, description = "Not a moderator", body = ErrorBody),
        (status = 404, description = "No such idea", body = ErrorBody),
        (status = 409, description = "Not merged", body = ErrorBody),
    )
)]
#[post("/ideas/{number}/unmerge")]
pub async fn unmerge_idea(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let actor = user.0;
    let half_life = state.config.rank_half_life;
    let restored = state
        .run(move |db| merge::unmerge(db, &actor, number, half_life))
        .await?;
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &restored)))
}

/// Hide, unhide, lock or unlock an idea (moderators).
#[utoipa::path(
    tag = "moderation",
    params(
        ("number" = i64, Path, description = "The idea's number"),
        ("action" = String, Path, description = "hide, unhide, lock or unlock", example = "lock"),
    ),
    request_body(content = Option<ReasonBody>, description = "Optional reason"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The idea after the action (moderator)", body = IdeaObject),
        (status = 403, description = "Not a moderator", body = ErrorBody),
        (status = 404, description = "No such idea or action", body = ErrorBody),
    )
)]
#[post("/ideas/{number}/{action}")]
pub async fn moderate_idea(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<(i64, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let (number, action) = path.into_inner();
    let why = reason_of(&body)?;
    match action.as_str() {
        "hide" | "unhide" => {
            let hide = action == "hide";
            then_idea(&state, user.0, number, move |db, actor| {
                moderation::set_idea_hidden(db, actor, number, hide, &why)
            })
            .await
        }
        "lock" | "unlock" => {
            let lock = action == "lock";
            then_idea(&state, user.0, number, move |db, actor| {
                moderation::set_locked(db, actor, number, lock, &why)
            })
            .await
        }
        _ => Err(ApiError::from(ServiceError::NotFound)),
    }
}

/// Hide or unhide a comment (moderators).
#[utoipa::path(
    tag = "moderation",
    params(
        ("id" = String, Path, description = "The comment id"),
        ("action" = String, Path, description = "hide or unhide", example = "hide"),
    ),
    request_body(content = Option<ReasonBody>, description = "Optional reason"),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Done (moderator)"),
        (status = 403, description = "Not a moderator", body = ErrorBody),
        (status = 404, description = "No such comment or action", body = ErrorBody),
    )
)]
#[post("/comments/{id}/{action}")]
pub async fn moderate_comment(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let (id, action) = path.into_inner();
    let hide = match action.as_str() {
        "hide" => true,
        "unhide" => false,
        _ => return Err(ApiError::from(ServiceError::NotFound)),
    };
    let why = reason_of(&body)?;
    let actor = user.0;
    let half_life = state.config.rank_half_life;
    state
        .run(move |db| {
            moderation::set_comment_hidden(
                db,
                &actor,
                &CommentId::from_stored(id),
                hide,
                &why,
                half_life,
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ban or unban an account (moderators).
#[utoipa::path(
    tag = "moderation",
    params(
        ("id" = String, Path, description = "The account id"),
        ("action" = String, Path, description = "ban or unban", example = "ban"),
    ),
    request_body(content = Option<ReasonBody>, description = "Optional reason"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account with its ban state (moderator)", body = UserObject),
        (status = 403, description = "Not a moderator, or a staff account", body = ErrorBody),
        (status = 404, description = "No such account or action", body = ErrorBody),
    )
)]
#[post("/users/{id}/{action}")]
pub async fn moderate_user(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let (id, action) = path.into_inner();
    let ban = match action.as_str() {
        "ban" => true,
        "unban" => false,
        _ => return Err(ApiError::from(ServiceError::NotFound)),
    };
    let why = reason_of(&body)?;
    let actor = user.0;
    let account = state
        .run(move |db| moderation::set_banned(db, &actor, &UserId::from_stored(id), ban, &why))
        .await?;
    Ok(HttpResponse::Ok().json(UserObject::with_ban(&account)))
}

/// Flag an idea or a comment for the moderators.
#[utoipa::path(
    tag = "moderation",
    request_body = FlagBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Flagged for the moderators", body = Flagged),
        (status = 404, description = "No such idea or comment", body = ErrorBody),
        (status = 422, description = "Neither or both of idea and comment", body = ErrorBody),
    )
)]
#[post("/flags")]
pub async fn create_flag(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<FlagBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let target = match (body.idea, body.comment) {
        (Some(number), None) => FlagTarget::Idea(number),
        (None, Some(id)) => FlagTarget::Comment(CommentId::from_stored(id)),
        _ => {
            return Err(ApiError::from(ServiceError::Validation(
                crate::domain::validation::FieldErrors::single(
                    "idea",
                    "Flag either an idea (\"idea\": number) or a comment (\"comment\": id).",
                ),
            )));
        }
    };
    let actor = user.0;
    state
        .run(move |db| moderation::flag(db, &actor, &target, &body.reason))
        .await?;
    Ok(HttpResponse::Created().json(Flagged { flagged: true }))
}

/// The flag queue, most flagged first (moderators).
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The flag queue, most flagged first (moderator)", body = FlagItems),
        (status = 403, description = "Not a moderator", body = ErrorBody),
    )
)]
#[get("/flags")]
pub async fn list_flags(
    state: web::Data<AppState>,
    user: ApiUser,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let items = state
        .run(move |db| moderation::flag_queue(db, &actor))
        .await?;
    Ok(HttpResponse::Ok().json(FlagItems { items }))
}

/// The audit log, newest first, filterable by actor and action (moderators).
#[utoipa::path(
    tag = "moderation",
    params(AuditQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The audit log, newest first (moderator)", body = AuditPage),
        (status = 403, description = "Not a moderator", body = ErrorBody),
    )
)]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    user: ApiUser,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let actor = user.0;
    let page = query.page.unwrap_or(1);
    let entries = state
        .run(move |db| {
            audit::list(
                db,
                &actor,
                query.actor.map(UserId::from_stored).as_ref(),
                query.action.as_deref(),
                page,
                PastLastPage::Refuse,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(AuditPage {
        page: entries.page,
        items: entries.items,
    }))
}
