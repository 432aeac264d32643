//! The board at `/`: ranked, filtered, searched, paginated.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;

use super::html;
use crate::domain::clock;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::services::ideas::{self, ListQuery};
use crate::views::pages::board::{BoardView, board};
use crate::web::extractors::Visitor;
use crate::web::state::AppState;

/// The board's query string, as typed (numbers are checked by the service).
#[derive(Debug, Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardParams {
    /// popular (the default; relevance when `q` is given), top, trending, new or discussed.
    pub sort: Option<String>,
    /// A status slug; default: the open and active statuses.
    pub status: Option<String>,
    /// A tag slug.
    pub tag: Option<String>,
    /// Words to search titles and bodies for.
    pub q: Option<String>,
    /// 1-based page number.
    #[param(value_type = Option<i64>)]
    pub page: Option<String>,
    /// Ideas per page, 1–100 (default 20).
    #[param(value_type = Option<i64>)]
    pub per_page: Option<String>,
}

impl BoardParams {
    /// The service's query; a page number that is not a number is a field error.
    pub fn to_query(&self) -> Result<ListQuery, AppError> {
        let number = |field: &'static str, raw: &Option<String>| match raw
            .as_deref()
            .filter(|r| !r.is_empty())
        {
            None => Ok(None),
            Some(raw) => raw.parse::<i64>().map(Some).map_err(|_| {
                AppError::Validation(FieldErrors::single(field, "Use a whole number."))
            }),
        };
        Ok(ListQuery {
            sort: self.sort.clone(),
            status: self.status.clone(),
            tag: self.tag.clone(),
            q: self.q.clone(),
            page: number("page", &self.page)?,
            per_page: number("per_page", &self.per_page)?,
        })
    }
}

#[get("/")]
pub async fn show_board(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    params: web::Query<BoardParams>,
) -> Result<HttpResponse, AppError> {
    let query = params.to_query()?;
    let viewer = visitor.account().cloned();
    let (list, page, statuses, tags) = state
        .run(move |conn| {
            let (list, page) = ideas::list(conn, viewer.as_ref(), &query)?;
            let (statuses, tags) = ideas::filter_choices(conn)?;
            Ok((list, page, statuses, tags))
        })
        .await?;
    let here = match req.query_string() {
        "" => "/".to_string(),
        query => format!("/?{query}"),
    };
    let view = BoardView {
        list: &list,
        page: &page,
        statuses: &statuses,
        tags: &tags,
        now: clock::now(),
        here: &here,
    };
    Ok(html(StatusCode::OK, board(&visitor.chrome(), &view)))
}
