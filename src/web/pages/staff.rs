//! `/mod` and `/admin`: the staff's landing pages.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};

use super::private_html;
use crate::services::staff_home::{self, StaffPage};
use crate::views::pages::staff as views;
use crate::web::error::AppError;
use crate::web::extractors::SignedIn;
use crate::web::state::AppState;

async fn landing(
    state: &AppState,
    signed_in: SignedIn,
    which: StaffPage,
    heading: &str,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.account.clone();
    let summary = state
        .run(move |db| staff_home::summary(db, &actor, which))
        .await?;
    Ok(private_html(
        StatusCode::OK,
        views::staff_home(
            &signed_in.visitor.chrome(),
            heading,
            signed_in.account.role,
            &summary,
        ),
    ))
}

#[get("/mod")]
pub async fn moderation_home(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    landing(&state, signed_in, StaffPage::Moderation, "staff-moderation").await
}

#[get("/admin")]
pub async fn admin_home(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    landing(
        &state,
        signed_in,
        StaffPage::Administration,
        "staff-administration",
    )
    .await
}
