//! The four figures rounded for a parent's children: quota, Q1, Q1 daily quota and share of
//! the parent. Each is rounded by largest remainder to the parent's own shown units, on exact
//! remainders where what was spread is known exactly, else on carried values with their error
//! bound, and on exact values (`BigRational`) when a bound could change the outcome.
//!
//! The quota is rounded while the tree is split (the children's totals need it); the other
//! three when a group is first shown (`IndicatorSplit::units`): an edit re-splits a whole
//! indicator, while the page shows a window of rows.

use ethnum::I256;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::NodeFigures;
use crate::num::{mul_div_floor, pow10, wide_mul_floor, Carried, Dec, Step, ONE_RAW, PLACES};
use crate::round::{largest_remainder_exact, Ambiguous, Candidate, Precision, Remainder, Rounder};
use crate::split::{self, Child, ChildrenSplit};

/// One of the four rounded figures of a node.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Family {
    Quota,
    Q1,
    Daily,
    Share,
}

/// What the rounding of a group reads.
pub(super) struct Group<'a> {
    /// The parent's figures (its quota and its shown units).
    pub parent: &'a NodeFigures,
    /// The parent's Q1 and daily units, as shown.
    pub parent_q1_units: i64,
    pub parent_daily_units: i64,
    pub record: &'a ChildrenSplit,
    /// The children's figures, in order (their quota units need not be set yet).
    pub children: &'a [NodeFigures],
    pub precision: Precision,
    /// The Q1 share as `q1_num / q1_den`, and the days of Q1.
    pub q1_num: i128,
    pub q1_den: i128,
    pub q1_days: u32,
    /// The parent's exact quota, asked for only when carried values cannot decide.
    pub parent_exact: &'a dyn Fn() -> BigRational,
}

/// `x × num / den` carried: floored, with the bound grown by the product and the floor.
fn scale(x: Carried, num: i128, den: i128) -> Carried {
    let (q, exact) = mul_div_floor(x.lo.raw(), num, den).unwrap_or((0, false));
    let grown = if x.err == 0 {
        0
    } else {
        // ceil(err × num / den), num ≤ den for every use here, so at most err.
        mul_div_floor(i128::from(x.err), num, den)
            .map(|(g, _)| g + 1)
            .unwrap_or(i128::from(x.err))
    };
    Carried {
        lo: Dec::from_raw(q),
        err: if x.err == 0 && exact {
            0
        } else {
            u32::try_from(grown + 1).unwrap_or(u32::MAX)
        },
    }
}

/// `x / parent` as a fraction, carried; `None` when the parent's bound reaches zero.
fn share_of(x: Carried, parent: Carried) -> Option<Carried> {
    if !parent.lo.is_positive() {
        return None;
    }
    if parent.err == 0 {
        let (lo, exact) = mul_div_floor(x.lo.raw(), ONE_RAW, parent.lo.raw())?;
        let err = if x.err == 0 {
            i128::from(!exact)
        } else {
            mul_div_floor(i128::from(x.err), ONE_RAW, parent.lo.raw())?.0 + 2
        };
        return Some(Carried {
            lo: Dec::from_raw(lo),
            err: u32::try_from(err).ok()?,
        });
    }
    // x in [x.lo, x.lo + x.err), parent in [p.lo, p.lo + p.err).
    let (lo, _) = mul_div_floor(
        x.lo.raw(),
        ONE_RAW,
        parent.lo.raw() + i128::from(parent.err),
    )?;
    let (hi, _) = mul_div_floor(x.lo.raw() + i128::from(x.err), ONE_RAW, parent.lo.raw())?;
    Some(Carried {
        lo: Dec::from_raw(lo),
        err: u32::try_from(hi - lo + 2).ok()?,
    })
}

/// A child's weight as the whole number the split used.
fn whole(weight: Dec, places: u32) -> i128 {
    weight.raw() / pow10(PLACES - places)
}

/// Round one family of a group's children; `units` receives one per child.
pub(super) fn round(
    family: Family,
    g: &Group,
    rounder: &mut Rounder,
    candidates: &mut Vec<Candidate>,
    units: &mut Vec<i64>,
) {
    let precision = g.precision;
    let parent = g.parent;
    let record = g.record;
    let n = g.children.len();
    let q1_total_den = g.q1_den * i128::from(g.q1_days);
    let parent_positive = if parent.quota.lo.is_positive() {
        true
    } else if parent.quota.err == 0 {
        false
    } else {
        (g.parent_exact)().is_positive()
    };
    let (total, step) = match family {
        Family::Quota => (parent.quota_units, precision.step()),
        Family::Q1 => (g.parent_q1_units, precision.step()),
        Family::Daily => (g.parent_daily_units, Step::WAN_2),
        Family::Share => (if parent_positive { 10_000 } else { 0 }, Step::PERCENT_2),
    };
    let from = record.spread_from();
    let whole_total = whole(record.weight_total, record.weight_places);
    let big = |x: i128| I256::from(x);
    let weight_of = |c: &NodeFigures| {
        if c.held.is_some() {
            0
        } else {
            whole(c.weight, record.weight_places)
        }
    };
    // Every child's amount times the whole-number total of weights, exactly, when what is
    // spread is known exactly: `own × W + from × w` (a held child: `h × W`).
    let numerator = |c: &NodeFigures| -> I256 {
        let own = match c.held {
            Some(h) => h,
            None if record.spread => c.commitment.unwrap_or(Dec::ZERO),
            None => Dec::ZERO,
        };
        let w = weight_of(c);
        // Natively when it fits (most counties), else in 256 bits.
        own.raw()
            .checked_mul(whole_total)
            .and_then(|a| from.lo.raw().checked_mul(w).and_then(|b| a.checked_add(b)))
            .map(big)
            .unwrap_or_else(|| big(own.raw()) * big(whole_total) + big(from.lo.raw()) * big(w))
    };
    let exact_mode = from.err == 0 && whole_total > 0;
    // Shares are the weights' own shares when nothing is held or spread, whatever the
    // parent: `w / W`.
    let plain_shares = record.held_total.is_zero() && !record.spread && whole_total > 0;
    // Each family's exact value of a child in display units is `numerator × m / d`.
    let (m, d) = match family {
        Family::Quota => (big(1), big(whole_total) * big(precision.step().raw())),
        Family::Q1 => (
            big(g.q1_num),
            big(whole_total) * big(g.q1_den) * big(precision.step().raw()),
        ),
        Family::Daily => (
            big(g.q1_num),
            big(whole_total) * big(q1_total_den) * big(Step::WAN_2.raw()),
        ),
        // x / P in 0.01%: N × 10⁴ / (W × P).
        Family::Share => (big(10_000), big(whole_total) * big(parent.quota.lo.raw())),
    };
    candidates.clear();
    let mut carried_ok = true;
    for c in g.children {
        let pinned = family == Family::Quota && c.held.is_some();
        let key = match c.held {
            Some(h) => (h.raw(), -1),
            None => (
                if record.spread {
                    c.commitment.unwrap_or(Dec::ZERO).raw()
                } else {
                    0
                },
                c.weight.raw(),
            ),
        };
        let exactly = |num: I256, m: I256, den: I256| {
            wide_mul_floor(num, m, den).map(|(floor, rest)| Candidate {
                floor,
                rest: Remainder::Exact(rest),
                pinned,
                key,
            })
        };
        let carried = |value: Carried| Candidate::carried(value, step, pinned, key).ok();
        let amount = c.quota;
        let candidate = match family {
            Family::Share if !parent_positive => exactly(big(0), big(1), big(1)),
            Family::Share if exact_mode && parent.quota.err == 0 => exactly(numerator(c), m, d),
            Family::Share if plain_shares => exactly(
                big(whole(c.weight, record.weight_places)),
                big(10_000),
                big(whole_total),
            ),
            Family::Share => share_of(amount, parent.quota).and_then(carried),
            _ if exact_mode => exactly(numerator(c), m, d),
            Family::Quota => carried(amount),
            Family::Q1 => carried(scale(amount, g.q1_num, g.q1_den)),
            Family::Daily => carried(scale(amount, g.q1_num, q1_total_den)),
        };
        let Some(candidate) = candidate else {
            carried_ok = false;
            break;
        };
        candidates.push(candidate);
    }
    let rounded = if carried_ok {
        rounder.round(total, candidates, units)
    } else {
        Err(Ambiguous)
    };
    if rounded.is_ok() {
        return;
    }
    // Round the exact values.
    let parent_exact = (g.parent_exact)();
    let q1 = crate::num::rational(g.q1_num, g.q1_den);
    let days = crate::num::rational(i128::from(g.q1_days), 1);
    let values: Vec<BigRational> = g
        .children
        .iter()
        .map(|c| {
            let child = Child {
                basis: c.basis,
                held: c.held,
                commitment: c.commitment,
                manual_share: None,
            };
            let x = split::exact_child(&parent_exact, record, &child, c.weight);
            match family {
                Family::Quota => x,
                Family::Q1 => x * &q1,
                Family::Daily => x * &q1 / &days,
                Family::Share if parent_positive => x / &parent_exact,
                Family::Share => BigRational::zero(),
            }
        })
        .collect();
    let pinned: Vec<bool> = g
        .children
        .iter()
        .map(|c| family == Family::Quota && c.held.is_some())
        .collect();
    *units = largest_remainder_exact(total, &values, &pinned, step);
    debug_assert_eq!(units.len(), n);
}
