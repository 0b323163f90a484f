//! The decomposition tree, one indicator at a time (层层分解): the county's target split among
//! industries, each industry's among its enterprises, each enterprise's investment among its
//! projects; every node's quota, Q1 quota, Q1 daily quota and share of its parent rounded so
//! that siblings add up to their parent as shown (largest remainder, `round`).
//!
//! A quota below the county is a quotient that usually does not end; it is carried floored,
//! with a bound on what the flooring may have lost ([`Carried`]). Rounding that the bound
//! could change is redone on exact values (`BigRational`), recomputed from the county's
//! target through each split's record.

use num_rational::BigRational;
use num_traits::Zero;

use super::families::{self, Family};
use super::{
    IndicatorPlan, IndicatorSplit, Level, NodeFigures, NodeInfo, NodePath, SplitProblem, NO_FIGURE,
};
use crate::indicator::Indicator;
use crate::num::{rational_units, Carried, Dec, ONE_RAW};
use crate::round::{Candidate, Precision, Rounder};
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

struct TreeSplitter<'a> {
    indicator: Indicator,
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
    children: Vec<NodeFigures>,
    candidates: Vec<Candidate>,
    units: Vec<i64>,
    rounder: Rounder,
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
    let q1 = p.quarters[0];
    let mut sp = TreeSplitter {
        indicator,
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
            group_children: Vec::new(),
            target: p.target,
            // The county's rounded Q1 is the quarter table's.
            root_q1_units: match precision {
                Precision::Yi2 => q1.amount_units,
                Precision::Wan2 => precision.units(q1.amount),
            },
            root_daily_units: q1.daily_units,
            q1_num,
            q1_den,
            q1_days,
            precision,
            units: Default::default(),
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

    // The county: its quota is the target.
    let county_basis: Dec = industry_bases.iter().sum();
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
            held: None,
            commitment: None,
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
    // Each group's Q1, daily and share units are rounded when first asked for.
    sp.split.units.0 = (0..sp.split.groups.len())
        .map(|_| std::sync::OnceLock::new())
        .collect();
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
        w.children.clear();
        w.children.extend((0..n).map(|j| NodeFigures {
            quota: result.amounts[j],
            quota_units: 0,
            basis: w.inputs[j].basis,
            weight: result.weights[j],
            held: w.inputs[j].held,
            commitment: w.inputs[j].commitment,
            children: NO_GROUP,
        }));
        if result.fault.is_none() {
            // Quotas now (the next level splits them); the rest when first shown.
            let group = families::Group {
                parent: &parent,
                parent_q1_units: 0,
                parent_daily_units: 0,
                record: &result.record,
                children: &w.children,
                precision,
                q1_num: self.split.q1_num,
                q1_den: self.split.q1_den,
                q1_days: self.split.q1_days,
                parent_exact: &|| self.exact(parent_node),
            };
            families::round(
                Family::Quota,
                &group,
                &mut w.rounder,
                &mut w.candidates,
                &mut w.units,
            );
            for (c, units) in w.children.iter_mut().zip(&w.units) {
                c.quota_units = *units;
            }
        }
        // A refused split's figures keep only the tree's shape.
        let first = self.split.figures.len() as u32;
        self.split
            .group_children
            .push((parent_node as u32, first, n as u32));
        for j in 0..n {
            let figure = if result.fault.is_some() {
                self.bare(&w.inputs[j])
            } else {
                w.children[j]
            };
            self.push_figure(w.child_nodes[j], figure);
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
            held: c.held,
            commitment: c.commitment,
            children: NO_GROUP,
        }
    }
}
