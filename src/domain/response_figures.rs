//! Response-time figures worked out from the kept per-day tables: for a window of submission
//! days, how many ideas were answered and how fast (median, 90th percentile), the share answered
//! within the target, in total, per area and per month, and the backlog at each month's end.
//!
//! Times are whole hours rounded up, and whole days beyond 72 hours, as the tables keep them. The
//! median of an even count is the mean of the two middle times; the 90th percentile is the
//! nearest rank (the time at rank ⌈0.9·n⌉). The share within the target is the answered ideas
//! whose time is at most the target, out of the answered ideas and the unanswered ones whose
//! target has passed (submitted more than the target's days before today): an unanswered idea
//! still inside its target counts for neither side yet.

use std::collections::BTreeMap;

use serde::Serialize;

/// One kept row of `response_days`, or of `response_months`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCounts {
    /// A day ('YYYY-MM-DD') or a whole month ('YYYY-MM').
    pub day: String,
    pub area_key: String,
    pub submitted: i64,
    pub answered: i64,
}

/// One kept row of `response_times`, or of `response_month_times`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeCounts {
    /// The submission day ('YYYY-MM-DD') or whole month ('YYYY-MM').
    pub day: String,
    pub area_key: String,
    pub hours: i64,
    pub ideas: i64,
}

/// The figures of one group of ideas.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Figures {
    /// Live ideas submitted in the window.
    pub submitted: i64,
    /// Of those, answered officially.
    pub answered: i64,
    /// Of those, still waiting.
    pub unanswered: i64,
    /// Median time to the first answer, in hours; null without answers.
    pub median_hours: Option<f64>,
    /// 90th percentile of the time to the first answer, in hours; null without answers.
    pub p90_hours: Option<i64>,
    /// Answered within the target, out of those answered or past it (0 to 1); null when none is.
    pub within_target_share: Option<f64>,
}

/// How the idea's author and voters rated a group's official answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AnswerQuality {
    /// Ratings saying the answer answered them.
    pub helpful: i64,
    /// Ratings saying it did not.
    pub unhelpful: i64,
    /// helpful ÷ (helpful + unhelpful); null without ratings.
    pub helpful_share: Option<f64>,
}

impl AnswerQuality {
    /// Adds one answer's ratings.
    pub fn add(&mut self, helpful: i64, unhelpful: i64) {
        self.helpful += helpful;
        self.unhelpful += unhelpful;
        let rated = self.helpful + self.unhelpful;
        self.helpful_share = (rated > 0).then(|| self.helpful as f64 / rated as f64);
    }
}

/// A group's ideas as they are summed up: submitted, response-time histogram, unanswered past
/// the target.
#[derive(Debug, Clone, Default)]
struct Tally {
    submitted: i64,
    times: BTreeMap<i64, i64>,
    unanswered_past_target: i64,
}

impl Tally {
    fn figures(&self, target_hours: i64) -> Figures {
        let answered: i64 = self.times.values().sum();
        let within: i64 = self.times.range(..=target_hours).map(|(_, n)| n).sum();
        let judged = answered + self.unanswered_past_target;
        Figures {
            submitted: self.submitted,
            answered,
            unanswered: self.submitted - answered,
            median_hours: median(&self.times, answered),
            p90_hours: at_rank(&self.times, (answered * 9 + 9) / 10),
            within_target_share: (judged > 0).then(|| within as f64 / judged as f64),
        }
    }
}

/// The time at 1-based `rank` in the histogram's order.
fn at_rank(times: &BTreeMap<i64, i64>, rank: i64) -> Option<i64> {
    let mut seen = 0;
    for (hours, count) in times {
        seen += count;
        if rank >= 1 && seen >= rank {
            return Some(*hours);
        }
    }
    None
}

/// The median of a histogram of `n` values (value → how many); the mean of the middle two for an
/// even count; none when it is empty.
pub fn median(times: &BTreeMap<i64, i64>, n: i64) -> Option<f64> {
    let lower = at_rank(times, (n + 1) / 2)?;
    let upper = at_rank(times, n / 2 + 1)?;
    Some(if n % 2 == 1 {
        lower as f64
    } else {
        (lower + upper) as f64 / 2.0
    })
}

/// What the figures are asked for, in the tables' terms.
#[derive(Debug, Clone)]
pub struct Window {
    /// The first and last submission day counted ('YYYY-MM-DD').
    pub first_day: String,
    pub last_day: String,
    /// Ideas submitted before this day and still unanswered are past the target.
    pub past_target_before: String,
    pub target_hours: i64,
}

impl Window {
    /// The day after the last one ('YYYY-MM-DD'): where the window's day rows end (exclusive).
    pub fn end(&self) -> String {
        chrono::NaiveDate::parse_from_str(&self.last_day, "%Y-%m-%d")
            .ok()
            .and_then(|day| day.succ_opt())
            .map_or_else(
                || self.last_day.clone(),
                |day| day.format("%Y-%m-%d").to_string(),
            )
    }

    /// The months that may be read as whole months ('YYYY-MM', from the first up to the second,
    /// exclusive): those after the first day's month and before the month of the target's cutoff,
    /// whose every unanswered idea is past the target. None when there are none.
    pub fn whole_months(&self) -> Option<(String, String)> {
        let first = next_month(self.first_day.get(..7)?)?;
        let until = self.past_target_before.get(..7)?.to_string();
        (first < until).then_some((first, until))
    }
}

/// The month after `month` ('YYYY-MM').
fn next_month(month: &str) -> Option<String> {
    let year: i32 = month.get(..4)?.parse().ok()?;
    let number: u32 = month.get(5..7)?.parse().ok()?;
    Some(if number == 12 {
        format!("{:04}-01", year + 1)
    } else {
        format!("{year:04}-{:02}", number + 1)
    })
}

/// The figures for the window: total, per area key, per month ('YYYY-MM'), with each month's
/// backlog (live ideas waiting at its end, submitted in or before it).
#[derive(Debug, Clone)]
pub struct Report {
    pub total: Figures,
    pub areas: Vec<(String, Figures)>,
    pub months: Vec<(String, Figures, i64)>,
}

/// The window's rows read by day and those read by whole month (see [`Window::whole_months`]),
/// and every kept month row of the board (or area) for the backlog.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    pub counts: Vec<DayCounts>,
    pub times: Vec<TimeCounts>,
    pub history: Vec<DayCounts>,
}

/// Works the report out from the window's kept rows: a whole month's row counts as its days do,
/// which is why whole months are only those before the one where the target's cutoff falls.
pub fn report(window: &Window, kept: &Kept) -> Report {
    let month = |day: &str| day.get(..7).unwrap_or(day).to_string();
    let mut total = Tally::default();
    let mut areas: BTreeMap<String, Tally> = BTreeMap::new();
    // Every month of the window, those without ideas too, so a chart's months are evenly spaced.
    let mut months: BTreeMap<String, Tally> = months_between(&window.first_day, &window.last_day)
        .into_iter()
        .map(|month| (month, Tally::default()))
        .collect();
    let mut answered_from: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for row in &kept.times {
        for tally in [
            &mut total,
            areas.entry(row.area_key.clone()).or_default(),
            months.entry(month(&row.day)).or_default(),
        ] {
            *tally.times.entry(row.hours).or_default() += row.ideas;
        }
        *answered_from.entry((&row.day, &row.area_key)).or_default() += row.ideas;
    }
    for row in &kept.counts {
        let answered = answered_from.get(&(row.day.as_str(), row.area_key.as_str()));
        // A whole month ('YYYY-MM') sorts before the cutoff day of any later month.
        let waiting_past_target = if row.day.as_str() < window.past_target_before.as_str() {
            row.submitted - answered.copied().unwrap_or(0)
        } else {
            0
        };
        for tally in [
            &mut total,
            areas.entry(row.area_key.clone()).or_default(),
            months.entry(month(&row.day)).or_default(),
        ] {
            tally.submitted += row.submitted;
            tally.unanswered_past_target += waiting_past_target;
        }
    }
    let target = window.target_hours;
    Report {
        total: total.figures(target),
        areas: areas
            .iter()
            .map(|(key, tally)| (key.clone(), tally.figures(target)))
            .collect(),
        months: months
            .iter()
            .map(|(month, tally)| {
                (
                    month.clone(),
                    tally.figures(target),
                    backlog_at(&kept.history, month),
                )
            })
            .collect(),
    }
}

/// Every month ('YYYY-MM') from the one of `first_day` to the one of `last_day`.
fn months_between(first_day: &str, last_day: &str) -> Vec<String> {
    let (Some(first), Some(last)) = (first_day.get(..7), last_day.get(..7)) else {
        return Vec::new();
    };
    let mut months = Vec::new();
    let mut at = Some(first.to_string());
    while let Some(month) = at.filter(|month| month.as_str() <= last) {
        at = next_month(&month);
        months.push(month);
    }
    months
}

/// Live ideas waiting at the end of `month`: submitted up to then, less answered up to then.
fn backlog_at(history: &[DayCounts], month: &str) -> i64 {
    history
        .iter()
        .filter(|row| row.day.get(..7).is_some_and(|m| m <= month))
        .map(|row| row.submitted - row.answered)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(day: &str, submitted: i64, answered: i64) -> DayCounts {
        DayCounts {
            day: day.into(),
            area_key: String::new(),
            submitted,
            answered,
        }
    }

    fn time(day: &str, hours: i64, ideas: i64) -> TimeCounts {
        TimeCounts {
            day: day.into(),
            area_key: String::new(),
            hours,
            ideas,
        }
    }

    #[test]
    fn medians_percentiles_and_shares_follow_their_definitions() {
        let window = Window {
            first_day: "2026-03-01".into(),
            last_day: "2026-04-02".into(),
            past_target_before: "2026-03-20".into(),
            target_hours: 48,
        };
        // Six answered (2, 5, 5, 30, 60, 200 hours), one waiting past the target, one not yet.
        let days = [
            day("2026-02-10", 4, 4),
            day("2026-03-01", 5, 3),
            day("2026-03-25", 3, 2),
        ];
        let times = [
            time("2026-02-10", 1, 4),
            time("2026-03-01", 2, 1),
            time("2026-03-01", 5, 2),
            time("2026-03-01", 30, 1),
            time("2026-03-25", 60, 1),
            time("2026-03-25", 200, 1),
        ];
        let kept = Kept {
            counts: days[1..].to_vec(),
            times: times[1..].to_vec(),
            history: vec![day("2026-02", 4, 4), day("2026-03", 8, 5)],
        };
        let report = report(&window, &kept);
        assert_eq!(report.total.submitted, 8);
        assert_eq!(report.total.answered, 6);
        assert_eq!(report.total.unanswered, 2);
        assert_eq!(report.total.median_hours, Some(17.5));
        assert_eq!(report.total.p90_hours, Some(200));
        // 4 within 48 hours, out of 6 answered and the 1 waiting since 1 March.
        assert_eq!(report.total.within_target_share, Some(4.0 / 7.0));
        assert_eq!(report.months.len(), 2, "March and April, which has no idea");
        // Backlog at the end of March: 12 submitted since February, 9 answered.
        assert_eq!(report.months[0].2, 3);
        assert_eq!(report.months[1].1.submitted, 0);
    }

    #[test]
    fn no_answers_means_no_times() {
        let window = Window {
            first_day: "2026-03-01".into(),
            last_day: "2026-03-05".into(),
            past_target_before: "2026-03-01".into(),
            target_hours: 24,
        };
        let kept = Kept {
            counts: vec![day("2026-03-02", 2, 0)],
            ..Kept::default()
        };
        let report = report(&window, &kept);
        assert_eq!(report.total.median_hours, None);
        assert_eq!(report.total.p90_hours, None);
        assert_eq!(report.total.within_target_share, None);
        assert_eq!(report.total.unanswered, 2);
    }

    #[test]
    fn whole_months_lie_after_the_first_and_before_the_cutoffs_month() {
        let window = |first_day: &str, past_target_before: &str| Window {
            first_day: first_day.into(),
            last_day: "2027-02-10".into(),
            past_target_before: past_target_before.into(),
            target_hours: 168,
        };
        assert_eq!(
            window("2026-10-01", "2027-02-03").whole_months(),
            Some(("2026-11".into(), "2027-02".into()))
        );
        assert_eq!(window("2026-12-15", "2027-01-31").whole_months(), None);
        assert_eq!(window("2027-02-01", "2027-02-03").whole_months(), None);
    }

    #[test]
    fn a_whole_months_rows_count_as_its_days_do() {
        let window = Window {
            first_day: "2026-01-20".into(),
            last_day: "2026-04-02".into(),
            past_target_before: "2026-03-26".into(),
            target_hours: 48,
        };
        let by_day = Kept {
            counts: vec![
                day("2026-01-20", 2, 1),
                day("2026-02-03", 3, 0),
                day("2026-02-17", 2, 2),
                day("2026-03-27", 1, 0),
            ],
            times: vec![
                time("2026-01-20", 3, 1),
                time("2026-02-03", 30, 1),
                time("2026-02-17", 3, 1),
                time("2026-02-17", 96, 1),
            ],
            history: vec![
                day("2026-01", 2, 1),
                day("2026-02", 5, 2),
                day("2026-03", 1, 0),
            ],
        };
        let by_month = Kept {
            counts: vec![
                day("2026-01-20", 2, 1),
                day("2026-02", 5, 2),
                day("2026-03-27", 1, 0),
            ],
            times: vec![
                time("2026-01-20", 3, 1),
                time("2026-02", 3, 1),
                time("2026-02", 30, 1),
                time("2026-02", 96, 1),
            ],
            history: by_day.history.clone(),
        };
        let (days, months) = (report(&window, &by_day), report(&window, &by_month));
        assert_eq!(days.total, months.total);
        assert_eq!(days.months, months.months);
        // Three of the four answered within 48 hours, out of those four and the three waiting
        // past the target (one of 20 January, two of February).
        assert_eq!(months.total.within_target_share, Some(3.0 / 7.0));
    }
}
