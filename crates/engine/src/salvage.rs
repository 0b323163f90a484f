//! A scenario that does not plan, made to plan by setting its faulty values aside.
//!
//! What a page shows when it opens a scenario with an error and knows no valid version of it
//! (a file from elsewhere, an older version's save): every figure that can be computed, not
//! an empty page. A faulty value is replaced by the plainest choice for its kind, never by a
//! guessed figure: an optional input is left out, a hold or commitment released, a faulty
//! target held at last year's level (growth 0%), an indicator without a valid base not
//! planned, a name cut to its length, the county's quarter shares (which every quarterly
//! figure needs) four equal quarters.

use std::collections::HashSet;

use super::field::{Field, GdpField, IndicatorField, NodeField, Setting};
use super::num::Dec;
use super::scenario::{Scenario, SplitRule, TargetSpec};
use super::validate::{MAX_NAME_CHARS, YEARS};

/// The most rounds of setting aside: each round removes at least one fault, and a fault can
/// only uncover faults of a later stage (inputs, then the split), so a few suffice.
const ROUNDS: usize = 8;

/// A copy of `s` that plans, with the fields whose values were set aside (in the order found),
/// or `None` when no such copy exists (an empty or oversized tree). A scenario that plans is
/// returned as it is, with no field.
pub fn salvage(s: &Scenario) -> Option<(Scenario, Vec<Field>)> {
    let mut copy = s.clone();
    let mut set_aside = Vec::new();
    for _ in 0..ROUNDS {
        let errors = match super::plan(&copy) {
            Ok(_) => return Some((copy, set_aside)),
            Err(errors) => errors,
        };
        let mut changed = false;
        let mut parks = Vec::new();
        for e in errors.iter().filter(|e| e.is_error()) {
            let done = match e.field {
                Field::ParkShare(i) => {
                    parks.push(i);
                    true
                }
                field => set_aside_one(&mut copy, field),
            };
            if done {
                changed = true;
                if !set_aside.contains(&e.field) {
                    set_aside.push(e.field);
                }
            }
        }
        // Removed last, from the end, so that the other parks' indices still hold.
        parks.sort_unstable();
        parks.dedup();
        for i in parks.into_iter().rev() {
            if i < copy.parks.len() {
                copy.parks.remove(i);
            }
        }
        if !changed {
            return None;
        }
    }
    None
}

/// Set one field's value aside; false when the field is not one that can be.
fn set_aside_one(s: &mut Scenario, field: Field) -> bool {
    match field {
        // A faulty actual: the actuals are left out (the plan does not depend on them).
        Field::Actual(..) => s.actuals.take().is_some(),
        Field::Setting(setting) => match setting {
            Setting::Name => cut(&mut s.name),
            Setting::County => cut(&mut s.county),
            Setting::PlanYear => {
                s.plan_year = s.plan_year.clamp(*YEARS.start(), *YEARS.end());
                true
            }
            Setting::SalesRatio => s.sales_ratio_target.take().is_some(),
            Setting::ProjectStartRate => s.projects.q1_start_rate.take().is_some(),
            Setting::FleetThreshold => s.fleet_threshold.take().is_some(),
            Setting::TreeUnit | Setting::ProjectCount => false,
        },
        Field::Indicator(k, f) => match f {
            IndicatorField::Listed => {
                let mut seen = false;
                s.indicators.retain(|i| {
                    let keep = i.indicator != k || !seen;
                    seen |= i.indicator == k;
                    keep
                });
                true
            }
            // Last year's level: the target that assumes nothing.
            IndicatorField::Target
                if s.indicator(k).is_some_and(|i| {
                    i.base_actual.is_positive() && i.target != TargetSpec::Growth(Dec::ZERO)
                }) =>
            {
                if let Some(i) = s.indicator_mut(k) {
                    i.target = TargetSpec::Growth(Dec::ZERO);
                }
                true
            }
            // Without a valid base there is nothing of the indicator to plan.
            IndicatorField::BaseActual | IndicatorField::Target => {
                let before = s.indicators.len();
                s.indicators.retain(|i| i.indicator != k);
                s.indicators.len() < before
            }
            IndicatorField::LastYearPlan => s
                .indicator_mut(k)
                .is_some_and(|i| i.last_year_plan.take().is_some()),
            IndicatorField::YearBeforeActual => s
                .indicator_mut(k)
                .is_some_and(|i| i.year_before_actual.take().is_some()),
            IndicatorField::BaseQuarter(_) => s
                .indicator_mut(k)
                .is_some_and(|i| i.base_quarters.take().is_some()),
            IndicatorField::BaseMonth(_) => s
                .indicator_mut(k)
                .is_some_and(|i| i.base_months.take().is_some()),
            IndicatorField::MonthShare(m) => s
                .indicator_mut(k)
                .is_some_and(|i| i.month_shares[(m / 3).min(3)].take().is_some()),
            IndicatorField::MonthShares(q) => s
                .indicator_mut(k)
                .is_some_and(|i| i.month_shares[q.min(3)].take().is_some()),
            IndicatorField::PriceIndex => s
                .indicator_mut(k)
                .is_some_and(|i| i.price_index.take().is_some()),
            // The indicator follows the county's shares instead.
            IndicatorField::QuarterShare(_) | IndicatorField::QuarterShares => s
                .indicator_mut(k)
                .is_some_and(|i| i.quarter_shares.take().is_some()),
        },
        Field::QuarterShare(_) | Field::QuarterShares => {
            let equal = Dec::ONE.mul_ratio(1, 4).unwrap_or(Dec::ZERO);
            let before = s.quarter_shares;
            s.quarter_shares = [equal; 4];
            s.quarter_shares != before
        }
        Field::QuarterDays(_) => s.quarter_days.take().is_some(),
        // A bad price index goes alone; the GDP card's figures stay.
        Field::Gdp(GdpField::GdpPriceIndex) => s
            .gdp
            .as_mut()
            .is_some_and(|g| g.gdp_price_index.take().is_some()),
        Field::Gdp(GdpField::VaPriceIndex) => s
            .gdp
            .as_mut()
            .is_some_and(|g| g.va_price_index.take().is_some()),
        Field::Gdp(_) => s.gdp.take().is_some(),
        Field::FiveYear(_) => s.five_year.take().is_some(),
        Field::ParkBase(i) => s
            .parks
            .get_mut(i)
            .is_some_and(|p| p.base_output.take().is_some()),
        Field::ParkName(i) => s.parks.get_mut(i).is_some_and(|p| cut(&mut p.name)),
        Field::ParkShare(_) => false,
        Field::Node(_, NodeField::Id) => renumber_repeated_ids(s),
        // Spreading the gap over commitments drove a child below zero: the child named may
        // have committed nothing, so the commitments of the indicator are set aside.
        Field::Node(id, NodeField::Commitment(k))
            if s.node(id).is_some_and(|n| n.commitment.get(k).is_none()) =>
        {
            release_commitments(s, k)
        }
        Field::Node(id, f) => {
            let Some(node) = s.node_mut(id) else {
                return false;
            };
            match f {
                NodeField::Id => false,
                NodeField::Name => cut(&mut node.name),
                NodeField::Responsible => cut(&mut node.responsible),
                NodeField::Unit => cut(&mut node.unit),
                NodeField::Base(k) => {
                    let had = node.base.get(k).is_some();
                    node.base.set(k, None);
                    had
                }
                NodeField::Commitment(k) => {
                    let had = node.commitment.get(k).is_some();
                    node.commitment.set(k, None);
                    had
                }
                NodeField::Held(k) => {
                    let had = node.held.get(k).is_some();
                    node.held.set(k, None);
                    had
                }
                NodeField::ManualShare => node.manual_share.take().is_some(),
            }
        }
        Field::Rule(parent) => {
            let rule = match parent {
                None => Some(&mut s.tree.rule),
                Some(id) => rule_of(s, id),
            };
            rule.is_some_and(|r| std::mem::take(r) != SplitRule::default())
        }
        Field::Children(parent) => release_children(s, parent),
        Field::Tree => false,
    }
}

/// Cut a text to [`MAX_NAME_CHARS`] characters; true if it was longer.
fn cut(text: &mut String) -> bool {
    match text.char_indices().nth(MAX_NAME_CHARS) {
        Some((at, _)) => {
            text.truncate(at);
            true
        }
        None => false,
    }
}

/// Give every node whose id an earlier node already has a fresh id.
fn renumber_repeated_ids(s: &mut Scenario) -> bool {
    let mut next = s.max_node_id();
    let mut seen = HashSet::new();
    let mut changed = false;
    s.tree.for_each_node_mut(|node| {
        if !seen.insert(node.id) {
            next += 1;
            node.id = next;
            seen.insert(next);
            changed = true;
        }
    });
    changed
}

/// Release every commitment to an indicator, anywhere in the tree.
fn release_commitments(s: &mut Scenario, k: super::indicator::Indicator) -> bool {
    let mut changed = false;
    s.tree.for_each_node_mut(|node| {
        if node.commitment.get(k).is_some() {
            node.commitment.set(k, None);
            changed = true;
        }
    });
    changed
}

/// The split rule of the industry or enterprise with this id.
fn rule_of(s: &mut Scenario, id: u64) -> Option<&mut SplitRule> {
    let path = s.locate(id)?;
    let industry = s.tree.industry_mut(path.industry?);
    match path.enterprise {
        None => Some(&mut industry.rule),
        Some(e) => industry.enterprises.get_mut(e).map(|e| &mut e.rule),
    }
}

/// Release every hold among a parent's children (a fully held group that does not add up).
fn release_children(s: &mut Scenario, parent: Option<u64>) -> bool {
    let mut changed = false;
    let mut release = |node: &mut super::scenario::NodeData| {
        if !node.held.is_empty() {
            node.held = Default::default();
            changed = true;
        }
    };
    match parent {
        None => s.tree.industries_mut().for_each(|i| release(&mut i.node)),
        Some(id) => {
            let Some(path) = s.locate(id) else {
                return false;
            };
            let Some(i) = path.industry else {
                return false;
            };
            let industry = s.tree.industry_mut(i);
            match path.enterprise {
                None => industry
                    .enterprises
                    .iter_mut()
                    .for_each(|e| release(&mut e.node)),
                Some(e) => {
                    if let Some(e) = industry.enterprises.get_mut(e) {
                        e.projects.iter_mut().for_each(|p| release(&mut p.node));
                    }
                }
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
    use crate::field::{FiveYearField, GdpField};
    use crate::indicator::Indicator;

    fn d(x: &str) -> Dec {
        x.parse().unwrap()
    }

    /// Break the example one way, and check that the salvaged copy plans, that the broken
    /// field is the one set aside, and that everything else kept its value.
    fn salvaged(break_it: impl FnOnce(&mut Scenario)) -> (Scenario, Vec<Field>) {
        let mut s = example();
        break_it(&mut s);
        assert!(
            crate::plan(&s).is_err(),
            "the broken example should not plan"
        );
        let (copy, fields) = salvage(&s).expect("a copy that plans");
        assert!(crate::plan(&copy).is_ok());
        assert!(!fields.is_empty());
        (copy, fields)
    }

    #[test]
    fn a_target_out_of_range_is_held_at_last_years_level_and_the_rest_kept() {
        let (copy, fields) = salvaged(|s| {
            s.indicator_mut(Indicator::Output).unwrap().target =
                TargetSpec::Amount(d("99999999999999"));
        });
        assert_eq!(
            fields,
            [Field::Indicator(Indicator::Output, IndicatorField::Target)]
        );
        let output = copy.indicator(Indicator::Output).unwrap();
        assert_eq!(output.target, TargetSpec::Growth(Dec::ZERO));
        let plan = crate::plan(&copy).unwrap();
        let planned = plan.indicator(Indicator::Output).unwrap();
        assert_eq!(planned.target, output.base_actual);
        assert_eq!(plan.indicators.len(), example().indicators.len());
        assert_eq!(copy.tree, example().tree, "the tree is untouched");
    }

    #[test]
    fn an_indicator_without_a_valid_base_is_not_planned() {
        let (copy, fields) = salvaged(|s| {
            s.indicator_mut(Indicator::Tax).unwrap().base_actual = d("-4");
        });
        assert!(fields.contains(&Field::Indicator(
            Indicator::Tax,
            IndicatorField::BaseActual
        )));
        assert!(copy.indicator(Indicator::Tax).is_none());
        assert!(copy.indicator(Indicator::Output).is_some());
    }

    #[test]
    fn quarter_shares_that_do_not_add_up_fall_back_to_equal_quarters() {
        let (copy, fields) = salvaged(|s| s.quarter_shares[0] = d("0.5"));
        assert_eq!(fields, [Field::QuarterShares]);
        assert_eq!(copy.quarter_shares, [d("0.25"); 4]);
        assert_eq!(copy.indicators, example().indicators);
    }

    #[test]
    fn an_indicators_own_shares_give_way_to_the_countys() {
        let (copy, fields) = salvaged(|s| {
            s.indicator_mut(Indicator::ValueAdded)
                .unwrap()
                .quarter_shares = Some([d("0.9"), d("0.9"), d("0"), d("0")]);
        });
        assert_eq!(
            fields,
            [Field::Indicator(
                Indicator::ValueAdded,
                IndicatorField::QuarterShares
            )]
        );
        assert_eq!(
            copy.indicator(Indicator::ValueAdded)
                .unwrap()
                .quarter_shares,
            None
        );
    }

    #[test]
    fn optional_sections_with_a_fault_are_left_out() {
        let (copy, fields) = salvaged(|s| {
            s.gdp.as_mut().unwrap().gdp_base = d("-1");
            s.five_year.as_mut().unwrap().end_year = 1990;
            s.plan_year = 3000;
            s.fleet_threshold = Some(d("-5"));
            s.parks[0].share_target = d("7");
        });
        assert!(copy.gdp.is_none());
        assert!(copy.five_year.is_none());
        assert!(copy.fleet_threshold.is_none());
        assert_eq!(copy.plan_year, 2100);
        assert_eq!(copy.parks.len(), example().parks.len() - 1);
        for f in [
            Field::Gdp(GdpField::GdpBase),
            Field::FiveYear(FiveYearField::EndYear),
            Field::Setting(Setting::PlanYear),
            Field::Setting(Setting::FleetThreshold),
            Field::ParkShare(0),
        ] {
            assert!(fields.contains(&f), "{f:?} set aside");
        }
    }

    #[test]
    fn a_bad_hold_is_released_and_a_bad_base_dropped() {
        let s = example();
        let first = &s.tree.industries[0].enterprises[0].node;
        let (id, k) = (first.id, Indicator::Output);
        let (copy, fields) = salvaged(|s| {
            let node = s.node_mut(id).unwrap();
            node.held.set(k, Some(d("-3")));
            node.base.set(Indicator::Tax, Some(d("-2")));
        });
        assert!(fields.contains(&Field::Node(id, NodeField::Held(k))));
        assert!(fields.contains(&Field::Node(id, NodeField::Base(Indicator::Tax))));
        let node = copy.node(id).unwrap();
        assert_eq!(node.held.get(k), None);
        assert_eq!(node.base.get(Indicator::Tax), None);
        assert_eq!(node.base.get(k), first.base.get(k), "other values kept");
    }

    #[test]
    fn holds_beyond_the_parents_quota_are_released_in_a_later_round() {
        // Valid inputs, but the split finds the fault: held more than the county's target.
        let s = example();
        let id = s.tree.industries[0].node.id;
        let (copy, fields) = salvaged(|s| {
            s.node_mut(id)
                .unwrap()
                .held
                .set(Indicator::Output, Some(d("100000")));
        });
        assert!(fields.contains(&Field::Node(id, NodeField::Held(Indicator::Output))));
        assert_eq!(copy.node(id).unwrap().held.get(Indicator::Output), None);
    }

    #[test]
    fn commitments_that_drive_a_sibling_below_zero_are_set_aside() {
        // Spreading the gap over commitments: one enterprise commits far more than its
        // industry's quota, and the others would go negative.
        let s = example();
        let industry = s.tree.industries[0].node.id;
        let first = s.tree.industries[0].enterprises[0].node.id;
        let (copy, fields) = salvaged(|s| {
            if let Some(r) = crate::edit::rule_mut(s, Some(industry)) {
                r.spread_gap = true;
            }
            s.node_mut(first)
                .unwrap()
                .commitment
                .set(Indicator::Output, Some(d("5000")));
        });
        assert!(fields
            .iter()
            .any(|f| matches!(f, Field::Node(_, NodeField::Commitment(Indicator::Output)))));
        assert_eq!(
            copy.node(first).unwrap().commitment.get(Indicator::Output),
            None
        );
    }

    #[test]
    fn repeated_ids_and_long_names_are_mended() {
        let (copy, fields) = salvaged(|s| {
            let first = s.tree.industries[0].node.id;
            s.tree.industry_mut(1).node.id = first;
            s.county = "县".repeat(MAX_NAME_CHARS + 5);
        });
        assert_eq!(copy.county.chars().count(), MAX_NAME_CHARS);
        assert_ne!(
            copy.tree.industries[0].node.id,
            copy.tree.industries[1].node.id
        );
        assert!(fields.contains(&Field::Setting(Setting::County)));
    }

    #[test]
    fn an_empty_tree_cannot_be_salvaged_and_a_valid_scenario_is_returned_as_it_is() {
        let mut s = example();
        s.tree.industries.clear();
        assert!(salvage(&s).is_none());
        let (same, fields) = salvage(&example()).unwrap();
        assert_eq!(same, example());
        assert!(fields.is_empty());
    }
}
