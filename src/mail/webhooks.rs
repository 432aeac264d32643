//! The email to an administrator whose webhook endpoint was paused after failing for a day, in
//! their language.

use maud::html;

use super::RenderedEmail;
use super::messages::wrap_in;
use crate::i18n::Lang;

/// "Webhook paused: …": which endpoint, its last error, and where to resume it.
pub fn endpoint_paused(
    lang: Lang,
    name: &str,
    url: &str,
    last_error: &str,
    link: &str,
) -> RenderedEmail {
    let subject = lang.t_with("mail-webhook-paused-subject", &[("url", url.into())]);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let paused = lang.t_with("mail-webhook-paused-text", &[("url", url.into())]);
    let error = lang.t_with("mail-webhook-paused-error", &[("error", last_error.into())]);
    let resume = lang.t("mail-webhook-paused-resume");
    let text = format!("{hello}\n\n{paused}\n\n{error}\n\n{resume}\n{link}\n");
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (paused) }
            p { (error) }
            p { a href=(link) { (resume) } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}
