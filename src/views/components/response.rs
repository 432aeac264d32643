//! How long an idea waited for its answer, as staff see it on the idea page and in the triage
//! inbox, and the mark of an official response.

use chrono::{Duration, NaiveDateTime};
use maud::{Markup, html};

use crate::domain::response::{ResponsePolicy, ResponseState, shown_wait};
use crate::i18n::{Arg, Lang};

/// `wait` written in `lang` ("9 days", "3 Stunden").
pub fn wait_text(lang: Lang, wait: Duration) -> String {
    let shown = shown_wait(wait);
    lang.t_with(
        "response-wait",
        &[
            ("unit", Arg::from(shown.unit)),
            ("count", Arg::Number(shown.count)),
        ],
    )
}

/// "Waiting for an official answer for 9 days — past the 7-day target", or "First answered
/// after 2 days".
pub fn response_note(
    policy: ResponsePolicy,
    submitted: NaiveDateTime,
    answered: Option<NaiveDateTime>,
    now: NaiveDateTime,
    lang: Lang,
) -> Markup {
    let target = || {
        lang.t_with(
            "response-past-target",
            &[("days", Arg::Number(i64::from(policy.target_days)))],
        )
    };
    match policy.state(submitted, answered, now) {
        ResponseState::Answered { after } => html! {
            p.response-state.answered {
                (lang.t_with("response-answered", &[("wait", Arg::from(wait_text(lang, after)))]))
            }
        },
        ResponseState::Waiting { for_, past_target } => html! {
            p.response-state.waiting.past-target[past_target] {
                (lang.t_with("response-waiting", &[("wait", Arg::from(wait_text(lang, for_)))]))
                @if past_target { " — " strong { (target()) } }
            }
        },
    }
}

/// "We answer within 7 days — median 2.3 days over the last 90 days", or only the promise while
/// there is no record.
pub fn promise_line(promise: crate::services::insights::Promise, lang: Lang) -> Markup {
    let target = ("target", Arg::Number(i64::from(promise.target_days)));
    html! {
        p.promise {
            @match promise.median_hours {
                Some(hours) => (lang.t_with("promise-record", &[
                    target,
                    ("median", Arg::from(lang.decimal(hours / 24.0))),
                    ("window", Arg::Number(promise.window_days)),
                ])),
                None => (lang.t_with("promise-only", &[target])),
            }
        }
    }
}

/// Under an official answer: how many it helped, and for the idea's author and voters the two
/// buttons that say whether it answered them (the one they chose pressed).
pub fn answer_rating(
    comment: &crate::domain::read::CommentView,
    csrf: Option<&str>,
    can_rate: bool,
    lang: Lang,
) -> Markup {
    let counts = [
        ("helpful", Arg::Number(comment.helpful)),
        ("unhelpful", Arg::Number(comment.unhelpful)),
    ];
    html! {
        div.answer-rating {
            @if comment.helpful + comment.unhelpful > 0 {
                p.muted { (lang.t_with("answer-rated", &counts)) }
            }
            @if let (true, Some(csrf)) = (can_rate, csrf) {
                form.inline method="post" action={ "/comments/" (comment.id) "/rating" } {
                    (crate::views::components::csrf_field(csrf))
                    span id={ "rate-" (comment.id) } { (lang.t("answer-rate-question")) } " "
                    @for (value, key, chosen) in [("yes", "answer-helpful", Some(true)), ("no", "answer-unhelpful", Some(false))] {
                        button.secondary type="submit" name="helpful" value=(value)
                            aria-pressed=(if comment.my_rating == chosen { "true" } else { "false" })
                            aria-describedby={ "rate-" (comment.id) } { (lang.t(key)) }
                        " "
                    }
                }
            }
        }
    }
}

/// The badge that marks a comment as the official response.
pub fn official_badge(lang: Lang) -> Markup {
    html! { span.badge.official { (lang.t("comment-official")) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_naturally_in_both_languages() {
        let de = Lang::parse("de").expect("German");
        let en = Lang::english();
        assert_eq!(wait_text(en, Duration::hours(1)), "1 hour");
        assert_eq!(wait_text(en, Duration::days(9)), "9 days");
        assert_eq!(wait_text(de, Duration::hours(5)), "5 Stunden");
        assert_eq!(wait_text(de, Duration::days(3)), "3 Tagen");
    }
}
