//! Quarterly shares (季度分解): their sum, auto-balance, last year's seasonal pattern.
//! Quarter amounts, progress and daily quotas are computed by `plan`.

use super::num::{Dec, Step};
use super::round::largest_remainder_exact;

/// Σ s of the quarterly shares (shown beside them, red when not 100%).
pub fn share_sum(shares: &[Dec; 4]) -> Dec {
    shares.iter().sum()
}

/// Whether shares add up to exactly 100%.
pub fn shares_balanced(shares: &[Dec; 4]) -> bool {
    share_sum(shares) == Dec::ONE
}

/// Auto-balance: the last quarter not locked takes what the others leave of 100%.
/// `None` when every quarter is locked or the others already exceed 100%.
pub fn auto_balance(shares: &[Dec; 4], locked: &[bool; 4]) -> Option<[Dec; 4]> {
    let last = (0..4).rev().find(|&q| !locked[q])?;
    let others: Dec = (0..4).filter(|&q| q != last).map(|q| shares[q]).sum();
    let rest = Dec::ONE - others;
    if rest.is_negative() {
        return None;
    }
    let mut out = *shares;
    out[last] = rest;
    Some(out)
}

/// Last year's seasonal pattern: each quarter's share of the base year, `Bi / Σ B`, to the
/// places a share keeps (0.0001%), rounded by largest remainder so that the four add up to
/// exactly 100%.
pub fn seasonal_pattern(base_quarters: &[Dec; 4]) -> Option<[Dec; 4]> {
    let total: Dec = base_quarters.iter().sum();
    if base_quarters.iter().any(|b| b.is_negative()) || !total.is_positive() {
        return None;
    }
    let exact: Vec<_> = base_quarters
        .iter()
        .map(|b| b.to_rational() / total.to_rational())
        .collect();
    let units = largest_remainder_exact(1_000_000, &exact, &[false; 4], Step::RATE);
    Some(std::array::from_fn(|q| Step::RATE.value(units[q])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        s.parse().unwrap()
    }

    #[test]
    fn auto_balance_fills_the_last_unlocked_quarter() {
        let shares = [d("0.22"), d("0.25"), d("0.26"), d("0.20")];
        let out = auto_balance(&shares, &[false; 4]).unwrap();
        assert_eq!(out[3], d("0.27"));
        let out = auto_balance(&shares, &[false, false, false, true]).unwrap();
        assert_eq!(out[2], d("0.33"));
        assert_eq!(auto_balance(&shares, &[true; 4]), None);
        let over = [d("0.6"), d("0.6"), d("0.1"), d("0.1")];
        assert_eq!(auto_balance(&over, &[false; 4]), None);
    }

    #[test]
    fn seasonal_pattern_of_last_year() {
        // 63 + 72 + 78 + 87 = 300: 21%, 24%, 26%, 29%.
        let p = seasonal_pattern(&[d("63"), d("72"), d("78"), d("87")]).unwrap();
        assert_eq!(p, [d("0.21"), d("0.24"), d("0.26"), d("0.29")]);
        assert!(shares_balanced(&p));
        // Thirds: to 0.0001%, the last takes the rest.
        let p = seasonal_pattern(&[d("1"), d("1"), d("1"), d("0")]).unwrap();
        assert_eq!(p, [d("0.333334"), d("0.333333"), d("0.333333"), d("0")]);
        assert_eq!(seasonal_pattern(&[d("0"); 4]), None);
    }
}
