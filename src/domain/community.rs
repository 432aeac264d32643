//! The community's activity per week and sentiment per month, worked out from the kept day rows
//! (pure): the period asked for, widened to whole weeks and months, and the rows and shares.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use super::validation::{FieldErrors, Text};

/// The period when none is asked for (days, today included), and the longest one.
pub const DEFAULT_DAYS: i64 = 90;
pub const MAX_DAYS: i64 = 3660;

/// The days asked about, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// What was typed, unless it is empty.
fn typed(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|raw| !raw.is_empty())
}

/// A day as the kept tables and the API write it.
pub fn day_key(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn parse_day(field: &'static str, raw: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    // Years 1 to 9999 only: the arithmetic on weeks and months stays far from chrono's limits.
    let parsed = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .filter(|day| (1..=9999).contains(&day.year()));
    if parsed.is_none() {
        errors.add(field, Text::new("refused-date"));
    }
    parsed
}

impl Period {
    /// The last `days` days up to `today`.
    pub fn last_days(days: i64, today: NaiveDate) -> Period {
        Period {
            from: today - Duration::days(days.clamp(1, MAX_DAYS) - 1),
            to: today,
        }
    }

    /// The period from `from` to `to` ('YYYY-MM-DD'; either may be empty): `to` defaults to
    /// today, `from` to `DEFAULT_DAYS` before `to`. A day that cannot be read, `from` after `to`,
    /// or more than `MAX_DAYS` days are field errors.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        today: NaiveDate,
    ) -> Result<Period, FieldErrors> {
        let mut errors = FieldErrors::default();
        let to = match typed(to) {
            Some(raw) => parse_day("to", raw, &mut errors),
            None => Some(today),
        };
        let from = match typed(from) {
            Some(raw) => parse_day("from", raw, &mut errors),
            None => to.map(|to| to - Duration::days(DEFAULT_DAYS - 1)),
        };
        let (Some(from), Some(to)) = (from, to) else {
            return Err(errors);
        };
        if from > to {
            errors.add("from", Text::new("refused-period-order"));
        } else if (to - from).num_days() >= MAX_DAYS {
            errors.add(
                "from",
                Text::new("refused-period-length").with("days", MAX_DAYS),
            );
        }
        if errors.is_empty() {
            Ok(Period { from, to })
        } else {
            Err(errors)
        }
    }

    /// The Mondays of the first and the last week the period touches.
    pub fn weeks(&self) -> (NaiveDate, NaiveDate) {
        (monday_of(self.from), monday_of(self.to))
    }

    /// The first day of the period's first month, and the last day of its last month.
    pub fn months(&self) -> (NaiveDate, NaiveDate) {
        let first = self.from.with_day(1).unwrap_or(self.from);
        let next = if self.to.month() == 12 {
            NaiveDate::from_ymd_opt(self.to.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.to.year(), self.to.month() + 1, 1)
        };
        (first, next.map_or(self.to, |next| next - Duration::days(1)))
    }
}

/// The Monday of the week `day` falls in (weeks run Monday to Sunday, as ISO's).
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// One day's kept activity counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayActivity {
    pub ideas: i64,
    pub votes: i64,
    pub comments: i64,
    pub accounts: i64,
}

/// One week of activity: what was created in it (as it stands now) and who took part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct WeekActivity {
    /// The week's Monday, `YYYY-MM-DD`.
    pub week: String,
    pub new_ideas: i64,
    pub votes: i64,
    pub comments: i64,
    /// People who submitted, voted or commented in the week.
    pub active_members: i64,
    pub new_accounts: i64,
}

/// Every week from `first` to `last` (Mondays), zeros included, from day rows ('YYYY-MM-DD') and
/// the weeks' active members (keyed by their Monday).
pub fn weekly(
    first: NaiveDate,
    last: NaiveDate,
    days: &BTreeMap<String, DayActivity>,
    members: &BTreeMap<String, i64>,
) -> Vec<WeekActivity> {
    let mut weeks: BTreeMap<NaiveDate, WeekActivity> = BTreeMap::new();
    let mut monday = first;
    while monday <= last {
        let key = day_key(monday);
        weeks.insert(
            monday,
            WeekActivity {
                active_members: members.get(&key).copied().unwrap_or(0),
                week: key,
                new_ideas: 0,
                votes: 0,
                comments: 0,
                new_accounts: 0,
            },
        );
        monday += Duration::days(7);
    }
    for (day, counts) in days {
        let Ok(day) = NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
            continue;
        };
        if let Some(week) = weeks.get_mut(&monday_of(day)) {
            week.new_ideas += counts.ideas;
            week.votes += counts.votes;
            week.comments += counts.comments;
            week.new_accounts += counts.accounts;
        }
    }
    weeks.into_values().collect()
}

/// Ideas and comments counted by their sentiment label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LabelCounts {
    pub negative: i64,
    pub neutral: i64,
    pub positive: i64,
}

/// One month's ideas and comments by label, with each label's share of them.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct MonthSentiment {
    /// `YYYY-MM`.
    pub month: String,
    pub negative: i64,
    pub neutral: i64,
    pub positive: i64,
    pub total: i64,
    /// Shares of `total` in [0, 1]; null when the month has none.
    pub negative_share: Option<f64>,
    pub neutral_share: Option<f64>,
    pub positive_share: Option<f64>,
}

/// Every month from `first`'s to `last`'s, zeros included, from day rows ('YYYY-MM-DD').
pub fn monthly(
    first: NaiveDate,
    last: NaiveDate,
    days: &BTreeMap<String, LabelCounts>,
) -> Vec<MonthSentiment> {
    let mut months: BTreeMap<String, LabelCounts> = BTreeMap::new();
    let mut month = first.with_day(1);
    while let Some(start) = month.filter(|start| *start <= last) {
        months.insert(start.format("%Y-%m").to_string(), LabelCounts::default());
        month = start.checked_add_months(chrono::Months::new(1));
    }
    for (day, counts) in days {
        if let Some(sum) = day.get(..7).and_then(|month| months.get_mut(month)) {
            sum.negative += counts.negative;
            sum.neutral += counts.neutral;
            sum.positive += counts.positive;
        }
    }
    months
        .into_iter()
        .map(|(month, c)| {
            let total = c.negative + c.neutral + c.positive;
            let share = |n: i64| (total > 0).then(|| n as f64 / total as f64);
            MonthSentiment {
                month,
                negative: c.negative,
                neutral: c.neutral,
                positive: c.positive,
                total,
                negative_share: share(c.negative),
                neutral_share: share(c.neutral),
                positive_share: share(c.positive),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_defaults_to_the_last_ninety_days_and_refuses_what_cannot_be() {
        let today = day("2026-12-07");
        let period = Period::parse(None, None, today).unwrap();
        assert_eq!((period.from, period.to), (day("2026-09-09"), today));
        assert!(Period::parse(Some("2026-13-01"), None, today).is_err());
        assert!(Period::parse(Some("2026-12-08"), Some("2026-12-07"), today).is_err());
        assert!(Period::parse(Some("2000-01-01"), None, today).is_err());
        assert!(Period::parse(Some("0000-01-01"), Some("0000-02-01"), today).is_err());
        let given = Period::parse(Some(" 2026-11-01 "), Some("2026-11-30"), today).unwrap();
        assert_eq!(given.months(), (day("2026-11-01"), day("2026-11-30")));
    }

    #[test]
    fn weeks_run_monday_to_sunday_and_every_week_gets_a_row() {
        let period = Period {
            from: day("2026-11-04"),
            to: day("2026-11-23"),
        };
        let (first, last) = period.weeks();
        assert_eq!((first, last), (day("2026-11-02"), day("2026-11-23")));
        let days = BTreeMap::from([
            (
                "2026-11-08".to_string(),
                DayActivity {
                    ideas: 2,
                    votes: 5,
                    comments: 1,
                    accounts: 1,
                },
            ),
            (
                "2026-11-09".to_string(),
                DayActivity {
                    ideas: 1,
                    ..DayActivity::default()
                },
            ),
        ]);
        let members = BTreeMap::from([("2026-11-02".to_string(), 3)]);
        let weeks = weekly(first, last, &days, &members);
        assert_eq!(weeks.len(), 4);
        assert_eq!(
            (weeks[0].new_ideas, weeks[0].votes, weeks[0].active_members),
            (2, 5, 3)
        );
        assert_eq!(
            (weeks[1].week.as_str(), weeks[1].new_ideas),
            ("2026-11-09", 1)
        );
        assert_eq!(weeks[3].new_ideas, 0);
    }

    #[test]
    fn months_sum_their_days_and_say_each_labels_share() {
        let days = BTreeMap::from([
            (
                "2026-10-31".to_string(),
                LabelCounts {
                    negative: 1,
                    neutral: 0,
                    positive: 3,
                },
            ),
            (
                "2026-12-01".to_string(),
                LabelCounts {
                    negative: 2,
                    neutral: 2,
                    positive: 0,
                },
            ),
        ]);
        let months = monthly(day("2026-10-15"), day("2026-12-31"), &days);
        assert_eq!(months.len(), 3);
        assert_eq!(months[0].negative_share, Some(0.25));
        assert_eq!((months[1].total, months[1].negative_share), (0, None));
        assert_eq!(months[2].neutral_share, Some(0.5));
    }
}
