//! The county's figures: each indicator's target, growth and quarters, and the GDP, five-year,
//! sales, project, park and fleet figures. Every value is exact, or the floor of its exact
//! value taken once (one division of exact operands), so that it rounds exactly.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};

use super::{
    FiveYearPlan, FleetPlan, GdpPlan, IndicatorPlan, IndicatorSplit, Level, NodeInfo, ParkPlan,
    ProjectsPlan, QuarterPlan, SalesPlan,
};
use crate::calendar;
use crate::error::ScenarioError;
use crate::field::{Field, IndicatorField};
use crate::indicator::Indicator;
use crate::num::{Dec, Step, ONE_RAW};
use crate::round::{largest_remainder_exact, Candidate, Rounder};
use crate::scenario::Scenario;
use crate::target::{self, completion_rate, growth_from_target};

/// Every planned indicator's figures, in the speech's order.
pub(super) fn indicator_plans(
    s: &Scenario,
    quota_days: [u32; 4],
) -> Result<Vec<IndicatorPlan>, ScenarioError> {
    let elapsed = calendar::days_elapsed(s.plan_year);
    let year_days = calendar::days_in_year(s.plan_year);
    let time_progress = calendar::time_progress(s.plan_year);
    let mut out = Vec::new();
    for indicator in Indicator::ALL {
        let Some(input) = s.indicator(indicator) else {
            continue;
        };
        // Validation has ruled out a growth on a zero base and amounts out of range.
        let (target, growth) = target::resolve(input.base_actual, input.target).map_err(|_| {
            ScenarioError::error(
                Field::Indicator(indicator, IndicatorField::Target),
                "目标超出可计算的范围",
                "the target is beyond the range that can be computed",
            )
        })?;
        let shares = input.quarter_shares.unwrap_or(s.quarter_shares);
        let target_units = target.units(Step::YI_2);
        let amounts = shares.map(|share| target.mul_floor(share).unwrap_or(Dec::ZERO));
        let units = quarter_units(target_units, &amounts);
        let mut quarters = [QuarterPlan {
            amount: Dec::ZERO,
            amount_units: 0,
            cumulative: Dec::ZERO,
            cumulative_units: 0,
            task_progress: Dec::ZERO,
            time_progress: Dec::ZERO,
            progress_gap: Dec::ZERO,
            daily: Dec::ZERO,
            daily_units: 0,
            base_amount: None,
            yoy_growth: None,
        }; 4];
        let (mut cumulative, mut cumulative_units, mut task) = (Dec::ZERO, 0, Dec::ZERO);
        for q in 0..4 {
            cumulative += amounts[q];
            cumulative_units += units[q];
            task += shares[q];
            let daily = amounts[q]
                .mul_ratio(1, i128::from(quota_days[q]))
                .unwrap_or(Dec::ZERO);
            let base_amount = input.base_quarters.map(|b| b[q]);
            quarters[q] = QuarterPlan {
                amount: amounts[q],
                amount_units: units[q],
                cumulative,
                cumulative_units,
                task_progress: task,
                time_progress: time_progress[q],
                // (task × days − elapsed) / days: one division, so it rounds exactly.
                progress_gap: (task
                    .mul_ratio(i128::from(year_days), 1)
                    .unwrap_or(Dec::ZERO)
                    - Dec::int(i64::from(elapsed[q])))
                .mul_ratio(1, i128::from(year_days))
                .unwrap_or(Dec::ZERO),
                daily,
                daily_units: daily.units(Step::WAN_2),
                base_amount,
                yoy_growth: base_amount.and_then(|b| growth_from_target(b, amounts[q])),
            };
        }
        out.push(IndicatorPlan {
            indicator,
            base: input.base_actual,
            target,
            growth,
            target_units,
            last_year_plan: input.last_year_plan,
            year_before: input.year_before_actual,
            last_year_growth: input
                .year_before_actual
                .and_then(|b| growth_from_target(b, input.base_actual)),
            completion: input
                .last_year_plan
                .and_then(|p| completion_rate(input.base_actual, p)),
            shares,
            quarters,
            price_index: input.price_index,
            base_months: input.base_months,
            month_shares: input.month_shares,
        });
    }
    Ok(out)
}

/// The four quarters in 0.01亿元, adding up to the target's units (exact amounts: the
/// rounding never needs more).
fn quarter_units(total: i64, amounts: &[Dec; 4]) -> [i64; 4] {
    let candidates: Vec<Candidate> = amounts
        .iter()
        .enumerate()
        .map(|(q, a)| Candidate::exact(*a, Step::YI_2, false, (q as i128, 0)))
        .collect();
    let mut units = Vec::with_capacity(4);
    if Rounder::default()
        .round(total, &candidates, &mut units)
        .is_err()
    {
        let exact: Vec<BigRational> = amounts.iter().map(|a| a.to_rational()).collect();
        units = largest_remainder_exact(total, &exact, &[false; 4], Step::YI_2);
    }
    [units[0], units[1], units[2], units[3]]
}

/// The figures beside the indicators.
pub(super) struct Extras {
    pub gdp: Option<GdpPlan>,
    pub five_year: Option<FiveYearPlan>,
    pub sales: Option<SalesPlan>,
    pub projects: Option<ProjectsPlan>,
    pub parks: Vec<ParkPlan>,
    pub fleet: Option<FleetPlan>,
}

pub(super) fn extras(
    s: &Scenario,
    indicators: &[IndicatorPlan],
    nodes: &[NodeInfo],
    splits: &[std::sync::Arc<IndicatorSplit>],
    five_year_before: Option<&Option<FiveYearPlan>>,
) -> Extras {
    let output = indicators.iter().find(|p| p.indicator == Indicator::Output);
    let gdp = s.gdp.as_ref().map(|g| {
        let (gdp_target, gdp_growth) =
            target::resolve(g.gdp_base, g.gdp_target).unwrap_or((g.gdp_base, None));
        let (va_target, va_growth) = target::resolve(g.industry_va_base, g.industry_va_target)
            .unwrap_or((g.industry_va_base, None));
        let share_base = ratio(g.industry_va_base, g.gdp_base);
        let share_target = ratio(va_target, gdp_target);
        GdpPlan {
            gdp_base: g.gdp_base,
            gdp_target,
            gdp_growth,
            va_base: g.industry_va_base,
            va_target,
            va_growth,
            share_base,
            share_target,
            share_change_units: points_between(share_base, share_target),
            wanted_share: g.target_share,
            va_needed: g.target_share.and_then(|share| share.mul_floor(gdp_target)),
            gdp_price_index: g.gdp_price_index,
            va_price_index: g.va_price_index,
        }
    });

    // The five-year figures read nothing but their own inputs, and their roots are costly
    // (a sixth of planning a small county): an edit elsewhere keeps them.
    let five_year = five_year_before
        .cloned()
        .unwrap_or_else(|| five_year_plan(s));

    let sales = s
        .sales_ratio_target
        .zip(output)
        .map(|(ratio, o)| SalesPlan {
            ratio,
            annual: o.target.mul_floor(ratio).unwrap_or(Dec::ZERO),
            q1: o.quarters[0].amount.mul_floor(ratio).unwrap_or(Dec::ZERO),
        });

    let project_nodes = nodes.iter().filter(|n| n.level == Level::Project).count() as u32;
    let investment = indicators
        .iter()
        .find(|p| p.indicator == Indicator::Investment);
    let projects =
        (s.projects.count.is_some() || project_nodes > 0 || investment.is_some()).then(|| {
            let count = s.projects.count.unwrap_or(project_nodes);
            ProjectsPlan {
                count,
                q1_start_rate: s.projects.q1_start_rate,
                to_start_q1: s
                    .projects
                    .q1_start_rate
                    .map(|r| projects_to_start(count, r)),
                annual_investment: investment.map(|p| p.target),
                q1_investment_share: investment.map(|p| p.shares[0]),
                q1_investment: investment.map(|p| p.quarters[0].amount),
            }
        });

    let parks = match output {
        Some(o) => s
            .parks
            .iter()
            .map(|park| {
                let output_needed = o.target.mul_floor(park.share_target).unwrap_or(Dec::ZERO);
                ParkPlan {
                    share: park.share_target,
                    output_needed,
                    q1_needed: o.quarters[0]
                        .amount
                        .mul_floor(park.share_target)
                        .unwrap_or(Dec::ZERO),
                    growth: park
                        .base_output
                        .and_then(|b| growth_from_target(b, output_needed)),
                }
            })
            .collect(),
        None => Vec::new(),
    };

    let fleet = s.fleet_threshold.and_then(|threshold| {
        let split = splits.iter().find(|sp| sp.indicator == Indicator::Output)?;
        let mut members = Vec::new();
        let mut base_count = 0;
        for (i, node) in nodes.iter().enumerate() {
            if node.level != Level::Enterprise {
                continue;
            }
            let f = split.figures_of(i)?;
            let reaches = if f.quota.lo >= threshold {
                true
            } else if f.quota.err == 0
                || f.quota.lo.raw() + i128::from(f.quota.err) <= threshold.raw()
            {
                false
            } else {
                split
                    .exact_quota(nodes, i)
                    .is_some_and(|q| q >= threshold.to_rational())
            };
            if reaches {
                members.push(i as u32);
            }
            if f.basis >= threshold {
                base_count += 1;
            }
        }
        Some(FleetPlan {
            threshold,
            members,
            base_count,
        })
    });

    Extras {
        gdp,
        five_year,
        sales,
        projects,
        parks,
        fleet,
    }
}

/// `numerator / denominator`, floored; zero for a denominator of zero or below.
fn ratio(numerator: Dec, denominator: Dec) -> Dec {
    if denominator.is_positive() {
        numerator.div_floor(denominator).unwrap_or(Dec::ZERO)
    } else {
        Dec::ZERO
    }
}

/// Change in percentage points (个百分点) between two shares, taken between the shares as
/// shown (two decimals of a percent), so that the displayed difference is the difference
/// of the displayed shares: in hundredths of a point.
pub fn points_between(from: Dec, to: Dec) -> i64 {
    to.units(Step::PERCENT_2) - from.units(Step::PERCENT_2)
}

/// Five-year multiple `m = T / B` and compound annual growth `r = m^(1/n) − 1`, each the
/// floor of its exact value to twenty places (the root by whole-number arithmetic).
pub fn five_year_rates(base: Dec, target: Dec, years: u32) -> (Dec, Dec) {
    if !base.is_positive() || years == 0 || target.is_negative() {
        return (Dec::ZERO, Dec::ZERO);
    }
    let multiple = ratio(target, base);
    // floor(10²⁰ × (T/B)^(1/n)) = floor((10^(20n) × T / B)^(1/n)).
    let scaled =
        BigInt::from(ONE_RAW).pow(years) * BigInt::from(target.raw()) / BigInt::from(base.raw());
    let root = scaled.nth_root(years);
    let cagr = root
        .to_i128()
        .map(|r| Dec::from_raw(r - ONE_RAW))
        .unwrap_or(Dec::ZERO);
    (multiple, cagr)
}

/// `B × (T/B)^(k/n)`, floored: the k-th year of the even path from B to T, by whole numbers:
/// `floor((B^(n−k) × T^k)^(1/n))` in raw units.
fn path_value(base: Dec, target: Dec, years: u32, k: u32) -> Dec {
    if k == years {
        return target;
    }
    if !base.is_positive() || target.is_negative() {
        return base;
    }
    let product = BigInt::from(base.raw()).pow(years - k) * BigInt::from(target.raw()).pow(k);
    product
        .nth_root(years)
        .to_i128()
        .map(Dec::from_raw)
        .unwrap_or(Dec::ZERO)
}

/// The five-year figures (“十四五”): multiple, compound growth, the even path, GDP and share.
fn five_year_plan(s: &Scenario) -> Option<FiveYearPlan> {
    s.five_year.as_ref().map(|f| {
        let years = (f.end_year - f.base_year).max(1) as u32;
        let (target, _) = target::resolve(f.base, f.target).unwrap_or((f.base, None));
        let (multiple, cagr) = five_year_rates(f.base, target, years);
        let path = (0..=years)
            .map(|k| (f.base_year + k as i32, path_value(f.base, target, years, k)))
            .collect();
        // GDP year by year: B × (1 + g)^k, exact, each year from the one before.
        let gdp_path_exact = f
            .gdp_base
            .zip(f.gdp_growth)
            .map(|(b, g)| Compound::path(b, g, years));
        let gdp_end = gdp_path_exact.as_ref().and_then(|p| p.last());
        let gdp_path = gdp_path_exact.as_ref().map(|p| {
            p.iter()
                .enumerate()
                .map(|(k, v)| (f.base_year + k as i32, v.floor().unwrap_or(Dec::ZERO)))
                .collect::<Vec<_>>()
        });
        let share_base = f.gdp_base.map(|g| ratio(f.base, g));
        let share_end = gdp_end.map(|g| g.divide(target).unwrap_or(Dec::ZERO));
        FiveYearPlan {
            base_year: f.base_year,
            end_year: f.end_year,
            years,
            base: f.base,
            target,
            multiple,
            cagr,
            path,
            share_change_units: share_base.zip(share_end).map(|(b, e)| points_between(b, e)),
            gdp_path,
            share_base,
            share_end,
            wanted_share: f.target_share,
            va_needed: f
                .target_share
                .zip(gdp_end)
                .and_then(|(share, g)| g.times(share)),
        }
    })
}

/// An exact amount `num / den` in raw units (10⁻²⁰), kept unreduced: reducing big fractions
/// (their gcd) was two thirds of planning a small county.
struct Compound {
    num: BigInt,
    den: BigInt,
}

impl Compound {
    /// `base × (1 + growth)^k` for k = 0 ..= years, exactly: year k is year k − 1 times
    /// `(10²⁰ + growth) / 10²⁰`.
    fn path(base: Dec, growth: Dec, years: u32) -> Vec<Compound> {
        let factor = BigInt::from((Dec::ONE + growth).raw());
        let one = BigInt::from(ONE_RAW);
        let mut out = Vec::with_capacity(years as usize + 1);
        let mut value = Compound {
            num: BigInt::from(base.raw()),
            den: BigInt::one(),
        };
        for _ in 0..years {
            let next = Compound {
                num: &value.num * &factor,
                den: &value.den * &one,
            };
            out.push(std::mem::replace(&mut value, next));
        }
        out.push(value);
        out
    }

    fn floor(&self) -> Option<Dec> {
        self.num.div_floor(&self.den).to_i128().map(Dec::from_raw)
    }

    /// `x / self`, floored (zero when self is zero).
    fn divide(&self, x: Dec) -> Option<Dec> {
        if self.num.is_zero() {
            return Some(Dec::ZERO);
        }
        (BigInt::from(x.raw()) * BigInt::from(ONE_RAW) * &self.den)
            .div_floor(&self.num)
            .to_i128()
            .map(Dec::from_raw)
    }

    /// `x × self`, floored.
    fn times(&self, x: Dec) -> Option<Dec> {
        (BigInt::from(x.raw()) * &self.num)
            .div_floor(&(&self.den * BigInt::from(ONE_RAW)))
            .to_i128()
            .map(Dec::from_raw)
    }
}

/// Projects that must start in Q1: `ceil(N × rate)`, exactly (60% of 5 is 3).
pub fn projects_to_start(count: u32, rate: Dec) -> u32 {
    Dec::int(i64::from(count))
        .mul_floor(rate)
        .map(|x| x.ceil_int().clamp(0, i128::from(u32::MAX)) as u32)
        .unwrap_or(0)
}
