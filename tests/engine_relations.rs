//! One test per relation of DOMAIN.md, with values computed by hand.

use quota_planner::engine::example::example;
use quota_planner::engine::explain::{chain, explain, Figure};
use quota_planner::engine::plan::{
    hold_node, projects_to_start, share_for_quarter_amount, va_needed_for_share, Level,
};
use quota_planner::engine::*;

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} ≠ {b}");
}

/// The worked example of DOMAIN.md: base 300, growth 10%, Q1 22%, three enterprises
/// with base output 150, 100, 50 in one industry.
fn worked_example() -> Scenario {
    let mut s = example();
    s.indicators.retain(|i| i.indicator == Indicator::Output);
    s.indicators[0].target = TargetSpec::Growth(0.10);
    s.indicators[0].base_actual = 300.0;
    s.quarter_shares = [0.22, 0.25, 0.26, 0.27];
    s.tree_unit = AmountUnit::Yi;
    s.tree = Tree {
        rule: SplitRule::default(),
        industries: vec![std::sync::Arc::new(Industry {
            node: NodeData {
                id: 1,
                name: "制造业".into(),
                ..NodeData::default()
            },
            rule: SplitRule::default(),
            enterprises: [150.0, 100.0, 50.0]
                .iter()
                .enumerate()
                .map(|(i, &b)| Enterprise {
                    node: NodeData {
                        id: 10 + i as u64,
                        name: format!("企业{}", i + 1),
                        base: Values::default().with(Indicator::Output, b),
                        ..NodeData::default()
                    },
                    ..Enterprise::default()
                })
                .collect(),
        })],
    };
    s
}

fn enterprise_quotas(p: &Plan, k: Indicator) -> Vec<f64> {
    (0..p.nodes.len())
        .filter(|&n| p.nodes[n].level == Level::Enterprise)
        .map(|n| p.figures(n, k).unwrap().quota)
        .collect()
}

#[test]
fn worked_example_target_quarter_daily_and_time_progress() {
    let p = plan(&worked_example()).unwrap();
    let o = p.indicator(Indicator::Output).unwrap();
    close(o.target, 330.0);
    assert_eq!(o.target_units, 33_000);
    close(o.growth.unwrap(), 0.10);
    close(o.quarters[0].amount, 72.6);
    assert_eq!(o.quarters[0].amount_units, 7_260);
    // 72.60 / 90 = 0.80667亿 = 8,066.67万元 a day.
    close(o.quarters[0].daily, 72.6 / 90.0);
    assert_eq!(o.quarters[0].daily_units, 806_667);
    // 90 / 365 = 24.66%: a 22% task is 2.66 points behind time.
    close(o.quarters[0].time_progress, 90.0 / 365.0);
    assert_eq!(format::percent2(o.quarters[0].time_progress), "24.66%");
    assert_eq!(
        format::fixed(o.quarters[0].progress_gap * 100.0, 2),
        "-2.66"
    );
    assert_eq!(p.calendar_days, [90, 91, 92, 92]);
}

#[test]
fn worked_example_split_and_hold() {
    let mut s = worked_example();
    let p = plan(&s).unwrap();
    let quotas = enterprise_quotas(&p, Indicator::Output);
    for (q, want) in quotas.iter().zip([165.0, 110.0, 55.0]) {
        close(*q, want);
    }
    // Hold the second at 120: the others share 210 as 157.50 and 52.50.
    assert!(hold_node(&mut s, 11, Indicator::Output, Some(120.0)));
    let p = plan(&s).unwrap();
    let quotas = enterprise_quotas(&p, Indicator::Output);
    for (q, want) in quotas.iter().zip([157.5, 120.0, 52.5]) {
        close(*q, want);
    }
    let second = p.node_index(11).unwrap();
    assert!(p.figures(second, Indicator::Output).unwrap().held);
    assert_eq!(
        p.figures(second, Indicator::Output).unwrap().quota_units,
        12_000
    );
}

#[test]
fn quarter_cumulative_and_year_on_year() {
    let p = plan(&example()).unwrap();
    let o = p.indicator(Indicator::Output).unwrap();
    // 330 × (22%, 25%, 26%, 27%) = 72.6, 82.5, 85.8, 89.1
    let want = [72.6, 82.5, 85.8, 89.1];
    let mut cumulative = 0.0;
    for (quarter, want) in o.quarters.iter().zip(want) {
        close(quarter.amount, want);
        cumulative += want;
        close(quarter.cumulative, cumulative);
    }
    assert_eq!(o.quarters[3].cumulative_units, o.target_units);
    // Base-year Q1 63.0: 72.6 / 63 − 1 = 15.238%.
    close(o.quarters[0].yoy_growth.unwrap(), 72.6 / 63.0 - 1.0);
    // Task progress after Q2: 47% against 181/365 = 49.59%.
    close(o.quarters[1].task_progress, 0.47);
    close(o.quarters[1].time_progress, 181.0 / 365.0);
}

#[test]
fn completion_of_last_years_plan() {
    let p = plan(&example()).unwrap();
    // 300 / 290 = 103.45%
    let o = p.indicator(Indicator::Output).unwrap();
    close(o.completion.unwrap(), 300.0 / 290.0);
    assert_eq!(format::percent2(o.completion.unwrap()), "103.45%");
    assert_eq!(p.indicator(Indicator::Revenue).unwrap().completion, None);
}

#[test]
fn a_leap_year_has_a_longer_first_quarter() {
    let mut s = worked_example();
    s.plan_year = 2024;
    let p = plan(&s).unwrap();
    assert_eq!(p.calendar_days[0], 91);
    assert_eq!(p.days_in_year, 366);
    let q1 = &p.indicator(Indicator::Output).unwrap().quarters[0];
    close(q1.daily, 72.6 / 91.0);
    close(q1.time_progress, 91.0 / 366.0);
    let why = explain(&s, &p, Figure::TimeProgress(0)).unwrap();
    assert!(
        why.formula.zh.contains("91 ÷ 全年天数 366"),
        "{}",
        why.formula.zh
    );
    assert!(why.formula.zh.contains("闰年"));
}

#[test]
fn grew_by_x_times_against_is_x_times() {
    let mut s = worked_example();
    s.indicators.push(IndicatorInput {
        indicator: Indicator::Profit,
        base_actual: 1.5,
        last_year_plan: None,
        base_quarters: None,
        // 利润增长2倍: three times the base.
        target: TargetSpec::Growth(2.0),
        quarter_shares: None,
    });
    let p = plan(&s).unwrap();
    close(p.indicator(Indicator::Profit).unwrap().target, 4.5);
    let why = explain(&s, &p, Figure::Target(Indicator::Profit)).unwrap();
    assert!(
        why.formula.zh.contains("增长2倍（是基数的3倍）"),
        "{}",
        why.formula.zh
    );

    // 是…的2倍: twice the base, growth of one time.
    s.indicators[1].target = TargetSpec::Multiple(2.0);
    let p = plan(&s).unwrap();
    close(p.indicator(Indicator::Profit).unwrap().target, 3.0);
    close(p.indicator(Indicator::Profit).unwrap().growth.unwrap(), 1.0);
    let why = explain(&s, &p, Figure::Target(Indicator::Profit)).unwrap();
    assert!(
        why.formula.zh.contains("是上年的2倍，即增长1倍"),
        "{}",
        why.formula.zh
    );
}

#[test]
fn a_fully_held_tree_keeps_every_hold() {
    let mut s = worked_example();
    for (id, amount) in [(10, 200.0), (11, 100.0), (12, 30.0)] {
        hold_node(&mut s, id, Indicator::Output, Some(amount));
    }
    let p = plan(&s).unwrap();
    let quotas = enterprise_quotas(&p, Indicator::Output);
    assert_eq!(quotas, vec![200.0, 100.0, 30.0]);

    // Held children that leave part of the parent unallocated: an error at the list.
    hold_node(&mut s, 12, Indicator::Output, Some(20.0));
    let errors = plan(&s).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.path == "tree.industries[0].enterprises" && e.is_error()),
        "{errors:?}"
    );
}

#[test]
fn over_allocation_is_an_error_at_the_hold_never_a_negative_quota() {
    let mut s = worked_example();
    hold_node(&mut s, 10, Indicator::Output, Some(200.0));
    hold_node(&mut s, 12, Indicator::Output, Some(150.0));
    let errors = plan(&s).unwrap_err();
    let e = errors
        .iter()
        .find(|e| e.path == "tree.industries[0].enterprises[2].held.output")
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert!(e.message.zh.contains("超出"), "{}", e.message.zh);
    assert!(e.message.en.contains("exceed"), "{}", e.message.en);
}

#[test]
fn bottom_up_gap_reported_and_spread() {
    let mut s = worked_example();
    let commitments = [160.0, 100.0, 40.0];
    for (e, c) in s
        .tree
        .industry_mut(0)
        .enterprises
        .iter_mut()
        .zip(commitments)
    {
        e.node.commitment.set(Indicator::Output, Some(c));
    }
    let p = plan(&s).unwrap();
    let industry = p.node_index(1).unwrap();
    // 330 − (160 + 100 + 40) = 30 still to find.
    close(
        p.figures(industry, Indicator::Output)
            .unwrap()
            .children_gap
            .unwrap(),
        30.0,
    );
    // Spread in proportion to base (3 : 2 : 1): 160 + 15, 100 + 10, 40 + 5.
    s.tree.industry_mut(0).rule.spread_gap = true;
    let p = plan(&s).unwrap();
    for (q, want) in enterprise_quotas(&p, Indicator::Output)
        .iter()
        .zip([175.0, 110.0, 45.0])
    {
        close(*q, want);
    }
    let why = explain(&s, &p, Figure::NodeGap(industry, Indicator::Output)).unwrap();
    assert!(
        why.formula.zh.starts_with("缺口 = 任务"),
        "{}",
        why.formula.zh
    );
}

#[test]
fn required_growth_q1_and_daily_of_a_node() {
    let p = plan(&worked_example()).unwrap();
    let first = p.node_index(10).unwrap();
    // 165 / 150 − 1 = 10%; Q1 165 × 22% = 36.30; daily 36.30 / 90 = 4,033.33万元.
    close(p.required_growth(first, Indicator::Output).unwrap(), 0.10);
    close(p.node_q1(first, Indicator::Output).unwrap(), 36.3);
    let f = p.figures(first, Indicator::Output).unwrap();
    assert_eq!(f.q1_units, 3_630);
    assert_eq!(f.daily_q1_units, 403_333);
}

#[test]
fn five_year_multiple_cagr_and_path() {
    let p = plan(&example()).unwrap();
    let f = p.five_year.as_ref().unwrap();
    // 是2020年的2倍 over 5 years: 2^(1/5) − 1 = 14.87%.
    close(f.multiple, 2.0);
    close(f.cagr, 2f64.powf(0.2) - 1.0);
    assert_eq!(f.path.len(), 6);
    assert_eq!(f.path[0], (2020, 132.0));
    assert_eq!(f.path[5], (2025, 264.0));
    close(f.path[2].1, 132.0 * (1.0 + f.cagr).powi(2));
    // GDP 390 × 1.075^5 = 559.89; share 264 / 559.89 = 47.15%, from 132 / 390 = 33.85%.
    let gdp_end = 390.0 * 1.075f64.powi(5);
    close(f.share_end.unwrap(), 264.0 / gdp_end);
    close(f.share_change_points.unwrap(), 47.15 - 33.85);
    close(f.va_needed.unwrap(), 0.45 * gdp_end);
}

#[test]
fn gdp_share_points_and_value_added_needed() {
    let p = plan(&example()).unwrap();
    let g = p.gdp.unwrap();
    // GDP 420 × 1.07 = 449.4; value added 150 × 1.1 = 165.
    close(g.gdp_target, 449.4);
    close(g.va_target, 165.0);
    close(g.share_target, 165.0 / 449.4);
    // 36.72% − 35.71% = 1.01 points (between the shares as shown).
    close(g.share_change_points, 36.72 - 35.71);
    close(g.va_needed.unwrap(), 0.38 * 449.4);
    close(va_needed_for_share(0.38, 449.4), 170.772);
}

#[test]
fn sales_projects_parks_and_fleet() {
    let p = plan(&example()).unwrap();
    let sales = p.sales.unwrap();
    close(sales.annual, 330.0 * 0.98);
    close(sales.q1, 72.6 * 0.98);

    let projects = p.projects.unwrap();
    assert_eq!(projects.count, 10);
    assert_eq!(projects.to_start_q1, Some(6));
    close(projects.q1_investment.unwrap(), 43.2 * 0.2);
    assert_eq!(projects_to_start(7, 0.6), 5); // 4.2 → 5
    assert_eq!(projects_to_start(5, 0.6), 3); // 3.0000000000000004 → 3

    close(p.parks[0].output_needed, 330.0 * 0.45);
    close(p.parks[0].growth.unwrap(), 148.5 / 126.0 - 1.0);

    // Quotas are base × 1.1 here; bases of 9.1 and above reach 10亿元: 14 enterprises,
    // 11 of them already did last year.
    let fleet = p.fleet.unwrap();
    assert_eq!(fleet.members.len(), 14);
    assert_eq!(fleet.base_count, 11);
}

#[test]
fn investment_reaches_projects_and_other_indicators_stop_at_enterprises() {
    let p = plan(&example()).unwrap();
    let project = p
        .nodes
        .iter()
        .position(|n| n.level == Level::Project)
        .unwrap();
    assert!(p.figures(project, Indicator::Output).is_none());
    let f = p.figures(project, Indicator::Investment).unwrap();
    // Each project gets its own planned investment when the target is their sum.
    close(f.quota, f.basis);
}

#[test]
fn zero_basis_falls_back_to_equal_with_a_warning() {
    let mut s = worked_example();
    for e in &mut s.tree.industry_mut(0).enterprises {
        e.node.base = Values::default();
    }
    s.tree.industry_mut(0).node.base = Values::default().with(Indicator::Output, 300.0);
    let p = plan(&s).unwrap();
    for q in enterprise_quotas(&p, Indicator::Output) {
        close(q, 110.0);
    }
    assert!(p
        .warnings
        .iter()
        .any(|w| w.path == "tree.industries[0].rule.method" && !w.is_error()));
}

#[test]
fn every_problem_at_once_with_its_path() {
    let mut s = worked_example();
    s.quarter_shares = [0.22, 0.25, 0.26, 0.20];
    s.indicators[0].base_actual = f64::NAN;
    s.tree.industry_mut(0).enterprises[1]
        .node
        .base
        .set(Indicator::Output, Some(-5.0));
    s.five_year.as_mut().unwrap().end_year = 2020;
    let errors = plan(&s).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    for want in [
        "quarter_shares",
        "indicators[0].base_actual",
        "tree.industries[0].enterprises[1].base.output",
        "five_year.end_year",
    ] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
    assert!(errors
        .iter()
        .all(|e| !e.message.zh.is_empty() && !e.message.en.is_empty()));
}

#[test]
fn growth_on_a_zero_base_and_an_empty_tree_are_errors() {
    let mut s = worked_example();
    s.indicators[0].base_actual = 0.0;
    s.tree.industries.clear();
    let errors = plan(&s).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert!(paths.contains(&"indicators[0].target"), "{paths:?}");
    assert!(paths.contains(&"tree.industries"), "{paths:?}");
}

#[test]
fn breakback_quarter_share_from_a_wanted_amount() {
    close(share_for_quarter_amount(330.0, 72.6).unwrap(), 0.22);
    assert_eq!(share_for_quarter_amount(0.0, 5.0), None);
}

#[test]
fn explanations_use_the_speech_vocabulary_and_walk_up_to_the_county() {
    let s = worked_example();
    let p = plan(&s).unwrap();
    let q1 = explain(&s, &p, Figure::QuarterAmount(Indicator::Output, 0)).unwrap();
    assert_eq!(
        q1.formula.zh,
        "一季度规上产值 = 全年目标 330.00亿元 × 一季度占比 22% = 72.60亿元"
    );
    let node = p.node_index(12).unwrap();
    let walk = chain(&s, &p, Figure::NodeDaily(node, Indicator::Output));
    let figures: Vec<Figure> = walk.iter().map(|x| x.figure).collect();
    assert_eq!(
        figures,
        vec![
            Figure::NodeDaily(node, Indicator::Output),
            Figure::NodeQ1(node, Indicator::Output),
            Figure::NodeQuota(node, Indicator::Output),
            Figure::NodeQuota(p.node_index(1).unwrap(), Indicator::Output),
            Figure::NodeQuota(0, Indicator::Output),
            Figure::Target(Indicator::Output),
        ]
    );
    // 330 × 50 / 300 = 55.00
    assert!(
        walk[2]
            .formula
            .zh
            .contains("本级基数 50.00亿元 ÷ 基数合计 300.00亿元 = 55.00亿元"),
        "{}",
        walk[2].formula.zh
    );
}

#[test]
fn english_explanations_carry_no_chinese_of_their_own() {
    let s = example();
    let p = plan(&s).unwrap();
    let k = Indicator::Output;
    for f in [
        Figure::Target(k),
        Figure::Growth(k),
        Figure::QuarterAmount(k, 0),
        Figure::Cumulative(k, 3),
        Figure::TaskProgress(k, 0),
        Figure::Daily(k, 0),
        Figure::GdpShare,
        Figure::FiveYearCagr,
        Figure::SalesQ1,
        Figure::ProjectsToStart,
    ] {
        let x = explain(&s, &p, f).unwrap();
        let text = format!("{} {}", x.label.en, x.formula.en);
        assert!(
            !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
    }
}
