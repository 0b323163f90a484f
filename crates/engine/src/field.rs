//! Typed identities of everything a planner can edit: a problem names its [`Field`], and the
//! page finds the input to show it next to by comparing fields, never by building strings.

use serde::{Deserialize, Serialize};

use super::indicator::Indicator;

/// An editable field of a scenario (or a part of it that a problem is about).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// A scenario setting.
    Setting(Setting),
    /// One indicator's input.
    Indicator(Indicator, IndicatorField),
    /// The county's quarterly share of a quarter (0–3).
    QuarterShare(usize),
    /// The county's four quarterly shares together (their sum).
    QuarterShares,
    /// Days counted in a quarter (0–3) for daily quotas.
    QuarterDays(usize),
    Gdp(GdpField),
    FiveYear(FiveYearField),
    /// A park's share of county output.
    ParkShare(usize),
    /// A park's base-year output.
    ParkBase(usize),
    /// A park's name.
    ParkName(usize),
    /// A node of the tree, by its id.
    Node(u64, NodeField),
    /// The split rule of a parent: the county (`None`), an industry or an enterprise.
    Rule(Option<u64>),
    /// A parent's children as a group (a fully held group that does not add up).
    Children(Option<u64>),
    /// The tree as a whole (its size, an empty tree).
    Tree,
}

/// Scenario-wide settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Setting {
    Name,
    County,
    PlanYear,
    TreeUnit,
    SalesRatio,
    ProjectCount,
    ProjectStartRate,
    FleetThreshold,
}

/// A field of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IndicatorField {
    /// The indicator itself (listed twice).
    Listed,
    /// 上年实际
    BaseActual,
    /// 上年计划
    LastYearPlan,
    /// Last year's actual of a quarter.
    BaseQuarter(usize),
    /// This year's target (amount, growth or multiple).
    Target,
    /// Its own quarterly share of a quarter.
    QuarterShare(usize),
    /// Its own four shares together.
    QuarterShares,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GdpField {
    GdpBase,
    GdpTarget,
    IndustryVaBase,
    IndustryVaTarget,
    TargetShare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FiveYearField {
    BaseYear,
    EndYear,
    Base,
    Target,
    GdpBase,
    GdpGrowth,
    TargetShare,
}

/// A field of a node of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NodeField {
    Id,
    Name,
    Responsible,
    Unit,
    Base(Indicator),
    Commitment(Indicator),
    Held(Indicator),
    ManualShare,
}

impl Setting {
    pub const fn key(self) -> &'static str {
        match self {
            Setting::Name => "name",
            Setting::County => "county",
            Setting::PlanYear => "plan_year",
            Setting::TreeUnit => "tree_unit",
            Setting::SalesRatio => "sales_ratio",
            Setting::ProjectCount => "project_count",
            Setting::ProjectStartRate => "project_start_rate",
            Setting::FleetThreshold => "fleet_threshold",
        }
    }
}

impl GdpField {
    pub const fn key(self) -> &'static str {
        match self {
            GdpField::GdpBase => "gdp_base",
            GdpField::GdpTarget => "gdp_target",
            GdpField::IndustryVaBase => "industry_va_base",
            GdpField::IndustryVaTarget => "industry_va_target",
            GdpField::TargetShare => "target_share",
        }
    }
}

impl FiveYearField {
    pub const fn key(self) -> &'static str {
        match self {
            FiveYearField::BaseYear => "base_year",
            FiveYearField::EndYear => "end_year",
            FiveYearField::Base => "base",
            FiveYearField::Target => "target",
            FiveYearField::GdpBase => "gdp_base",
            FiveYearField::GdpGrowth => "gdp_growth",
            FiveYearField::TargetShare => "target_share",
        }
    }
}

impl Field {
    /// A stable text for the field, for logs, tests and the page's `data-field` attributes:
    /// `indicator.output.target`, `node.12.held.output`. (Written out, not derived from
    /// `Debug`: the release build formats no `Debug`.)
    pub fn key(self) -> String {
        use Field::*;
        match self {
            Setting(s) => format!("setting.{}", s.key()),
            Indicator(k, f) => {
                let k = k.key();
                match f {
                    IndicatorField::Listed => format!("indicator.{k}"),
                    IndicatorField::BaseActual => format!("indicator.{k}.base_actual"),
                    IndicatorField::LastYearPlan => format!("indicator.{k}.last_year_plan"),
                    IndicatorField::BaseQuarter(q) => format!("indicator.{k}.base_quarter.{q}"),
                    IndicatorField::Target => format!("indicator.{k}.target"),
                    IndicatorField::QuarterShare(q) => format!("indicator.{k}.quarter_share.{q}"),
                    IndicatorField::QuarterShares => format!("indicator.{k}.quarter_shares"),
                }
            }
            QuarterShare(q) => format!("quarter_share.{q}"),
            QuarterShares => "quarter_shares".into(),
            QuarterDays(q) => format!("quarter_days.{q}"),
            Gdp(g) => format!("gdp.{}", g.key()),
            FiveYear(f) => format!("five_year.{}", f.key()),
            ParkShare(i) => format!("park.{i}.share"),
            ParkBase(i) => format!("park.{i}.base"),
            ParkName(i) => format!("park.{i}.name"),
            Node(id, f) => match f {
                NodeField::Id => format!("node.{id}.id"),
                NodeField::Name => format!("node.{id}.name"),
                NodeField::Responsible => format!("node.{id}.responsible"),
                NodeField::Unit => format!("node.{id}.unit"),
                NodeField::Base(k) => format!("node.{id}.base.{}", k.key()),
                NodeField::Commitment(k) => format!("node.{id}.commitment.{}", k.key()),
                NodeField::Held(k) => format!("node.{id}.held.{}", k.key()),
                NodeField::ManualShare => format!("node.{id}.manual_share"),
            },
            Rule(None) => "rule.county".into(),
            Rule(Some(id)) => format!("rule.{id}"),
            Children(None) => "children.county".into(),
            Children(Some(id)) => format!("children.{id}"),
            Tree => "tree".into(),
        }
    }

    /// The node this field belongs to, if any.
    pub fn node(self) -> Option<u64> {
        match self {
            Field::Node(id, _) | Field::Rule(Some(id)) | Field::Children(Some(id)) => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_distinct() {
        let fields = [
            Field::Setting(Setting::PlanYear),
            Field::Indicator(Indicator::Output, IndicatorField::LastYearPlan),
            Field::Indicator(Indicator::ValueAdded, IndicatorField::QuarterShare(0)),
            Field::QuarterShare(2),
            Field::Gdp(GdpField::IndustryVaTarget),
            Field::Node(12, NodeField::Held(Indicator::Output)),
            Field::Node(12, NodeField::ManualShare),
            Field::Rule(None),
        ];
        let keys: Vec<String> = fields.iter().map(|f| f.key()).collect();
        assert_eq!(
            keys,
            [
                "setting.plan_year",
                "indicator.output.last_year_plan",
                "indicator.value_added.quarter_share.0",
                "quarter_share.2",
                "gdp.industry_va_target",
                "node.12.held.output",
                "node.12.manual_share",
                "rule.county",
            ]
        );
        let distinct: std::collections::HashSet<&String> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len());
    }
}
