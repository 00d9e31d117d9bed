//! The numbers `taipan bench` reports: the median, minimum and maximum wall time of a
//! program's runs in one mode, its time as a ratio of `python3`'s, and the geometric mean
//! of those ratios across programs (the one figure DESIGN.md §10's targets are stated in).

use std::time::Duration;

/// Wall-time summary of the runs of one program in one mode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub median: Duration,
    pub min: Duration,
    pub max: Duration,
}

impl Summary {
    /// Summarises `times`, or `None` when there are none. An even count takes the mean of
    /// the two middle times as the median, so two runs give their average.
    pub fn of(times: &[Duration]) -> Option<Summary> {
        let mut sorted = times.to_vec();
        sorted.sort();
        let (&min, &max) = (sorted.first()?, sorted.last()?);
        let middle = sorted.len() / 2;
        let median = if sorted.len() % 2 == 1 {
            sorted[middle]
        } else {
            (sorted[middle - 1] + sorted[middle]) / 2
        };
        Some(Summary { median, min, max })
    }
}

/// `time` as a multiple of `reference` (2.0 = twice as long; below 1.0 is faster). `None`
/// when the reference is zero, which only a broken clock produces.
pub fn ratio(time: Duration, reference: Duration) -> Option<f64> {
    let reference = reference.as_secs_f64();
    (reference > 0.0).then(|| time.as_secs_f64() / reference)
}

/// The geometric mean of positive `ratios`, the only mean for which "a mode is N× faster
/// on average" does not depend on which side of the ratio is the reference. `None` for an
/// empty list or any ratio that is not a positive finite number.
pub fn geometric_mean(ratios: &[f64]) -> Option<f64> {
    if ratios.is_empty() || ratios.iter().any(|r| !(r.is_finite() && *r > 0.0)) {
        return None;
    }
    let mean_log = ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64;
    Some(mean_log.exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|&v| Duration::from_millis(v)).collect()
    }

    #[test]
    fn summary_of_odd_and_even_counts() {
        let odd = Summary::of(&ms(&[30, 10, 20])).expect("three runs");
        assert_eq!(
            (odd.median, odd.min, odd.max),
            (
                Duration::from_millis(20),
                Duration::from_millis(10),
                Duration::from_millis(30)
            )
        );
        let even = Summary::of(&ms(&[40, 10, 30, 20])).expect("four runs");
        assert_eq!(even.median, Duration::from_millis(25));
        let one = Summary::of(&ms(&[7])).expect("one run");
        assert_eq!(
            (one.median, one.min, one.max),
            (
                Duration::from_millis(7),
                Duration::from_millis(7),
                Duration::from_millis(7)
            )
        );
        assert_eq!(Summary::of(&[]), None);
    }

    #[test]
    fn ratios_and_geometric_mean() {
        assert_eq!(
            ratio(Duration::from_millis(200), Duration::from_millis(100)),
            Some(2.0)
        );
        assert_eq!(ratio(Duration::from_millis(1), Duration::ZERO), None);
        let mean = geometric_mean(&[2.0, 8.0]).expect("two ratios");
        assert!((mean - 4.0).abs() < 1e-12, "{mean}");
        // Symmetric: a mode twice as fast on one program and twice as slow on another is
        // even overall.
        let even = geometric_mean(&[0.5, 2.0]).expect("two ratios");
        assert!((even - 1.0).abs() < 1e-12, "{even}");
        assert_eq!(geometric_mean(&[]), None);
        assert_eq!(geometric_mean(&[1.0, 0.0]), None);
        assert_eq!(geometric_mean(&[f64::NAN]), None);
    }
}
