//! Quarterly decomposition (季度分解).

use super::format::{percent, yi};
use super::i18n::{Bilingual, Lang};

/// A derived figure with the explanation of how it was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub value: f64,
    pub why: Bilingual,
}

/// The amount of one quarter: `Qi = T × si` (一季度产值 = 全年目标 × 一季度占比).
pub fn quarter_amount(annual_target: f64, quarter_share: f64, quarter: u8) -> Explained {
    let value = annual_target * quarter_share;
    let (zh_q, en_q) = quarter_names(quarter);
    Explained {
        value,
        why: Bilingual::new(
            format!(
                "{zh_q}产值 = 全年目标 {} × {zh_q}占比 {} = {}",
                yi(annual_target, Lang::Zh),
                percent(quarter_share),
                yi(value, Lang::Zh)
            ),
            format!(
                "{en_q} output = annual target {} × {en_q} share {} = {}",
                yi(annual_target, Lang::En),
                percent(quarter_share),
                yi(value, Lang::En)
            ),
        ),
    }
}

fn quarter_names(quarter: u8) -> (&'static str, &'static str) {
    match quarter {
        1 => ("一季度", "Q1"),
        2 => ("二季度", "Q2"),
        3 => ("三季度", "Q3"),
        _ => ("四季度", "Q4"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_q1() {
        let q1 = quarter_amount(330.0, 0.22, 1);
        assert!((q1.value - 72.6).abs() < 1e-9);
        assert_eq!(
            q1.why.zh,
            "一季度产值 = 全年目标 330.00亿元 × 一季度占比 22% = 72.60亿元"
        );
        assert_eq!(
            q1.why.en,
            "Q1 output = annual target 330.00 (100M CNY) × Q1 share 22% = 72.60 (100M CNY)"
        );
    }
}

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
mod share_tests {
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
