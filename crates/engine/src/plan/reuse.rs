//! What an edit left unchanged: `plan_after` keeps the node list and the splits that read
//! nothing the edit touched.

use std::sync::Arc;

use crate::indicator::Indicator;
use crate::scenario::{Industry, NodeData, Scenario};

/// The industries of `s` that are not the very ones of `before`, when the tree keeps its
/// shape: the same rule at the top, the same industries, enterprises and projects (by id) in
/// the same places. `None` when the shape differs.
pub(super) fn changed_industries(before: &Scenario, s: &Scenario) -> Option<Vec<usize>> {
    if before.tree.rule != s.tree.rule || before.tree.industries.len() != s.tree.industries.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (i, (a, b)) in before
        .tree
        .industries
        .iter()
        .zip(&s.tree.industries)
        .enumerate()
    {
        if Arc::ptr_eq(a, b) {
            continue;
        }
        let same_shape = a.node.id == b.node.id
            && a.enterprises.len() == b.enterprises.len()
            && a.enterprises.iter().zip(&b.enterprises).all(|(x, y)| {
                x.node.id == y.node.id
                    && x.projects.len() == y.projects.len()
                    && x.projects
                        .iter()
                        .zip(&y.projects)
                        .all(|(p, q)| p.node.id == q.node.id)
            });
        if !same_shape {
            return None;
        }
        changed.push(i);
    }
    Some(changed)
}

/// Whether two industries of the same shape split `k` alike: the same rules and, on every
/// node, the same base, commitment and hold of `k` and the same manual share.
pub(super) fn same_split_inputs(a: &Industry, b: &Industry, k: Indicator) -> bool {
    let same = |x: &NodeData, y: &NodeData| {
        x.base.get(k) == y.base.get(k)
            && x.commitment.get(k) == y.commitment.get(k)
            && x.held.get(k) == y.held.get(k)
            && x.manual_share == y.manual_share
    };
    a.rule == b.rule
        && same(&a.node, &b.node)
        && a.enterprises.iter().zip(&b.enterprises).all(|(x, y)| {
            x.rule == y.rule
                && same(&x.node, &y.node)
                && x.projects
                    .iter()
                    .zip(&y.projects)
                    .all(|(p, q)| same(&p.node, &q.node))
        })
}
