//! `GET /api/v1/triage`: the ideas that wait for an official answer (staff), and the query both
//! it and the inbox page read.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ideas::card_objects;
use super::objects::IdeaObject;
use crate::domain::ids::IdeaId;
use crate::domain::validation::{FieldErrors, Text};
use crate::services::board;
use crate::services::error::ServiceError;
use crate::services::triage::{self, InboxQuery};
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extractors::ApiUser;
use crate::web::state::AppState;

/// The inbox's query string, as typed.
#[derive(Debug, Deserialize, Default, Clone, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TriageParams {
    /// A product area's slug.
    pub area: Option<String>,
    /// `true`: only the areas the caller owns.
    #[param(value_type = Option<bool>)]
    pub mine: Option<String>,
    /// `true`: only ideas in no area yet.
    #[param(value_type = Option<bool>)]
    pub unsorted: Option<String>,
    /// `true`: only ideas that have waited longer than the response target.
    #[param(value_type = Option<bool>)]
    pub past_target: Option<String>,
    /// `true`: instead of the waiting ideas, those whose latest official answer more people
    /// found unhelpful than helpful (the other filters do not apply).
    #[param(value_type = Option<bool>)]
    pub answer_again: Option<String>,
    /// 1-based page number (20 ideas a page).
    #[param(value_type = Option<i64>)]
    pub page: Option<String>,
}

/// `true`, `1` or `on` (a ticked checkbox) is yes; `false`, `0` or nothing is no.
fn yes_or_no(field: &'static str, raw: Option<&str>) -> Result<bool, ServiceError> {
    match raw.map(str::trim).unwrap_or("") {
        "true" | "1" | "on" => Ok(true),
        "false" | "0" | "" => Ok(false),
        _ => Err(ServiceError::Validation(FieldErrors::single(
            field,
            Text::new("refused-yes-or-no"),
        ))),
    }
}

impl TriageParams {
    /// The service's query; a flag that is not yes or no, or a page that is not a whole number,
    /// is a field error.
    pub fn to_query(&self) -> Result<InboxQuery, ServiceError> {
        let page = match self
            .page
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            None => 1,
            Some(raw) => raw.parse::<i64>().map_err(|_| {
                ServiceError::Validation(FieldErrors::single(
                    "page",
                    Text::new("refused-whole-number"),
                ))
            })?,
        };
        Ok(InboxQuery {
            area: self.area.clone().filter(|a| !a.trim().is_empty()),
            mine: yes_or_no("mine", self.mine.as_deref())?,
            unsorted: yes_or_no("unsorted", self.unsorted.as_deref())?,
            past_target: yes_or_no("past_target", self.past_target.as_deref())?,
            answer_again: yes_or_no("answer_again", self.answer_again.as_deref())?,
            page,
        })
    }
}

/// A page of the inbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct TriagePage {
    /// Oldest first.
    pub items: Vec<IdeaObject>,
    /// Waiting ideas the filters keep, across all pages.
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// The live ideas that wait for an official answer, oldest first (product, moderators, admins).
#[utoipa::path(
    tag = "triage",
    params(TriageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of waiting ideas", body = TriagePage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not staff", body = ErrorBody),
        (status = 422, description = "An unknown area, or a flag or page that cannot be read", body = ErrorBody),
    )
)]
#[get("/triage")]
pub async fn triage_inbox(
    state: web::Data<AppState>,
    user: ApiUser,
    params: web::Query<TriageParams>,
) -> Result<HttpResponse, ApiError> {
    let query = params.to_query()?;
    let viewer = user.0;
    let (policy, now) = (state.config.response, state.clock.now());
    let (inbox, bodies) = state
        .run(move |db| {
            let inbox = triage::inbox(db, &viewer, &query, policy, now)?;
            let ids: Vec<IdeaId> = inbox.rows.iter().map(|r| r.card.id.clone()).collect();
            let bodies = board::bodies(db, Some(&viewer), &ids)?;
            Ok((inbox, bodies))
        })
        .await?;
    let cards: Vec<_> = inbox.rows.into_iter().map(|row| row.card).collect();
    Ok(HttpResponse::Ok().json(TriagePage {
        items: card_objects(&state.config, &cards, &bodies),
        total: inbox.total,
        page: inbox.page,
        per_page: inbox.per_page,
    }))
}
