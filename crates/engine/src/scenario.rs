//! The scenario: everything a planner enters. Serialized with an explicit schema version.
//!
//! Amounts are exact decimals in 亿元, shares and rates exact fractions (0.22 for 22%),
//! written in JSON as decimal strings (`"72.6"`) so that no reader turns them into doubles.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::indicator::{Indicator, SparseValues, Values};
use super::num::Dec;

/// The version of this format; storage migrates older ones on load. Version 1 kept doubles
/// (JSON numbers); version 2 keeps exact decimals (strings), and reads numbers too.
/// The newest format this version reads. A scenario is written with the oldest format that
/// holds it ([`Scenario::written`]): 3 only with actuals, so that the version before still
/// opens every scenario without them, and leaves one with them untouched.
pub const SCHEMA_VERSION: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub schema_version: u32,
    /// The scenario's own name (e.g. "基准方案").
    pub name: String,
    /// 县名
    pub county: String,
    /// The plan year (2022 in the speech); the base year is the year before.
    pub plan_year: i32,
    /// One entry per indicator of [`Indicator::ALL`], in any order; missing ones are not planned.
    pub indicators: Vec<IndicatorInput>,
    /// 季度占比 s1..s4 of the annual target, for every indicator without its own.
    pub quarter_shares: [Dec; 4],
    /// The unit of the decomposition table; its amounts are rounded to hundredths of it.
    #[serde(default)]
    pub tree_unit: AmountUnit,
    /// Days counted per quarter for daily quotas; `None`: calendar days (量化到天).
    #[serde(default)]
    pub quarter_days: Option<[u32; 4]>,
    #[serde(default)]
    pub gdp: Option<GdpInput>,
    #[serde(default)]
    pub five_year: Option<FiveYearInput>,
    /// 产销率 target, e.g. 0.98.
    #[serde(default)]
    pub sales_ratio_target: Option<Dec>,
    #[serde(default)]
    pub projects: ProjectsInput,
    #[serde(default)]
    pub parks: Vec<Park>,
    /// The X of "X亿元企业": enterprises whose planned output reaches it form the fleet.
    #[serde(default)]
    pub fleet_threshold: Option<Dec>,
    pub tree: Tree,
    /// Actuals as they come in through the year (format 3). Shared with the plan (which
    /// works out standings from them when asked); change them with `Arc::make_mut`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actuals: Option<Arc<Actuals>>,
}

/// Actuals to date (累计), as county statistics report them: cumulative from 1 January
/// through the latest period, for the county and for each enterprise.
// Eq lets an `Arc<Actuals>` compare by pointer first: the page asks on every edit whether
// they changed, and ten thousand enterprises' values compared each time cost milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Actuals {
    /// The latest period reported (1–2月, 3月, …).
    pub period: crate::progress::Period,
    /// What time progress is measured against, named wherever it is used.
    #[serde(default)]
    pub yardstick: crate::progress::Yardstick,
    /// The county's cumulative actuals, per indicator.
    #[serde(default, skip_serializing_if = "SparseValues::is_empty")]
    pub county: SparseValues,
    /// The county's cumulative at the end of the quarter before the period's (past Q1), for
    /// the quarter's own actual.
    #[serde(default, skip_serializing_if = "SparseValues::is_empty")]
    pub county_before_quarter: SparseValues,
    /// Last year's cumulative for the same period, for year-on-year growth.
    #[serde(default, skip_serializing_if = "SparseValues::is_empty")]
    pub county_last_year: SparseValues,
    /// Each enterprise's cumulative actuals, by node id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub nodes: std::collections::BTreeMap<u64, SparseValues>,
    /// Each enterprise's cumulative at the end of the quarter before the period's (past Q1).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub nodes_before_quarter: std::collections::BTreeMap<u64, SparseValues>,
    /// Each enterprise's last year's same period, for its year-on-year growth.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub nodes_last_year: std::collections::BTreeMap<u64, SparseValues>,
}

/// The unit an amount table is shown in (two decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountUnit {
    /// 亿元
    Yi,
    /// 万元: enterprise statistics are kept in it.
    #[default]
    Wan,
}

impl AmountUnit {
    pub const ALL: [AmountUnit; 2] = [AmountUnit::Wan, AmountUnit::Yi];

    /// The key used in JSON and in the page's controls.
    pub const fn key(self) -> &'static str {
        match self {
            AmountUnit::Yi => "yi",
            AmountUnit::Wan => "wan",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.key() == key)
    }

    /// Its name: 亿元, 万元 (Chinese, English).
    pub const fn names(self) -> (&'static str, &'static str) {
        match self {
            AmountUnit::Yi => ("亿元", "100M CNY"),
            AmountUnit::Wan => ("万元", "10k CNY"),
        }
    }
}

/// How a target is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum TargetSpec {
    /// The amount itself (亿元).
    Amount(Dec),
    /// Growth over the base, as a fraction: 0.10 is 增长10%; 2 is 增长2倍 (three times the base).
    Growth(Dec),
    /// A multiple of the base: 是…的X倍, `T = B × X`.
    Multiple(Dec),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorInput {
    pub indicator: Indicator,
    /// Base-year actual (上年实际完成).
    pub base_actual: Dec,
    /// Last year's plan (年计划), for the completion rate.
    #[serde(default)]
    pub last_year_plan: Option<Dec>,
    /// The year before's actual (前年实际), for last year's growth (上年同比增长).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_before_actual: Option<Dec>,
    /// The base year's quarterly actuals, for each quarter's year-on-year growth.
    #[serde(default)]
    pub base_quarters: Option<[Dec; 4]>,
    pub target: TargetSpec,
    /// This indicator's own quarterly shares (key-project investment usually has its own).
    #[serde(default)]
    pub quarter_shares: Option<[Dec; 4]>,
    /// The base year's monthly actuals, for the months' pattern inside each quarter (else
    /// their days) and year-on-year growth by month; format 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_months: Option<[Dec; 12]>,
    /// Monthly shares typed by the planner (shares of the year, 月度占比), per quarter: a
    /// quarter's three add up to its share; a quarter without them follows last year's
    /// months, else their days. Format 3.
    #[serde(default, skip_serializing_if = "no_month_shares")]
    pub month_shares: [Option<[Dec; 3]>; 4],
    /// The price index of the plan year over the base year (1.03: prices up 3%), for growth
    /// at comparable prices (可比价); format 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_index: Option<Dec>,
}

fn no_month_shares(m: &[Option<[Dec; 3]>; 4]) -> bool {
    m.iter().all(Option::is_none)
}

/// County GDP and all-industry value added in the plan year (全县GDP, 全部工业增加值).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GdpInput {
    pub gdp_base: Dec,
    pub gdp_target: TargetSpec,
    /// 全部工业增加值 of the base year.
    pub industry_va_base: Dec,
    pub industry_va_target: TargetSpec,
    /// A wanted share of industry in GDP; the value added needed follows.
    #[serde(default)]
    pub target_share: Option<Dec>,
    /// Price indexes (plan year over base year) of GDP and of all-industry value added: their
    /// growth targets are at comparable prices, and with both the share at current prices
    /// follows. Format 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdp_price_index: Option<Dec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub va_price_index: Option<Dec>,
}

/// The five-year horizon (十四五): all-industry value added from a base year to an end year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FiveYearInput {
    /// The year of the base value ("是X年的X倍": the X年).
    pub base_year: i32,
    pub end_year: i32,
    /// 全部工业增加值 in the base year.
    pub base: Dec,
    /// The end-year target: an amount or a multiple of the base.
    pub target: TargetSpec,
    /// County GDP in the base year, with its yearly growth, for the share of industry.
    #[serde(default)]
    pub gdp_base: Option<Dec>,
    #[serde(default)]
    pub gdp_growth: Option<Dec>,
    /// The wanted share of industry in end-year GDP (占到全县GDP的X%).
    #[serde(default)]
    pub target_share: Option<Dec>,
}

/// Key projects (重点项目). Their investment is the [`Indicator::Investment`] indicator.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProjectsInput {
    /// Number of key projects; `None`: the projects in the tree.
    #[serde(default)]
    pub count: Option<u32>,
    /// 一季度开工率: share of projects that must start in Q1.
    #[serde(default)]
    pub q1_start_rate: Option<Dec>,
}

/// An industrial park (园区) and the share of county industry it should carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Park {
    pub name: String,
    /// Share of county gross output, e.g. 0.40.
    pub share_target: Dec,
    /// The park's base-year output, where known, for its growth.
    #[serde(default)]
    pub base_output: Option<Dec>,
}

/// How a parent's amount is split among its children (分解方法).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SplitMethod {
    /// In proportion to each child's base-year value (按基数比例).
    #[default]
    Proportional,
    /// Equal parts (平均分配).
    Equal,
    /// In proportion to shares set by hand on each child (手动占比).
    Manual,
}

impl SplitMethod {
    pub const ALL: [SplitMethod; 3] = [
        SplitMethod::Proportional,
        SplitMethod::Equal,
        SplitMethod::Manual,
    ];

    /// The key used in JSON and in the page's controls.
    pub const fn key(self) -> &'static str {
        match self {
            SplitMethod::Proportional => "proportional",
            SplitMethod::Equal => "equal",
            SplitMethod::Manual => "manual",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Its name as the page says it (Chinese, English).
    pub const fn names(self) -> (&'static str, &'static str) {
        match self {
            SplitMethod::Proportional => ("按基数比例", "In proportion to base"),
            SplitMethod::Equal => ("平均分配", "Equal parts"),
            SplitMethod::Manual => ("手动占比", "Manual shares"),
        }
    }
}

/// The split rule of one parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SplitRule {
    #[serde(default)]
    pub method: SplitMethod,
    /// Bottom-up: each child gets its own commitment plus its part of the gap (缺口).
    /// Off: quotas are top-down and the gap is only reported.
    #[serde(default)]
    pub spread_gap: bool,
}

impl SplitRule {
    pub fn is_default(&self) -> bool {
        *self == SplitRule::default()
    }
}

/// What every node of the tree carries. In JSON its fields sit in the node's own object,
/// beside the level's: written with `#[serde(flatten)]`, read by `node_json!`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct NodeData {
    /// Stable identity for the UI; unique within a scenario.
    pub id: u64,
    pub name: String,
    /// 责任人
    #[serde(skip_serializing_if = "String::is_empty")]
    pub responsible: String,
    /// 包抓单位
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Base-year values (projects: their planned investment). A parent without its own
    /// value counts the sum of its children's.
    pub base: Values,
    /// The node's own commitment (自报目标), bottom-up.
    #[serde(skip_serializing_if = "SparseValues::is_empty")]
    pub commitment: SparseValues,
    /// Held (locked) amounts: kept exactly while siblings re-spread (锁定).
    #[serde(skip_serializing_if = "SparseValues::is_empty")]
    pub held: SparseValues,
    /// Weight under a parent whose method is [`SplitMethod::Manual`] (fraction).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual_share: Option<Dec>,
}

/// Reads a level of the tree (`Industry { node, own fields }`) from one JSON object with
/// the node's fields beside the level's own, as `#[serde(flatten)]` writes it. Reading it
/// with flatten too buffered every field first, which made opening a large county about
/// a third slower (docs/PERFORMANCE.md).
macro_rules! node_json {
    ($level:ident expecting $expecting:literal { $($(#[$attr:meta])* $own:ident: $own_ty:ty),* $(,)? }) => {
        const _: () = {
            #[derive(Deserialize)]
            // Errors name the level ("expected struct Industry"), not this reader.
            #[serde(expecting = $expecting)]
            struct Read {
                id: u64,
                name: String,
                #[serde(default)]
                responsible: String,
                #[serde(default)]
                unit: String,
                #[serde(default)]
                base: Values,
                #[serde(default)]
                commitment: SparseValues,
                #[serde(default)]
                held: SparseValues,
                #[serde(default)]
                manual_share: Option<Dec>,
                $($(#[$attr])* $own: $own_ty,)*
            }

            impl<'de> Deserialize<'de> for $level {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let r = Read::deserialize(d)?;
                    Ok($level {
                        node: NodeData {
                            id: r.id,
                            name: r.name,
                            responsible: r.responsible,
                            unit: r.unit,
                            base: r.base,
                            commitment: r.commitment,
                            held: r.held,
                            manual_share: r.manual_share,
                        },
                        $($own: r.$own,)*
                    })
                }
            }
        };
    };
}

/// The decomposition tree: county → industries → enterprises → projects (层层分解).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Tree {
    #[serde(default)]
    pub rule: SplitRule,
    /// Shared, so that a copy of the scenario (undo, the plan's own copy) costs a pointer
    /// per industry and an edit copies only the industry it changes.
    pub industries: Vec<Arc<Industry>>,
}

impl Tree {
    /// The industry at `i`, copied first if another scenario still shares it.
    pub fn industry_mut(&mut self, i: usize) -> &mut Industry {
        Arc::make_mut(&mut self.industries[i])
    }

    /// Every industry, each copied first if shared.
    pub fn industries_mut(&mut self) -> impl Iterator<Item = &mut Industry> {
        self.industries.iter_mut().map(Arc::make_mut)
    }

    /// Visit every node to change it, in the tree's order (industry, its enterprises, each
    /// with its projects); every industry is copied first if shared.
    pub fn for_each_node_mut(&mut self, mut f: impl FnMut(&mut NodeData)) {
        for industry in self.industries_mut() {
            f(&mut industry.node);
            for enterprise in &mut industry.enterprises {
                f(&mut enterprise.node);
                for project in &mut enterprise.projects {
                    f(&mut project.node);
                }
            }
        }
    }
}

/// 行业
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Industry {
    #[serde(flatten)]
    pub node: NodeData,
    pub rule: SplitRule,
    pub enterprises: Vec<Enterprise>,
}

node_json!(Industry expecting "struct Industry" {
    #[serde(default)]
    rule: SplitRule,
    #[serde(default)]
    enterprises: Vec<Enterprise>,
});

/// 企业
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Enterprise {
    #[serde(flatten)]
    pub node: NodeData,
    #[serde(skip_serializing_if = "SplitRule::is_default")]
    pub rule: SplitRule,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
}

node_json!(Enterprise expecting "struct Enterprise" {
    #[serde(default)]
    rule: SplitRule,
    #[serde(default)]
    projects: Vec<Project>,
});

/// 重点项目
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Project {
    #[serde(flatten)]
    pub node: NodeData,
}

node_json!(Project expecting "struct Project" {});

/// Where a node is in the scenario's tree: its industry, enterprise and project indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct NodePath {
    pub industry: Option<usize>,
    pub enterprise: Option<usize>,
    pub project: Option<usize>,
}

impl Scenario {
    /// Where the node with this id is. The one place that finds a node by id.
    pub fn locate(&self, id: u64) -> Option<NodePath> {
        for (i, industry) in self.tree.industries.iter().enumerate() {
            let at = |e: Option<usize>, p: Option<usize>| NodePath {
                industry: Some(i),
                enterprise: e,
                project: p,
            };
            if industry.node.id == id {
                return Some(at(None, None));
            }
            for (e, enterprise) in industry.enterprises.iter().enumerate() {
                if enterprise.node.id == id {
                    return Some(at(Some(e), None));
                }
                if let Some(p) = enterprise.projects.iter().position(|p| p.node.id == id) {
                    return Some(at(Some(e), Some(p)));
                }
            }
        }
        None
    }

    /// The node at a path.
    pub fn node_at(&self, path: &NodePath) -> Option<&NodeData> {
        let industry = self.tree.industries.get(path.industry?)?;
        let Some(e) = path.enterprise else {
            return Some(&industry.node);
        };
        let enterprise = industry.enterprises.get(e)?;
        match path.project {
            None => Some(&enterprise.node),
            Some(p) => enterprise.projects.get(p).map(|p| &p.node),
        }
    }

    /// The node with this id, anywhere in the tree.
    pub fn node(&self, id: u64) -> Option<&NodeData> {
        self.node_at(&self.locate(id)?)
    }

    /// The node with this id, to change; only the industry holding it is copied out of a
    /// shared tree.
    pub fn node_mut(&mut self, id: u64) -> Option<&mut NodeData> {
        let path = self.locate(id)?;
        let industry = self.tree.industry_mut(path.industry?);
        Some(match (path.enterprise, path.project) {
            (None, _) => &mut industry.node,
            (Some(e), None) => &mut industry.enterprises.get_mut(e)?.node,
            (Some(e), Some(p)) => &mut industry.enterprises.get_mut(e)?.projects.get_mut(p)?.node,
        })
    }

    pub fn indicator(&self, indicator: Indicator) -> Option<&IndicatorInput> {
        self.indicators.iter().find(|i| i.indicator == indicator)
    }

    pub fn indicator_mut(&mut self, indicator: Indicator) -> Option<&mut IndicatorInput> {
        self.indicators
            .iter_mut()
            .find(|i| i.indicator == indicator)
    }

    pub fn base_year(&self) -> i32 {
        self.plan_year.saturating_sub(1)
    }

    /// The scenario as it is written: with the oldest format that holds it (3 with actuals or
    /// a price index, else 2). A copy costs a pointer per industry.
    pub fn written(&self) -> Scenario {
        let mut s = self.clone();
        let needs_3 = s.actuals.is_some()
            || s.indicators.iter().any(|i| {
                i.price_index.is_some()
                    || i.base_months.is_some()
                    || !no_month_shares(&i.month_shares)
            })
            || s.gdp
                .as_ref()
                .is_some_and(|g| g.gdp_price_index.is_some() || g.va_price_index.is_some());
        s.schema_version = if needs_3 { 3 } else { 2 };
        s
    }

    /// The largest node id in use, so that new nodes get fresh ones.
    pub fn max_node_id(&self) -> u64 {
        let mut max = 0;
        for industry in &self.tree.industries {
            max = max.max(industry.node.id);
            for enterprise in &industry.enterprises {
                max = max.max(enterprise.node.id);
                for project in &enterprise.projects {
                    max = max.max(project.node.id);
                }
            }
        }
        max
    }
}

#[cfg(test)]
mod tests {
    /// The keys the controls send are the ones serde writes.
    #[test]
    fn keys_are_the_serialized_names() {
        for m in super::SplitMethod::ALL {
            assert_eq!(
                serde_json::to_string(&m).unwrap(),
                format!("\"{}\"", m.key())
            );
            assert_eq!(super::SplitMethod::from_key(m.key()), Some(m));
        }
        for u in super::AmountUnit::ALL {
            assert_eq!(
                serde_json::to_string(&u).unwrap(),
                format!("\"{}\"", u.key())
            );
            assert_eq!(super::AmountUnit::from_key(u.key()), Some(u));
        }
        assert_eq!(super::SplitMethod::from_key("share"), None);
    }

    use super::*;

    fn dec(s: &str) -> Dec {
        s.parse().unwrap()
    }

    #[test]
    fn a_node_is_one_object_with_its_levels_fields() {
        let text = r#"{"id":3,"name":"甲厂","responsible":"张三","base":{"output":"1.5"},"held":{"output":"0.5"},"rule":{"method":"equal","spread_gap":true},"projects":[{"id":4,"name":"一号线","base":{"investment":"0.2"},"manual_share":"0.25"}]}"#;
        let e: Enterprise = serde_json::from_str(text).unwrap();
        assert_eq!((e.node.id, e.node.name.as_str()), (3, "甲厂"));
        assert_eq!(e.node.responsible, "张三");
        assert_eq!(e.node.base.get(Indicator::Output), Some(dec("1.5")));
        assert_eq!(e.node.held.get(Indicator::Output), Some(dec("0.5")));
        assert!(e.node.commitment.is_empty());
        let rule = SplitRule {
            method: SplitMethod::Equal,
            spread_gap: true,
        };
        assert_eq!(e.rule, rule);
        assert_eq!(e.projects.len(), 1);
        assert_eq!(e.projects[0].node.manual_share, Some(dec("0.25")));
        assert_eq!(
            e.projects[0].node.base.get(Indicator::Investment),
            Some(dec("0.2"))
        );
        // Written back field for field, in the same order.
        assert_eq!(serde_json::to_string(&e).unwrap(), text);
        // Numbers as version 1 wrote them read as the same decimals.
        let v1 = text.replace("\"1.5\"", "1.5").replace("\"0.25\"", "0.25");
        let old: Enterprise = serde_json::from_str(&v1).unwrap();
        assert_eq!(old, e);
    }

    #[test]
    fn a_node_reads_leniently_but_not_blindly() {
        // Unknown fields are ignored and missing optional ones take their defaults.
        let p: Project = serde_json::from_str(r#"{"id":9,"name":"x","note":"?"}"#).unwrap();
        let bare = NodeData {
            id: 9,
            name: "x".into(),
            ..NodeData::default()
        };
        assert_eq!(p.node, bare);
        let i: Industry = serde_json::from_str(r#"{"id":9,"name":"x"}"#).unwrap();
        assert_eq!((i.rule, i.enterprises.len()), (SplitRule::default(), 0));
        // A missing id, or an indicator this version does not know, is an error that names it.
        let no_id = serde_json::from_str::<Industry>(r#"{"name":"x"}"#).unwrap_err();
        assert!(no_id.to_string().contains("missing field `id`"), "{no_id}");
        let not_a_node = serde_json::from_str::<Enterprise>(r#""x""#).unwrap_err();
        assert!(
            not_a_node
                .to_string()
                .contains("expected struct Enterprise"),
            "{not_a_node}"
        );
        let unknown =
            serde_json::from_str::<Project>(r#"{"id":1,"name":"x","base":{"gdp":1}}"#).unwrap_err();
        assert!(
            unknown.to_string().contains("unknown variant `gdp`"),
            "{unknown}"
        );
    }
}
