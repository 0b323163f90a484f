//! One parent's amount split among its children (层层分解).
//!
//! Held children keep their amounts; the rest, `free = P − Σ held`, goes to the other
//! children by weight: each one's base (proportional), one each (equal) or a share set by
//! hand (manual), `free × w_j / W` with `W = Σ w` over the free children. Bottom-up, with
//! commitments `c_j`, the gap (缺口) is `free − Σ c_j`; when the parent spreads it, each free
//! child gets `c_j + gap × w_j / W`.
//!
//! The split records what it used ([`ChildrenSplit`]): explanations quote it, and the exact
//! value of any child is recomputed from it ([`exact_child`]).

use num_rational::BigRational;

use super::num::{mul_div_floor, pow10, Carried, Dec, PLACES};
use super::scenario::{SplitMethod, SplitRule};

/// One child as the split sees it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Child {
    /// The basis of a proportional split (its base-year value).
    pub basis: Dec,
    /// Held (locked) amount.
    pub held: Option<Dec>,
    /// The child's own commitment (自报).
    pub commitment: Option<Dec>,
    /// Weight under a manual split.
    pub manual_share: Option<Dec>,
}

/// The operands one split used, for every child's formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ChildrenSplit {
    /// The method used (a proportional or manual split with nothing to weigh falls back to
    /// equal parts).
    pub method: SplitMethod,
    pub fell_back_to_equal: bool,
    /// The gap was spread on top of the commitments (bottom-up).
    pub spread: bool,
    /// Σ held.
    pub held_total: Dec,
    /// `P − Σ held`.
    pub free: Carried,
    /// How many children are not held.
    pub free_count: u32,
    /// `W`: the weights of the free children added up (bases, a count, or manual shares).
    pub weight_total: Dec,
    /// The places at which the weights were taken as whole numbers (the fewest they need).
    pub weight_places: u32,
    /// Σ commitments of the free children, when any has one.
    pub committed: Option<Dec>,
    /// `free − Σ c_j`, when any free child has a commitment.
    pub gap: Option<Carried>,
}

impl ChildrenSplit {
    /// What the weighted part is taken from: the gap when it is spread, else the free amount.
    pub fn spread_from(&self) -> Carried {
        match (self.spread, self.gap) {
            (true, Some(gap)) => gap,
            _ => self.free,
        }
    }

    /// The exact amount subtracted from the parent before weighing: `Σ held` (and `Σ c_j`
    /// when the gap is spread).
    pub fn taken_first(&self) -> Dec {
        match (self.spread, self.committed) {
            (true, Some(c)) => self.held_total + c,
            _ => self.held_total,
        }
    }
}

/// A child's weight under the method used: its basis (not below zero), 1, or its manual share.
pub fn weight(method: SplitMethod, child: &Child) -> Dec {
    match method {
        SplitMethod::Proportional => child.basis.max(Dec::ZERO),
        SplitMethod::Equal => Dec::ONE,
        SplitMethod::Manual => child.manual_share.unwrap_or(Dec::ZERO).max(Dec::ZERO),
    }
}

/// A split that cannot give the children the parent's amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitFault {
    /// Held amounts exceed the parent: `culprit` is the held child whose hold first crossed it.
    OverAllocated { culprit: usize },
    /// Every child is held and together they differ from the parent.
    AllHeld,
    /// Spreading a negative gap (commitments above the free amount) makes `child` negative.
    NegativeQuota { child: usize },
}

/// The result of one split.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub record: ChildrenSplit,
    /// Each child's amount (exact in `[lo, lo + err)`), in the children's order.
    pub amounts: Vec<Carried>,
    /// Each child's weight under the method used (zero for a held child).
    pub weights: Vec<Dec>,
    pub fault: Option<SplitFault>,
}

/// How `x` compares with an exact amount, exactly: `exact` gives the parent's exact value
/// when the carried one cannot tell.
fn compare(x: Carried, y: Dec, exact: &dyn Fn() -> BigRational) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    if x.err == 0 || y <= x.lo {
        return x.lo.cmp(&y);
    }
    // lo < y: below y unless y is within the error.
    if y.raw() >= x.lo.raw() + i128::from(x.err) {
        return Less;
    }
    exact().cmp(&y.to_rational())
}

/// Split `parent` among `children` by `rule`. `parent_exact` gives the parent's exact value,
/// asked for only when the carried one cannot decide a fault.
pub fn split(
    parent: Carried,
    rule: SplitRule,
    children: &[Child],
    parent_exact: &dyn Fn() -> BigRational,
) -> Split {
    let n = children.len();
    let mut out = Split {
        record: ChildrenSplit {
            method: rule.method,
            fell_back_to_equal: false,
            spread: false,
            held_total: Dec::ZERO,
            free: parent,
            free_count: 0,
            weight_total: Dec::ZERO,
            weight_places: 0,
            committed: None,
            gap: None,
        },
        amounts: vec![Carried::default(); n],
        weights: vec![Dec::ZERO; n],
        fault: None,
    };
    if n == 0 {
        return out;
    }

    let mut held_total = Dec::ZERO;
    for (j, child) in children.iter().enumerate() {
        if let Some(h) = child.held {
            held_total += h;
            out.amounts[j] = Carried::exact(h);
            if out.fault.is_none()
                && compare(parent, held_total, parent_exact) == std::cmp::Ordering::Less
            {
                out.fault = Some(SplitFault::OverAllocated { culprit: j });
            }
        }
    }
    let free = Carried {
        lo: parent.lo - held_total,
        err: parent.err,
    };
    out.record.held_total = held_total;
    out.record.free = free;
    if out.fault.is_some() {
        return out;
    }

    let free_children: Vec<usize> = (0..n).filter(|&j| children[j].held.is_none()).collect();
    out.record.free_count = free_children.len() as u32;
    if free_children.is_empty() {
        if compare(parent, held_total, parent_exact) != std::cmp::Ordering::Equal {
            out.fault = Some(SplitFault::AllHeld);
        }
        return out;
    }

    let mut method = rule.method;
    let mut total: Dec = free_children
        .iter()
        .map(|&j| weight(method, &children[j]))
        .sum();
    if !total.is_positive() {
        if method != SplitMethod::Equal {
            out.record.fell_back_to_equal = true;
        }
        method = SplitMethod::Equal;
        total = Dec::int(free_children.len() as i64);
    }
    out.record.method = method;
    out.record.weight_total = total;

    let any_commitment = free_children
        .iter()
        .any(|&j| children[j].commitment.is_some());
    if any_commitment {
        let committed: Dec = free_children
            .iter()
            .filter_map(|&j| children[j].commitment)
            .sum();
        out.record.committed = Some(committed);
        out.record.gap = Some(Carried {
            lo: free.lo - committed,
            err: free.err,
        });
    }
    out.record.spread = rule.spread_gap && any_commitment;

    // Weights as whole numbers at the fewest places they need, so that products stay small
    // (and within 128 bits, where division is native).
    let mut places = 0;
    for &j in &free_children {
        if places == PLACES {
            break;
        }
        let w = weight(method, &children[j]);
        // Only a value with more places than found so far can raise them.
        if !w.fits(places) {
            places = w.coarse_places();
        }
    }
    let down = pow10(PLACES - places);
    // The weights as whole numbers at the fewest places they need (`record.weight_places`):
    // free child j's amount is `own + from × whole_j / whole_total` exactly.
    let whole_total = total.raw() / down;
    out.record.weight_places = places;
    let from = out.record.spread_from();
    for &j in &free_children {
        let w = weight(method, &children[j]);
        out.weights[j] = w;
        let own = if out.record.spread {
            children[j].commitment.unwrap_or(Dec::ZERO)
        } else {
            Dec::ZERO
        };
        let (part, exact) = mul_div_floor(from.lo.raw(), w.raw() / down, whole_total)
            .expect("amounts are bounded by validation");
        out.amounts[j] = Carried {
            lo: own + Dec::from_raw(part),
            // A child of no weight gets exactly its own part, whatever is spread.
            err: if (from.err == 0 && exact) || w.is_zero() {
                0
            } else {
                from.err + 1
            },
        };
        if out.record.spread && out.fault.is_none() {
            let amount = out.amounts[j];
            let negative = if amount.lo.raw() + i128::from(amount.err) <= 0 && amount.err > 0
                || amount.err == 0 && amount.lo.is_negative()
            {
                true
            } else if !amount.lo.is_negative() {
                false
            } else {
                use num_traits::Signed;
                exact_child(&parent_exact(), &out.record, &children[j], w).is_negative()
            };
            if negative {
                out.fault = Some(SplitFault::NegativeQuota { child: j });
            }
        }
    }
    out
}

/// A child's exact amount from its parent's exact amount and what the split recorded.
pub fn exact_child(
    parent: &BigRational,
    record: &ChildrenSplit,
    child: &Child,
    weight: Dec,
) -> BigRational {
    if let Some(h) = child.held {
        return h.to_rational();
    }
    let own = match (record.spread, child.commitment) {
        (true, Some(c)) => c.to_rational(),
        _ => BigRational::default(),
    };
    if record.weight_total.is_zero() {
        return own;
    }
    own + (parent - record.taken_first().to_rational()) * weight.to_rational()
        / record.weight_total.to_rational()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        s.parse().unwrap()
    }

    fn basis(b: &[&str]) -> Vec<Child> {
        b.iter()
            .map(|b| Child {
                basis: d(b),
                ..Child::default()
            })
            .collect()
    }

    fn run(parent: &str, rule: SplitRule, children: &[Child]) -> Split {
        let p = d(parent);
        split(Carried::exact(p), rule, children, &|| p.to_rational())
    }

    fn lows(s: &Split) -> Vec<String> {
        s.amounts.iter().map(|a| a.lo.to_string()).collect()
    }

    #[test]
    fn worked_example_proportional_then_held() {
        let children = basis(&["150", "100", "50"]);
        let s = run("330", SplitRule::default(), &children);
        assert_eq!(lows(&s), ["165", "110", "55"]);
        assert!(s.amounts.iter().all(|a| a.is_exact()));

        let mut held = children.clone();
        held[1].held = Some(d("120"));
        let s = run("330", SplitRule::default(), &held);
        assert_eq!(lows(&s), ["157.5", "120", "52.5"]);
        assert_eq!(s.record.free, Carried::exact(d("210")));
        assert_eq!(s.record.weight_total, d("200"));
        assert_eq!(s.fault, None);
    }

    #[test]
    fn a_part_that_does_not_end_is_floored_and_says_so() {
        let s = run("100", SplitRule::default(), &basis(&["1", "1", "1"]));
        assert_eq!(s.amounts[0].lo.to_string(), "33.33333333333333333333");
        assert_eq!(s.amounts[0].err, 1);
        let exact = exact_child(
            &d("100").to_rational(),
            &s.record,
            &basis(&["1"])[0],
            d("1"),
        );
        assert_eq!(exact, crate::num::rational(100, 3));
    }

    #[test]
    fn equal_and_manual() {
        let rule = SplitRule {
            method: SplitMethod::Equal,
            spread_gap: false,
        };
        assert_eq!(lows(&run("90", rule, &basis(&["1", "2", "3"]))), ["30"; 3]);

        let mut children = basis(&["0", "0"]);
        children[0].manual_share = Some(d("0.25"));
        children[1].manual_share = Some(d("0.75"));
        let rule = SplitRule {
            method: SplitMethod::Manual,
            spread_gap: false,
        };
        assert_eq!(lows(&run("100", rule, &children)), ["25", "75"]);
    }

    #[test]
    fn zero_basis_falls_back_to_equal_and_says_so() {
        let s = run("10", SplitRule::default(), &basis(&["0", "0"]));
        assert_eq!(lows(&s), ["5", "5"]);
        assert!(s.record.fell_back_to_equal);
        assert_eq!(s.record.method, SplitMethod::Equal);
        assert_eq!(s.record.weight_total, d("2"));
    }

    #[test]
    fn over_allocation_is_a_fault_not_a_negative_quota() {
        let mut children = basis(&["1", "1", "1"]);
        children[0].held = Some(d("200"));
        children[2].held = Some(d("150"));
        let s = run("330", SplitRule::default(), &children);
        assert_eq!(s.fault, Some(SplitFault::OverAllocated { culprit: 2 }));
        assert_eq!(s.record.free.lo, d("-20"));
        // Exactly at the parent is not over.
        children[2].held = Some(d("130"));
        assert_eq!(run("330", SplitRule::default(), &children).fault, None);
    }

    #[test]
    fn fully_held_children_must_add_up_exactly() {
        let mut children = basis(&["1", "1"]);
        children[0].held = Some(d("200"));
        children[1].held = Some(d("130"));
        assert_eq!(run("330", SplitRule::default(), &children).fault, None);
        children[1].held = Some(d("129.99999999"));
        assert_eq!(
            run("330", SplitRule::default(), &children).fault,
            Some(SplitFault::AllHeld)
        );
    }

    #[test]
    fn gap_is_reported_and_spread_on_request() {
        let mut children = basis(&["150", "100", "50"]);
        children[0].commitment = Some(d("160"));
        children[1].commitment = Some(d("100"));
        children[2].commitment = Some(d("40"));
        let s = run("330", SplitRule::default(), &children);
        assert_eq!(s.record.gap, Some(Carried::exact(d("30"))));
        assert_eq!(lows(&s), ["165", "110", "55"]);

        let rule = SplitRule {
            method: SplitMethod::Proportional,
            spread_gap: true,
        };
        let s = run("330", rule, &children);
        // The gap of 30 spread 3 : 2 : 1 on top of each commitment.
        assert_eq!(lows(&s), ["175", "110", "45"]);
        assert_eq!(s.record.taken_first(), d("300"));
    }

    #[test]
    fn a_negative_gap_spread_below_zero_is_a_fault() {
        let mut children = basis(&["1", "1"]);
        children[0].commitment = Some(d("10"));
        children[1].commitment = Some(d("1"));
        let rule = SplitRule {
            method: SplitMethod::Proportional,
            spread_gap: true,
        };
        // gap = 5 − 11 = −6: 10 − 3 = 7 and 1 − 3 = −2.
        let s = run("5", rule, &children);
        assert_eq!(s.fault, Some(SplitFault::NegativeQuota { child: 1 }));
    }
}
