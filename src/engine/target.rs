//! Targets and growth: `T = B × (1 + g)`, `g = T / B − 1`, and the two phrasings that trip
//! people up: 增长X倍 means `×(1 + X)`, 是…的X倍 means `×X`.

use super::format::{percent, trimmed};
use super::i18n::Bilingual;
use super::scenario::TargetSpec;

/// The target for a growth rate: `T = B × (1 + g)`.
pub fn target_from_growth(base: f64, growth: f64) -> f64 {
    base * (1.0 + growth)
}

/// The growth a target means: `g = T / B − 1`; `None` for a base of zero.
pub fn growth_from_target(base: f64, target: f64) -> Option<f64> {
    (base > 0.0).then(|| target / base - 1.0)
}

/// Completion of a plan: `actual / plan` (占年计划的X%).
pub fn completion_rate(actual: f64, plan: f64) -> Option<f64> {
    (plan > 0.0).then(|| actual / plan)
}

/// Why a target cannot be resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetError {
    /// A growth rate or multiple was asked for on a base of zero.
    ZeroBase,
}

/// Resolve a target spec against its base: the amount and the growth it means.
pub fn resolve(base: f64, spec: TargetSpec) -> Result<(f64, Option<f64>), TargetError> {
    match spec {
        TargetSpec::Amount(t) => Ok((t, growth_from_target(base, t))),
        TargetSpec::Growth(g) if base > 0.0 => Ok((target_from_growth(base, g), Some(g))),
        TargetSpec::Multiple(m) if base > 0.0 => Ok((base * m, Some(m - 1.0))),
        _ => Err(TargetError::ZeroBase),
    }
}

/// A growth rate in the speech's words. Below 100% it is 增长X%; from 100% on the speech
/// says 增长X倍, where X倍 is the growth itself, so the multiple is spelled out beside it
/// (增长2倍 = three times the base).
pub fn growth_phrase(growth: f64) -> Bilingual {
    let short = growth_words(growth);
    if growth >= 1.0 {
        let multiple = trimmed(1.0 + growth, 2);
        Bilingual::new(
            format!("{}（是基数的{multiple}倍）", short.zh),
            format!("{} ({multiple} times the base)", short.en),
        )
    } else {
        short
    }
}

/// 增长X% / 增长X倍 / 下降X%, without the multiple.
pub fn growth_words(growth: f64) -> Bilingual {
    if growth >= 1.0 {
        Bilingual::new(
            format!("增长{}倍", trimmed(growth, 2)),
            format!("growth of {}", percent(growth)),
        )
    } else if growth >= 0.0 {
        Bilingual::new(
            format!("增长{}", percent(growth)),
            format!("growth of {}", percent(growth)),
        )
    } else {
        Bilingual::new(
            format!("下降{}", percent(-growth)),
            format!("decline of {}", percent(-growth)),
        )
    }
}

/// A multiple in the speech's words: 是…的X倍, which is growth of X − 1.
pub fn multiple_phrase(multiple: f64, base_label_zh: &str, base_label_en: &str) -> Bilingual {
    let m = trimmed(multiple, 2);
    let growth = growth_words(multiple - 1.0);
    Bilingual::new(
        format!("是{base_label_zh}的{m}倍（即{}）", growth.zh),
        format!("{m} times {base_label_en} (a {})", growth.en),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_growth_both_ways() {
        assert!((target_from_growth(300.0, 0.10) - 330.0).abs() < 1e-9);
        assert!((growth_from_target(300.0, 330.0).unwrap() - 0.10).abs() < 1e-12);
        assert_eq!(growth_from_target(0.0, 5.0), None);
    }

    #[test]
    fn grew_by_two_times_is_three_times_the_base() {
        // 利润增长2倍: from 1.5 to 4.5.
        let (t, g) = resolve(1.5, TargetSpec::Growth(2.0)).unwrap();
        assert!((t - 4.5).abs() < 1e-12);
        assert_eq!(g, Some(2.0));
        assert_eq!(growth_phrase(2.0).zh, "增长2倍（是基数的3倍）");
        // 是2020年的2倍: from 100 to 200, which is growth of 1倍.
        let (t, g) = resolve(100.0, TargetSpec::Multiple(2.0)).unwrap();
        assert!((t - 200.0).abs() < 1e-12);
        assert_eq!(g, Some(1.0));
        assert_eq!(
            multiple_phrase(2.0, "2020年", "2020").zh,
            "是2020年的2倍（即增长1倍）"
        );
    }

    #[test]
    fn ordinary_growth_and_decline_phrases() {
        assert_eq!(growth_phrase(0.1).zh, "增长10%");
        assert_eq!(growth_phrase(-0.05).zh, "下降5%");
        assert_eq!(growth_phrase(0.1).en, "growth of 10%");
    }

    #[test]
    fn growth_on_a_zero_base_is_an_error() {
        assert_eq!(
            resolve(0.0, TargetSpec::Growth(0.1)),
            Err(TargetError::ZeroBase)
        );
        assert_eq!(
            resolve(0.0, TargetSpec::Multiple(2.0)),
            Err(TargetError::ZeroBase)
        );
        assert_eq!(resolve(0.0, TargetSpec::Amount(3.0)), Ok((3.0, None)));
    }

    #[test]
    fn completion_of_last_years_plan() {
        assert!((completion_rate(300.0, 280.0).unwrap() - 300.0 / 280.0).abs() < 1e-15);
        assert_eq!(completion_rate(300.0, 0.0), None);
    }
}
