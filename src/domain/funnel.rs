//! The pipeline funnel (pure): which step of it a status brings an idea to, and the funnel of the
//! ideas submitted in a period — submitted, answered, planned, implemented — with the share that
//! reached each step and the median days from the step before.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

/// A step an idea reaches through a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Planned or in progress: a status of kind `active` after the first one (the review).
    Planned,
    /// A status of kind `completed` (implemented, partially implemented).
    Implemented,
}

impl Step {
    /// The step a status of `kind` at `position` stands for; `review_position` is the position of
    /// the first `active` status, which only reviews.
    pub fn of(kind: &str, position: i64, review_position: Option<i64>) -> Option<Step> {
        match kind {
            "completed" => Some(Step::Implemented),
            "active" if review_position.is_some_and(|review| position > review) => {
                Some(Step::Planned)
            }
            _ => None,
        }
    }
}

/// One step of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FunnelStep {
    /// `submitted`, `answered`, `planned` or `implemented`.
    pub step: &'static str,
    /// Live ideas submitted in the period that reached this step (by now).
    pub ideas: i64,
    /// Their share of those submitted (0 to 1); null when none was submitted.
    pub share: Option<f64>,
    /// The median of the whole days from the step before (answered: from submission, in hours
    /// divided by 24); null for `submitted` and when none reached the step.
    pub median_days: Option<f64>,
}

/// The median of a histogram of values (value → how many), or none when it is empty: the same
/// rule as the response times' (`response_figures::median`).
pub fn median(histogram: &BTreeMap<i64, i64>) -> Option<f64> {
    super::response_figures::median(histogram, histogram.values().sum())
}

/// The funnel from the period's counts: submitted and answered (with the median hours to the
/// answer), and the histograms of days to planned and to implemented.
pub fn funnel(
    submitted: i64,
    answered: i64,
    median_answer_hours: Option<f64>,
    planned: &BTreeMap<i64, i64>,
    implemented: &BTreeMap<i64, i64>,
) -> Vec<FunnelStep> {
    let share = |ideas: i64| (submitted > 0).then(|| ideas as f64 / submitted as f64);
    let step = |name: &'static str, ideas: i64, median_days: Option<f64>| FunnelStep {
        step: name,
        ideas,
        share: share(ideas),
        median_days,
    };
    let reached = |histogram: &BTreeMap<i64, i64>| histogram.values().sum::<i64>();
    vec![
        step("submitted", submitted, None),
        step(
            "answered",
            answered,
            median_answer_hours.map(|hours| (hours / 24.0 * 10.0).round() / 10.0),
        ),
        step("planned", reached(planned), median(planned)),
        step("implemented", reached(implemented), median(implemented)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_bring_ideas_to_steps_by_their_kind_and_place() {
        let review = Some(2);
        assert_eq!(Step::of("active", 2, review), None, "the review");
        assert_eq!(Step::of("active", 3, review), Some(Step::Planned));
        assert_eq!(Step::of("completed", 5, review), Some(Step::Implemented));
        assert_eq!(Step::of("declined", 7, review), None);
        assert_eq!(Step::of("open", 1, review), None);
    }

    #[test]
    fn the_funnel_counts_shares_and_medians() {
        let planned = BTreeMap::from([(0, 1), (3, 2)]);
        let implemented = BTreeMap::from([(10, 1), (20, 1)]);
        let steps = funnel(8, 6, Some(36.0), &planned, &implemented);
        let summary: Vec<(&str, i64, Option<f64>, Option<f64>)> = steps
            .iter()
            .map(|s| (s.step, s.ideas, s.share, s.median_days))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("submitted", 8, Some(1.0), None),
                ("answered", 6, Some(0.75), Some(1.5)),
                ("planned", 3, Some(0.375), Some(3.0)),
                ("implemented", 2, Some(0.25), Some(15.0)),
            ]
        );
        assert_eq!(
            funnel(0, 0, None, &BTreeMap::new(), &BTreeMap::new())[1].share,
            None
        );
    }
}
