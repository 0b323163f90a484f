//! The decomposition tree, one indicator at a time (层层分解): the county's target split among
//! industries, each industry's among its enterprises, each enterprise's investment among its
//! projects; every node's quota, Q1 quota, Q1 daily quota and share of its parent rounded so
//! that siblings add up to their parent as shown (largest remainder, `round`).
//!
//! A quota below the county is a quotient that usually does not end; it is carried floored,
//! with a bound on what the flooring may have lost ([`Carried`]). Rounding that the bound
//! could change is redone on exact values (`BigRational`), recomputed from the county's
//! target through each split's record.

use ethnum::I256;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::{
    IndicatorPlan, IndicatorSplit, Level, NodeFigures, NodeInfo, NodePath, SplitProblem, NO_FIGURE,
};
use crate::indicator::Indicator;
use crate::num::{mul_div_floor, rational_units, wide_mul_floor, Carried, Dec, Step, ONE_RAW};
use crate::round::{largest_remainder_exact, Ambiguous, Candidate, Precision, Remainder, Rounder};
use crate::scenario::{Enterprise, Industry, NodeData, Scenario, SplitRule};
use crate::split::{self, Child, SplitFault};

/// "No group": a node without children.
const NO_GROUP: u32 = u32::MAX;

pub(super) fn tree_nodes(s: &Scenario) -> Vec<NodeInfo> {
    let mut nodes = vec![NodeInfo {
        id: 0,
        level: Level::County,
        parent: None,
        path: NodePath::default(),
    }];
    for (i, industry) in s.tree.industries.iter().enumerate() {
        let industry_index = nodes.len() as u32;
        nodes.push(NodeInfo {
            id: industry.node.id,
            level: Level::Industry,
            parent: Some(0),
            path: NodePath {
                industry: Some(i),
                ..NodePath::default()
            },
        });
        for (e, enterprise) in industry.enterprises.iter().enumerate() {
            let enterprise_index = nodes.len() as u32;
            nodes.push(NodeInfo {
                id: enterprise.node.id,
                level: Level::Enterprise,
                parent: Some(industry_index),
                path: NodePath {
                    industry: Some(i),
                    enterprise: Some(e),
                    project: None,
                },
            });
            for (p, project) in enterprise.projects.iter().enumerate() {
                nodes.push(NodeInfo {
                    id: project.node.id,
                    level: Level::Project,
                    parent: Some(enterprise_index),
                    path: NodePath {
                        industry: Some(i),
                        enterprise: Some(e),
                        project: Some(p),
                    },
                });
            }
        }
    }
    nodes
}

/// The four figures rounded for every child.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Quota,
    Q1,
    Daily,
    Share,
}

struct TreeSplitter<'a> {
    indicator: Indicator,
    /// The Q1 share, as a whole number over `q1_den`.
    q1_num: i128,
    q1_den: i128,
    q1_days: u32,
    precision: Precision,
    nodes: &'a [NodeInfo],
    split: IndicatorSplit,
    /// Working space reused by every parent (a large tree has tens of thousands).
    work: Work,
}

#[derive(Default)]
struct Work {
    inputs: Vec<Child>,
    child_nodes: Vec<usize>,
    ids: Vec<u64>,
    candidates: Vec<Candidate>,
    units: [Vec<i64>; 4],
    rounder: Rounder,
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

pub(super) fn split_tree(
    s: &Scenario,
    p: &IndicatorPlan,
    nodes: &[NodeInfo],
    precision: Precision,
    q1_days: u32,
) -> IndicatorSplit {
    let indicator = p.indicator;
    let reaches_projects = indicator.reaches_projects();
    let q1_share = p.shares[0];
    // Shares have at most six places (validation); whole numbers keep the products small.
    let (q1_num, q1_den) = match q1_share.scaled(6) {
        Some(n) => (n, 1_000_000),
        None => (q1_share.raw(), ONE_RAW),
    };
    let mut sp = TreeSplitter {
        indicator,
        q1_num,
        q1_den,
        q1_days,
        precision,
        nodes,
        split: IndicatorSplit {
            indicator,
            // Exactly the nodes it reaches: most indicators stop above the projects.
            figures: Vec::with_capacity(
                nodes
                    .iter()
                    .filter(|n| reaches_projects || n.level != Level::Project)
                    .count(),
            ),
            figure_of_node: vec![NO_FIGURE; nodes.len()],
            groups: Vec::new(),
            target: p.target,
            problems: Vec::new(),
        },
        work: Work::default(),
    };

    // Effective bases, bottom-up: a node's own base, else the sum of its children's.
    let enterprise_basis = |e: &Enterprise| -> Dec {
        e.node.base.get(indicator).unwrap_or_else(|| {
            if reaches_projects {
                e.projects
                    .iter()
                    .filter_map(|p| p.node.base.get(indicator))
                    .sum()
            } else {
                Dec::ZERO
            }
        })
    };
    let industry_basis = |i: &Industry| -> Dec {
        i.node
            .base
            .get(indicator)
            .unwrap_or_else(|| i.enterprises.iter().map(enterprise_basis).sum())
    };
    let industry_bases: Vec<Dec> = s
        .tree
        .industries
        .iter()
        .map(|i| industry_basis(i))
        .collect();
    // Node indices follow the pre-order of `tree_nodes`.
    let mut at = 1usize;
    let industry_nodes: Vec<usize> = s
        .tree
        .industries
        .iter()
        .map(|i| {
            let node = at;
            at += 1
                + i.enterprises.len()
                + i.enterprises
                    .iter()
                    .map(|e| e.projects.len())
                    .sum::<usize>();
            node
        })
        .collect();

    // The county: its quota is the target; its rounded Q1 is the quarter table's.
    let county_basis: Dec = industry_bases.iter().sum();
    let q1 = p.quarters[0];
    sp.push_figure(
        0,
        NodeFigures {
            quota: Carried::exact(p.target),
            quota_units: precision.units(p.target),
            basis: if county_basis.is_positive() {
                county_basis
            } else {
                p.base
            },
            weight: Dec::ONE,
            share_units: 10_000,
            held: None,
            commitment: None,
            q1_units: match precision {
                Precision::Yi2 => q1.amount_units,
                Precision::Wan2 => precision.units(q1.amount),
            },
            daily_q1_units: q1.daily_units,
            children: NO_GROUP,
        },
    );

    let industries = s.tree.industries.iter().enumerate();
    sp.split_children(
        0,
        None,
        s.tree.rule,
        industries.map(|(i, industry)| (&industry.node, industry_bases[i], industry_nodes[i])),
    );
    for (i, industry) in s.tree.industries.iter().enumerate() {
        let mut at = industry_nodes[i] + 1;
        let enterprises = industry.enterprises.iter().map(|e| {
            let node = at;
            at += 1 + e.projects.len();
            (&e.node, enterprise_basis(e), node)
        });
        sp.split_children(
            industry_nodes[i],
            Some(industry.node.id),
            industry.rule,
            enterprises,
        );
        if !reaches_projects {
            continue;
        }
        let mut enterprise_node = industry_nodes[i] + 1;
        for enterprise in &industry.enterprises {
            let this = enterprise_node;
            enterprise_node += 1 + enterprise.projects.len();
            let projects = enterprise.projects.iter().enumerate().map(|(k, p)| {
                let basis = p.node.base.get(indicator).unwrap_or(Dec::ZERO);
                (&p.node, basis, this + 1 + k)
            });
            sp.split_children(this, Some(enterprise.node.id), enterprise.rule, projects);
        }
    }
    sp.split
}

impl TreeSplitter<'_> {
    fn push_figure(&mut self, node: usize, f: NodeFigures) {
        let index = self.split.figures.len();
        self.split.figures.push(f);
        self.split.figure_of_node[node] = index as u32;
    }

    fn figure(&self, node: usize) -> NodeFigures {
        self.split.figures[self.split.figure_of_node[node] as usize]
    }

    fn exact(&self, node: usize) -> BigRational {
        self.split
            .exact_quota(self.nodes, node)
            .unwrap_or_else(BigRational::zero)
    }

    /// Split a parent among its children (node data, basis, node index); the children's
    /// figures are pushed in order.
    fn split_children<'n>(
        &mut self,
        parent_node: usize,
        parent_id: Option<u64>,
        rule: SplitRule,
        children: impl Iterator<Item = (&'n NodeData, Dec, usize)>,
    ) {
        let k = self.indicator;
        let parent = self.figure(parent_node);
        let mut w = std::mem::take(&mut self.work);
        w.inputs.clear();
        w.child_nodes.clear();
        w.ids.clear();
        for (node, basis, index) in children {
            w.inputs.push(Child {
                basis,
                held: node.held.get(k),
                commitment: node.commitment.get(k),
                manual_share: node.manual_share,
            });
            w.child_nodes.push(index);
            w.ids.push(node.id);
        }
        if w.inputs.is_empty() {
            self.work = w;
            return;
        }
        let result = split::split(parent.quota, rule, &w.inputs, &|| self.exact(parent_node));
        let group = self.split.groups.len() as u32;
        self.split.groups.push(result.record);
        let pf = self.split.figure_of_node[parent_node] as usize;
        self.split.figures[pf].children = group;

        let precision = self.precision;
        let problem = match result.fault {
            Some(SplitFault::OverAllocated { culprit }) => {
                let over = result.record.held_total.to_rational() - self.exact(parent_node);
                Some(SplitProblem::OverAllocated {
                    parent: parent_id,
                    culprit: w.ids[culprit],
                    parent_units: parent.quota_units,
                    over_units: rational_units(&over, precision.step()),
                })
            }
            Some(SplitFault::AllHeld) => {
                let left = self.exact(parent_node) - result.record.held_total.to_rational();
                Some(SplitProblem::AllHeld {
                    parent: parent_id,
                    left_units: rational_units(&left, precision.step()),
                })
            }
            Some(SplitFault::NegativeQuota { child }) => Some(SplitProblem::NegativeQuota {
                parent: parent_id,
                child: w.ids[child],
            }),
            None => None,
        };
        self.split.problems.extend(problem);
        if result.record.fell_back_to_equal && parent.quota.lo.is_positive() {
            self.split.problems.push(SplitProblem::FellBack {
                parent: parent_id,
                method: rule.method,
            });
        }

        let n = w.inputs.len();
        if result.fault.is_some() {
            // The plan is refused; the figures only keep the tree's shape.
            for j in 0..n {
                self.push_figure(w.child_nodes[j], self.bare(&w.inputs[j]));
            }
            self.work = w;
            return;
        }

        let q1_total_den = self.q1_den * i128::from(self.q1_days);
        let parent_positive = if parent.quota.lo.is_positive() {
            true
        } else if parent.quota.err == 0 {
            false
        } else {
            self.exact(parent_node).is_positive()
        };
        let totals = [
            parent.quota_units,
            parent.q1_units,
            parent.daily_q1_units,
            if parent_positive { 10_000 } else { 0 },
        ];
        let steps = [
            precision.step(),
            precision.step(),
            Step::WAN_2,
            Step::PERCENT_2,
        ];
        let record = result.record;
        let from = record.spread_from();
        let big = |x: i128| I256::from(x);
        let whole_total = big(result.whole_total);
        // Every child's amount times the whole-number total of weights, exactly, when what
        // is spread is known exactly: `own × W + from × w` (a held child: `h × W`).
        let numerators: Option<Vec<I256>> = (from.err == 0 && result.whole_total > 0).then(|| {
            (0..n)
                .map(|j| {
                    let input = &w.inputs[j];
                    let own = match input.held {
                        Some(h) => h,
                        None if record.spread => input.commitment.unwrap_or(Dec::ZERO),
                        None => Dec::ZERO,
                    };
                    let weight = if input.held.is_some() {
                        0
                    } else {
                        result.whole_weights[j]
                    };
                    // Natively when it fits (most counties), else in 256 bits.
                    own.raw()
                        .checked_mul(result.whole_total)
                        .and_then(|a| {
                            from.lo
                                .raw()
                                .checked_mul(weight)
                                .and_then(|b| a.checked_add(b))
                        })
                        .map(big)
                        .unwrap_or_else(|| {
                            big(own.raw()) * whole_total + big(from.lo.raw()) * big(weight)
                        })
                })
                .collect()
        });
        // Shares are the weights' own shares when nothing is held or spread, whatever the
        // parent: `w / W`.
        let plain_shares = record.held_total.is_zero() && !record.spread && result.whole_total > 0;
        // Each family's exact value of child j in display units is `numerator × m / d`.
        let unit = |step: Step| big(step.raw());
        let exact_form = |family: Family| -> (I256, I256) {
            match family {
                Family::Quota => (big(1), whole_total * unit(precision.step())),
                Family::Q1 => (
                    big(self.q1_num),
                    whole_total * big(self.q1_den) * unit(precision.step()),
                ),
                Family::Daily => (
                    big(self.q1_num),
                    whole_total * big(q1_total_den) * unit(Step::WAN_2),
                ),
                // x / P in 0.01%: N × 10⁴ / (W × P).
                Family::Share => (big(10_000), whole_total * big(parent.quota.lo.raw())),
            }
        };
        let mut exact_children: Option<Vec<BigRational>> = None;
        for (f, family) in [Family::Quota, Family::Q1, Family::Daily, Family::Share]
            .into_iter()
            .enumerate()
        {
            w.candidates.clear();
            let mut carried_ok = true;
            let (m, d) = exact_form(family);
            for j in 0..n {
                let amount = result.amounts[j];
                let pinned = family == Family::Quota && w.inputs[j].held.is_some();
                let key = match w.inputs[j].held {
                    Some(h) => (h.raw(), -1),
                    None => (
                        if record.spread {
                            w.inputs[j].commitment.unwrap_or(Dec::ZERO).raw()
                        } else {
                            0
                        },
                        result.weights[j].raw(),
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
                let carried =
                    |value: Carried| Candidate::carried(value, steps[f], pinned, key).ok();
                let candidate = match (family, &numerators) {
                    (Family::Share, _) if !parent_positive => exactly(big(0), big(1), big(1)),
                    (Family::Share, Some(nums)) if parent.quota.err == 0 => exactly(nums[j], m, d),
                    (Family::Share, _) if plain_shares => {
                        exactly(big(result.whole_weights[j]), big(10_000), whole_total)
                    }
                    (Family::Share, _) => share_of(amount, parent.quota).and_then(carried),
                    (_, Some(nums)) => exactly(nums[j], m, d),
                    (Family::Quota, None) => carried(amount),
                    (Family::Q1, None) => carried(scale(amount, self.q1_num, self.q1_den)),
                    (Family::Daily, None) => carried(scale(amount, self.q1_num, q1_total_den)),
                };
                let Some(candidate) = candidate else {
                    carried_ok = false;
                    break;
                };
                w.candidates.push(candidate);
            }
            let mut units = std::mem::take(&mut w.units[f]);
            let rounded = if carried_ok {
                w.rounder.round(totals[f], &w.candidates, &mut units)
            } else {
                Err(Ambiguous)
            };
            if rounded.is_err() {
                // Round the exact values.
                let exact = exact_children.get_or_insert_with(|| {
                    let parent_exact = self.exact(parent_node);
                    (0..n)
                        .map(|j| {
                            split::exact_child(
                                &parent_exact,
                                &record,
                                &w.inputs[j],
                                result.weights[j],
                            )
                        })
                        .collect()
                });
                let parent_exact = self.exact(parent_node);
                let q1 = crate::num::rational(self.q1_num, self.q1_den);
                let days = crate::num::rational(i128::from(self.q1_days), 1);
                let values: Vec<BigRational> = exact
                    .iter()
                    .map(|x| match family {
                        Family::Quota => x.clone(),
                        Family::Q1 => x * &q1,
                        Family::Daily => x * &q1 / &days,
                        Family::Share if parent_positive => x / &parent_exact,
                        Family::Share => BigRational::zero(),
                    })
                    .collect();
                let pinned: Vec<bool> = (0..n)
                    .map(|j| family == Family::Quota && w.inputs[j].held.is_some())
                    .collect();
                units = largest_remainder_exact(totals[f], &values, &pinned, steps[f]);
            }
            w.units[f] = units;
        }

        for j in 0..n {
            self.push_figure(
                w.child_nodes[j],
                NodeFigures {
                    quota: result.amounts[j],
                    quota_units: w.units[0][j],
                    basis: w.inputs[j].basis,
                    weight: result.weights[j],
                    share_units: w.units[3][j],
                    held: w.inputs[j].held,
                    commitment: w.inputs[j].commitment,
                    q1_units: w.units[1][j],
                    daily_q1_units: w.units[2][j],
                    children: NO_GROUP,
                },
            );
        }
        self.work = w;
    }

    /// A child's figures without amounts (for a refused split).
    fn bare(&self, c: &Child) -> NodeFigures {
        NodeFigures {
            quota: Carried::default(),
            quota_units: 0,
            basis: c.basis,
            weight: Dec::ZERO,
            share_units: 0,
            held: c.held,
            commitment: c.commitment,
            q1_units: 0,
            daily_q1_units: 0,
            children: NO_GROUP,
        }
    }
}
