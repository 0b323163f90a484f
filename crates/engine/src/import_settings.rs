//! The settings sheet of an exported workbook (设置), read back: county, scenario name, plan
//! year, the county's quarter shares, and per indicator last year's actual, plan and the year
//! before's, this year's target or growth and its quarter shares. Each value that differs from
//! the scenario is a change, listed before anything is applied; a cell that cannot be read is a
//! problem naming its row and column, and changes nothing.

use super::calendar::{quarter_en, quarter_zh};
use super::i18n::Bilingual;
use super::import::{column_letter, Table};
use super::indicator::Indicator;
use super::num::{Dec, Step};
use super::number::parse_number;
use super::plan::Plan;
use super::scenario::{Scenario, TargetSpec};

/// One setting the sheet changes.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingChange {
    County(String),
    Name(String),
    PlanYear(i32),
    CountyShares([Dec; 4]),
    BaseActual(Indicator, Dec),
    LastYearPlan(Indicator, Dec),
    YearBefore(Indicator, Dec),
    Target(Indicator, TargetSpec),
    /// The indicator's own quarter shares (different from the county's).
    OwnShares(Indicator, [Dec; 4]),
    /// Last year's quarterly actuals.
    BaseQuarters(Indicator, [Dec; 4]),
}

/// What the sheet would change, each with its description, and the cells it could not read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SettingsPreview {
    pub changes: Vec<(SettingChange, Bilingual)>,
    pub problems: Vec<Bilingual>,
}

/// Whether a sheet is a settings sheet: its first cell says 项目 / Setting.
pub fn is_settings(table: &Table) -> bool {
    table
        .rows
        .first()
        .and_then(|(_, r)| r.first())
        .is_some_and(|c| matches!(c.trim(), "项目" | "Setting"))
}

fn indicator_named(name: &str) -> Option<Indicator> {
    let n = name.trim().to_lowercase();
    Indicator::ALL
        .into_iter()
        .find(|k| k.zh() == name.trim() || k.en().to_lowercase() == n)
}

/// What a label names: (zh, en) of each key the export writes.
#[derive(Clone, Copy, PartialEq)]
enum Key {
    County,
    Name,
    PlanYear,
    Share(usize),
}

fn key_of(label: &str) -> Option<Key> {
    let l = label.trim();
    match l {
        "县名" | "County" => return Some(Key::County),
        "方案名称" | "Scenario" => return Some(Key::Name),
        "计划年份" | "Plan year" => return Some(Key::PlanYear),
        _ => {}
    }
    (0..4).find_map(|q| {
        (l == format!("{}占比（%）", quarter_zh(q)) || l == format!("{} share (%)", quarter_en(q)))
            .then_some(Key::Share(q))
    })
}

/// Columns of the indicator table, by their header.
#[derive(Clone, Copy, PartialEq)]
enum IndicatorColumn {
    Base,
    Plan,
    Before,
    Target,
    Growth,
    Share(usize),
    BaseQuarter(usize),
}

fn indicator_column(header: &str) -> Option<IndicatorColumn> {
    let h = header.trim();
    let starts = |zh: &str, en: &str| h.starts_with(zh) || h.starts_with(en);
    if let Some(q) = (0..4).find(|&q| {
        h == format!("上年{}（亿元）", quarter_zh(q))
            || h == format!("Last year's {} (100M CNY)", quarter_en(q))
    }) {
        Some(IndicatorColumn::BaseQuarter(q))
    } else if starts("上年实际", "Last year's actual") {
        Some(IndicatorColumn::Base)
    } else if starts("上年计划", "Last year's plan") {
        Some(IndicatorColumn::Plan)
    } else if starts("前年实际", "The year before") {
        Some(IndicatorColumn::Before)
    } else if starts("今年目标", "Target") {
        Some(IndicatorColumn::Target)
    } else if starts("增长率", "Growth") {
        Some(IndicatorColumn::Growth)
    } else {
        match key_of(h) {
            Some(Key::Share(q)) => Some(IndicatorColumn::Share(q)),
            _ => None,
        }
    }
}

/// Shares typed as 22% in a spreadsheet are kept there as 0.22, and read here (as hundredths
/// of a percent) as 0.0022: four that add up to 1% are such fractions, and are scaled back.
fn typed_as_percent(shares: [Dec; 4]) -> [Dec; 4] {
    if shares.iter().sum::<Dec>() == Dec::PERCENT {
        shares.map(|x| x.mul_ratio(100, 1).unwrap_or(x))
    } else {
        shares
    }
}

/// Read a settings sheet against the scenario and its plan.
pub fn preview(s: &Scenario, p: &Plan, table: &Table) -> SettingsPreview {
    let mut out = SettingsPreview::default();
    let mut shares = s.quarter_shares;
    let mut columns: Vec<Option<IndicatorColumn>> = Vec::new();
    let mut in_indicators = false;
    for (line, row) in &table.rows {
        let cell = |i: usize| row.get(i).map(|c| c.trim()).unwrap_or("");
        let bad = |i: usize, why: Bilingual| {
            Bilingual::new(
                format!(
                    "设置表第 {line} 行 {} 列：“{}”{}",
                    column_letter(i),
                    cell(i),
                    why.zh
                ),
                format!(
                    "settings sheet row {line}, column {}: “{}” {}",
                    column_letter(i),
                    cell(i),
                    why.en
                ),
            )
        };
        let label = cell(0);
        if label == "指标" || label == "Indicator" {
            in_indicators = true;
            columns = row.iter().map(|h| indicator_column(h)).collect();
            continue;
        }
        if label.is_empty() {
            continue;
        }
        if !in_indicators {
            match key_of(label) {
                Some(Key::County) if cell(1) != s.county => out.changes.push((
                    SettingChange::County(cell(1).to_string()),
                    Bilingual::new(
                        format!("县名：{} → {}", s.county, cell(1)),
                        format!("county: {} → {}", s.county, cell(1)),
                    ),
                )),
                Some(Key::Name) if !cell(1).is_empty() && cell(1) != s.name => out.changes.push((
                    SettingChange::Name(cell(1).to_string()),
                    Bilingual::new(
                        format!("方案名称：{} → {}", s.name, cell(1)),
                        format!("scenario name: {} → {}", s.name, cell(1)),
                    ),
                )),
                Some(Key::PlanYear) => match parse_number(cell(1)) {
                    Ok(n) if n.unit.is_none() && n.value.fits(0) => {
                        let year =
                            n.value.floor_int().clamp(i32::MIN.into(), i32::MAX.into()) as i32;
                        if year != s.plan_year {
                            out.changes.push((
                                SettingChange::PlanYear(year),
                                Bilingual::new(
                                    format!("计划年份：{} → {year}", s.plan_year),
                                    format!("plan year: {} → {year}", s.plan_year),
                                ),
                            ));
                        }
                    }
                    Ok(_) => out
                        .problems
                        .push(bad(1, Bilingual::new("不是年份", "is not a year"))),
                    Err(why) => out.problems.push(bad(1, why)),
                },
                Some(Key::Share(q)) => match parse_number(cell(1)).and_then(|n| n.as_fraction()) {
                    Ok(v) => shares[q] = v,
                    Err(why) => out.problems.push(bad(1, why)),
                },
                _ => {}
            }
            continue;
        }
        let Some(k) = indicator_named(label) else {
            continue;
        };
        let (Some(input), Some(planned)) = (s.indicator(k), p.indicator(k)) else {
            continue;
        };
        let name = Bilingual::new(k.zh(), k.en());
        let mut own = input.quarter_shares.unwrap_or(s.quarter_shares);
        let mut quarters = input.base_quarters.unwrap_or([Dec::ZERO; 4]);
        let (mut target, mut growth) = (None, None);
        for (i, column) in columns.iter().enumerate() {
            let Some(column) = column else { continue };
            if cell(i).is_empty() {
                continue;
            }
            let read = match column {
                IndicatorColumn::Growth | IndicatorColumn::Share(_) => {
                    parse_number(cell(i)).and_then(|n| n.as_fraction())
                }
                _ => parse_number(cell(i)).and_then(|n| n.in_yi()),
            };
            let v = match read {
                Ok(v) if v.is_negative() && !matches!(column, IndicatorColumn::Growth) => {
                    out.problems
                        .push(bad(i, Bilingual::new("不能为负数", "must not be negative")));
                    continue;
                }
                Ok(v) => v,
                Err(why) => {
                    out.problems.push(bad(i, why));
                    continue;
                }
            };
            let amount = |what: (&str, &str), old: Option<Dec>| {
                Bilingual::new(
                    format!(
                        "{} {}：{} → {}",
                        name.zh,
                        what.0,
                        old.map(super::format::plain).unwrap_or_default(),
                        super::format::plain(v)
                    ),
                    format!(
                        "{} {}: {} → {}",
                        name.en,
                        what.1,
                        old.map(super::format::plain).unwrap_or_default(),
                        super::format::plain(v)
                    ),
                )
            };
            match column {
                IndicatorColumn::Base if v != input.base_actual => out.changes.push((
                    SettingChange::BaseActual(k, v),
                    amount(
                        ("上年实际（亿元）", "last year's actual"),
                        Some(input.base_actual),
                    ),
                )),
                IndicatorColumn::Plan if Some(v) != input.last_year_plan => out.changes.push((
                    SettingChange::LastYearPlan(k, v),
                    amount(
                        ("上年计划（亿元）", "last year's plan"),
                        input.last_year_plan,
                    ),
                )),
                IndicatorColumn::Before if Some(v) != input.year_before_actual => {
                    out.changes.push((
                        SettingChange::YearBefore(k, v),
                        amount(
                            ("前年实际（亿元）", "the year before's actual"),
                            input.year_before_actual,
                        ),
                    ))
                }
                // As shown (to the hundredth) a figure left alone is no change; one typed finer
                // than that is compared exactly.
                IndicatorColumn::Target
                    if v.units(Step::YI_2) != planned.target_units
                        || (!v.fits(2) && v != planned.target) =>
                {
                    target = Some(v)
                }
                IndicatorColumn::Growth
                    if planned.growth.map(|g| g.units(Step::PERCENT_2))
                        != Some(v.units(Step::PERCENT_2)) =>
                {
                    growth = Some(v)
                }
                IndicatorColumn::Share(q) => own[*q] = v,
                IndicatorColumn::BaseQuarter(q) => quarters[*q] = v,
                _ => {}
            }
        }
        // A changed target wins over a changed growth (the growth then follows it).
        if let Some(v) = target {
            out.changes.push((
                SettingChange::Target(k, TargetSpec::Amount(v)),
                Bilingual::new(
                    format!(
                        "{} 今年目标：{} → {}亿元",
                        name.zh,
                        super::format::fixed_units(planned.target_units, 2),
                        super::format::plain(v)
                    ),
                    format!(
                        "{} target: {} → {} (100M CNY)",
                        name.en,
                        super::format::fixed_units(planned.target_units, 2),
                        super::format::plain(v)
                    ),
                ),
            ));
        } else if let Some(g) = growth {
            out.changes.push((
                SettingChange::Target(k, TargetSpec::Growth(g)),
                Bilingual::new(
                    format!("{} 增长率：{}%", name.zh, super::format::rate_text(g)),
                    format!("{} growth: {}%", name.en, super::format::rate_text(g)),
                ),
            ));
        }
        if own != input.quarter_shares.unwrap_or(s.quarter_shares) {
            own = typed_as_percent(own);
        }
        if quarters != input.base_quarters.unwrap_or([Dec::ZERO; 4]) {
            out.changes.push((
                SettingChange::BaseQuarters(k, quarters),
                Bilingual::new(
                    format!(
                        "{} 上年分季度（亿元）：{}",
                        name.zh,
                        quarters.map(super::format::plain).join("、")
                    ),
                    format!(
                        "{} last year's quarters (100M CNY): {}",
                        name.en,
                        quarters.map(super::format::plain).join(", ")
                    ),
                ),
            ));
        }
        if own != input.quarter_shares.unwrap_or(s.quarter_shares) {
            out.changes.push((
                SettingChange::OwnShares(k, own),
                Bilingual::new(
                    format!(
                        "{} 季度占比：{}%",
                        name.zh,
                        own.map(super::format::rate_text).join("%、")
                    ),
                    format!(
                        "{} quarter shares: {}%",
                        name.en,
                        own.map(super::format::rate_text).join("%, ")
                    ),
                ),
            ));
        }
    }
    if shares != s.quarter_shares {
        shares = typed_as_percent(shares);
    }
    if shares != s.quarter_shares {
        out.changes.insert(
            0,
            (
                SettingChange::CountyShares(shares),
                Bilingual::new(
                    format!(
                        "全县季度占比：{}%",
                        shares.map(super::format::rate_text).join("%、")
                    ),
                    format!(
                        "county quarter shares: {}%",
                        shares.map(super::format::rate_text).join("%, ")
                    ),
                ),
            ),
        );
    }
    out
}

/// Apply the changes of a settings preview.
pub fn apply(s: &mut Scenario, changes: &[(SettingChange, Bilingual)]) {
    for (change, _) in changes {
        match change {
            SettingChange::County(c) => s.county = c.clone(),
            SettingChange::Name(n) => s.name = n.clone(),
            SettingChange::PlanYear(y) => s.plan_year = *y,
            SettingChange::CountyShares(q) => {
                // Indicators that followed the county keep following it.
                s.quarter_shares = *q;
            }
            SettingChange::BaseActual(k, v) => {
                if let Some(i) = s.indicator_mut(*k) {
                    i.base_actual = *v;
                }
            }
            SettingChange::LastYearPlan(k, v) => {
                if let Some(i) = s.indicator_mut(*k) {
                    i.last_year_plan = Some(*v);
                }
            }
            SettingChange::YearBefore(k, v) => {
                if let Some(i) = s.indicator_mut(*k) {
                    i.year_before_actual = Some(*v);
                }
            }
            SettingChange::Target(k, spec) => {
                super::edit::set_target(s, *k, *spec);
            }
            SettingChange::BaseQuarters(k, q) => {
                if let Some(i) = s.indicator_mut(*k) {
                    i.base_quarters = Some(*q);
                }
            }
            SettingChange::OwnShares(k, q) => {
                let county = s.quarter_shares;
                if let Some(i) = s.indicator_mut(*k) {
                    i.quarter_shares = (*q != county).then_some(*q);
                }
            }
        }
    }
}
