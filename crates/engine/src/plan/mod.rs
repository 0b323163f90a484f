//! `plan(&Scenario) -> Result<Plan, Vec<ScenarioError>>`: every derived number.
//!
//! - this module: the result types and `plan` / `plan_after`;
//! - [`county`]: the county's figures (targets, quarters, GDP, five-year path, …);
//! - [`tree`]: the decomposition tree, one indicator at a time, rounded so that it adds up;
//! - [`reuse`]: what an edit left unchanged, so that `plan_after` can keep it;
//! - [`messages`]: the split's faults in the planner's words.

mod county;
pub mod families;
mod messages;
mod reuse;
mod tree;

use std::sync::{Arc, OnceLock};

use num_rational::BigRational;
use serde::Serialize;

use super::calendar;
use super::error::ScenarioError;
use super::indicator::Indicator;
use super::num::{Carried, Dec, Step};
use super::round::Precision;
pub use super::scenario::NodePath;
use super::scenario::{AmountUnit, Scenario, SplitMethod};
use super::split::ChildrenSplit;
use super::validate::{validate_inputs, TreeCheck};

pub use county::{five_year_rates, points_between, projects_to_start};
pub use families::Family;

/// Everything derived from a scenario. Amounts are exact decimals in 亿元, shares and rates
/// fractions; a value that does not end is floored to twenty places (see `num`). Rounded
/// display values are integer units: `*_units` of 0.01亿元 ([`Precision::Yi2`]), of the
/// tree's precision, of 0.01万元 for daily quotas, or of 0.01% for shares.
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
    pub time_progress: [Dec; 4],
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
    /// The scenario's actuals to date, shared: standings are worked out from them when asked
    /// (`progress`), not on every edit.
    #[serde(skip)]
    pub actuals: Option<Arc<crate::scenario::Actuals>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorPlan {
    pub indicator: Indicator,
    pub base: Dec,
    pub target: Dec,
    /// `T / B − 1`; `None` on a base of zero.
    pub growth: Option<Dec>,
    /// The target in 0.01亿元.
    pub target_units: i64,
    pub last_year_plan: Option<Dec>,
    /// The year before's actual (前年实际), where entered.
    pub year_before: Option<Dec>,
    /// Last year's growth (上年同比增长): `base / year_before − 1`.
    pub last_year_growth: Option<Dec>,
    /// Completion of last year's plan: `base / last_year_plan`.
    pub completion: Option<Dec>,
    pub shares: [Dec; 4],
    pub quarters: [QuarterPlan; 4],
    /// The price index of the plan year over the base year, where given (可比价).
    pub price_index: Option<Dec>,
    /// The base year's monthly actuals, where given: the months' pattern.
    pub base_months: Option<[Dec; 12]>,
    /// Monthly shares typed per quarter (shares of the year), where given.
    pub month_shares: [Option<[Dec; 3]>; 4],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuarterPlan {
    /// `Qi = T × si`, exact.
    pub amount: Dec,
    /// 0.01亿元; the four add up to the annual target's units.
    pub amount_units: i64,
    pub cumulative: Dec,
    pub cumulative_units: i64,
    /// 任务进度: cumulative share of the annual target.
    pub task_progress: Dec,
    /// 时间进度 at the end of the quarter.
    pub time_progress: Dec,
    /// Task progress minus time progress (negative: behind time).
    pub progress_gap: Dec,
    /// 日均任务: `Qi / days`.
    pub daily: Dec,
    /// 0.01万元
    pub daily_units: i64,
    /// The same quarter of the base year, where known.
    pub base_amount: Option<Dec>,
    /// `Qi / Bi − 1`.
    pub yoy_growth: Option<Dec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Level {
    County,
    Industry,
    Enterprise,
    Project,
}

impl Level {
    fn rank(self) -> u8 {
        match self {
            Level::County => 0,
            Level::Industry => 1,
            Level::Enterprise => 2,
            Level::Project => 3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    /// What each parent's split used (indexed by `NodeFigures::children`).
    pub groups: Vec<ChildrenSplit>,
    /// Each group's parent (index into `Plan::nodes`) and its children's figures
    /// `first..first + count`, same order as `groups`.
    pub group_children: Vec<(u32, u32, u32)>,
    /// The county's exact target, where every exact value starts.
    pub target: Dec,
    /// The county's Q1 and Q1 daily units (the quarter table's).
    pub root_q1_units: i64,
    pub root_daily_units: i64,
    /// What the Q1 and daily figures are taken with: the Q1 share as `q1_num / q1_den`, the
    /// days of Q1, and the table's precision.
    pub q1_num: i128,
    pub q1_den: i128,
    pub q1_days: u32,
    pub precision: Precision,
    /// Each group's children's Q1, daily and share units, rounded when first asked for.
    #[serde(skip)]
    pub(crate) units: Lazy<Vec<OnceLock<GroupUnits>>>,
    /// The problems this split found, by node: put in words with the nodes' names when the
    /// plan is made (a rename does not split again).
    #[serde(skip)]
    pub problems: Vec<SplitProblem>,
}

/// A problem of one parent's split, by node id (`None`: the county).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitProblem {
    /// Holds under `parent` exceed its quota (shown as `parent_units`) by `over_units`; the
    /// hold of `culprit` crossed it.
    OverAllocated {
        parent: Option<u64>,
        culprit: u64,
        parent_units: i64,
        over_units: i64,
    },
    /// Every child of `parent` is held and they differ from it by `left_units`.
    AllHeld {
        parent: Option<u64>,
        left_units: i64,
    },
    /// Spreading the gap under `parent` makes `child` negative.
    NegativeQuota { parent: Option<u64>, child: u64 },
    /// Nothing to weigh under `parent`: split equally.
    FellBack {
        parent: Option<u64>,
        method: SplitMethod,
    },
}

pub const NO_FIGURE: u32 = u32::MAX;

/// A group's children's rounded Q1, daily and share units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GroupUnits {
    q1: Vec<i64>,
    daily: Vec<i64>,
    share: Vec<i64>,
}

/// Values worked out when first asked for: not part of what a plan is (two plans of the
/// same scenario are equal whether or not either was asked).
#[derive(Debug, Clone, Default)]
pub(crate) struct Lazy<T>(pub T);

impl<T> PartialEq for Lazy<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// One node's share of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NodeFigures {
    /// The node's quota (任务), exact within its carried error.
    pub quota: Carried,
    /// In the tree's precision; siblings add up to their parent's units.
    pub quota_units: i64,
    /// Its base: its own base-year value, or the sum of its children's.
    pub basis: Dec,
    /// Its weight under its parent's method (its basis, 1, or its manual share); zero when
    /// held, one for the county.
    pub weight: Dec,
    /// Held at this amount (锁定).
    pub held: Option<Dec>,
    /// Its own commitment (自报), where given.
    pub commitment: Option<Dec>,
    /// For a parent: its split of its children (index into `IndicatorSplit::groups`).
    pub children: u32,
}

impl NodeFigures {
    pub fn is_held(&self) -> bool {
        self.held.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GdpPlan {
    pub gdp_base: Dec,
    pub gdp_target: Dec,
    pub gdp_growth: Option<Dec>,
    pub va_base: Dec,
    pub va_target: Dec,
    pub va_growth: Option<Dec>,
    /// `VA / GDP` in the base year and in the plan year.
    pub share_base: Dec,
    pub share_target: Dec,
    /// Change in percentage points (个百分点), between the shares as shown: hundredths of a
    /// point.
    pub share_change_units: i64,
    pub wanted_share: Option<Dec>,
    /// `wanted share × GDP target`.
    pub va_needed: Option<Dec>,
    /// Price indexes of GDP and of all-industry value added, where given.
    pub gdp_price_index: Option<Dec>,
    pub va_price_index: Option<Dec>,
}

impl GdpPlan {
    /// The share of industry in GDP at current prices: both targets (at comparable prices)
    /// times their price indexes, `(VA × p_va) / (GDP × p_gdp)`; with both indexes only.
    pub fn share_current(&self) -> Option<num_rational::BigRational> {
        let (pg, pv) = (self.gdp_price_index?, self.va_price_index?);
        let gdp = self.gdp_target.to_rational() * pg.to_rational();
        (!num_traits::Zero::is_zero(&gdp))
            .then(|| self.va_target.to_rational() * pv.to_rational() / gdp)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiveYearPlan {
    pub base_year: i32,
    pub end_year: i32,
    pub years: u32,
    pub base: Dec,
    pub target: Dec,
    /// `m = T / B` (是…的m倍).
    pub multiple: Dec,
    /// `r = m^(1/n) − 1`, to twenty places.
    pub cagr: Dec,
    /// `(year, B × m^(k/n))` from the base year to the end year, each floored from its
    /// exact value.
    pub path: Vec<(i32, Dec)>,
    /// GDP along the horizon, where the base and growth are given.
    pub gdp_path: Option<Vec<(i32, Dec)>>,
    pub share_base: Option<Dec>,
    pub share_end: Option<Dec>,
    /// In hundredths of a point, between the shares as shown.
    pub share_change_units: Option<i64>,
    pub wanted_share: Option<Dec>,
    /// `wanted share × end-year GDP`.
    pub va_needed: Option<Dec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SalesPlan {
    pub ratio: Dec,
    /// `output target × ratio`.
    pub annual: Dec,
    /// `Q1 output × ratio`.
    pub q1: Dec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProjectsPlan {
    pub count: u32,
    pub q1_start_rate: Option<Dec>,
    /// `ceil(N × rate)`.
    pub to_start_q1: Option<u32>,
    pub annual_investment: Option<Dec>,
    pub q1_investment_share: Option<Dec>,
    pub q1_investment: Option<Dec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParkPlan {
    pub share: Dec,
    /// `county output target × share`.
    pub output_needed: Dec,
    pub q1_needed: Dec,
    pub growth: Option<Dec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FleetPlan {
    pub threshold: Dec,
    /// Enterprises (indices into `Plan::nodes`) whose planned output reaches the threshold.
    pub members: Vec<u32>,
    /// How many reached it in the base year.
    pub base_count: u32,
}

impl IndicatorSplit {
    /// A node's rounded figure of a family, in display units: the quota and Q1 in the
    /// table's precision, the Q1 daily quota in 0.01万元, the share in 0.01%. Siblings add up
    /// to their parent in each.
    pub fn units(&self, nodes: &[NodeInfo], node: usize, family: Family) -> Option<i64> {
        let f = self.figures_of(node)?;
        let Some(parent) = nodes.get(node)?.parent else {
            return Some(match family {
                Family::Quota => f.quota_units,
                Family::Q1 => self.root_q1_units,
                Family::Daily => self.root_daily_units,
                Family::Share => 10_000,
            });
        };
        if family == Family::Quota {
            return Some(f.quota_units);
        }
        let g = self.figures_of(parent as usize)?.children as usize;
        let (_, first, _) = *self.group_children.get(g)?;
        let at = (self.figure_of_node[node] - first) as usize;
        let units = self.group_units(nodes, g)?;
        match family {
            Family::Q1 => units.q1.get(at).copied(),
            Family::Daily => units.daily.get(at).copied(),
            Family::Share => units.share.get(at).copied(),
            Family::Quota => None,
        }
    }

    /// A group's Q1, daily and share units, rounded the first time they are asked for.
    fn group_units(&self, nodes: &[NodeInfo], g: usize) -> Option<&GroupUnits> {
        let cell = self.units.0.get(g)?;
        if let Some(u) = cell.get() {
            return Some(u);
        }
        let (parent_node, first, count) = *self.group_children.get(g)?;
        let parent_node = parent_node as usize;
        let parent = self.figures_of(parent_node)?;
        let group = families::Group {
            parent,
            parent_q1_units: self.units(nodes, parent_node, Family::Q1)?,
            parent_daily_units: self.units(nodes, parent_node, Family::Daily)?,
            record: self.groups.get(g)?,
            children: self.figures.get(first as usize..(first + count) as usize)?,
            precision: self.precision,
            q1_num: self.q1_num,
            q1_den: self.q1_den,
            q1_days: self.q1_days,
            parent_exact: &|| self.exact_quota(nodes, parent_node).unwrap_or_default(),
        };
        let mut rounder = crate::round::Rounder::default();
        let mut candidates = Vec::new();
        let mut round = |family| {
            let mut units = Vec::new();
            families::round(family, &group, &mut rounder, &mut candidates, &mut units);
            units
        };
        let units = GroupUnits {
            q1: round(Family::Q1),
            daily: round(Family::Daily),
            share: round(Family::Share),
        };
        Some(cell.get_or_init(|| units))
    }

    /// A node's figures.
    pub fn figures_of(&self, node: usize) -> Option<&NodeFigures> {
        let f = *self.figure_of_node.get(node)?;
        self.figures.get(f as usize)
    }

    /// The record of how a parent split its children.
    pub fn group_of(&self, node: usize) -> Option<&ChildrenSplit> {
        self.groups.get(self.figures_of(node)?.children as usize)
    }

    /// A node's exact quota, from the county's target down through each split's record.
    pub fn exact_quota(&self, nodes: &[NodeInfo], node: usize) -> Option<BigRational> {
        let info = nodes.get(node)?;
        let f = self.figures_of(node)?;
        let Some(parent) = info.parent else {
            return Some(self.target.to_rational());
        };
        let parent = parent as usize;
        let record = self.group_of(parent)?;
        let child = super::split::Child {
            basis: f.basis,
            held: f.held,
            commitment: f.commitment,
            manual_share: None,
        };
        let parent_exact = self.exact_quota(nodes, parent)?;
        Some(super::split::exact_child(
            &parent_exact,
            record,
            &child,
            f.weight,
        ))
    }
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
        self.split(indicator)?.figures_of(node)
    }

    /// A node's exact quota.
    pub fn exact_quota(&self, node: usize, indicator: Indicator) -> Option<BigRational> {
        self.split(indicator)?.exact_quota(&self.nodes, node)
    }

    /// A node's rounded figure of a family (see [`IndicatorSplit::units`]).
    pub fn units(&self, node: usize, indicator: Indicator, family: Family) -> Option<i64> {
        self.split(indicator)?.units(&self.nodes, node, family)
    }

    /// Required growth of a node against its own base, `quota / basis − 1`, in hundredths of
    /// a percent, rounded exactly; `None` without a base.
    pub fn required_growth_units(&self, node: usize, indicator: Indicator) -> Option<i64> {
        // A project's basis is its planned investment, not a year's actual: a growth over it
        // (always 0%) would mean nothing.
        if self.nodes.get(node)?.level == Level::Project {
            return None;
        }
        let f = self.figures(node, indicator)?;
        if !f.basis.is_positive() {
            return None;
        }
        // growth = (quota − basis) / basis: floored from the carried quota, the error grows
        // by the division, plus one.
        let lo = (f.quota.lo - f.basis).div_floor(f.basis)?;
        let carried = Carried {
            lo,
            err: if f.quota.err == 0 {
                1
            } else {
                // err / basis in twenty places, plus one for the floor.
                let err = Dec::from_raw(i128::from(f.quota.err)).div_floor(f.basis)?;
                u32::try_from(err.raw() + 2).ok()?
            },
        };
        match carried.units(Step::PERCENT_2) {
            Some(u) => Some(u),
            None => {
                let exact = self.exact_quota(node, indicator)?;
                let b = f.basis.to_rational();
                Some(super::num::rational_units(
                    &((exact - &b) / b),
                    Step::PERCENT_2,
                ))
            }
        }
    }

    /// The index of the node with this id.
    pub fn node_index(&self, id: u64) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// Indices of a node's children.
    pub fn children(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        let level = self.nodes[node].level;
        self.nodes
            .iter()
            .enumerate()
            .skip(node + 1)
            .take_while(move |(_, n)| n.level.rank() > level.rank())
            .filter(move |(_, n)| n.parent == Some(node as u32))
            .map(|(i, _)| i)
    }

    /// How a parent split its children, for an indicator.
    pub fn group(&self, node: usize, indicator: Indicator) -> Option<&ChildrenSplit> {
        self.split(indicator)?.group_of(node)
    }

    /// The method a parent used (after any fallback), for an indicator.
    pub fn children_method(&self, node: usize, indicator: Indicator) -> Option<SplitMethod> {
        self.group(node, indicator).map(|g| g.method)
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
        reuse::changed_industries(before, s).map(|changed| (before, before_plan, changed))
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
    let tree_precision = match s.tree_unit {
        AmountUnit::Yi => Precision::Yi2,
        AmountUnit::Wan => Precision::Wan2,
    };

    let indicators = match county::indicator_plans(s, quota_days) {
        Ok(i) => i,
        Err(e) => return Err(vec![e]),
    };

    let nodes = match &kept {
        Some((_, before, _)) => Arc::clone(&before.nodes),
        None => Arc::new(tree::tree_nodes(s)),
    };
    let mut splits = Vec::with_capacity(indicators.len());
    for p in &indicators {
        let k = p.indicator;
        let reusable = kept.as_ref().and_then(|(before, before_plan, changed)| {
            let same_inputs = before_plan.tree_precision == tree_precision
                && before_plan.quota_days[0] == quota_days[0]
                && before_plan.indicator(k) == Some(p)
                && changed.iter().all(|&i| {
                    reuse::same_split_inputs(&before.tree.industries[i], &s.tree.industries[i], k)
                });
            let split = before_plan.splits.iter().find(|sp| sp.indicator == k);
            split.filter(|_| same_inputs)
        });
        let split = match reusable {
            Some(split) => Arc::clone(split),
            None => Arc::new(tree::split_tree(
                s,
                p,
                &nodes,
                tree_precision,
                quota_days[0],
            )),
        };
        problems.extend(
            split
                .problems
                .iter()
                .map(|problem| messages::in_words(s, k, tree_precision, *problem)),
        );
        splits.push(split);
    }

    let five_year_before = previous
        .filter(|(before, _)| before.five_year == s.five_year)
        .map(|(_, before_plan)| &before_plan.five_year);
    let extras = county::extras(s, &indicators, &nodes, &splits, five_year_before);
    if problems.iter().any(ScenarioError::is_error) {
        return Err(problems);
    }
    Ok(Plan {
        plan_year: s.plan_year,
        base_year: s.base_year(),
        days_in_year: calendar::days_in_year(s.plan_year),
        calendar_days,
        quota_days,
        time_progress: calendar::time_progress(s.plan_year),
        tree_precision,
        indicators,
        nodes,
        splits,
        gdp: extras.gdp,
        five_year: extras.five_year,
        sales: extras.sales,
        projects: extras.projects,
        parks: extras.parks,
        fleet: extras.fleet,
        warnings: problems,
        actuals: s.actuals.clone(),
    })
}
