//! An age as a page shows it ("3 days ago", "vor 3 Tagen"), in the page's language.

use crate::domain::age::ShownAge;
use crate::i18n::{Arg, Lang};

/// `age` written in `lang`.
pub fn age_text(lang: Lang, age: &ShownAge) -> String {
    let unit = if age.unit.is_empty() { "now" } else { age.unit };
    lang.t_with(
        "age",
        &[("unit", Arg::from(unit)), ("count", Arg::Number(age.count))],
    )
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::*;
    use crate::domain::age::shown_age;

    #[test]
    fn ages_read_naturally_in_both_languages() {
        let now = NaiveDate::from_ymd_opt(2026, 12, 6)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("a time");
        let de = Lang::parse("de").expect("German");
        let en = Lang::english();
        let three_days = shown_age(now - Duration::days(3), now);
        assert_eq!(age_text(en, &three_days), "3 days ago");
        assert_eq!(age_text(de, &three_days), "vor 3 Tagen");
        let one_minute = shown_age(now - Duration::seconds(61), now);
        assert_eq!(age_text(de, &one_minute), "vor 1 Minute");
        assert_eq!(age_text(de, &shown_age(now, now)), "gerade eben");
        assert_eq!(age_text(en, &shown_age(now, now)), "just now");
    }
}
