//! The seeder's random draws: ranks by Zipf's law (a few ideas draw most votes) and times in a
//! span, from the seeded generator so a seed reproduces its board.

use chrono::{Duration, NaiveDateTime};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::domain::clock;

/// Samples ranks 0..n with probability ∝ 1/(k+1)^s.
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64) -> Self {
        let mut total = 0.0;
        let cdf = (0..n)
            .map(|k| {
                total += 1.0 / ((k + 1) as f64).powf(s);
                total
            })
            .collect::<Vec<_>>();
        let cdf = cdf.into_iter().map(|c| c / total).collect();
        Self { cdf }
    }

    pub fn sample(&self, rng: &mut ChaCha8Rng) -> usize {
        let u: f64 = rng.r#gen();
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

/// A time between `from` and `to`, to the microsecond as the database keeps it.
pub fn random_time(rng: &mut ChaCha8Rng, from: NaiveDateTime, to: NaiveDateTime) -> NaiveDateTime {
    let span = (to - from).num_seconds().max(1);
    clock::truncate(
        from + Duration::seconds(rng.gen_range(0..span))
            + Duration::microseconds(rng.gen_range(0..1_000_000)),
    )
}
