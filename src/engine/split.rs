//! Splitting a parent amount among children (层层分解).
//!
//! `free = P − Σ held`; each free child gets `free × w_j` where the weights come from the
//! parent's method: proportional to a basis (`b_j / Σ b_free`), equal, or manual shares.
//! Bottom-up: with commitments `c_j`, the gap (缺口) is `free − Σ c_j`; when the parent
//! spreads it, each free child gets `c_j + gap × w_j`.

use super::scenario::{SplitMethod, SplitRule};

/// One child as the split sees it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Child {
    /// The basis for a proportional split (usually the base-year value).
    pub basis: f64,
    /// Held (locked) amount.
    pub held: Option<f64>,
    /// The child's own commitment.
    pub commitment: Option<f64>,
    /// Weight under a manual split.
    pub manual_share: Option<f64>,
}

/// The result of one split.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Split {
    /// Each child's amount, in the children's order.
    pub amounts: Vec<f64>,
    /// Each child's weight among the free children (0 for held ones).
    pub weights: Vec<f64>,
    /// The method actually used (a proportional or manual split with nothing to weigh
    /// falls back to equal parts).
    pub method_used: SplitMethod,
    pub fell_back_to_equal: bool,
    /// Σ held.
    pub held_total: f64,
    /// `P − Σ held`.
    pub free: f64,
    /// `free − Σ c_j` over the free children, when any free child has a commitment.
    pub gap: Option<f64>,
    pub fault: Option<SplitFault>,
}

/// A split that cannot give the children the parent's amount.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SplitFault {
    /// Held amounts exceed the parent: `over` is the excess; `culprit` the held child
    /// whose hold first crossed the parent.
    OverAllocated { over: f64, culprit: usize },
    /// Every child is held and they leave `left` of the parent unallocated.
    AllHeld { left: f64 },
    /// Spreading a negative gap (commitments above the target) would make `child` negative.
    NegativeQuota { child: usize },
}

/// Tolerance for "equal" amounts in 亿元: far below the smallest displayed unit (0.01万元).
pub const EPSILON: f64 = 1e-9;

/// Split `parent` among `children` by `rule`.
pub fn split(parent: f64, rule: SplitRule, children: &[Child]) -> Split {
    let n = children.len();
    let mut out = Split {
        amounts: vec![0.0; n],
        weights: vec![0.0; n],
        method_used: rule.method,
        ..Split::default()
    };
    if n == 0 {
        return out;
    }

    let mut held_total = 0.0;
    for (j, child) in children.iter().enumerate() {
        if let Some(h) = child.held {
            held_total += h;
            out.amounts[j] = h;
            if held_total > parent + tolerance(parent) && out.fault.is_none() {
                out.fault = Some(SplitFault::OverAllocated {
                    over: 0.0,
                    culprit: j,
                });
            }
        }
    }
    out.held_total = held_total;
    let free = parent - held_total;
    out.free = free;
    if let Some(SplitFault::OverAllocated { culprit, .. }) = out.fault {
        out.fault = Some(SplitFault::OverAllocated {
            over: -free,
            culprit,
        });
        return out;
    }

    let free_children: Vec<usize> = (0..n).filter(|&j| children[j].held.is_none()).collect();
    if free_children.is_empty() {
        if free.abs() > tolerance(parent) {
            out.fault = Some(SplitFault::AllHeld { left: free });
        }
        return out;
    }

    // Weights over the free children.
    let weigh = |value: fn(&Child) -> f64| -> Option<Vec<f64>> {
        let total: f64 = free_children.iter().map(|&j| value(&children[j])).sum();
        (total > 0.0).then(|| {
            free_children
                .iter()
                .map(|&j| value(&children[j]) / total)
                .collect()
        })
    };
    let weights = match rule.method {
        SplitMethod::Proportional => weigh(|c| c.basis.max(0.0)),
        SplitMethod::Manual => weigh(|c| c.manual_share.unwrap_or(0.0).max(0.0)),
        SplitMethod::Equal => None,
    };
    let weights = weights.unwrap_or_else(|| {
        if rule.method != SplitMethod::Equal {
            out.fell_back_to_equal = true;
            out.method_used = SplitMethod::Equal;
        }
        vec![1.0 / free_children.len() as f64; free_children.len()]
    });

    let committed: f64 = free_children
        .iter()
        .filter_map(|&j| children[j].commitment)
        .sum();
    let any_commitment = free_children
        .iter()
        .any(|&j| children[j].commitment.is_some());
    if any_commitment {
        out.gap = Some(free - committed);
    }

    // The last free child takes what is left, so the amounts add up to the parent exactly
    // (up to the last bit) rather than up to the sum of rounded products.
    let spread = rule.spread_gap && any_commitment;
    let to_spread = if spread { free - committed } else { free };
    let mut assigned = 0.0;
    let last = free_children.len() - 1;
    for (k, &j) in free_children.iter().enumerate() {
        let own = if spread {
            children[j].commitment.unwrap_or(0.0)
        } else {
            0.0
        };
        let amount = if k == last {
            free - assigned
        } else {
            own + to_spread * weights[k]
        };
        assigned += amount;
        out.weights[j] = weights[k];
        out.amounts[j] = amount;
        if amount < -tolerance(parent) && out.fault.is_none() {
            out.fault = Some(SplitFault::NegativeQuota { child: j });
        }
    }
    out
}

fn tolerance(parent: f64) -> f64 {
    EPSILON * parent.abs().max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basis(b: &[f64]) -> Vec<Child> {
        b.iter()
            .map(|&basis| Child {
                basis,
                ..Child::default()
            })
            .collect()
    }

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-9, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn worked_example_proportional_then_held() {
        let children = basis(&[150.0, 100.0, 50.0]);
        let s = split(330.0, SplitRule::default(), &children);
        close(&s.amounts, &[165.0, 110.0, 55.0]);

        let mut held = children.clone();
        held[1].held = Some(120.0);
        let s = split(330.0, SplitRule::default(), &held);
        close(&s.amounts, &[157.5, 120.0, 52.5]);
        assert_eq!(s.free, 210.0);
        assert_eq!(s.fault, None);
    }

    #[test]
    fn equal_and_manual() {
        let rule = SplitRule {
            method: SplitMethod::Equal,
            spread_gap: false,
        };
        close(
            &split(90.0, rule, &basis(&[1.0, 2.0, 3.0])).amounts,
            &[30.0; 3],
        );

        let mut children = basis(&[0.0, 0.0]);
        children[0].manual_share = Some(0.25);
        children[1].manual_share = Some(0.75);
        let rule = SplitRule {
            method: SplitMethod::Manual,
            spread_gap: false,
        };
        close(&split(100.0, rule, &children).amounts, &[25.0, 75.0]);
    }

    #[test]
    fn zero_basis_falls_back_to_equal_and_says_so() {
        let s = split(10.0, SplitRule::default(), &basis(&[0.0, 0.0]));
        close(&s.amounts, &[5.0, 5.0]);
        assert!(s.fell_back_to_equal);
        assert_eq!(s.method_used, SplitMethod::Equal);
    }

    #[test]
    fn over_allocation_is_a_fault_not_a_negative_quota() {
        let mut children = basis(&[1.0, 1.0, 1.0]);
        children[0].held = Some(200.0);
        children[2].held = Some(150.0);
        let s = split(330.0, SplitRule::default(), &children);
        assert_eq!(
            s.fault,
            Some(SplitFault::OverAllocated {
                over: 20.0,
                culprit: 2
            })
        );
        assert!(s.amounts.iter().all(|&a| a >= 0.0));
    }

    #[test]
    fn fully_held_children_must_add_up() {
        let mut children = basis(&[1.0, 1.0]);
        children[0].held = Some(200.0);
        children[1].held = Some(130.0);
        assert_eq!(split(330.0, SplitRule::default(), &children).fault, None);
        children[1].held = Some(100.0);
        assert_eq!(
            split(330.0, SplitRule::default(), &children).fault,
            Some(SplitFault::AllHeld { left: 30.0 })
        );
    }

    #[test]
    fn gap_is_reported_and_spread_on_request() {
        let mut children = basis(&[150.0, 100.0, 50.0]);
        children[0].commitment = Some(160.0);
        children[1].commitment = Some(100.0);
        children[2].commitment = Some(40.0);
        let s = split(330.0, SplitRule::default(), &children);
        assert_eq!(s.gap, Some(30.0));
        close(&s.amounts, &[165.0, 110.0, 55.0]);

        let rule = SplitRule {
            method: SplitMethod::Proportional,
            spread_gap: true,
        };
        let s = split(330.0, rule, &children);
        // The gap of 30 spread 3 : 2 : 1 on top of each commitment.
        close(&s.amounts, &[175.0, 110.0, 45.0]);
    }
}
