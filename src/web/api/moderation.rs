//! Moderator routes of `/api/v1`: tags, merge and unmerge, hide, lock, ban, flags, the audit log.
//! A member calling any of them gets 403 and nothing changes (the services check).

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use serde::Deserialize;
use serde_json::{Value, json};

use super::ideas::detail_json;
use crate::error::{ApiError, AppError};
use crate::services::moderation::{self, FlagTarget};
use crate::services::{audit, ideas, merge};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

#[derive(Debug, Deserialize, Default)]
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
            ApiError(AppError::BadRequest(format!(
                "The JSON body is not valid: {e}"
            )))
        })
}

#[derive(Debug, Deserialize)]
pub struct TagBody {
    name: Option<String>,
    color: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct IdeaTagsBody {
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct MergeBody {
    into: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct FlagBody {
    idea: Option<i64>,
    comment: Option<String>,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    actor: Option<String>,
    action: Option<String>,
    page: Option<i64>,
}

#[get("/tags")]
pub async fn list_tags(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let tags = state.run(moderation::list_tags).await?;
    Ok(HttpResponse::Ok().json(json!({ "items": tags })))
}

#[post("/tags")]
pub async fn create_tag(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<TagBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = user.0;
    let tag = state
        .run(move |conn| {
            moderation::create_tag(
                conn,
                &actor,
                body.name.as_deref().unwrap_or(""),
                body.color.as_deref(),
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(tag))
}

#[patch("/tags/{slug}")]
pub async fn update_tag(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
    body: web::Json<TagBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = user.0;
    let slug = slug.into_inner();
    let tag = state
        .run(move |conn| {
            moderation::update_tag(
                conn,
                &actor,
                &slug,
                body.name.as_deref(),
                body.color.as_deref(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(tag))
}

#[delete("/tags/{slug}")]
pub async fn delete_tag(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let slug = slug.into_inner();
    state
        .run(move |conn| moderation::delete_tag(conn, &actor, &slug))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Runs a moderator action on an idea, then answers with the idea as the moderator sees it.
async fn then_idea<F>(
    state: &AppState,
    actor: crate::services::accounts::Account,
    number: i64,
    action: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(
            &mut crate::db::DbConnection,
            &crate::services::accounts::Account,
        ) -> Result<(), AppError>
        + Send
        + 'static,
{
    let idea = state
        .run(move |conn| {
            action(conn, &actor)?;
            ideas::get(conn, Some(&actor), number)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &idea)))
}

#[put("/ideas/{number}/tags")]
pub async fn set_idea_tags(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<IdeaTagsBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let tags = body.into_inner().tags;
    then_idea(&state, user.0, number, move |conn, actor| {
        moderation::set_idea_tags(conn, actor, number, &tags)
    })
    .await
}

#[post("/ideas/{number}/merge")]
pub async fn merge_idea(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<MergeBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let into = body.into.ok_or_else(|| {
        AppError::Validation(crate::domain::validation::FieldErrors::single(
            "into",
            "Name the idea number to merge into.",
        ))
    })?;
    let actor = user.0;
    let half_life = state.config.rank_half_life;
    let base_url = state.config.base_url.to_string();
    let target = state
        .run(move |conn| merge::merge(conn, &actor, number, into, half_life, &base_url))
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &target)))
}

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
        .run(move |conn| merge::unmerge(conn, &actor, number, half_life))
        .await?;
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &restored)))
}

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
            then_idea(&state, user.0, number, move |conn, actor| {
                moderation::set_idea_hidden(conn, actor, number, hide, &why)
            })
            .await
        }
        "lock" | "unlock" => {
            let lock = action == "lock";
            then_idea(&state, user.0, number, move |conn, actor| {
                moderation::set_locked(conn, actor, number, lock, &why)
            })
            .await
        }
        _ => Err(ApiError(AppError::NotFound)),
    }
}

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
        _ => return Err(ApiError(AppError::NotFound)),
    };
    let why = reason_of(&body)?;
    let actor = user.0;
    let half_life = state.config.rank_half_life;
    state
        .run(move |conn| moderation::set_comment_hidden(conn, &actor, &id, hide, &why, half_life))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

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
        _ => return Err(ApiError(AppError::NotFound)),
    };
    let why = reason_of(&body)?;
    let actor = user.0;
    let account = state
        .run(move |conn| moderation::set_banned(conn, &actor, &id, ban, &why))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "id": account.id, "email": account.email, "name": account.name, "role": account.role, "banned": account.banned,
    })))
}

#[post("/flags")]
pub async fn create_flag(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<FlagBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let target = match (body.idea, body.comment) {
        (Some(number), None) => FlagTarget::Idea(number),
        (None, Some(id)) => FlagTarget::Comment(id),
        _ => {
            return Err(ApiError(AppError::Validation(
                crate::domain::validation::FieldErrors::single(
                    "idea",
                    "Flag either an idea (\"idea\": number) or a comment (\"comment\": id).",
                ),
            )));
        }
    };
    let actor = user.0;
    state
        .run(move |conn| moderation::flag(conn, &actor, &target, &body.reason))
        .await?;
    Ok(HttpResponse::Created().json(json!({"flagged": true})))
}

#[get("/flags")]
pub async fn list_flags(
    state: web::Data<AppState>,
    user: ApiUser,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let items = state
        .run(move |conn| moderation::flag_queue(conn, &actor))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "items": items })))
}

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
        .run(move |conn| {
            audit::list(
                conn,
                &actor,
                query.actor.as_deref(),
                query.action.as_deref(),
                page,
            )
        })
        .await?;
    let items: Vec<Value> = entries.iter().map(|e| json!(e)).collect();
    Ok(HttpResponse::Ok().json(json!({ "items": items, "page": page.max(1) })))
}
