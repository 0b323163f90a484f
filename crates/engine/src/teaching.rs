//! Teaching cards (issue "the trainer's stage"): the two traps the domain is known for, built
//! from the scenario's own numbers.
//!
//! - 增长X倍 against 是…的X倍: the same X on the same base gives `B × (1 + X)` and `B × X`.
//! - Why rounded parts still add up: a parent's children, each with its exact quota, its
//!   rounded-down part and the remainder; the units left over go to the largest remainders
//!   (最大余额法), and the shown parts add up to the parent.

use num_traits::ToPrimitive;

use super::indicator::Indicator;
use super::num::{rational, rational_floor_units, Dec, ONE_RAW};
use super::plan::{Family, Plan};

/// 增长X倍 against 是…的X倍 on an indicator's base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimesCard {
    pub indicator: Indicator,
    /// Last year's actual (亿元).
    pub base: Dec,
    pub x: Dec,
    /// 增长X倍: `B × (1 + X)`.
    pub grown_by: Dec,
    /// 是…的X倍: `B × X`.
    pub times: Dec,
}

/// The card for an indicator: X is its own growth when that is 100% or more (the speech's
/// "利润增长X倍"), else 2.
pub fn times_card(p: &Plan, k: Indicator) -> Option<TimesCard> {
    let ip = p.indicator(k)?;
    let x = ip
        .growth
        .filter(|g| *g >= Dec::ONE)
        .map(|g| g.round(2))
        .unwrap_or(Dec::int(2));
    Some(TimesCard {
        indicator: k,
        base: ip.base,
        x,
        grown_by: ip.base.mul_floor(Dec::ONE + x)?,
        times: ip.base.mul_floor(x)?,
    })
}

/// One child of the rounding card, in the tree's display units (0.01万元 or 0.01亿元).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundingRow {
    pub node: usize,
    /// The exact quota rounded down to a unit.
    pub floor_units: i64,
    /// What is left below a unit, in ten-thousandths of a unit (floored): 4,567 is 0.4567.
    pub remainder: i64,
    /// The part shown.
    pub shown_units: i64,
}

impl RoundingRow {
    /// Whether it got one of the units left over.
    pub fn got_one(&self) -> bool {
        self.shown_units > self.floor_units
    }
}

/// A parent's children rounded to the unit shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundingCard {
    pub parent: usize,
    pub parent_units: i64,
    pub rows: Vec<RoundingRow>,
    /// The rounded-down parts added up: `parent_units − floors` units are left over.
    pub floors: i64,
}

/// The rounding card for a parent's children (the county's industries by default).
pub fn rounding_card(p: &Plan, k: Indicator, parent: usize) -> Option<RoundingCard> {
    let step = p.tree_precision.step();
    let step_value = rational(step.raw(), ONE_RAW);
    let parent_units = p.figures(parent, k)?.quota_units;
    let mut rows = Vec::new();
    for child in p.children(parent) {
        let Some(exact) = p.exact_quota(child, k) else {
            continue;
        };
        let (floor_units, rem) = rational_floor_units(&exact, step);
        let remainder = (rem / &step_value * rational(10_000, 1))
            .floor()
            .to_integer()
            .to_i64()
            .unwrap_or(0);
        rows.push(RoundingRow {
            node: child,
            floor_units,
            remainder,
            shown_units: p.units(child, k, Family::Quota)?,
        });
    }
    if rows.len() < 2 {
        return None;
    }
    let floors = rows.iter().map(|r| r.floor_units).sum();
    Some(RoundingCard {
        parent,
        parent_units,
        rows,
        floors,
    })
}

/// The card to teach with: the first parent, in the tree's order, whose children's rounding
/// leaves units over (so that the largest remainders are seen at work); the county's
/// children when every split comes out exact.
pub fn teaching_rounding(p: &Plan, k: Indicator) -> Option<RoundingCard> {
    (0..p.nodes.len())
        .filter_map(|parent| rounding_card(p, k, parent))
        .find(|c| c.parent_units > c.floors)
        .or_else(|| rounding_card(p, k, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;

    #[test]
    fn the_same_x_grown_by_and_times() {
        let p = crate::plan(&example()).unwrap();
        let c = times_card(&p, Indicator::Output).unwrap();
        // Output grows 10%: X is 2 on last year's 300亿: 增长2倍 900, 是上年的2倍 600.
        assert_eq!((c.base, c.x), (Dec::int(300), Dec::int(2)));
        assert_eq!((c.grown_by, c.times), (Dec::int(900), Dec::int(600)));
        let mut s = example();
        s.indicator_mut(Indicator::Profit).unwrap().target =
            crate::TargetSpec::Growth("1.5".parse().unwrap());
        let p = crate::plan(&s).unwrap();
        let c = times_card(&p, Indicator::Profit).unwrap();
        assert_eq!(c.x, "1.5".parse().unwrap(), "the speech's own 增长1.5倍");
        assert_eq!(c.grown_by, "19".parse().unwrap());
        assert_eq!(c.times, "11.4".parse().unwrap());
    }

    #[test]
    fn rounded_parts_add_up_and_the_units_left_go_to_the_largest_remainders() {
        let p = crate::plan(&example()).unwrap();
        for k in [Indicator::Output, Indicator::Profit, Indicator::Tax] {
            let c = rounding_card(&p, k, 0).unwrap();
            let shown: i64 = c.rows.iter().map(|r| r.shown_units).sum();
            assert_eq!(shown, c.parent_units, "{k:?}");
            let left = c.parent_units - c.floors;
            let got: Vec<&RoundingRow> = c.rows.iter().filter(|r| r.got_one()).collect();
            assert_eq!(got.len() as i64, left, "{k:?}");
            // Every row that got a unit has a remainder at least that of every row that did not.
            let least_got = got.iter().map(|r| r.remainder).min().unwrap_or(i64::MAX);
            let most_not = c
                .rows
                .iter()
                .filter(|r| !r.got_one())
                .map(|r| r.remainder)
                .max()
                .unwrap_or(0);
            assert!(least_got >= most_not, "{k:?}: {c:?}");
            assert!(c.rows.iter().all(|r| (0..10_000).contains(&r.remainder)));
        }
        // The example's splits all come out exact; with a target of 333.33333333 they do not, and
        // the card taught with is one where the rounding is seen at work.
        let c = teaching_rounding(&p, Indicator::Output).unwrap();
        assert_eq!(c.parent_units, c.floors);
        let mut s = example();
        s.indicator_mut(Indicator::Output).unwrap().target =
            crate::TargetSpec::Amount("333.33333333".parse().unwrap());
        let p = crate::plan(&s).unwrap();
        let c = teaching_rounding(&p, Indicator::Output).unwrap();
        assert!(c.parent_units > c.floors, "{c:?}");
        assert_eq!(
            c.rows.iter().map(|r| r.shown_units).sum::<i64>(),
            c.parent_units
        );
    }
}
