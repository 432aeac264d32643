//! An idea's vote totals and how one vote changes them: the counts, the score, and two pairs of
//! log-space accumulators, behind the popular key (the board's half-life) and the trending key
//! (`ranking::TRENDING_HALF_LIFE`), updated in O(1) per vote (see `ranking`).

use chrono::NaiveDateTime;

use super::ranking::{self, HalfLife, Removal};

/// The vote-derived figures of one idea, as stored with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VoteTotals {
    pub upvotes: i64,
    pub downvotes: i64,
    /// Promotes minus demotes.
    pub score: i64,
    /// log₂ Σ 2^exponent over the promotes; `None` without any.
    pub up_log: Option<f64>,
    /// The same over the demotes.
    pub down_log: Option<f64>,
    /// The popular order's key (`ranking::popular_key`).
    pub popular_key: f64,
    /// The promotes' accumulator at `ranking::TRENDING_HALF_LIFE`.
    pub trend_up_log: Option<f64>,
    /// The demotes' accumulator at `ranking::TRENDING_HALF_LIFE`.
    pub trend_down_log: Option<f64>,
    /// The trending order's key: the popular key's formula over the trending accumulators.
    pub trending_key: f64,
}

impl Default for VoteTotals {
    fn default() -> Self {
        Self::NONE
    }
}

impl VoteTotals {
    /// An idea nobody has voted on.
    pub const NONE: VoteTotals = VoteTotals {
        upvotes: 0,
        downvotes: 0,
        score: 0,
        up_log: None,
        down_log: None,
        popular_key: 0.0,
        trend_up_log: None,
        trend_down_log: None,
        trending_key: 0.0,
    };

    /// Totals from scratch from (value, cast at) pairs, in cast order (as the live updates sum).
    pub fn from_votes(
        votes: impl IntoIterator<Item = (i64, NaiveDateTime)>,
        half_life: HalfLife,
    ) -> Self {
        let mut totals = Self::NONE;
        for (value, at) in votes {
            totals.add(value, at, half_life);
        }
        totals
    }

    /// IdeaStorm points: ±10 a vote.
    pub fn points(&self) -> i64 {
        ranking::points(self.upvotes, self.downvotes)
    }

    /// Adds one vote of `value` (1 promotes, anything else demotes) cast at `at`.
    pub fn add(&mut self, value: i64, at: NaiveDateTime, half_life: HalfLife) {
        let trending = ranking::TRENDING_HALF_LIFE;
        if value == 1 {
            self.upvotes += 1;
            self.up_log = Some(ranking::log2_add(self.up_log, half_life.exponent(at)));
            self.trend_up_log = Some(ranking::log2_add(self.trend_up_log, trending.exponent(at)));
        } else {
            self.downvotes += 1;
            self.down_log = Some(ranking::log2_add(self.down_log, half_life.exponent(at)));
            self.trend_down_log = Some(ranking::log2_add(
                self.trend_down_log,
                trending.exponent(at),
            ));
        }
        self.finish();
    }

    /// Takes one vote of `value` cast at `at` out. When subtracting would lose precision an
    /// accumulator is rebuilt from the cast times of the votes of that value still standing,
    /// which `remaining` reads (it is called only then, at most once).
    pub fn remove<E>(
        &mut self,
        value: i64,
        at: NaiveDateTime,
        half_life: HalfLife,
        remaining: impl FnOnce() -> Result<Vec<NaiveDateTime>, E>,
    ) -> Result<(), E> {
        let trending = ranking::TRENDING_HALF_LIFE;
        let (count, popular, trend) = if value == 1 {
            self.upvotes -= 1;
            (self.upvotes, self.up_log, self.trend_up_log)
        } else {
            self.downvotes -= 1;
            (self.downvotes, self.down_log, self.trend_down_log)
        };
        let removals = [
            ranking::log2_remove(popular, half_life.exponent(at), count),
            ranking::log2_remove(trend, trending.exponent(at), count),
        ];
        let rebuild_from = match removals.contains(&Removal::Rebuild) {
            true => Some(remaining()?),
            false => None,
        };
        let settle = |removal: Removal, h: HalfLife| match (removal, &rebuild_from) {
            (Removal::Exact(next), _) => next,
            (Removal::Rebuild, Some(times)) => {
                ranking::log2_sum(times.iter().map(|t| h.exponent(*t)))
            }
            (Removal::Rebuild, None) => None,
        };
        let [popular, trend] = removals;
        let (popular, trend) = (settle(popular, half_life), settle(trend, trending));
        if value == 1 {
            (self.up_log, self.trend_up_log) = (popular, trend);
        } else {
            (self.down_log, self.trend_down_log) = (popular, trend);
        }
        self.finish();
        Ok(())
    }

    fn finish(&mut self) {
        self.score = self.upvotes - self.downvotes;
        self.popular_key = ranking::popular_key(self.up_log, self.down_log);
        self.trending_key = ranking::popular_key(self.trend_up_log, self.trend_down_log);
    }
}

#[cfg(test)]
mod tests {
    //! The property tests drive `VoteTotals` itself, as the vote service does, against the
    //! naive formula of the popular order.
    use super::*;
    use crate::domain::ranking::epoch;
    use chrono::Duration;
    use proptest::prelude::*;

    /// One idea's live votes: (value, cast at).
    type Votes = Vec<(i64, NaiveDateTime)>;

    /// The naive formula at `now`: Σ ±10 · 0.5^(age / h).
    fn naive(votes: &Votes, now: NaiveDateTime, h: HalfLife) -> f64 {
        votes
            .iter()
            .map(|(value, at)| {
                let age = (now - *at).num_milliseconds() as f64 / 1000.0;
                10.0 * (*value as f64) * 0.5f64.powf(age / h.seconds())
            })
            .sum()
    }

    /// Replays casts, changes and retractions through `VoteTotals`, as the vote service does.
    /// Four voters take turns; each idea's live votes are what the voters hold at the end.
    fn replay(
        events: &[(usize, i64, NaiveDateTime)],
        ideas: usize,
        h: HalfLife,
    ) -> (Vec<VoteTotals>, Vec<Votes>) {
        let mut voters: Vec<Vec<Option<(i64, NaiveDateTime)>>> = vec![vec![None; 4]; ideas];
        let mut totals = vec![VoteTotals::NONE; ideas];
        for (n, &(idea, value, at)) in events.iter().enumerate() {
            let voter = n % 4;
            if let Some((old_value, old_at)) = voters[idea][voter].take() {
                let still_standing: Vec<NaiveDateTime> = voters[idea]
                    .iter()
                    .flatten()
                    .filter(|(v, _)| *v == old_value)
                    .map(|(_, t)| *t)
                    .collect();
                totals[idea]
                    .remove(old_value, old_at, h, || Ok::<_, ()>(still_standing))
                    .expect("the rebuild reads nothing that can fail");
            }
            if value != 0 {
                totals[idea].add(value, at, h);
                voters[idea][voter] = Some((value, at));
            }
        }
        let live = voters
            .iter()
            .map(|held| held.iter().flatten().copied().collect())
            .collect();
        (totals, live)
    }

    fn keys(totals: &[VoteTotals]) -> Vec<f64> {
        totals.iter().map(|t| t.popular_key).collect()
    }

    fn events(max_days: i64) -> impl Strategy<Value = Vec<(usize, i64, i64)>> {
        proptest::collection::vec(
            (
                0usize..5,
                prop_oneof![Just(1i64), Just(-1), Just(0)],
                0..max_days * 1440,
            ),
            1..60,
        )
    }

    fn timeline(
        raw: Vec<(usize, i64, i64)>,
        start: NaiveDateTime,
    ) -> Vec<(usize, i64, NaiveDateTime)> {
        let mut minutes: Vec<i64> = raw.iter().map(|(_, _, m)| *m).collect();
        minutes.sort_unstable();
        raw.iter()
            .zip(minutes)
            .map(|(&(idea, value, _), m)| (idea, value, start + Duration::minutes(m)))
            .collect()
    }

    fn assert_same_order(keys: &[f64], scores: &[f64]) {
        for i in 0..keys.len() {
            for j in 0..keys.len() {
                let scale = scores[i].abs().max(scores[j].abs()).max(1e-300);
                if scores[i] - scores[j] > 1e-9 * scale {
                    assert!(
                        keys[i] > keys[j],
                        "idea {i} ({}) should rank above {j} ({}): keys {keys:?}",
                        scores[i],
                        scores[j]
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn the_stored_order_is_the_naive_formulas_order_at_any_later_time(
            raw in events(5 * 365),
            later_days in 0i64..400,
            half_life_days in prop_oneof![Just(14.0f64), Just(3.0), Just(60.0)],
        ) {
            let h = HalfLife::days(half_life_days).expect("valid");
            let start = epoch() + Duration::days(365 * 4);
            let timeline = timeline(raw, start);
            let (totals, live) = replay(&timeline, 5, h);
            let keys = keys(&totals);
            let last = timeline.last().map(|e| e.2).unwrap_or(start);
            let now = last + Duration::days(later_days);
            let scores: Vec<f64> = live.iter().map(|votes| naive(votes, now, h)).collect();
            assert_same_order(&keys, &scores);
        }

        #[test]
        fn keys_stay_finite_and_ordered_a_century_from_now(raw in events(3 * 365)) {
            let h = HalfLife::default();
            let near = timeline(raw.clone(), epoch() + Duration::days(365 * 5));
            let far = timeline(raw, epoch() + Duration::days(365 * 105));
            let near_keys = keys(&replay(&near, 5, h).0);
            let far_keys = keys(&replay(&far, 5, h).0);
            for k in &far_keys {
                prop_assert!(k.is_finite());
            }
            // Shifting every vote by the same time keeps the order.
            for i in 0..5 {
                for j in 0..5 {
                    if near_keys[i] > near_keys[j] + 1e-6 {
                        prop_assert!(far_keys[i] > far_keys[j], "{near_keys:?} vs {far_keys:?}");
                    }
                }
            }
        }

        #[test]
        fn the_trending_order_is_the_naive_formulas_order_with_a_one_day_half_life(
            raw in events(60),
            later_days in 0i64..30,
        ) {
            let start = epoch() + Duration::days(365 * 6);
            let timeline = timeline(raw, start);
            let (totals, live) = replay(&timeline, 5, HalfLife::default());
            let keys: Vec<f64> = totals.iter().map(|t| t.trending_key).collect();
            let last = timeline.last().map(|e| e.2).unwrap_or(start);
            let now = last + Duration::days(later_days);
            let scores: Vec<f64> = live
                .iter()
                .map(|votes| naive(votes, now, ranking::TRENDING_HALF_LIFE))
                .collect();
            assert_same_order(&keys, &scores);
        }

        #[test]
        fn incremental_updates_match_a_rebuild_from_the_votes(raw in events(2 * 365)) {
            let h = HalfLife::default();
            let timeline = timeline(raw, epoch() + Duration::days(2000));
            let (totals, live) = replay(&timeline, 5, h);
            for (idea, votes) in live.iter().enumerate() {
                let mut in_cast_order = votes.clone();
                in_cast_order.sort_by_key(|(_, at)| *at);
                let rebuilt = VoteTotals::from_votes(in_cast_order, h);
                let live_totals = totals[idea];
                prop_assert_eq!(
                    (rebuilt.upvotes, rebuilt.downvotes, rebuilt.score),
                    (live_totals.upvotes, live_totals.downvotes, live_totals.score)
                );
                for (rebuilt, kept) in [
                    (rebuilt.popular_key, live_totals.popular_key),
                    (rebuilt.trending_key, live_totals.trending_key),
                ] {
                    prop_assert!((rebuilt - kept).abs() <= 1e-6 * rebuilt.abs().max(1.0), "{rebuilt} vs {kept}");
                }
            }
        }
    }

    #[test]
    fn a_changed_vote_moves_from_promotes_to_demotes() {
        let h = HalfLife::default();
        let at = epoch() + Duration::days(400);
        let mut totals = VoteTotals::from_votes([(1, at), (1, at)], h);
        assert_eq!((totals.upvotes, totals.points()), (2, 20));
        totals
            .remove(1, at, h, || Ok::<_, ()>(vec![at]))
            .expect("no failure");
        totals.add(-1, at, h);
        assert_eq!((totals.upvotes, totals.downvotes, totals.score), (1, 1, 0));
        assert_eq!(totals.points(), 0);
        assert_eq!(totals.popular_key, 0.0, "equal promotes and demotes cancel");
    }
}
