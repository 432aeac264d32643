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

/// One kept row of `response_days`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCounts {
    pub day: String,
    pub area_key: String,
    pub submitted: i64,
    pub answered: i64,
}

/// One kept row of `response_times`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeCounts {
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

fn median(times: &BTreeMap<i64, i64>, n: i64) -> Option<f64> {
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

/// The figures for the window: total, per area key, per month ('YYYY-MM'), with each month's
/// backlog (live ideas waiting at its end, submitted in or before it).
#[derive(Debug, Clone)]
pub struct Report {
    pub total: Figures,
    pub areas: Vec<(String, Figures)>,
    pub months: Vec<(String, Figures, i64)>,
}

/// Works the report out from every kept day row (the backlog needs all history) and the time rows
/// of the window.
pub fn report(window: &Window, days: &[DayCounts], times: &[TimeCounts]) -> Report {
    let in_window = |day: &str| day >= window.first_day.as_str();
    let month = |day: &str| day.get(..7).unwrap_or(day).to_string();
    let mut total = Tally::default();
    let mut areas: BTreeMap<String, Tally> = BTreeMap::new();
    // Every month of the window, those without ideas too, so a chart's months are evenly spaced.
    let mut months: BTreeMap<String, Tally> = months_between(&window.first_day, &window.last_day)
        .into_iter()
        .map(|month| (month, Tally::default()))
        .collect();
    let mut answered_from: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for row in times.iter().filter(|row| in_window(&row.day)) {
        for tally in [
            &mut total,
            areas.entry(row.area_key.clone()).or_default(),
            months.entry(month(&row.day)).or_default(),
        ] {
            *tally.times.entry(row.hours).or_default() += row.ideas;
        }
        *answered_from.entry((&row.day, &row.area_key)).or_default() += row.ideas;
    }
    for row in days.iter().filter(|row| in_window(&row.day)) {
        let answered = answered_from.get(&(row.day.as_str(), row.area_key.as_str()));
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
                    backlog_at(days, month),
                )
            })
            .collect(),
    }
}

/// Every month ('YYYY-MM') from the one of `first_day` to the one of `last_day`.
fn months_between(first_day: &str, last_day: &str) -> Vec<String> {
    let parse = |day: &str| {
        let year: i32 = day.get(..4)?.parse().ok()?;
        let month: u32 = day.get(5..7)?.parse().ok()?;
        Some((year, month))
    };
    let (Some(mut at), Some(last)) = (parse(first_day), parse(last_day)) else {
        return Vec::new();
    };
    let mut months = Vec::new();
    while at <= last {
        months.push(format!("{:04}-{:02}", at.0, at.1));
        at = if at.1 == 12 {
            (at.0 + 1, 1)
        } else {
            (at.0, at.1 + 1)
        };
    }
    months
}

/// Live ideas waiting at the end of `month`: submitted up to then, less answered up to then.
fn backlog_at(days: &[DayCounts], month: &str) -> i64 {
    days.iter()
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
        let report = report(&window, &days, &times);
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
        let report = report(&window, &[day("2026-03-02", 2, 0)], &[]);
        assert_eq!(report.total.median_hours, None);
        assert_eq!(report.total.p90_hours, None);
        assert_eq!(report.total.within_target_share, None);
        assert_eq!(report.total.unanswered, 2);
    }
}
