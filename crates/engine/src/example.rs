//! The built-in example: 示例县, a fictional county in the spirit of the speech (base year
//! 2021, plan year 2022), and a generator of large scenarios for tests and benchmarks.

use std::sync::Arc;

use super::indicator::{Indicator, Values};
use super::num::Dec;
use super::scenario::*;

/// (name, responsible person, output, value added, revenue, profit, tax), base year 2021.
type EnterpriseRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const INDUSTRIES: &[(&str, &str, &str, &[EnterpriseRow])] = &[
    (
        "能源化工",
        "县发改局",
        "赵建国",
        &[
            (
                "示例县宏远煤化有限公司",
                "周海",
                "38.6",
                "9.4",
                "37.2",
                "1.10",
                "1.35",
            ),
            (
                "示例县清源天然气有限公司",
                "吴刚",
                "22.4",
                "5.6",
                "21.9",
                "0.62",
                "0.80",
            ),
            (
                "示例县金泰化工有限公司",
                "郑丽",
                "15.8",
                "3.9",
                "15.1",
                "0.35",
                "0.52",
            ),
            (
                "示例县恒光新能源有限公司",
                "孙杰",
                "9.7",
                "2.5",
                "9.4",
                "0.28",
                "0.30",
            ),
            (
                "示例县北山电力有限公司",
                "钱明",
                "18.3",
                "4.8",
                "18.0",
                "0.51",
                "0.66",
            ),
        ],
    ),
    (
        "装备制造",
        "县经贸局",
        "李卫东",
        &[
            (
                "示例县重工机械有限公司",
                "陈涛",
                "26.5",
                "6.3",
                "25.8",
                "0.55",
                "0.71",
            ),
            (
                "示例县精工轴承有限公司",
                "杨帆",
                "12.2",
                "3.0",
                "11.7",
                "0.30",
                "0.33",
            ),
            (
                "示例县华安汽配有限公司",
                "黄磊",
                "9.1",
                "2.2",
                "8.8",
                "0.19",
                "0.24",
            ),
            (
                "示例县通达电缆有限公司",
                "刘洋",
                "7.4",
                "1.7",
                "7.2",
                "0.14",
                "0.18",
            ),
            (
                "示例县远航农机有限公司",
                "何静",
                "5.6",
                "1.3",
                "5.3",
                "0.09",
                "0.13",
            ),
            (
                "示例县新锐电子有限公司",
                "高峰",
                "4.3",
                "1.1",
                "4.1",
                "0.12",
                "0.10",
            ),
        ],
    ),
    (
        "农副产品加工",
        "县农业农村局",
        "王秀兰",
        &[
            (
                "示例县丰收粮油有限公司",
                "林芳",
                "14.6",
                "3.2",
                "14.3",
                "0.33",
                "0.29",
            ),
            (
                "示例县绿源乳业有限公司",
                "马超",
                "11.9",
                "2.8",
                "11.5",
                "0.31",
                "0.27",
            ),
            (
                "示例县果香食品有限公司",
                "罗敏",
                "6.8",
                "1.5",
                "6.6",
                "0.12",
                "0.12",
            ),
            (
                "示例县山泉饮品有限公司",
                "梁勇",
                "4.9",
                "1.2",
                "4.8",
                "0.10",
                "0.09",
            ),
            (
                "示例县红枣深加工有限公司",
                "宋佳",
                "3.2",
                "0.7",
                "3.1",
                "0.05",
                "0.05",
            ),
        ],
    ),
    (
        "建材",
        "县住建局",
        "张志强",
        &[
            (
                "示例县海螺水泥有限公司",
                "唐伟",
                "17.5",
                "4.4",
                "17.0",
                "0.48",
                "0.58",
            ),
            (
                "示例县金石玻璃有限公司",
                "韩冰",
                "8.2",
                "2.0",
                "8.0",
                "0.15",
                "0.22",
            ),
            (
                "示例县长城砖瓦有限公司",
                "冯雪",
                "3.6",
                "0.8",
                "3.5",
                "0.04",
                "0.07",
            ),
            (
                "示例县恒信新型建材有限公司",
                "曹阳",
                "5.1",
                "1.2",
                "4.9",
                "0.11",
                "0.12",
            ),
        ],
    ),
    (
        "黄金冶炼",
        "县黄金局",
        "刘振华",
        &[
            (
                "示例县金山矿业有限公司",
                "许鹏",
                "16.9",
                "4.6",
                "16.5",
                "0.86",
                "0.72",
            ),
            (
                "示例县鑫源冶炼有限公司",
                "邓霞",
                "9.8",
                "2.4",
                "9.6",
                "0.37",
                "0.36",
            ),
            (
                "示例县银河选矿有限公司",
                "彭亮",
                "4.2",
                "1.0",
                "4.0",
                "0.09",
                "0.11",
            ),
        ],
    ),
    (
        "纺织服装",
        "县商务局",
        "陈淑珍",
        &[
            (
                "示例县锦绣纺织有限公司",
                "曾琳",
                "6.4",
                "1.4",
                "6.2",
                "0.10",
                "0.11",
            ),
            (
                "示例县雅美服饰有限公司",
                "董强",
                "3.8",
                "0.8",
                "3.7",
                "0.05",
                "0.06",
            ),
            (
                "示例县华丝家纺有限公司",
                "袁园",
                "2.5",
                "0.5",
                "2.4",
                "0.03",
                "0.04",
            ),
        ],
    ),
    (
        "其他行业",
        "县统计局",
        "邱晓梅",
        &[(
            "其他规上企业（合计）",
            "邱晓梅",
            "10.7",
            "2.2",
            "9.4",
            "0.16",
            "0.67",
        )],
    ),
];

/// (enterprise index in the flattened list above, project name, responsible, investment 亿元)
const PROJECTS: &[(usize, &str, &str, &str)] = &[
    (0, "煤制烯烃二期项目", "周海", "8.5"),
    (1, "LNG 储气调峰站项目", "吴刚", "3.2"),
    (3, "20万千瓦光伏电站项目", "孙杰", "6.8"),
    (5, "智能化矿山装备产业园项目", "陈涛", "7.5"),
    (6, "高端轴承生产线项目", "杨帆", "2.6"),
    (10, "年产 10 万吨饲料项目", "林芳", "1.8"),
    (11, "万头奶牛牧场项目", "马超", "4.2"),
    (16, "水泥窑协同处置项目", "唐伟", "2.4"),
    (20, "黄金精炼扩能项目", "许鹏", "5.1"),
    (23, "数码印花生产线项目", "曾琳", "1.1"),
];

/// A decimal written in the source.
fn d(text: &str) -> Dec {
    text.parse().expect("the example's numbers are decimals")
}

/// The built-in example scenario (示例县): 7 industries, 27 enterprises, 10 key projects;
/// the enterprises' bases add up to the county's.
pub fn example() -> Scenario {
    let mut next_id = 0u64;
    let mut id = || {
        next_id += 1;
        next_id
    };
    let mut flat = 0usize;
    let mut industries = Vec::new();
    for (name, unit, responsible, rows) in INDUSTRIES {
        let mut enterprises = Vec::new();
        let industry_id = id();
        for (ename, person, output, va, revenue, profit, tax) in rows.iter() {
            let enterprise_id = id();
            let mut projects = Vec::new();
            for (owner, pname, pperson, investment) in PROJECTS {
                if *owner == flat {
                    projects.push(Project {
                        node: NodeData {
                            id: 0,
                            name: (*pname).into(),
                            responsible: (*pperson).into(),
                            unit: (*unit).into(),
                            base: Values::default().with(Indicator::Investment, d(investment)),
                            ..NodeData::default()
                        },
                    });
                }
            }
            enterprises.push(Enterprise {
                node: NodeData {
                    id: enterprise_id,
                    name: (*ename).into(),
                    responsible: (*person).into(),
                    unit: (*unit).into(),
                    base: Values::default()
                        .with(Indicator::Output, d(output))
                        .with(Indicator::ValueAdded, d(va))
                        .with(Indicator::Revenue, d(revenue))
                        .with(Indicator::Profit, d(profit))
                        .with(Indicator::Tax, d(tax)),
                    ..NodeData::default()
                },
                rule: SplitRule::default(),
                projects,
            });
            flat += 1;
        }
        industries.push(Arc::new(Industry {
            node: NodeData {
                id: industry_id,
                name: (*name).into(),
                responsible: (*responsible).into(),
                unit: (*unit).into(),
                ..NodeData::default()
            },
            rule: SplitRule::default(),
            enterprises,
        }));
    }
    // Project ids after the others, so enterprise ids stay in reading order.
    for industry in industries.iter_mut().map(Arc::make_mut) {
        for enterprise in &mut industry.enterprises {
            for project in &mut enterprise.projects {
                project.node.id = id();
            }
        }
    }

    Scenario {
        schema_version: SCHEMA_VERSION,
        // A name that states no figure: the figures can be changed, the name would then mislead.
        name: "示例方案".into(),
        county: "示例县".into(),
        plan_year: 2022,
        indicators: vec![
            IndicatorInput {
                indicator: Indicator::Output,
                base_actual: d("300"),
                last_year_plan: Some(d("290")),
                year_before_actual: Some(d("265")),
                base_quarters: Some([d("63"), d("72"), d("78"), d("87")]),
                target: TargetSpec::Growth(d("0.1")),
                quarter_shares: None,
                price_index: None,
                month_shares: Default::default(),
                base_months: None,
            },
            IndicatorInput {
                indicator: Indicator::ValueAdded,
                base_actual: d("72.5"),
                last_year_plan: Some(d("70")),
                year_before_actual: Some(d("65")),
                base_quarters: None,
                target: TargetSpec::Growth(d("0.09")),
                quarter_shares: None,
                price_index: None,
                month_shares: Default::default(),
                base_months: None,
            },
            IndicatorInput {
                indicator: Indicator::Revenue,
                base_actual: d("290"),
                last_year_plan: None,
                year_before_actual: Some(d("258")),
                base_quarters: None,
                target: TargetSpec::Growth(d("0.1")),
                quarter_shares: None,
                price_index: None,
                month_shares: Default::default(),
                base_months: None,
            },
            IndicatorInput {
                indicator: Indicator::Profit,
                base_actual: d("7.6"),
                last_year_plan: None,
                year_before_actual: Some(d("2.5")),
                base_quarters: None,
                target: TargetSpec::Growth(d("0.15")),
                quarter_shares: None,
                price_index: None,
                month_shares: Default::default(),
                base_months: None,
            },
            IndicatorInput {
                indicator: Indicator::Tax,
                base_actual: d("9.2"),
                last_year_plan: None,
                year_before_actual: Some(d("8.4")),
                base_quarters: None,
                target: TargetSpec::Growth(d("0.08")),
                quarter_shares: None,
                price_index: None,
                month_shares: Default::default(),
                base_months: None,
            },
            IndicatorInput {
                indicator: Indicator::Investment,
                base_actual: d("36"),
                last_year_plan: None,
                year_before_actual: None,
                base_quarters: None,
                target: TargetSpec::Amount(d("43.2")),
                quarter_shares: Some([d("0.2"), d("0.3"), d("0.3"), d("0.2")]),
                price_index: None,
                month_shares: Default::default(),
                base_months: None,
            },
        ],
        quarter_shares: [d("0.22"), d("0.25"), d("0.26"), d("0.27")],
        tree_unit: AmountUnit::Wan,
        quarter_days: None,
        gdp: Some(GdpInput {
            gdp_base: d("420"),
            gdp_target: TargetSpec::Growth(d("0.07")),
            industry_va_base: d("150"),
            industry_va_target: TargetSpec::Growth(d("0.1")),
            target_share: Some(d("0.38")),
            gdp_price_index: None,
            va_price_index: None,
        }),
        five_year: Some(FiveYearInput {
            base_year: 2020,
            end_year: 2025,
            base: d("132"),
            target: TargetSpec::Multiple(d("2")),
            gdp_base: Some(d("390")),
            gdp_growth: Some(d("0.075")),
            target_share: Some(d("0.45")),
        }),
        sales_ratio_target: Some(d("0.98")),
        projects: ProjectsInput {
            count: None,
            q1_start_rate: Some(d("0.6")),
        },
        parks: vec![
            Park {
                name: "东部产业园区".into(),
                share_target: d("0.45"),
                base_output: Some(d("126")),
            },
            Park {
                name: "西部工业集中区".into(),
                share_target: d("0.2"),
                base_output: Some(d("57")),
            },
        ],
        fleet_threshold: Some(d("10")),
        tree: Tree {
            rule: SplitRule::default(),
            industries,
        },
        actuals: None,
    }
}

/// A large scenario for tests and benchmarks: `enterprises` enterprises in
/// `enterprises / 100 + 1` industries (at most 60), `projects_each` projects each, with
/// deterministic pseudo-random bases (no randomness crate: a fixed linear congruential step).
pub fn generated(enterprises: usize, projects_each: usize) -> Scenario {
    let mut s = example();
    s.name = format!("生成：{enterprises} 家企业");
    let industries = (enterprises / 100 + 1).min(60);
    let mut state: u64 = 0x2022_0101;
    // A pseudo-random whole number below `n`.
    let mut below = move |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) * n) >> 31
    };
    // Statistics are kept to the 万元: four decimals of 亿元.
    let wan = |units: u64| Dec::new(i128::from(units), 4).expect("small");
    let mut id = 0u64;
    let mut fresh = || {
        id += 1;
        id
    };
    let mut tree = Tree::default();
    for i in 0..industries {
        tree.industries.push(Arc::new(Industry {
            node: NodeData {
                id: fresh(),
                name: format!("行业{:02}", i + 1),
                unit: "县经贸局".into(),
                ..NodeData::default()
            },
            rule: SplitRule::default(),
            enterprises: Vec::new(),
        }));
    }
    for e in 0..enterprises {
        // 0.05 to 4.05亿元, mostly small.
        let output = 500 + below(200) * below(200);
        let mut projects = Vec::new();
        for p in 0..projects_each {
            projects.push(Project {
                node: NodeData {
                    id: 0,
                    name: format!("项目{:05}-{}", e + 1, p + 1),
                    base: Values::default().with(Indicator::Investment, wan(500 + below(10_000))),
                    ..NodeData::default()
                },
            });
        }
        let share = |percent_low: u64, spread: u64, below: &mut dyn FnMut(u64) -> u64| {
            wan(output * (percent_low + below(spread)) / 100)
        };
        let base = Values::default()
            .with(Indicator::Output, wan(output))
            .with(Indicator::ValueAdded, share(20, 10, &mut below))
            .with(Indicator::Revenue, share(90, 10, &mut below))
            .with(Indicator::Profit, share(0, 3, &mut below))
            .with(Indicator::Tax, share(0, 4, &mut below));
        let industry = tree.industry_mut(e % industries);
        industry.enterprises.push(Enterprise {
            node: NodeData {
                id: fresh(),
                name: format!("企业{:05}", e + 1),
                responsible: format!("责任人{:05}", e + 1),
                base,
                ..NodeData::default()
            },
            rule: SplitRule::default(),
            projects,
        });
    }
    for industry in tree.industries_mut() {
        for enterprise in &mut industry.enterprises {
            for project in &mut enterprise.projects {
                project.node.id = fresh();
            }
        }
    }
    s.tree = tree;
    s.projects.count = None;
    s
}

/// A blank scenario to fill in: the six indicators at zero with the example's quarter shares
/// and one empty industry (a tree needs at least one).
pub fn blank() -> Scenario {
    let mut s = example();
    s.name = "空白方案".into();
    s.county = String::new();
    for input in &mut s.indicators {
        input.base_actual = Dec::ZERO;
        input.last_year_plan = None;
        input.year_before_actual = None;
        input.base_quarters = None;
        input.target = super::scenario::TargetSpec::Amount(Dec::ZERO);
    }
    s.gdp = None;
    s.five_year = None;
    s.sales_ratio_target = None;
    s.parks.clear();
    s.fleet_threshold = None;
    s.projects = Default::default();
    s.tree = Tree {
        rule: SplitRule::default(),
        industries: vec![Arc::new(Industry {
            node: NodeData {
                id: 1,
                name: "行业一".into(),
                ..NodeData::default()
            },
            ..Industry::default()
        })],
    };
    s
}

#[cfg(test)]
mod blank_tests {
    #[test]
    fn the_blank_scenario_plans_to_zeros_without_errors() {
        let p = crate::plan(&super::blank()).unwrap();
        assert!(p.indicators.iter().all(|i| i.target.is_zero()));
    }
}
