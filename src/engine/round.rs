//! Rounding that never breaks a sum: largest remainder (最大余额法).
//!
//! Exact amounts are carried as `f64`; what is shown is an integer number of display units
//! (hundredths of 亿元 or of 万元). Children are rounded so that their units add up exactly
//! to the parent's units, the way planning systems carry the rounding error to one member.

use super::format::round_scaled;

/// Display precision of an amount family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Precision {
    /// 0.01亿元
    Yi2,
    /// 0.01万元
    Wan2,
}

impl Precision {
    /// Display units per 亿元.
    pub fn per_yi(self) -> f64 {
        match self {
            Precision::Yi2 => 100.0,
            Precision::Wan2 => 1_000_000.0,
        }
    }

    /// An amount in 亿元 rounded on its own to display units.
    pub fn units(self, amount_yi: f64) -> i64 {
        round_scaled(amount_yi * self.per_yi()) as i64
    }
}

/// Round `exact` (amounts in 亿元) to display units summing to exactly `total_units`.
///
/// Each value is floored; the units still missing go one each to the largest remainders
/// (ties: earlier first), skipping `pinned` values (held amounts) unless nothing else is
/// left; units in excess are taken back from the smallest remainders likewise.
pub fn largest_remainder(
    total_units: i64,
    exact: &[f64],
    pinned: &[bool],
    precision: Precision,
) -> Vec<i64> {
    largest_remainder_scaled(total_units, exact, precision.per_yi(), pinned)
}

/// An `f64` as a `u64` in the order of `f64::total_cmp`.
fn total_order_bits(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

/// Largest remainder for values already in any unit: each `exact × scale` is rounded so
/// that they add up to `total_units` (e.g. shares as hundredths of a percent).
pub fn largest_remainder_scaled(
    total_units: i64,
    exact: &[f64],
    scale: f64,
    pinned: &[bool],
) -> Vec<i64> {
    let mut units = Vec::new();
    Rounder::default().round_into(total_units, exact, scale, pinned, &mut units);
    units
}

/// Largest remainder with its working space kept between calls: the tree rounds four
/// figures for every parent, and allocating for each would cost more than the rounding.
#[derive(Default)]
pub struct Rounder {
    remainders: Vec<f64>,
    keys: Vec<u128>,
    positive: Vec<usize>,
    rest: Vec<usize>,
}

impl Rounder {
    /// [`largest_remainder_scaled`] into `units` (cleared first).
    pub fn round_into(
        &mut self,
        total_units: i64,
        exact: &[f64],
        scale: f64,
        pinned: &[bool],
        units: &mut Vec<i64>,
    ) {
        let n = exact.len();
        units.clear();
        if n == 0 {
            return;
        }
        let remainders = &mut self.remainders;
        remainders.clear();
        for &x in exact {
            let scaled = if x.is_finite() { x * scale } else { 0.0 };
            // A value within noise of an integer counts as that integer.
            let near = round_scaled(scaled);
            let floor = if (scaled - near).abs() <= 1e-9 * scaled.abs().max(1.0) {
                near
            } else {
                scaled.floor()
            };
            units.push(floor as i64);
            remainders.push(scaled - floor);
        }
        let mut missing = total_units - units.iter().sum::<i64>();
        if missing == 0 {
            return;
        }
        let is_pinned = |i: usize| pinned.get(i).copied().unwrap_or(false);
        if missing > 0 {
            // More than one unit per value can be missing only for out-of-range input;
            // hand out whole rounds first so the loop stays bounded by n.
            let rounds = missing / n as i64;
            if rounds > 0 {
                units.iter_mut().for_each(|u| *u += rounds);
                missing -= rounds * n as i64;
            }
            // Largest remainder first; pinned values last; ties to the earlier value. The
            // order is total, so selecting the first `missing` gives the same values as
            // sorting all. Each value's place in that order is one integer, so comparisons
            // are cheap.
            let keys = &mut self.keys;
            keys.clear();
            keys.extend((0..n).map(|i| {
                (u128::from(is_pinned(i)) << 127)
                    | (u128::from(u64::MAX - total_order_bits(remainders[i])) << 64)
                    | i as u128
            }));
            let k = missing as usize;
            if k > 0 && k < n {
                keys.select_nth_unstable(k - 1);
            }
            for key in keys.iter().take(k) {
                units[(*key as u64) as usize] += 1;
            }
        } else {
            let rounds = (-missing) / n as i64;
            if rounds > 0 {
                units.iter_mut().for_each(|u| *u -= rounds);
                missing += rounds * n as i64;
            }
            // Smallest remainder first; pinned values last; ties to the earlier value; taken
            // from values that stay non-negative first, then from any.
            let smallest = |&a: &usize, &b: &usize| {
                is_pinned(a)
                    .cmp(&is_pinned(b))
                    .then(remainders[a].total_cmp(&remainders[b]))
                    .then(a.cmp(&b))
            };
            let first_k = |v: &mut Vec<usize>, k: usize| {
                if k > 0 && k < v.len() {
                    v.select_nth_unstable_by(k - 1, smallest);
                }
                v.truncate(k.min(v.len()));
            };
            let m = (-missing) as usize;
            let (positive, rest) = (&mut self.positive, &mut self.rest);
            positive.clear();
            rest.clear();
            for (i, &u) in units.iter().enumerate() {
                if u > 0 {
                    positive.push(i);
                } else {
                    rest.push(i);
                }
            }
            let from_positive = m.min(positive.len());
            first_k(positive, from_positive);
            first_k(rest, m - from_positive);
            for &i in positive.iter().chain(rest.iter()) {
                units[i] -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirds_add_up() {
        // 100.00 split in three: 33.34 + 33.33 + 33.33.
        let exact = [100.0 / 3.0; 3];
        let units = largest_remainder(10_000, &exact, &[], Precision::Yi2);
        assert_eq!(units, vec![3334, 3333, 3333]);
    }

    #[test]
    fn rounding_each_alone_would_break_the_sum() {
        // 0.005 + 0.005 = 0.01: each alone rounds to 0.01, together 0.02 ≠ 0.01.
        let exact = [0.004, 0.004, 0.002];
        let alone: i64 = exact.iter().map(|&x| Precision::Yi2.units(x)).sum();
        assert_eq!(alone, 0);
        let units = largest_remainder(1, &exact, &[], Precision::Yi2);
        assert_eq!(units.iter().sum::<i64>(), 1);
        assert_eq!(units, vec![1, 0, 0]);
    }

    #[test]
    fn pinned_values_are_not_adjusted_while_others_can_be() {
        let exact = [120.0, 157.505, 52.495];
        let units = largest_remainder(33_000, &exact, &[true, false, false], Precision::Yi2);
        assert_eq!(units[0], 12_000);
        assert_eq!(units.iter().sum::<i64>(), 33_000);
    }

    #[test]
    fn out_of_range_totals_stay_bounded() {
        let units = largest_remainder(i64::MAX / 2, &[1.0, 2.0], &[], Precision::Yi2);
        assert_eq!(units.iter().sum::<i64>(), i64::MAX / 2);
        let units = largest_remainder(-1_000_001, &[0.0, 0.0, 0.0], &[], Precision::Yi2);
        assert_eq!(units.iter().sum::<i64>(), -1_000_001);
    }

    #[test]
    fn excess_is_taken_back() {
        // Children slightly over the parent (noise or a rounded-down parent).
        let exact = [0.336, 0.336, 0.336];
        let units = largest_remainder(100, &exact, &[], Precision::Yi2);
        assert_eq!(units.iter().sum::<i64>(), 100);
    }
}
