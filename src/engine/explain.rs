//! Every derived figure can say how it was computed: the formula with its operands, in the
//! speech's vocabulary, in Chinese and English. A node's quota points up to the figure it
//! came from, so a trainer can walk from a factory's daily quota to the county target.

use super::calendar::{quarter_en, quarter_zh};
use super::format::{fixed_units, percent, percent2, trimmed, wan, yi};
use super::i18n::{Bilingual, Lang};
use super::indicator::Indicator;
use super::plan::{node_at, Level, NodeFigures, Plan};
use super::round::Precision;
use super::scenario::{Scenario, SplitMethod, TargetSpec};
use super::target::{growth_phrase, growth_words};

/// A derived figure of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    Target(Indicator),
    Growth(Indicator),
    Completion(Indicator),
    QuarterAmount(Indicator, usize),
    Cumulative(Indicator, usize),
    TaskProgress(Indicator, usize),
    TimeProgress(usize),
    Daily(Indicator, usize),
    QuarterGrowth(Indicator, usize),
    /// A node (index into `Plan::nodes`) and an indicator.
    NodeQuota(usize, Indicator),
    NodeShare(usize, Indicator),
    NodeGrowth(usize, Indicator),
    NodeQ1(usize, Indicator),
    NodeDaily(usize, Indicator),
    NodeGap(usize, Indicator),
    GdpTarget,
    IndustryVaTarget,
    GdpShare,
    GdpShareChange,
    GdpVaNeeded,
    FiveYearTarget,
    FiveYearMultiple,
    FiveYearCagr,
    FiveYearPath(usize),
    FiveYearShare,
    FiveYearShareChange,
    FiveYearVaNeeded,
    SalesAnnual,
    SalesQ1,
    ProjectsToStart,
    Q1Investment,
    ParkOutput(usize),
    FleetCount,
}

/// How one figure was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub figure: Figure,
    /// What the figure is (e.g. 一季度产值).
    pub label: Bilingual,
    /// The formula with its operands and result.
    pub formula: Bilingual,
    /// The figure this one was derived from, towards the county target.
    pub up: Option<Figure>,
}

fn both(lang_fn: impl Fn(Lang) -> String) -> Bilingual {
    Bilingual::new(lang_fn(Lang::Zh), lang_fn(Lang::En))
}

/// An amount at a precision: 亿元 or 万元 with two decimals.
fn amount(x: f64, precision: Precision, lang: Lang) -> String {
    match precision {
        Precision::Yi2 => yi(x, lang),
        Precision::Wan2 => wan(x, lang),
    }
}

/// Display units as text with their unit.
fn units_text(units: i64, precision: Precision, lang: Lang) -> String {
    let unit = match (precision, lang) {
        (Precision::Yi2, Lang::Zh) => "亿元",
        (Precision::Yi2, Lang::En) => " (100M CNY)",
        (Precision::Wan2, Lang::Zh) => "万元",
        (Precision::Wan2, Lang::En) => " (10k CNY)",
    };
    format!("{}{unit}", fixed_units(units, 2))
}

/// The result as shown (rounded so that it adds up); where that differs from rounding the
/// value alone, say why.
fn shown(exact: f64, units: i64, precision: Precision, lang: Lang) -> String {
    let text = units_text(units, precision, lang);
    if precision.units(exact) == units {
        text
    } else {
        match lang {
            Lang::Zh => format!("{text}（按最大余额法取整，使各项之和等于上级）"),
            Lang::En => {
                format!("{text} (largest-remainder rounding, so the parts add up to the whole)")
            }
        }
    }
}

fn q_name(q: usize, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => quarter_zh(q),
        Lang::En => quarter_en(q),
    }
}

/// A share as shown (siblings' shares add up to 100.00%), with a note where that differs
/// from rounding it alone.
fn shown_share(f: &NodeFigures, lang: Lang) -> String {
    let text = format!("{}%", fixed_units(f.share_units, 2));
    if text == percent2(f.share_of_parent) {
        text
    } else {
        match lang {
            Lang::Zh => format!("{text}（按最大余额法取整，使同级合计为 100%）"),
            Lang::En => format!("{text} (largest-remainder rounding, so siblings add up to 100%)"),
        }
    }
}

/// The node's display name (the county's name for the root).
pub fn node_name(s: &Scenario, p: &Plan, node: usize) -> String {
    match p.nodes.get(node) {
        Some(info) if info.level == Level::County => {
            if s.county.is_empty() {
                "全县".into()
            } else {
                s.county.clone()
            }
        }
        Some(info) => node_at(s, &info.path)
            .map(|n| n.name.clone())
            .unwrap_or_default(),
        None => String::new(),
    }
}

/// Explain a figure; `None` when the plan has no such figure.
pub fn explain(s: &Scenario, p: &Plan, figure: Figure) -> Option<Explanation> {
    use Figure::*;
    let e = |label: Bilingual, formula: Bilingual, up: Option<Figure>| Explanation {
        figure,
        label,
        formula,
        up,
    };
    match figure {
        Target(k) => {
            let ip = p.indicator(k)?;
            let input = s.indicator(k)?;
            let label = both(|l| match l {
                Lang::Zh => format!("{}全年目标", k.zh()),
                Lang::En => format!("annual {} target", k.en()),
            });
            let formula = match input.target {
                TargetSpec::Amount(_) => both(|l| match l {
                    Lang::Zh => format!("{}全年目标 = 直接设定 {}", k.zh(), yi(ip.target, l)),
                    Lang::En => format!(
                        "annual {} target = set directly: {}",
                        k.en(),
                        yi(ip.target, l)
                    ),
                }),
                TargetSpec::Growth(g) => both(|l| match l {
                    Lang::Zh => format!(
                        "{}全年目标 = 上年实际 {} × (1 + 增长率 {}) = {}（{}）",
                        k.zh(),
                        yi(ip.base, l),
                        percent(g),
                        yi(ip.target, l),
                        growth_phrase(g).zh
                    ),
                    Lang::En => format!(
                        "annual {} target = last year's actual {} × (1 + growth {}) = {}",
                        k.en(),
                        yi(ip.base, l),
                        percent(g),
                        yi(ip.target, l)
                    ),
                }),
                TargetSpec::Multiple(m) => both(|l| match l {
                    Lang::Zh => format!(
                        "{}全年目标 = 上年实际 {} × {}倍 = {}（是上年的{}倍，即{}）",
                        k.zh(),
                        yi(ip.base, l),
                        trimmed(m, 2),
                        yi(ip.target, l),
                        trimmed(m, 2),
                        growth_words(m - 1.0).zh
                    ),
                    Lang::En => format!(
                        "annual {} target = last year's actual {} × {} = {} ({} times last year)",
                        k.en(),
                        yi(ip.base, l),
                        trimmed(m, 2),
                        yi(ip.target, l),
                        trimmed(m, 2)
                    ),
                }),
            };
            Some(e(label, formula, None))
        }
        Growth(k) => {
            let ip = p.indicator(k)?;
            let g = ip.growth?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{}增长率", k.zh()),
                    Lang::En => format!("{} growth", k.en()),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "增长率 = 全年目标 {} ÷ 上年实际 {} − 1 = {}（{}）",
                        yi(ip.target, l),
                        yi(ip.base, l),
                        percent2(g),
                        growth_phrase(g).zh
                    ),
                    Lang::En => format!(
                        "growth = annual target {} ÷ last year's actual {} − 1 = {}",
                        yi(ip.target, l),
                        yi(ip.base, l),
                        percent2(g)
                    ),
                }),
                Some(Target(k)),
            ))
        }
        Completion(k) => {
            let ip = p.indicator(k)?;
            let c = ip.completion?;
            let plan = ip.last_year_plan?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{}上年计划完成率", k.zh()),
                    Lang::En => format!("{} completion of last year's plan", k.en()),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "完成率 = 上年实际 {} ÷ 年计划 {} = {}（占年计划{}的{}）",
                        yi(ip.base, l),
                        yi(plan, l),
                        percent2(c),
                        yi(plan, l),
                        percent2(c)
                    ),
                    Lang::En => format!(
                        "completion = last year's actual {} ÷ the year's plan {} = {}",
                        yi(ip.base, l),
                        yi(plan, l),
                        percent2(c)
                    ),
                }),
                None,
            ))
        }
        QuarterAmount(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{}{}", q_name(q, l), k.zh()),
                    Lang::En => format!("{} {}", q_name(q, l), k.en()),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "{q}{k} = 全年目标 {} × {q}占比 {} = {}",
                        yi(ip.target, l),
                        percent(ip.shares[q]),
                        shown(qp.amount, qp.amount_units, Precision::Yi2, l),
                        q = q_name(q, l),
                        k = k.zh()
                    ),
                    Lang::En => format!(
                        "{q} {k} = annual target {} × {q} share {} = {}",
                        yi(ip.target, l),
                        percent(ip.shares[q]),
                        shown(qp.amount, qp.amount_units, Precision::Yi2, l),
                        q = q_name(q, l),
                        k = k.en()
                    ),
                }),
                Some(Target(k)),
            ))
        }
        Cumulative(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            let terms = |l: Lang| {
                ip.quarters[..=q]
                    .iter()
                    .map(|x| units_text(x.amount_units, Precision::Yi2, l))
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("截至{}累计{}", q_name(q, l), k.zh()),
                    Lang::En => format!("cumulative {} to the end of {}", k.en(), q_name(q, l)),
                }),
                both(|l| {
                    format!(
                        "{} = {}",
                        terms(l),
                        units_text(qp.cumulative_units, Precision::Yi2, l)
                    )
                }),
                Some(QuarterAmount(k, q)),
            ))
        }
        TaskProgress(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            let shares = ip.shares[..=q]
                .iter()
                .map(|s| percent(*s))
                .collect::<Vec<_>>()
                .join(" + ");
            let behind = qp.progress_gap < 0.0;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("截至{}任务进度", q_name(q, l)),
                    Lang::En => format!("task progress to the end of {}", q_name(q, l)),
                }),
                both(|l| {
                    match l {
                    Lang::Zh => format!(
                        "任务进度 = {shares} = {}；时间进度 {}；{}{} 个百分点",
                        percent2(qp.task_progress),
                        percent2(qp.time_progress),
                        if behind { "落后时间进度 " } else { "超前时间进度 " },
                        trimmed(qp.progress_gap.abs() * 100.0, 2)
                    ),
                    Lang::En => format!(
                        "task progress = {shares} = {}; time progress {}; {} time by {} percentage points",
                        percent2(qp.task_progress),
                        percent2(qp.time_progress),
                        if behind { "behind" } else { "ahead of" },
                        trimmed(qp.progress_gap.abs() * 100.0, 2)
                    ),
                }
                }),
                Some(TimeProgress(q)),
            ))
        }
        TimeProgress(q) => {
            let elapsed: u32 = p.calendar_days[..=q].iter().sum();
            let tp = *p.time_progress.get(q)?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("截至{}时间进度", q_name(q, l)),
                    Lang::En => format!("time progress to the end of {}", q_name(q, l)),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "时间进度 = 已过天数 {elapsed} ÷ 全年天数 {} = {}{}",
                        p.days_in_year,
                        percent2(tp),
                        if p.days_in_year == 366 {
                            "（闰年）"
                        } else {
                            ""
                        }
                    ),
                    Lang::En => format!(
                        "time progress = days elapsed {elapsed} ÷ days in the year {} = {}{}",
                        p.days_in_year,
                        percent2(tp),
                        if p.days_in_year == 366 {
                            " (leap year)"
                        } else {
                            ""
                        }
                    ),
                }),
                None,
            ))
        }
        Daily(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{}日均{}", q_name(q, l), k.zh()),
                    Lang::En => format!("{} daily {}", q_name(q, l), k.en()),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "日均任务 = {}{} {} ÷ {} 天 = {}",
                        q_name(q, l),
                        k.zh(),
                        units_text(qp.amount_units, Precision::Yi2, l),
                        p.quota_days[q],
                        units_text(qp.daily_units, Precision::Wan2, l)
                    ),
                    Lang::En => format!(
                        "daily quota = {} {} {} ÷ {} days = {}",
                        q_name(q, l),
                        k.en(),
                        units_text(qp.amount_units, Precision::Yi2, l),
                        p.quota_days[q],
                        units_text(qp.daily_units, Precision::Wan2, l)
                    ),
                }),
                Some(QuarterAmount(k, q)),
            ))
        }
        QuarterGrowth(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            let g = qp.yoy_growth?;
            let b = qp.base_amount?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{}{}同比增长要求", q_name(q, l), k.zh()),
                    Lang::En => format!("{} {} year-on-year growth needed", q_name(q, l), k.en()),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "同比增长 = {q}任务 {} ÷ 上年{q} {} − 1 = {}",
                        yi(qp.amount, l),
                        yi(b, l),
                        percent2(g),
                        q = q_name(q, l)
                    ),
                    Lang::En => format!(
                        "year-on-year growth = {q} quota {} ÷ last year's {q} {} − 1 = {}",
                        yi(qp.amount, l),
                        yi(b, l),
                        percent2(g),
                        q = q_name(q, l)
                    ),
                }),
                Some(QuarterAmount(k, q)),
            ))
        }
        NodeQuota(node, k) => {
            node_quota(s, p, node, k).map(|(label, formula, up)| e(label, formula, up))
        }
        NodeShare(node, k) => {
            let f = p.figures(node, k)?;
            let parent = p.nodes.get(node)?.parent? as usize;
            let pf = p.figures(parent, k)?;
            let prec = p.tree_precision;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{} 占上级比重", node_name(s, p, node)),
                    Lang::En => format!("{}: share of its parent", node_name(s, p, node)),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "比重 = 本级任务 {} ÷ {} 任务 {} = {}",
                        amount(f.quota, prec, l),
                        node_name(s, p, parent),
                        amount(pf.quota, prec, l),
                        shown_share(f, l)
                    ),
                    Lang::En => format!(
                        "share = this quota {} ÷ {}'s quota {} = {}",
                        amount(f.quota, prec, l),
                        node_name(s, p, parent),
                        amount(pf.quota, prec, l),
                        shown_share(f, l)
                    ),
                }),
                Some(NodeQuota(node, k)),
            ))
        }
        NodeGrowth(node, k) => {
            let f = p.figures(node, k)?;
            let g = p.required_growth(node, k)?;
            let prec = p.tree_precision;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{} 需增长", node_name(s, p, node)),
                    Lang::En => format!("{}: growth required", node_name(s, p, node)),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "需增长 = 任务 {} ÷ 上年基数 {} − 1 = {}（{}）",
                        amount(f.quota, prec, l),
                        amount(f.basis, prec, l),
                        percent2(g),
                        growth_phrase(g).zh
                    ),
                    Lang::En => format!(
                        "growth required = quota {} ÷ last year's base {} − 1 = {}",
                        amount(f.quota, prec, l),
                        amount(f.basis, prec, l),
                        percent2(g)
                    ),
                }),
                Some(NodeQuota(node, k)),
            ))
        }
        NodeQ1(node, k) => {
            let f = p.figures(node, k)?;
            let ip = p.indicator(k)?;
            let q1 = p.node_q1(node, k)?;
            let prec = p.tree_precision;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{} 一季度{}任务", node_name(s, p, node), k.zh()),
                    Lang::En => format!("{}: Q1 {} quota", node_name(s, p, node), k.en()),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "一季度任务 = 全年任务 {} × 一季度占比 {} = {}",
                        units_text(f.quota_units, prec, l),
                        percent(ip.shares[0]),
                        shown(q1, f.q1_units, prec, l)
                    ),
                    Lang::En => format!(
                        "Q1 quota = annual quota {} × Q1 share {} = {}",
                        units_text(f.quota_units, prec, l),
                        percent(ip.shares[0]),
                        shown(q1, f.q1_units, prec, l)
                    ),
                }),
                Some(NodeQuota(node, k)),
            ))
        }
        NodeDaily(node, k) => {
            let f = p.figures(node, k)?;
            let daily = p.node_daily_q1(node, k)?;
            let prec = p.tree_precision;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{} 一季度日均{}任务", node_name(s, p, node), k.zh()),
                    Lang::En => format!("{}: Q1 daily {} quota", node_name(s, p, node), k.en()),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "日均任务 = 一季度任务 {} ÷ {} 天 = {}",
                        units_text(f.q1_units, prec, l),
                        p.quota_days[0],
                        shown(daily, f.daily_q1_units, Precision::Wan2, l)
                    ),
                    Lang::En => format!(
                        "daily quota = Q1 quota {} ÷ {} days = {}",
                        units_text(f.q1_units, prec, l),
                        p.quota_days[0],
                        shown(daily, f.daily_q1_units, Precision::Wan2, l)
                    ),
                }),
                Some(NodeQ1(node, k)),
            ))
        }
        NodeGap(node, k) => {
            let f = p.figures(node, k)?;
            let gap = f.children_gap?;
            let committed: f64 = p
                .children(node)
                .filter_map(|c| p.figures(c, k))
                .filter(|c| !c.held)
                .filter_map(|c| c.commitment)
                .sum();
            let held: f64 = p
                .children(node)
                .filter_map(|c| p.figures(c, k))
                .filter(|c| c.held)
                .map(|c| c.quota)
                .sum();
            let prec = p.tree_precision;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{} {}缺口", node_name(s, p, node), k.zh()),
                    Lang::En => format!("{}: {} gap", node_name(s, p, node), k.en()),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "缺口 = 任务 {} − 锁定 {} − 自报合计 {} = {}{}",
                        amount(f.quota, prec, l),
                        amount(held, prec, l),
                        amount(committed, prec, l),
                        amount(gap, prec, l),
                        if f.children_gap.is_some() && gap < 0.0 {
                            "（自报超出任务）"
                        } else {
                            ""
                        }
                    ),
                    Lang::En => format!(
                        "gap = quota {} − held {} − commitments {} = {}{}",
                        amount(f.quota, prec, l),
                        amount(held, prec, l),
                        amount(committed, prec, l),
                        amount(gap, prec, l),
                        if gap < 0.0 {
                            " (commitments exceed the quota)"
                        } else {
                            ""
                        }
                    ),
                }),
                Some(NodeQuota(node, k)),
            ))
        }
        GdpTarget => {
            let g = p.gdp.as_ref()?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => "全县GDP目标".into(),
                    Lang::En => "county GDP target".into(),
                }),
                target_formula(g.gdp_base, g.gdp_target, g.gdp_growth, "GDP", "GDP"),
                None,
            ))
        }
        IndustryVaTarget => {
            let g = p.gdp.as_ref()?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => "全部工业增加值目标".into(),
                    Lang::En => "all-industry value added target".into(),
                }),
                target_formula(
                    g.va_base,
                    g.va_target,
                    g.va_growth,
                    "全部工业增加值",
                    "industry value added",
                ),
                None,
            ))
        }
        GdpShare => {
            let g = p.gdp.as_ref()?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => "工业增加值占GDP比重".into(),
                    Lang::En => "industry's share of GDP".into(),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "占比 = 全部工业增加值 {} ÷ 全县GDP {} = {}",
                        yi(g.va_target, l),
                        yi(g.gdp_target, l),
                        percent2(g.share_target)
                    ),
                    Lang::En => format!(
                        "share = industry value added {} ÷ county GDP {} = {}",
                        yi(g.va_target, l),
                        yi(g.gdp_target, l),
                        percent2(g.share_target)
                    ),
                }),
                Some(IndustryVaTarget),
            ))
        }
        GdpShareChange => {
            let g = p.gdp.as_ref()?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => "占比变化".into(),
                    Lang::En => "change of the share".into(),
                }),
                points_formula(g.share_target, g.share_base, g.share_change_points),
                Some(GdpShare),
            ))
        }
        GdpVaNeeded => {
            let g = p.gdp.as_ref()?;
            let need = g.va_needed?;
            let share = g.wanted_share?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => "达到目标占比所需工业增加值".into(),
                    Lang::En => "industry value added needed for the wanted share".into(),
                }),
                needed_formula(share, g.gdp_target, need, g.va_target),
                Some(GdpTarget),
            ))
        }
        FiveYearTarget | FiveYearMultiple | FiveYearCagr | FiveYearPath(_) | FiveYearShare
        | FiveYearShareChange | FiveYearVaNeeded => {
            five_year(s, p, figure).map(|(a, b, c)| e(a, b, c))
        }
        SalesAnnual | SalesQ1 => {
            let sp = p.sales.as_ref()?;
            let o = p.indicator(Indicator::Output)?;
            let (out, value, zh_scope, en_scope, up) = if figure == SalesAnnual {
                (
                    o.target,
                    sp.annual,
                    "全年",
                    "annual",
                    Target(Indicator::Output),
                )
            } else {
                (
                    o.quarters[0].amount,
                    sp.q1,
                    "一季度",
                    "Q1",
                    QuarterAmount(Indicator::Output, 0),
                )
            };
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{zh_scope}销售产值"),
                    Lang::En => format!("{en_scope} sales output needed"),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "销售产值 = {zh_scope}产值 {} × 产销率 {} = {}",
                        yi(out, l),
                        percent(sp.ratio),
                        yi(value, l)
                    ),
                    Lang::En => format!(
                        "sales output = {en_scope} output {} × sales-to-output ratio {} = {}",
                        yi(out, l),
                        percent(sp.ratio),
                        yi(value, l)
                    ),
                }),
                Some(up),
            ))
        }
        ProjectsToStart => {
            let pp = p.projects.as_ref()?;
            let rate = pp.q1_start_rate?;
            let n = pp.to_start_q1?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => "一季度须开工项目数".into(),
                    Lang::En => "projects to start in Q1".into(),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "须开工 = ⌈重点项目 {} 个 × 开工率 {}⌉ = {} 个",
                        pp.count,
                        percent(rate),
                        n
                    ),
                    Lang::En => format!(
                        "to start = ⌈{} key projects × start rate {}⌉ = {}",
                        pp.count,
                        percent(rate),
                        n
                    ),
                }),
                None,
            ))
        }
        Q1Investment => {
            let pp = p.projects.as_ref()?;
            let (annual, share, q1) = (
                pp.annual_investment?,
                pp.q1_investment_share?,
                pp.q1_investment?,
            );
            Some(e(
                both(|l| match l {
                    Lang::Zh => "一季度完成投资".into(),
                    Lang::En => "Q1 investment".into(),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "一季度投资 = 全年投资计划 {} × {} = {}",
                        yi(annual, l),
                        percent(share),
                        yi(q1, l)
                    ),
                    Lang::En => format!(
                        "Q1 investment = annual investment plan {} × {} = {}",
                        yi(annual, l),
                        percent(share),
                        yi(q1, l)
                    ),
                }),
                Some(Target(Indicator::Investment)),
            ))
        }
        ParkOutput(i) => {
            let park = p.parks.get(i)?;
            let name = &s.parks.get(i)?.name;
            let o = p.indicator(Indicator::Output)?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{name} 所需产值"),
                    Lang::En => format!("{name}: output needed"),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "园区产值 = 全县规上产值 {} × 占比 {} = {}",
                        yi(o.target, l),
                        percent(park.share),
                        yi(park.output_needed, l)
                    ),
                    Lang::En => format!(
                        "park output = county gross output {} × share {} = {}",
                        yi(o.target, l),
                        percent(park.share),
                        yi(park.output_needed, l)
                    ),
                }),
                Some(Target(Indicator::Output)),
            ))
        }
        FleetCount => {
            let f = p.fleet.as_ref()?;
            Some(e(
                both(|l| match l {
                    Lang::Zh => format!("{}亿元企业", trimmed(f.threshold, 2)),
                    Lang::En => format!("enterprises of {} or more", yi(f.threshold, l)),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "计划产值达到 {} 的企业：{} 家（上年 {} 家）",
                        yi(f.threshold, l),
                        f.members.len(),
                        f.base_count
                    ),
                    Lang::En => format!(
                        "enterprises whose planned output reaches {}: {} (last year {})",
                        yi(f.threshold, l),
                        f.members.len(),
                        f.base_count
                    ),
                }),
                None,
            ))
        }
    }
}

/// The explanation and every figure above it, up to the county target.
pub fn chain(s: &Scenario, p: &Plan, figure: Figure) -> Vec<Explanation> {
    let mut out = Vec::new();
    let mut next = Some(figure);
    while let Some(f) = next {
        if out.len() > 16 {
            break;
        }
        match explain(s, p, f) {
            Some(x) => {
                next = x.up;
                out.push(x);
            }
            None => break,
        }
    }
    out
}

fn target_formula(base: f64, target: f64, growth: Option<f64>, zh: &str, en: &str) -> Bilingual {
    let g = growth.map(percent2).unwrap_or_else(|| "—".into());
    both(|l| match l {
        Lang::Zh => format!(
            "{zh}目标 = 基数 {} × (1 + {g}) = {}",
            yi(base, l),
            yi(target, l)
        ),
        Lang::En => format!(
            "{en} target = base {} × (1 + {g}) = {}",
            yi(base, l),
            yi(target, l)
        ),
    })
}

fn points_formula(share: f64, share_base: f64, points: f64) -> Bilingual {
    let sign = if points >= 0.0 { "增加" } else { "减少" };
    both(|l| match l {
        Lang::Zh => format!(
            "变化 = {} − {} = {sign} {} 个百分点",
            percent2(share),
            percent2(share_base),
            super::format::fixed(points.abs(), 2)
        ),
        Lang::En => format!(
            "change = {} − {} = {} {} percentage points",
            percent2(share),
            percent2(share_base),
            if points >= 0.0 { "up" } else { "down" },
            super::format::fixed(points.abs(), 2)
        ),
    })
}

fn needed_formula(share: f64, gdp: f64, need: f64, planned: f64) -> Bilingual {
    let beyond = need - planned;
    both(|l| match l {
        Lang::Zh => format!(
            "所需增加值 = 目标占比 {} × GDP {} = {}（{} {}）",
            percent(share),
            yi(gdp, l),
            yi(need, l),
            if beyond >= 0.0 {
                "比计划多"
            } else {
                "计划已超出"
            },
            yi(beyond.abs(), l)
        ),
        Lang::En => format!(
            "value added needed = wanted share {} × GDP {} = {} ({} {})",
            percent(share),
            yi(gdp, l),
            yi(need, l),
            if beyond >= 0.0 {
                "beyond the plan by"
            } else {
                "the plan already exceeds it by"
            },
            yi(beyond.abs(), l)
        ),
    })
}

type Parts = (Bilingual, Bilingual, Option<Figure>);

fn five_year(s: &Scenario, p: &Plan, figure: Figure) -> Option<Parts> {
    use Figure::*;
    let f = p.five_year.as_ref()?;
    let input = s.five_year.as_ref()?;
    let n = f.years;
    let label = |zh: &str, en: &str| Bilingual::new(zh, en);
    match figure {
        FiveYearTarget => {
            let formula = match input.target {
                TargetSpec::Multiple(m) => both(|l| match l {
                    Lang::Zh => format!(
                        "{}年全部工业增加值 = {}年 {} × {}倍 = {}（是{}年的{}倍，即{}）",
                        f.end_year,
                        f.base_year,
                        yi(f.base, l),
                        trimmed(m, 2),
                        yi(f.target, l),
                        f.base_year,
                        trimmed(m, 2),
                        growth_words(m - 1.0).zh
                    ),
                    Lang::En => format!(
                        "industry value added {} = {} value {} × {} = {} ({} times {})",
                        f.end_year,
                        f.base_year,
                        yi(f.base, l),
                        trimmed(m, 2),
                        yi(f.target, l),
                        trimmed(m, 2),
                        f.base_year
                    ),
                }),
                _ => both(|l| match l {
                    Lang::Zh => format!("{}年全部工业增加值目标 = {}", f.end_year, yi(f.target, l)),
                    Lang::En => format!(
                        "industry value added target {} = {}",
                        f.end_year,
                        yi(f.target, l)
                    ),
                }),
            };
            Some((label("五年目标", "five-year target"), formula, None))
        }
        FiveYearMultiple => Some((
            label("五年倍数", "five-year multiple"),
            both(|l| match l {
                Lang::Zh => format!(
                    "倍数 = {}年 {} ÷ {}年 {} = {}倍（{}）",
                    f.end_year,
                    yi(f.target, l),
                    f.base_year,
                    yi(f.base, l),
                    trimmed(f.multiple, 4),
                    growth_words(f.multiple - 1.0).zh
                ),
                Lang::En => format!(
                    "multiple = {} {} ÷ {} {} = {}",
                    f.end_year,
                    yi(f.target, l),
                    f.base_year,
                    yi(f.base, l),
                    trimmed(f.multiple, 4)
                ),
            }),
            Some(FiveYearTarget),
        )),
        FiveYearCagr => Some((
            label("年均增长率", "compound annual growth"),
            both(|l| match l {
                Lang::Zh => format!(
                    "年均增长 = {}^(1/{n}) − 1 = {}",
                    trimmed(f.multiple, 4),
                    percent2(f.cagr)
                ),
                Lang::En => format!(
                    "annual growth = {}^(1/{n}) − 1 = {}",
                    trimmed(f.multiple, 4),
                    percent2(f.cagr)
                ),
            }),
            Some(FiveYearMultiple),
        )),
        FiveYearPath(k) => {
            let &(year, value) = f.path.get(k)?;
            Some((
                both(|l| match l {
                    Lang::Zh => format!("{year}年工业增加值路径"),
                    Lang::En => format!("industry value added path, {year}"),
                }),
                both(|l| match l {
                    Lang::Zh => format!(
                        "{year}年 = {} × (1 + {})^{k} = {}",
                        yi(f.base, l),
                        percent2(f.cagr),
                        yi(value, l)
                    ),
                    Lang::En => format!(
                        "{year} = {} × (1 + {})^{k} = {}",
                        yi(f.base, l),
                        percent2(f.cagr),
                        yi(value, l)
                    ),
                }),
                Some(FiveYearCagr),
            ))
        }
        FiveYearShare => {
            let share = f.share_end?;
            let gdp = f.gdp_path.as_ref()?.last()?.1;
            let growth = input.gdp_growth?;
            let gdp_base = input.gdp_base?;
            Some((
                label(
                    "期末工业增加值占GDP比重",
                    "industry's share of GDP at the end",
                ),
                both(|l| match l {
                    Lang::Zh => format!(
                        "占比 = {} ÷ GDP {}（= {} × (1 + {})^{n}）= {}",
                        yi(f.target, l),
                        yi(gdp, l),
                        yi(gdp_base, l),
                        percent(growth),
                        percent2(share)
                    ),
                    Lang::En => format!(
                        "share = {} ÷ GDP {} (= {} × (1 + {})^{n}) = {}",
                        yi(f.target, l),
                        yi(gdp, l),
                        yi(gdp_base, l),
                        percent(growth),
                        percent2(share)
                    ),
                }),
                Some(FiveYearTarget),
            ))
        }
        FiveYearShareChange => Some((
            label("占比变化", "change of the share"),
            points_formula(f.share_end?, f.share_base?, f.share_change_points?),
            Some(FiveYearShare),
        )),
        FiveYearVaNeeded => {
            let gdp = f.gdp_path.as_ref()?.last()?.1;
            Some((
                label(
                    "达到目标占比所需增加值",
                    "value added needed for the wanted share",
                ),
                needed_formula(f.wanted_share?, gdp, f.va_needed?, f.target),
                Some(FiveYearShare),
            ))
        }
        _ => None,
    }
}

fn node_quota(s: &Scenario, p: &Plan, node: usize, k: Indicator) -> Option<Parts> {
    let f: &NodeFigures = p.figures(node, k)?;
    let info = p.nodes.get(node)?;
    let prec = p.tree_precision;
    let name = node_name(s, p, node);
    let label = both(|l| match l {
        Lang::Zh => format!("{name} {}任务", k.zh()),
        Lang::En => format!("{name}: {} quota", k.en()),
    });
    let Some(parent) = info.parent.map(|x| x as usize) else {
        let formula = both(|l| match l {
            Lang::Zh => format!(
                "{name}{}任务 = 全年目标 {}",
                k.zh(),
                units_text(f.quota_units, prec, l)
            ),
            Lang::En => format!(
                "{name} {} quota = the annual target {}",
                k.en(),
                units_text(f.quota_units, prec, l)
            ),
        });
        return Some((label, formula, Some(Figure::Target(k))));
    };
    let pf = p.figures(parent, k)?;
    let parent_name = node_name(s, p, parent);
    let result = |l: Lang| shown(f.quota, f.quota_units, prec, l);
    let up = Some(Figure::NodeQuota(parent, k));
    if f.held {
        return Some((
            label,
            both(|l| match l {
                Lang::Zh => format!("锁定金额 = {}（其余单位分配剩余部分）", result(l)),
                Lang::En => format!("held at {} (its siblings share the rest)", result(l)),
            }),
            up,
        ));
    }
    // Siblings' held total and free amount, from the plan's own figures.
    let siblings: Vec<&NodeFigures> = p.children(parent).filter_map(|c| p.figures(c, k)).collect();
    let held: f64 = siblings.iter().filter(|c| c.held).map(|c| c.quota).sum();
    let free = pf.quota - held;
    let free_text = |l: Lang| {
        if held > 0.0 {
            match l {
                Lang::Zh => format!(
                    "（{parent_name} {} − 锁定 {} = 可分配 {}）",
                    amount(pf.quota, prec, l),
                    amount(held, prec, l),
                    amount(free, prec, l)
                ),
                Lang::En => format!(
                    " ({parent_name} {} − held {} = free {})",
                    amount(pf.quota, prec, l),
                    amount(held, prec, l),
                    amount(free, prec, l)
                ),
            }
        } else {
            String::new()
        }
    };
    let source = |l: Lang| {
        if held > 0.0 {
            match l {
                Lang::Zh => format!("可分配 {}", amount(free, prec, l)),
                Lang::En => format!("free {}", amount(free, prec, l)),
            }
        } else {
            match l {
                Lang::Zh => format!("{parent_name}任务 {}", amount(pf.quota, prec, l)),
                Lang::En => format!("{parent_name}'s quota {}", amount(pf.quota, prec, l)),
            }
        }
    };
    let spread = pf.children_gap.is_some() && parent_rule_spreads(s, p, parent);
    let weight_text = |l: Lang| match pf.children_method {
        SplitMethod::Proportional => {
            let total = if f.weight > 0.0 {
                f.basis / f.weight
            } else {
                0.0
            };
            match l {
                Lang::Zh => format!(
                    "本级基数 {} ÷ 基数合计 {}",
                    amount(f.basis, prec, l),
                    amount(total, prec, l)
                ),
                Lang::En => format!(
                    "its base {} ÷ total base {}",
                    amount(f.basis, prec, l),
                    amount(total, prec, l)
                ),
            }
        }
        SplitMethod::Equal => {
            let count = if f.weight > 0.0 {
                (1.0 / f.weight).round()
            } else {
                0.0
            };
            match l {
                Lang::Zh => format!(
                    "1 ÷ {count} 家{}",
                    if pf.children_fell_back {
                        "（基数为零，平均分配）"
                    } else {
                        ""
                    }
                ),
                Lang::En => format!(
                    "1 ÷ {count}{}",
                    if pf.children_fell_back {
                        " (zero bases: split equally)"
                    } else {
                        ""
                    }
                ),
            }
        }
        SplitMethod::Manual => match l {
            Lang::Zh => format!("手动占比权重 {}", percent2(f.weight)),
            Lang::En => format!("manual weight {}", percent2(f.weight)),
        },
    };
    let formula = if spread {
        let gap = pf.children_gap.unwrap_or(0.0);
        let own = f.commitment.unwrap_or(0.0);
        both(|l| match l {
            Lang::Zh => format!(
                "任务 = 自报 {} + 缺口 {} × {} = {}",
                amount(own, prec, l),
                amount(gap, prec, l),
                weight_text(l),
                result(l)
            ),
            Lang::En => format!(
                "quota = commitment {} + gap {} × {} = {}",
                amount(own, prec, l),
                amount(gap, prec, l),
                weight_text(l),
                result(l)
            ),
        })
    } else {
        both(|l| match l {
            Lang::Zh => format!(
                "任务 = {} × {} = {}{}",
                source(l),
                weight_text(l),
                result(l),
                free_text(l)
            ),
            Lang::En => format!(
                "quota = {} × {} = {}{}",
                source(l),
                weight_text(l),
                result(l),
                free_text(l)
            ),
        })
    };
    Some((label, formula, up))
}

fn parent_rule_spreads(s: &Scenario, p: &Plan, parent: usize) -> bool {
    let Some(info) = p.nodes.get(parent) else {
        return false;
    };
    let path = info.path;
    match info.level {
        Level::County => s.tree.rule.spread_gap,
        Level::Industry => s
            .tree
            .industries
            .get(path.industry.unwrap_or(usize::MAX))
            .is_some_and(|i| i.rule.spread_gap),
        Level::Enterprise => s
            .tree
            .industries
            .get(path.industry.unwrap_or(usize::MAX))
            .and_then(|i| i.enterprises.get(path.enterprise.unwrap_or(usize::MAX)))
            .is_some_and(|e| e.rule.spread_gap),
        Level::Project => false,
    }
}
