//! Every route of `/api/v1`, registered in one place: the server serves this scope and the
//! OpenAPI document is built from it (`api::openapi`).

use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{DefaultHeaders, from_fn};
use actix_web::{HttpResponse, web};

use crate::services::error::ServiceError;
use crate::web::api;
use crate::web::error::{ApiError, AppError};

/// Every `/api/v1` route. Each handler carries its `#[utoipa::path]` description and is
/// registered through the utoipa scope, so the OpenAPI document is built from exactly what is
/// served (see `api::openapi`).
pub fn api_v1() -> utoipa_actix_web::scope::Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope("/api/v1")
        // API answers carry people's data and, once, a token's secret: no cache keeps them.
        .wrap(DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store")))
        .wrap(from_fn(api::json_bodies_are_objects))
        .app_data(web::QueryConfig::default().error_handler(|e, _| {
            ApiError::from(ServiceError::BadRequest(format!("{e}").into())).into()
        }))
        .app_data(
            web::PathConfig::default()
                .error_handler(|_, _| ApiError::from(ServiceError::NotFound).into()),
        )
        .service(api::users::create_user)
        .service(api::users::me)
        .service(api::users::update_me)
        .service(api::users::list_users)
        .service(api::users::set_role)
        .service(api::own_data::export_me)
        .service(api::own_data::delete_me)
        .service(api::own_data::export_user)
        .service(api::own_data::delete_user)
        .service(api::tokens::create_token)
        .service(api::tokens::list_tokens)
        .service(api::tokens::revoke_token)
        .service(api::ideas::list_ideas)
        .service(api::ideas::create_idea)
        .service(api::ideas::similar_ideas)
        .service(api::ideas::get_idea)
        .service(api::ideas::edit_idea)
        .service(api::ideas::vote)
        .service(api::comments::list_comments)
        .service(api::comments::create_comment)
        .service(api::comments::edit_comment)
        .service(api::comments::delete_comment)
        .service(api::export::export_ideas)
        .service(api::pipeline::list_statuses)
        .service(api::pipeline::create_status)
        .service(api::pipeline::update_status)
        .service(api::pipeline::delete_status)
        .service(api::pipeline::change_status)
        .service(api::pipeline::set_subscription)
        .service(api::pipeline::roadmap)
        .service(api::areas::list_areas)
        .service(api::areas::create_area)
        .service(api::areas::update_area)
        .service(api::areas::delete_area)
        .service(api::areas::set_idea_area)
        .configure(company_side)
        .service(api::tags::list_tags)
        .service(api::tags::create_tag)
        .service(api::tags::update_tag)
        .service(api::tags::delete_tag)
        .service(api::moderation::set_idea_tags)
        .service(api::moderation::merge_idea)
        .service(api::moderation::unmerge_idea)
        .service(api::moderation::moderate_idea)
        .service(api::moderation::moderate_comment)
        .service(api::moderation::moderate_user)
        .service(api::moderation::create_flag)
        .service(api::moderation::list_flags)
        .service(api::moderation::list_audit)
        .default_service(web::to(api_no_route))
}

/// The company side's routes: release notes, storm sessions, triage, insights, watched words,
/// webhooks.
fn company_side(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(api::changelog::list_releases)
        .service(api::changelog::publish_release)
        .service(api::changelog::get_release)
        .service(api::storms::list_storms)
        .service(api::storms::create_storm)
        .service(api::storms::storm_ideas)
        .service(api::storms::get_storm)
        .service(api::storms::update_storm)
        .service(api::triage::triage_inbox)
        .service(api::insights::response_figures)
        .service(api::community::activity)
        .service(api::community::sentiment)
        .service(api::community::funnel)
        .service(api::watches::list_watches)
        .service(api::watches::create_watch)
        .service(api::watches::delete_watch);
    config
        .service(api::webhooks::create_webhook)
        .service(api::webhooks::list_webhooks)
        .service(api::webhooks::delete_webhook)
        .service(api::webhooks::test_webhook)
        .service(api::webhooks::resume_webhook);
}

async fn api_no_route() -> Result<HttpResponse, ApiError> {
    Err(ApiError(AppError::NoRoute))
}
