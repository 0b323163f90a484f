//! Scenarios as read from a file or the store, as this version keeps them.
//!
//! Format 1 kept doubles: a typed 0.3 could come back as 0.30000000000000004, and shares set
//! from last year's pattern added up to 100% only within a double's noise; a file written by
//! another tool may carry numbers like these in any format. Read as the decimals their
//! numbers spell ([`crate::num::from_legacy_double`]), amounts are rounded to the yuan and
//! rates to 0.0001% (what a planner can type), and four quarter shares within 0.0001% of
//! 100% are made to add up exactly (the largest takes the difference). A value already within
//! those places is left exactly as it is.

use super::indicator::{Indicator, SparseValues, Values};
use super::num::{Dec, AMOUNT_PLACES, RATE_PLACES};
use super::scenario::{NodeData, Scenario, TargetSpec, SCHEMA_VERSION};

fn amount(x: &mut Dec) {
    *x = x.round(AMOUNT_PLACES);
}

fn rate(x: &mut Dec) {
    *x = x.round(RATE_PLACES);
}

fn target(spec: &mut TargetSpec) {
    match spec {
        TargetSpec::Amount(x) => amount(x),
        TargetSpec::Growth(x) | TargetSpec::Multiple(x) => rate(x),
    }
}

fn values(v: &mut Values) {
    for k in Indicator::ALL {
        if let Some(mut x) = v.get(k) {
            amount(&mut x);
            v.set(k, Some(x));
        }
    }
}

fn sparse(v: &mut SparseValues) {
    for k in Indicator::ALL {
        if let Some(mut x) = v.get(k) {
            amount(&mut x);
            v.set(k, Some(x));
        }
    }
}

fn node(n: &mut NodeData) {
    values(&mut n.base);
    sparse(&mut n.commitment);
    sparse(&mut n.held);
    if let Some(m) = &mut n.manual_share {
        rate(m);
    }
}

/// Four shares that add up to within 0.0001% of 100% after rounding: the largest takes the
/// difference.
fn shares(s: &mut [Dec; 4]) {
    s.iter_mut().for_each(rate);
    let sum: Dec = s.iter().sum();
    let off = Dec::ONE - sum;
    if !off.is_zero() && off.abs() <= Dec::new(1, RATE_PLACES).unwrap_or(Dec::ZERO) {
        if let Some(largest) = (0..4).max_by_key(|&q| s[q]) {
            s[largest] += off;
        }
    }
}

/// Bring a scenario read from text up to this format.
pub fn upgrade(s: &mut Scenario) {
    shares(&mut s.quarter_shares);
    for input in &mut s.indicators {
        amount(&mut input.base_actual);
        if let Some(p) = &mut input.last_year_plan {
            amount(p);
        }
        if let Some(q) = &mut input.base_quarters {
            q.iter_mut().for_each(amount);
        }
        target(&mut input.target);
        if let Some(q) = &mut input.quarter_shares {
            shares(q);
        }
    }
    if let Some(g) = &mut s.gdp {
        amount(&mut g.gdp_base);
        amount(&mut g.industry_va_base);
        target(&mut g.gdp_target);
        target(&mut g.industry_va_target);
        if let Some(x) = &mut g.target_share {
            rate(x);
        }
    }
    if let Some(f) = &mut s.five_year {
        amount(&mut f.base);
        target(&mut f.target);
        if let Some(x) = &mut f.gdp_base {
            amount(x);
        }
        for x in [&mut f.gdp_growth, &mut f.target_share]
            .into_iter()
            .flatten()
        {
            rate(x);
        }
    }
    for x in [&mut s.sales_ratio_target, &mut s.projects.q1_start_rate]
        .into_iter()
        .flatten()
    {
        rate(x);
    }
    if let Some(t) = &mut s.fleet_threshold {
        amount(t);
    }
    for p in &mut s.parks {
        rate(&mut p.share_target);
        if let Some(b) = &mut p.base_output {
            amount(b);
        }
    }
    s.tree.for_each_node_mut(node);
    s.schema_version = s.schema_version.max(SCHEMA_VERSION);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;

    #[test]
    fn a_format_1_scenario_with_doubles_reads_as_the_decimals_typed() {
        // As version 1 stored the example, with a double's noise in a share and an amount.
        let mut json = serde_json::to_value(example()).unwrap();
        json["schema_version"] = 1.into();
        json["quarter_shares"] = serde_json::from_str::<serde_json::Value>(
            "[0.22, 0.25, 0.26000000000000001, 0.26999999999999996]",
        )
        .unwrap();
        json["indicators"][0]["base_actual"] = serde_json::json!(300.00000000000006);
        json["indicators"][0]["target"] = serde_json::json!({"by": "growth", "value": 0.1});
        let text = serde_json::to_string(&json).unwrap();
        let mut s: Scenario = serde_json::from_str(&text).unwrap();
        upgrade(&mut s);
        let want = example();
        assert_eq!(s.schema_version, SCHEMA_VERSION);
        assert_eq!(s.quarter_shares, want.quarter_shares);
        assert_eq!(s.indicators[0].base_actual, want.indicators[0].base_actual);
        assert_eq!(s, want);
        assert!(crate::plan(&s).is_ok());
    }

    #[test]
    fn shares_a_hair_off_are_made_whole_and_others_left_for_the_planner() {
        let d = |x: &str| x.parse::<Dec>().unwrap();
        let mut near = [d("0.333333"), d("0.333333"), d("0.333333"), d("0")];
        shares(&mut near);
        assert_eq!(near.iter().sum::<Dec>(), Dec::ONE);
        let mut off = [d("0.3"), d("0.3"), d("0.3"), d("0")];
        shares(&mut off);
        assert_eq!(off.iter().sum::<Dec>(), d("0.9"));
    }
}
