//! Every derived figure can say how it was computed: a formula with its operands, built from
//! what the plan recorded, in the speech's vocabulary, in Chinese and English. A node's quota
//! points up to the figure it came from, so a trainer can walk from a factory's daily quota
//! to the county target.
//!
//! - [`shown`]: how a figure is shown, for the page's buttons and the explanation's result
//!   alike (the same function, so the two never differ);
//! - [`explain`]: the figure's [`Formula`]; [`chain`]: it and every figure above it;
//! - [`formula`]: formulas as data, evaluated exactly; [`vocabulary`]: the words, and the one
//!   renderer.

pub mod formula;
pub mod vocabulary;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};

pub use formula::{Expr, Formula, Note, Op, Operand, Shown};
pub use vocabulary::Term;

use crate::i18n::{Bilingual, Lang};
use crate::indicator::Indicator;
use crate::num::{rational, rational_units, Dec, Step};
use crate::plan::{Family, Level, NodeFigures, Plan};
use crate::round::Precision;
use crate::scenario::{Scenario, SplitMethod, TargetSpec};

/// A derived figure of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    Target(Indicator),
    Growth(Indicator),
    Completion(Indicator),
    /// Last year's growth over the year before (上年同比增长).
    LastYearGrowth(Indicator),
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
    /// The share at current prices, from both targets and their price indexes.
    GdpShareCurrent,
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
    /// Growth at comparable prices (可比价): `T / (p × B) − 1`, with the price index `p`.
    ComparableGrowth(Indicator),
    /// A month's amount of an indicator's plan (month 1–12), and its daily quota.
    Month(Indicator, u8),
    MonthDaily(Indicator, u8),
    /// A node's month (1–12) in the tree's unit (siblings add up to the parent's month, a
    /// node's months to its quarter), and its daily quota.
    /// A month's planned growth over last year's same month (where entered).
    MonthYoy(Indicator, u8),
    NodeMonth(usize, Indicator, u8),
    NodeMonthDaily(usize, Indicator, u8),
    /// A figure of the county's (`None`) or a node's standing at the end of the period
    /// reported (actuals to date, catch-up).
    Progress(Option<usize>, Indicator, crate::progress::Part),
}

/// How one figure was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub figure: Figure,
    /// What the figure is (e.g. 一季度规上产值, 甲厂 规上产值任务).
    pub label: Term,
    pub formula: Formula,
    /// The figure this one was derived from, towards the county target.
    pub up: Option<Figure>,
}

impl Explanation {
    /// The label in a language.
    pub fn label_text(&self, lang: Lang) -> String {
        vocabulary::words(&self.label, lang)
    }

    /// The formula as one line in a language.
    pub fn text(&self, lang: Lang) -> String {
        vocabulary::render(&self.formula, lang)
    }

    /// The formula in parts (what it is, expression, value, notes).
    pub fn parts(&self, lang: Lang) -> vocabulary::Parts {
        vocabulary::parts(&self.formula, lang)
    }

    /// Label and formula in both languages.
    pub fn bilingual(&self) -> (Bilingual, Bilingual) {
        (
            Bilingual::new(self.label_text(Lang::Zh), self.label_text(Lang::En)),
            Bilingual::new(self.text(Lang::Zh), self.text(Lang::En)),
        )
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
        Some(info) => s
            .node_at(&info.path)
            .map(|n| n.name.clone())
            .unwrap_or_default(),
        None => String::new(),
    }
}

fn yi2(value: Dec) -> Shown {
    Shown::amount(value, Precision::Yi2)
}

/// How a figure is shown on the page; `None` when the plan has no such figure.
pub fn shown(p: &Plan, figure: Figure) -> Option<Shown> {
    use Figure::*;
    let prec = p.tree_precision;
    Some(match figure {
        Target(k) => Shown::Amount(p.indicator(k)?.target_units, Precision::Yi2),
        Growth(k) => Shown::percent(p.indicator(k)?.growth?),
        Completion(k) => Shown::percent(p.indicator(k)?.completion?),
        LastYearGrowth(k) => Shown::percent(p.indicator(k)?.last_year_growth?),
        QuarterAmount(k, q) => Shown::Amount(
            p.indicator(k)?.quarters.get(q)?.amount_units,
            Precision::Yi2,
        ),
        Cumulative(k, q) => Shown::Amount(
            p.indicator(k)?.quarters.get(q)?.cumulative_units,
            Precision::Yi2,
        ),
        TaskProgress(k, q) => Shown::percent(p.indicator(k)?.quarters.get(q)?.task_progress),
        TimeProgress(q) => Shown::percent(*p.time_progress.get(q)?),
        Daily(k, q) => Shown::Amount(
            p.indicator(k)?.quarters.get(q)?.daily_units,
            Precision::Wan2,
        ),
        QuarterGrowth(k, q) => Shown::percent(p.indicator(k)?.quarters.get(q)?.yoy_growth?),
        NodeQuota(node, k) => Shown::Amount(p.figures(node, k)?.quota_units, prec),
        NodeShare(node, k) => Shown::Percent(p.units(node, k, Family::Share)?),
        NodeGrowth(node, k) => Shown::Percent(p.required_growth_units(node, k)?),
        NodeQ1(node, k) => Shown::Amount(p.units(node, k, Family::Q1)?, prec),
        NodeDaily(node, k) => Shown::Amount(p.units(node, k, Family::Daily)?, Precision::Wan2),
        NodeGap(node, k) => {
            let group = p.group(node, k)?;
            group.gap?;
            let exact = p.exact_quota(node, k)?
                - group.held_total.to_rational()
                - group.committed?.to_rational();
            Shown::Amount(rational_units(&exact, prec.step()), prec)
        }
        GdpTarget => yi2(p.gdp.as_ref()?.gdp_target),
        IndustryVaTarget => yi2(p.gdp.as_ref()?.va_target),
        GdpShare => Shown::percent(p.gdp.as_ref()?.share_target),
        GdpShareCurrent => Shown::Percent(rational_units(
            &p.gdp.as_ref()?.share_current()?,
            Step::PERCENT_2,
        )),
        GdpShareChange => Shown::Points(p.gdp.as_ref()?.share_change_units),
        GdpVaNeeded => yi2(p.gdp.as_ref()?.va_needed?),
        FiveYearTarget => yi2(p.five_year.as_ref()?.target),
        FiveYearMultiple => Shown::times(p.five_year.as_ref()?.multiple),
        FiveYearCagr => Shown::percent(p.five_year.as_ref()?.cagr),
        FiveYearPath(k) => yi2(p.five_year.as_ref()?.path.get(k)?.1),
        FiveYearShare => Shown::percent(p.five_year.as_ref()?.share_end?),
        FiveYearShareChange => Shown::Points(p.five_year.as_ref()?.share_change_units?),
        FiveYearVaNeeded => yi2(p.five_year.as_ref()?.va_needed?),
        SalesAnnual => yi2(p.sales.as_ref()?.annual),
        SalesQ1 => yi2(p.sales.as_ref()?.q1),
        ProjectsToStart => Shown::Count(i64::from(p.projects.as_ref()?.to_start_q1?)),
        Q1Investment => yi2(p.projects.as_ref()?.q1_investment?),
        ParkOutput(i) => yi2(p.parks.get(i)?.output_needed),
        FleetCount => Shown::Count(p.fleet.as_ref()?.members.len() as i64),
        Progress(node, k, part) => standing_shown(p, node, k, part, &standing_of(p, node, k)?)?,
        ComparableGrowth(k) => {
            Shown::Percent(rational_units(&comparable_growth(p, k)?, Step::PERCENT_2))
        }
        Month(k, m) => Shown::Amount(month_of(p, k, m)?.units, Precision::Yi2),
        MonthYoy(k, m) => Shown::Percent(rational_units(&month_yoy(p, k, m)?.0, Step::PERCENT_2)),
        NodeMonth(node, k, m) => {
            let (nm, i) = node_month_of(p, node, k, m)?;
            node_month_shown(p, &nm, i)?.0
        }
        NodeMonthDaily(node, k, m) => {
            let (nm, i) = node_month_of(p, node, k, m)?;
            node_month_shown(p, &nm, i)?.1
        }
        MonthDaily(k, m) => {
            let mp = month_of(p, k, m)?;
            let daily = mp.exact / BigRational::from_integer(BigInt::from(mp.days));
            Shown::Amount(
                rational_units(&daily, Precision::Wan2.step()),
                Precision::Wan2,
            )
        }
    })
}

/// `T / (p × B) − 1`: the target at last year's prices against last year.
fn comparable_growth(p: &Plan, k: Indicator) -> Option<BigRational> {
    let ip = p.indicator(k)?;
    let index = ip.price_index?;
    let deflated = index.to_rational() * ip.base.to_rational();
    if deflated.is_zero() {
        return None;
    }
    Some(ip.target.to_rational() / deflated - BigRational::one())
}

fn month_of(p: &Plan, k: Indicator, month: u8) -> Option<crate::progress::MonthPlan> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let q = usize::from((month - 1) / 3);
    let months = crate::progress::county_months(p, k, q)?;
    months.into_iter().find(|m| m.month == month)
}

/// A month's planned growth over last year's month: `M / M_last − 1`, with last year's
/// month (above zero).
fn month_yoy(p: &Plan, k: Indicator, month: u8) -> Option<(BigRational, Dec)> {
    let last = *p
        .indicator(k)?
        .base_months
        .as_ref()?
        .get(usize::from(month).checked_sub(1)?)?;
    if !last.is_positive() {
        return None;
    }
    let mp = month_of(p, k, month)?;
    Some((mp.exact / last.to_rational() - BigRational::one(), last))
}

/// A node's month `i` (0–2 of its quarter) as shown: its amount in the tree's unit and its
/// daily quota in 万元 (what [`Figure::NodeMonth`] and [`Figure::NodeMonthDaily`] show, for
/// tables that have the months of many nodes at hand).
pub fn node_month_shown(
    p: &Plan,
    nm: &crate::progress::NodeMonths,
    i: usize,
) -> Option<(Shown, Shown)> {
    Some((
        Shown::Amount(*nm.units.get(i)?, p.tree_precision),
        Shown::Amount(
            rational_units(&nm.daily(i), Precision::Wan2.step()),
            Precision::Wan2,
        ),
    ))
}

fn node_month_of(
    p: &Plan,
    node: usize,
    k: Indicator,
    month: u8,
) -> Option<(crate::progress::NodeMonths, usize)> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let q = usize::from((month - 1) / 3);
    let nm = crate::progress::node_months(p, node, k, q)?;
    let i = nm.index_of(month)?;
    Some((nm, i))
}

/// What month `i` (0–2) of a quarter weighs against its quarter: its typed share, else last
/// year's month where entered, else its days.
fn month_weight_operands(p: &Plan, k: Indicator, q: usize, i: usize) -> Option<(Operand, Operand)> {
    use crate::progress::MonthBasis;
    let ip = p.indicator(k)?;
    Some(match MonthBasis::of_plan(ip, p.plan_year, q) {
        MonthBasis::Typed(t) => {
            let sum: Dec = t.iter().copied().sum();
            (
                Operand::dec(
                    Term::Words("本月占比", "the month's share"),
                    t[i],
                    Shown::rate(t[i]),
                ),
                Operand::dec(
                    Term::Words("本季度占比", "the quarter's share"),
                    sum,
                    Shown::rate(sum),
                ),
            )
        }
        MonthBasis::LastYear(ly) => {
            let sum: Dec = ly.iter().copied().sum();
            (
                Operand::dec(
                    Term::Words("上年本月", "last year's month"),
                    ly[i],
                    yi2(ly[i]),
                ),
                Operand::dec(
                    Term::Words("上年本季度", "last year's quarter"),
                    sum,
                    yi2(sum),
                ),
            )
        }
        MonthBasis::Days(d) => {
            let quarter_days: u32 = d.iter().sum();
            (
                Operand::whole(
                    Term::Words("本月天数", "days of the month"),
                    i64::from(d[i]),
                    Shown::Days(d[i]),
                ),
                Operand::whole(
                    Term::Words("本季度天数", "days of the quarter"),
                    i64::from(quarter_days),
                    Shown::Days(quarter_days),
                ),
            )
        }
    })
}

fn standing_of(p: &Plan, node: Option<usize>, k: Indicator) -> Option<crate::progress::Standing> {
    match node {
        None => crate::progress::county_standing(p, k),
        Some(n) => crate::progress::node_standing(p, n, k),
    }
}

/// A part of a standing already worked out, as [`Figure::Progress`] shows it: for tables
/// that have many standings at hand.
pub fn standing_shown(
    p: &Plan,
    node: Option<usize>,
    k: Indicator,
    part: crate::progress::Part,
    st: &crate::progress::Standing,
) -> Option<Shown> {
    if let (None, crate::progress::Part::PlanToDate) = (node, part) {
        return Some(Shown::Amount(
            crate::progress::county_plan_to_date_units(p, k, st.period)?,
            Precision::Yi2,
        ));
    }
    Some(progress_shown(p, node, part, &part.value(st)?))
}

/// How a progress figure is shown: the county's amounts in 亿元, a node's in the table's
/// unit, per-day amounts in 万元, rates as percentages, the gap in points.
fn progress_shown(
    p: &Plan,
    node: Option<usize>,
    part: crate::progress::Part,
    v: &BigRational,
) -> Shown {
    use crate::progress::Part::*;
    let amount = match node {
        None => Precision::Yi2,
        Some(_) => p.tree_precision,
    };
    match part {
        Actual | PlanToDate | QuarterRest | YearRest => {
            Shown::Amount(rational_units(v, amount.step()), amount)
        }
        QuarterRestDaily | YearRestDaily => {
            Shown::Amount(rational_units(v, Precision::Wan2.step()), Precision::Wan2)
        }
        GapToTime => Shown::Points(rational_units(v, Step::PERCENT_2)),
        CompletionToDate | CompletionOfQuarter | CompletionOfYear | TimeProgress | YoyGrowth => {
            Shown::Percent(rational_units(v, Step::PERCENT_2))
        }
    }
}

/// A figure as shown, as text with its unit.
pub fn shown_text(p: &Plan, figure: Figure, lang: Lang) -> Option<String> {
    shown(p, figure).map(|s| vocabulary::shown_text(s, lang))
}

/// A figure as shown, without its unit (for tables whose heading carries it).
pub fn shown_bare(p: &Plan, figure: Figure) -> Option<String> {
    shown(p, figure).map(vocabulary::shown_bare)
}

/// The growth in hundredths of a percent.
fn growth_units(g: Dec) -> i64 {
    g.units(Step::PERCENT_2)
}

/// The result operand: the figure's term, exact value and its shown form, with a largest-
/// remainder note when the shown value is not the exact value's own rounding.
fn result(term: Term, exact: BigRational, shown: Shown) -> (Operand, Vec<Note>) {
    let note = match shown {
        Shown::Percent(_) if shown.like(&exact) != shown => vec![Note::SharesLargestRemainder],
        _ if shown.like(&exact) != shown => vec![Note::LargestRemainder],
        _ => Vec::new(),
    };
    (Operand::new(term, exact, shown), note)
}

fn formula(result: (Operand, Vec<Note>), expr: Expr) -> Formula {
    let (operand, notes) = result;
    Formula {
        result: operand,
        expr,
        notes,
    }
}

/// `base × (1 + g)`, `base × m`, or the amount as set.
fn target_expr(base: Operand, spec: TargetSpec, resolved: Dec, shown: Shown) -> (Expr, Vec<Note>) {
    match spec {
        TargetSpec::Amount(_) => (
            Expr::of(Operand::dec(Term::SetDirectly, resolved, shown)),
            Vec::new(),
        ),
        TargetSpec::Growth(g) => (
            Expr::op(
                Expr::of(base),
                Op::Mul,
                Expr::group(Expr::op(
                    Expr::Number(1),
                    Op::Add,
                    Expr::of(Operand::dec(Term::GrowthRate, g, Shown::rate(g))),
                )),
            ),
            vec![Note::Growth {
                units: growth_units(g),
                with_multiple: true,
            }],
        ),
        TargetSpec::Multiple(m) => (
            Expr::op(
                Expr::of(base),
                Op::Mul,
                Expr::of(Operand::dec(Term::Multiple, m, Shown::times(m))),
            ),
            vec![Note::MultipleOf {
                of: Term::LastYear,
                units: m.units(Step::PERCENT_2),
            }],
        ),
    }
}

/// A point on the 10⁻³⁰ grid: `m^(1/n)` computed to thirty places (floored).
fn root30(m: &BigRational, n: u32) -> BigRational {
    Expr::Pow(
        Box::new(Expr::of(Operand::new(
            Term::Bare,
            m.clone(),
            Shown::Count(0),
        ))),
        1,
        n,
    )
    .eval()
    .unwrap_or_else(BigRational::zero)
}

/// Explain a figure; `None` when the plan has no such figure.
pub fn explain(s: &Scenario, p: &Plan, figure: Figure) -> Option<Explanation> {
    use Figure::*;
    let shown_as = shown(p, figure)?;
    let e = |label: Term, formula: Formula, up: Option<Figure>| Explanation {
        figure,
        label,
        formula,
        up,
    };
    let yi = |term: Term, v: Dec| Operand::dec(term, v, yi2(v));
    Some(match figure {
        Target(k) => {
            let ip = p.indicator(k)?;
            let input = s.indicator(k)?;
            let (expr, notes) = target_expr(
                yi(Term::LastYearActual, ip.base),
                input.target,
                ip.target,
                shown_as,
            );
            let mut f = formula(
                result(Term::AnnualTargetOf(k), ip.target.to_rational(), shown_as),
                expr,
            );
            f.notes.extend(notes);
            e(Term::AnnualTargetOf(k), f, None)
        }
        Growth(k) => {
            let ip = p.indicator(k)?;
            let exact = ip.target.to_rational() / ip.base.to_rational() - BigRational::one();
            let f = formula(
                result(Term::GrowthRate, exact, shown_as),
                Expr::op(
                    Expr::op(
                        Expr::of(yi(Term::AnnualTarget, ip.target)),
                        Op::Div,
                        Expr::of(yi(Term::LastYearActual, ip.base)),
                    ),
                    Op::Sub,
                    Expr::Number(1),
                ),
            )
            .note(Note::Growth {
                units: growth_units(ip.growth?),
                with_multiple: true,
            });
            e(Term::GrowthOf(k), f, Some(Target(k)))
        }
        LastYearGrowth(k) => {
            let ip = p.indicator(k)?;
            let before = ip.year_before?;
            let exact = ip.base.to_rational() / before.to_rational() - BigRational::one();
            let f = formula(
                result(Term::GrowthRate, exact, shown_as),
                Expr::op(
                    Expr::op(
                        Expr::of(yi(Term::LastYearActual, ip.base)),
                        Op::Div,
                        Expr::of(yi(Term::YearBeforeActual, before)),
                    ),
                    Op::Sub,
                    Expr::Number(1),
                ),
            )
            .note(Note::Growth {
                units: growth_units(ip.last_year_growth?),
                with_multiple: true,
            });
            e(Term::LastYearGrowthOf(k), f, None)
        }
        Completion(k) => {
            let ip = p.indicator(k)?;
            let plan = ip.last_year_plan?;
            let exact = ip.base.to_rational() / plan.to_rational();
            let plan_operand = yi(Term::LastYearPlan, plan);
            let units = ip.completion?.units(Step::PERCENT_2);
            let f = formula(
                result(Term::Completion, exact, shown_as),
                Expr::op(
                    Expr::of(yi(Term::LastYearActual, ip.base)),
                    Op::Div,
                    Expr::of(plan_operand.clone()),
                ),
            )
            .note(Note::Completion {
                plan: Box::new(plan_operand),
                units,
            });
            e(Term::CompletionOf(k), f, None)
        }
        QuarterAmount(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            let f = formula(
                result(Term::QuarterOf(k, q), qp.amount.to_rational(), shown_as),
                Expr::op(
                    Expr::of(Operand::dec(
                        Term::AnnualTarget,
                        ip.target,
                        Shown::Amount(ip.target_units, Precision::Yi2),
                    )),
                    Op::Mul,
                    Expr::of(Operand::dec(
                        Term::QuarterShare(q),
                        ip.shares[q],
                        Shown::rate(ip.shares[q]),
                    )),
                ),
            );
            e(Term::QuarterOf(k, q), f, Some(Target(k)))
        }
        Cumulative(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            let parts = ip.quarters[..=q]
                .iter()
                .map(|x| {
                    Expr::of(Operand::dec(
                        Term::Bare,
                        x.amount,
                        Shown::Amount(x.amount_units, Precision::Yi2),
                    ))
                })
                .collect();
            let f = formula(
                result(Term::Bare, qp.cumulative.to_rational(), shown_as),
                Expr::Sum(parts),
            );
            e(Term::CumulativeOf(k, q), f, Some(QuarterAmount(k, q)))
        }
        TaskProgress(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            let parts = ip.shares[..=q]
                .iter()
                .map(|share| Expr::of(Operand::dec(Term::Bare, *share, Shown::rate(*share))))
                .collect();
            let time = Operand::new(
                Term::TimeProgress,
                days_ratio(p, q),
                Shown::percent(qp.time_progress),
            );
            let f = formula(
                result(Term::TaskProgress, qp.task_progress.to_rational(), shown_as),
                Expr::Sum(parts),
            )
            .note(Note::AgainstTime {
                time: Box::new(time),
                units: qp.progress_gap.units(Step::PERCENT_2),
            });
            e(Term::TaskProgressTo(q), f, Some(TimeProgress(q)))
        }
        TimeProgress(q) => {
            let elapsed: u32 = p.calendar_days[..=q].iter().sum();
            let mut f = formula(
                result(Term::TimeProgress, days_ratio(p, q), shown_as),
                Expr::op(
                    Expr::of(Operand::whole(
                        Term::DaysElapsed,
                        i64::from(elapsed),
                        Shown::Count(i64::from(elapsed)),
                    )),
                    Op::Div,
                    Expr::of(Operand::whole(
                        Term::DaysInYear,
                        i64::from(p.days_in_year),
                        Shown::Count(i64::from(p.days_in_year)),
                    )),
                ),
            );
            if p.days_in_year == 366 {
                f = f.note(Note::LeapYear);
            }
            e(Term::TimeProgressTo(q), f, None)
        }
        Daily(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            let days = p.quota_days[q];
            let exact = qp.amount.to_rational() / rational(i128::from(days), 1);
            let f = formula(
                result(Term::DailyQuota, exact, shown_as),
                Expr::op(
                    Expr::of(Operand::dec(
                        Term::QuarterOf(k, q),
                        qp.amount,
                        Shown::Amount(qp.amount_units, Precision::Yi2),
                    )),
                    Op::Div,
                    Expr::of(Operand::whole(
                        Term::Days,
                        i64::from(days),
                        Shown::Days(days),
                    )),
                ),
            );
            e(Term::DailyOf(k, q), f, Some(QuarterAmount(k, q)))
        }
        QuarterGrowth(k, q) => {
            let ip = p.indicator(k)?;
            let qp = ip.quarters.get(q)?;
            let b = qp.base_amount?;
            let exact = qp.amount.to_rational() / b.to_rational() - BigRational::one();
            let f = formula(
                result(Term::YearOnYear, exact, shown_as),
                Expr::op(
                    Expr::op(
                        Expr::of(yi(Term::QuarterTask(q), qp.amount)),
                        Op::Div,
                        Expr::of(yi(Term::LastYearQuarter(q), b)),
                    ),
                    Op::Sub,
                    Expr::Number(1),
                ),
            );
            e(Term::YearOnYearOf(k, q), f, Some(QuarterAmount(k, q)))
        }
        NodeQuota(node, k) => {
            node_quota(s, p, node, k, shown_as).map(|(label, f, up)| e(label, f, up))?
        }
        NodeShare(node, k) => {
            let f = p.figures(node, k)?;
            let parent = p.nodes.get(node)?.parent? as usize;
            let pf = p.figures(parent, k)?;
            let prec = p.tree_precision;
            let x = p.exact_quota(node, k)?;
            let total = p.exact_quota(parent, k)?;
            if total.is_zero() {
                let fm = formula(
                    result(Term::Share, BigRational::zero(), shown_as),
                    Expr::of(Operand::new(
                        Term::ThisQuota,
                        x,
                        Shown::Amount(f.quota_units, prec),
                    )),
                )
                .note(Note::ParentIsZero);
                return Some(e(
                    Term::ShareOf(node_name(s, p, node)),
                    fm,
                    Some(NodeQuota(node, k)),
                ));
            }
            let exact = &x / &total;
            let fm = formula(
                result(Term::Share, exact, shown_as),
                Expr::op(
                    Expr::of(Operand::new(
                        Term::ThisQuota,
                        x,
                        Shown::Amount(f.quota_units, prec),
                    )),
                    Op::Div,
                    Expr::of(Operand::new(
                        Term::NamedQuota(node_name(s, p, parent)),
                        total,
                        Shown::Amount(pf.quota_units, prec),
                    )),
                ),
            );
            e(
                Term::ShareOf(node_name(s, p, node)),
                fm,
                Some(NodeQuota(node, k)),
            )
        }
        NodeGrowth(node, k) => {
            let f = p.figures(node, k)?;
            let prec = p.tree_precision;
            let x = p.exact_quota(node, k)?;
            let b = f.basis.to_rational();
            let exact = &x / &b - BigRational::one();
            let units = rational_units(&exact, Step::PERCENT_2);
            let fm = formula(
                result(Term::GrowthRequired, exact, shown_as),
                Expr::op(
                    Expr::op(
                        Expr::of(Operand::new(
                            Term::Quota,
                            x,
                            Shown::Amount(f.quota_units, prec),
                        )),
                        Op::Div,
                        Expr::of(Operand::dec(
                            Term::Base,
                            f.basis,
                            Shown::amount(f.basis, prec),
                        )),
                    ),
                    Op::Sub,
                    Expr::Number(1),
                ),
            )
            .note(Note::Growth {
                units,
                with_multiple: true,
            });
            e(
                Term::GrowthRequiredOf(node_name(s, p, node)),
                fm,
                Some(NodeQuota(node, k)),
            )
        }
        NodeQ1(node, k) => {
            let f = p.figures(node, k)?;
            let ip = p.indicator(k)?;
            let prec = p.tree_precision;
            let x = p.exact_quota(node, k)?;
            let share = ip.shares[0];
            let fm = formula(
                result(Term::QuarterTask(0), &x * share.to_rational(), shown_as),
                Expr::op(
                    Expr::of(Operand::new(
                        Term::AnnualQuota,
                        x,
                        Shown::Amount(f.quota_units, prec),
                    )),
                    Op::Mul,
                    Expr::of(Operand::dec(Term::Q1Share, share, Shown::rate(share))),
                ),
            );
            e(
                Term::Q1QuotaOf(node_name(s, p, node), k),
                fm,
                Some(NodeQuota(node, k)),
            )
        }
        NodeDaily(node, k) => {
            let ip = p.indicator(k)?;
            let prec = p.tree_precision;
            let q1 = p.exact_quota(node, k)? * ip.shares[0].to_rational();
            let days = p.quota_days[0];
            let exact = &q1 / rational(i128::from(days), 1);
            let fm = formula(
                result(Term::DailyQuota, exact, shown_as),
                Expr::op(
                    Expr::of(Operand::new(
                        Term::QuarterTask(0),
                        q1,
                        Shown::Amount(p.units(node, k, Family::Q1)?, prec),
                    )),
                    Op::Div,
                    Expr::of(Operand::whole(
                        Term::Days,
                        i64::from(days),
                        Shown::Days(days),
                    )),
                ),
            );
            e(
                Term::DailyQuotaOf(node_name(s, p, node), k),
                fm,
                Some(NodeQ1(node, k)),
            )
        }
        NodeGap(node, k) => {
            let f = p.figures(node, k)?;
            let group = p.group(node, k)?;
            let committed = group.committed?;
            let prec = p.tree_precision;
            let quota = p.exact_quota(node, k)?;
            let exact = &quota - group.held_total.to_rational() - committed.to_rational();
            let negative = exact < BigRational::zero();
            let mut fm = formula(
                result(Term::Gap, exact, shown_as),
                Expr::op(
                    Expr::op(
                        Expr::of(Operand::new(
                            Term::Quota,
                            quota,
                            Shown::Amount(f.quota_units, prec),
                        )),
                        Op::Sub,
                        Expr::of(Operand::dec(
                            Term::Held,
                            group.held_total,
                            Shown::amount(group.held_total, prec),
                        )),
                    ),
                    Op::Sub,
                    Expr::of(Operand::dec(
                        Term::CommittedTotal,
                        committed,
                        Shown::amount(committed, prec),
                    )),
                ),
            );
            if negative {
                fm = fm.note(Note::CommitmentsExceed);
            }
            e(
                Term::GapOf(node_name(s, p, node), k),
                fm,
                Some(NodeQuota(node, k)),
            )
        }
        GdpTarget | IndustryVaTarget => {
            let g = p.gdp.as_ref()?;
            let input = s.gdp.as_ref()?;
            let (base, spec, target, label) = if figure == GdpTarget {
                (g.gdp_base, input.gdp_target, g.gdp_target, Term::GdpTarget)
            } else {
                (
                    g.va_base,
                    input.industry_va_target,
                    g.va_target,
                    Term::IndustryVaTarget,
                )
            };
            let (expr, notes) = target_expr(yi(Term::BaseValue, base), spec, target, shown_as);
            let mut f = formula(result(label.clone(), target.to_rational(), shown_as), expr);
            f.notes.extend(notes);
            e(label, f, None)
        }
        GdpShare => {
            let g = p.gdp.as_ref()?;
            let f = formula(
                result(Term::ShareOfGdp, ratio(g.va_target, g.gdp_target), shown_as),
                Expr::op(
                    Expr::of(yi(Term::IndustryVa, g.va_target)),
                    Op::Div,
                    Expr::of(yi(Term::CountyGdp, g.gdp_target)),
                ),
            );
            e(Term::IndustryShareOfGdp, f, Some(IndustryVaTarget))
        }
        GdpShareCurrent => {
            let g = p.gdp.as_ref()?;
            let (pg, pv) = (g.gdp_price_index?, g.va_price_index?);
            let index =
                |term, v: Dec| Operand::dec(term, v, Shown::Times(v.units(Step::PERCENT_2)));
            let f = formula(
                result(
                    Term::Words("现价占比", "share at current prices"),
                    g.share_current()?,
                    shown_as,
                ),
                Expr::op(
                    Expr::group(Expr::op(
                        Expr::of(yi(Term::IndustryVa, g.va_target)),
                        Op::Mul,
                        Expr::of(index(
                            Term::Words("工业增加值价格指数", "value added price index"),
                            pv,
                        )),
                    )),
                    Op::Div,
                    Expr::group(Expr::op(
                        Expr::of(yi(Term::CountyGdp, g.gdp_target)),
                        Op::Mul,
                        Expr::of(index(Term::Words("GDP 价格指数", "GDP price index"), pg)),
                    )),
                ),
            );
            e(
                Term::Words(
                    "工业占 GDP 比重（现价）",
                    "industry's share of GDP at current prices",
                ),
                f,
                Some(GdpShare),
            )
        }
        GdpShareChange => {
            let g = p.gdp.as_ref()?;
            e(
                Term::ShareChange,
                points_formula(g.share_target, g.share_base, g.share_change_units),
                Some(GdpShare),
            )
        }
        GdpVaNeeded => {
            let g = p.gdp.as_ref()?;
            let share = g.wanted_share?;
            let need = g.va_needed?;
            let f = formula(
                result(Term::VaNeededShort, need.to_rational(), shown_as),
                Expr::op(
                    Expr::of(Operand::dec(Term::WantedShare, share, Shown::rate(share))),
                    Op::Mul,
                    Expr::of(yi(Term::Gdp, g.gdp_target)),
                ),
            )
            .note(Note::Beyond {
                amount: Box::new(yi(Term::Bare, need - g.va_target)),
            });
            e(Term::VaNeeded, f, Some(GdpTarget))
        }
        FiveYearTarget | FiveYearMultiple | FiveYearCagr | FiveYearPath(_) | FiveYearShare
        | FiveYearShareChange | FiveYearVaNeeded => {
            let (label, f, up) = five_year(s, p, figure, shown_as)?;
            e(label, f, up)
        }
        SalesAnnual | SalesQ1 => {
            let sp = p.sales.as_ref()?;
            let o = p.indicator(Indicator::Output)?;
            let annual = figure == SalesAnnual;
            let (out, value, up) = if annual {
                (o.target, sp.annual, Target(Indicator::Output))
            } else {
                (
                    o.quarters[0].amount,
                    sp.q1,
                    QuarterAmount(Indicator::Output, 0),
                )
            };
            let f = formula(
                result(
                    Term::SalesOf(annual),
                    out.to_rational() * sp.ratio.to_rational(),
                    shown_as,
                ),
                Expr::op(
                    Expr::of(yi(Term::OutputOf(annual), out)),
                    Op::Mul,
                    Expr::of(Operand::dec(
                        Term::SalesRatio,
                        sp.ratio,
                        Shown::rate(sp.ratio),
                    )),
                ),
            );
            let _ = value;
            e(Term::SalesOf(annual), f, Some(up))
        }
        ProjectsToStart => {
            let pp = p.projects.as_ref()?;
            let rate = pp.q1_start_rate?;
            let n = pp.to_start_q1?;
            let f = formula(
                result(
                    Term::ProjectsToStart,
                    BigRational::from_integer(BigInt::from(n)),
                    shown_as,
                ),
                Expr::Ceil(Box::new(Expr::op(
                    Expr::of(Operand::whole(
                        Term::KeyProjects,
                        i64::from(pp.count),
                        Shown::Count(i64::from(pp.count)),
                    )),
                    Op::Mul,
                    Expr::of(Operand::dec(Term::StartRate, rate, Shown::rate(rate))),
                ))),
            );
            e(Term::ProjectsToStart, f, None)
        }
        Q1Investment => {
            let pp = p.projects.as_ref()?;
            let (annual, share, q1) = (
                pp.annual_investment?,
                pp.q1_investment_share?,
                pp.q1_investment?,
            );
            let f = formula(
                result(Term::Q1Investment, q1.to_rational(), shown_as),
                Expr::op(
                    Expr::of(yi(Term::AnnualInvestment, annual)),
                    Op::Mul,
                    Expr::of(Operand::dec(Term::Q1Share, share, Shown::rate(share))),
                ),
            );
            e(Term::Q1Investment, f, Some(Target(Indicator::Investment)))
        }
        ParkOutput(i) => {
            let park = p.parks.get(i)?;
            let name = s.parks.get(i)?.name.clone();
            let o = p.indicator(Indicator::Output)?;
            let f = formula(
                result(Term::ParkOutput, park.output_needed.to_rational(), shown_as),
                Expr::op(
                    Expr::of(yi(Term::CountyOutput, o.target)),
                    Op::Mul,
                    Expr::of(Operand::dec(
                        Term::ParkShare,
                        park.share,
                        Shown::rate(park.share),
                    )),
                ),
            );
            e(Term::ParkOutputOf(name), f, Some(Target(Indicator::Output)))
        }
        FleetCount => {
            let fl = p.fleet.as_ref()?;
            let n = fl.members.len() as i64;
            let f = formula(
                result(
                    Term::FleetMembers,
                    BigRational::from_integer(BigInt::from(n)),
                    shown_as,
                ),
                Expr::of(Operand::whole(Term::Bare, n, Shown::Count(n))),
            )
            .note(Note::LastYearCount(fl.base_count));
            e(Term::FleetOf(fl.threshold.units(Step::YI_2)), f, None)
        }
        Progress(node, k, part) => {
            let (label, f, up) = progress_formula(s, p, node, k, part)?;
            e(label, f, up)
        }
        ComparableGrowth(k) => {
            let ip = p.indicator(k)?;
            let index = ip.price_index?;
            let f = formula(
                result(
                    Term::Words("可比价增长", "growth at comparable prices"),
                    comparable_growth(p, k)?,
                    shown_as,
                ),
                Expr::op(
                    Expr::op(
                        Expr::of(Operand::dec(
                            Term::AnnualTarget,
                            ip.target,
                            Shown::Amount(ip.target_units, Precision::Yi2),
                        )),
                        Op::Div,
                        Expr::group(Expr::op(
                            Expr::of(Operand::dec(
                                Term::Words("价格指数", "price index"),
                                index,
                                Shown::Times(index.units(Step::PERCENT_2)),
                            )),
                            Op::Mul,
                            Expr::of(yi(Term::LastYearActual, ip.base)),
                        )),
                    ),
                    Op::Sub,
                    Expr::Number(1),
                ),
            );
            e(
                Term::NamedWords(
                    k.zh().to_string(),
                    "可比价增长",
                    "growth at comparable prices",
                ),
                f,
                Some(Growth(k)),
            )
        }
        Month(k, m) => {
            let mp = month_of(p, k, m)?;
            let q = usize::from((m - 1) / 3);
            let ip = p.indicator(k)?;
            let qp = ip.quarters[q];
            let (own, total) = month_weight_operands(p, k, q, usize::from(m - 1) % 3)?;
            let f = formula(
                result(
                    Term::Words("本月任务", "the month's amount"),
                    mp.exact.clone(),
                    shown_as,
                ),
                Expr::op(
                    Expr::op(
                        Expr::of(Operand::dec(
                            Term::QuarterOf(k, q),
                            qp.amount,
                            Shown::Amount(qp.amount_units, Precision::Yi2),
                        )),
                        Op::Mul,
                        Expr::of(own),
                    ),
                    Op::Div,
                    Expr::of(total),
                ),
            );
            let label = Term::MonthWords(k, m, "任务", "amount");
            e(label, f, Some(QuarterAmount(k, q)))
        }
        MonthDaily(k, m) => {
            let mp = month_of(p, k, m)?;
            let exact = &mp.exact / BigRational::from_integer(BigInt::from(mp.days));
            let f = formula(
                result(Term::Words("日均任务", "daily quota"), exact, shown_as),
                Expr::op(
                    Expr::of(Operand::new(
                        Term::Words("本月任务", "the month's amount"),
                        mp.exact.clone(),
                        Shown::Amount(mp.units, Precision::Yi2),
                    )),
                    Op::Div,
                    Expr::of(Operand::whole(
                        Term::Words("本月天数", "days of the month"),
                        i64::from(mp.days),
                        Shown::Days(mp.days),
                    )),
                ),
            );
            let label = Term::MonthWords(k, m, "日均任务", "daily quota");
            e(label, f, Some(Month(k, m)))
        }
        MonthYoy(k, m) => {
            let (growth, last) = month_yoy(p, k, m)?;
            let mp = month_of(p, k, m)?;
            let f = formula(
                result(Term::Words("同比增长", "year on year"), growth, shown_as),
                Expr::op(
                    Expr::op(
                        Expr::of(Operand::new(
                            Term::Words("本月任务", "the month's amount"),
                            mp.exact.clone(),
                            Shown::Amount(mp.units, Precision::Yi2),
                        )),
                        Op::Div,
                        Expr::of(yi(Term::Words("上年本月", "last year's month"), last)),
                    ),
                    Op::Sub,
                    Expr::Number(1),
                ),
            );
            e(
                Term::MonthWords(k, m, "同比增长", "year on year"),
                f,
                Some(Month(k, m)),
            )
        }
        NodeMonth(node, k, m) => {
            let (nm, i) = node_month_of(p, node, k, m)?;
            let precision = p.split(k)?.precision;
            let name = node_name(s, p, node);
            let (own, total) = month_weight_operands(p, k, nm.quarter, i)?;
            let f = formula(
                result(
                    Term::Words("本月任务", "the month's amount"),
                    nm.exact[i].clone(),
                    shown_as,
                ),
                Expr::op(
                    Expr::op(
                        Expr::of(Operand::new(
                            Term::Words("本季度任务", "the quarter's amount"),
                            nm.quarter_exact.clone(),
                            Shown::Amount(nm.quarter_units, precision),
                        )),
                        Op::Mul,
                        Expr::of(own),
                    ),
                    Op::Div,
                    Expr::of(total),
                ),
            );
            let parent = p.nodes.get(node)?.parent.map(|x| x as usize);
            let up = match parent {
                Some(0) | None => Month(k, m),
                Some(parent) => NodeMonth(parent, k, m),
            };
            e(
                Term::NodeMonthWords(name, k, m, "任务", "amount"),
                f,
                Some(up),
            )
        }
        NodeMonthDaily(node, k, m) => {
            let (nm, i) = node_month_of(p, node, k, m)?;
            let precision = p.split(k)?.precision;
            let name = node_name(s, p, node);
            let f = formula(
                result(
                    Term::Words("日均任务", "daily quota"),
                    nm.daily(i),
                    shown_as,
                ),
                Expr::op(
                    Expr::of(Operand::new(
                        Term::Words("本月任务", "the month's amount"),
                        nm.exact[i].clone(),
                        Shown::Amount(nm.units[i], precision),
                    )),
                    Op::Div,
                    Expr::of(Operand::whole(
                        Term::Words("本月天数", "days of the month"),
                        i64::from(nm.days[i]),
                        Shown::Days(nm.days[i]),
                    )),
                ),
            );
            e(
                Term::NodeMonthWords(name, k, m, "日均任务", "daily quota"),
                f,
                Some(NodeMonth(node, k, m)),
            )
        }
    })
}

/// A progress figure's formula: from the actual to date and the target, as DOMAIN.md's
/// "Through the year" states them.
fn progress_formula(
    s: &Scenario,
    p: &Plan,
    node: Option<usize>,
    k: Indicator,
    part: crate::progress::Part,
) -> Option<(Term, Formula, Option<Figure>)> {
    use crate::progress::{Part, Yardstick};
    let st = standing_of(p, node, k)?;
    let name = match node {
        None => format!("{}{}", node_name(s, p, 0), k.zh()),
        Some(n) => format!("{} {}", node_name(s, p, n), k.zh()),
    };
    let fig = |part: Part| Figure::Progress(node, k, part);
    let op = |part: Part, z: &'static str, en: &'static str| {
        let v = part.value(&st)?;
        let sh = standing_shown(p, node, k, part, &st)?;
        Some(Operand::new(Term::Words(z, en), v, sh))
    };
    let target_term = match node {
        None => Term::AnnualTargetOf(k),
        Some(_) => Term::Words("全年任务", "annual quota"),
    };
    let target_shown = progress_shown(p, node, Part::PlanToDate, &st.target);
    let target = Operand::new(target_term, st.target.clone(), target_shown);
    let whole = |n: i64| Operand::whole(Term::Bare, n, Shown::Count(n));
    let value = part.value(&st)?;
    let shown_as = standing_shown(p, node, k, part, &st)?;
    let (z, en) = part.words();
    let label = Term::NamedWords(name, z, en);
    let res =
        |z: &'static str, en: &'static str| result(Term::Words(z, en), value.clone(), shown_as);
    let target_figure = match node {
        None => Figure::Target(k),
        Some(n) => Figure::NodeQuota(n, k),
    };
    // The quarter's quota and what is done in it, for the quarter's completion and rest.
    let quarter_operands = || {
        let done = st.quarter_actual.clone()?;
        let done_shown = progress_shown(p, node, Part::Actual, &done);
        Some((
            Operand::new(
                Term::Words("本季度任务", "the quarter's quota"),
                st.quarter_amount.clone(),
                progress_shown(p, node, Part::QuarterRest, &st.quarter_amount),
            ),
            Operand::new(
                Term::Words("本季度已完成", "done in the quarter"),
                done,
                done_shown,
            ),
        ))
    };
    let (f, up) = match part {
        Part::Actual => (
            formula(
                res("累计实际", "actual to date"),
                Expr::of(Operand::new(Term::SetDirectly, value.clone(), shown_as)),
            ),
            None,
        ),
        Part::PlanToDate => (
            formula(
                res("截至本期计划", "plan to date"),
                Expr::op(
                    Expr::of(target),
                    Op::Mul,
                    Expr::of(Operand::new(
                        Term::Words("截至本期计划进度", "planned share to date"),
                        st.planned_share.clone(),
                        Shown::Percent(rational_units(&st.planned_share, Step::PERCENT_2)),
                    )),
                ),
            ),
            Some(target_figure),
        ),
        Part::CompletionToDate => (
            formula(
                res("完成进度计划", "of plan to date"),
                Expr::op(
                    Expr::of(op(Part::Actual, "累计实际", "actual to date")?),
                    Op::Div,
                    Expr::of(op(Part::PlanToDate, "截至本期计划", "plan to date")?),
                ),
            ),
            Some(fig(Part::PlanToDate)),
        ),
        Part::CompletionOfYear => (
            formula(
                res("完成全年", "of the year"),
                Expr::op(
                    Expr::of(op(Part::Actual, "累计实际", "actual to date")?),
                    Op::Div,
                    Expr::of(target),
                ),
            ),
            Some(target_figure),
        ),
        Part::TimeProgress => {
            let last = st.period.last_month();
            let expr = match st.yardstick {
                Yardstick::CalendarDays => Expr::op(
                    Expr::of(Operand::whole(
                        Term::Words("已过天数", "days elapsed"),
                        i64::from(crate::progress::days_through(p.plan_year, last)),
                        Shown::Days(crate::progress::days_through(p.plan_year, last)),
                    )),
                    Op::Div,
                    Expr::of(Operand::whole(
                        Term::Words("全年天数", "days in the year"),
                        i64::from(p.days_in_year),
                        Shown::Days(p.days_in_year),
                    )),
                ),
                Yardstick::PlannedShares => Expr::of(Operand::new(
                    Term::Words("截至本期计划进度", "planned share to date"),
                    st.planned_share.clone(),
                    Shown::Percent(rational_units(&st.planned_share, Step::PERCENT_2)),
                )),
                Yardstick::EvenMonths => {
                    Expr::op(Expr::of(whole(i64::from(last))), Op::Div, Expr::Number(12))
                }
            };
            let (z, en) = st.yardstick.words();
            (formula(res(z, en), expr), None)
        }
        // Between the percentages as shown: their shown values are the operands.
        Part::GapToTime => {
            let as_shown = |o: Operand| Operand::new(o.term, o.shown.value(), o.shown);
            (
                formula(
                    res("快慢", "ahead / behind"),
                    Expr::op(
                        Expr::of(as_shown(op(
                            Part::CompletionOfYear,
                            "完成全年",
                            "of the year",
                        )?)),
                        Op::Sub,
                        Expr::of(as_shown(op(
                            Part::TimeProgress,
                            "时间进度",
                            "time progress",
                        )?)),
                    ),
                ),
                Some(fig(Part::CompletionOfYear)),
            )
        }
        Part::CompletionOfQuarter => {
            let (quarter, done) = quarter_operands()?;
            (
                formula(
                    res("完成本季度", "of the quarter"),
                    Expr::op(Expr::of(done), Op::Div, Expr::of(quarter)),
                ),
                Some(fig(Part::Actual)),
            )
        }
        Part::QuarterRest => {
            let (quarter, done) = quarter_operands()?;
            (
                formula(
                    res("本季度尚需完成", "rest of the quarter"),
                    Expr::op(Expr::of(quarter), Op::Sub, Expr::of(done)),
                ),
                Some(fig(Part::Actual)),
            )
        }
        Part::QuarterRestDaily => (
            formula(
                res("本季度剩余日均", "per day left in the quarter"),
                Expr::op(
                    Expr::of(op(
                        Part::QuarterRest,
                        "本季度尚需完成",
                        "rest of the quarter",
                    )?),
                    Op::Div,
                    Expr::of(Operand::whole(
                        Term::Words("剩余天数", "days left"),
                        i64::from(st.quarter_days_left),
                        Shown::Days(st.quarter_days_left),
                    )),
                ),
            ),
            Some(fig(Part::QuarterRest)),
        ),
        Part::YearRest => (
            formula(
                res("全年尚需完成", "rest of the year"),
                Expr::op(
                    Expr::of(target),
                    Op::Sub,
                    Expr::of(op(Part::Actual, "累计实际", "actual to date")?),
                ),
            ),
            Some(target_figure),
        ),
        Part::YearRestDaily => (
            formula(
                res("全年剩余日均", "per day left in the year"),
                Expr::op(
                    Expr::of(op(Part::YearRest, "全年尚需完成", "rest of the year")?),
                    Op::Div,
                    Expr::of(Operand::whole(
                        Term::Words("剩余天数", "days left"),
                        i64::from(st.year_days_left),
                        Shown::Days(st.year_days_left),
                    )),
                ),
            ),
            Some(fig(Part::YearRest)),
        ),
        Part::YoyGrowth => {
            let last = st.last_year_same_period.clone()?;
            let last_shown = progress_shown(p, node, Part::Actual, &last);
            (
                formula(
                    res("同比增长", "year on year"),
                    Expr::op(
                        Expr::op(
                            Expr::of(op(Part::Actual, "累计实际", "actual to date")?),
                            Op::Div,
                            Expr::of(Operand::new(
                                Term::Words("上年同期", "last year's same period"),
                                last,
                                last_shown,
                            )),
                        ),
                        Op::Sub,
                        Expr::Number(1),
                    ),
                ),
                Some(fig(Part::Actual)),
            )
        }
    };
    Some((label, f, up))
}

/// `elapsed / days in the year` to the end of quarter `q`, exactly.
fn days_ratio(p: &Plan, q: usize) -> BigRational {
    let elapsed: u32 = p.calendar_days[..=q].iter().sum();
    rational(i128::from(elapsed), i128::from(p.days_in_year))
}

fn ratio(a: Dec, b: Dec) -> BigRational {
    if b.is_zero() {
        BigRational::zero()
    } else {
        a.to_rational() / b.to_rational()
    }
}

/// The change between two shares as shown: their shown values are the operands.
fn points_formula(to: Dec, from: Dec, units: i64) -> Formula {
    let as_shown = |x: Dec| {
        let u = x.units(Step::PERCENT_2);
        Operand::new(Term::Bare, Shown::Percent(u).value(), Shown::Percent(u))
    };
    let exact = Shown::Points(units).value();
    Formula::new(
        Operand::new(Term::ShareChange, exact, Shown::Points(units)),
        Expr::op(Expr::of(as_shown(to)), Op::Sub, Expr::of(as_shown(from))),
    )
    .note(Note::PointsChange { units })
}

type Parts = (Term, Formula, Option<Figure>);

fn five_year(s: &Scenario, p: &Plan, figure: Figure, shown_as: Shown) -> Option<Parts> {
    use Figure::*;
    let f = p.five_year.as_ref()?;
    let input = s.five_year.as_ref()?;
    let n = f.years;
    let yi = |term: Term, v: Dec| Operand::dec(term, v, yi2(v));
    let multiple = f.target.to_rational() / f.base.to_rational();
    match figure {
        FiveYearTarget => {
            let (expr, mut notes) = target_expr(
                yi(Term::YearValue(f.base_year), f.base),
                input.target,
                f.target,
                shown_as,
            );
            for note in &mut notes {
                if let Note::MultipleOf { of, .. } = note {
                    *of = Term::YearValue(f.base_year);
                }
            }
            let mut fm = Formula::new(
                Operand::dec(Term::IndustryVaIn(f.end_year), f.target, shown_as),
                expr,
            );
            fm.notes = notes;
            Some((Term::FiveYearTarget, fm, None))
        }
        FiveYearMultiple => {
            let fm = Formula::new(
                Operand::new(Term::MultipleShort, multiple.clone(), shown_as),
                Expr::op(
                    Expr::of(yi(Term::YearValue(f.end_year), f.target)),
                    Op::Div,
                    Expr::of(yi(Term::YearValue(f.base_year), f.base)),
                ),
            )
            .note(Note::Growth {
                units: (f.multiple - Dec::ONE).units(Step::PERCENT_2),
                with_multiple: false,
            });
            Some((Term::FiveYearMultiple, fm, Some(FiveYearTarget)))
        }
        FiveYearCagr => {
            let exact = root30(&multiple, n) - BigRational::one();
            let fm = Formula::new(
                Operand::new(Term::Cagr, exact, shown_as),
                Expr::op(
                    Expr::Pow(
                        Box::new(Expr::of(Operand::new(
                            Term::Multiple,
                            multiple,
                            Shown::times(f.multiple),
                        ))),
                        1,
                        n,
                    ),
                    Op::Sub,
                    Expr::Number(1),
                ),
            );
            Some((Term::CagrLong, fm, Some(FiveYearMultiple)))
        }
        FiveYearPath(k) => {
            let &(year, value) = f.path.get(k)?;
            let rate = root30(&multiple, n) - BigRational::one();
            let fm = Formula::new(
                Operand::dec(Term::YearValue(year), value, shown_as),
                Expr::op(
                    Expr::of(yi(Term::Bare, f.base)),
                    Op::Mul,
                    Expr::Pow(
                        Box::new(Expr::group(Expr::op(
                            Expr::Number(1),
                            Op::Add,
                            Expr::of(Operand::new(Term::Bare, rate, Shown::percent(f.cagr))),
                        ))),
                        k as u32,
                        1,
                    ),
                ),
            );
            Some((Term::PathIn(year), fm, Some(FiveYearCagr)))
        }
        FiveYearShare => {
            let share = f.share_end?;
            let growth = input.gdp_growth?;
            let gdp_base = input.gdp_base?;
            let gdp_end = f.gdp_path.as_ref()?.last()?.1;
            let _ = gdp_end;
            let fm = Formula::new(
                Operand::new(
                    Term::ShareOfGdp,
                    f.target.to_rational()
                        / (gdp_base.to_rational()
                            * (Dec::ONE + growth).to_rational().pow(n as i32)),
                    shown_as,
                ),
                Expr::op(
                    Expr::of(yi(Term::IndustryVaIn(f.end_year), f.target)),
                    Op::Div,
                    Expr::group(Expr::op(
                        Expr::of(yi(Term::Gdp, gdp_base)),
                        Op::Mul,
                        Expr::Pow(
                            Box::new(Expr::group(Expr::op(
                                Expr::Number(1),
                                Op::Add,
                                Expr::of(Operand::dec(Term::Bare, growth, Shown::rate(growth))),
                            ))),
                            n,
                            1,
                        ),
                    )),
                ),
            );
            let _ = share;
            Some((Term::ShareAtEnd, fm, Some(FiveYearTarget)))
        }
        FiveYearShareChange => Some((
            Term::ShareChange,
            points_formula(f.share_end?, f.share_base?, f.share_change_units?),
            Some(FiveYearShare),
        )),
        FiveYearVaNeeded => {
            let share = f.wanted_share?;
            let need = f.va_needed?;
            let growth = input.gdp_growth?;
            let gdp_base = input.gdp_base?;
            let gdp_end = gdp_base.to_rational() * (Dec::ONE + growth).to_rational().pow(n as i32);
            let fm = Formula::new(
                Operand::new(
                    Term::VaNeededShort,
                    share.to_rational() * &gdp_end,
                    shown_as,
                ),
                Expr::op(
                    Expr::of(Operand::dec(Term::WantedShare, share, Shown::rate(share))),
                    Op::Mul,
                    Expr::of(Operand::new(
                        Term::GdpAtEnd,
                        gdp_end.clone(),
                        Shown::Amount(rational_units(&gdp_end, Step::YI_2), Precision::Yi2),
                    )),
                ),
            )
            .note(Note::Beyond {
                amount: Box::new(yi(Term::Bare, need - f.target)),
            });
            Some((Term::VaNeeded, fm, Some(FiveYearShare)))
        }
        _ => None,
    }
}

fn node_quota(s: &Scenario, p: &Plan, node: usize, k: Indicator, shown_as: Shown) -> Option<Parts> {
    let f: &NodeFigures = p.figures(node, k)?;
    let info = p.nodes.get(node)?;
    let prec = p.tree_precision;
    let name = node_name(s, p, node);
    let label = Term::QuotaOf(name.clone(), k);
    let exact = p.exact_quota(node, k)?;
    let Some(parent) = info.parent.map(|x| x as usize) else {
        let fm = Formula::new(
            Operand::new(label.clone(), exact.clone(), shown_as),
            Expr::of(Operand::new(Term::AnnualTarget, exact, shown_as)),
        );
        return Some((label, fm, Some(Figure::Target(k))));
    };
    let up = Some(Figure::NodeQuota(parent, k));
    let (res, notes) = result(Term::Quota, exact, shown_as);
    if let Some(h) = f.held {
        let fm = Formula {
            result: Operand::new(Term::HeldAmount, res.exact, res.shown),
            expr: Expr::of(Operand::dec(Term::Bare, h, shown_as)),
            notes,
        }
        .note(Note::SiblingsShareTheRest);
        return Some((label, fm, up));
    }
    let pf = p.figures(parent, k)?;
    let group = p.group(parent, k)?;
    let parent_exact = p.exact_quota(parent, k)?;
    let parent_name = node_name(s, p, parent);
    let parent_operand = Operand::new(
        Term::NamedQuota(parent_name),
        parent_exact.clone(),
        Shown::Amount(pf.quota_units, prec),
    );
    let held = group.held_total;
    let free_exact = &parent_exact - held.to_rational();
    let free_operand = Operand::new(
        Term::Free,
        free_exact.clone(),
        Shown::Amount(rational_units(&free_exact, prec.step()), prec),
    );
    let mut extra = Vec::new();
    if group.method == SplitMethod::Proportional && f.basis.is_negative() {
        extra.push(Note::LossMaking(Box::new(Operand::dec(
            Term::OwnBase,
            f.basis,
            Shown::amount(f.basis, prec),
        ))));
    }
    let (num, den) = match group.method {
        SplitMethod::Proportional => (
            Expr::of(Operand::dec(
                Term::OwnBase,
                f.weight,
                Shown::amount(f.weight, prec),
            )),
            Expr::of(Operand::dec(
                Term::BaseTotal,
                group.weight_total,
                Shown::amount(group.weight_total, prec),
            )),
        ),
        SplitMethod::Equal => {
            if group.fell_back_to_equal {
                extra.push(Note::FellBack);
            }
            let count = group.weight_total.floor_int() as i64;
            (
                Expr::Number(1),
                Expr::of(Operand::whole(Term::Children, count, Shown::Count(count))),
            )
        }
        SplitMethod::Manual => (
            Expr::of(Operand::dec(
                Term::ManualShare,
                f.weight,
                Shown::rate(f.weight),
            )),
            Expr::of(Operand::dec(
                Term::ManualTotal,
                group.weight_total,
                Shown::rate(group.weight_total),
            )),
        ),
    };
    let fm = if group.spread && group.gap.is_some() {
        let committed = group.committed.unwrap_or(Dec::ZERO);
        let gap_exact = &free_exact - committed.to_rational();
        let own = f.commitment.unwrap_or(Dec::ZERO);
        Formula {
            result: res,
            expr: Expr::op(
                Expr::of(Operand::dec(
                    Term::Commitment,
                    own,
                    Shown::amount(own, prec),
                )),
                Op::Add,
                Expr::op(
                    Expr::op(
                        Expr::of(Operand::new(
                            Term::Gap,
                            gap_exact.clone(),
                            Shown::Amount(rational_units(&gap_exact, prec.step()), prec),
                        )),
                        Op::Mul,
                        num,
                    ),
                    Op::Div,
                    den,
                ),
            ),
            notes,
        }
    } else {
        let source = if held.is_positive() {
            extra.push(Note::HeldFirst(Box::new([
                parent_operand.clone(),
                Operand::dec(Term::Held, held, Shown::amount(held, prec)),
                free_operand.clone(),
            ])));
            free_operand
        } else {
            parent_operand
        };
        Formula {
            result: res,
            expr: Expr::op(Expr::op(Expr::of(source), Op::Mul, num), Op::Div, den),
            notes,
        }
    };
    let mut fm = fm;
    fm.notes.extend(extra);
    Some((label, fm, up))
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
