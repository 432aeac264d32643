//! Every path of the application, registered in one place.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::{api, assets, health, pages};
use crate::domain::validation::Text;
use crate::i18n::Lang;
use crate::services::error::ServiceError;
use crate::web::error::AppError;

/// Largest JSON body accepted.
pub const JSON_LIMIT: usize = 256 * 1024;
/// Largest form or other body accepted.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Registers every route on an app or scope.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(
        web::JsonConfig::default()
            .limit(JSON_LIMIT)
            .error_handler(api::json_error),
    )
    .app_data(web::PayloadConfig::new(BODY_LIMIT))
    .app_data(web::PathConfig::default().error_handler(|_, _| AppError::not_found().into()))
    .app_data(web::QueryConfig::default().error_handler(|e, _| {
        AppError::bad_request(Text::new("refused-query-unreadable").with("detail", e.to_string()))
            .into()
    }))
    .service(health::healthz)
    .service(health::readyz)
    .service(assets::serve_asset)
    .service(assets::theme_css)
    .service(assets::favicon)
    .service(pages::board::show_board)
    .service(pages::ideas::submit_form)
    .service(pages::ideas::submit_idea)
    .service(pages::ideas::similar_fragment)
    .service(pages::idea_show::show_idea)
    .service(pages::ideas::edit_idea_form)
    .service(pages::ideas::edit_idea)
    .service(pages::ideas::cast_vote)
    .service(pages::comments::add_comment)
    .service(pages::comments::rate_answer)
    .service(pages::comments::edit_comment_form)
    .service(pages::comments::edit_comment)
    .service(pages::comments::delete_comment)
    .service(pages::moderation::show_flags)
    .service(pages::moderation::show_hidden)
    .service(super::language::choose_language)
    .service(pages::moderation::resolve_flags)
    .service(pages::moderation::show_audit)
    .service(pages::tags::show_tags)
    .service(pages::tags::create_tag)
    .service(pages::tags::delete_tag)
    .service(pages::tags::update_tag)
    .service(pages::moderation::idea_tool)
    .service(pages::pipeline::change_status)
    .service(pages::pipeline::set_area)
    .service(pages::pipeline::follow)
    .service(pages::pipeline::show_roadmap)
    .configure(company_pages)
    .service(pages::pipeline::unsubscribe_form)
    .service(pages::pipeline::unsubscribe)
    .service(pages::moderation::flag_idea)
    .service(pages::moderation::flag_comment)
    .service(pages::moderation::show_ban_form)
    .service(pages::moderation::ban_user)
    .service(pages::moderation::ban_author)
    .service(pages::moderation::comment_tool)
    .configure(account_pages)
    .service(pages::admin::list_users)
    .service(pages::admin::change_role)
    .service(pages::admin::delete_user)
    .service(pages::delivery::show_delivery)
    .service(super::feeds::ideas_feed)
    .service(super::feeds::status_feed)
    .service(super::feeds::tag_feed)
    .service(super::feeds::storm_feed)
    .service(pages::export::export_form)
    .service(pages::export::download)
    .service(pages::statuses::show_statuses)
    .service(pages::statuses::create_status)
    .service(pages::statuses::update_status)
    .service(pages::delivery::retry)
    .service(pages::delivery::send_test)
    .service(super::api::openapi::openapi_json)
    .service(pages::api_docs::show_api)
    .service(api::routes::api_v1())
    .default_service(web::to(not_found));
}

/// Registering, logging in (with a password or a provider), resets, and one's own account.
fn account_pages(cfg: &mut web::ServiceConfig) {
    cfg.service(pages::auth::register_form)
        .service(pages::auth::register)
        .service(pages::auth::confirm_form)
        .service(pages::auth::confirm_registration)
        .service(pages::auth::log_in_form)
        .service(pages::auth::log_in)
        .service(pages::sign_in::link_form)
        .service(pages::sign_in::link)
        .service(pages::sign_in::start)
        .service(pages::sign_in::callback)
        .service(pages::auth::log_out)
        .service(pages::reset::reset_request_form)
        .service(pages::reset::request_reset)
        .service(pages::reset::reset_form)
        .service(pages::reset::complete_reset)
        .service(pages::account::show_account)
        .service(pages::account::change_password)
        .service(pages::account::change_name)
        .service(pages::account::change_language)
        .service(pages::account::create_token)
        .service(pages::account::revoke_token)
        .service(pages::account::notification_form)
        .service(pages::account::save_notifications)
        .service(pages::account::export_own_data)
        .service(pages::account::delete_account);
}

/// The company side's pages: release notes, storm sessions, staff homes, triage, areas,
/// insights, watched words, listening posts, webhooks.
fn company_pages(cfg: &mut web::ServiceConfig) {
    cfg.service(super::feeds::changelog_feed)
        .service(pages::changelog::show)
        .service(pages::changelog::publish)
        .service(pages::changelog::show_release)
        .service(pages::storms::list)
        .service(pages::storms::create)
        .service(pages::storms::show)
        .service(pages::storms::publish)
        .service(pages::storms::publish_summary)
        .service(pages::staff::moderation_home)
        .service(pages::staff::admin_home)
        .service(pages::triage::inbox)
        .service(pages::area_admin::list)
        .service(pages::area_admin::create)
        .service(pages::area_admin::edit)
        .service(pages::area_admin::update)
        .service(pages::area_admin::delete)
        .service(pages::community::activity_csv)
        .service(pages::community::sentiment_csv)
        .service(pages::community::funnel_csv)
        .service(pages::community::in_action_csv)
        .service(pages::community::rising_csv)
        .service(pages::community::attention_csv)
        .service(pages::community::dashboard)
        .service(pages::watch::show_watches)
        .service(pages::watch::add_watch)
        .service(pages::watch::delete_watch)
        .service(pages::listening::show_listening)
        .service(pages::listening::add_feed)
        .service(pages::listening::delete_feed)
        .service(pages::listening::dismiss_entry)
        .service(pages::listening::entry_to_idea)
        .service(pages::insights::response_figures_csv)
        .service(pages::insights::response_figures)
        .service(pages::webhooks::show_webhooks)
        .service(pages::webhooks::add_webhook)
        .service(pages::webhooks::test_webhook)
        .service(pages::webhooks::resume_webhook)
        .service(pages::webhooks::delete_webhook);
}

async fn not_found(req: HttpRequest) -> HttpResponse {
    let status = if req.method() == actix_web::http::Method::GET
        || req.method() == actix_web::http::Method::HEAD
    {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::METHOD_NOT_ALLOWED
    };
    let lang = req
        .app_data::<web::Data<super::state::AppState>>()
        .map_or_else(Lang::board_default, |state| {
            super::language::for_error_page(&req, &state.config)
        });
    let message = if status == StatusCode::NOT_FOUND {
        ServiceError::NotFound.public_message(lang)
    } else {
        lang.t("problem-method")
    };
    super::pages::html(
        status,
        crate::views::pages::errors::error_page(status.as_u16(), &message, lang),
    )
}
