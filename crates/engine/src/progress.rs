//! Through the year (docs/DOMAIN.md "Through the year"): months inside each quarter, the
//! 1–2月 period county statistics report, and from an actual to date: completion, the gap to
//! time progress by the county's yardstick, and what the rest of the quarter and of the year
//! must deliver, in total and per day.
//!
//! The arithmetic only; the scenario's actuals and the page come with the issue "Through the
//! quarter". Values are exact rationals, and month amounts are rounded by largest remainder
//! so that the three months of a quarter add up to the quarter as shown.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use serde::{Deserialize, Serialize};

use crate::calendar::{days_in_year, is_leap};
use crate::i18n::Bilingual;
use crate::indicator::Indicator;
use crate::num::{Dec, Step};
use crate::plan::{Level, Plan};
use crate::round::{largest_remainder_exact, round_table};

fn whole(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

/// Days of a month (1–12).
pub fn month_days(year: i32, month: u8) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1 January to the end of `month` (0 for month 0).
pub fn days_through(year: i32, month: u8) -> u32 {
    (1..=month.min(12)).map(|m| month_days(year, m)).sum()
}

/// A period county statistics report: January and February together (1–2月), then each
/// month from March.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    #[default]
    JanFeb,
    Month(u8),
}

impl Period {
    /// 1–2月, 3月, …, 12月.
    pub const ALL: [Period; 11] = [
        Period::JanFeb,
        Period::Month(3),
        Period::Month(4),
        Period::Month(5),
        Period::Month(6),
        Period::Month(7),
        Period::Month(8),
        Period::Month(9),
        Period::Month(10),
        Period::Month(11),
        Period::Month(12),
    ];

    /// The period that ends with this month (January and February: 1–2月); `None` outside
    /// 1–12.
    pub fn ending(month: u8) -> Option<Period> {
        match month {
            1 | 2 => Some(Period::JanFeb),
            3..=12 => Some(Period::Month(month)),
            _ => None,
        }
    }

    /// Its last month; a month out of 1–12 (a damaged file: validation refuses it) is kept
    /// in range so that nothing indexes past the year.
    pub fn last_month(self) -> u8 {
        match self {
            Period::JanFeb => 2,
            Period::Month(m) => m.clamp(1, 12),
        }
    }

    /// Whether it is one of [`Period::ALL`].
    pub fn is_valid(self) -> bool {
        Period::ALL.contains(&self)
    }

    /// The quarter (0–3) the period ends in.
    pub fn quarter(self) -> usize {
        usize::from((self.last_month() - 1) / 3)
    }

    /// 1–2月 / Jan–Feb, 3月 / March.
    pub fn name(self) -> Bilingual {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self {
            Period::JanFeb => Bilingual::new("1–2月", "Jan–Feb"),
            Period::Month(m) => Bilingual::new(
                format!("{m}月"),
                EN[usize::from(m.clamp(1, 12)) - 1].to_string(),
            ),
        }
    }
}

/// What "time progress" is measured against: counties use different yardsticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Yardstick {
    /// The share of calendar days elapsed (24.66% at the end of Q1 2022).
    #[default]
    CalendarDays,
    /// The cumulative share planned at the start of the year (时序进度): the quarter shares,
    /// and within a quarter its months' shares.
    PlannedShares,
    /// Even months: a twelfth of the year a month (25% a quarter).
    EvenMonths,
}

impl Yardstick {
    pub const ALL: [Yardstick; 3] = [
        Yardstick::CalendarDays,
        Yardstick::PlannedShares,
        Yardstick::EvenMonths,
    ];

    /// Its name, as every figure that uses it says it.
    pub fn name(self) -> Bilingual {
        let (zh, en) = self.words();
        Bilingual::new(zh, en)
    }

    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Yardstick::CalendarDays => ("时间进度（按日历天数）", "time progress (calendar days)"),
            Yardstick::PlannedShares => (
                "时序进度（按年初计划）",
                "planned progress (the year's plan)",
            ),
            Yardstick::EvenMonths => ("时间进度（按月平均）", "time progress (even months)"),
        }
    }

    /// The key used in JSON and in the page's controls.
    pub fn key(self) -> &'static str {
        match self {
            Yardstick::CalendarDays => "calendar_days",
            Yardstick::PlannedShares => "planned_shares",
            Yardstick::EvenMonths => "even_months",
        }
    }
}

/// What a quarter's three months weigh by: the planner's monthly shares where typed, else
/// last year's monthly actuals where entered (and not all zero), else their calendar days.
#[derive(Debug, Clone, PartialEq)]
pub enum MonthBasis {
    /// Shares of the year typed by the planner (月度占比), adding up to the quarter's.
    Typed([Dec; 3]),
    /// Last year's monthly actuals (上年各月).
    LastYear([Dec; 3]),
    /// The months' calendar days.
    Days([u32; 3]),
}

impl MonthBasis {
    pub fn of(
        year: i32,
        quarter: usize,
        typed: &[Option<[Dec; 3]>; 4],
        last_year: Option<&[Dec; 12]>,
    ) -> MonthBasis {
        let first = quarter * 3;
        // Typed shares of a quarter planned at 0% weigh nothing: its days do (all amounts
        // are zero either way, and the explanation has no 0 ÷ 0).
        if let Some(t) = typed
            .get(quarter)
            .copied()
            .flatten()
            .filter(|t| t.iter().any(|d| d.is_positive()))
        {
            return MonthBasis::Typed(t);
        }
        match last_year.filter(|ly| by_last_year(ly, quarter)) {
            Some(ly) => MonthBasis::LastYear([ly[first], ly[first + 1], ly[first + 2]]),
            None => MonthBasis::Days([0, 1, 2].map(|i| month_days(year, (first + i + 1) as u8))),
        }
    }

    /// An indicator's basis for a quarter (0–3).
    pub fn of_plan(ip: &crate::plan::IndicatorPlan, year: i32, quarter: usize) -> MonthBasis {
        MonthBasis::of(year, quarter, &ip.month_shares, ip.base_months.as_ref())
    }

    pub fn weights(&self) -> [BigRational; 3] {
        match self {
            MonthBasis::Typed(w) | MonthBasis::LastYear(w) => w.map(|d| d.to_rational()),
            MonthBasis::Days(d) => d.map(|d| whole(i64::from(d))),
        }
    }
}

/// The weights of a quarter's three months without typed shares (see [`MonthBasis`]).
pub fn month_weights(year: i32, quarter: usize, last_year: Option<&[Dec; 12]>) -> [BigRational; 3] {
    MonthBasis::of(year, quarter, &[None; 4], last_year).weights()
}

/// A quarter's monthly shares (of the year) as shown by default, to 0.0001%, adding up to
/// the quarter's share exactly: where the planner's typing starts from.
pub fn default_month_shares(
    year: i32,
    quarter: usize,
    quarter_share: Dec,
    last_year: Option<&[Dec; 12]>,
) -> [Dec; 3] {
    let exact = month_amounts(
        &quarter_share.to_rational(),
        &month_weights(year, quarter, last_year),
    );
    let step = Step::RATE;
    let total = quarter_share.units(step);
    let units = largest_remainder_exact(total, &exact, &[false; 3], step);
    [0, 1, 2].map(|i| step.value(units[i]))
}

/// Whether a quarter's months follow last year's: its three months entered, none negative,
/// not all zero.
pub fn by_last_year(last_year: &[Dec; 12], quarter: usize) -> bool {
    let w = &last_year[quarter * 3..quarter * 3 + 3];
    w.iter().any(|d| d.is_positive()) && !w.iter().any(|d| d.is_negative())
}

/// A quarter's amount split into its months, exact: `Q × w_m / Σw`.
pub fn month_amounts(quarter_amount: &BigRational, weights: &[BigRational; 3]) -> [BigRational; 3] {
    let total: BigRational = weights.iter().sum();
    if total.is_zero() {
        return [0, 1, 2].map(|_| BigRational::zero());
    }
    weights.clone().map(|w| quarter_amount * w / &total)
}

/// The months as shown, in units of `step`, adding up to the quarter's `quarter_units`.
pub fn month_units(exact: &[BigRational; 3], quarter_units: i64, step: Step) -> [i64; 3] {
    let units = largest_remainder_exact(quarter_units, exact, &[false; 3], step);
    [units[0], units[1], units[2]]
}

/// The share of the year planned through the end of `period`: the quarters before it, and
/// the months of its own quarter by their weights.
pub fn planned_share(
    shares: &[Dec; 4],
    weights_of_quarter: &[BigRational; 3],
    period: Period,
) -> BigRational {
    let q = period.quarter();
    let before: BigRational = shares[..q].iter().map(|s| s.to_rational()).sum();
    let months_in = usize::from(period.last_month()) - q * 3;
    let total: BigRational = weights_of_quarter.iter().sum();
    let within = if total.is_zero() {
        whole(months_in as i64) / whole(3)
    } else {
        weights_of_quarter[..months_in].iter().sum::<BigRational>() / total
    };
    before + shares[q].to_rational() * within
}

/// The time progress at the end of a period by a yardstick.
pub fn time_progress(
    year: i32,
    yardstick: Yardstick,
    period: Period,
    planned: &BigRational,
) -> BigRational {
    match yardstick {
        Yardstick::CalendarDays => {
            whole(i64::from(days_through(year, period.last_month())))
                / whole(i64::from(days_in_year(year)))
        }
        Yardstick::PlannedShares => planned.clone(),
        Yardstick::EvenMonths => whole(i64::from(period.last_month())) / whole(12),
    }
}

/// Where one unit (the county, an industry, an enterprise) stands at the end of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub period: Period,
    /// The actual, cumulative from 1 January (累计).
    pub actual: BigRational,
    /// The share of the year planned through the period (时序进度 by the year's plan).
    pub planned_share: BigRational,
    /// The plan to date: the year's target × the planned share.
    pub plan_to_date: BigRational,
    /// The unit's annual target (a quota for an enterprise), and its quarter's amount.
    pub target: BigRational,
    pub quarter_amount: BigRational,
    pub yardstick: Yardstick,
    /// Last year's same period, where given.
    pub last_year_same_period: Option<BigRational>,
    pub time_progress: BigRational,
    /// `A / P_t`; `None` when nothing was planned to date.
    pub completion_to_date: Option<BigRational>,
    /// `A / T` (the year's completion, 完成全年的).
    pub completion_of_year: Option<BigRational>,
    /// Completion of the year minus time progress (negative: behind; 个百分点 × 100).
    pub gap_to_time: Option<BigRational>,
    /// The quarter's own actual (to date within it); `None` past Q1 without the actual at
    /// the end of the quarter before.
    pub quarter_actual: Option<BigRational>,
    /// `Q − A_q`: what the rest of the quarter must deliver (negative: already above).
    pub quarter_rest: Option<BigRational>,
    /// Days left in the quarter after the period.
    pub quarter_days_left: u32,
    /// `(Q − A_q) / days left`; `None` when the quarter has ended.
    pub quarter_rest_daily: Option<BigRational>,
    /// `T − A`, and per day of the year left.
    pub year_rest: BigRational,
    pub year_days_left: u32,
    pub year_rest_daily: Option<BigRational>,
    /// `A / A_last − 1`, against last year's same period where given.
    pub yoy_growth: Option<BigRational>,
    /// Behind schedule: completion of the year below time progress.
    pub behind: bool,
}

/// What a unit's standing is computed from.
#[derive(Debug, Clone)]
pub struct Inputs<'a> {
    pub year: i32,
    pub yardstick: Yardstick,
    pub period: Period,
    /// The unit's annual target (a quota for an enterprise), exact.
    pub target: BigRational,
    /// The year's quarter shares, and what the period's quarter's months weigh by.
    pub shares: &'a [Dec; 4],
    pub months: MonthBasis,
    /// The actual to date, and at the end of the quarter before the period's (past Q1).
    pub actual: Dec,
    pub actual_before_quarter: Option<Dec>,
    /// Last year's actual for the same period (cumulative), for year-on-year growth.
    pub last_year_same_period: Option<Dec>,
}

pub fn standing(i: &Inputs) -> Standing {
    let q = i.period.quarter();
    let weights = i.months.weights();
    let planned = planned_share(i.shares, &weights, i.period);
    let time = time_progress(i.year, i.yardstick, i.period, &planned);
    let actual = i.actual.to_rational();
    let plan_to_date = &i.target * &planned;
    let ratio = |a: &BigRational, b: &BigRational| (!b.is_zero()).then(|| a / b);
    let completion_of_year = ratio(&actual, &i.target);
    let quarter_actual = if q == 0 {
        Some(actual.clone())
    } else {
        i.actual_before_quarter.map(|b| &actual - b.to_rational())
    };
    let quarter_amount = &i.target * i.shares[q].to_rational();
    let quarter_rest = quarter_actual.as_ref().map(|a| &quarter_amount - a);
    let last = i.period.last_month();
    let quarter_end = (q as u8 + 1) * 3;
    let quarter_days_left = days_through(i.year, quarter_end) - days_through(i.year, last);
    let year_days_left = days_in_year(i.year) - days_through(i.year, last);
    let per_day = |r: &BigRational, days: u32| (days > 0).then(|| r / whole(i64::from(days)));
    let year_rest = &i.target - &actual;
    let gap_to_time = completion_of_year.as_ref().map(|c| c - &time);
    Standing {
        period: i.period,
        completion_to_date: ratio(&actual, &plan_to_date),
        behind: gap_to_time
            .as_ref()
            .is_some_and(|g| *g < BigRational::zero()),
        gap_to_time,
        completion_of_year,
        quarter_rest_daily: quarter_rest
            .as_ref()
            .and_then(|r| per_day(r, quarter_days_left)),
        quarter_rest,
        quarter_actual,
        quarter_days_left,
        year_rest_daily: per_day(&year_rest, year_days_left),
        year_rest,
        year_days_left,
        yoy_growth: i
            .last_year_same_period
            .filter(|l| l.is_positive())
            .map(|l| &actual / l.to_rational() - BigRational::one()),
        actual,
        plan_to_date,
        planned_share: planned,
        target: i.target.clone(),
        quarter_amount,
        yardstick: i.yardstick,
        last_year_same_period: i.last_year_same_period.map(|l| l.to_rational()),
        time_progress: time,
    }
}

/// A figure of a standing, for the page and its explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Actual,
    PlanToDate,
    CompletionToDate,
    /// The quarter's own actual over its amount (完成本季度).
    CompletionOfQuarter,
    CompletionOfYear,
    TimeProgress,
    GapToTime,
    QuarterRest,
    QuarterRestDaily,
    YearRest,
    YearRestDaily,
    YoyGrowth,
}

impl Part {
    pub const ALL: [Part; 12] = [
        Part::Actual,
        Part::PlanToDate,
        Part::CompletionToDate,
        Part::CompletionOfQuarter,
        Part::CompletionOfYear,
        Part::TimeProgress,
        Part::GapToTime,
        Part::QuarterRest,
        Part::QuarterRestDaily,
        Part::YearRest,
        Part::YearRestDaily,
        Part::YoyGrowth,
    ];

    /// A stable key for the page's ids.
    pub fn key(self) -> &'static str {
        match self {
            Part::Actual => "actual",
            Part::PlanToDate => "plan",
            Part::CompletionToDate => "completion",
            Part::CompletionOfQuarter => "of-quarter",
            Part::CompletionOfYear => "of-year",
            Part::TimeProgress => "time",
            Part::GapToTime => "gap",
            Part::QuarterRest => "quarter-rest",
            Part::QuarterRestDaily => "quarter-daily",
            Part::YearRest => "year-rest",
            Part::YearRestDaily => "year-daily",
            Part::YoyGrowth => "yoy",
        }
    }

    /// Its name, for a column or a label.
    pub fn name(self) -> Bilingual {
        let (zh, en) = self.words();
        Bilingual::new(zh, en)
    }

    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Part::Actual => ("累计实际", "actual to date"),
            Part::PlanToDate => ("截至本期计划", "plan to date"),
            Part::CompletionToDate => ("完成进度计划", "of plan to date"),
            Part::CompletionOfQuarter => ("完成本季度", "of the quarter"),
            Part::CompletionOfYear => ("完成全年", "of the year"),
            Part::TimeProgress => ("时间进度", "time progress"),
            Part::GapToTime => ("快慢（个百分点）", "ahead / behind (points)"),
            Part::QuarterRest => ("本季度尚需完成", "rest of the quarter"),
            Part::QuarterRestDaily => ("本季度剩余日均", "per day left in the quarter"),
            Part::YearRest => ("全年尚需完成", "rest of the year"),
            Part::YearRestDaily => ("全年剩余日均", "per day left in the year"),
            Part::YoyGrowth => ("同比增长", "year on year"),
        }
    }

    /// The value of this part of a standing.
    pub fn value(self, st: &Standing) -> Option<BigRational> {
        Some(match self {
            Part::Actual => st.actual.clone(),
            Part::PlanToDate => st.plan_to_date.clone(),
            Part::CompletionToDate => st.completion_to_date.clone()?,
            Part::CompletionOfQuarter => {
                let amount = &st.quarter_amount;
                (!amount.is_zero()).then(|| st.quarter_actual.clone().map(|a| a / amount))??
            }
            Part::CompletionOfYear => st.completion_of_year.clone()?,
            Part::TimeProgress => st.time_progress.clone(),
            // In points between the two percentages as shown, as the page reads them (13.64% −
            // 16.16% = −2.52 个百分点); `behind` is decided on the exact values.
            Part::GapToTime => {
                let shown = |r: &BigRational| {
                    BigRational::new(
                        BigInt::from(crate::num::rational_units(r, Step::PERCENT_2)),
                        BigInt::from(10_000),
                    )
                };
                shown(st.completion_of_year.as_ref()?) - shown(&st.time_progress)
            }
            Part::QuarterRest => st.quarter_rest.clone()?,
            Part::QuarterRestDaily => st.quarter_rest_daily.clone()?,
            Part::YearRest => st.year_rest.clone(),
            Part::YearRestDaily => st.year_rest_daily.clone()?,
            Part::YoyGrowth => st.yoy_growth.clone()?,
        })
    }
}

/// The county's standing for an indicator, from the plan's actuals.
pub fn county_standing(p: &Plan, k: Indicator) -> Option<Standing> {
    let a = p.actuals.as_ref()?;
    let ip = p.indicator(k)?;
    Some(standing(&Inputs {
        year: p.plan_year,
        yardstick: a.yardstick,
        period: a.period,
        target: ip.target.to_rational(),
        shares: &ip.shares,
        months: MonthBasis::of_plan(ip, p.plan_year, a.period.quarter()),
        actual: a.county.get(k)?,
        actual_before_quarter: a.county_before_quarter.get(k),
        last_year_same_period: a
            .county_last_year
            .get(k)
            .or_else(|| last_year_through(ip.base_months.as_ref()?, a.period)),
    }))
}

/// Last year's cumulative through the end of a period from its monthly actuals, where every
/// month through it was entered (above zero).
pub fn last_year_through(months: &[Dec; 12], period: Period) -> Option<Dec> {
    let through = &months[..usize::from(period.last_month())];
    through
        .iter()
        .all(|m| m.is_positive())
        .then(|| through.iter().copied().sum())
}

/// A node's standing (an enterprise's, usually) against its quota. Past Q1 its quarter's
/// own actual needs its cumulative at the end of the quarter before: without it the
/// quarter's rest is `None`, the year's is not.
pub fn node_standing(p: &Plan, node: usize, k: Indicator) -> Option<Standing> {
    let a = p.actuals.as_ref()?;
    let id = p.nodes.get(node)?.id;
    let actual = a.nodes.get(&id)?.get(k)?;
    let ip = p.indicator(k)?;
    Some(standing(&Inputs {
        year: p.plan_year,
        yardstick: a.yardstick,
        period: a.period,
        target: p.exact_quota(node, k)?,
        shares: &ip.shares,
        months: MonthBasis::of_plan(ip, p.plan_year, a.period.quarter()),
        actual,
        actual_before_quarter: a.nodes_before_quarter.get(&id).and_then(|v| v.get(k)),
        last_year_same_period: a.nodes_last_year.get(&id).and_then(|v| v.get(k)),
    }))
}

/// The enterprises with an actual, most behind time progress first (the meeting's list).
pub fn enterprises_by_gap(p: &Plan, k: Indicator) -> Vec<(usize, Standing)> {
    let mut out: Vec<(usize, Standing)> = p
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.level == Level::Enterprise)
        .filter_map(|(i, _)| Some((i, node_standing(p, i, k)?)))
        .collect();
    out.sort_by(|a, b| a.1.gap_to_time.cmp(&b.1.gap_to_time));
    out
}

/// How the enterprises' list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Order {
    /// Most behind time progress first (the meeting's list): lowest completion of the year.
    #[default]
    MostBehind,
    /// Most still to deliver this quarter first (per day too: the days left are the same).
    MostToDo,
    /// By name.
    Name,
}

impl Order {
    pub const ALL: [Order; 3] = [Order::MostBehind, Order::MostToDo, Order::Name];

    /// A stable key for the page's controls.
    pub fn key(self) -> &'static str {
        match self {
            Order::MostBehind => "behind",
            Order::MostToDo => "per-day",
            Order::Name => "name",
        }
    }

    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Order::MostBehind => ("落后最多的在前", "most behind first"),
            Order::MostToDo => (
                "本季度还需最多的在前",
                "most still to do this quarter first",
            ),
            Order::Name => ("按名称", "by name"),
        }
    }
}

/// The enterprises with an actual in an order, with the standings of the first `limit`.
/// Returns them and how many have an actual. The order is decided on each quota as the tree
/// carries it (fixed point, twenty places) and, where two keys are equal there, on exact
/// values; only the listed enterprises are worked out exactly (an exact standing costs tens
/// of microseconds, ten thousand of them most of a second).
pub fn enterprises_in_order(
    p: &Plan,
    k: Indicator,
    order: Order,
    limit: usize,
    name: impl Fn(usize) -> String,
) -> (Vec<(usize, Standing)>, usize) {
    let (Some(a), Some(ip), Some(split)) = (p.actuals.as_ref(), p.indicator(k), p.split(k)) else {
        return (Vec::new(), 0);
    };
    let q = a.period.quarter();
    let share = ip.shares[q];
    // A key past every completion fixed point can hold, and its bound: it sorts last and is
    // compared exactly with whatever lies near it.
    const BEYOND: Dec = Dec::from_raw(i128::MAX / 4);
    // (node, actual, key, how far the key may be from the exact value)
    let mut keyed: Vec<(usize, Dec, Option<Dec>, Dec)> = p
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.level == Level::Enterprise)
        .filter_map(|(i, n)| {
            let actual = a.nodes.get(&n.id)?.get(k)?;
            let quota = split.figures_of(i)?.quota;
            let lost = Dec::from_raw(i128::from(quota.err) + 3);
            let (key, bound) = match order {
                // Nothing done yet: exactly zero of any quota.
                Order::MostBehind if quota.lo.is_positive() && actual.is_zero() => {
                    (Some(Dec::ZERO), Dec::ZERO)
                }
                // A / Q from the floored quota: larger by at most (A / Q)·err / Q, plus the
                // floors (each bound rounded up by a unit of the last place).
                Order::MostBehind if quota.lo.is_positive() => {
                    let key = actual.div_floor(quota.lo);
                    let unit = Dec::from_raw(1);
                    let bound = key
                        .and_then(|key| key.mul_floor(lost))
                        .and_then(|x| (x + unit).div_floor(quota.lo))
                        .map(|x| x + unit + lost);
                    match (key, bound) {
                        (Some(key), Some(bound)) => (Some(key), bound),
                        // Beyond fixed point (a completion in the billions): last, decided
                        // exactly among its neighbours.
                        _ => (Some(BEYOND), BEYOND),
                    }
                }
                // A quota below the carried places but not zero: its completion is huge.
                Order::MostBehind if quota.err > 0 => (Some(BEYOND), BEYOND),
                Order::MostBehind => (None, Dec::ZERO),
                Order::MostToDo => {
                    let before = if q == 0 {
                        Some(Dec::ZERO)
                    } else {
                        a.nodes_before_quarter.get(&n.id).and_then(|v| v.get(k))
                    };
                    let key = before.and_then(|b| Some(quota.lo.mul_floor(share)? - (actual - b)));
                    (key, lost)
                }
                Order::Name => (None, Dec::ZERO),
            };
            Some((i, actual, key, bound))
        })
        .collect();
    let total = keyed.len();
    let exact_key = |i: usize, actual: Dec| -> Option<BigRational> {
        match order {
            Order::MostBehind => {
                let quota = p.exact_quota(i, k)?;
                (!quota.is_zero()).then(|| actual.to_rational() / quota)
            }
            Order::MostToDo => node_standing(p, i, k)?.quarter_rest,
            Order::Name => None,
        }
    };
    let descending = order == Order::MostToDo;
    match order {
        Order::Name => keyed.sort_by_cached_key(|(i, _, _, _)| (name(*i), *i)),
        _ => {
            keyed.sort_by(|x, y| {
                let by_key = match (x.2, y.2) {
                    (Some(a), Some(b)) if descending => b.cmp(&a),
                    (Some(a), Some(b)) => a.cmp(&b),
                    // No completion (a zero quota) first; no quarter's actual last.
                    (a, b) if descending => b.is_some().cmp(&a.is_some()),
                    (a, b) => a.is_some().cmp(&b.is_some()),
                };
                by_key.then(x.0.cmp(&y.0))
            });
            // Neighbours whose keys are within their bounds: ordered on exact values. Keys
            // further apart are in the exact order already.
            let mut start = 0;
            for end in 1..=keyed.len() {
                let close = end < keyed.len()
                    && match (keyed[end - 1].2, keyed[end].2) {
                        (Some(a), Some(b)) => {
                            let bounds = keyed[end - 1].3 + keyed[end].3;
                            bounds.is_positive() && (a - b).abs() <= bounds
                        }
                        _ => false,
                    };
                if close {
                    continue;
                }
                if end - start > 1 {
                    let run = &mut keyed[start..end];
                    let mut exact: Vec<(Option<BigRational>, usize)> =
                        run.iter().map(|x| (exact_key(x.0, x.1), x.0)).collect();
                    exact.sort_by(|x, y| {
                        let by = if descending {
                            y.0.cmp(&x.0)
                        } else {
                            x.0.cmp(&y.0)
                        };
                        by.then(x.1.cmp(&y.1))
                    });
                    let rank: std::collections::HashMap<usize, usize> =
                        exact.iter().enumerate().map(|(r, x)| (x.1, r)).collect();
                    run.sort_by_key(|x| rank.get(&x.0).copied());
                }
                start = end;
            }
        }
    }
    let listed = keyed
        .into_iter()
        .take(limit)
        .filter_map(|(i, _, _, _)| Some((i, node_standing(p, i, k)?)))
        .collect();
    (listed, total)
}

/// The county's plan to date as shown: the quarters before as the quarter table shows them
/// plus this quarter's months through the period as shown, so that it is their sum on the
/// page (47.60 = 25.01 + 22.59 after 1–2月, where `T × planned share` is 47.5933…).
pub fn county_plan_to_date_units(p: &Plan, k: Indicator, period: Period) -> Option<i64> {
    let ip = p.indicator(k)?;
    let q = period.quarter();
    let before: i64 = ip.quarters[..q].iter().map(|x| x.amount_units).sum();
    let months: i64 = county_months(p, k, q)?
        .iter()
        .filter(|m| m.month <= period.last_month())
        .map(|m| m.units)
        .sum();
    Some(before + months)
}

/// One month of the county's plan for an indicator: its exact amount (the quarter's by the
/// month's days), as shown (the quarter's three months add up to the quarter as shown), and
/// its days.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthPlan {
    pub month: u8,
    pub exact: BigRational,
    pub units: i64,
    pub days: u32,
}

/// The months of a quarter (0–3) of an indicator's plan: by last year's months where
/// entered, else by days.
pub fn county_months(p: &Plan, k: Indicator, quarter: usize) -> Option<[MonthPlan; 3]> {
    let ip = p.indicator(k)?;
    let qp = ip.quarters.get(quarter)?;
    let weights = MonthBasis::of_plan(ip, p.plan_year, quarter).weights();
    let exact = month_amounts(&qp.amount.to_rational(), &weights);
    let units = month_units(&exact, qp.amount_units, Step::YI_2);
    let first = quarter as u8 * 3 + 1;
    Some([0usize, 1, 2].map(|i| MonthPlan {
        month: first + i as u8,
        exact: exact[i].clone(),
        units: units[i],
        days: month_days(p.plan_year, first + i as u8),
    }))
}

/// One node's months of a quarter in the tree's unit: its quarter (exact, and as shown: for
/// Q1 the tree's own Q1 column), and each month exact and as shown. A node's months add up
/// to its quarter, and siblings' months to their parent's month ([`round_table`]).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeMonths {
    pub node: usize,
    pub quarter: usize,
    pub quarter_exact: BigRational,
    pub quarter_units: i64,
    pub exact: [BigRational; 3],
    pub units: [i64; 3],
    pub days: [u32; 3],
}

impl NodeMonths {
    /// Month `m` (1–12) of its quarter: its index 0–2.
    pub fn index_of(&self, month: u8) -> Option<usize> {
        let i = usize::from(month).checked_sub(self.quarter * 3 + 1)?;
        (i < 3).then_some(i)
    }

    /// The month's daily quota, exact: its amount over its days.
    pub fn daily(&self, i: usize) -> BigRational {
        &self.exact[i] / whole(i64::from(self.days[i].max(1)))
    }
}

fn months_of(
    p: &Plan,
    k: Indicator,
    quarter: usize,
    node: usize,
    quarter_exact: BigRational,
    quarter_units: i64,
) -> Option<NodeMonths> {
    let ip = p.indicator(k)?;
    let weights = MonthBasis::of_plan(ip, p.plan_year, quarter).weights();
    let exact = month_amounts(&quarter_exact, &weights);
    let first = quarter as u8 * 3 + 1;
    Some(NodeMonths {
        node,
        quarter,
        units: [0; 3],
        days: [0u8, 1, 2].map(|i| month_days(p.plan_year, first + i)),
        exact,
        quarter_exact,
        quarter_units,
    })
}

/// The county's months of a quarter (0–3) in the tree's unit.
pub fn root_months(p: &Plan, k: Indicator, quarter: usize) -> Option<NodeMonths> {
    let ip = p.indicator(k)?;
    let split = p.split(k)?;
    let qp = ip.quarters.get(quarter)?;
    let units = if quarter == 0 {
        split.root_q1_units
    } else {
        match split.precision {
            crate::round::Precision::Yi2 => qp.amount_units,
            precision => precision.units(qp.amount),
        }
    };
    let mut m = months_of(p, k, quarter, 0, qp.amount.to_rational(), units)?;
    m.units = month_units(&m.exact, units, split.precision.step());
    Some(m)
}

/// The months of a node's children that the indicator reaches, from the node's own.
pub fn children_months(p: &Plan, k: Indicator, parent: &NodeMonths) -> Vec<NodeMonths> {
    let (Some(ip), Some(split)) = (p.indicator(k), p.split(k)) else {
        return Vec::new();
    };
    let q = parent.quarter;
    let share = ip.shares[q].to_rational();
    let step = split.precision.step();
    let children: Vec<usize> = p
        .children(parent.node)
        .filter(|&c| split.figures_of(c).is_some())
        .collect();
    let exact: Vec<BigRational> = children
        .iter()
        .map(|&c| p.exact_quota(c, k).unwrap_or_default() * &share)
        .collect();
    let quarter_units: Vec<i64> = if q == 0 {
        children
            .iter()
            .map(|&c| p.units(c, k, crate::plan::Family::Q1).unwrap_or(0))
            .collect()
    } else {
        largest_remainder_exact(
            parent.quarter_units,
            &exact,
            &vec![false; exact.len()],
            step,
        )
    };
    let mut out: Vec<NodeMonths> = children
        .iter()
        .zip(exact)
        .zip(&quarter_units)
        .filter_map(|((&c, e), &u)| months_of(p, k, q, c, e, u))
        .collect();
    let rows: Vec<[BigRational; 3]> = out.iter().map(|m| m.exact.clone()).collect();
    let units = round_table(&rows, &quarter_units, &parent.units, step);
    for (m, u) in out.iter_mut().zip(units) {
        m.units = u;
    }
    out
}

/// A node's months of a quarter: the county's, then each generation's down to it.
pub fn node_months(p: &Plan, node: usize, k: Indicator, quarter: usize) -> Option<NodeMonths> {
    let mut path = vec![node];
    while let Some(parent) = p.nodes.get(*path.last()?)?.parent {
        path.push(parent as usize);
    }
    path.pop();
    let mut at = root_months(p, k, quarter)?;
    while let Some(next) = path.pop() {
        at = children_months(p, k, &at)
            .into_iter()
            .find(|m| m.node == next)?;
    }
    Some(at)
}

/// Every node's months of a quarter, by node index (`None` where the indicator does not
/// reach), top-down: each parent's children once.
pub fn all_node_months(p: &Plan, k: Indicator, quarter: usize) -> Vec<Option<NodeMonths>> {
    let mut out: Vec<Option<NodeMonths>> = vec![None; p.nodes.len()];
    let Some(root) = root_months(p, k, quarter) else {
        return out;
    };
    out[0] = Some(root);
    for node in 0..p.nodes.len() {
        let Some(parent) = out[node].clone() else {
            continue;
        };
        for m in children_months(p, k, &parent) {
            let at = m.node;
            out[at] = Some(m);
        }
    }
    out
}

/// The year month by month in hundredths of a percent of the target, for a chart: the
/// cumulative plan (quarters by their months' days) and time progress (calendar days) at
/// the end of each month (index 0: 1 January), and the actual at the end of its period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearPath {
    pub planned: [i64; 13],
    pub time: [i64; 13],
    pub actual: Option<(u8, i64)>,
}

pub fn year_path(p: &Plan, k: Indicator) -> Option<YearPath> {
    let ip = p.indicator(k)?;
    let pct = |r: &BigRational| crate::num::rational_units(r, Step::PERCENT_2);
    let mut planned = [0i64; 13];
    let mut time = [0i64; 13];
    for m in 1..=12u8 {
        let q = usize::from((m - 1) / 3);
        let weights = MonthBasis::of_plan(ip, p.plan_year, q).weights();
        planned[usize::from(m)] = pct(&planned_share(&ip.shares, &weights, Period::Month(m)));
        time[usize::from(m)] = pct(&(whole(i64::from(days_through(p.plan_year, m)))
            / whole(i64::from(days_in_year(p.plan_year)))));
    }
    let actual = county_standing(p, k)
        .and_then(|st| Some((st.period.last_month(), pct(st.completion_of_year.as_ref()?))));
    Some(YearPath {
        planned,
        time,
        actual,
    })
}

/// What a pasted table or a file gave: rows by unit, the period and yardstick where it
/// names them (the exported 实际数 sheet does), and what could not be read, by line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadActuals {
    pub rows: Vec<ReadActual>,
    pub period: Option<Period>,
    pub yardstick: Option<Yardstick>,
    pub problems: Vec<Bilingual>,
    /// What was read in a way worth saying (a short name taken as an enterprise's; the
    /// actuals of an earlier period replaced).
    pub notes: Vec<Bilingual>,
}

/// One row: the county (`id: None`) or an enterprise by node id, the indicator, its actual
/// to date, and where given its cumulative at the end of the quarter before and last year's
/// same period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadActual {
    pub id: Option<u64>,
    pub indicator: Indicator,
    pub actual: Dec,
    pub before_quarter: Option<Dec>,
    pub last_year: Option<Dec>,
}

/// The columns of an actuals table, found by its header's words, else by position: name,
/// actual to date, the quarter before's cumulative, last year's same period.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Columns {
    name: usize,
    indicator: Option<usize>,
    actual: usize,
    before_quarter: Option<usize>,
    last_year: Option<usize>,
    /// The unit a column's heading names (（万元）, （千元）…), per column as above.
    units: [Option<crate::import::HeaderUnit>; 3],
}

impl Columns {
    const BY_POSITION: Columns = Columns {
        name: 0,
        indicator: None,
        actual: 1,
        before_quarter: Some(2),
        last_year: Some(3),
        units: [None; 3],
    };

    /// A header row's columns; `None` when the row names no actual to date. Of the headings
    /// that could be it, one that says cumulative (累计, 1–3月) wins; a month's own figure
    /// (本月, 当月), a rate or a growth (率, %, 增, 比) never is.
    fn from_header(row: &[String]) -> Option<Columns> {
        let mut c = Columns {
            name: usize::MAX,
            indicator: None,
            actual: usize::MAX,
            before_quarter: None,
            last_year: None,
            units: [None; 3],
        };
        let mut actual_rank = 0;
        for (i, h) in row.iter().enumerate() {
            let h = h.trim();
            let lower = h.to_lowercase();
            let has = |zh: &[&str], en: &[&str]| {
                zh.iter().any(|w| h.contains(w)) || en.iter().any(|w| lower.contains(w))
            };
            let unit = crate::import::unit_of(h);
            // 1-3月, 1–3月, 1至3月: from January, cumulative.
            let from_january = ["1-", "1–", "1—", "1至", "1~", "1～"]
                .iter()
                .any(|w| h.contains(w))
                && h.contains('月');
            if has(&["上年同期", "去年同期"], &["last year"]) {
                c.last_year.get_or_insert(i);
                c.units[2] = c.units[2].or(unit);
            } else if has(&["上季度末", "上季末"], &["quarter before"]) {
                c.before_quarter.get_or_insert(i);
                c.units[1] = c.units[1].or(unit);
            } else if has(&["指标"], &["indicator"]) {
                c.indicator.get_or_insert(i);
            } else if has(&["企业", "名称", "单位名"], &["enterprise", "name"])
                && c.name == usize::MAX
            {
                c.name = i;
            } else if has(
                &["率", "%", "％", "增长", "增速", "比", "本月", "当月"],
                &["rate", "growth", "month's"],
            ) {
                continue;
            } else {
                let rank = if has(&["累计"], &["to date", "cumulative"]) || from_january {
                    2
                } else if has(&["实际", "完成"], &["actual"]) {
                    1
                } else {
                    0
                };
                if rank > actual_rank {
                    actual_rank = rank;
                    c.actual = i;
                    c.units[0] = unit;
                }
            }
        }
        if c.actual == usize::MAX {
            return None;
        }
        if c.name == usize::MAX {
            c.name = 0;
        }
        Some(c)
    }
}

/// Enterprises' actuals to date pasted from a spreadsheet (see [`enterprise_actuals_in`]).
pub fn read_enterprise_actuals(
    s: &crate::scenario::Scenario,
    text: &str,
    unit: crate::scenario::AmountUnit,
    indicator: Indicator,
) -> Result<ReadActuals, Bilingual> {
    // Typed by hand, a line is a name and numbers apart by spaces.
    let typed;
    let by_hand = !text.contains('\t') && !text.contains(',') && !text.contains('，');
    let (text, delimiter) = if text.contains('\t') {
        (text, b'\t')
    } else if !by_hand {
        (text, b',')
    } else {
        typed = text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join("\t"))
            .collect::<Vec<_>>()
            .join("\n");
        (typed.as_str(), b'\t')
    };
    let text = text.replace('，', ",");
    let table = crate::paste::read_delimited(&text, delimiter)?;
    Ok(actuals_in_table(s, &table, unit, indicator, by_hand))
}

/// Actuals from a table (a pasted text's, or a workbook sheet's): one row per unit, its name
/// first. A header row names the columns (企业名称, 指标, 累计实际, 上季度末累计, 上年同期累计,
/// in any order, a unit in a heading applying to its column); without one they are taken in
/// that order without the indicator. Rows without an indicator are of `indicator`. The
/// county's row is named by the county (or 全县). A row 截至 | 1–2月 | yardstick sets the
/// period. Amounts are in `unit` unless the heading or the cell (万/亿) says otherwise.
/// Unknown names and unreadable numbers are said by line.
pub fn enterprise_actuals_in(
    s: &crate::scenario::Scenario,
    table: &crate::import::Table,
    unit: crate::scenario::AmountUnit,
    indicator: Indicator,
) -> ReadActuals {
    actuals_in_table(s, table, unit, indicator, false)
}

/// The same; `by_hand`: lines typed in the box, where a short name one enterprise's name holds
/// stands for it (said among the notes). Not in files: a subtotal row (化工) would pass for
/// an enterprise.
fn actuals_in_table(
    s: &crate::scenario::Scenario,
    table: &crate::import::Table,
    unit: crate::scenario::AmountUnit,
    indicator: Indicator,
    by_hand: bool,
) -> ReadActuals {
    let mut names = std::collections::HashMap::new();
    for industry in &s.tree.industries {
        for e in &industry.enterprises {
            names
                .entry(e.node.name.trim().to_string())
                .or_insert(e.node.id);
        }
    }
    let county_names = [s.county.trim(), "全县", "County"];
    let mut out = ReadActuals::default();
    let mut columns: Option<Columns> = None;
    for (line, row) in &table.rows {
        let cell = |i: usize| row.get(i).map(|c| c.trim()).unwrap_or("");
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if matches!(cell(0), "截至" | "Through") {
            out.period = Period::ALL
                .into_iter()
                .find(|p| p.name().zh == cell(1) || p.name().en == cell(1));
            out.yardstick = Yardstick::ALL
                .into_iter()
                .find(|y| y.name().zh == cell(2) || y.name().en == cell(2));
            continue;
        }
        if out.rows.is_empty() {
            if let Some(c) = Columns::from_header(row) {
                columns = Some(c);
                out.problems.clear();
                continue;
            }
            // A title above the table (one cell) is not a row of it.
            if row.iter().filter(|c| !c.trim().is_empty()).count() == 1 {
                continue;
            }
        }
        let c = columns.unwrap_or(Columns::BY_POSITION);
        let name = cell(c.name);
        if name.is_empty() {
            continue;
        }
        let number = |i: usize, u: Option<crate::import::HeaderUnit>| {
            crate::import::amount_in_cell(cell(i), u.unwrap_or(crate::import::HeaderUnit::of(unit)))
        };
        let optional = |i: Option<usize>, u| match i.map(cell) {
            None | Some("") => Ok(None),
            Some(_) => number(i.unwrap_or(0), u).map(Some),
        };
        let k = match c.indicator.map(cell) {
            None | Some("") => Some(indicator),
            Some(text) => Indicator::ALL
                .into_iter()
                .find(|k| k.zh() == text || k.en().eq_ignore_ascii_case(text) || k.key() == text),
        };
        let id = if county_names.contains(&name) && !name.is_empty() {
            Some(None)
        } else {
            names
                .get(name)
                .copied()
                .or_else(|| {
                    // A short name typed (宏远煤化): the one enterprise whose name holds it.
                    if !by_hand || name.chars().count() < 2 {
                        return None;
                    }
                    let mut holding = names.iter().filter(|(full, _)| full.contains(name));
                    match (holding.next(), holding.next()) {
                        (Some((full, &id)), None) => {
                            out.notes.push(Bilingual::new(
                                format!("第 {line} 行：“{name}”按“{full}”填入"),
                                format!("line {line}: “{name}” taken as “{full}”"),
                            ));
                            Some(id)
                        }
                        _ => None,
                    }
                })
                .map(Some)
        };
        let said = |zh: String, en: String| {
            Bilingual::new(format!("第 {line} 行：{zh}"), format!("line {line}: {en}"))
        };
        if cell(c.actual).is_empty() {
            out.problems.push(said(
                "需要企业名称和累计实际两列".into(),
                "an enterprise's name and its actual to date are needed".into(),
            ));
            continue;
        }
        let actual = number(c.actual, c.units[0]);
        // A header the words did not tell: a row whose actual is not a number, first in the table.
        if actual.is_err() && columns.is_none() && out.rows.is_empty() && out.problems.is_empty() {
            continue;
        }
        let (Some(id), Some(k)) = (id, k) else {
            out.problems.push(match k {
                None => said(
                    format!("没有指标“{}”", cell(c.indicator.unwrap_or(0))),
                    format!("no indicator “{}”", cell(c.indicator.unwrap_or(0))),
                ),
                Some(_) => said(
                    format!("分解表里没有企业“{name}”"),
                    format!("no enterprise “{name}” in the decomposition"),
                ),
            });
            continue;
        };
        match (
            actual,
            optional(c.before_quarter, c.units[1]),
            optional(c.last_year, c.units[2]),
        ) {
            (Ok(actual), Ok(before_quarter), Ok(last_year)) => out.rows.push(ReadActual {
                id,
                indicator: k,
                actual,
                before_quarter,
                last_year,
            }),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => out.problems.push(said(e.zh, e.en)),
        }
    }
    out
}

impl ReadActuals {
    /// Put the rows into the actuals (a row's empty columns leave what was there). A table
    /// of another period replaces the actuals: figures of two periods are never mixed.
    pub fn apply(&self, a: &mut crate::scenario::Actuals) {
        if let Some(p) = self.period.filter(|&p| p != a.period) {
            *a = crate::scenario::Actuals {
                period: p,
                yardstick: a.yardstick,
                ..Default::default()
            };
        }
        if let Some(y) = self.yardstick {
            a.yardstick = y;
        }
        for r in &self.rows {
            let k = r.indicator;
            match r.id {
                None => {
                    a.county.set(k, Some(r.actual));
                    if let Some(b) = r.before_quarter {
                        a.county_before_quarter.set(k, Some(b));
                    }
                    if let Some(l) = r.last_year {
                        a.county_last_year.set(k, Some(l));
                    }
                }
                Some(id) => {
                    a.nodes.entry(id).or_default().set(k, Some(r.actual));
                    if let Some(b) = r.before_quarter {
                        a.nodes_before_quarter
                            .entry(id)
                            .or_default()
                            .set(k, Some(b));
                    }
                    if let Some(l) = r.last_year {
                        a.nodes_last_year.entry(id).or_default().set(k, Some(l));
                    }
                }
            }
        }
    }

    /// How many enterprises (not the county) it read.
    pub fn enterprises(&self) -> usize {
        let mut ids: Vec<u64> = self.rows.iter().filter_map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// An actual that is likely a slip of unit or digit: more than ten times what was planned to
/// date (and something was planned).
pub fn absurd(st: &Standing) -> bool {
    st.plan_to_date.is_positive() && st.actual > &st.plan_to_date * whole(10)
}

/// Whether a period has begun on a day (`year`, `month`): actuals for a month that has not
/// begun cannot have been reported.
pub fn has_begun(plan_year: i32, period: Period, today: (i32, u8)) -> bool {
    let (y, m) = today;
    y > plan_year || (y == plan_year && m >= period.last_month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::rational_units;

    fn d(s: &str) -> Dec {
        s.parse().unwrap()
    }

    #[test]
    fn months_and_periods() {
        assert_eq!(days_through(2022, 2), 59);
        assert_eq!(days_through(2024, 2), 60);
        assert_eq!(days_through(2022, 12), 365);
        assert_eq!(Period::ending(1), Some(Period::JanFeb));
        assert_eq!(Period::JanFeb.quarter(), 0);
        assert_eq!(Period::Month(4).quarter(), 1);
        assert_eq!(Period::JanFeb.name().zh, "1–2月");
        assert_eq!(Period::Month(3).name().en, "March");
        assert_eq!(Period::ending(13), None);
    }

    /// DOMAIN.md's worked example: Q1 target 72.60亿元 (330 × 22%), 1–2月 actual 45.00亿元.
    #[test]
    fn the_worked_example_of_the_first_two_months() {
        let shares = [d("0.22"), d("0.25"), d("0.26"), d("0.27")];
        let s = standing(&Inputs {
            year: 2022,
            yardstick: Yardstick::CalendarDays,
            period: Period::JanFeb,
            target: d("330").to_rational(),
            shares: &shares,
            months: MonthBasis::of(2022, 0, &[None; 4], None),
            actual: d("45"),
            actual_before_quarter: None,
            last_year_same_period: None,
        });
        // March has 31 days: 27.60亿元 to deliver, 8,903.23万元 a day.
        assert_eq!(s.quarter_rest, Some(d("27.6").to_rational()));
        assert_eq!(s.quarter_days_left, 31);
        let daily = s.quarter_rest_daily.clone().unwrap();
        assert_eq!(rational_units(&daily, Step::WAN_2), 890_323);
        // 59 / 365 = 16.16%; 45 / 330 = 13.64%: behind by 2.52 points.
        assert_eq!(rational_units(&s.time_progress, Step::PERCENT_2), 1616);
        assert_eq!(
            rational_units(s.completion_of_year.as_ref().unwrap(), Step::PERCENT_2),
            1364
        );
        assert_eq!(
            rational_units(s.gap_to_time.as_ref().unwrap(), Step::PERCENT_2),
            -253
        );
        assert!(s.behind);
        // As the page reads it, between the shown percentages: 13.64 − 16.16 = −2.52 points.
        assert_eq!(
            rational_units(&Part::GapToTime.value(&s).unwrap(), Step::PERCENT_2),
            -252
        );
        // Planned through February by days: 22% × 59 / 90 = 14.4222%, 47.5933亿元; 94.55%.
        assert_eq!(rational_units(&s.plan_to_date, Step::YI_2), 4759);
        assert_eq!(
            rational_units(s.completion_to_date.as_ref().unwrap(), Step::PERCENT_2),
            9455
        );
        // The year: 285.00亿元 over 306 days.
        assert_eq!(s.year_rest, d("285").to_rational());
        assert_eq!(s.year_days_left, 306);
    }

    #[test]
    fn the_yardstick_is_the_planned_share_or_even_months() {
        let shares = [d("0.22"), d("0.25"), d("0.26"), d("0.27")];
        let base = |y| Inputs {
            year: 2022,
            yardstick: y,
            period: Period::Month(3),
            target: d("100").to_rational(),
            shares: &shares,
            months: MonthBasis::of(2022, 0, &[None; 4], None),
            actual: d("25"),
            actual_before_quarter: None,
            last_year_same_period: Some(d("20")),
        };
        // A county whose Q1 share is 22% calls 25% "3 points ahead of 时序进度".
        let planned = standing(&base(Yardstick::PlannedShares));
        assert_eq!(
            rational_units(planned.gap_to_time.as_ref().unwrap(), Step::PERCENT_2),
            300
        );
        assert!(!planned.behind);
        let even = standing(&base(Yardstick::EvenMonths));
        assert_eq!(rational_units(&even.time_progress, Step::PERCENT_2), 2500);
        assert_eq!(
            rational_units(even.gap_to_time.as_ref().unwrap(), Step::PERCENT_2),
            0
        );
        // 25 / 20 − 1 = 25%; the quarter has ended: nothing left per day.
        assert_eq!(
            rational_units(planned.yoy_growth.as_ref().unwrap(), Step::PERCENT_2),
            2500
        );
        assert_eq!(planned.quarter_days_left, 0);
        assert_eq!(planned.quarter_rest_daily, None);
    }

    #[test]
    fn months_follow_last_years_pattern_and_add_up_to_the_quarter() {
        let mut ly = [Dec::ZERO; 12];
        ly[0] = d("20");
        ly[1] = d("10");
        ly[2] = d("30");
        let w = month_weights(2022, 0, Some(&ly));
        let q = d("72.6").to_rational();
        let exact = month_amounts(&q, &w);
        // 72.60 × 20/60, × 10/60, × 30/60.
        assert_eq!(exact[0], d("24.2").to_rational());
        assert_eq!(exact[1], d("12.1").to_rational());
        assert_eq!(exact[2], d("36.3").to_rational());
        // By days, 72.60 over 31/28/31 days: 25.0066…, 22.5866…, 25.0066…; rounded down
        // 72.58, and the three remainders are equal: the first two get the hundredths left.
        let by_days = month_amounts(&q, &month_weights(2022, 0, None));
        let units = month_units(&by_days, 7260, Step::YI_2);
        assert_eq!(units, [2501, 2259, 2500]);
        assert_eq!(units.iter().sum::<i64>(), 7260);
        // Zero stays zero.
        let zero = month_amounts(&BigRational::zero(), &w);
        assert_eq!(month_units(&zero, 0, Step::YI_2), [0, 0, 0]);
    }

    #[test]
    fn past_the_first_quarter_the_quarters_own_actual_needs_the_quarter_before() {
        let shares = [d("0.25"); 4];
        let mut i = Inputs {
            year: 2022,
            yardstick: Yardstick::CalendarDays,
            period: Period::Month(5),
            target: d("120").to_rational(),
            shares: &shares,
            months: MonthBasis::of(2022, 0, &[None; 4], None),
            actual: d("50"),
            actual_before_quarter: None,
            last_year_same_period: None,
        };
        assert_eq!(standing(&i).quarter_rest, None);
        i.actual_before_quarter = Some(d("29"));
        // Q2 = 30; 21 done in April–May; 9 left over June's 30 days.
        let s = standing(&i);
        assert_eq!(s.quarter_actual, Some(d("21").to_rational()));
        assert_eq!(s.quarter_rest, Some(d("9").to_rational()));
        assert_eq!(s.quarter_days_left, 30);
    }

    #[test]
    fn the_example_after_its_first_two_months() {
        use crate::example::example;
        use crate::scenario::Actuals;
        let mut s = example();
        let k = Indicator::Output;
        let p = crate::plan(&s).unwrap();
        let route = crate::stage::default_route(&p, k);
        let (a, b) = (route.enterprise.unwrap(), route.industry.unwrap());
        // 宏远煤化 (quota 424,600万元) at 50,000万元; its sibling 清源天然气 (246,400) at 40,000.
        let sibling = p
            .children(p.node_index(b).unwrap())
            .map(|c| p.nodes[c].id)
            .find(|&id| id != a)
            .unwrap();
        let mut actuals = Actuals {
            county: crate::indicator::SparseValues::default().with(k, d("45")),
            ..Actuals::default()
        };
        actuals
            .nodes
            .insert(a, crate::indicator::SparseValues::default().with(k, d("5")));
        actuals.nodes.insert(
            sibling,
            crate::indicator::SparseValues::default().with(k, d("4")),
        );
        s.actuals = Some(std::sync::Arc::new(actuals));
        let p = crate::plan(&s).unwrap();
        let county = county_standing(&p, k).unwrap();
        assert_eq!(county.quarter_rest, Some(d("27.6").to_rational()));
        // The plan to date as shown is January's and February's as shown: 25.01 + 22.59 =
        // 47.60亿元 (exactly 47.5933…, which alone would show 47.59), and says so.
        let f = crate::explain::Figure::Progress(None, k, Part::PlanToDate);
        let shown = crate::explain::shown(&p, f);
        assert_eq!(
            shown,
            Some(crate::explain::Shown::Amount(
                4760,
                crate::round::Precision::Yi2
            ))
        );
        let x = crate::explain::explain(&s, &p, f).unwrap();
        x.formula.reproduces().unwrap();
        assert!(!x.formula.notes.is_empty());
        // Of the quarter: 45.00 / 72.60 = 61.98%.
        let f = crate::explain::Figure::Progress(None, k, Part::CompletionOfQuarter);
        assert_eq!(
            crate::explain::shown(&p, f),
            Some(crate::explain::Shown::Percent(6198))
        );
        // 宏远: 5 / 42.46 = 11.78% of its year, behind 16.16% by 4.39 points; its Q1 93,412万元
        // less 50,000 over March's 31 days: 1,400.39万元 a day.
        let e = node_standing(&p, p.node_index(a).unwrap(), k).unwrap();
        assert_eq!(
            rational_units(e.completion_of_year.as_ref().unwrap(), Step::PERCENT_2),
            1178
        );
        assert_eq!(
            rational_units(e.gap_to_time.as_ref().unwrap(), Step::PERCENT_2),
            -439
        );
        assert_eq!(
            rational_units(e.quarter_rest_daily.as_ref().unwrap(), Step::WAN_2),
            140_039
        );
        // 清源: 4 / 24.64 = 16.23%: ahead of 16.16%. The list puts 宏远 first.
        let list = enterprises_by_gap(&p, k);
        assert_eq!(list.len(), 2);
        assert_eq!(p.nodes[list[0].0].id, a);
        assert!(list[0].1.behind && !list[1].1.behind);
        assert!(!absurd(&list[0].1));
        // Ten times what was planned to date is said to be a slip.
        std::sync::Arc::make_mut(s.actuals.as_mut().unwrap())
            .county
            .set(k, Some(d("500")));
        assert!(absurd(
            &county_standing(&crate::plan(&s).unwrap(), k).unwrap()
        ));
        assert!(has_begun(2022, Period::JanFeb, (2022, 3)));
        assert!(!has_begun(2022, Period::Month(4), (2022, 3)));
    }

    #[test]
    fn every_progress_figure_explains_itself_and_its_operands_give_it() {
        use crate::example::example;
        use crate::explain::{explain, shown, Figure};
        use crate::scenario::Actuals;
        let mut s = example();
        let k = Indicator::Output;
        let mut a = Actuals {
            period: Period::Month(5),
            yardstick: Yardstick::PlannedShares,
            county: crate::indicator::SparseValues::default().with(k, d("130.5")),
            county_before_quarter: crate::indicator::SparseValues::default().with(k, d("70")),
            county_last_year: crate::indicator::SparseValues::default().with(k, d("120")),
            ..Actuals::default()
        };
        a.nodes.insert(
            2,
            crate::indicator::SparseValues::default().with(k, d("17.3")),
        );
        s.actuals = Some(std::sync::Arc::new(a));
        let p = crate::plan(&s).unwrap();
        let e = p.node_index(2).unwrap();
        let mut explained = 0;
        for node in [None, Some(e)] {
            for part in Part::ALL {
                let f = Figure::Progress(node, k, part);
                let Some(x) = explain(&s, &p, f) else {
                    // A node has no last year's same period, nor its quarter before.
                    assert!(node.is_some(), "{part:?}");
                    continue;
                };
                x.formula
                    .reproduces()
                    .unwrap_or_else(|e| panic!("{part:?}: {e}"));
                assert_eq!(Some(x.formula.result.shown), shown(&p, f), "{part:?}");
                assert!(!x.text(crate::i18n::Lang::En).is_empty());
                explained += 1;
            }
        }
        assert!(explained >= 18, "{explained}");
    }

    #[test]
    fn the_gdp_share_at_current_prices_follows_both_price_indexes() {
        use crate::example::example;
        use crate::explain::{explain, shown, Figure, Shown};
        let mut s = example();
        // Without both indexes there is no share at current prices.
        s.gdp.as_mut().unwrap().gdp_price_index = Some(d("1.02"));
        let p = crate::plan(&s).unwrap();
        assert_eq!(shown(&p, Figure::GdpShareCurrent), None);
        s.gdp.as_mut().unwrap().va_price_index = Some(d("1.05"));
        let p = crate::plan(&s).unwrap();
        // By hand: value added 150 × 1.10 = 165亿元 and GDP 420 × 1.07 = 449.40亿元 at
        // comparable prices: 36.72%; at current prices 165 × 1.05 / (449.40 × 1.02) =
        // 173.25 / 458.388 = 37.80%.
        assert_eq!(shown(&p, Figure::GdpShare), Some(Shown::Percent(3672)));
        assert_eq!(
            shown(&p, Figure::GdpShareCurrent),
            Some(Shown::Percent(3780))
        );
        let x = explain(&s, &p, Figure::GdpShareCurrent).unwrap();
        x.formula.reproduces().unwrap();
        assert!(x.text(crate::i18n::Lang::Zh).contains("1.05"));
        assert_eq!(s.written().schema_version, 3);
        // A bad index is said at its field, and salvaged alone.
        s.gdp.as_mut().unwrap().va_price_index = Some(d("0"));
        let field = crate::field::Field::Gdp(crate::field::GdpField::VaPriceIndex);
        assert!(crate::plan(&s)
            .unwrap_err()
            .iter()
            .any(|e| e.field == field));
        let (saved, _) = crate::salvage::salvage(&s).unwrap();
        let g = saved.gdp.as_ref().unwrap();
        assert_eq!(
            (g.va_price_index, g.gdp_price_index),
            (None, Some(d("1.02")))
        );
    }

    #[test]
    fn a_month_s_planned_growth_over_last_year_s_month() {
        use crate::example::example;
        use crate::explain::{explain, shown, Figure, Shown};
        let mut s = example();
        let k = Indicator::Output;
        let mut months = [d("20"); 12];
        months[2] = d("25");
        s.indicator_mut(k).unwrap().base_months = Some(months);
        let p = crate::plan(&s).unwrap();
        // By hand: March = 72.60 × 25 / 65 = 27.923…亿元; over last March's 25: +11.69%.
        assert_eq!(
            shown(&p, Figure::MonthYoy(k, 3)),
            Some(Shown::Percent(1169))
        );
        let x = explain(&s, &p, Figure::MonthYoy(k, 3)).unwrap();
        x.formula.reproduces().unwrap();
        assert_eq!(
            Some(x.formula.result.shown),
            shown(&p, Figure::MonthYoy(k, 3))
        );
        // Without last year's months there is none.
        s.indicator_mut(k).unwrap().base_months = None;
        assert_eq!(
            shown(&crate::plan(&s).unwrap(), Figure::MonthYoy(k, 3)),
            None
        );
    }

    #[test]
    fn the_listed_order_is_the_exact_order_even_where_completions_tie() {
        use crate::example::example;
        let mut s = example();
        let k = Indicator::Output;
        let p = crate::plan(&s).unwrap();
        // Each enterprise at a share of its quota that repeats (exact ties: their carried
        // quotas differ in the last places), one with nothing done yet.
        let mut a = crate::scenario::Actuals::default();
        let enterprises: Vec<usize> = (0..p.nodes.len())
            .filter(|&i| p.nodes[i].level == Level::Enterprise)
            .collect();
        for (n, &i) in enterprises.iter().enumerate() {
            let quota = p.exact_quota(i, k).unwrap();
            let share = [
                whole(1) / whole(7),
                whole(1) / whole(9),
                BigRational::zero(),
            ][n % 3]
                .clone();
            let units = crate::num::rational_units(&(quota * share), Step::RATE);
            let v = Step::RATE.value(units);
            a.nodes.insert(
                p.nodes[i].id,
                crate::indicator::SparseValues::default().with(k, v),
            );
        }
        s.actuals = Some(std::sync::Arc::new(a));
        let p = crate::plan(&s).unwrap();
        let all = enterprises_by_gap(&p, k);
        let (listed, total) = enterprises_in_order(&p, k, Order::MostBehind, 5, |i| i.to_string());
        assert_eq!(total, all.len());
        let want: Vec<usize> = all.iter().take(5).map(|x| x.0).collect();
        assert_eq!(listed.iter().map(|x| x.0).collect::<Vec<_>>(), want);
        // Most to do: the exact quarter's rest, largest first.
        let (listed, _) =
            enterprises_in_order(&p, k, Order::MostToDo, usize::MAX, |i| i.to_string());
        let rests: Vec<BigRational> = listed
            .iter()
            .map(|x| x.1.quarter_rest.clone().unwrap())
            .collect();
        let mut sorted = rests.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(rests, sorted);
        // By name.
        let (listed, _) = enterprises_in_order(&p, k, Order::Name, usize::MAX, |i| {
            format!("{:05}", 99_999 - i)
        });
        assert!(listed.windows(2).all(|w| w[0].0 > w[1].0));
    }

    #[test]
    fn enterprise_actuals_are_read_from_a_paste_by_name() {
        use crate::example::example;
        let s = example();
        let text = "企业名称\t累计（万元）\n示例县宏远煤化有限公司\t50,000\n示例县清源天然气有限公司\t4亿\n不存在的厂\t10\n示例县金泰化工有限公司\t很多\n";
        let k = Indicator::Output;
        let read = read_enterprise_actuals(&s, text, crate::scenario::AmountUnit::Wan, k).unwrap();
        let got: Vec<(Option<u64>, Dec)> = read.rows.iter().map(|r| (r.id, r.actual)).collect();
        assert_eq!(got, vec![(Some(2), d("5")), (Some(3), d("4"))]);
        let problems = &read.problems;
        assert_eq!(problems.len(), 2);
        assert!(problems[0].zh.contains("第 4 行") && problems[0].zh.contains("不存在的厂"));
        assert!(problems[1].zh.contains("第 5 行"));
    }

    #[test]
    fn a_bureau_s_table_is_read_by_the_right_column_and_unit() {
        use crate::example::example;
        let s = example();
        let k = Indicator::Output;
        let read = |text: &str| {
            let table = crate::paste::read_delimited(text, b'\t').unwrap();
            enterprise_actuals_in(&s, &table, crate::scenario::AmountUnit::Wan, k)
        };
        // A title above; the month's own figure and a rate beside the cumulative one; 千万元
        // is not 万元.
        let r = read(
            "2022年1-3月规上工业主要指标\n\
             企业名称\t本月完成\t完成率（%）\t累计完成（千万元）\n\
             示例县宏远煤化有限公司\t1\t12.5\t5\n",
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        // 5千万元 = 0.5亿元 (read as 万元 it would be 0.0005亿元).
        assert_eq!(r.rows[0].actual, d("0.5"));
        // 3月 | 1-3月 | 上年同期: the cumulative is the one from January.
        let r =
            read("企业名称\t3月\t1-3月\t上年同期\n示例县宏远煤化有限公司\t20000\t60000\t50000\n");
        assert_eq!(
            (r.rows[0].actual, r.rows[0].last_year),
            (d("6"), Some(d("5")))
        );
        // A file's subtotal row (化工) is not taken for the one enterprise whose name holds it.
        let r = read("化工\t120000\n");
        assert!(r.rows.is_empty());
        assert_eq!(r.problems.len(), 1);
        // A table of another period replaces the actuals instead of mixing them.
        let mut a = crate::scenario::Actuals {
            period: Period::Month(5),
            ..Default::default()
        };
        a.nodes
            .insert(3, crate::indicator::SparseValues::default().with(k, d("9")));
        read("截至\t3月\n示例县宏远煤化有限公司\t60000\n").apply(&mut a);
        assert_eq!(a.period, Period::Month(3));
        assert!(!a.nodes.contains_key(&3));
        assert_eq!(a.nodes[&2].get(k), Some(d("6")));
    }

    #[test]
    fn actuals_typed_by_hand_with_short_names() {
        use crate::example::example;
        let s = example();
        let k = Indicator::Output;
        // Spaces between name and number; a short name that one enterprise's holds; one
        // that several hold is not guessed.
        let read = read_enterprise_actuals(
            &s,
            "宏远煤化 50000\n清源天然气  4亿 3亿\n有限公司 10\n",
            crate::scenario::AmountUnit::Wan,
            k,
        )
        .unwrap();
        let got: Vec<(Option<u64>, Dec, Option<Dec>)> = read
            .rows
            .iter()
            .map(|r| (r.id, r.actual, r.before_quarter))
            .collect();
        assert_eq!(
            got,
            vec![(Some(2), d("5"), None), (Some(3), d("4"), Some(d("3")))]
        );
        assert_eq!(read.problems.len(), 1);
        assert!(read.problems[0].zh.contains("有限公司"));
    }

    #[test]
    fn actuals_are_read_by_their_headings_in_any_order_with_the_county_and_the_period() {
        use crate::example::example;
        let mut s = example();
        let (k, va) = (Indicator::Output, Indicator::ValueAdded);
        // The layout the workbook's 实际数 sheet is written in, columns shuffled, one unit per
        // heading: last year in 亿元, the rest in 万元.
        let text = "截至\t3月\t时序进度（按年初计划）\n\
            指标\t上年同期累计（亿元）\t企业名称\t累计实际（万元）\t上季度末累计（万元）\n\
            规上产值\t60\t示例县\t700,000\t\n\
            规上产值\t1.5\t示例县宏远煤化有限公司\t30000\t\n\
            Value added\t\t示例县宏远煤化有限公司\t9000\t\n\
            产值\t\t示例县宏远煤化有限公司\t1\t\n";
        let read = read_enterprise_actuals(&s, text, crate::scenario::AmountUnit::Wan, va).unwrap();
        assert_eq!(read.period, Some(Period::Month(3)));
        assert_eq!(read.yardstick, Some(Yardstick::PlannedShares));
        assert_eq!(read.rows.len(), 3, "{:?}", read.problems);
        assert_eq!(read.rows[0].id, None);
        assert_eq!(read.rows[0].actual, d("70"));
        assert_eq!(read.rows[0].last_year, Some(d("60")));
        assert_eq!(
            (read.rows[1].id, read.rows[1].last_year),
            (Some(2), Some(d("1.5")))
        );
        assert_eq!(
            (read.rows[2].indicator, read.rows[2].actual),
            (va, d("0.9"))
        );
        assert_eq!(read.problems.len(), 1);
        assert!(read.problems[0].zh.contains("第 6 行") && read.problems[0].zh.contains("产值"));
        assert_eq!(read.enterprises(), 1);
        // Applied: the county's and 宏远's year on year (3.00亿元 over 1.50: 100%).
        let mut a = crate::scenario::Actuals::default();
        read.apply(&mut a);
        s.actuals = Some(std::sync::Arc::new(a));
        let p = crate::plan(&s).unwrap();
        let e = p.node_index(2).unwrap();
        assert_eq!(node_standing(&p, e, k).unwrap().yoy_growth, Some(whole(1)));
        // 70 / 60 − 1 = 1/6.
        assert_eq!(
            county_standing(&p, k).unwrap().yoy_growth,
            Some(whole(1) / whole(6))
        );
    }

    #[test]
    fn the_county_s_year_on_year_comes_from_last_year_s_months_when_not_typed() {
        use crate::example::example;
        let mut s = example();
        let k = Indicator::Output;
        let mut months = [d("10"); 12];
        months[0] = d("12");
        s.indicator_mut(k).unwrap().base_months = Some(months);
        s.actuals = Some(std::sync::Arc::new(crate::scenario::Actuals {
            county: crate::indicator::SparseValues::default().with(k, d("44")),
            ..Default::default()
        }));
        let p = crate::plan(&s).unwrap();
        // 1–2月 last year: 12 + 10 = 22; 44 / 22 − 1 = 100%.
        let st = county_standing(&p, k).unwrap();
        assert_eq!(st.last_year_same_period, Some(whole(22)));
        assert_eq!(st.yoy_growth, Some(whole(1)));
        // A month not entered: no year on year from the months.
        months[1] = Dec::ZERO;
        assert_eq!(last_year_through(&months, Period::JanFeb), None);
    }

    #[test]
    fn the_example_months_add_up_to_the_quarter_and_explain_themselves() {
        use crate::example::example;
        use crate::explain::{explain, shown, Figure, Shown};
        let s = example();
        let p = crate::plan(&s).unwrap();
        let k = Indicator::Output;
        let months = county_months(&p, k, 0).unwrap();
        // 72.60 over 31/28/31 days: 25.01, 22.59, 25.00 (the remainders tie: the first two).
        assert_eq!(months.each_ref().map(|m| m.units), [2501, 2259, 2500]);
        for m in 1..=12u8 {
            for f in [Figure::Month(k, m), Figure::MonthDaily(k, m)] {
                let x = explain(&s, &p, f).unwrap();
                x.formula.reproduces().unwrap();
                assert_eq!(Some(x.formula.result.shown), shown(&p, f));
            }
        }
        // March: 25.00亿元 over 31 days (exactly 72.60 × 31 / 90 = 25.0066…亿元): 8,066.67万元.
        assert_eq!(
            shown(&p, Figure::MonthDaily(k, 3)),
            Some(Shown::Amount(806_667, crate::round::Precision::Wan2))
        );
    }

    /// Value added 72.50亿元 growing 9% in current prices to 79.025亿元, with prices up 3%:
    /// 79.025 ÷ (1.03 × 72.50) − 1 = 5.83% at comparable prices.
    #[test]
    fn growth_at_comparable_prices() {
        use crate::example::example;
        use crate::explain::{explain, shown, Figure, Shown};
        let mut s = example();
        let k = Indicator::ValueAdded;
        assert_eq!(
            shown(&crate::plan(&s).unwrap(), Figure::ComparableGrowth(k)),
            None
        );
        s.indicators
            .iter_mut()
            .find(|i| i.indicator == k)
            .unwrap()
            .price_index = Some(d("1.03"));
        let p = crate::plan(&s).unwrap();
        let f = Figure::ComparableGrowth(k);
        assert_eq!(shown(&p, f), Some(Shown::Percent(583)));
        let x = explain(&s, &p, f).unwrap();
        x.formula.reproduces().unwrap();
        assert!(
            x.text(crate::i18n::Lang::Zh).contains("价格指数 1.03"),
            "{}",
            x.text(crate::i18n::Lang::Zh)
        );
        // Written as format 3; an index of zero is refused at its field.
        assert_eq!(s.written().schema_version, 3);
        s.indicators
            .iter_mut()
            .find(|i| i.indicator == k)
            .unwrap()
            .price_index = Some(Dec::ZERO);
        let errors = crate::plan(&s).unwrap_err();
        assert!(errors.iter().any(|e| e.field
            == crate::field::Field::Indicator(k, crate::field::IndicatorField::PriceIndex)));
    }

    #[test]
    fn the_year_path_ends_at_the_target_and_marks_the_actual() {
        use crate::example::example;
        let mut s = example();
        let k = Indicator::Output;
        let p = crate::plan(&s).unwrap();
        let path = year_path(&p, k).unwrap();
        // The end of March is the end of Q1: 22%, and 90 / 365 = 24.66%; December 100%.
        assert_eq!((path.planned[3], path.time[3]), (2200, 2466));
        assert_eq!((path.planned[12], path.time[12]), (10_000, 10_000));
        assert_eq!(path.actual, None);
        s.actuals = Some(std::sync::Arc::new(crate::scenario::Actuals {
            county: crate::indicator::SparseValues::default().with(k, d("45")),
            ..Default::default()
        }));
        let path = year_path(&crate::plan(&s).unwrap(), k).unwrap();
        assert_eq!(path.actual, Some((2, 1364)));
    }

    #[test]
    fn months_follow_last_years_months_where_entered() {
        use crate::example::example;
        use crate::explain::{explain, shown, Figure};
        let mut s = example();
        let k = Indicator::Output;
        let mut ly = [d("25"); 12];
        ly[0] = d("20");
        ly[1] = d("10");
        ly[2] = d("30");
        s.indicators
            .iter_mut()
            .find(|i| i.indicator == k)
            .unwrap()
            .base_months = Some(ly);
        let p = crate::plan(&s).unwrap();
        // 72.60 × 20/60, 10/60, 30/60.
        let months = county_months(&p, k, 0).unwrap();
        assert_eq!(months.each_ref().map(|m| m.units), [2420, 1210, 3630]);
        let x = explain(&s, &p, Figure::Month(k, 2)).unwrap();
        x.formula.reproduces().unwrap();
        assert!(
            x.text(crate::i18n::Lang::Zh).contains("上年本月 10.00亿元"),
            "{}",
            x.text(crate::i18n::Lang::Zh)
        );
        assert_eq!(shown(&p, Figure::Month(k, 2)), Some(x.formula.result.shown));
        // The plan through February follows it: 22% × 30/60 = 11%.
        let path = year_path(&p, k).unwrap();
        assert_eq!(path.planned[2], 1100);
        assert_eq!(s.written().schema_version, 3);
        // A negative month is refused at its field.
        ly[4] = d("-1");
        s.indicators
            .iter_mut()
            .find(|i| i.indicator == k)
            .unwrap()
            .base_months = Some(ly);
        assert!(crate::plan(&s).unwrap_err().iter().any(|e| e.field
            == crate::field::Field::Indicator(k, crate::field::IndicatorField::BaseMonth(4))));
    }

    #[test]
    fn a_damaged_period_is_refused_and_indexes_nothing_past_the_year() {
        use crate::example::example;
        let mut s = example();
        s.actuals = Some(std::sync::Arc::new(crate::scenario::Actuals {
            period: Period::Month(200),
            county: crate::indicator::SparseValues::default().with(Indicator::Output, d("1")),
            ..Default::default()
        }));
        assert_eq!(Period::Month(200).quarter(), 3);
        assert_eq!(Period::Month(0).last_month(), 1);
        assert!(crate::plan(&s).is_err());
        let json = serde_json::to_string(&s)
            .unwrap()
            .replace("{\"month\":200}", "{\"month\":255}");
        let read: crate::scenario::Scenario = serde_json::from_str(&json).unwrap();
        assert!(crate::plan(&read).is_err());
    }

    #[test]
    fn bad_actuals_are_said_at_their_field() {
        use crate::example::example;
        use crate::field::Field;
        use crate::scenario::Actuals;
        let mut s = example();
        let k = Indicator::Output;
        s.actuals = Some(std::sync::Arc::new(Actuals {
            period: Period::Month(5),
            county: crate::indicator::SparseValues::default().with(k, d("100")),
            county_before_quarter: crate::indicator::SparseValues::default().with(k, d("120")),
            ..Actuals::default()
        }));
        std::sync::Arc::make_mut(s.actuals.as_mut().unwrap())
            .nodes
            .insert(
                2,
                crate::indicator::SparseValues::default().with(k, d("-1")),
            );
        let errors = crate::plan(&s).unwrap_err();
        assert!(errors
            .iter()
            .any(|e| e.field == Field::Actual(None, k) && e.message.zh.contains("只会增加")));
        assert!(errors
            .iter()
            .any(|e| e.field == Field::Actual(Some(2), k) && e.message.zh.contains("负数")));

        // An enterprise's cumulative below its own at the quarter before; with a valid one its
        // quarter's own actual and rest follow (Q2 of 42.46 × 25% = 10.615亿元).
        let a = std::sync::Arc::make_mut(s.actuals.as_mut().unwrap());
        a.county_before_quarter = Default::default();
        a.nodes
            .insert(2, crate::indicator::SparseValues::default().with(k, d("8")));
        a.nodes_before_quarter
            .insert(2, crate::indicator::SparseValues::default().with(k, d("9")));
        let errors = crate::plan(&s).unwrap_err();
        assert!(errors
            .iter()
            .any(|e| e.field == Field::Actual(Some(2), k) && e.message.zh.contains("只会增加")));
        std::sync::Arc::make_mut(s.actuals.as_mut().unwrap())
            .nodes_before_quarter
            .insert(2, crate::indicator::SparseValues::default().with(k, d("5")));
        let p = crate::plan(&s).unwrap();
        let st = node_standing(&p, p.node_index(2).unwrap(), k).unwrap();
        assert_eq!(st.quarter_actual, Some(d("3").to_rational()));
        assert_eq!(st.quarter_rest, Some(d("7.615").to_rational()));
    }

    #[test]
    fn every_node_s_months_add_up_to_its_quarter_and_siblings_to_their_parent() {
        use crate::example::example;
        use crate::explain::{explain, shown, Figure, Shown};
        use crate::plan::Family;
        let s = example();
        let p = crate::plan(&s).unwrap();
        for k in [Indicator::Output, Indicator::ValueAdded] {
            for q in 0..4 {
                let all = all_node_months(&p, k, q);
                let root = all[0].as_ref().unwrap();
                assert_eq!(root.units.iter().sum::<i64>(), root.quarter_units);
                let mut groups = 0;
                for (node, m) in all.iter().enumerate() {
                    let Some(m) = m else { continue };
                    assert_eq!(
                        m.units.iter().sum::<i64>(),
                        m.quarter_units,
                        "{k:?} Q{q} {node}"
                    );
                    if q == 0 {
                        // Q1 is the tree's own column.
                        assert_eq!(Some(m.quarter_units), p.units(node, k, Family::Q1));
                    }
                    let children: Vec<&NodeMonths> = all
                        .iter()
                        .flatten()
                        .filter(|c| p.nodes[c.node].parent == Some(node as u32))
                        .collect();
                    if !children.is_empty() {
                        groups += 1;
                        for i in 0..3 {
                            let sum: i64 = children.iter().map(|c| c.units[i]).sum();
                            assert_eq!(sum, m.units[i], "{k:?} Q{q} node {node} month {i}");
                        }
                    }
                    // The path from the county gives the same as the whole tree.
                    assert_eq!(node_months(&p, node, k, q).as_ref(), Some(m));
                }
                assert!(groups >= 3, "{groups}");
            }
        }
        // 宏远's March explains itself, in 万元, and its daily quota too.
        let k = Indicator::Output;
        let e = p.node_index(2).unwrap();
        for f in [Figure::NodeMonth(e, k, 3), Figure::NodeMonthDaily(e, k, 3)] {
            let x = explain(&s, &p, f).unwrap();
            x.formula.reproduces().unwrap();
            assert_eq!(Some(x.formula.result.shown), shown(&p, f));
            assert!(x.label_text(crate::i18n::Lang::Zh).contains("3月"));
            assert!(!x.label_text(crate::i18n::Lang::En).contains('月'));
        }
        // By hand: 宏远's Q1 is 93,412万元 (the walk's); March has 31 of Q1 2022's 90 days:
        // 93,412 × 31 / 90 = 32,175.2444…万元. The three months' floors (32,175.24, 29,061.51,
        // 32,175.24) leave one unit, which the table's rounding places with its siblings.
        let (nm, i) = (node_months(&p, e, k, 0).unwrap(), 2);
        assert_eq!(nm.quarter_units, 9_341_200);
        assert_eq!(nm.units.iter().sum::<i64>(), 9_341_200);
        assert!(
            matches!(shown(&p, Figure::NodeMonth(e, k, 3)), Some(Shown::Amount(u, _)) if (u - 3_217_524).abs() <= 1)
        );
        assert_eq!(nm.days[i], 31);
    }

    #[test]
    fn typed_monthly_shares_weigh_the_months_and_must_add_up_to_the_quarter() {
        use crate::example::example;
        use crate::explain::{explain, shown, Figure, Shown};
        let mut s = example();
        let k = Indicator::Output;
        let share = s
            .indicator(k)
            .unwrap()
            .quarter_shares
            .unwrap_or(s.quarter_shares)[0];
        // Defaults start where the page's are: Q1 22% by days (31, 28, 31 of 90).
        let start = default_month_shares(2022, 0, share, None);
        assert_eq!(start.iter().copied().sum::<Dec>(), share);
        assert_eq!(start, [d("0.075778"), d("0.068444"), d("0.075778")]);
        // 7% + 6% + 9% of the year: March gets 9/22 of Q1's 72.60亿元 = 29.70亿元.
        s.indicator_mut(k).unwrap().month_shares[0] = Some([d("0.07"), d("0.06"), d("0.09")]);
        let p = crate::plan(&s).unwrap();
        assert_eq!(
            shown(&p, Figure::Month(k, 3)),
            Some(Shown::Amount(2970, crate::round::Precision::Yi2))
        );
        let x = explain(&s, &p, Figure::Month(k, 3)).unwrap();
        x.formula.reproduces().unwrap();
        assert!(x.text(crate::i18n::Lang::Zh).contains("本月占比"));
        // The plan to date after 1–2月 follows them too: 13% of the year.
        s.actuals = Some(std::sync::Arc::new(crate::scenario::Actuals {
            county: crate::indicator::SparseValues::default().with(k, d("45")),
            ..Default::default()
        }));
        let p = crate::plan(&s).unwrap();
        assert_eq!(
            county_standing(&p, k).unwrap().planned_share,
            d("0.13").to_rational()
        );
        // Not adding up to the quarter: said at the quarter's months, and no plan.
        s.indicator_mut(k).unwrap().month_shares[0] = Some([d("0.07"), d("0.06"), d("0.08")]);
        let errors = crate::plan(&s).unwrap_err();
        let e = errors
            .iter()
            .find(|e| {
                e.field
                    == crate::field::Field::Indicator(
                        k,
                        crate::field::IndicatorField::MonthShares(0),
                    )
            })
            .expect("a message at the quarter's months");
        assert!(
            e.message.zh.contains("合计 21%")
                && e.message.zh.contains("22%")
                && e.message.zh.contains("少 1 个百分点"),
            "{}",
            e.message.zh
        );
        // Salvaged: the typed months go, the rest stays.
        let (saved, _) = crate::salvage::salvage(&s).unwrap();
        assert_eq!(saved.indicator(k).unwrap().month_shares[0], None);
        // Written as format 3, and read back the same.
        let json = serde_json::to_string(&s.written()).unwrap();
        assert!(json.contains("month_shares"));
        let back: crate::scenario::Scenario = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back.indicator(k).unwrap().month_shares,
            s.indicator(k).unwrap().month_shares
        );
    }

    proptest::proptest! {
        /// Months add up to their quarter as shown, whatever the weights; a zero weight or
        /// quarter gives zero.
        #[test]
        fn months_add_up_to_the_quarter(units in 0i64..10_000_000, w in proptest::array::uniform3(0i64..1_000)) {
            let q = Step::YI_2.value(units).to_rational();
            let weights = w.map(whole);
            let got = month_units(&month_amounts(&q, &weights), units, Step::YI_2);
            if w.iter().sum::<i64>() > 0 {
                proptest::prop_assert_eq!(got.iter().sum::<i64>(), units);
                for (m, &wm) in w.iter().enumerate() {
                    if wm == 0 {
                        proptest::prop_assert_eq!(got[m], 0);
                    }
                }
            }
            proptest::prop_assert!(got.iter().all(|&u| u >= 0));
        }
    }
}
