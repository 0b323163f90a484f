//! Rounding that never breaks a sum: largest remainder (最大余额法), on exact remainders.
//!
//! Children are shown as whole display units that add up to their parent's shown units. Each
//! child gets the floor of its exact value; the units still missing go one each to the
//! children with the largest remainders. The rules, as the user guide states them:
//! - a child whose remainder is exactly zero never gets a unit (so a child of zero shows zero);
//! - held children get a unit only after every other child with a remainder has one
//!   (their amounts are kept as typed);
//! - equal remainders: the child listed first gets the unit first.
//!
//! No child is then one display unit or more from its exact value. Values carried with an
//! error bound ([`Carried`]) are rounded here only when no value within the bound could
//! round differently; otherwise [`Ambiguous`] asks the caller for the exact values, which
//! [`largest_remainder_exact`] rounds.

use std::cmp::Ordering;

use ethnum::U256;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::num::{rational_floor_units, Carried, Dec, Step};

/// Display precision of an amount family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Precision {
    /// 0.01亿元
    Yi2,
    /// 0.01万元
    Wan2,
}

impl Precision {
    /// The value of one display unit.
    pub fn step(self) -> Step {
        match self {
            Precision::Yi2 => Step::YI_2,
            Precision::Wan2 => Step::WAN_2,
        }
    }

    /// An amount in 亿元 rounded on its own (half away from zero) to display units.
    pub fn units(self, amount: Dec) -> i64 {
        amount.units(self.step())
    }
}

/// The carried values were too close to a rounding decision: round the exact values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ambiguous;

/// What is left of a child's value above its floor in display units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remainder {
    /// Exactly `numerator / D`, with `D` shared by every candidate of one call.
    Exact(U256),
    /// Carried: somewhere in `[lo, lo + err)` units of 10⁻²⁰ (`err` 0: exactly `lo`), with
    /// `0 ≤ lo < step`.
    Carried { lo: i128, err: u32 },
}

/// A child to round: its floor in display units and what is left, whether it is held, and a
/// key such that children with equal keys have equal exact values (the same formula with the
/// same operands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub floor: i64,
    pub rest: Remainder,
    pub pinned: bool,
    pub key: (i128, i128),
}

impl Candidate {
    /// A value known exactly on the twenty-place grid (its rest over the step).
    pub fn exact(value: Dec, step: Step, pinned: bool, key: (i128, i128)) -> Candidate {
        let (floor, rest) = value.floor_units(step);
        Candidate {
            floor,
            rest: Remainder::Exact(U256::from(rest.unsigned_abs())),
            pinned,
            key,
        }
    }

    /// A carried value; [`Ambiguous`] when its error could reach the next unit.
    pub fn carried(
        value: Carried,
        step: Step,
        pinned: bool,
        key: (i128, i128),
    ) -> Result<Candidate, Ambiguous> {
        let (floor, rest) = value.lo.floor_units(step);
        if value.err > 0 && rest + i128::from(value.err) > step.raw() {
            return Err(Ambiguous);
        }
        Ok(Candidate {
            floor,
            rest: Remainder::Carried {
                lo: rest,
                err: value.err,
            },
            pinned,
            key,
        })
    }

    /// Whether it may have a remainder at all.
    fn may_have_remainder(&self) -> bool {
        match self.rest {
            Remainder::Exact(n) => n > U256::ZERO,
            Remainder::Carried { lo, err } => lo > 0 || err > 0,
        }
    }
}

/// Largest-remainder working space, kept between calls: the tree rounds four families for
/// every parent, and allocating for each would cost more than the rounding.
#[derive(Default)]
pub struct Rounder {
    order: Vec<usize>,
    keys: Vec<(u128, u32)>,
}

impl Rounder {
    /// Round `children` to units adding up to `total` into `units`; [`Ambiguous`] when a
    /// carried error could change the outcome.
    pub fn round(
        &mut self,
        total: i64,
        children: &[Candidate],
        units: &mut Vec<i64>,
    ) -> Result<(), Ambiguous> {
        units.clear();
        units.extend(children.iter().map(|c| c.floor));
        let missing = total - units.iter().sum::<i64>();
        if missing == 0 {
            return Ok(());
        }
        // Only a child that may have a remainder can take a unit.
        let order = &mut self.order;
        order.clear();
        order.extend((0..children.len()).filter(|&j| children[j].may_have_remainder()));
        if missing < 0 || missing as usize > order.len() {
            return Err(Ambiguous);
        }
        // Exact remainders first by value, carried ones by their low end; ties to the first.
        let rank = |&a: &usize, &b: &usize| -> Ordering {
            let (ca, cb) = (&children[a], &children[b]);
            ca.pinned
                .cmp(&cb.pinned)
                .then_with(|| match (ca.rest, cb.rest) {
                    (Remainder::Exact(x), Remainder::Exact(y)) => y.cmp(&x),
                    (Remainder::Carried { lo: x, .. }, Remainder::Carried { lo: y, .. }) => {
                        y.cmp(&x)
                    }
                    // Never mixed in one call; an order all the same.
                    (Remainder::Exact(_), _) => Ordering::Less,
                    (_, Remainder::Exact(_)) => Ordering::Greater,
                })
                .then(a.cmp(&b))
        };
        let m = missing as usize;
        let all_exact = children
            .iter()
            .all(|c| matches!(c.rest, Remainder::Exact(_)));
        if m < order.len() {
            // Exact remainders that fit in 128 bits (nearly always) are ranked by one integer
            // key each: choosing among a thousand siblings with the general comparison
            // cost a sixth of planning a county.
            let narrow = all_exact
                && children.iter().all(
                    |c| matches!(c.rest, Remainder::Exact(x) if x <= U256::from(u128::MAX >> 1)),
                );
            if narrow {
                let keys = &mut self.keys;
                keys.clear();
                keys.extend(order.iter().map(|&j| {
                    let Remainder::Exact(x) = children[j].rest else {
                        unreachable!("all exact")
                    };
                    // Held ones last, larger remainders first, then the earlier child.
                    let rest = (u128::MAX >> 1) - x.as_u128();
                    ((u128::from(children[j].pinned) << 127) | rest, j as u32)
                }));
                keys.select_nth_unstable(m);
                order.clear();
                order.extend(keys.iter().map(|&(_, j)| j as usize));
            } else {
                order.select_nth_unstable_by(m, rank);
            }
            // The order among the chosen matters only to check carried errors.
            if !all_exact {
                order[..m].sort_unstable_by(rank);
            }
        }
        let (chosen, rest) = order.split_at(m);
        // Sure when every chosen child ranks above every other, whatever the errors.
        let surely_before = |s: usize, u: usize| -> bool {
            let (cs, cu) = (&children[s], &children[u]);
            if cs.pinned != cu.pinned {
                return !cs.pinned;
            }
            if cs.key == cu.key {
                return s < u;
            }
            match (cs.rest, cu.rest) {
                (Remainder::Exact(x), Remainder::Exact(y)) => x > y || (x == y && s < u),
                (Remainder::Carried { lo: rs, .. }, Remainder::Carried { lo: ru, err }) => {
                    if err > 0 {
                        rs >= ru + i128::from(err)
                    } else {
                        rs > ru || (rs == ru && s < u)
                    }
                }
                _ => false,
            }
        };
        if !chosen.is_empty() && !all_exact {
            for &u in rest {
                for &s in chosen.iter().rev() {
                    if !surely_before(s, u) {
                        return Err(Ambiguous);
                    }
                    // Stronger chosen ones beat u too once one beats it by its reach.
                    if let (Remainder::Carried { lo: rs, .. }, Remainder::Carried { lo: ru, err }) =
                        (children[s].rest, children[u].rest)
                    {
                        if rs > ru + i128::from(err) && children[s].pinned == children[u].pinned {
                            break;
                        }
                    }
                }
            }
        }
        for &j in chosen {
            units[j] += 1;
        }
        Ok(())
    }
}

/// Largest remainder on exact values (same rules), for when carried values could not decide.
/// Never fails: a total that the values cannot reach (never, for a consistent parent) is
/// still met, by whole rounds first, then from the largest (or smallest) remainders.
pub fn largest_remainder_exact(
    total: i64,
    values: &[BigRational],
    pinned: &[bool],
    step: Step,
) -> Vec<i64> {
    let n = values.len();
    let mut units = Vec::with_capacity(n);
    let mut remainders = Vec::with_capacity(n);
    for v in values {
        let (floor, rem) = rational_floor_units(v, step);
        units.push(floor);
        remainders.push(rem);
    }
    if n == 0 {
        return units;
    }
    let mut missing = total - units.iter().sum::<i64>();
    let rounds = missing.div_euclid(n as i64);
    if rounds != 0 {
        units.iter_mut().for_each(|u| *u += rounds);
        missing -= rounds * n as i64;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let zero_a = remainders[a].is_zero();
        let zero_b = remainders[b].is_zero();
        zero_a
            .cmp(&zero_b)
            .then(pinned[a].cmp(&pinned[b]))
            .then(remainders[b].cmp(&remainders[a]))
            .then(a.cmp(&b))
    });
    for &j in order.iter().take(missing as usize) {
        units[j] += 1;
    }
    debug_assert!(remainders.iter().all(|r| !r.is_negative()));
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{rational, Dec};

    fn exact(values: &[&str]) -> Vec<Candidate> {
        values
            .iter()
            .enumerate()
            .map(|(j, v)| Candidate::exact(v.parse().unwrap(), Step::YI_2, false, (j as i128, 0)))
            .collect()
    }

    fn round(total: i64, c: &[Candidate]) -> Result<Vec<i64>, Ambiguous> {
        let mut units = Vec::new();
        Rounder::default()
            .round(total, c, &mut units)
            .map(|_| units)
    }

    fn carried(lo: &str, err: u32, key: i128) -> Candidate {
        Candidate::carried(
            Carried {
                lo: lo.parse().unwrap(),
                err,
            },
            Step::YI_2,
            false,
            (key, 0),
        )
        .unwrap()
    }

    #[test]
    fn thirds_add_up_and_the_first_takes_the_tie() {
        // 100.00 split in three: 33.34 + 33.33 + 33.33 (the user guide's example).
        let third = Carried {
            lo: Dec::ratio(100, 3).unwrap(),
            err: 1,
        };
        let c: Vec<Candidate> = (0..3)
            .map(|_| Candidate::carried(third, Step::YI_2, false, (1, 1)).unwrap())
            .collect();
        assert_eq!(round(10_000, &c), Ok(vec![3334, 3333, 3333]));
        let thirds = vec![rational(100, 3); 3];
        assert_eq!(
            largest_remainder_exact(10_000, &thirds, &[false; 3], Step::YI_2),
            vec![3334, 3333, 3333]
        );
    }

    #[test]
    fn rounding_each_alone_would_break_the_sum() {
        // 0.004 + 0.004 + 0.002 = 0.01: alone each rounds to 0.00.
        let c = exact(&["0.004", "0.004", "0.002"]);
        assert_eq!(round(1, &c), Ok(vec![1, 0, 0]));
    }

    #[test]
    fn a_child_of_exactly_zero_never_takes_a_unit_and_held_ones_come_last() {
        let mut c = exact(&["0.006", "0", "0.004"]);
        c[0].pinned = true;
        // Missing one unit: the free child with a remainder, not the held one.
        assert_eq!(round(1, &c), Ok(vec![0, 0, 1]));
        // More missing than children with a remainder: inconsistent, never guessed.
        assert_eq!(round(3, &c), Err(Ambiguous));
    }

    #[test]
    fn errors_that_could_reorder_remainders_are_ambiguous() {
        // Remainders 0.5 (exact) and just below 0.5 with an error that may reach it.
        let c = vec![
            carried("0.005", 0, 0),
            carried("0.00499999999999999999", 2, 1),
        ];
        assert_eq!(round(1, &c), Err(Ambiguous));
        // Far apart, the same errors are harmless.
        let far = vec![carried("0.005", 0, 0), carried("0.002", 2, 1)];
        assert_eq!(round(1, &far), Ok(vec![1, 0]));
        // A value that may sit just on a unit: its floor is unsure.
        let edge = Candidate::carried(
            Carried {
                lo: "0.00999999999999999999".parse().unwrap(),
                err: 2,
            },
            Step::YI_2,
            false,
            (0, 0),
        );
        assert_eq!(edge, Err(Ambiguous));
    }

    #[test]
    fn exact_remainders_decide_what_a_grid_cannot() {
        // Two exact remainders over a shared denominator: the larger takes the unit; equal
        // ones go to the first.
        let c = |n: u8, key| Candidate {
            floor: 33,
            rest: Remainder::Exact(U256::from(n)),
            pinned: false,
            key: (0, key),
        };
        assert_eq!(round(67, &[c(1, 1), c(2, 2)]), Ok(vec![33, 34]));
        assert_eq!(round(67, &[c(1, 1), c(1, 2)]), Ok(vec![34, 33]));
    }

    #[test]
    fn exact_rounding_meets_any_total_without_panicking() {
        let v = vec![rational(1, 1), rational(2, 1)];
        let units = largest_remainder_exact(i64::MAX / 2, &v, &[false; 2], Step::YI_2);
        assert_eq!(units.iter().sum::<i64>(), i64::MAX / 2);
        let units = largest_remainder_exact(-7, &v, &[false; 2], Step::YI_2);
        assert_eq!(units.iter().sum::<i64>(), -7);
    }
}
