//! Product area routes of `/api/v1`: the list, with owners and open-idea counts, and creating
//! one (admins).

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ideas::detail_json;
use super::objects::IdeaObject;
use crate::domain::read::AreaView;
use crate::domain::validation::{FieldErrors, Text};
use crate::services::areas::{self, AreaChange, AreaInput};
use crate::services::error::ServiceError;
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::{ApiUser, MaybeApiUser};
use crate::web::state::AppState;

/// A new area: its name, Markdown description, owners (email addresses of product, moderator or
/// admin accounts) and names per language.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AreaBody {
    name: String,
    description: Option<String>,
    owners: Vec<String>,
    /// Names by language tag (`{"de": "Akkus"}`), each at most 40 characters.
    names: Option<std::collections::BTreeMap<String, String>>,
}

/// The area to put an idea in: a slug, or null for none (the field is required).
#[derive(Debug, Deserialize, ToSchema)]
pub struct IdeaAreaBody {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    area: Option<Option<String>>,
}

/// A field that is there: `Some(None)` for null, `None` (by default) when it is absent.
pub(super) fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

impl IdeaAreaBody {
    /// The slug asked for, `None` for none; an absent field is refused at `area`.
    fn slug(self) -> Result<Option<String>, ServiceError> {
        self.area.ok_or_else(|| {
            ServiceError::Validation(FieldErrors::single(
                "area",
                Text::new("refused-area-missing"),
            ))
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AreaItems {
    pub items: Vec<AreaView>,
}

/// Every product area with its owners (their email addresses for staff) and open ideas.
#[utoipa::path(
    tag = "areas",
    responses(
        (status = 200, description = "Every area, by position", body = AreaItems),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
    )
)]
#[get("/areas")]
pub async fn list_areas(
    state: web::Data<AppState>,
    user: MaybeApiUser,
) -> Result<HttpResponse, ApiError> {
    let viewer = user.0;
    let items = state
        .run(move |db| areas::list_areas(db, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(AreaItems { items }))
}

/// Create a product area (admins).
#[utoipa::path(
    tag = "areas",
    request_body = AreaBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new area", body = AreaView),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "An area with that slug exists", body = ErrorBody),
        (status = 422, description = "A field is not valid, or an owner is not a staff account", body = ErrorBody),
    )
)]
#[post("/areas")]
pub async fn create_area(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<AreaBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = user.0;
    let input = AreaInput {
        name: body.name,
        description: body.description.unwrap_or_default(),
        owners: body.owners,
        names: body.names,
    };
    let area = state
        .run(move |db| areas::create_area(db, &actor, &input))
        .await?;
    Ok(HttpResponse::Created().json(area))
}

/// What to change of an area: any of its fields (`owners` replaces them all). Its slug stays.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AreaPatch {
    name: Option<String>,
    description: Option<String>,
    owners: Option<Vec<String>>,
    names: Option<std::collections::BTreeMap<String, String>>,
    /// Where it stands among the areas (smaller first).
    position: Option<i64>,
}

/// Change a product area (admins).
#[utoipa::path(
    tag = "areas",
    params(("slug" = String, Path, description = "The area's slug")),
    request_body = AreaPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The area as changed", body = AreaView),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such area", body = ErrorBody),
        (status = 422, description = "A field is not valid, or an owner is not a staff account", body = ErrorBody),
    )
)]
#[patch("/areas/{slug}")]
pub async fn update_area(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
    body: web::Json<AreaPatch>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let change = AreaChange {
        name: body.name,
        description: body.description,
        owners: body.owners,
        names: body.names,
        position: body.position,
    };
    let actor = user.0;
    let slug = slug.into_inner();
    let area = state
        .run(move |db| areas::update_area(db, &actor, &slug, &change))
        .await?;
    Ok(HttpResponse::Ok().json(area))
}

/// Delete a product area (admins); its ideas stay, in no area.
#[utoipa::path(
    tag = "areas",
    params(("slug" = String, Path, description = "The area's slug")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such area", body = ErrorBody),
    )
)]
#[delete("/areas/{slug}")]
pub async fn delete_area(
    state: web::Data<AppState>,
    user: ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let actor = user.0;
    let slug = slug.into_inner();
    state
        .run(move |db| areas::delete_area(db, &actor, &slug))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Put an idea in a product area, or in none (product, moderators, admins).
#[utoipa::path(
    tag = "areas",
    request_body = IdeaAreaBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The idea", body = IdeaObject),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not staff", body = ErrorBody),
        (status = 404, description = "No such idea", body = ErrorBody),
        (status = 409, description = "The idea is merged", body = ErrorBody),
        (status = 422, description = "No such area, or no `area` sent", body = ErrorBody),
    )
)]
#[put("/ideas/{number}/area")]
pub async fn set_idea_area(
    state: web::Data<AppState>,
    user: ApiUser,
    number: web::Path<i64>,
    body: web::Json<IdeaAreaBody>,
) -> Result<HttpResponse, ApiError> {
    let number = number.into_inner();
    let area = body.into_inner().slug()?;
    let actor = user.0;
    let idea = state
        .run(move |db| areas::set_idea_area(db, &actor, number, area.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(detail_json(&state.config, &idea)))
}
