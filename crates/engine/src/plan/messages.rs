//! The split's faults and substitutions in the planner's words, naming the industry or
//! enterprise they are about, with amounts in the unit of the decomposition table.

use crate::error::ScenarioError;
use crate::field::{Field, NodeField};
use crate::format::{wan_units, yi_units};
use crate::i18n::Lang;
use crate::indicator::Indicator;
use crate::round::Precision;
use crate::scenario::{Scenario, SplitMethod};

use super::SplitProblem;

/// A split's problem in words, with the names the nodes have now.
pub(super) fn in_words(
    s: &Scenario,
    k: Indicator,
    precision: Precision,
    problem: SplitProblem,
) -> ScenarioError {
    let name = |id: Option<u64>| -> String {
        match id {
            None if s.county.is_empty() => "全县".into(),
            None => s.county.clone(),
            Some(id) => s.node(id).map(|n| n.name.clone()).unwrap_or_default(),
        }
    };
    match problem {
        SplitProblem::OverAllocated {
            parent,
            culprit,
            parent_units,
            over_units,
        } => over_allocated(
            k,
            &name(parent),
            (culprit, &name(Some(culprit))),
            parent_units,
            over_units,
            precision,
        ),
        SplitProblem::AllHeld { parent, left_units } => {
            all_held(k, (parent, &name(parent)), left_units, precision)
        }
        SplitProblem::NegativeQuota { parent, child } => {
            negative_quota(k, &name(parent), (child, &name(Some(child))))
        }
        SplitProblem::FellBack { parent, method } => fell_back(k, (parent, &name(parent)), method),
    }
}

/// An amount in display units of the table, with its unit.
pub(super) fn amount_text(units: i64, precision: Precision, lang: Lang) -> String {
    match precision {
        Precision::Yi2 => yi_units(units, lang),
        Precision::Wan2 => wan_units(units, lang),
    }
}

/// Held amounts under `parent` add up to more than its quota.
fn over_allocated(
    k: Indicator,
    parent: &str,
    culprit: (u64, &str),
    parent_units: i64,
    over_units: i64,
    precision: Precision,
) -> ScenarioError {
    let (id, name) = culprit;
    ScenarioError::error(
        Field::Node(id, NodeField::Held(k)),
        format!(
            "{}：{parent}下各单位锁定金额合计超出{parent}任务 {}（超出 {}；最后锁定的是“{name}”）",
            k.zh(),
            amount_text(parent_units, precision, Lang::Zh),
            amount_text(over_units, precision, Lang::Zh),
        ),
        format!(
            "{}: the amounts held under {parent} exceed its quota of {} (by {}; the last hold is “{name}”)",
            k.en(),
            amount_text(parent_units, precision, Lang::En),
            amount_text(over_units, precision, Lang::En),
        ),
    )
}

/// Every child of `parent` is held and together they differ from its quota.
fn all_held(
    k: Indicator,
    parent: (Option<u64>, &str),
    left_units: i64,
    precision: Precision,
) -> ScenarioError {
    let (id, name) = parent;
    ScenarioError::error(
        Field::Children(id),
        format!(
            "{}：{name}的下级全部锁定，合计与{name}任务相差 {}；请放开一个或调整锁定金额",
            k.zh(),
            amount_text(left_units, precision, Lang::Zh),
        ),
        format!(
            "{}: every child of {name} is held and together they differ from its quota by {}; release one or change a hold",
            k.en(),
            amount_text(left_units, precision, Lang::En),
        ),
    )
}

/// Spreading a negative gap makes `child` negative.
fn negative_quota(k: Indicator, parent: &str, child: (u64, &str)) -> ScenarioError {
    let (id, name) = child;
    ScenarioError::error(
        Field::Node(id, NodeField::Commitment(k)),
        format!(
            "{}：{parent}下自报合计超出可分配任务，分摊缺口后“{name}”的任务为负",
            k.zh()
        ),
        format!(
            "{}: the commitments under {parent} exceed what is left to split; spreading the gap would give “{name}” a negative quota",
            k.en()
        ),
    )
}

/// A proportional or manual split had nothing to weigh: split equally.
fn fell_back(k: Indicator, parent: (Option<u64>, &str), method: SplitMethod) -> ScenarioError {
    let (id, name) = parent;
    let (zh_basis, en_basis) = match method {
        SplitMethod::Manual => ("手动占比", "manual shares"),
        _ => ("基数", "bases"),
    };
    ScenarioError::warning(
        Field::Rule(id),
        format!("{}：{name}的下级{zh_basis}合计为零，已改为平均分配", k.zh()),
        format!(
            "{}: the {en_basis} of {name}'s children add up to zero, so they were split equally",
            k.en()
        ),
    )
}
