//! `/admin/export`: the download form for signed-in product and admin people; a refused request
//! comes back as the form with what was asked and the reason at the field (422).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};

use super::private_html;
use crate::domain::roles::Permission;
use crate::domain::validation::FieldErrors;
use crate::services::error::ServiceError;
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
        views::export_form(
            &signed_in.visitor.chrome(),
            &ExportParams::default(),
            &FieldErrors::default(),
        ),
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
    let asked = params.into_inner();
    let params = asked.clone();
    let prepared = state
        .run(move |db| export::prepare(db, Some(&actor), &params))
        .await;
    match prepared {
        Ok(request) => Ok(crate::web::export::stream(&state, request)),
        Err(ServiceError::Validation(errors)) => Ok(private_html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::export_form(&signed_in.visitor.chrome(), &asked, &errors),
        )),
        Err(other) => Err(other.into()),
    }
}
