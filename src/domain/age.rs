//! How old something looks on a page ("3 days ago") and the moment that text next changes, from
//! one ladder, so a page kept for reuse is dropped exactly when an age on it would read
//! differently.

use chrono::{Duration, NaiveDateTime};

const MINUTE: i64 = 60;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
const MONTH: i64 = 30 * DAY;
const YEAR: i64 = 365 * DAY;

/// One rung: ages below `below` seconds are counted in `unit`s of `step` seconds.
struct Rung {
    below: i64,
    step: i64,
    unit: &'static str,
}

/// Ages past the ladder: years, without end.
const OLDEST: Rung = Rung {
    below: i64::MAX,
    step: YEAR,
    unit: "year",
};

/// The ladder, youngest first; past its last rung come `OLDEST`.
const LADDER: [Rung; 5] = [
    Rung {
        below: MINUTE,
        step: MINUTE,
        unit: "",
    },
    Rung {
        below: HOUR,
        step: MINUTE,
        unit: "minute",
    },
    Rung {
        below: DAY,
        step: HOUR,
        unit: "hour",
    },
    Rung {
        below: MONTH,
        step: DAY,
        unit: "day",
    },
    Rung {
        below: YEAR,
        step: MONTH,
        unit: "month",
    },
];

/// An age as shown, and when it stops being true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownAge {
    /// "just now", "1 minute ago", "3 days ago" … (English; pages write it in their language
    /// from `unit` and `count`).
    pub text: String,
    /// "" (just now), "minute", "hour", "day", "month" or "year".
    pub unit: &'static str,
    /// How many of `unit`.
    pub count: i64,
    /// The first moment the text for the same `at` reads differently.
    pub changes_at: NaiveDateTime,
}

/// How old something made at `at` looks at `now`.
pub fn shown_age(at: NaiveDateTime, now: NaiveDateTime) -> ShownAge {
    let seconds = (now - at).num_seconds().max(0);
    let rung = LADDER
        .iter()
        .find(|rung| seconds < rung.below)
        .unwrap_or(&OLDEST);
    let count = seconds / rung.step;
    let text = if rung.unit.is_empty() {
        "just now".to_string()
    } else {
        format!(
            "{count} {}{} ago",
            rung.unit,
            if count == 1 { "" } else { "s" }
        )
    };
    // The text is a whole count of steps, so it changes at the next step, or where the next rung
    // starts if that comes first ("11 months" turns into "1 year" at 365 days).
    let next = count
        .saturating_add(1)
        .saturating_mul(rung.step)
        .min(rung.below);
    ShownAge {
        text,
        unit: rung.unit,
        count,
        changes_at: at + Duration::seconds(next),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::shown_age;

    #[test]
    fn an_age_reads_the_same_until_the_moment_it_is_said_to_change() {
        let at = NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_micro_opt(12, 0, 0, 250_000))
            .expect("date");
        let mut seconds = 0;
        // Every few seconds over three years, and every second around each change.
        while seconds < 3 * 366 * 86_400 {
            let now = at + Duration::seconds(seconds);
            let shown = shown_age(at, now);
            assert!(shown.changes_at > now, "{seconds}");
            let before = shown.changes_at - Duration::microseconds(1);
            assert_eq!(
                shown_age(at, before).text,
                shown.text,
                "{seconds}: unchanged until {}",
                shown.changes_at
            );
            assert_ne!(
                shown_age(at, shown.changes_at).text,
                shown.text,
                "{seconds}: changed at {}",
                shown.changes_at
            );
            seconds += if seconds < 7200 { 7 } else { 3_607 };
        }
    }

    #[test]
    fn ages_read_as_people_say_them() {
        let at = NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("date");
        for (seconds, text) in [
            (0, "just now"),
            (59, "just now"),
            (60, "1 minute ago"),
            (3_599, "59 minutes ago"),
            (7_200, "2 hours ago"),
            (86_400 * 3, "3 days ago"),
            (86_400 * 364, "12 months ago"),
            (86_400 * 365, "1 year ago"),
        ] {
            assert_eq!(shown_age(at, at + Duration::seconds(seconds)).text, text);
        }
    }
}
