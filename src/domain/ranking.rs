//! Ranking maths. `popular` is IdeaStorm's half-life decay: a vote cast at time t is worth
//! ±10 · 2^(−(now − t)/h). Since the factor 2^(−now/h) is common to every idea at any moment, the
//! order is that of S = Σ ±2^((t − T0)/h), which never changes between votes. Promote and demote
//! sums are kept as two log₂ accumulators (log-sum-exp), so nothing overflows for centuries, and
//! S is mapped to one orderable number, the popular key.

use super::validation::Text;
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

    /// The half-life in seconds.
    pub fn seconds(self) -> f64 {
        self.seconds
    }

    /// The exponent (t − T0)/h of a vote cast at `at`.
    pub fn exponent(self, at: NaiveDateTime) -> f64 {
        let since = at - epoch();
        let seconds = since.num_seconds() as f64 + f64::from(since.subsec_nanos()) / 1e9;
        seconds / self.seconds
    }
}

/// The trending order's half-life: one day. `trending` is the popular formula with it, so a vote
/// from a week ago weighs 1/128 of one cast now: the ideas people vote for these days lead.
pub const TRENDING_HALF_LIFE: HalfLife = HalfLife { seconds: 86_400.0 };

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

/// How far the popular key can move when each accumulator is off by at most `error` (log₂
/// units). For up > down the key is K + up + log₂(1 − 2^−gap) with gap = up − down (the mirror
/// image for down > up): `up` moves it by at most `error`, and the gap, off by at most 2·error,
/// moves the log term most when it shrinks, by log₂((1 − 2^−gap)/(1 − 2^−(gap − 2·error))).
/// Far from cancellation that is tiny; near it, it is about log₂(gap/(gap − 2·error)): the key
/// of an idea whose promotes and demotes cancel to 10⁻⁸ moves by 0.03 when its accumulators are
/// 10⁻¹⁰ off. Once the gap is within 2·error the sign of S itself is unknown, and any key is as
/// right as another. `check` compares keys within this bound, so such rounding is not drift.
pub fn popular_key_error_bound(up: Option<f64>, down: Option<f64>, error: f64) -> f64 {
    let (Some(up), Some(down)) = (up, down) else {
        return error;
    };
    let gap = (up - down).abs();
    if gap <= 2.0 * error {
        return f64::INFINITY;
    }
    let shrunk = gap - 2.0 * error;
    error + ((1.0 - (-gap).exp2()) / (1.0 - (-shrunk).exp2())).log2()
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

    pub fn parse(input: &str) -> Result<Self, Text> {
        match input {
            "popular" => Ok(Sort::Popular),
            "top" => Ok(Sort::Top),
            "new" => Ok(Sort::New),
            "trending" => Ok(Sort::Trending),
            "discussed" => Ok(Sort::Discussed),
            "relevance" => Ok(Sort::Relevance),
            _ => Err(Text::new("refused-sort-any")),
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

    #[test]
    fn the_key_moves_no_further_than_its_error_bound_when_accumulators_are_off() {
        let h = HalfLife::default();
        let up = h.exponent(epoch() + Duration::days(2000));
        let error = 1e-10;
        for gap in [5.0, 0.3, 1e-3, 1e-6, 1e-8] {
            for (a, b) in [(up, up - gap), (up - gap, up)] {
                let key = popular_key(Some(a), Some(b));
                let bound = popular_key_error_bound(Some(a), Some(b), error);
                for (da, db) in [(error, 0.0), (0.0, error), (error, -error), (-error, error)] {
                    let moved = (popular_key(Some(a + da), Some(b + db)) - key).abs();
                    // The last term: the key's own rounding at its magnitude (about 10⁴).
                    assert!(moved <= bound + 1e-11, "gap {gap}: {moved} > {bound}");
                }
            }
        }
        // Far from cancellation the bound is about the error itself; near it, far larger.
        assert!(popular_key_error_bound(Some(up), Some(up - 5.0), error) < 1.1 * error);
        assert!(popular_key_error_bound(Some(up), Some(up - 1e-8), error) > 1e-2);
        assert_eq!(
            popular_key_error_bound(Some(up), Some(up - error), error),
            f64::INFINITY
        );
        assert_eq!(popular_key_error_bound(Some(up), None, error), error);
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
