//! Properties of the engine over random scenarios (proptest), and every shown figure checked
//! against an independent exact oracle (`num-rational`): amounts from one yuan to 10⁹亿元,
//! in 亿元 and in 万元.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use proptest::prelude::*;
use quota_engine::edit::{self, hold_node, set_target};
use quota_engine::example::example;
use quota_engine::num::{Dec, Step};
use quota_engine::plan::{Family, Level, NodeFigures, Plan};
use quota_engine::round::{largest_remainder_exact, Candidate, Rounder};
use quota_engine::target::{growth_from_target, resolve, target_from_growth};
use quota_engine::*;

/// Cases of the oracle property in `make test` (`QP_ORACLE_CASES` for more, as `make fuzz`).
fn oracle_cases() -> u32 {
    std::env::var("QP_ORACLE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// A decimal of up to eight significant digits from one yuan (10⁻⁸亿元) to 10⁹亿元, with at
/// most eight places: as a planner could type it.
fn amount() -> impl Strategy<Value = Dec> {
    prop_oneof![
        1 => Just(Dec::ZERO),
        // digits × 10^(shift − 8): one yuan up to just below 10⁹亿元, at most eight places.
        12 => (1i128..100_000_000, 0u32..=9)
            .prop_map(|(digits, shift)| Dec::from_raw(digits * 10i128.pow(shift + 12))),
    ]
}

/// A rate with at most six places in [lo, hi] (millionths).
fn rate(lo: i128, hi: i128) -> impl Strategy<Value = Dec> {
    (lo..=hi).prop_map(|m| Dec::new(m, 6).unwrap())
}

/// Four quarterly shares in millionths that add up to exactly 100%.
fn shares() -> impl Strategy<Value = [Dec; 4]> {
    (1i128..10_000, 1i128..10_000, 1i128..10_000, 1i128..10_000).prop_map(|(a, b, c, d)| {
        let total = a + b + c + d;
        let part = |x: i128| x * 1_000_000 / total;
        let (s1, s2, s3) = (part(a), part(b), part(c));
        [s1, s2, s3, 1_000_000 - s1 - s2 - s3].map(|m| Dec::new(m, 6).unwrap())
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

/// (output base, value-added base, investments of its projects, manual share), per
/// enterprise, per industry.
type Shape = Vec<Vec<(Dec, Dec, Vec<Dec>, Dec)>>;

fn shape() -> impl Strategy<Value = Shape> {
    prop::collection::vec(
        prop::collection::vec(
            (
                amount(),
                amount(),
                prop::collection::vec(amount(), 0..3),
                rate(0, 1_000_000),
            ),
            0..6,
        ),
        1..4,
    )
}

/// A random valid scenario on the example's county figures: gross output and value added
/// split down the tree, investment down to projects.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        shape(),
        shares(),
        amount().prop_filter("a base", |b| b.is_positive()),
        rate(-990_000, 10_000_000),
        2000i32..2100,
        method(),
        any::<bool>(),
        prop::collection::vec(rate(0, 1_000_000), 8),
    )
        .prop_map(|(shape, shares, base, growth, year, rule, wan, noise)| {
            let s = build(shape, shares, base, growth, year, rule, wan, &noise);
            // Commitments above what a group gets make a spread gap negative: an error the
            // planner must fix, not a case to plan.
            if plan(&s).is_ok() {
                s
            } else {
                without_commitments(s)
            }
        })
}

#[allow(clippy::too_many_arguments)]
fn build(
    shape: Shape,
    shares: [Dec; 4],
    base: Dec,
    growth: Dec,
    year: i32,
    rule: SplitRule,
    wan: bool,
    noise: &[Dec],
) -> Scenario {
    let mut s = example();
    s.plan_year = year;
    s.quarter_shares = shares;
    s.tree_unit = if wan { AmountUnit::Wan } else { AmountUnit::Yi };
    s.indicators.retain(|i| {
        matches!(
            i.indicator,
            Indicator::Output | Indicator::ValueAdded | Indicator::Investment
        )
    });
    s.indicators[0].base_actual = base;
    s.indicators[0].target = TargetSpec::Growth(growth);
    s.indicators[1].base_actual = base;
    s.indicators[1].target = TargetSpec::Amount(base);
    s.fleet_threshold = Some(
        base.mul_ratio(1, 7)
            .unwrap()
            .round(8)
            .max(Dec::new(1, 8).unwrap()),
    );
    s.tree = Tree {
        rule,
        industries: Vec::new(),
    };
    let mut id = 0;
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
        for (e, (output, va, investments, manual)) in enterprises.into_iter().enumerate() {
            id += 1;
            let node = NodeData {
                id,
                name: format!("企业{i}-{e}"),
                base: Values::default()
                    .with(Indicator::Output, output)
                    .with(Indicator::ValueAdded, va),
                manual_share: Some(manual),
                // Some commitments, below what a proportional split would give.
                commitment: if noise[(id as usize) % noise.len()] < Dec::new(3, 1).unwrap() {
                    SparseValues::default()
                        .with(Indicator::ValueAdded, va.mul_ratio(1, 2).unwrap().round(8))
                } else {
                    SparseValues::default()
                },
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
    s
}

fn without_commitments(mut s: Scenario) -> Scenario {
    for industry in s.tree.industries_mut() {
        for e in &mut industry.enterprises {
            e.node.commitment = SparseValues::default();
        }
    }
    s
}

/// Hold some nodes at part of their quota (kept to the yuan), leaving a free child in each
/// group; a hold that would make the scenario invalid is not kept.
fn with_holds(mut s: Scenario, picks: &[(usize, u32)]) -> Scenario {
    for &(pick, percent) in picks {
        let Ok(p) = plan(&s) else { return s };
        let node = pick % p.nodes.len();
        let info = p.nodes[node];
        let Some(parent) = info.parent else { continue };
        let free_left = p
            .children(parent as usize)
            .filter(|&c| {
                c != node
                    && p.figures(c, Indicator::Output)
                        .is_some_and(|f| !f.is_held())
            })
            .count();
        if free_left == 0 || info.level == Level::Project {
            continue;
        }
        let quota = p.figures(node, Indicator::Output).unwrap().quota.lo;
        let amount = quota.mul_ratio(i128::from(percent), 100).unwrap();
        let amount = Dec::from_raw(amount.raw() - amount.raw().rem_euclid(10i128.pow(12)));
        let mut candidate = s.clone();
        hold_node(&mut candidate, info.id, Indicator::Output, Some(amount));
        if plan(&candidate).is_ok() {
            s = candidate;
        }
    }
    s
}

fn rat(d: Dec) -> BigRational {
    d.to_rational()
}

/// A child as the oracle sees it: basis, hold, commitment, manual share.
type OracleChild = (Dec, Option<Dec>, Option<Dec>, Option<Dec>);

/// The oracle: the decomposition's rules written again, on rationals, from docs/DOMAIN.md.
struct Oracle;

impl Oracle {
    /// Children's exact amounts.
    fn split(parent: &BigRational, rule: SplitRule, children: &[OracleChild]) -> Vec<BigRational> {
        let held: BigRational = children.iter().filter_map(|c| c.1).map(rat).sum();
        let free: Vec<usize> = (0..children.len())
            .filter(|&j| children[j].1.is_none())
            .collect();
        let weight = |method: SplitMethod, j: usize| -> BigRational {
            let c = &children[j];
            match method {
                SplitMethod::Proportional => rat(c.0.max(Dec::ZERO)),
                SplitMethod::Equal => BigRational::one(),
                SplitMethod::Manual => rat(c.3.unwrap_or(Dec::ZERO).max(Dec::ZERO)),
            }
        };
        let mut method = rule.method;
        let mut total: BigRational = free.iter().map(|&j| weight(method, j)).sum();
        if !total.is_positive() {
            method = SplitMethod::Equal;
            total = BigRational::from_integer(BigInt::from(free.len()));
        }
        let any_commitment = free.iter().any(|&j| children[j].2.is_some());
        let spread = rule.spread_gap && any_commitment;
        let committed: BigRational = free.iter().filter_map(|&j| children[j].2).map(rat).sum();
        children
            .iter()
            .enumerate()
            .map(|(j, c)| match c.1 {
                Some(h) => rat(h),
                None if spread => {
                    rat(c.2.unwrap_or(Dec::ZERO))
                        + (parent - &held - &committed) * weight(method, j) / &total
                }
                None => (parent - &held) * weight(method, j) / &total,
            })
            .collect()
    }

    /// Largest remainder as the user guide states it: floors, then one unit each to the
    /// largest remainders, never to a remainder of zero, held ones last, ties to the first.
    fn round(total: i64, values: &[BigRational], pinned: &[bool], step: Step) -> Vec<i64> {
        let step = BigRational::new(
            BigInt::from(step.raw()),
            BigInt::from(quota_engine::num::ONE_RAW),
        );
        let mut units = Vec::new();
        let mut rems = Vec::new();
        for v in values {
            let q = (v / &step).floor();
            rems.push(v / &step - &q);
            units.push(i64::try_from(q.to_integer()).unwrap());
        }
        let missing = total - units.iter().sum::<i64>();
        assert!(
            missing >= 0,
            "the parent shows less than the children's floors"
        );
        let mut order: Vec<usize> = (0..values.len())
            .filter(|&j| rems[j].is_positive())
            .collect();
        assert!(
            missing as usize <= order.len(),
            "more missing than remainders"
        );
        order.sort_by(|&a, &b| {
            pinned[a]
                .cmp(&pinned[b])
                .then(rems[b].cmp(&rems[a]))
                .then(a.cmp(&b))
        });
        for &j in order.iter().take(missing as usize) {
            units[j] += 1;
        }
        units
    }

    fn half_up(v: &BigRational, step: Step) -> i64 {
        quota_engine::num::rational_units(v, step)
    }
}

/// Every figure of the plan against the oracle.
fn check_with_oracle(s: &Scenario, p: &Plan) -> Result<(), TestCaseError> {
    let days = quota_engine::calendar::quarter_days(s.plan_year);
    for ip in &p.indicators {
        let input = s.indicator(ip.indicator).unwrap();
        let b = rat(input.base_actual);
        let t = match input.target {
            TargetSpec::Amount(t) => rat(t),
            TargetSpec::Growth(g) => &b * (BigRational::one() + rat(g)),
            TargetSpec::Multiple(m) => &b * rat(m),
        };
        prop_assert_eq!(rat(ip.target), t.clone(), "target of {:?}", ip.indicator);
        prop_assert_eq!(ip.target_units, Oracle::half_up(&t, Step::YI_2));
        let shares = input.quarter_shares.unwrap_or(s.quarter_shares);
        let quarters: Vec<BigRational> = shares.iter().map(|x| &t * rat(*x)).collect();
        let units = Oracle::round(ip.target_units, &quarters, &[false; 4], Step::YI_2);
        for q in 0..4 {
            prop_assert_eq!(ip.quarters[q].amount_units, units[q]);
            let daily = &quarters[q] / BigRational::from_integer(BigInt::from(days[q]));
            prop_assert_eq!(
                ip.quarters[q].daily_units,
                Oracle::half_up(&daily, Step::WAN_2)
            );
        }
        if let Some(g) = ip.growth {
            if b.is_positive() {
                let want = Oracle::half_up(&(&t / &b - BigRational::one()), Step::PERCENT_2);
                prop_assert_eq!(g.units(Step::PERCENT_2), want);
            }
        }
    }
    for split in &p.splits {
        let k = split.indicator;
        let ip = p.indicator(k).unwrap();
        let s1 = rat(ip.shares[0]);
        let q1_days = BigRational::from_integer(BigInt::from(p.quota_days[0]));
        let step = p.tree_precision.step();
        // Exact values down the tree, computed by the oracle alone.
        let mut exact: Vec<Option<BigRational>> = vec![None; p.nodes.len()];
        exact[0] = Some(rat(ip.target));
        for node in 0..p.nodes.len() {
            let Some(parent) = split.figures_of(node).copied() else {
                continue;
            };
            let children: Vec<usize> = p
                .children(node)
                .filter(|&c| split.figures_of(c).is_some())
                .collect();
            if children.is_empty() {
                continue;
            }
            let rule = match p.nodes[node].level {
                Level::County => s.tree.rule,
                _ => {
                    let path = p.nodes[node].path;
                    let industry = &s.tree.industries[path.industry.unwrap()];
                    match path.enterprise {
                        None => industry.rule,
                        Some(e) => industry.enterprises[e].rule,
                    }
                }
            };
            let inputs: Vec<_> = children
                .iter()
                .map(|&c| {
                    let f = split.figures_of(c).unwrap();
                    let data = s.node_at(&p.nodes[c].path).unwrap();
                    (
                        f.basis,
                        data.held.get(k),
                        data.commitment.get(k),
                        data.manual_share,
                    )
                })
                .collect();
            let parent_exact = exact[node].clone().unwrap();
            let values = Oracle::split(&parent_exact, rule, &inputs);
            let pinned: Vec<bool> = inputs.iter().map(|c| c.1.is_some()).collect();
            let figs: Vec<&NodeFigures> = children
                .iter()
                .map(|&c| split.figures_of(c).unwrap())
                .collect();
            let quota = Oracle::round(parent.quota_units, &values, &pinned, step);
            let q1v: Vec<BigRational> = values.iter().map(|x| x * &s1).collect();
            let parent_units = |f| split.units(&p.nodes, node, f).unwrap();
            let q1 = Oracle::round(
                parent_units(Family::Q1),
                &q1v,
                &[false; 64][..values.len()],
                step,
            );
            let dv: Vec<BigRational> = q1v.iter().map(|x| x / &q1_days).collect();
            let daily = Oracle::round(
                parent_units(Family::Daily),
                &dv,
                &[false; 64][..values.len()],
                Step::WAN_2,
            );
            let share_total = if parent_exact.is_positive() {
                10_000
            } else {
                0
            };
            let sv: Vec<BigRational> = values
                .iter()
                .map(|x| {
                    if parent_exact.is_positive() {
                        x / &parent_exact
                    } else {
                        BigRational::zero()
                    }
                })
                .collect();
            let shares = Oracle::round(
                share_total,
                &sv,
                &[false; 64][..values.len()],
                Step::PERCENT_2,
            );
            for (j, &c) in children.iter().enumerate() {
                let f = figs[j];
                let units = |family| split.units(&p.nodes, c, family).unwrap();
                prop_assert_eq!(
                    (
                        f.quota_units,
                        units(Family::Q1),
                        units(Family::Daily),
                        units(Family::Share)
                    ),
                    (quota[j], q1[j], daily[j], shares[j]),
                    "{:?} node {} of {}",
                    k,
                    c,
                    node
                );
                // The engine's own exact value agrees, and its carried bound holds it.
                let engine_exact = split.exact_quota(&p.nodes, c).unwrap();
                prop_assert_eq!(&engine_exact, &values[j]);
                let lo = rat(f.quota.lo);
                let hi = rat(Dec::from_raw(f.quota.lo.raw() + i128::from(f.quota.err)));
                prop_assert!(
                    lo <= values[j] && (f.quota.err == 0 && lo == values[j] || values[j] < hi)
                );
                if values[j].is_zero() {
                    prop_assert_eq!(
                        (
                            f.quota_units,
                            units(Family::Q1),
                            units(Family::Daily),
                            units(Family::Share)
                        ),
                        (0, 0, 0, 0)
                    );
                }
                if let Some(h) = inputs[j].1 {
                    prop_assert_eq!(&values[j], &rat(h), "a hold is kept exactly");
                }
                exact[c] = Some(values[j].clone());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: oracle_cases(), ..ProptestConfig::default() })]

    /// Every shown figure is the half-up rounding of its exact value, or, where siblings must
    /// add up, the largest-remainder rounding of the exact values; zero stays zero; holds are
    /// exact.
    #[test]
    fn every_figure_matches_the_exact_oracle(
        s in scenario(),
        picks in prop::collection::vec((0usize..1000, 1u32..100), 0..4),
    ) {
        let s = with_holds(s, &picks);
        let p = plan(&s).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        check_with_oracle(&s, &p)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The carried-value rounding agrees with rounding the exact values whenever it decides.
    #[test]
    fn the_fast_rounding_agrees_with_the_exact_one(
        raw in prop::collection::vec((0i128..10_000_000, 0u32..3), 1..40),
        pinned in prop::collection::vec(any::<bool>(), 40),
        offset in 0i64..3,
    ) {
        // Values with a few places, some carried with an error of one or two.
        let values: Vec<Dec> = raw.iter().map(|(m, _)| Dec::new(*m, 5).unwrap()).collect();
        let floors: i64 = values.iter().map(|v| v.floor_units(Step::YI_2).0).sum();
        let positive = values.iter().filter(|v| v.floor_units(Step::YI_2).1 > 0).count() as i64;
        let total = floors + offset.min(positive);
        let candidates: Vec<Candidate> = values
            .iter()
            .enumerate()
            .map(|(j, v)| Candidate::exact(*v, Step::YI_2, pinned[j], (j as i128, 0)))
            .collect();
        let mut fast = Vec::new();
        Rounder::default().round(total, &candidates, &mut fast).unwrap();
        let exact: Vec<BigRational> = values.iter().map(|v| v.to_rational()).collect();
        prop_assert_eq!(&fast, &largest_remainder_exact(total, &exact, &pinned[..values.len()], Step::YI_2));
        prop_assert_eq!(fast.iter().sum::<i64>(), total);
    }

    #[test]
    fn target_growth_target_round_trips(base in rate(1, 1_000_000_000_000), growth in rate(-990_000, 10_000_000)) {
        let (target, g) = resolve(base, TargetSpec::Growth(growth)).unwrap();
        prop_assert_eq!(g, Some(growth));
        // Exact both ways: the growth of the target is the growth typed.
        prop_assert_eq!(growth_from_target(base, target), Some(growth));
        prop_assert_eq!(target_from_growth(base, growth), Some(target));
    }

    #[test]
    fn scaling_every_amount_by_ten_scales_every_quota_by_ten(s in scenario()) {
        let Ok(p) = plan(&s) else { return Ok(()) };
        let ten = |x: Dec| x.mul_ratio(10, 1).unwrap();
        let mut scaled = s.clone();
        for input in &mut scaled.indicators {
            input.base_actual = ten(input.base_actual);
            input.last_year_plan = input.last_year_plan.map(ten);
            input.base_quarters = input.base_quarters.map(|q| q.map(ten));
            if let TargetSpec::Amount(t) = &mut input.target {
                *t = ten(*t);
            }
        }
        let scale_values = |v: &mut Values| {
            for i in Indicator::ALL {
                v.set(i, v.get(i).map(ten));
            }
        };
        let scale_sparse = |v: &mut SparseValues| {
            for i in Indicator::ALL {
                let x = v.get(i).map(ten);
                v.set(i, x);
            }
        };
        for industry in scaled.tree.industries_mut() {
            scale_values(&mut industry.node.base);
            scale_sparse(&mut industry.node.commitment);
            for e in &mut industry.enterprises {
                scale_values(&mut e.node.base);
                scale_sparse(&mut e.node.commitment);
                for pr in &mut e.projects {
                    scale_values(&mut pr.node.base);
                }
            }
        }
        let Ok(q) = plan(&scaled) else { return Ok(()) };
        for (sa, sb) in p.splits.iter().zip(&q.splits) {
            for node in 0..p.nodes.len() {
                let (Some(a), Some(b)) = (sa.exact_quota(&p.nodes, node), sb.exact_quota(&q.nodes, node)) else { continue };
                prop_assert_eq!(a * BigRational::from_integer(BigInt::from(10)), b);
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
            Just(Dec::int(-1)), Just(Dec::ZERO), Just(Dec::from_raw(i128::MAX / 4)),
            Just(Dec::from_raw(1)), Just(Dec::int(2_000_000_000)), rate(-10_000_000, 10_000_000),
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
        if let Err(errors) = plan(&s) {
            prop_assert!(!errors.is_empty());
            prop_assert!(errors.iter().any(|e| e.is_error()));
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
fn apply_edit(s: &mut Scenario, kind: u8, pick: usize, value: u32) {
    let ids = node_ids(s);
    let id = if ids.is_empty() {
        0
    } else {
        ids[pick % ids.len()]
    };
    let k = s.indicators[pick % s.indicators.len()].indicator;
    let amount = Dec::new(i128::from(value), 2).unwrap();
    match kind {
        0 => {
            set_target(s, k, TargetSpec::Amount(amount));
        }
        1 => {
            s.indicators[0].target =
                TargetSpec::Growth(Dec::new(i128::from(value) - 200_000, 6).unwrap())
        }
        2 => s.quarter_shares = ["0.1", "0.2", "0.3", "0.4"].map(|x| x.parse().unwrap()),
        3 => {
            hold_node(s, id, k, Some(amount.mul_ratio(1, 100).unwrap()));
        }
        4 => {
            hold_node(s, id, k, None);
        }
        5 => {
            if let Some(node) = s.node_mut(id) {
                node.base.set(k, Some(amount.mul_ratio(1, 10).unwrap()));
            }
        }
        6 => {
            if let Some(node) = s.node_mut(id) {
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
            if let Some(node) = s.node_mut(id) {
                node.manual_share = Some(Dec::new(i128::from(value), 6).unwrap());
            }
        }
        _ => {
            if let Some(c) = s.indicators.get_mut(pick % 3) {
                c.base_actual = amount;
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
            prop::collection::vec((0u8..16, any::<usize>(), 0u32..500_000), 1..4),
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
    set_target(&mut s, Indicator::Output, TargetSpec::Amount(Dec::int(400)));
    let after = plan_after(Some((&before_s, &before)), &s).unwrap();
    assert_reuses_all_but_output(&before, &after);
    assert_eq!(after, plan(&s).unwrap());

    // A hold inside the tree copies one industry; the tree keeps its shape, so the node list
    // is reused and only the held indicator is split again.
    let before_s = s.clone();
    let id = s.tree.industries[1].enterprises[0].node.id;
    hold_node(&mut s, id, Indicator::Output, Some(Dec::ONE));
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

/// Damage of the kinds a stored or imported scenario can carry: values out of range, shares
/// that do not add up, repeated ids, holds beyond a parent, years out of range.
fn damage(s: &mut Scenario, kind: u8, pick: usize, value: u32) {
    let ids = node_ids(s);
    let id = if ids.is_empty() {
        0
    } else {
        ids[pick % ids.len()]
    };
    let at = pick % s.indicators.len();
    let k = s.indicators[at].indicator;
    let huge = Dec::int(2_000_000_000);
    let negative = -Dec::new(i128::from(value) + 1, 2).unwrap();
    match kind {
        0 => s.indicators[at].target = TargetSpec::Amount(huge),
        1 => s.indicators[at].base_actual = negative,
        2 => s.quarter_shares[pick % 4] = Dec::new(i128::from(value % 100), 2).unwrap(),
        3 => {
            if let Some(node) = s.node_mut(id) {
                node.held
                    .set(k, Some(Dec::new(i128::from(value), 0).unwrap()));
            }
        }
        4 => {
            if let Some(node) = s.node_mut(id) {
                node.base.set(k, Some(negative));
            }
        }
        5 => {
            if let (Some(&first), Some(node)) = (ids.first(), s.node_mut(id)) {
                node.id = first;
            }
        }
        6 => s.plan_year = 1000 + value as i32 % 2000,
        7 => s.quarter_days = Some([0, 91, 92, 92]),
        8 => {
            s.indicators[at].quarter_shares = Some([Dec::ONE; 4]);
        }
        9 => {
            if let Some(node) = s.node_mut(id) {
                node.commitment.set(k, Some(negative));
            }
        }
        _ => {
            if let Some(node) = s.node_mut(id) {
                node.manual_share = Some(negative);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the damage, a scenario with a tree opens to figures: its salvaged copy plans,
    /// sets aside fields only when the scenario itself does not plan, and keeps the tree's nodes.
    #[test]
    fn a_damaged_scenario_always_salvages_to_one_that_plans(
        s in scenario(),
        hits in prop::collection::vec((0u8..11, any::<usize>(), 0u32..5_000_000), 0..5),
    ) {
        let mut s = s;
        for (kind, pick, value) in hits {
            damage(&mut s, kind, pick, value);
        }
        let (copy, fields) = salvage::salvage(&s).ok_or_else(|| {
            TestCaseError::fail(format!("no copy that plans: {:?}", plan(&s).err()))
        })?;
        prop_assert!(plan(&copy).is_ok());
        prop_assert_eq!(fields.is_empty(), plan(&s).is_ok());
        prop_assert_eq!(node_ids(&copy).len(), node_ids(&s).len());
    }
}
