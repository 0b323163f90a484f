//! Edits of the scenario, as plain functions (the page calls them; they keep ids unique and
//! never leave a dangling reference), and breakback: the input that gives a wanted figure.

use std::sync::Arc;

use super::indicator::Indicator;
use super::num::Dec;
use super::scenario::{Enterprise, Industry, NodeData, Project, Scenario, SplitRule, TargetSpec};

/// Where a node sits: (industry, enterprise, project) indices.
fn locate(s: &Scenario, id: u64) -> Option<(usize, Option<usize>, Option<usize>)> {
    let path = s.locate(id)?;
    Some((path.industry?, path.enterprise, path.project))
}

/// Hold a node at an amount (锁定; `None` releases it), so that its siblings re-spread.
/// False when no node has this id.
pub fn hold_node(s: &mut Scenario, id: u64, indicator: Indicator, amount: Option<Dec>) -> bool {
    match s.node_mut(id) {
        Some(node) => {
            node.held.set(indicator, amount);
            true
        }
        None => false,
    }
}

/// Set an indicator's target as an amount, a growth or a multiple.
pub fn set_target(s: &mut Scenario, indicator: Indicator, spec: TargetSpec) -> bool {
    match s.indicator_mut(indicator) {
        Some(input) => {
            input.target = spec;
            true
        }
        None => false,
    }
}

/// Breakback: the quarter share that gives a wanted quarter amount, `s = Q / T`, to the
/// places a share keeps; `None` for a target of zero.
pub fn share_for_quarter_amount(annual_target: Dec, wanted_amount: Dec) -> Option<Dec> {
    if !annual_target.is_positive() {
        return None;
    }
    Some(
        wanted_amount
            .div_floor(annual_target)?
            .round(super::num::RATE_PLACES),
    )
}

fn fresh(s: &Scenario, name: String) -> NodeData {
    NodeData {
        id: s.max_node_id() + 1,
        name,
        ..NodeData::default()
    }
}

/// Add an industry at the end; returns its id.
pub fn add_industry(s: &mut Scenario, name: String) -> u64 {
    let node = fresh(s, name);
    let id = node.id;
    s.tree.industries.push(Arc::new(Industry {
        node,
        rule: SplitRule::default(),
        enterprises: Vec::new(),
    }));
    id
}

/// Add a child under a node: an enterprise under an industry, a project under an
/// enterprise. Returns the new id, or `None` for a project (projects have no children).
pub fn add_child(s: &mut Scenario, parent: u64, name: String) -> Option<u64> {
    let node = fresh(s, name);
    let id = node.id;
    match locate(s, parent)? {
        (i, None, None) => s.tree.industry_mut(i).enterprises.push(Enterprise {
            node,
            rule: SplitRule::default(),
            projects: Vec::new(),
        }),
        (i, Some(e), None) => s.tree.industry_mut(i).enterprises[e]
            .projects
            .push(Project { node }),
        _ => return None,
    }
    Some(id)
}

/// Remove a node and everything under it. Returns false when no node has this id.
pub fn remove(s: &mut Scenario, id: u64) -> bool {
    match locate(s, id) {
        Some((i, None, None)) => {
            s.tree.industries.remove(i);
        }
        Some((i, Some(e), None)) => {
            s.tree.industry_mut(i).enterprises.remove(e);
        }
        Some((i, Some(e), Some(p))) => {
            s.tree.industry_mut(i).enterprises[e].projects.remove(p);
        }
        _ => return false,
    }
    true
}

/// Move a node one place up (`-1`) or down (`+1`) among its siblings.
pub fn move_among_siblings(s: &mut Scenario, id: u64, up: bool) -> bool {
    fn shift<T>(v: &mut [T], at: usize, up: bool) -> bool {
        let to = if up { at.checked_sub(1) } else { Some(at + 1) };
        match to {
            Some(to) if to < v.len() => {
                v.swap(at, to);
                true
            }
            _ => false,
        }
    }
    match locate(s, id) {
        Some((i, None, None)) => shift(&mut s.tree.industries, i, up),
        Some((i, Some(e), None)) => shift(&mut s.tree.industry_mut(i).enterprises, e, up),
        Some((i, Some(e), Some(p))) => {
            shift(&mut s.tree.industry_mut(i).enterprises[e].projects, p, up)
        }
        _ => false,
    }
}

/// Move an enterprise to another industry (at the end).
pub fn move_enterprise(s: &mut Scenario, id: u64, to_industry: u64) -> bool {
    let (Some((i, Some(e), None)), Some((t, None, None))) = (locate(s, id), locate(s, to_industry))
    else {
        return false;
    };
    if i == t {
        return false;
    }
    let enterprise = s.tree.industry_mut(i).enterprises.remove(e);
    s.tree.industry_mut(t).enterprises.push(enterprise);
    true
}

/// The split rule of a parent (read only): the county (`None`), an industry or an enterprise.
pub fn rule_of(s: &Scenario, parent: Option<u64>) -> Option<SplitRule> {
    let Some(id) = parent else {
        return Some(s.tree.rule);
    };
    match locate(s, id)? {
        (i, None, None) => Some(s.tree.industries[i].rule),
        (i, Some(e), None) => Some(s.tree.industries[i].enterprises[e].rule),
        _ => None,
    }
}

/// The split rule of a parent: the county (`None`), an industry or an enterprise.
pub fn rule_mut(s: &mut Scenario, parent: Option<u64>) -> Option<&mut SplitRule> {
    let Some(id) = parent else {
        return Some(&mut s.tree.rule);
    };
    match locate(s, id)? {
        (i, None, None) => Some(&mut s.tree.industry_mut(i).rule),
        (i, Some(e), None) => Some(&mut s.tree.industry_mut(i).enterprises[e].rule),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
    use crate::plan;

    #[test]
    fn breakback_quarter_share_from_a_wanted_amount() {
        let d = |x: &str| x.parse::<Dec>().unwrap();
        assert_eq!(
            share_for_quarter_amount(d("330"), d("72.6")),
            Some(d("0.22"))
        );
        // 80 of 330 is 24.2424…%: kept to 0.0001%.
        assert_eq!(
            share_for_quarter_amount(d("330"), d("80")),
            Some(d("0.242424"))
        );
        assert_eq!(share_for_quarter_amount(d("0"), d("5")), None);
    }

    #[test]
    fn add_move_and_remove_keep_the_scenario_plannable() {
        let mut s = example();
        let industry = add_industry(&mut s, "新行业".into());
        let enterprise = add_child(&mut s, industry, "新企业".into()).unwrap();
        let project = add_child(&mut s, enterprise, "新项目".into()).unwrap();
        assert_eq!(add_child(&mut s, project, "x".into()), None);
        assert!(plan(&s).is_ok());
        let ids: std::collections::HashSet<u64> = [industry, enterprise, project].into();
        assert_eq!(ids.len(), 3);

        let first_industry = s.tree.industries[0].node.id;
        assert!(move_enterprise(&mut s, enterprise, first_industry));
        assert_eq!(
            s.tree.industries[0].enterprises.last().unwrap().node.id,
            enterprise
        );
        assert!(move_among_siblings(&mut s, industry, true));
        let first = s.tree.industries[0].node.id;
        assert!(!move_among_siblings(&mut s, first, true));

        assert!(remove(&mut s, enterprise));
        assert!(!remove(&mut s, enterprise));
        assert!(plan(&s).is_ok());
    }
}
