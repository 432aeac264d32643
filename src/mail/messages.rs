//! The emails Ideaboard sends: subject, plain text and HTML (maud), rendered when queued.

use maud::{DOCTYPE, Markup, html};

use super::RenderedEmail;
use crate::i18n::{Arg, Lang};

fn wrap(title: &str, body: Markup) -> String {
    wrap_in(Lang::english(), title, body)
}

/// An email's HTML in `lang`.
fn wrap_in(lang: Lang, title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head { meta charset="utf-8"; title { (title) } }
            body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2933; max-width: 36rem; margin: 0 auto; padding: 1rem;" {
                (body)
                hr;
                p style="color: #616e7c; font-size: 0.875rem;" { "Ideaboard" }
            }
        }
    }
    .into_string()
}

/// The password-reset email with its single-use link.
pub fn password_reset(name: &str, link: &str) -> RenderedEmail {
    let subject = "Reset your Ideaboard password".to_string();
    let text = format!(
        "Hello {name},\n\nSomeone (we hope you) asked to reset the password of your Ideaboard account.\n\
         Open this link within one hour to choose a new password:\n\n{link}\n\n\
         The link works once. If you did not ask for this, ignore this email: your password stays as it is.\n"
    );
    let html = wrap(
        &subject,
        html! {
            p { "Hello " (name) "," }
            p { "Someone (we hope you) asked to reset the password of your Ideaboard account. Open this link within one hour to choose a new password:" }
            p { a href=(link) { "Choose a new password" } }
            p { "The link works once. If you did not ask for this, ignore this email: your password stays as it is." }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// The link that finishes a registration.
pub fn confirm_registration(name: &str, link: &str) -> RenderedEmail {
    let subject = "Finish creating your Ideaboard account".to_string();
    let text = format!(
        "Hello {name},\n\nSomeone (we hope you) asked for an Ideaboard account with this address.\n\
         Open this link within 24 hours to finish and sign in:\n\n{link}\n\n\
         If it was not you, ignore this email: no account is made without this link.\n"
    );
    let html = wrap(
        &subject,
        html! {
            p { "Hello " (name) "," }
            p { "Someone (we hope you) asked for an Ideaboard account with this address. Open this link within 24 hours to finish and sign in:" }
            p { a href=(link) { "Finish creating my account" } }
            p { "If it was not you, ignore this email: no account is made without this link." }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// To an account's owner when someone registers with their address again: the page said the
/// same as for a new address, so only the owner learns the account exists.
pub fn registration_for_existing_account(
    name: &str,
    log_in_link: &str,
    reset_link: &str,
) -> RenderedEmail {
    let subject = "You already have an Ideaboard account".to_string();
    let text = format!(
        "Hello {name},\n\nSomeone (we hope you) tried to create an Ideaboard account with this \
         address, which already has one. Log in here:\n\n{log_in_link}\n\n\
         Forgot the password? Choose a new one here:\n\n{reset_link}\n\n\
         If it was not you, ignore this email: nothing changed.\n"
    );
    let html = wrap(
        &subject,
        html! {
            p { "Hello " (name) "," }
            p { "Someone (we hope you) tried to create an Ideaboard account with this address, which already has one." }
            p { a href=(log_in_link) { "Log in" } " · " a href=(reset_link) { "Choose a new password" } }
            p { "If it was not you, ignore this email: nothing changed." }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// Today's date written the way `lang` writes dates ("6 December 2026", "6. Dezember 2026").
fn today_in(lang: Lang) -> String {
    let locale =
        chrono::Locale::try_from(lang.t("chrono-locale").as_str()).unwrap_or(chrono::Locale::en_GB);
    chrono::Utc::now()
        .format_localized(&lang.t("mail-date-format"), locale)
        .to_string()
}

/// "Your idea was merged": to the merged idea's author and followers, in their language.
pub fn idea_merged(
    lang: Lang,
    name: &str,
    (source, source_title): (i64, &str),
    (target, target_title): (i64, &str),
    link: &str,
) -> RenderedEmail {
    let args = [
        ("source", Arg::from(source.to_string())),
        ("source_title", Arg::from(source_title)),
        ("target", Arg::from(target.to_string())),
        ("target_title", Arg::from(target_title)),
    ];
    let subject = lang.t_with("mail-merged-subject", &args);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let said = lang.t_with("mail-merged-text", &args);
    let see = lang.t_with("mail-see", &[("number", target.to_string().into())]);
    let text = format!("{hello}\n\n{said}\n\n{link}\n");
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (said) }
            p { a href=(link) { (see) } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// "#123 'Dark mode' is now Implemented", with the public note, in the recipient's language.
pub fn status_changed(
    lang: Lang,
    name: &str,
    (number, title): (i64, &str),
    status: &str,
    note: &str,
    link: &str,
) -> RenderedEmail {
    let args = [
        ("number", Arg::from(number.to_string())),
        ("title", Arg::from(title)),
        ("status", Arg::from(status)),
        ("date", Arg::from(today_in(lang))),
    ];
    let subject = lang.t_with("mail-status-subject", &args);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let became = lang.t_with("mail-status-text", &args);
    let see = lang.t_with("mail-see", &[("number", number.to_string().into())]);
    let text = format!("{hello}\n\n{became}\n\n{note}\n\n{link}\n");
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (became) }
            blockquote { (note) }
            p { a href=(link) { (see) } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// A new comment on a followed idea, or a reply to your comment, in the recipient's language.
pub fn new_comment(
    lang: Lang,
    name: &str,
    (number, title): (i64, &str),
    (commenter, excerpt): (&str, &str),
    link: &str,
    reply: bool,
) -> RenderedEmail {
    let args = [
        ("number", Arg::from(number.to_string())),
        ("title", Arg::from(title)),
        ("commenter", Arg::from(commenter)),
    ];
    let subject = lang.t_with(
        if reply {
            "mail-reply-subject"
        } else {
            "mail-comment-subject"
        },
        &args,
    );
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let text = format!("{hello}\n\n{subject}:\n\n{excerpt}\n\n{link}\n");
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (subject) ":" }
            blockquote { (excerpt) }
            p { a href=(link) { (lang.t("mail-read-reply")) } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// The daily digest: one email collecting the day's lines.
pub fn digest(name: &str, lines: &[(String, String)]) -> RenderedEmail {
    let subject = format!(
        "Your Ideaboard digest: {} update{}",
        lines.len(),
        if lines.len() == 1 { "" } else { "s" }
    );
    let mut text = format!("Hello {name},\n\nWhat happened on the ideas you follow:\n\n");
    for (line, link) in lines {
        text.push_str(&format!("- {line}\n  {link}\n"));
    }
    let html = wrap(
        &subject,
        html! {
            p { "Hello " (name) "," }
            p { "What happened on the ideas you follow:" }
            ul { @for (line, link) in lines { li { a href=(link) { (line) } } } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_email_escapes_the_name_and_carries_the_link() {
        let email = password_reset("<b>Ada</b>", "http://127.0.0.1:8080/reset/abc");
        assert!(email.text.contains("http://127.0.0.1:8080/reset/abc"));
        assert!(
            email
                .html
                .contains("href=\"http://127.0.0.1:8080/reset/abc\"")
        );
        assert!(email.html.contains("&lt;b&gt;Ada&lt;/b&gt;"));
    }
}
