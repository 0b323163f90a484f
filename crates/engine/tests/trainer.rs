//! The trainer's stage: the walk of the example county with hand-computed values, and goal
//! seek for each kind of figure and input, reaching the wanted value to the displayed digit
//! or saying why no value can.

use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;
use quota_engine::example::example;
use quota_engine::explain::{node_name, shown, shown_text, Figure, Shown};
use quota_engine::goal::{levers, read, seek, wanted, Lever};
use quota_engine::plan::Level;
use quota_engine::round::Precision;
use quota_engine::stage::{default_route, steps, Spot};
use quota_engine::*;

fn example_plan() -> (Scenario, Plan) {
    let s = example();
    let p = plan(&s).unwrap();
    (s, p)
}

/// A value typed as the page's goal field reads it.
fn want(s: &Plan, figure: Figure, text: &str) -> BigRational {
    wanted(shown(s, figure).unwrap(), text).unwrap()
}

#[test]
fn the_walk_of_the_example_goes_from_the_county_target_to_a_factorys_day() {
    let (s, p) = example_plan();
    let k = Indicator::Output;
    let route = default_route(&p, k);
    let walk = steps(&s, &p, route);
    let industry = p.node_index(route.industry.unwrap()).unwrap();
    let enterprise = p.node_index(route.enterprise.unwrap()).unwrap();
    // The largest industry and its largest enterprise, by name.
    assert_eq!(node_name(&s, &p, industry), "能源化工");
    assert_eq!(node_name(&s, &p, enterprise), "示例县宏远煤化有限公司");
    let figures: Vec<Figure> = walk.iter().map(|st| st.figure()).collect();
    assert_eq!(
        figures,
        vec![
            Figure::Target(k),
            Figure::QuarterAmount(k, 0),
            Figure::TimeProgress(0),
            Figure::TaskProgress(k, 0),
            Figure::NodeQuota(industry, k),
            Figure::NodeQuota(enterprise, k),
            Figure::NodeQ1(enterprise, k),
            Figure::NodeDaily(enterprise, k),
        ]
    );
    // By hand: 300 × 1.1 = 330亿元; × 22% = 72.60; 90 ÷ 365 = 24.66%;
    // 3,300,000 × 1,048,000 ÷ 3,000,000 = 1,152,800万元; × 386,000 ÷ 1,048,000 = 424,600;
    // × 22% = 93,412; ÷ 90 = 1,037.91万元.
    let said: Vec<String> = figures
        .iter()
        .map(|&f| shown_text(&p, f, Lang::Zh).unwrap())
        .collect();
    assert_eq!(
        said,
        [
            "330.00亿元",
            "72.60亿元",
            "24.66%",
            "22.00%",
            "1,152,800.00万元",
            "424,600.00万元",
            "93,412.00万元",
            "1,037.91万元",
        ]
    );
    // Each step marks the inputs it uses: the target step its two fields, the enterprise's
    // Q1 the quarter share, the enterprise's rows.
    assert!(walk[0].spots.contains(&Spot::Input(Field::Indicator(
        k,
        field::IndicatorField::BaseActual
    ))));
    assert!(walk[6].spots.contains(&Spot::Input(Field::QuarterShare(0))));
    assert!(walk[5]
        .spots
        .contains(&Spot::Row(route.enterprise.unwrap())));
    for st in &walk {
        st.explanation.formula.reproduces().unwrap();
    }
}

#[test]
fn a_held_sibling_is_an_operand_of_the_enterprise_step() {
    let mut s = example();
    let p = plan(&s).unwrap();
    let k = Indicator::Output;
    let route = default_route(&p, k);
    let industry = p.node_index(route.industry.unwrap()).unwrap();
    let sibling = p
        .children(industry)
        .map(|c| p.nodes[c].id)
        .find(|&id| Some(id) != route.enterprise)
        .unwrap();
    edit::hold_node(&mut s, sibling, k, Some("20".parse().unwrap()));
    let p = plan(&s).unwrap();
    let walk = steps(&s, &p, route);
    let step = walk
        .iter()
        .find(|st| {
            st.figure() == Figure::NodeQuota(p.node_index(route.enterprise.unwrap()).unwrap(), k)
        })
        .unwrap();
    assert!(step.spots.contains(&Spot::Row(sibling)));
    let text = step.explanation.text(Lang::Zh);
    assert!(text.contains("锁定"), "{text}");
}

/// Seek, and check the plan it gives shows the wanted value.
fn solve(s: &Scenario, p: &Plan, figure: Figure, text: &str, lever: Lever) -> goal::Sought {
    let w = want(p, figure, text);
    let got = seek(s, p, figure, &w, lever).unwrap_or_else(|e| panic!("{lever:?}: {}", e.zh));
    assert_eq!(got.reached, shown(p, figure).unwrap().like(&w), "{lever:?}");
    assert_eq!(shown(&got.plan, figure), Some(got.reached));
    assert_eq!(
        read(&got.scenario, &got.plan, lever).map(|r| r.0),
        Some(got.after)
    );
    got
}

#[test]
fn the_county_q1_amount_by_share_or_by_target() {
    let (s, p) = example_plan();
    let k = Indicator::Output;
    let f = Figure::QuarterAmount(k, 0);
    assert_eq!(
        levers(&s, &p, f),
        vec![
            Lever::QuarterShare(k, 0),
            Lever::Target(k),
            Lever::TargetAmount(k)
        ]
    );
    // 80 ÷ 330 = 24.2424…%: 24.2424% gives 79.99992 → 80.00亿元; Q4 takes the 2.2424 points.
    let by_share = solve(&s, &p, f, "80", Lever::QuarterShare(k, 0));
    assert_eq!(by_share.after, "0.242424".parse().unwrap());
    assert!(by_share.linear);
    let shares = by_share.scenario.quarter_shares;
    assert_eq!(shares.iter().fold(Dec::ZERO, |a, &b| a + b), Dec::ONE);
    assert_eq!(shares[3], s.quarter_shares[3] - "0.022424".parse().unwrap());
    // 80 ÷ 22% ÷ 300 − 1 = 21.2121…%.
    let by_target = solve(&s, &p, f, "80", Lever::Target(k));
    assert_eq!(by_target.after, "0.212121".parse().unwrap());
}

#[test]
fn an_enterprises_daily_quota_by_target_share_or_hold() {
    let (s, p) = example_plan();
    let k = Indicator::Output;
    let route = default_route(&p, k);
    let e = p.node_index(route.enterprise.unwrap()).unwrap();
    let f = Figure::NodeDaily(e, k);
    let all = levers(&s, &p, f);
    assert_eq!(
        all,
        vec![
            Lever::Target(k),
            Lever::TargetAmount(k),
            Lever::QuarterShare(k, 0),
            Lever::Hold(route.enterprise.unwrap(), k)
        ]
    );
    for lever in all {
        let got = solve(&s, &p, f, "1100", lever);
        assert_eq!(got.reached, Shown::Amount(110_000, Precision::Wan2));
        assert!(got.linear);
    }
    // Held: 1,100 × 90 ÷ 22% = 450,000万元, exactly.
    let held = solve(
        &s,
        &p,
        f,
        "1,100",
        Lever::Hold(route.enterprise.unwrap(), k),
    );
    assert_eq!(held.after, "45".parse().unwrap());
}

#[test]
fn an_enterprises_quota_and_growth_by_target() {
    let (s, p) = example_plan();
    let k = Indicator::Output;
    let e = p
        .node_index(default_route(&p, k).enterprise.unwrap())
        .unwrap();
    solve(&s, &p, Figure::NodeGrowth(e, k), "15%", Lever::Target(k));
    // One step of the growth (0.0001%) moves the county by 3万元 and this quota by about
    // 0.39万元: 500,000.00万元 lies between two steps, and goal seek says so …
    let f = Figure::NodeQuota(e, k);
    let why = seek(&s, &p, f, &want(&p, f, "500000"), Lever::Target(k))
        .err()
        .unwrap();
    assert!(why.zh.contains("最接近"), "{}", why.zh);
    // … while the target as an amount (to the yuan) reaches it.
    solve(&s, &p, f, "500000", Lever::TargetAmount(k));
}

#[test]
fn the_gdp_share_by_value_added_or_gdp_growth() {
    let (s, p) = example_plan();
    let by_va = solve(&s, &p, Figure::GdpShare, "40%", Lever::IndustryVaTarget);
    assert!(by_va.linear);
    // The share is VA ÷ GDP: not a line in the GDP's growth; bisected on its grid.
    let by_gdp = solve(&s, &p, Figure::GdpShare, "35%", Lever::GdpTarget);
    assert!(!by_gdp.linear);
    // 90% needs a GDP of 183.33亿元, a fall of 56.35%: the widening steps pass below −100%
    // and are taken back, not reported as impossible.
    let far = solve(&s, &p, Figure::GdpShare, "90%", Lever::GdpTarget);
    assert!(far.after < Dec::ZERO);
    // The value added needed is the wanted share of GDP: only GDP moves it.
    assert_eq!(levers(&s, &p, Figure::GdpVaNeeded), vec![Lever::GdpTarget]);
}

#[test]
fn the_five_year_share_and_multiple() {
    let (s, p) = example_plan();
    let by_growth = solve(
        &s,
        &p,
        Figure::FiveYearShare,
        "50%",
        Lever::FiveYearGdpGrowth,
    );
    assert!(!by_growth.linear);
    let m = solve(
        &s,
        &p,
        Figure::FiveYearMultiple,
        "2.5",
        Lever::FiveYearTarget,
    );
    assert_eq!(m.after, "2.5".parse().unwrap());
}

#[test]
fn impossible_goals_say_why() {
    let (s, p) = example_plan();
    let k = Indicator::Output;
    // A Q1 above the whole year: a share above 100%.
    let f = Figure::QuarterAmount(k, 0);
    let e = seek(&s, &p, f, &want(&p, f, "400"), Lever::QuarterShare(k, 0))
        .err()
        .unwrap();
    assert!(e.zh.contains("100%"), "{}", e.zh);
    // A Q1 of 200亿元 is 60.61% of the year: Q4 (27%) cannot give up 38.61 points.
    let e = seek(&s, &p, f, &want(&p, f, "200"), Lever::QuarterShare(k, 0))
        .err()
        .unwrap();
    assert!(e.zh.contains("为负"), "{}", e.zh);
    // A quota held by the enterprise itself does not move with the target.
    let route = default_route(&p, k);
    let id = route.enterprise.unwrap();
    let mut held = s.clone();
    edit::hold_node(&mut held, id, k, Some("40".parse().unwrap()));
    let hp = plan(&held).unwrap();
    let node = hp.node_index(id).unwrap();
    let f = Figure::NodeQuota(node, k);
    let e = seek(&held, &hp, f, &want(&hp, f, "500000"), Lever::Target(k))
        .err()
        .unwrap();
    assert!(e.en.contains("does not change"), "{}", e.en);
    // Holding it above its industry's quota.
    let f = Figure::NodeQuota(node, k);
    let e = seek(&s, &p, f, &want(&p, f, "2000000"), Lever::Hold(id, k))
        .err()
        .unwrap();
    assert!(e.zh.starts_with("做不到"), "{}", e.zh);
    // An industry's quota below what its held enterprise carries.
    let industry = hp.nodes[node].parent.unwrap() as usize;
    let f = Figure::NodeQuota(industry, k);
    let e = seek(
        &held,
        &hp,
        f,
        &want(&hp, f, "300000"),
        Lever::TargetAmount(k),
    )
    .err()
    .unwrap();
    assert!(e.zh.starts_with("做不到"), "{}", e.zh);
    // A share of a proportional split moves with a hold only; a goal already shown is said.
    let route = default_route(&p, k);
    let e2 = p.node_index(route.enterprise.unwrap()).unwrap();
    assert_eq!(
        levers(&s, &p, Figure::NodeShare(e2, k)),
        vec![Lever::Hold(route.enterprise.unwrap(), k)]
    );
    let f = Figure::NodeDaily(e2, k);
    let same = shown_text(&p, f, Lang::Zh).unwrap();
    let e = seek(
        &s,
        &p,
        f,
        &want(&p, f, &same),
        Lever::Hold(route.enterprise.unwrap(), k),
    )
    .err()
    .unwrap();
    assert!(e.zh.contains("已经"), "{}", e.zh);
    // A negative goal is refused as typed.
    assert!(wanted(shown(&p, Figure::Target(k)).unwrap(), "-5").is_err());
}

#[test]
fn the_wanted_value_is_read_in_the_figures_unit() {
    let (_, p) = example_plan();
    let e = p
        .nodes
        .iter()
        .position(|n| n.level == Level::Enterprise)
        .unwrap();
    let daily = Figure::NodeDaily(e, Indicator::Output);
    // 万元 by default; 亿 typed wins.
    assert_eq!(
        want(&p, daily, "1000"),
        BigRational::new(BigInt::from(1), BigInt::from(10))
    );
    assert_eq!(
        want(&p, daily, "0.1亿"),
        BigRational::new(BigInt::from(1), BigInt::from(10))
    );
    assert_eq!(
        want(&p, Figure::GdpShare, "35%"),
        BigRational::new(BigInt::from(35), BigInt::from(100))
    );
    assert!(wanted(shown(&p, daily).unwrap(), "abc").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any daily quota from 1 to 5,000万元, sought through the target's growth, is shown to
    /// the displayed digit.
    #[test]
    fn any_daily_quota_is_reached_to_the_displayed_digit(units in 100i64..500_000) {
        let (s, p) = example_plan();
        let k = Indicator::Output;
        let e = p.node_index(default_route(&p, k).enterprise.unwrap()).unwrap();
        let f = Figure::NodeDaily(e, k);
        let w = Shown::Amount(units, Precision::Wan2).value();
        match seek(&s, &p, f, &w, Lever::Target(k)) {
            Ok(got) => {
                let again = plan(&got.scenario).unwrap();
                prop_assert_eq!(shown(&again, f), Some(Shown::Amount(units, Precision::Wan2)));
            }
            // The value shown now: nothing to move.
            Err(_) => prop_assert_eq!(shown(&p, f), Some(Shown::Amount(units, Precision::Wan2))),
        }
    }
}
