//! `plan(&Scenario) -> Result<Plan, Vec<ScenarioError>>`: every derived number.

use std::sync::Arc;

use serde::Serialize;

use super::calendar;
use super::error::ScenarioError;
use super::indicator::Indicator;
use super::round::{largest_remainder, Precision, Rounder};
use super::scenario::{AmountUnit, NodeData, Scenario, SplitMethod, SplitRule, TargetSpec};
use super::split::{self, Child, SplitFault, EPSILON};
use super::target::{self, completion_rate};
use super::validate::{validate_inputs, TreeCheck};

/// Everything derived from a scenario. Amounts in 亿元, shares and rates as fractions.
/// Rounded display values are integer units: `*_units` of 0.01亿元 (`Precision::Yi2`),
/// of the tree's precision, or of 0.01万元 for daily quotas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub plan_year: i32,
    pub base_year: i32,
    pub days_in_year: u32,
    /// Calendar days of each quarter (Q1: 90, or 91 in a leap year).
    pub calendar_days: [u32; 4],
    /// The days daily quotas are counted over (calendar days unless the scenario says).
    pub quota_days: [u32; 4],
    /// 时间进度 at the end of each quarter.
    pub time_progress: [f64; 4],
    /// The precision of the decomposition table.
    pub tree_precision: Precision,
    /// One entry per planned indicator, in the speech's order.
    pub indicators: Vec<IndicatorPlan>,
    /// The tree in pre-order: the county first, each industry followed by its enterprises,
    /// each enterprise by its projects. Shared with the next plan while the tree is the same.
    pub nodes: Arc<Vec<NodeInfo>>,
    /// One split of the tree per planned indicator, same order as `indicators`; shared with
    /// the next plan while its inputs are the same (see [`plan_after`]).
    pub splits: Vec<Arc<IndicatorSplit>>,
    pub gdp: Option<GdpPlan>,
    pub five_year: Option<FiveYearPlan>,
    pub sales: Option<SalesPlan>,
    pub projects: Option<ProjectsPlan>,
    pub parks: Vec<ParkPlan>,
    pub fleet: Option<FleetPlan>,
    /// Substitutions the planner should know about (e.g. a zero basis split equally).
    pub warnings: Vec<ScenarioError>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorPlan {
    pub indicator: Indicator,
    pub base: f64,
    pub target: f64,
    /// `T / B − 1`; `None` on a base of zero.
    pub growth: Option<f64>,
    pub target_units: i64,
    pub last_year_plan: Option<f64>,
    /// Completion of last year's plan: `base / last_year_plan`.
    pub completion: Option<f64>,
    pub shares: [f64; 4],
    pub quarters: [QuarterPlan; 4],
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QuarterPlan {
    /// `Qi = T × si`
    pub amount: f64,
    /// 0.01亿元; the four add up to the annual target's units.
    pub amount_units: i64,
    pub cumulative: f64,
    pub cumulative_units: i64,
    /// 任务进度: cumulative share of the annual target.
    pub task_progress: f64,
    /// 时间进度 at the end of the quarter.
    pub time_progress: f64,
    /// Task progress minus time progress (negative: behind time).
    pub progress_gap: f64,
    /// 日均任务: `Qi / days`.
    pub daily: f64,
    /// 0.01万元
    pub daily_units: i64,
    /// The same quarter of the base year, where known.
    pub base_amount: Option<f64>,
    /// `Qi / Bi − 1`.
    pub yoy_growth: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Level {
    County,
    Industry,
    Enterprise,
    Project,
}

/// Where a node is in the scenario's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct NodePath {
    pub industry: Option<usize>,
    pub enterprise: Option<usize>,
    pub project: Option<usize>,
}

impl NodePath {
    /// The field path, e.g. `tree.industries[2].enterprises[5]`.
    pub fn field(&self) -> String {
        let mut s = String::from("tree");
        if let Some(i) = self.industry {
            s.push_str(&format!(".industries[{i}]"));
        }
        if let Some(e) = self.enterprise {
            s.push_str(&format!(".enterprises[{e}]"));
        }
        if let Some(p) = self.project {
            s.push_str(&format!(".projects[{p}]"));
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NodeInfo {
    /// The node's id in the scenario (0 for the county).
    pub id: u64,
    pub level: Level,
    /// Index of the parent in `Plan::nodes`.
    pub parent: Option<u32>,
    pub path: NodePath,
}

/// The split of one indicator down the tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorSplit {
    pub indicator: Indicator,
    /// Figures of the nodes this indicator reaches.
    pub figures: Vec<NodeFigures>,
    /// For each node of `Plan::nodes`, the index into `figures` (`NO_FIGURE` where the
    /// indicator does not reach: enterprise indicators stop above projects).
    pub figure_of_node: Vec<u32>,
    /// The problems this split found (a plan with warnings only carries them in
    /// `Plan::warnings` too).
    #[serde(skip)]
    pub problems: Vec<ScenarioError>,
}

impl IndicatorSplit {
    fn all_finite(&self) -> bool {
        self.figures.iter().all(|f| {
            f.quota.is_finite()
                && f.basis.is_finite()
                && f.weight.is_finite()
                && f.share_of_parent.is_finite()
                && f.children_gap.is_none_or(f64::is_finite)
        })
    }
}

pub const NO_FIGURE: u32 = u32::MAX;

/// One node's share of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NodeFigures {
    /// The node's quota (任务).
    pub quota: f64,
    /// In the tree's precision; siblings add up to their parent's units.
    pub quota_units: i64,
    /// Its base: its own base-year value, or the sum of its children's.
    pub basis: f64,
    /// Its weight among its free siblings (0 when held; 1 for the county).
    pub weight: f64,
    /// Share of the parent's quota: `quota / parent quota`.
    pub share_of_parent: f64,
    /// The share in hundredths of a percent; siblings add up to 100.00%.
    pub share_units: i64,
    /// Held at an amount (锁定).
    pub held: bool,
    /// Its own commitment (自报), where given.
    pub commitment: Option<f64>,
    /// `Q1 = quota × s1`, in the tree's precision, adding up like the quotas.
    pub q1_units: i64,
    /// Q1 daily quota in 0.01万元, adding up like the quotas.
    pub daily_q1_units: i64,
    /// For a parent: the gap (缺口) between its free amount and its children's commitments.
    pub children_gap: Option<f64>,
    /// For a parent: how its children were split (after any fallback).
    pub children_method: SplitMethod,
    /// For a parent: a proportional or manual split had nothing to weigh.
    pub children_fell_back: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GdpPlan {
    pub gdp_base: f64,
    pub gdp_target: f64,
    pub gdp_growth: Option<f64>,
    pub va_base: f64,
    pub va_target: f64,
    pub va_growth: Option<f64>,
    /// `VA / GDP` in the base year and in the plan year.
    pub share_base: f64,
    pub share_target: f64,
    /// Change in percentage points (个百分点).
    pub share_change_points: f64,
    pub wanted_share: Option<f64>,
    /// `wanted share × GDP target`.
    pub va_needed: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FiveYearPlan {
    pub base_year: i32,
    pub end_year: i32,
    pub years: u32,
    pub base: f64,
    pub target: f64,
    /// `m = T / B` (是…的m倍).
    pub multiple: f64,
    /// `r = m^(1/n) − 1`.
    pub cagr: f64,
    /// `(year, B × (1 + r)^k)` from the base year to the end year.
    pub path: Vec<(i32, f64)>,
    /// GDP along the horizon, where the base and growth are given.
    pub gdp_path: Option<Vec<(i32, f64)>>,
    pub share_base: Option<f64>,
    pub share_end: Option<f64>,
    pub share_change_points: Option<f64>,
    pub wanted_share: Option<f64>,
    /// `wanted share × end-year GDP`.
    pub va_needed: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SalesPlan {
    pub ratio: f64,
    /// `output target × ratio`.
    pub annual: f64,
    /// `Q1 output × ratio`.
    pub q1: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProjectsPlan {
    pub count: u32,
    pub q1_start_rate: Option<f64>,
    /// `ceil(N × rate)`.
    pub to_start_q1: Option<u32>,
    pub annual_investment: Option<f64>,
    pub q1_investment_share: Option<f64>,
    pub q1_investment: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParkPlan {
    pub share: f64,
    /// `county output target × share`.
    pub output_needed: f64,
    pub q1_needed: f64,
    pub growth: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FleetPlan {
    pub threshold: f64,
    /// Enterprises (indices into `Plan::nodes`) whose planned output reaches the threshold.
    pub members: Vec<u32>,
    /// How many reached it in the base year.
    pub base_count: u32,
}

impl Plan {
    pub fn indicator(&self, indicator: Indicator) -> Option<&IndicatorPlan> {
        self.indicators.iter().find(|p| p.indicator == indicator)
    }

    pub fn split(&self, indicator: Indicator) -> Option<&IndicatorSplit> {
        self.splits
            .iter()
            .find(|s| s.indicator == indicator)
            .map(|s| &**s)
    }

    /// A node's figures for an indicator.
    pub fn figures(&self, node: usize, indicator: Indicator) -> Option<&NodeFigures> {
        let split = self.split(indicator)?;
        let f = *split.figure_of_node.get(node)?;
        split.figures.get(f as usize)
    }

    /// Required growth of a node against its own base: `quota / basis − 1`.
    pub fn required_growth(&self, node: usize, indicator: Indicator) -> Option<f64> {
        let f = self.figures(node, indicator)?;
        target::growth_from_target(f.basis, f.quota)
    }

    /// A node's Q1 amount: `quota × s1`.
    pub fn node_q1(&self, node: usize, indicator: Indicator) -> Option<f64> {
        let f = self.figures(node, indicator)?;
        Some(f.quota * self.indicator(indicator)?.shares[0])
    }

    /// A node's Q1 daily quota: `quota × s1 / days of Q1`.
    pub fn node_daily_q1(&self, node: usize, indicator: Indicator) -> Option<f64> {
        Some(self.node_q1(node, indicator)? / f64::from(self.quota_days[0]))
    }

    /// The index of the node with this id.
    pub fn node_index(&self, id: u64) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// Indices of a node's children.
    pub fn children(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .skip(node + 1)
            .take_while(move |(_, n)| level_rank(n.level) > level_rank(self.nodes[node].level))
            .filter(move |(_, n)| n.parent == Some(node as u32))
            .map(|(i, _)| i)
    }

    /// Whether every amount in the plan is finite (it always is; tests check it).
    pub fn all_finite(&self) -> bool {
        self.all_finite_but_splits() && self.splits.iter().all(|s| s.all_finite())
    }

    fn all_finite_but_splits(&self) -> bool {
        let mut ok = self.indicators.iter().all(|p| {
            p.base.is_finite()
                && p.target.is_finite()
                && p.growth.is_none_or(f64::is_finite)
                && p.completion.is_none_or(f64::is_finite)
                && p.quarters.iter().all(|q| {
                    q.amount.is_finite()
                        && q.cumulative.is_finite()
                        && q.daily.is_finite()
                        && q.yoy_growth.is_none_or(f64::is_finite)
                })
        });
        if let Some(g) = &self.gdp {
            ok &= [g.gdp_target, g.va_target, g.share_base, g.share_target]
                .iter()
                .all(|x| x.is_finite());
        }
        if let Some(f) = &self.five_year {
            ok &= f.multiple.is_finite()
                && f.cagr.is_finite()
                && f.path.iter().all(|(_, v)| v.is_finite());
        }
        ok
    }
}

fn level_rank(level: Level) -> u8 {
    match level {
        Level::County => 0,
        Level::Industry => 1,
        Level::Enterprise => 2,
        Level::Project => 3,
    }
}

/// Compute the plan. Every problem is returned at once; warnings ride along in the plan.
pub fn plan(s: &Scenario) -> Result<Plan, Vec<ScenarioError>> {
    plan_after(None, s)
}

/// The plan of `s`, the same as [`plan`] gives, reusing what an earlier plan computed from
/// inputs that have not changed. `previous` is a scenario and its plan, typically the one
/// before the last edit.
///
/// Industries are shared between scenarios (an edit copies the one it changes), so an
/// unchanged industry is recognized by its pointer, never by a guess. When the tree keeps its
/// shape (the same nodes in the same places; values, names and holds may differ), the node
/// list is reused and only the changed industries are validated; the split of an indicator
/// is reused when its own figures (target, quarters) are equal and no changed industry
/// differs in anything that indicator reads. An edit of one target, one hold or one base
/// re-splits one indicator; an edit of a name re-splits none.
pub fn plan_after(
    previous: Option<(&Scenario, &Plan)>,
    s: &Scenario,
) -> Result<Plan, Vec<ScenarioError>> {
    // The earlier scenario and plan, with the industries that differ, when the shape is kept.
    let kept = previous.and_then(|(before, before_plan)| {
        changed_industries(before, s).map(|changed| (before, before_plan, changed))
    });
    let check = match &kept {
        Some((_, _, changed)) => TreeCheck::Only(changed),
        None => TreeCheck::All,
    };
    let mut problems = validate_inputs(s, check);
    if problems.iter().any(ScenarioError::is_error) {
        return Err(problems);
    }

    let calendar_days = calendar::quarter_days(s.plan_year);
    let quota_days = s.quarter_days.unwrap_or(calendar_days);
    let time_progress = calendar::time_progress(s.plan_year);
    let tree_precision = match s.tree_unit {
        AmountUnit::Yi => Precision::Yi2,
        AmountUnit::Wan => Precision::Wan2,
    };

    let mut indicators = Vec::new();
    for indicator in Indicator::ALL {
        let Some(input) = s.indicator(indicator) else {
            continue;
        };
        // Validation has ruled out a growth on a zero base.
        let (target, growth) =
            target::resolve(input.base_actual, input.target).unwrap_or((0.0, None));
        let shares = input.quarter_shares.unwrap_or(s.quarter_shares);
        indicators.push(indicator_plan(
            indicator,
            input.base_actual,
            target,
            growth,
            input.last_year_plan,
            input.base_quarters,
            shares,
            quota_days,
            time_progress,
        ));
    }

    let nodes = match &kept {
        Some((_, before, _)) => Arc::clone(&before.nodes),
        None => Arc::new(tree_nodes(s)),
    };
    let mut splits = Vec::with_capacity(indicators.len());
    let mut splits_finite = true;
    for p in &indicators {
        let k = p.indicator;
        let reusable = kept.as_ref().and_then(|(before, before_plan, changed)| {
            let same_inputs = before_plan.tree_precision == tree_precision
                && before_plan.quota_days[0] == quota_days[0]
                && before_plan.indicator(k) == Some(p)
                && changed.iter().all(|&i| {
                    same_split_inputs(&before.tree.industries[i], &s.tree.industries[i], k)
                });
            let split = before_plan.splits.iter().find(|sp| sp.indicator == k);
            split.filter(|_| same_inputs)
        });
        let split = match reusable {
            Some(split) => Arc::clone(split),
            None => {
                let split = split_tree(s, p, &nodes, tree_precision, quota_days[0]);
                splits_finite &= split.all_finite();
                Arc::new(split)
            }
        };
        problems.extend(split.problems.iter().cloned());
        splits.push(split);
    }

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
            share_change_points: points_between(share_base, share_target),
            wanted_share: g.target_share,
            va_needed: g
                .target_share
                .map(|share| va_needed_for_share(share, gdp_target)),
        }
    });

    let five_year = s.five_year.as_ref().map(|f| {
        let years = (f.end_year - f.base_year).max(1) as u32;
        let (target, _) = target::resolve(f.base, f.target).unwrap_or((f.base, None));
        let (multiple, cagr) = five_year_rates(f.base, target, years);
        let path = (0..=years)
            .map(|k| {
                let value = if k == years {
                    target
                } else {
                    f.base * (1.0 + cagr).powi(k as i32)
                };
                (f.base_year + k as i32, value)
            })
            .collect();
        let gdp_path = match (f.gdp_base, f.gdp_growth) {
            (Some(b), Some(g)) => Some(
                (0..=years)
                    .map(|k| (f.base_year + k as i32, b * (1.0 + g).powi(k as i32)))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        };
        let gdp_end = gdp_path.as_ref().and_then(|p| p.last()).map(|&(_, v)| v);
        let share_base = f.gdp_base.map(|g| ratio(f.base, g));
        let share_end = gdp_end.map(|g| ratio(target, g));
        FiveYearPlan {
            base_year: f.base_year,
            end_year: f.end_year,
            years,
            base: f.base,
            target,
            multiple,
            cagr,
            path,
            share_change_points: share_base.zip(share_end).map(|(b, e)| points_between(b, e)),
            gdp_path,
            share_base,
            share_end,
            wanted_share: f.target_share,
            va_needed: f
                .target_share
                .zip(gdp_end)
                .map(|(s, g)| va_needed_for_share(s, g)),
        }
    });

    let sales = s
        .sales_ratio_target
        .zip(output)
        .map(|(ratio, o)| SalesPlan {
            ratio,
            annual: o.target * ratio,
            q1: o.quarters[0].amount * ratio,
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
                let output_needed = o.target * park.share_target;
                ParkPlan {
                    share: park.share_target,
                    output_needed,
                    q1_needed: o.quarters[0].amount * park.share_target,
                    growth: park
                        .base_output
                        .and_then(|b| target::growth_from_target(b, output_needed)),
                }
            })
            .collect(),
        None => Vec::new(),
    };

    let fleet = s.fleet_threshold.and_then(|threshold| {
        let split = splits.iter().find(|sp| sp.indicator == Indicator::Output)?;
        let split = &**split;
        let mut members = Vec::new();
        let mut base_count = 0;
        for (i, node) in nodes.iter().enumerate() {
            if node.level != Level::Enterprise {
                continue;
            }
            let f = &split.figures[split.figure_of_node[i] as usize];
            if f.quota >= threshold - EPSILON {
                members.push(i as u32);
            }
            if f.basis >= threshold - EPSILON {
                base_count += 1;
            }
        }
        Some(FleetPlan {
            threshold,
            members,
            base_count,
        })
    });

    if problems.iter().any(ScenarioError::is_error) {
        return Err(problems);
    }
    let plan = Plan {
        plan_year: s.plan_year,
        base_year: s.base_year(),
        days_in_year: calendar::days_in_year(s.plan_year),
        calendar_days,
        quota_days,
        time_progress,
        tree_precision,
        indicators,
        nodes,
        splits,
        gdp,
        five_year,
        sales,
        projects,
        parks,
        fleet,
        warnings: problems,
    };
    // Reused splits were checked when they were made.
    if splits_finite && plan.all_finite_but_splits() {
        Ok(plan)
    } else {
        // Unreachable after validation; never let a NaN through all the same.
        Err(vec![ScenarioError::error(
            "",
            "计算结果超出数值范围，请检查输入的数量级",
            "a result is out of numeric range; check the magnitude of the inputs",
        )])
    }
}

#[allow(clippy::too_many_arguments)]
fn indicator_plan(
    indicator: Indicator,
    base: f64,
    target: f64,
    growth: Option<f64>,
    last_year_plan: Option<f64>,
    base_quarters: Option<[f64; 4]>,
    shares: [f64; 4],
    quota_days: [u32; 4],
    time_progress: [f64; 4],
) -> IndicatorPlan {
    let target_units = Precision::Yi2.units(target);
    let amounts = shares.map(|s| target * s);
    let units = largest_remainder(target_units, &amounts, &[], Precision::Yi2);
    let mut quarters = [QuarterPlan {
        amount: 0.0,
        amount_units: 0,
        cumulative: 0.0,
        cumulative_units: 0,
        task_progress: 0.0,
        time_progress: 0.0,
        progress_gap: 0.0,
        daily: 0.0,
        daily_units: 0,
        base_amount: None,
        yoy_growth: None,
    }; 4];
    let (mut cumulative, mut cumulative_units, mut task) = (0.0, 0, 0.0);
    for q in 0..4 {
        cumulative += amounts[q];
        cumulative_units += units[q];
        task += shares[q];
        let daily = amounts[q] / f64::from(quota_days[q]);
        let base_amount = base_quarters.map(|b| b[q]);
        quarters[q] = QuarterPlan {
            amount: amounts[q],
            amount_units: units[q],
            cumulative: if q == 3 { target } else { cumulative },
            cumulative_units,
            task_progress: task,
            time_progress: time_progress[q],
            progress_gap: task - time_progress[q],
            daily,
            daily_units: Precision::Wan2.units(daily),
            base_amount,
            yoy_growth: base_amount.and_then(|b| target::growth_from_target(b, amounts[q])),
        };
    }
    IndicatorPlan {
        indicator,
        base,
        target,
        growth,
        target_units,
        last_year_plan,
        completion: last_year_plan.and_then(|p| completion_rate(base, p)),
        shares,
        quarters,
    }
}

/// The industries of `s` that are not the very ones of `before`, when the tree keeps its
/// shape: the same rule at the top, the same industries, enterprises and projects (by id) in
/// the same places. `None` when the shape differs.
fn changed_industries(before: &Scenario, s: &Scenario) -> Option<Vec<usize>> {
    if before.tree.rule != s.tree.rule || before.tree.industries.len() != s.tree.industries.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (i, (a, b)) in before
        .tree
        .industries
        .iter()
        .zip(&s.tree.industries)
        .enumerate()
    {
        if Arc::ptr_eq(a, b) {
            continue;
        }
        let same_shape = a.node.id == b.node.id
            && a.enterprises.len() == b.enterprises.len()
            && a.enterprises.iter().zip(&b.enterprises).all(|(x, y)| {
                x.node.id == y.node.id
                    && x.projects.len() == y.projects.len()
                    && x.projects
                        .iter()
                        .zip(&y.projects)
                        .all(|(p, q)| p.node.id == q.node.id)
            });
        if !same_shape {
            return None;
        }
        changed.push(i);
    }
    Some(changed)
}

/// Whether two industries of the same shape split `k` alike: the same rules and, on every
/// node, the same base, commitment and hold of `k` and the same manual share (bit for bit).
fn same_split_inputs(
    a: &super::scenario::Industry,
    b: &super::scenario::Industry,
    k: Indicator,
) -> bool {
    let bits = |x: Option<f64>| x.map(f64::to_bits);
    let same = |x: &NodeData, y: &NodeData| {
        bits(x.base.get(k)) == bits(y.base.get(k))
            && bits(x.commitment.get(k)) == bits(y.commitment.get(k))
            && bits(x.held.get(k)) == bits(y.held.get(k))
            && bits(x.manual_share) == bits(y.manual_share)
    };
    a.rule == b.rule
        && same(&a.node, &b.node)
        && a.enterprises.iter().zip(&b.enterprises).all(|(x, y)| {
            x.rule == y.rule
                && same(&x.node, &y.node)
                && x.projects
                    .iter()
                    .zip(&y.projects)
                    .all(|(p, q)| same(&p.node, &q.node))
        })
}

fn tree_nodes(s: &Scenario) -> Vec<NodeInfo> {
    let mut nodes = vec![NodeInfo {
        id: 0,
        level: Level::County,
        parent: None,
        path: NodePath::default(),
    }];
    for (i, industry) in s.tree.industries.iter().enumerate() {
        let industry_index = nodes.len() as u32;
        nodes.push(NodeInfo {
            id: industry.node.id,
            level: Level::Industry,
            parent: Some(0),
            path: NodePath {
                industry: Some(i),
                ..NodePath::default()
            },
        });
        for (e, enterprise) in industry.enterprises.iter().enumerate() {
            let enterprise_index = nodes.len() as u32;
            nodes.push(NodeInfo {
                id: enterprise.node.id,
                level: Level::Enterprise,
                parent: Some(industry_index),
                path: NodePath {
                    industry: Some(i),
                    enterprise: Some(e),
                    project: None,
                },
            });
            for p in 0..enterprise.projects.len() {
                nodes.push(NodeInfo {
                    id: enterprise.projects[p].node.id,
                    level: Level::Project,
                    parent: Some(enterprise_index),
                    path: NodePath {
                        industry: Some(i),
                        enterprise: Some(e),
                        project: Some(p),
                    },
                });
            }
        }
    }
    nodes
}

/// One parent's amounts (exact and rounded) handed down to its children.
#[derive(Clone, Copy)]
struct Handed {
    quota: f64,
    quota_units: i64,
    q1_units: i64,
    daily_units: i64,
}

struct TreeSplitter {
    indicator: Indicator,
    q1_share: f64,
    q1_days: f64,
    precision: Precision,
    split: IndicatorSplit,
    /// Working space reused by every parent (a large tree has tens of thousands).
    work: SplitWork,
}

#[derive(Default)]
struct SplitWork {
    inputs: Vec<Child>,
    child_nodes: Vec<usize>,
    amounts: Vec<f64>,
    pinned: Vec<bool>,
    q1: Vec<f64>,
    daily: Vec<f64>,
    shares: Vec<f64>,
    quota_units: Vec<i64>,
    q1_units: Vec<i64>,
    daily_units: Vec<i64>,
    share_units: Vec<i64>,
    rounder: Rounder,
}

fn split_tree(
    s: &Scenario,
    p: &IndicatorPlan,
    nodes: &[NodeInfo],
    precision: Precision,
    q1_days: u32,
) -> IndicatorSplit {
    let indicator = p.indicator;
    let reaches_projects = indicator.reaches_projects();
    let mut sp = TreeSplitter {
        indicator,
        q1_share: p.shares[0],
        q1_days: f64::from(q1_days),
        precision,
        split: IndicatorSplit {
            indicator,
            // Exactly the nodes it reaches: most indicators stop above the projects.
            figures: Vec::with_capacity(
                nodes
                    .iter()
                    .filter(|n| reaches_projects || n.level != Level::Project)
                    .count(),
            ),
            figure_of_node: vec![NO_FIGURE; nodes.len()],
            problems: Vec::new(),
        },
        work: SplitWork::default(),
    };

    // Effective bases, bottom-up: a node's own base, else the sum of its children's.
    let enterprise_basis = |e: &super::scenario::Enterprise| -> f64 {
        e.node.base.get(indicator).unwrap_or_else(|| {
            if reaches_projects {
                e.projects
                    .iter()
                    .filter_map(|p| p.node.base.get(indicator))
                    .sum()
            } else {
                0.0
            }
        })
    };
    let industry_basis = |i: &super::scenario::Industry| -> f64 {
        i.node
            .base
            .get(indicator)
            .unwrap_or_else(|| i.enterprises.iter().map(enterprise_basis).sum())
    };
    let industry_bases: Vec<f64> = s
        .tree
        .industries
        .iter()
        .map(|i| industry_basis(i))
        .collect();
    // Node indices follow the pre-order of `tree_nodes`.
    let mut at = 1usize;
    let industry_nodes: Vec<usize> = s
        .tree
        .industries
        .iter()
        .map(|i| {
            let node = at;
            at += 1
                + i.enterprises.len()
                + i.enterprises
                    .iter()
                    .map(|e| e.projects.len())
                    .sum::<usize>();
            node
        })
        .collect();

    // The county: its quota is the target; its rounded Q1 is the quarter table's.
    let county_basis = industry_bases.iter().sum::<f64>();
    sp.push_figure(
        0,
        NodeFigures {
            quota: p.target,
            quota_units: precision.units(p.target),
            basis: if county_basis > 0.0 {
                county_basis
            } else {
                p.base
            },
            weight: 1.0,
            share_of_parent: 1.0,
            share_units: 10_000,
            held: false,
            commitment: None,
            q1_units: if precision == Precision::Yi2 {
                p.quarters[0].amount_units
            } else {
                precision.units(p.quarters[0].amount)
            },
            daily_q1_units: Precision::Wan2.units(p.quarters[0].amount / f64::from(q1_days)),
            children_gap: None,
            children_method: s.tree.rule.method,
            children_fell_back: false,
        },
    );

    let industries = s.tree.industries.iter().enumerate();
    let first_industry = sp.split_children(
        0,
        s.tree.rule,
        industries.map(|(i, industry)| (&industry.node, industry_bases[i], industry_nodes[i])),
        &|| "tree".to_string(),
        "industries",
    );
    for (i, industry) in s.tree.industries.iter().enumerate() {
        let mut at = industry_nodes[i] + 1;
        let enterprises = industry.enterprises.iter().map(|e| {
            let node = at;
            at += 1 + e.projects.len();
            (&e.node, enterprise_basis(e), node)
        });
        let first_enterprise = sp.split_children(
            first_industry + i,
            industry.rule,
            enterprises,
            &|| format!("tree.industries[{i}]"),
            "enterprises",
        );
        if !reaches_projects {
            continue;
        }
        let mut enterprise_node = industry_nodes[i] + 1;
        for (e, enterprise) in industry.enterprises.iter().enumerate() {
            let first_project = enterprise_node + 1;
            enterprise_node += 1 + enterprise.projects.len();
            let projects = enterprise.projects.iter().enumerate().map(|(k, p)| {
                let basis = p.node.base.get(indicator).unwrap_or(0.0);
                (&p.node, basis, first_project + k)
            });
            sp.split_children(
                first_enterprise + e,
                enterprise.rule,
                projects,
                &|| format!("tree.industries[{i}].enterprises[{e}]"),
                "projects",
            );
        }
    }
    sp.split
}

impl TreeSplitter {
    fn push_figure(&mut self, node: usize, f: NodeFigures) -> usize {
        let index = self.split.figures.len();
        self.split.figures.push(f);
        self.split.figure_of_node[node] = index as u32;
        index
    }

    /// Split a parent among its children (node data, basis, node index). The children's
    /// figures are pushed in order; returns the index of the first.
    fn split_children<'n>(
        &mut self,
        parent_figure: usize,
        rule: SplitRule,
        children: impl Iterator<Item = (&'n NodeData, f64, usize)>,
        parent_path: &dyn Fn() -> String,
        list: &str,
    ) -> usize {
        let first = self.split.figures.len();
        let k = self.indicator;
        let parent = {
            let f = &self.split.figures[parent_figure];
            Handed {
                quota: f.quota,
                quota_units: f.quota_units,
                q1_units: f.q1_units,
                daily_units: f.daily_q1_units,
            }
        };
        let mut w = std::mem::take(&mut self.work);
        w.inputs.clear();
        w.child_nodes.clear();
        for (node, basis, index) in children {
            w.inputs.push(Child {
                basis,
                held: node.held.get(k),
                commitment: node.commitment.get(k),
                manual_share: node.manual_share,
            });
            w.child_nodes.push(index);
        }
        if w.inputs.is_empty() {
            self.work = w;
            return first;
        }
        let result = split::split(parent.quota, rule, &w.inputs);
        let key = k.key();
        match result.fault {
            Some(SplitFault::OverAllocated { over, culprit }) => {
                self.split.problems.push(ScenarioError::error(
                    format!("{}.{list}[{culprit}].held.{key}", parent_path()),
                    format!(
                        "{}：锁定金额合计超出上级 {}（超出 {}）",
                        k.zh(),
                        super::format::yi(parent.quota, super::Lang::Zh),
                        super::format::yi(over, super::Lang::Zh)
                    ),
                    format!(
                        "{}: held amounts exceed the parent's {} (by {})",
                        k.en(),
                        super::format::yi(parent.quota, super::Lang::En),
                        super::format::yi(over, super::Lang::En)
                    ),
                ));
            }
            Some(SplitFault::AllHeld { left }) => {
                self.split.problems.push(ScenarioError::error(
                    format!("{}.{list}", parent_path()),
                    format!(
                        "{}：下级全部锁定，合计与上级相差 {}；请放开一个或调整锁定金额",
                        k.zh(),
                        super::format::yi(left, super::Lang::Zh)
                    ),
                    format!(
                        "{}: every child is held and they differ from the parent by {}; release one or change a hold",
                        k.en(),
                        super::format::yi(left, super::Lang::En)
                    ),
                ));
            }
            Some(SplitFault::NegativeQuota { child }) => {
                self.split.problems.push(ScenarioError::error(
                    format!("{}.{list}[{child}].commitment.{key}", parent_path()),
                    format!(
                        "{}：自报合计超出目标，分摊缺口后该单位任务为负",
                        k.zh()
                    ),
                    format!(
                        "{}: commitments exceed the target; spreading the gap would give this one a negative quota",
                        k.en()
                    ),
                ));
            }
            None => {}
        }
        if result.fell_back_to_equal && parent.quota > 0.0 {
            let (zh_basis, en_basis) = match rule.method {
                SplitMethod::Manual => ("手动占比", "manual shares"),
                _ => ("基数", "bases"),
            };
            self.split.problems.push(ScenarioError::warning(
                format!("{}.rule.method", parent_path()),
                format!("{}：下级{zh_basis}合计为零，已改为平均分配", k.zh()),
                format!(
                    "{}: the children's {en_basis} add up to zero, so they were split equally",
                    k.en()
                ),
            ));
        }
        {
            let pf = &mut self.split.figures[parent_figure];
            pf.children_gap = result.gap;
            pf.children_method = result.method_used;
            pf.children_fell_back = result.fell_back_to_equal;
        }

        // Clamp for the rounding only: a faulty split is reported and the plan refused.
        w.amounts.clear();
        w.amounts.extend(result.amounts.iter().map(|a| a.max(0.0)));
        w.pinned.clear();
        w.pinned.extend(w.inputs.iter().map(|c| c.held.is_some()));
        w.q1.clear();
        w.q1.extend(w.amounts.iter().map(|a| a * self.q1_share));
        w.daily.clear();
        w.daily.extend(w.q1.iter().map(|a| a / self.q1_days));
        w.shares.clear();
        w.shares.extend(w.amounts.iter().map(|a| {
            if parent.quota > 0.0 {
                a / parent.quota
            } else {
                0.0
            }
        }));
        let per_yi = self.precision.per_yi();
        let wan = Precision::Wan2.per_yi();
        let share_total = if parent.quota > 0.0 { 10_000 } else { 0 };
        let r = &mut w.rounder;
        r.round_into(
            parent.quota_units,
            &w.amounts,
            per_yi,
            &w.pinned,
            &mut w.quota_units,
        );
        r.round_into(parent.q1_units, &w.q1, per_yi, &w.pinned, &mut w.q1_units);
        r.round_into(
            parent.daily_units,
            &w.daily,
            wan,
            &w.pinned,
            &mut w.daily_units,
        );
        r.round_into(
            share_total,
            &w.shares,
            10_000.0,
            &w.pinned,
            &mut w.share_units,
        );

        for j in 0..w.inputs.len() {
            self.push_figure(
                w.child_nodes[j],
                NodeFigures {
                    quota: w.amounts[j],
                    quota_units: w.quota_units[j],
                    basis: w.inputs[j].basis,
                    weight: result.weights[j],
                    share_of_parent: w.shares[j],
                    share_units: w.share_units[j],
                    held: w.pinned[j],
                    commitment: w.inputs[j].commitment,
                    q1_units: w.q1_units[j],
                    daily_q1_units: w.daily_units[j],
                    children_gap: None,
                    children_method: SplitMethod::default(),
                    children_fell_back: false,
                },
            );
        }
        self.work = w;
        first
    }
}

/// Change in percentage points (个百分点) between two shares, taken between the shares as
/// shown (two decimals of a percent), so that the displayed difference is the difference
/// of the displayed shares.
pub fn points_between(from: f64, to: f64) -> f64 {
    let shown = |x: f64| super::format::round_to(x * 100.0, 2);
    shown(to) - shown(from)
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 {
        numerator / denominator
    } else {
        0.0
    }
}

/// Five-year multiple `m = T / B` and compound annual growth `r = m^(1/n) − 1`.
pub fn five_year_rates(base: f64, target: f64, years: u32) -> (f64, f64) {
    if base <= 0.0 || years == 0 {
        return (0.0, 0.0);
    }
    let multiple = target / base;
    (multiple, multiple.powf(1.0 / f64::from(years)) - 1.0)
}

/// Projects that must start in Q1: `ceil(N × rate)`, with a rate like 60% of 5 giving 3
/// even though 5 × 0.6 is a hair above 3 in binary.
pub fn projects_to_start(count: u32, rate: f64) -> u32 {
    let exact = f64::from(count) * rate;
    let near = exact.round();
    if (exact - near).abs() < 1e-9 {
        near as u32
    } else {
        exact.ceil() as u32
    }
}

/// Breakback: the value added needed for a wanted share of GDP: `share × GDP`.
pub fn va_needed_for_share(share: f64, gdp: f64) -> f64 {
    share * gdp
}

/// Breakback: the quarter share that gives a wanted quarter amount: `s = Q / T`.
pub fn share_for_quarter_amount(annual_target: f64, wanted_amount: f64) -> Option<f64> {
    (annual_target > 0.0).then(|| wanted_amount / annual_target)
}

/// Breakback: hold a node at a wanted quota so its siblings re-spread. Returns false when
/// no node has this id.
pub fn hold_node(s: &mut Scenario, id: u64, indicator: Indicator, amount: Option<f64>) -> bool {
    match node_mut(s, id) {
        Some(node) => {
            node.held.set(indicator, amount);
            true
        }
        None => false,
    }
}

/// The node with this id, anywhere in the tree.
pub fn node_mut(s: &mut Scenario, id: u64) -> Option<&mut NodeData> {
    // Found first, so that only the industry holding it is copied out of a shared tree.
    let (i, e, p) = super::edit::locate(s, id)?;
    let industry = s.tree.industry_mut(i);
    Some(match (e, p) {
        (None, _) => &mut industry.node,
        (Some(e), None) => &mut industry.enterprises[e].node,
        (Some(e), Some(p)) => &mut industry.enterprises[e].projects[p].node,
    })
}

/// The node with this id, anywhere in the tree (read only).
pub fn node_by_id(s: &Scenario, id: u64) -> Option<&NodeData> {
    s.tree.industries.iter().find_map(|industry| {
        if industry.node.id == id {
            return Some(&industry.node);
        }
        industry.enterprises.iter().find_map(|enterprise| {
            if enterprise.node.id == id {
                return Some(&enterprise.node);
            }
            enterprise
                .projects
                .iter()
                .find(|p| p.node.id == id)
                .map(|p| &p.node)
        })
    })
}

/// The node at a path of the plan.
pub fn node_at<'a>(s: &'a Scenario, path: &NodePath) -> Option<&'a NodeData> {
    let industry = s.tree.industries.get(path.industry?)?;
    let Some(e) = path.enterprise else {
        return Some(&industry.node);
    };
    let enterprise = industry.enterprises.get(e)?;
    match path.project {
        None => Some(&enterprise.node),
        Some(p) => enterprise.projects.get(p).map(|p| &p.node),
    }
}

/// Breakback: set a target by its growth, keeping the spec the planner chose to edit.
pub fn set_target(s: &mut Scenario, indicator: Indicator, spec: TargetSpec) -> bool {
    match s.indicator_mut(indicator) {
        Some(input) => {
            input.target = spec;
            true
        }
        None => false,
    }
}
