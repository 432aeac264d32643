//! `/triage`: the inbox of ideas waiting for an official answer (staff; members get 403).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};

use super::private_html;
use crate::domain::roles::Permission;
use crate::services::{areas, pipeline, triage};
use crate::views::pages::triage::{TriageView, triage_page};
use crate::web::api::triage::TriageParams;
use crate::web::error::AppError;
use crate::web::extractors::SignedIn;
use crate::web::state::AppState;

#[get("/triage")]
pub async fn inbox(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<TriageParams>,
) -> Result<HttpResponse, AppError> {
    let query = params.to_query()?;
    let viewer = signed_in.account.clone();
    let (policy, now) = (state.config.response, state.clock.now());
    let asked = query.clone();
    let (inbox, area_choices, statuses) = state
        .run(move |db| {
            let inbox = triage::inbox(db, &viewer, &asked, policy, now)?;
            let statuses = if viewer.actor().can(Permission::ChangeStatus) {
                pipeline::status_choices(db)?
            } else {
                Vec::new()
            };
            Ok((inbox, areas::choices(db)?, statuses))
        })
        .await?;
    let view = TriageView {
        inbox: &inbox,
        query: &query,
        areas: &area_choices,
        statuses: &statuses,
        can_moderate: signed_in.account.actor().can(Permission::Merge),
        policy,
        now,
        csrf: &signed_in.csrf_token,
    };
    let page = triage_page(&signed_in.visitor.chrome(), &view);
    Ok(private_html(StatusCode::OK, page))
}
