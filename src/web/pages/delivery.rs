//! `/admin/mail`: delivery counts, failures with their errors, retry now, test email.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;

use super::{private_html, see_other};
use crate::services::delivery;
use crate::views::pages::delivery::{self as views, Counts};
use crate::web::cookies::{self, Flash};
use crate::web::error::AppError;
use crate::web::extractors::{CsrfForm, NoFields, SignedIn};
use crate::web::state::AppState;

#[derive(Debug, Deserialize)]
pub struct TestForm {
    #[serde(default)]
    to: String,
}

#[get("/admin/mail")]
pub async fn show_delivery(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let actor = signed_in.account.clone();
    let report = state.run(move |db| delivery::report(db, &actor)).await?;
    let transport = match &state.config.smtp_url {
        Some(url) => format!("by SMTP through {:?}", url),
        None => format!("as .eml files into {}", state.config.mail_dir.display()),
    };
    let counts = Counts {
        queued: report.queued,
        retrying: report.retrying,
        sending: report.sending,
        sent: report.sent,
        failed: report.failed,
    };
    let page = views::delivery(
        &signed_in.visitor.chrome(),
        &signed_in.csrf_token,
        &transport,
        &counts,
        &report.failures,
    );
    Ok(private_html(StatusCode::OK, page))
}

#[post("/admin/mail/{id}/retry")]
pub async fn retry(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    submitted: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let id = id.into_inner();
    state
        .run(move |db| delivery::retry(db, &actor, &id))
        .await?;
    state.wake_senders();
    cookies::set_flash(&req, &state.config, Flash::MailRetried);
    Ok(see_other("/admin/mail"))
}

#[post("/admin/mail/test")]
pub async fn send_test(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    submitted: CsrfForm<TestForm>,
) -> Result<HttpResponse, AppError> {
    let actor = submitted.account()?.clone();
    let to = submitted.form.to;
    state
        .run(move |db| delivery::send_test(db, &actor, &to))
        .await?;
    state.wake_senders();
    cookies::set_flash(&req, &state.config, Flash::TestMailQueued);
    Ok(see_other("/admin/mail"))
}
