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
    /// An actual to date (累计实际) of the county (`None`) or an enterprise, for an indicator.
    Actual(Option<u64>, Indicator),
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
    /// 前年实际
    YearBeforeActual,
    /// Last year's actual of a quarter.
    BaseQuarter(usize),
    /// This year's target (amount, growth or multiple).
    Target,
    /// Its own quarterly share of a quarter.
    QuarterShare(usize),
    /// Its own four shares together.
    QuarterShares,
    /// Its price index (this year's prices over last year's), for comparable growth.
    PriceIndex,
    /// The base year's actual of a month (0–11).
    BaseMonth(usize),
    /// Its share of the year typed for a month (0–11), 月度占比.
    MonthShare(usize),
    /// A quarter's (0–3) typed monthly shares together.
    MonthShares(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GdpField {
    GdpBase,
    GdpTarget,
    IndustryVaBase,
    IndustryVaTarget,
    TargetShare,
    /// The GDP deflator and all-industry value added's (plan year over base year).
    GdpPriceIndex,
    VaPriceIndex,
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
            GdpField::GdpPriceIndex => "gdp_price_index",
            GdpField::VaPriceIndex => "va_price_index",
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
                    IndicatorField::YearBeforeActual => {
                        format!("indicator.{k}.year_before_actual")
                    }
                    IndicatorField::BaseQuarter(q) => format!("indicator.{k}.base_quarter.{q}"),
                    IndicatorField::Target => format!("indicator.{k}.target"),
                    IndicatorField::QuarterShare(q) => format!("indicator.{k}.quarter_share.{q}"),
                    IndicatorField::QuarterShares => format!("indicator.{k}.quarter_shares"),
                    IndicatorField::PriceIndex => format!("indicator.{k}.price_index"),
                    IndicatorField::BaseMonth(m) => format!("indicator.{k}.base_month.{m}"),
                    IndicatorField::MonthShare(m) => format!("indicator.{k}.month_share.{m}"),
                    IndicatorField::MonthShares(q) => format!("indicator.{k}.month_shares.{q}"),
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
            Actual(None, k) => format!("actual.county.{}", k.key()),
            Actual(Some(id), k) => format!("actual.{id}.{}", k.key()),
        }
    }

    /// What the field is, in the planner's words, for a message listed away from its field
    /// (规上产值 今年目标, 二季度占比); `None` for a node's fields, whose messages name the node.
    pub fn subject(self) -> Option<crate::i18n::Bilingual> {
        use crate::i18n::Bilingual;
        const QUARTERS: [(&str, &str); 4] = [
            ("一季度", "Q1"),
            ("二季度", "Q2"),
            ("三季度", "Q3"),
            ("四季度", "Q4"),
        ];
        let quarter = |q: usize| QUARTERS.get(q).copied().unwrap_or(("", ""));
        let (zh, en): (String, String) = match self {
            Field::Indicator(k, f) => {
                let (z, e) = (k.zh(), k.en());
                match f {
                    IndicatorField::Listed => (z.into(), e.into()),
                    IndicatorField::BaseActual => {
                        (format!("{z} 上年实际"), format!("{e} last year's actual"))
                    }
                    IndicatorField::LastYearPlan => {
                        (format!("{z} 上年计划"), format!("{e} last year's plan"))
                    }
                    IndicatorField::YearBeforeActual => (
                        format!("{z} 前年实际"),
                        format!("{e} the year before's actual"),
                    ),
                    IndicatorField::BaseQuarter(q) => {
                        let (qz, qe) = quarter(q);
                        (format!("{z} 上年{qz}"), format!("{e} last year's {qe}"))
                    }
                    IndicatorField::Target => (format!("{z} 今年目标"), format!("{e} target")),
                    IndicatorField::QuarterShare(q) => {
                        let (qz, qe) = quarter(q);
                        (format!("{z} {qz}占比"), format!("{e} {qe} share"))
                    }
                    IndicatorField::QuarterShares => {
                        (format!("{z} 季度占比"), format!("{e} quarterly shares"))
                    }
                    IndicatorField::PriceIndex => {
                        (format!("{z} 价格指数"), format!("{e} price index"))
                    }
                    IndicatorField::BaseMonth(m) => (
                        format!("{z} 上年{}月", m + 1),
                        format!("{e} last year's month {}", m + 1),
                    ),
                    IndicatorField::MonthShare(m) => (
                        format!("{z} {}月占比", m + 1),
                        format!("{e} month {} share", m + 1),
                    ),
                    IndicatorField::MonthShares(q) => {
                        let (qz, qe) = quarter(q);
                        (
                            format!("{z} {qz}各月占比"),
                            format!("{e} {qe} monthly shares"),
                        )
                    }
                }
            }
            Field::QuarterShare(q) => {
                let (z, e) = quarter(q);
                (format!("{z}占比"), format!("{e} share"))
            }
            Field::QuarterShares => ("季度占比".into(), "quarterly shares".into()),
            Field::QuarterDays(q) => {
                let (z, e) = quarter(q);
                (format!("{z}天数"), format!("{e} days"))
            }
            Field::Gdp(_) => ("GDP 与工业增加值".into(), "GDP and industry".into()),
            Field::FiveYear(_) => ("“十四五”".into(), "five-year plan".into()),
            Field::ParkShare(i) | Field::ParkBase(i) | Field::ParkName(i) => {
                (format!("园区 {}", i + 1), format!("park {}", i + 1))
            }
            Field::Setting(s) => match s {
                Setting::Name => ("方案名称".into(), "scenario name".into()),
                Setting::County => ("县名".into(), "county".into()),
                Setting::PlanYear => ("计划年份".into(), "plan year".into()),
                Setting::SalesRatio => ("产销率".into(), "sales ratio".into()),
                Setting::ProjectStartRate => ("一季度开工率".into(), "Q1 start rate".into()),
                Setting::FleetThreshold => ("企业舰队门槛".into(), "fleet threshold".into()),
                Setting::TreeUnit | Setting::ProjectCount => return None,
            },
            Field::Actual(None, k) => (
                format!("{} 累计实际", k.zh()),
                format!("{} actual to date", k.en()),
            ),
            Field::Node(..)
            | Field::Rule(_)
            | Field::Children(_)
            | Field::Tree
            | Field::Actual(Some(_), _) => return None,
        };
        // It begins the line: "Gross output target: …".
        let mut chars = en.chars();
        let en: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        Some(Bilingual::new(zh, en))
    }

    /// The node this field belongs to, if any.
    pub fn node(self) -> Option<u64> {
        match self {
            Field::Node(id, _)
            | Field::Rule(Some(id))
            | Field::Children(Some(id))
            | Field::Actual(Some(id), _) => Some(id),
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

    #[test]
    fn a_message_away_from_its_field_can_say_which_field() {
        let target = Field::Indicator(Indicator::Output, IndicatorField::Target);
        assert_eq!(target.subject().unwrap().zh, "规上产值 今年目标");
        assert_eq!(target.subject().unwrap().en, "Gross output target");
        let share = Field::Indicator(Indicator::ValueAdded, IndicatorField::QuarterShare(1));
        assert_eq!(share.subject().unwrap().zh, "规上增加值 二季度占比");
        assert_eq!(Field::QuarterDays(3).subject().unwrap().en, "Q4 days");
        // A node's messages name the node themselves.
        assert!(Field::Node(3, NodeField::Held(Indicator::Output))
            .subject()
            .is_none());
    }
}
