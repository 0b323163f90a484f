//! Targets and growth: `T = B × (1 + g)`, `g = T / B − 1`, and the two phrasings that trip
//! people up: 增长X倍 means `×(1 + X)`, 是…的X倍 means `×X`.

use super::num::Dec;
use super::scenario::TargetSpec;

/// The target for a growth rate: `T = B × (1 + g)`, exact for inputs (8 + 6 places).
pub fn target_from_growth(base: Dec, growth: Dec) -> Option<Dec> {
    base.mul_floor(Dec::ONE + growth)
}

/// The growth a target means: `g = (T − B) / B`, floored to twenty places (one division of
/// exact operands, so it rounds exactly); `None` for a base of zero or below.
pub fn growth_from_target(base: Dec, target: Dec) -> Option<Dec> {
    if !base.is_positive() {
        return None;
    }
    (target - base).div_floor(base)
}

/// Completion of a plan: `actual / plan` (占年计划的X%).
pub fn completion_rate(actual: Dec, plan: Dec) -> Option<Dec> {
    if !plan.is_positive() {
        return None;
    }
    actual.div_floor(plan)
}

/// Why a target cannot be resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetError {
    /// A growth rate or multiple was asked for on a base of zero.
    ZeroBase,
    /// Beyond the range of the numbers (validation keeps inputs far inside it).
    OutOfRange,
}

/// Resolve a target spec against its base: the amount and the growth it means.
pub fn resolve(base: Dec, spec: TargetSpec) -> Result<(Dec, Option<Dec>), TargetError> {
    match spec {
        TargetSpec::Amount(t) => Ok((t, growth_from_target(base, t))),
        TargetSpec::Growth(g) if base.is_positive() => target_from_growth(base, g)
            .map(|t| (t, Some(g)))
            .ok_or(TargetError::OutOfRange),
        TargetSpec::Multiple(m) if base.is_positive() => base
            .mul_floor(m)
            .map(|t| (t, Some(m - Dec::ONE)))
            .ok_or(TargetError::OutOfRange),
        _ => Err(TargetError::ZeroBase),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        s.parse().unwrap()
    }

    #[test]
    fn worked_example_growth_both_ways() {
        assert_eq!(target_from_growth(d("300"), d("0.1")), Some(d("330")));
        assert_eq!(growth_from_target(d("300"), d("330")), Some(d("0.1")));
        assert_eq!(growth_from_target(d("0"), d("5")), None);
        // A growth that does not end is floored: 1/3 of a percent point.
        assert_eq!(
            growth_from_target(d("300"), d("301")).unwrap().to_string(),
            "0.00333333333333333333"
        );
    }

    #[test]
    fn grew_by_two_times_is_three_times_the_base() {
        // 利润增长2倍: from 1.5 to 4.5.
        assert_eq!(
            resolve(d("1.5"), TargetSpec::Growth(d("2"))),
            Ok((d("4.5"), Some(d("2"))))
        );
        // 是2020年的2倍: from 100 to 200, which is growth of 1倍.
        assert_eq!(
            resolve(d("100"), TargetSpec::Multiple(d("2"))),
            Ok((d("200"), Some(d("1"))))
        );
    }

    #[test]
    fn growth_on_a_zero_base_is_an_error() {
        assert_eq!(
            resolve(d("0"), TargetSpec::Growth(d("0.1"))),
            Err(TargetError::ZeroBase)
        );
        assert_eq!(
            resolve(d("0"), TargetSpec::Multiple(d("2"))),
            Err(TargetError::ZeroBase)
        );
        assert_eq!(
            resolve(d("0"), TargetSpec::Amount(d("3"))),
            Ok((d("3"), None))
        );
    }

    #[test]
    fn completion_of_last_years_plan() {
        assert_eq!(
            completion_rate(d("300"), d("280")),
            d("300").div_floor(d("280"))
        );
        assert_eq!(completion_rate(d("300"), d("0")), None);
    }
}
