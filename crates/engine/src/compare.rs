//! Two scenarios side by side (方案对比), and the headline figures of one for the scenario list.
//!
//! Every value is carried in display units (hundredths of 亿元, of the tree's unit, or of a
//! percentage point), so the difference shown is exactly the difference of the two numbers shown.

use super::explain::Shown;
use super::i18n::Bilingual;
use super::indicator::Indicator;
use super::num::{rational_units, Dec, Step};
use super::plan::{Level, Plan};
use super::round::Precision;
use super::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// The figures a scenario is recognised by in the list: gross output's target, growth and Q1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    /// 规上产值 target (亿元).
    pub target: Dec,
    /// Its growth over the base year (fraction), when the base is not zero.
    pub growth: Option<Dec>,
    /// Its Q1 amount (亿元).
    pub q1: Dec,
    pub enterprises: usize,
}

pub fn headline(p: &Plan) -> Option<Headline> {
    let output = p.indicator(Indicator::Output)?;
    Some(Headline {
        target: output.target,
        growth: output.growth,
        q1: output.quarters[0].amount,
        enterprises: p
            .nodes
            .iter()
            .filter(|n| n.level == Level::Enterprise)
            .count(),
    })
}

/// The unit of a compared value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareUnit {
    /// Hundredths of 亿元.
    Yi,
    /// Hundredths of a percentage point.
    Percent,
    /// Display units of the decomposition table (hundredths of 亿元 or of 万元).
    Tree(Precision),
}

impl CompareUnit {
    /// A value in this unit as the page shows it: compared figures are written by the same
    /// function as the page's (`explain::vocabulary`), never by a copy of it.
    pub fn shown(self, units: i64) -> Shown {
        match self {
            CompareUnit::Yi => Shown::Amount(units, Precision::Yi2),
            CompareUnit::Percent => Shown::Percent(units),
            CompareUnit::Tree(precision) => Shown::Amount(units, precision),
        }
    }
}

/// One line of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    /// Groups rows: an indicator's key, `gdp`, or `enterprise`.
    pub group: &'static str,
    pub label: Bilingual,
    /// A's and B's values in display units; `None` where the scenario has no such figure.
    pub a: Option<i64>,
    pub b: Option<i64>,
    pub unit: CompareUnit,
}

impl CompareRow {
    /// B − A in display units, when both exist.
    pub fn delta(&self) -> Option<i64> {
        Some(self.b? - self.a?)
    }

    /// Whether the two shown values differ (one missing counts as different).
    pub fn differs(&self) -> bool {
        self.a != self.b
    }
}

/// The comparison of scenario A with scenario B.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub rows: Vec<CompareRow>,
    /// Each indicator's quarter amounts in 0.01亿元 as shown, in A and in B, for the chart.
    pub quarters: Vec<(Indicator, [i64; 4], [i64; 4])>,
}

fn percent_units(fraction: Dec) -> i64 {
    fraction.units(Step::PERCENT_2)
}

/// Compare two planned scenarios. Enterprises are matched by industry and name, so that two
/// scenarios made apart (not only a copy) line up; ones in only one scenario have a missing side.
pub fn compare(a: (&Scenario, &Plan), b: (&Scenario, &Plan)) -> Comparison {
    let mut rows = Vec::new();
    let mut quarters = Vec::new();
    for k in Indicator::ALL {
        let (pa, pb) = (a.1.indicator(k), b.1.indicator(k));
        if pa.is_none() && pb.is_none() {
            continue;
        }
        let row =
            |zh: &str, en: &str, unit, f: &dyn Fn(&super::plan::IndicatorPlan) -> Option<i64>| {
                CompareRow {
                    group: k.key(),
                    label: Bilingual::new(format!("{}{zh}", k.zh()), format!("{} {en}", k.en())),
                    a: pa.and_then(f),
                    b: pb.and_then(f),
                    unit,
                }
            };
        rows.push(row("目标", "target", CompareUnit::Yi, &|p| {
            Some(p.target_units)
        }));
        rows.push(row("增速", "growth", CompareUnit::Percent, &|p| {
            p.growth.map(percent_units)
        }));
        // As the page shows it: the quarter table's units, which add up to the target.
        rows.push(row("一季度", "Q1", CompareUnit::Yi, &|p| {
            Some(p.quarters[0].amount_units)
        }));
        rows.push(row(
            "一季度占比",
            "Q1 share",
            CompareUnit::Percent,
            &|p| Some(percent_units(p.shares[0])),
        ));
        // Where either has actuals: where the year stands, and what the quarter still needs.
        let standing = |p: &Plan| crate::progress::county_standing(p, k);
        let (sa, sb) = (standing(a.1), standing(b.1));
        if sa.is_some() || sb.is_some() {
            use crate::progress::Part;
            let units = |st: &Option<crate::progress::Standing>, part: Part, step: Step| {
                let v = part.value(st.as_ref()?)?;
                Some(crate::num::rational_units(&v, step))
            };
            let mut progress = |part: Part, unit: CompareUnit, step: Step| {
                let (zh, en) = part.words();
                rows.push(CompareRow {
                    group: k.key(),
                    label: Bilingual::new(format!("{}{zh}", k.zh()), format!("{} {en}", k.en())),
                    a: units(&sa, part, step),
                    b: units(&sb, part, step),
                    unit,
                });
            };
            progress(Part::Actual, CompareUnit::Yi, Step::YI_2);
            progress(
                Part::CompletionOfYear,
                CompareUnit::Percent,
                Step::PERCENT_2,
            );
            progress(
                Part::QuarterRestDaily,
                CompareUnit::Tree(Precision::Wan2),
                Step::WAN_2,
            );
        }
        let amounts = |p: Option<&super::plan::IndicatorPlan>| {
            p.map(|p| std::array::from_fn(|q| p.quarters[q].amount_units))
                .unwrap_or([0; 4])
        };
        quarters.push((k, amounts(pa), amounts(pb)));
    }
    let gdp_share = |p: &Plan| p.gdp.as_ref().map(|g| percent_units(g.share_target));
    if a.1.gdp.is_some() || b.1.gdp.is_some() {
        rows.push(CompareRow {
            group: "gdp",
            label: Bilingual::new("工业增加值占GDP比重", "industry's share of GDP"),
            a: gdp_share(a.1),
            b: gdp_share(b.1),
            unit: CompareUnit::Percent,
        });
    }
    rows.extend(enterprise_rows(a, b));
    Comparison { rows, quarters }
}

/// Each enterprise's gross-output quota, A's enterprises first in A's order, then B's others.
fn enterprise_rows(a: (&Scenario, &Plan), b: (&Scenario, &Plan)) -> Vec<CompareRow> {
    // Both in A's unit, each rounded from its exact value (never from B's rounded units).
    let pa = a.1.tree_precision;
    let quotas = |(s, p): (&Scenario, &Plan)| {
        let mut out: Vec<((String, String), i64)> = Vec::new();
        let Some(split) = p.split(Indicator::Output) else {
            return out;
        };
        for (i, info) in p.nodes.iter().enumerate() {
            if info.level != Level::Enterprise {
                continue;
            }
            let (Some(ii), Some(ei)) = (info.path.industry, info.path.enterprise) else {
                continue;
            };
            let industry = &s.tree.industries[ii];
            let enterprise = &industry.enterprises[ei];
            let f = &split.figures[split.figure_of_node[i] as usize];
            let units = if p.tree_precision == pa {
                f.quota_units
            } else {
                f.quota.units(pa.step()).unwrap_or_else(|| {
                    split
                        .exact_quota(&p.nodes, i)
                        .map(|x| rational_units(&x, pa.step()))
                        .unwrap_or(0)
                })
            };
            out.push((
                (industry.node.name.clone(), enterprise.node.name.clone()),
                units,
            ));
        }
        out
    };
    let qa = quotas(a);
    let qb = quotas(b);
    let index_b: std::collections::HashMap<&(String, String), i64> =
        qb.iter().map(|(k, v)| (k, *v)).collect();
    let in_a: std::collections::HashSet<&(String, String)> = qa.iter().map(|(k, _)| k).collect();
    let row = |(industry, name): &(String, String), va: Option<i64>, vb: Option<i64>| CompareRow {
        group: "enterprise",
        label: Bilingual::new(
            format!("{industry} / {name}"),
            format!("{industry} / {name}"),
        ),
        a: va,
        b: vb,
        unit: CompareUnit::Tree(pa),
    };
    let mut rows: Vec<CompareRow> = qa
        .iter()
        .map(|(k, v)| row(k, Some(*v), index_b.get(k).copied()))
        .collect();
    rows.extend(
        qb.iter()
            .filter(|(k, _)| !in_a.contains(k))
            .map(|(k, v)| row(k, None, Some(*v))),
    );
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
    use crate::scenario::TargetSpec;
    use crate::{plan, Indicator};

    #[test]
    fn actuals_are_compared_where_either_scenario_has_them() {
        use crate::indicator::SparseValues;
        use crate::scenario::Actuals;
        let a = crate::example::example();
        let mut b = a.clone();
        b.actuals = Some(std::sync::Arc::new(Actuals {
            county: SparseValues::default().with(Indicator::Output, "45".parse().unwrap()),
            ..Actuals::default()
        }));
        let (pa, pb) = (crate::plan(&a).unwrap(), crate::plan(&b).unwrap());
        let c = compare((&a, &pa), (&b, &pb));
        let daily = c
            .rows
            .iter()
            .find(|r| r.label.zh == "规上产值本季度剩余日均")
            .unwrap();
        assert_eq!((daily.a, daily.b), (None, Some(890_323)));
        assert!(compare((&a, &pa), (&a, &pa))
            .rows
            .iter()
            .all(|r| !r.label.zh.contains("剩余日均")));
    }

    #[test]
    fn a_scenario_compared_with_itself_differs_nowhere_and_a_changed_target_shows_its_delta() {
        let a = example();
        let pa = plan(&a).unwrap();
        let same = compare((&a, &pa), (&a, &pa));
        assert!(same.rows.iter().all(|r| !r.differs()));
        assert!(same.rows.iter().any(|r| r.group == "enterprise"));

        let mut b = a.clone();
        b.indicator_mut(Indicator::Output).unwrap().target = TargetSpec::Amount(Dec::int(400));
        b.tree.industry_mut(0).enterprises.remove(0);
        let pb = plan(&b).unwrap();
        let c = compare((&a, &pa), (&b, &pb));
        let target = &c.rows[0];
        assert_eq!(
            (target.a, target.b, target.delta()),
            (Some(33_000), Some(40_000), Some(7_000))
        );
        // The removed enterprise is in A only; the others' quotas grew.
        let gone = a.tree.industries[0].enterprises[0].node.name.clone();
        let row = c
            .rows
            .iter()
            .find(|r| r.label.zh.ends_with(&format!("/ {gone}")))
            .unwrap();
        assert_eq!(row.b, None);
        assert!(c
            .rows
            .iter()
            .filter(|r| r.group == "enterprise" && r.b.is_some())
            .all(|r| r.delta().unwrap() > 0));
        // The chart's quarters are the plans' own, as shown.
        assert_eq!(
            c.quarters[0].2[0],
            pb.indicator(Indicator::Output).unwrap().quarters[0].amount_units
        );
    }

    #[test]
    fn headline_is_gross_outputs_target_growth_and_q1() {
        let p = plan(&example()).unwrap();
        let h = headline(&p).unwrap();
        assert_eq!(h.target, Dec::int(330));
        assert_eq!(h.q1.to_string(), "72.6");
        assert_eq!(h.growth.map(|g| g.to_string()), Some("0.1".into()));
        assert_eq!(h.enterprises, 27);
    }
}
