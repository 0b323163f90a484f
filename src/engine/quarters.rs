//! Quarterly shares (季度分解): their sum, auto-balance, last year's seasonal pattern.
//! Quarter amounts, progress and daily quotas are computed by `plan`.

/// Σ s of the quarterly shares (shown beside them, red when not 100%).
pub fn share_sum(shares: &[f64; 4]) -> f64 {
    shares.iter().sum()
}

/// Whether shares add up to 100% (within the validation's tolerance).
pub fn shares_balanced(shares: &[f64; 4]) -> bool {
    (share_sum(shares) - 1.0).abs() <= super::validate::SHARE_SUM_TOLERANCE
}

/// Auto-balance: the last quarter not locked takes what the others leave of 100%.
/// `None` when every quarter is locked or the others already exceed 100%.
pub fn auto_balance(shares: &[f64; 4], locked: &[bool; 4]) -> Option<[f64; 4]> {
    let last = (0..4).rev().find(|&q| !locked[q])?;
    let others: f64 = (0..4).filter(|&q| q != last).map(|q| shares[q]).sum();
    let rest = 1.0 - others;
    if rest < -super::validate::SHARE_SUM_TOLERANCE {
        return None;
    }
    let mut out = *shares;
    out[last] = rest.max(0.0);
    Some(out)
}

/// Last year's seasonal pattern: each quarter's share of the base year, `Bi / Σ B`.
pub fn seasonal_pattern(base_quarters: &[f64; 4]) -> Option<[f64; 4]> {
    let total: f64 = base_quarters.iter().sum();
    let valid = base_quarters.iter().all(|b| b.is_finite() && *b >= 0.0);
    if !valid || total.is_nan() || total <= 0.0 {
        return None;
    }
    let mut out = base_quarters.map(|b| b / total);
    // The last takes the rounding so that the four add up to exactly 1.
    out[3] = 1.0 - out[0] - out[1] - out[2];
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_balance_fills_the_last_unlocked_quarter() {
        let shares = [0.22, 0.25, 0.26, 0.20];
        let out = auto_balance(&shares, &[false; 4]).unwrap();
        assert!((out[3] - 0.27).abs() < 1e-12);
        let out = auto_balance(&shares, &[false, false, false, true]).unwrap();
        assert!((out[2] - 0.33).abs() < 1e-12);
        assert_eq!(auto_balance(&shares, &[true; 4]), None);
        assert_eq!(auto_balance(&[0.6, 0.6, 0.1, 0.1], &[false; 4]), None);
    }

    #[test]
    fn seasonal_pattern_of_last_year() {
        // 63 + 72 + 78 + 87 = 300: 21%, 24%, 26%, 29%.
        let p = seasonal_pattern(&[63.0, 72.0, 78.0, 87.0]).unwrap();
        for (got, want) in p.iter().zip([0.21, 0.24, 0.26, 0.29]) {
            assert!((got - want).abs() < 1e-12);
        }
        assert!(shares_balanced(&p));
        assert_eq!(seasonal_pattern(&[0.0; 4]), None);
    }
}
