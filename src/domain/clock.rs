//! The one way to read the time: naive UTC truncated to microseconds, so SQLite and PostgreSQL
//! store exactly the same value.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

/// Now, as naive UTC truncated to microseconds.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// The time a page is rendered at and its kept copies are checked against: the system's, moved
/// on by however far a test has advanced it (tests move it instead of waiting). Cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    advanced_micros: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl Clock {
    /// Now on this clock.
    pub fn now(&self) -> NaiveDateTime {
        let advanced = self
            .advanced_micros
            .load(std::sync::atomic::Ordering::Relaxed);
        now() + chrono::Duration::microseconds(advanced)
    }

    /// Moves this clock (and every clone of it) `by` forward.
    pub fn advance(&self, by: chrono::Duration) {
        let micros = by.num_microseconds().unwrap_or(i64::MAX);
        self.advanced_micros
            .fetch_add(micros, std::sync::atomic::Ordering::Relaxed);
    }
}

/// A time truncated to microseconds, as stored.
pub fn truncate(at: NaiveDateTime) -> NaiveDateTime {
    at.trunc_subsecs(6)
}

/// A stored naive UTC timestamp as RFC 3339 with a `Z`.
pub fn rfc3339(at: NaiveDateTime) -> String {
    DateTime::<Utc>::from_naive_utc_and_offset(at, Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A stored naive UTC timestamp as RFC 3339 to the microsecond (read back to the same value).
pub fn rfc3339_exact(at: NaiveDateTime) -> String {
    DateTime::<Utc>::from_naive_utc_and_offset(at, Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// A stored naive UTC timestamp as people read it: "6 Dec 2026, 03:13 UTC".
pub fn readable(at: NaiveDateTime) -> String {
    at.format("%-d %b %Y, %H:%M UTC").to_string()
}

/// A new time-ordered id (uuid v7) as stored: lowercase hyphenated text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    #[test]
    fn now_has_at_most_microsecond_precision() {
        assert_eq!(now().nanosecond() % 1_000, 0);
    }

    #[test]
    fn rfc3339_ends_in_z() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
            .and_then(|d| d.and_hms_opt(3, 4, 5))
            .expect("valid date");
        assert_eq!(rfc3339(at), "2026-01-02T03:04:05Z");
    }

    #[test]
    fn readable_times_name_the_day_month_year_and_zone() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 6)
            .and_then(|d| d.and_hms_opt(3, 13, 59))
            .expect("a time");
        assert_eq!(readable(at), "6 Dec 2026, 03:13 UTC");
    }
}
