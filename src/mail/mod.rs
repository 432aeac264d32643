//! Email: the `Mailer` (SMTP, `.eml` files, or memory), message templates, and the outbox worker.

pub mod messages;
pub mod releases;
pub mod storms;
pub mod watched;
pub mod webhooks;
pub mod worker;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Config;

/// Where emails go.
#[derive(Clone)]
pub enum Mailer {
    /// A real SMTP server (`SMTP_URL`).
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder, for a site with no SMTP configured.
    Files(AsyncFileTransport<Tokio1Executor>, std::path::PathBuf),
    /// Kept in memory, for unit tests.
    Memory(Arc<Mutex<Vec<Message>>>),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => f.write_str("Mailer::Smtp"),
            Mailer::Files(_, dir) => write!(f, "Mailer::Files({})", dir.display()),
            Mailer::Memory(_) => f.write_str("Mailer::Memory"),
        }
    }
}

impl Mailer {
    /// SMTP when `SMTP_URL` is set, otherwise files in `MAIL_DIR` (created if missing).
    pub fn from_config(config: &Config) -> Result<Self, String> {
        match &config.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| format!("SMTP_URL cannot be used: {e}"))?
                    .timeout(Some(Duration::from_secs(30)))
                    .build();
                Ok(Mailer::Smtp(transport))
            }
            None => {
                std::fs::create_dir_all(&config.mail_dir).map_err(|e| {
                    format!("cannot create MAIL_DIR {}: {e}", config.mail_dir.display())
                })?;
                Ok(Mailer::Files(
                    AsyncFileTransport::new(&config.mail_dir),
                    config.mail_dir.clone(),
                ))
            }
        }
    }

    /// Delivers one message; the error text is kept on the outbox row (it names no secret).
    pub async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Mailer::Smtp(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Mailer::Files(transport, _) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Mailer::Memory(sent) => {
                sent.lock()
                    .map_err(|_| "mailbox poisoned".to_string())?
                    .push(message);
                Ok(())
            }
        }
    }
}

/// An email's content, rendered once when it is queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Builds the MIME message for one outbox row: multipart text + HTML, a Message-ID derived from
/// the row (a retry after a crash carries the same one). Header values are encoded by lettre, so
/// a subject with CR/LF cannot inject headers.
pub fn build_message(
    from: &str,
    to: &str,
    outbox_id: &str,
    host: &str,
    email: &RenderedEmail,
    list_unsubscribe: Option<&str>,
) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("MAIL_FROM: {e}"))?;
    let to: Mailbox = to.parse().map_err(|e| format!("recipient address: {e}"))?;
    let subject = email.subject.replace(['\r', '\n'], " ");
    let mut message = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<{outbox_id}@{host}>")))
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| format!("building the message: {e}"))?;
    // RFC 8058 one-click unsubscribe. The URL is ours (base URL + hex token), with no CR or LF.
    if let Some(url) = list_unsubscribe.filter(|u| !u.contains(['\r', '\n', '<', '>'])) {
        use lettre::message::header::{HeaderName, HeaderValue};
        let headers = message.headers_mut();
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{url}>"),
        ));
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".into(),
        ));
    }
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_mailer_keeps_a_multipart_message_with_a_stable_message_id() {
        let sent = Arc::new(Mutex::new(Vec::new()));
        let mailer = Mailer::Memory(sent.clone());
        let email = RenderedEmail {
            subject: "Hello\r\nBcc: evil@example.com".into(),
            text: "plain".into(),
            html: "<p>rich</p>".into(),
        };
        let message = build_message(
            "Ideaboard <ideas@example.com>",
            "ada@example.com",
            "0199-abc",
            "example.com",
            &email,
            Some("https://ideas.example.com/unsubscribe/abc.def"),
        )
        .expect("builds");
        mailer.send(message).await.expect("sends");
        let sent = sent.lock().expect("lock");
        let raw = String::from_utf8_lossy(&sent[0].formatted()).to_string();
        assert!(raw.contains("Message-ID: <0199-abc@example.com>"), "{raw}");
        assert!(!raw.contains("\r\nBcc:"), "{raw}");
        assert!(raw.contains("multipart/alternative"));
        assert!(
            raw.contains("List-Unsubscribe: <https://ideas.example.com/unsubscribe/abc.def>"),
            "{raw}"
        );
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    }
}
