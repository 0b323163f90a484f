//! Properties of the engine over random scenarios (proptest).

use proptest::prelude::*;
use quota_planner::engine::example::example;
use quota_planner::engine::plan::{hold_node, Level, Plan};
use quota_planner::engine::target::{growth_from_target, resolve, target_from_growth};
use quota_planner::engine::*;

/// (bases of each enterprise, investments of each of its projects), per industry.
type Shape = Vec<Vec<(f64, Vec<f64>)>>;

fn base_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(0.0),
        8 => 0.001f64..500.0,
    ]
}

fn shape() -> impl Strategy<Value = Shape> {
    prop::collection::vec(
        prop::collection::vec(
            (base_value(), prop::collection::vec(0.0f64..20.0, 0..3)),
            0..7,
        ),
        1..5,
    )
}

fn shares() -> impl Strategy<Value = [f64; 4]> {
    (1u32..10_000, 1u32..10_000, 1u32..10_000, 1u32..10_000).prop_map(|(a, b, c, d)| {
        let total = f64::from(a + b + c + d);
        let s1 = f64::from(a) / total;
        let s2 = f64::from(b) / total;
        let s3 = f64::from(c) / total;
        [s1, s2, s3, 1.0 - s1 - s2 - s3]
    })
}

fn method() -> impl Strategy<Value = SplitRule> {
    (
        prop_oneof![
            Just(SplitMethod::Proportional),
            Just(SplitMethod::Equal),
            Just(SplitMethod::Manual)
        ],
        any::<bool>(),
    )
        .prop_map(|(method, spread_gap)| SplitRule { method, spread_gap })
}

/// A random valid scenario built on the example's county figures.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        shape(),
        shares(),
        1.0f64..10_000.0,
        -0.5f64..3.0,
        2000i32..2100,
        method(),
        any::<bool>(),
        prop::collection::vec(0.0f64..1.0, 64),
    )
        .prop_map(|(shape, shares, base, growth, year, rule, wan, noise)| {
            let mut s = example();
            s.plan_year = year;
            s.quarter_shares = shares;
            s.tree_unit = if wan { AmountUnit::Wan } else { AmountUnit::Yi };
            s.indicators[0].base_actual = base;
            s.indicators[0].target = TargetSpec::Growth(growth);
            s.tree = Tree {
                rule,
                industries: Vec::new(),
            };
            let mut id = 0;
            let mut k = 0;
            let mut next_noise = || {
                k += 1;
                noise[k % noise.len()]
            };
            for (i, enterprises) in shape.into_iter().enumerate() {
                id += 1;
                let mut industry = Industry {
                    node: NodeData {
                        id,
                        name: format!("行业{i}"),
                        ..NodeData::default()
                    },
                    rule,
                    enterprises: Vec::new(),
                };
                for (e, (output, investments)) in enterprises.into_iter().enumerate() {
                    id += 1;
                    let node = NodeData {
                        id,
                        name: format!("企业{i}-{e}"),
                        base: Values::default()
                            .with(Indicator::Output, output)
                            .with(Indicator::ValueAdded, output * 0.25)
                            .with(Indicator::Revenue, output * 0.95)
                            .with(Indicator::Profit, output * 0.02)
                            .with(Indicator::Tax, output * 0.03),
                        manual_share: Some(next_noise()),
                        ..NodeData::default()
                    };
                    let projects = investments
                        .into_iter()
                        .enumerate()
                        .map(|(p, inv)| {
                            id += 1;
                            Project {
                                node: NodeData {
                                    id,
                                    name: format!("项目{i}-{e}-{p}"),
                                    base: Values::default().with(Indicator::Investment, inv),
                                    ..NodeData::default()
                                },
                            }
                        })
                        .collect();
                    industry.enterprises.push(Enterprise {
                        node,
                        rule,
                        projects,
                    });
                }
                s.tree.industries.push(std::sync::Arc::new(industry));
            }
            with_commitments(s, &noise)
        })
}

/// Give some enterprises a commitment below their top-down quota, so that a spread gap is
/// never negative and the scenario stays valid (holds added later only shrink quotas).
fn with_commitments(mut s: Scenario, noise: &[f64]) -> Scenario {
    let Ok(p) = plan(&s) else { return s };
    for (n, info) in p.nodes.iter().enumerate() {
        let r = noise[n % noise.len()];
        if info.level != Level::Enterprise || r > 0.3 {
            continue;
        }
        let quota = p.figures(n, Indicator::Output).unwrap().quota;
        let (i, e) = (info.path.industry.unwrap(), info.path.enterprise.unwrap());
        s.tree.industry_mut(i).enterprises[e]
            .node
            .commitment
            .set(Indicator::Output, Some(quota * (0.5 + r)));
    }
    s
}

/// Hold some nodes at a fraction of their current quota, leaving one free child in each
/// group; a hold that would make the scenario invalid (its held parent shrank, commitments
/// now exceed what is left) is not kept, so the scenario stays valid.
fn with_holds(mut s: Scenario, picks: &[(usize, f64)]) -> Scenario {
    for &(pick, fraction) in picks {
        let Ok(p) = plan(&s) else { return s };
        let node = pick % p.nodes.len();
        let info = p.nodes[node];
        let Some(parent) = info.parent else { continue };
        let free_left = p
            .children(parent as usize)
            .filter(|&c| c != node && !is_held(&s, p.nodes[c].id, Indicator::Output))
            .count();
        if free_left == 0 || info.level == Level::Project {
            continue;
        }
        let quota = p.figures(node, Indicator::Output).unwrap().quota;
        // Rounded down to 0.01万元, as a planner would type it.
        let amount = (quota * fraction * 1e6).floor() / 1e6;
        let mut candidate = s.clone();
        hold_node(&mut candidate, info.id, Indicator::Output, Some(amount));
        if plan(&candidate).is_ok() {
            s = candidate;
        }
    }
    s
}

fn is_held(s: &Scenario, id: u64, k: Indicator) -> bool {
    let mut s = s.clone();
    quota_planner::engine::plan::node_mut(&mut s, id)
        .map(|n| n.held.get(k).is_some())
        .unwrap_or(false)
}

/// Every parent's children add up to it, in each rounded family.
fn check_sums(p: &Plan) -> Result<(), TestCaseError> {
    for ip in &p.indicators {
        let quarters: i64 = ip.quarters.iter().map(|q| q.amount_units).sum();
        prop_assert_eq!(quarters, ip.target_units, "quarters of {:?}", ip.indicator);
    }
    for split in &p.splits {
        for node in 0..p.nodes.len() {
            let Some(parent) = p.figures(node, split.indicator) else {
                continue;
            };
            let children: Vec<_> = p
                .children(node)
                .filter_map(|c| p.figures(c, split.indicator))
                .collect();
            if children.is_empty() {
                continue;
            }
            let sum = |f: fn(&&quota_planner::engine::plan::NodeFigures) -> i64| -> i64 {
                children.iter().map(f).sum()
            };
            prop_assert_eq!(sum(|c| c.quota_units), parent.quota_units);
            prop_assert_eq!(sum(|c| c.q1_units), parent.q1_units);
            prop_assert_eq!(sum(|c| c.daily_q1_units), parent.daily_q1_units);
            if parent.quota > 0.0 {
                prop_assert_eq!(sum(|c| c.share_units), 10_000, "shares of siblings");
            }
            let exact: f64 = children.iter().map(|c| c.quota).sum();
            prop_assert!(
                (exact - parent.quota).abs() <= 1e-9 * parent.quota.abs().max(1.0),
                "exact children {} vs parent {}",
                exact,
                parent.quota
            );
        }
    }
    Ok(())
}

/// Largest remainder the slow, obvious way (a full stable sort), to check the fast one.
fn largest_remainder_reference(total: i64, exact: &[f64], scale: f64, pinned: &[bool]) -> Vec<i64> {
    let scaled: Vec<f64> = exact.iter().map(|x| x * scale).collect();
    let mut units: Vec<i64> = scaled
        .iter()
        .map(|&y| {
            let near = quota_planner::engine::format::round_scaled(y);
            if (y - near).abs() <= 1e-9 * y.abs().max(1.0) {
                near as i64
            } else {
                y.floor() as i64
            }
        })
        .collect();
    let rem: Vec<f64> = scaled
        .iter()
        .zip(&units)
        .map(|(y, u)| y - *u as f64)
        .collect();
    let n = exact.len() as i64;
    let mut missing = total - units.iter().sum::<i64>();
    let pin = |i: usize| pinned.get(i).copied().unwrap_or(false);
    let mut order: Vec<usize> = (0..exact.len()).collect();
    if missing > 0 {
        let rounds = missing / n;
        units.iter_mut().for_each(|u| *u += rounds);
        missing -= rounds * n;
        order.sort_by(|&a, &b| pin(a).cmp(&pin(b)).then(rem[b].total_cmp(&rem[a])));
        for &i in order.iter().take(missing as usize) {
            units[i] += 1;
        }
    } else if missing < 0 {
        let rounds = (-missing) / n;
        units.iter_mut().for_each(|u| *u -= rounds);
        missing += rounds * n;
        order.sort_by(|&a, &b| pin(a).cmp(&pin(b)).then(rem[a].total_cmp(&rem[b])));
        let positive = order.iter().copied().filter(|&i| units[i] > 0);
        let rest = order.iter().copied().filter(|&i| units[i] <= 0);
        let chosen: Vec<usize> = positive.chain(rest).take((-missing) as usize).collect();
        for i in chosen {
            units[i] -= 1;
        }
    }
    units
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn largest_remainder_equals_the_full_sort_reference(
        values in prop::collection::vec(prop_oneof![0.0f64..1000.0, Just(0.125), Just(0.5), Just(2.5)], 1..40),
        pinned in prop::collection::vec(any::<bool>(), 0..40),
        offset in -60i64..60,
    ) {
        let total = (values.iter().sum::<f64>() * 100.0).round() as i64 + offset;
        let fast = quota_planner::engine::round::largest_remainder_scaled(total, &values, 100.0, &pinned);
        prop_assert_eq!(fast.iter().sum::<i64>(), total);
        prop_assert_eq!(fast, largest_remainder_reference(total, &values, 100.0, &pinned));
    }

    #[test]
    fn rounded_children_always_add_up_to_the_rounded_parent(
        s in scenario(),
        picks in prop::collection::vec((0usize..1000, 0.0f64..1.0), 0..6),
    ) {
        let s = with_holds(s, &picks);
        let p = plan(&s).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!(p.all_finite());
        check_sums(&p)?;
    }

    #[test]
    fn holds_are_kept_exactly(
        s in scenario(),
        picks in prop::collection::vec((0usize..1000, 0.0f64..1.0), 1..6),
    ) {
        let s = with_holds(s, &picks);
        let p = plan(&s).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        for (i, info) in p.nodes.iter().enumerate() {
            let Some(node) = quota_planner::engine::plan::node_at(&s, &info.path) else { continue };
            if let Some(held) = node.held.get(Indicator::Output) {
                let f = p.figures(i, Indicator::Output).unwrap();
                prop_assert!(f.held);
                prop_assert_eq!(f.quota, held);
            }
        }
    }

    #[test]
    fn target_growth_target_round_trips(base in 0.01f64..1e6, growth in -0.99f64..10.0) {
        let (target, g) = resolve(base, TargetSpec::Growth(growth)).unwrap();
        prop_assert_eq!(g, Some(growth));
        let back = growth_from_target(base, target).unwrap();
        prop_assert!((back - growth).abs() <= 1e-12 * growth.abs().max(1.0));
        let again = target_from_growth(base, back);
        prop_assert!((again - target).abs() <= 1e-12 * target.abs().max(1.0));
    }

    #[test]
    fn scaling_every_amount_by_k_scales_every_quota_by_k(s in scenario(), k in 0.01f64..100.0) {
        let p = plan(&s).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let mut scaled = s.clone();
        for input in &mut scaled.indicators {
            input.base_actual *= k;
            input.last_year_plan = input.last_year_plan.map(|x| x * k);
            input.base_quarters = input.base_quarters.map(|q| q.map(|x| x * k));
            if let TargetSpec::Amount(t) = &mut input.target {
                *t *= k;
            }
        }
        let scale_values = |v: &mut Values| {
            for i in Indicator::ALL {
                v.set(i, v.get(i).map(|x| x * k));
            }
        };
        for industry in scaled.tree.industries_mut() {
            scale_values(&mut industry.node.base);
            scale_values(&mut industry.node.commitment);
            for e in &mut industry.enterprises {
                scale_values(&mut e.node.base);
                scale_values(&mut e.node.commitment);
                for pr in &mut e.projects {
                    scale_values(&mut pr.node.base);
                }
            }
        }
        let q = plan(&scaled).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        for (a, b) in p.indicators.iter().zip(&q.indicators) {
            prop_assert!((b.target - k * a.target).abs() <= 1e-9 * (k * a.target).abs().max(1.0));
        }
        for (sa, sb) in p.splits.iter().zip(&q.splits) {
            for (fa, fb) in sa.figures.iter().zip(&sb.figures) {
                let want = k * fa.quota;
                prop_assert!(
                    (fb.quota - want).abs() <= 1e-9 * want.abs().max(1.0),
                    "{:?}: {} vs {}", sa.indicator, fb.quota, want
                );
            }
        }
    }

    #[test]
    fn serde_round_trip(s in scenario()) {
        let json = serde_json::to_string(&s).unwrap();
        let back: Scenario = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, s);
    }

    #[test]
    fn a_random_invalid_scenario_yields_errors_never_a_panic(
        s in scenario(),
        poke in prop::collection::vec((0usize..12, prop_oneof![
            Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY),
            Just(-1.0), Just(0.0), Just(1e308), -1e6f64..1e6,
        ]), 1..6),
    ) {
        let mut s = s;
        for (field, value) in poke {
            match field {
                0 => s.indicators[0].base_actual = value,
                1 => s.indicators[0].target = TargetSpec::Amount(value),
                2 => s.indicators[0].target = TargetSpec::Growth(value),
                3 => s.indicators[1].target = TargetSpec::Multiple(value),
                4 => s.quarter_shares[0] = value,
                5 => {
                    if let Some(i) = s.tree.industries.first_mut().map(std::sync::Arc::make_mut) {
                        i.node.held.set(Indicator::Output, Some(value));
                    }
                }
                6 => {
                    if let Some(e) = s.tree.industries.first_mut().map(std::sync::Arc::make_mut).and_then(|i| i.enterprises.first_mut()) {
                        e.node.base.set(Indicator::Output, Some(value));
                    }
                }
                7 => if let Some(g) = s.gdp.as_mut() { g.gdp_base = value },
                8 => if let Some(f) = s.five_year.as_mut() { f.base = value; f.end_year = f.base_year },
                9 => s.sales_ratio_target = Some(value),
                10 => s.fleet_threshold = Some(value),
                _ => s.tree.industries.clear(),
            }
        }
        match plan(&s) {
            Ok(p) => prop_assert!(p.all_finite()),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                prop_assert!(errors.iter().any(|e| e.is_error()));
            }
        }
    }
}

/// Every node id of the tree, in order.
fn node_ids(s: &Scenario) -> Vec<u64> {
    let mut ids = Vec::new();
    for i in &s.tree.industries {
        ids.push(i.node.id);
        for e in &i.enterprises {
            ids.push(e.node.id);
            ids.extend(e.projects.iter().map(|p| p.node.id));
        }
    }
    ids
}

/// One edit of the kinds the user makes, aimed by `pick` and sized by `value`.
fn apply_edit(s: &mut Scenario, kind: u8, pick: usize, value: f64) {
    let ids = node_ids(s);
    let id = if ids.is_empty() {
        0
    } else {
        ids[pick % ids.len()]
    };
    let k = s.indicators[pick % s.indicators.len()].indicator;
    match kind {
        0 => {
            plan::set_target(s, k, TargetSpec::Amount(value));
        }
        1 => s.indicators[0].target = TargetSpec::Growth(value / 1000.0 - 0.2),
        2 => s.quarter_shares = [0.1, 0.2, 0.3, 0.4],
        3 => {
            hold_node(s, id, k, Some(value / 100.0));
        }
        4 => {
            hold_node(s, id, k, None);
        }
        5 => {
            if let Some(node) = plan::node_mut(s, id) {
                node.base.set(k, Some(value / 10.0));
            }
        }
        6 => {
            if let Some(node) = plan::node_mut(s, id) {
                node.name.push('改');
            }
        }
        7 => {
            edit::add_child(s, id, "新增".into());
        }
        8 => {
            edit::remove(s, id);
        }
        9 => {
            s.tree_unit = match s.tree_unit {
                AmountUnit::Yi => AmountUnit::Wan,
                AmountUnit::Wan => AmountUnit::Yi,
            }
        }
        10 => s.quarter_days = Some([80, 91, 92, 92]),
        11 => s.tree.rule.spread_gap = !s.tree.rule.spread_gap,
        12 => {
            edit::move_among_siblings(s, id, pick.is_multiple_of(2));
        }
        13 => {
            if let Some(rule) = edit::rule_mut(s, Some(id)) {
                rule.method = match rule.method {
                    SplitMethod::Proportional => SplitMethod::Equal,
                    SplitMethod::Equal => SplitMethod::Manual,
                    SplitMethod::Manual => SplitMethod::Proportional,
                };
            }
        }
        14 => {
            if let Some(node) = plan::node_mut(s, id) {
                node.manual_share = Some(value / 5_000.0);
            }
        }
        _ => {
            if let Some(c) = s.indicators.get_mut(pick % 3) {
                c.base_actual = value;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Reusing the last plan never changes a figure: along a random run of edits, each plan
    /// made from the last good one equals the plan made from nothing.
    #[test]
    fn a_plan_made_after_an_edit_equals_a_plan_made_from_scratch(
        s in scenario(),
        steps in prop::collection::vec(
            prop::collection::vec((0u8..16, any::<usize>(), 0.0f64..5_000.0), 1..4),
            1..8,
        ),
    ) {
        let mut last_good: Option<(Scenario, Plan)> = plan(&s).ok().map(|p| (s.clone(), p));
        let mut s = s;
        // A step is one or more edits between two plans (as a paste applies several).
        for edits in steps {
            for (kind, pick, value) in edits {
                apply_edit(&mut s, kind, pick, value);
            }
            let fresh = plan(&s);
            let reused = plan_after(last_good.as_ref().map(|(b, p)| (b, p)), &s);
            prop_assert_eq!(&reused, &fresh);
            if let Ok(p) = reused {
                last_good = Some((s.clone(), p));
            }
        }
    }
}

#[test]
fn an_edit_of_one_target_re_splits_that_indicator_only() {
    let mut s = example();
    let before = plan(&s).unwrap();
    let before_s = s.clone();
    plan::set_target(&mut s, Indicator::Output, TargetSpec::Amount(400.0));
    let after = plan_after(Some((&before_s, &before)), &s).unwrap();
    assert_reuses_all_but_output(&before, &after);
    assert_eq!(after, plan(&s).unwrap());

    // A hold inside the tree copies one industry; the tree keeps its shape, so the node list
    // is reused and only the held indicator is split again.
    let before_s = s.clone();
    let id = s.tree.industries[1].enterprises[0].node.id;
    hold_node(&mut s, id, Indicator::Output, Some(1.0));
    assert!(std::sync::Arc::ptr_eq(
        &before_s.tree.industries[0],
        &s.tree.industries[0]
    ));
    assert!(!std::sync::Arc::ptr_eq(
        &before_s.tree.industries[1],
        &s.tree.industries[1]
    ));
    let again = plan_after(Some((&before_s, &after)), &s).unwrap();
    assert_reuses_all_but_output(&after, &again);
    assert_eq!(again, plan(&s).unwrap());
}

/// `after` shares `before`'s node list and every split but gross output's.
fn assert_reuses_all_but_output(before: &Plan, after: &Plan) {
    assert!(std::sync::Arc::ptr_eq(&before.nodes, &after.nodes));
    for (a, b) in before.splits.iter().zip(&after.splits) {
        let reused = std::sync::Arc::ptr_eq(a, b);
        assert_eq!(
            reused,
            a.indicator != Indicator::Output,
            "{:?}",
            a.indicator
        );
    }
}
