//! Ranking maths. `popular` is IdeaStorm's half-life decay: a vote cast at time t is worth
//! ±10 · 2^(−(now − t)/h). Since the factor 2^(−now/h) is common to every idea at any moment, the
//! order is that of S = Σ ±2^((t − T0)/h), which never changes between votes. Promote and demote
//! sums are kept as two log₂ accumulators (log-sum-exp), so nothing overflows for centuries, and
//! S is mapped to one orderable number, the popular key.

use chrono::{NaiveDate, NaiveDateTime};

/// Reference time T0 for exponents: 2020-01-01 00:00 UTC.
pub fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2020, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
}

/// Keys of ideas with positive S are `KEY_OFFSET + log₂ S`, negative ones the mirror image, so
/// every positive-S idea ranks above S = 0 (key 0) above every negative-S idea. log₂ S stays far
/// above −KEY_OFFSET for any vote cast after 1990 with a half-life of a day or more.
pub const KEY_OFFSET: f64 = 10_000.0;

/// Below this remaining fraction, subtracting a vote from an accumulator has lost too many
/// digits; the accumulator is then rebuilt from the votes. A removal that leaves the fraction f
/// multiplies the accumulator's rounding error by about 1/f, so 1e-3 keeps each removal's error
/// near 1e-13 (1e-9 let a hot idea under the vote benchmark drift by 1e-6, which `check` saw);
/// the rebuilds it adds are for ideas whose few votes are dominated by the removed one.
const CANCELLATION_LIMIT: f64 = 1e-3;

/// The half-life in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HalfLife {
    seconds: f64,
}

impl HalfLife {
    /// A half-life of `days` (more than zero, at most 10 years).
    pub fn days(days: f64) -> Result<Self, String> {
        if !(days.is_finite() && days > 0.0 && days <= 3650.0) {
            return Err(
                "RANK_HALF_LIFE_DAYS must be a number of days above 0 and at most 3650".into(),
            );
        }
        Ok(Self {
            seconds: days * 86_400.0,
        })
    }

    /// The exponent (t − T0)/h of a vote cast at `at`.
    pub fn exponent(self, at: NaiveDateTime) -> f64 {
        let since = at - epoch();
        let seconds = since.num_seconds() as f64 + f64::from(since.subsec_nanos()) / 1e9;
        seconds / self.seconds
    }
}

impl Default for HalfLife {
    fn default() -> Self {
        Self {
            seconds: 14.0 * 86_400.0,
        }
    }
}

/// log₂(2^a + 2^b), without overflow.
pub fn log2_add(a: Option<f64>, b: f64) -> f64 {
    match a {
        None => b,
        Some(a) => {
            let (high, low) = if a >= b { (a, b) } else { (b, a) };
            high + (1.0 + (low - high).exp2()).log2()
        }
    }
}

/// The outcome of taking one vote's term out of an accumulator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Removal {
    /// The new accumulator (`None` when no term is left).
    Exact(Option<f64>),
    /// Too many digits cancelled: rebuild from the remaining votes.
    Rebuild,
}

/// log₂(2^acc − 2^term), where `remaining` terms stay after the removal.
pub fn log2_remove(acc: Option<f64>, term: f64, remaining: i64) -> Removal {
    if remaining <= 0 {
        return Removal::Exact(None);
    }
    let Some(acc) = acc else {
        return Removal::Rebuild;
    };
    let fraction_left = 1.0 - (term - acc).exp2();
    // NaN (from a corrupt accumulator) also asks for a rebuild.
    if fraction_left.is_nan() || fraction_left <= CANCELLATION_LIMIT {
        return Removal::Rebuild;
    }
    Removal::Exact(Some(acc + fraction_left.log2()))
}

/// Rebuilds an accumulator from exponents (`None` when empty).
pub fn log2_sum(exponents: impl IntoIterator<Item = f64>) -> Option<f64> {
    exponents
        .into_iter()
        .fold(None, |acc, e| Some(log2_add(acc, e)))
}

/// The popular key from the promote and demote accumulators: orders ideas exactly as
/// S = 2^up − 2^down does.
pub fn popular_key(up: Option<f64>, down: Option<f64>) -> f64 {
    match (up, down) {
        (None, None) => 0.0,
        (Some(up), None) => KEY_OFFSET + up,
        (None, Some(down)) => -(KEY_OFFSET + down),
        (Some(up), Some(down)) if up > down => KEY_OFFSET + up + difference_log(down - up),
        (Some(up), Some(down)) if down > up => -(KEY_OFFSET + down + difference_log(up - down)),
        _ => 0.0,
    }
}

/// log₂(1 − 2^(−gap)) for gap < 0 given as `lower − higher`, kept above −KEY_OFFSET/2.
fn difference_log(lower_minus_higher: f64) -> f64 {
    (1.0 - lower_minus_higher.exp2())
        .log2()
        .max(-KEY_OFFSET / 2.0)
}

/// The ranked orders of the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Popular,
    Top,
    New,
    Trending,
    Discussed,
    /// Best match first; only with a search.
    Relevance,
}

impl Sort {
    pub const TABS: [Sort; 5] = [
        Sort::Popular,
        Sort::Top,
        Sort::New,
        Sort::Trending,
        Sort::Discussed,
    ];

    pub fn parse(input: &str) -> Result<Self, String> {
        match input {
            "popular" => Ok(Sort::Popular),
            "top" => Ok(Sort::Top),
            "new" => Ok(Sort::New),
            "trending" => Ok(Sort::Trending),
            "discussed" => Ok(Sort::Discussed),
            "relevance" => Ok(Sort::Relevance),
            _ => Err("Sort by popular, top, new, trending, discussed or relevance.".into()),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Popular => "popular",
            Sort::Top => "top",
            Sort::New => "new",
            Sort::Trending => "trending",
            Sort::Discussed => "discussed",
            Sort::Relevance => "relevance",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Popular => "Popular",
            Sort::Top => "Top",
            Sort::New => "New",
            Sort::Trending => "Trending",
            Sort::Discussed => "Most discussed",
            Sort::Relevance => "Best match",
        }
    }
}

/// Points as IdeaStorm shows them: 10 per promote, −10 per demote.
pub fn points(upvotes: i64, downvotes: i64) -> i64 {
    10 * (upvotes - downvotes)
}

#[cfg(test)]
mod tests {
    use super::*;
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
                10.0 * (*value as f64) * 0.5f64.powf(age / h.seconds)
            })
            .sum()
    }

    /// Replays casts, changes and retractions through the O(1) updates, as the vote service does.
    /// Four voters take turns; each idea's live votes are what the voters hold at the end.
    fn replay(
        events: &[(usize, i64, NaiveDateTime)],
        ideas: usize,
        h: HalfLife,
    ) -> (Vec<f64>, Vec<Votes>) {
        let mut voters: Vec<Vec<Option<(i64, NaiveDateTime)>>> = vec![vec![None; 4]; ideas];
        let mut acc: Vec<(Option<f64>, Option<f64>)> = vec![(None, None); ideas];
        let terms = |held: &[Option<(i64, NaiveDateTime)>], value: i64| {
            held.iter()
                .flatten()
                .filter(|(v, _)| *v == value)
                .map(|(_, t)| h.exponent(*t))
                .collect::<Vec<f64>>()
        };
        for (n, &(idea, value, at)) in events.iter().enumerate() {
            let voter = n % 4;
            if let Some((old_value, old_at)) = voters[idea][voter].take() {
                let remaining = terms(&voters[idea], old_value);
                let (up, down) = &mut acc[idea];
                let slot = if old_value == 1 { up } else { down };
                *slot = match log2_remove(*slot, h.exponent(old_at), remaining.len() as i64) {
                    Removal::Exact(next) => next,
                    Removal::Rebuild => log2_sum(remaining),
                };
            }
            if value != 0 {
                let (up, down) = &mut acc[idea];
                let slot = if value == 1 { up } else { down };
                *slot = Some(log2_add(*slot, h.exponent(at)));
                voters[idea][voter] = Some((value, at));
            }
        }
        let live = voters
            .iter()
            .map(|held| held.iter().flatten().copied().collect())
            .collect();
        (acc.iter().map(|(u, d)| popular_key(*u, *d)).collect(), live)
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
            let (keys, live) = replay(&timeline, 5, h);
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
            let (near_keys, _) = replay(&near, 5, h);
            let (far_keys, _) = replay(&far, 5, h);
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
        fn incremental_updates_match_a_rebuild_from_the_votes(raw in events(2 * 365)) {
            let h = HalfLife::default();
            let timeline = timeline(raw, epoch() + Duration::days(2000));
            let (keys, live) = replay(&timeline, 5, h);
            for (idea, votes) in live.iter().enumerate() {
                let up = log2_sum(votes.iter().filter(|(v, _)| *v == 1).map(|(_, t)| h.exponent(*t)));
                let down = log2_sum(votes.iter().filter(|(v, _)| *v == -1).map(|(_, t)| h.exponent(*t)));
                let rebuilt = popular_key(up, down);
                prop_assert!((rebuilt - keys[idea]).abs() <= 1e-6 * rebuilt.abs().max(1.0), "{rebuilt} vs {}", keys[idea]);
            }
        }
    }

    #[test]
    fn a_newer_promote_outranks_an_older_one_and_demotes_rank_below_nothing() {
        let h = HalfLife::default();
        let old = h.exponent(epoch() + Duration::days(100));
        let new = h.exponent(epoch() + Duration::days(101));
        assert!(popular_key(Some(new), None) > popular_key(Some(old), None));
        assert!(popular_key(None, Some(old)) < 0.0);
        assert_eq!(popular_key(Some(old), Some(old)), 0.0);
        assert!(
            popular_key(None, Some(new)) < popular_key(None, Some(old)),
            "a newer demote weighs more"
        );
    }

    #[test]
    fn removing_the_only_vote_empties_and_cancellation_asks_for_a_rebuild() {
        assert_eq!(log2_remove(Some(5.0), 5.0, 0), Removal::Exact(None));
        assert_eq!(log2_remove(Some(5.0), 5.0, 1), Removal::Rebuild);
        let two = log2_add(Some(3.0), 3.0);
        match log2_remove(Some(two), 3.0, 1) {
            Removal::Exact(Some(left)) => assert!((left - 3.0).abs() < 1e-12),
            other => panic!("{other:?}"),
        }
    }
}
