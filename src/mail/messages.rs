//! The emails Ideaboard sends: subject, plain text and HTML (maud), rendered when queued.

use maud::{DOCTYPE, Markup, html};

use super::RenderedEmail;
use crate::i18n::{Arg, Lang};

/// An email's HTML in `lang`.
pub(super) fn wrap_in(lang: Lang, title: &str, body: Markup) -> String {
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

/// An email that carries one link: hello, why, the link, what else to know.
fn link_email(
    lang: Lang,
    name: &str,
    (subject, asked, link_words, after): (&str, &str, &str, &str),
    link: &str,
) -> RenderedEmail {
    let subject = lang.t(subject);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let (asked, link_words, after) = (lang.t(asked), lang.t(link_words), lang.t(after));
    let text = format!("{hello}\n\n{asked}\n\n{link}\n\n{after}\n");
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (asked) }
            p { a href=(link) { (link_words) } }
            p { (after) }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// The password-reset email with its single-use link, in the account's language.
pub fn password_reset(lang: Lang, name: &str, link: &str) -> RenderedEmail {
    let words = (
        "mail-reset-subject",
        "mail-reset-asked",
        "mail-reset-link",
        "mail-reset-after",
    );
    link_email(lang, name, words, link)
}

/// The link that finishes a registration, in the board's language.
pub fn confirm_registration(lang: Lang, name: &str, link: &str) -> RenderedEmail {
    let words = (
        "mail-confirm-subject",
        "mail-confirm-asked",
        "mail-confirm-link",
        "mail-confirm-after",
    );
    link_email(lang, name, words, link)
}

/// To an account's owner when someone registers with their address again: the page said the
/// same as for a new address, so only the owner learns the account exists. In the owner's
/// language.
pub fn registration_for_existing_account(
    lang: Lang,
    name: &str,
    log_in_link: &str,
    reset_link: &str,
) -> RenderedEmail {
    let subject = lang.t("mail-existing-subject");
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let (asked, log_in, after, ignore) = (
        lang.t("mail-existing-asked"),
        lang.t("mail-existing-link"),
        lang.t("mail-existing-after"),
        lang.t("mail-existing-ignore"),
    );
    let text =
        format!("{hello}\n\n{asked}\n\n{log_in_link}\n\n{after}\n\n{reset_link}\n\n{ignore}\n");
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (asked) " " a href=(log_in_link) { (log_in) } }
            p { (after) " " a href=(reset_link) { (reset_link) } }
            p { (ignore) }
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

/// What an area alert says about one idea: which alert (`new`, `threshold`, `past_target`), the
/// idea, its area's name, its points and the response target in days.
pub struct AreaAlert<'a> {
    pub alert: &'a str,
    pub idea: (i64, &'a str),
    pub area: &'a str,
    pub points: i64,
    pub target_days: u32,
    pub excerpt: &'a str,
    pub link: &'a str,
}

/// An alert to an area's owner, in the recipient's language.
pub fn area_alert(lang: Lang, name: &str, alert: &AreaAlert<'_>) -> RenderedEmail {
    let args = [
        ("alert", Arg::from(alert.alert)),
        ("number", Arg::from(alert.idea.0.to_string())),
        ("title", Arg::from(alert.idea.1)),
        ("area", Arg::from(alert.area)),
        ("points", Arg::from(alert.points.to_string())),
        ("days", Arg::from(alert.target_days.to_string())),
    ];
    let subject = lang.t_with("mail-area-subject", &args);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let said = lang.t_with("mail-area-text", &args);
    let (excerpt, link) = (alert.excerpt, alert.link);
    let text = format!("{hello}\n\n{said}\n\n{excerpt}\n\n{link}\n");
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (said) }
            blockquote { (excerpt) }
            p { a href=(link) { (lang.t("mail-area-answer")) } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// What one line of the weekly summary is about.
pub enum SummaryScope {
    Board,
    /// An area: its name and names per language.
    Area(String, crate::domain::local_names::LocalNames),
    NoArea,
}

/// One line of the weekly summary.
pub struct SummaryLine {
    pub scope: SummaryScope,
    pub waiting: i64,
    pub past_target: i64,
    /// First answered in the last seven days.
    pub answered: i64,
    /// Over ideas submitted in the last four weeks.
    pub median_hours: Option<f64>,
}

/// The weekly summary to a staff member, in their language.
pub fn weekly_summary(
    lang: Lang,
    name: &str,
    lines: &[SummaryLine],
    target_days: u32,
    base_url: &str,
) -> RenderedEmail {
    let base = base_url.trim_end_matches('/');
    let waiting = lines.first().map_or(0, |l| l.waiting);
    let subject = lang.t_with("mail-weekly-subject", &[("count", Arg::Number(waiting))]);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let said: Vec<String> = lines
        .iter()
        .map(|line| {
            let scope = match &line.scope {
                SummaryScope::Board => lang.t("mail-weekly-board"),
                SummaryScope::Area(name, names) => names.shown(lang, name).to_string(),
                SummaryScope::NoArea => lang.t("triage-no-area"),
            };
            let median = line.median_hours.map_or_else(
                || lang.t("mail-weekly-no-median"),
                |h| lang.decimal(h / 24.0),
            );
            lang.t_with(
                "mail-weekly-line",
                &[
                    ("scope", Arg::from(scope)),
                    ("waiting", Arg::Number(line.waiting)),
                    ("past", Arg::Number(line.past_target)),
                    ("days", Arg::Number(i64::from(target_days))),
                    ("answered", Arg::Number(line.answered)),
                    ("median", Arg::from(median)),
                ],
            )
        })
        .collect();
    let (inbox, figures) = (
        format!("{base}/triage"),
        format!("{base}/insights/responses"),
    );
    let text = format!("{hello}\n\n{}\n\n{inbox}\n{figures}\n", said.join("\n"));
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            ul { @for line in &said { li { (line) } } }
            p { a href=(inbox) { (lang.t("nav-triage")) } " · " a href=(figures) { (lang.t("insights-title")) } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// The daily digest: one email collecting the day's lines.
pub fn digest(lang: Lang, name: &str, lines: &[(String, String)]) -> RenderedEmail {
    let subject = lang.t_with("mail-digest-subject", &[("count", lines.len().into())]);
    let hello = lang.t_with("mail-hello", &[("name", name.into())]);
    let intro = lang.t("mail-digest-intro");
    let mut text = format!("{hello}\n\n{intro}\n\n");
    for (line, link) in lines {
        text.push_str(&format!("- {line}\n  {link}\n"));
    }
    let html = wrap_in(
        lang,
        &subject,
        html! {
            p { (hello) }
            p { (intro) }
            ul { @for (line, link) in lines { li { a href=(link) { (line) } } } }
        },
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// The test email an admin sends to check delivery, in the admin's language.
pub fn test_email(lang: Lang) -> RenderedEmail {
    let subject = lang.t("mail-test-subject");
    let said = lang.t("mail-test-text");
    RenderedEmail {
        text: format!("{said}\n"),
        html: wrap_in(lang, &subject, html! { p { (said) } }),
        subject,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_email_escapes_the_name_and_carries_the_link() {
        let email = password_reset(
            Lang::english(),
            "<b>Ada</b>",
            "http://127.0.0.1:8080/reset/abc",
        );
        assert!(email.text.contains("http://127.0.0.1:8080/reset/abc"));
        assert!(
            email
                .html
                .contains("href=\"http://127.0.0.1:8080/reset/abc\"")
        );
        assert!(email.html.contains("&lt;b&gt;Ada&lt;/b&gt;"));
    }
}
