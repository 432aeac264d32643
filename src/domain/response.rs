//! The board's promise to answer: the response target and the review threshold, and what they
//! say about one idea (waiting, past the target, answered after how long).

use chrono::{Duration, NaiveDateTime};

/// `RESPONSE_TARGET_DAYS` and `REVIEW_THRESHOLD_POINTS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponsePolicy {
    /// Staff mean to answer every idea within this many days of its submission.
    pub target_days: u32,
    /// An unanswered idea with this many points is due for review and its area's owners are told.
    pub review_threshold_points: u32,
}

impl Default for ResponsePolicy {
    fn default() -> Self {
        ResponsePolicy {
            target_days: 7,
            review_threshold_points: 500,
        }
    }
}

/// Where one idea stands with its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseState {
    /// Answered this long after it was submitted.
    Answered { after: Duration },
    /// Waiting this long so far; `past_target` once that exceeds the target.
    Waiting { for_: Duration, past_target: bool },
}

impl ResponsePolicy {
    pub fn target(&self) -> Duration {
        Duration::days(i64::from(self.target_days))
    }

    /// Ideas submitted before this moment and still unanswered at `now` are past the target.
    pub fn past_target_cutoff(&self, now: NaiveDateTime) -> NaiveDateTime {
        now - self.target()
    }

    /// Where an idea submitted at `submitted` and first answered at `answered` stands at `now`.
    pub fn state(
        &self,
        submitted: NaiveDateTime,
        answered: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> ResponseState {
        match answered {
            Some(at) => ResponseState::Answered {
                after: (at - submitted).max(Duration::zero()),
            },
            None => ResponseState::Waiting {
                for_: (now - submitted).max(Duration::zero()),
                past_target: submitted < self.past_target_cutoff(now),
            },
        }
    }

    /// Whether an unanswered idea with `points` is due for review.
    pub fn threshold_reached(&self, points: i64) -> bool {
        points >= i64::from(self.review_threshold_points)
    }
}

/// A wait as pages show it: whole hours under two days, whole days from then on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownWait {
    /// `hours` or `days`.
    pub unit: &'static str,
    pub count: i64,
}

/// How `wait` reads.
pub fn shown_wait(wait: Duration) -> ShownWait {
    if wait < Duration::hours(48) {
        ShownWait {
            unit: "hours",
            count: wait.num_hours(),
        }
    } else {
        ShownWait {
            unit: "days",
            count: wait.num_days(),
        }
    }
}

/// When the wait of an idea submitted at `submitted`, still unanswered at `now`, next reads
/// differently (the next whole hour or day).
pub fn wait_changes_at(submitted: NaiveDateTime, now: NaiveDateTime) -> NaiveDateTime {
    let waited = (now - submitted).max(Duration::zero());
    let shown = shown_wait(waited);
    let step = if shown.unit == "hours" {
        Duration::hours(shown.count + 1)
    } else {
        Duration::days(shown.count + 1)
    };
    submitted + step
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("valid date")
    }

    #[test]
    fn an_unanswered_idea_passes_the_target_only_after_the_whole_target() {
        let policy = ResponsePolicy::default();
        let submitted = at(1, 12);
        assert_eq!(
            policy.state(submitted, None, at(8, 12)),
            ResponseState::Waiting {
                for_: Duration::days(7),
                past_target: false
            }
        );
        assert_eq!(
            policy.state(submitted, None, at(8, 13)),
            ResponseState::Waiting {
                for_: Duration::days(7) + Duration::hours(1),
                past_target: true
            }
        );
    }

    #[test]
    fn an_answered_idea_keeps_how_long_it_waited() {
        let policy = ResponsePolicy {
            target_days: 2,
            review_threshold_points: 10,
        };
        assert_eq!(
            policy.state(at(1, 0), Some(at(4, 6)), at(20, 0)),
            ResponseState::Answered {
                after: Duration::days(3) + Duration::hours(6)
            }
        );
        assert!(policy.threshold_reached(10));
        assert_eq!(
            shown_wait(Duration::hours(47)),
            ShownWait {
                unit: "hours",
                count: 47
            }
        );
        assert_eq!(
            shown_wait(Duration::hours(49)),
            ShownWait {
                unit: "days",
                count: 2
            }
        );
        assert_eq!(wait_changes_at(at(1, 0), at(1, 5)), at(1, 6));
        assert_eq!(wait_changes_at(at(1, 0), at(4, 5)), at(5, 0));
        assert!(!policy.threshold_reached(9));
    }
}
