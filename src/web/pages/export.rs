//! `/admin/export`: the download form for signed-in product and admin people.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};

use super::private_html;
use crate::domain::roles::Permission;
use crate::services::export::{self, ExportParams};
use crate::views::pages::export as views;
use crate::web::error::AppError;
use crate::web::extractors::SignedIn;
use crate::web::state::AppState;

#[get("/admin/export")]
pub async fn export_form(signed_in: SignedIn) -> Result<HttpResponse, AppError> {
    signed_in.account.require(Permission::Export)?;
    Ok(private_html(
        StatusCode::OK,
        views::export_form(&signed_in.visitor.chrome()),
    ))
}

/// The download itself (a GET: it reads, it changes nothing).
#[get("/admin/export/ideas")]
pub async fn download(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<ExportParams>,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.account.clone();
    let params = params.into_inner();
    let request = state
        .run(move |db| export::prepare(db, Some(&actor), &params))
        .await?;
    Ok(crate::web::export::stream(&state, request))
}
