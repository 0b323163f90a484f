//! What a scenario still lacks to be a county's plan, in the order a planner fills it in:
//! county and year → targets → quarters → enterprises. A blank scenario shows this list
//! instead of tables of zeros.

use super::i18n::Bilingual;
use super::indicator::Indicator;
use super::num::Dec;
use super::scenario::{Scenario, TargetSpec};

/// A step of filling in a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CountyAndYear,
    Targets,
    Quarters,
    Enterprises,
}

impl Step {
    pub const ALL: [Step; 4] = [
        Step::CountyAndYear,
        Step::Targets,
        Step::Quarters,
        Step::Enterprises,
    ];

    pub const fn names(self) -> (&'static str, &'static str) {
        match self {
            Step::CountyAndYear => ("县名与计划年份", "County and plan year"),
            Step::Targets => (
                "各指标上年实际与今年目标",
                "Each indicator's last year and target",
            ),
            Step::Quarters => ("季度占比", "Quarterly shares"),
            Step::Enterprises => ("企业名单与上年基数", "Enterprises and their bases"),
        }
    }
}

/// One step: done or not, and what is missing (or what was found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub step: Step,
    pub done: bool,
    pub detail: Bilingual,
}

/// The steps of `s`, each done or with what it lacks.
pub fn checklist(s: &Scenario) -> Vec<Item> {
    Step::ALL.map(|step| item(s, step)).into()
}

/// Whether anything is still missing.
pub fn incomplete(s: &Scenario) -> bool {
    checklist(s).iter().any(|i| !i.done)
}

fn item(s: &Scenario, step: Step) -> Item {
    let (done, detail) = match step {
        Step::CountyAndYear => {
            let done = !s.county.trim().is_empty();
            let detail = if done {
                Bilingual::new(
                    format!("{}，{} 年", s.county, s.plan_year),
                    format!("{}, {}", s.county, s.plan_year),
                )
            } else {
                Bilingual::new("还没有县名", "no county name yet")
            };
            (done, detail)
        }
        Step::Targets => {
            let missing: Vec<Indicator> = s
                .indicators
                .iter()
                .filter(|i| !i.base_actual.is_positive() || !has_target(i.target))
                .map(|i| i.indicator)
                .collect();
            let names = |f: fn(Indicator) -> &'static str, sep: &str| {
                missing.iter().map(|k| f(*k)).collect::<Vec<_>>().join(sep)
            };
            let detail = if missing.is_empty() {
                Bilingual::new(
                    format!("{} 项指标都已填写", s.indicators.len()),
                    format!("all {} indicators filled in", s.indicators.len()),
                )
            } else {
                Bilingual::new(
                    format!("还缺：{}", names(Indicator::zh, "、")),
                    format!("missing: {}", names(Indicator::en, ", ")),
                )
            };
            (missing.is_empty(), detail)
        }
        Step::Quarters => {
            let sum: Dec = s.quarter_shares.iter().sum();
            let shares = s.quarter_shares.map(super::format::rate_text).join("%、");
            let done = sum == Dec::ONE;
            let detail = if done {
                Bilingual::new(
                    format!("{shares}%（请按本县情况核对）"),
                    format!(
                        "{}% (check them against the county)",
                        shares.replace('、', ", ")
                    ),
                )
            } else {
                Bilingual::new("合计不是 100%", "they do not add up to 100%")
            };
            (done, detail)
        }
        Step::Enterprises => {
            let enterprises = s.tree.industries.iter().flat_map(|i| &i.enterprises);
            let count = enterprises.clone().count();
            let without_base = enterprises
                .filter(|e| {
                    e.node
                        .base
                        .get(Indicator::Output)
                        .is_none_or(|b| !b.is_positive())
                })
                .count();
            let detail = if count == 0 {
                Bilingual::new(
                    "还没有企业：可以在“方案”区导入本县的企业名单（Excel、WPS 或 CSV 文件，或粘贴）",
                    "no enterprise yet: import the county's list in Scenarios (an Excel, WPS or CSV file, or pasted rows)",
                )
            } else if without_base > 0 {
                Bilingual::new(
                    format!("{count} 家企业，其中 {without_base} 家没有上年产值基数"),
                    format!("{count} enterprises, {without_base} without a base output"),
                )
            } else {
                Bilingual::new(format!("{count} 家企业"), format!("{count} enterprises"))
            };
            (count > 0 && without_base == 0, detail)
        }
    };
    Item { step, done, detail }
}

fn has_target(t: TargetSpec) -> bool {
    match t {
        TargetSpec::Amount(a) => a.is_positive(),
        // A growth or a multiple was typed: a target (even 0%) was chosen.
        TargetSpec::Growth(_) | TargetSpec::Multiple(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::{blank, example};

    #[test]
    fn the_example_lacks_nothing() {
        assert!(checklist(&example()).iter().all(|i| i.done));
        assert!(!incomplete(&example()));
    }

    #[test]
    fn a_blank_scenario_lacks_county_targets_and_enterprises_and_fills_step_by_step() {
        let mut s = blank();
        let done = |s: &Scenario| checklist(s).iter().map(|i| i.done).collect::<Vec<_>>();
        assert_eq!(done(&s), [false, false, true, false]);
        let items = checklist(&s);
        assert!(items[1].detail.zh.starts_with("还缺：规上产值、规上增加值"));
        assert!(items[3].detail.zh.starts_with("还没有企业"));
        s.county = "东山县".into();
        for i in &mut s.indicators {
            i.base_actual = Dec::int(10);
            i.target = TargetSpec::Growth(Dec::ZERO);
        }
        assert_eq!(done(&s), [true, true, true, false]);
        assert_eq!(checklist(&s)[0].detail.zh, "东山县，2022 年");
        let mut e = example().tree.industries[0].enterprises[0].clone();
        e.node.base.set(Indicator::Output, None);
        s.tree.industry_mut(0).enterprises.push(e);
        assert_eq!(
            checklist(&s)[3].detail.zh,
            "1 家企业，其中 1 家没有上年产值基数"
        );
    }
}
