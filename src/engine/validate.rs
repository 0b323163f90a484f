//! Validation of the inputs, every problem at once. Faults that only the split can find
//! (over-allocation, a fully held group that does not add up) are reported by the plan.

use super::error::ScenarioError;
use super::indicator::{Indicator, Values};
use super::scenario::{Industry, NodeData, Scenario, TargetSpec};

/// The largest amount accepted, in 亿元 (a hundred quadrillion yuan): far above any county,
/// far below where display units (0.01万元 in an i64) would overflow.
pub const MAX_AMOUNT: f64 = 1e9;

/// The most enterprises a scenario may hold: well above the largest county, and small enough
/// that every edit still re-plans in a blink.
pub const MAX_ENTERPRISES: usize = 20_000;
/// The most key projects.
pub const MAX_PROJECTS: usize = 100_000;
/// The longest name kept (characters): names, people, units, the scenario and the county.
pub const MAX_NAME_CHARS: usize = 200;

/// The first size bound a scenario breaks, if any: checked before anything else, so that a
/// hostile file is refused before it costs time or storage.
pub fn size_problem(s: &Scenario) -> Option<ScenarioError> {
    size_problem_of(s, TreeCheck::All)
}

/// How much of the tree to validate.
#[derive(Clone, Copy)]
pub(crate) enum TreeCheck<'a> {
    /// Everything.
    All,
    /// Only these industries' nodes: the rest of the tree, its shape and its ids are those
    /// of a tree known to be valid.
    Only(&'a [usize]),
}

impl TreeCheck<'_> {
    fn covers(self, industry: usize) -> bool {
        match self {
            TreeCheck::All => true,
            TreeCheck::Only(list) => list.contains(&industry),
        }
    }
}

fn size_problem_of(s: &Scenario, check: TreeCheck) -> Option<ScenarioError> {
    if let TreeCheck::Only(_) = check {
        return names_problem(s, check);
    }
    let enterprises: usize = s.tree.industries.iter().map(|i| i.enterprises.len()).sum();
    if enterprises > MAX_ENTERPRISES {
        return Some(ScenarioError::error(
            "tree",
            format!("企业太多（{enterprises} 家，上限 {MAX_ENTERPRISES} 家）"),
            format!("too many enterprises ({enterprises}, at most {MAX_ENTERPRISES})"),
        ));
    }
    let projects: usize = s
        .tree
        .industries
        .iter()
        .flat_map(|i| &i.enterprises)
        .map(|e| e.projects.len())
        .sum();
    if projects > MAX_PROJECTS {
        return Some(ScenarioError::error(
            "tree",
            format!("项目太多（{projects} 个，上限 {MAX_PROJECTS} 个）"),
            format!("too many projects ({projects}, at most {MAX_PROJECTS})"),
        ));
    }
    names_problem(s, check)
}

/// The first name over [`MAX_NAME_CHARS`]: the scenario's own, the parks', then (when asked)
/// the tree's.
fn names_problem(s: &Scenario, check: TreeCheck) -> Option<ScenarioError> {
    // Bytes bound characters from above: most names are decided without counting.
    let too_long = |x: &str| x.len() > MAX_NAME_CHARS && x.chars().count() > MAX_NAME_CHARS;
    let long_node = |n: &NodeData| {
        [&n.name, &n.responsible, &n.unit]
            .into_iter()
            .any(|x| too_long(x))
    };
    let mut path = [("name", &s.name), ("county", &s.county)]
        .into_iter()
        .find(|(_, x)| too_long(x))
        .map(|(p, _)| p.to_string());
    if path.is_none() {
        path = s
            .parks
            .iter()
            .position(|p| too_long(&p.name))
            .map(|i| format!("parks[{i}].name"));
    }
    'tree: for (ii, ind) in s.tree.industries.iter().enumerate() {
        if path.is_some() {
            break;
        }
        if !check.covers(ii) {
            continue;
        }
        if long_node(&ind.node) {
            path = Some(format!("tree.industries[{ii}]"));
            break;
        }
        for (ei, e) in ind.enterprises.iter().enumerate() {
            if long_node(&e.node) {
                path = Some(format!("tree.industries[{ii}].enterprises[{ei}]"));
                break 'tree;
            }
            if let Some(pi) = e.projects.iter().position(|p| long_node(&p.node)) {
                path = Some(format!(
                    "tree.industries[{ii}].enterprises[{ei}].projects[{pi}]"
                ));
                break 'tree;
            }
        }
    }
    let path = path?;
    Some(ScenarioError::error(
        &path,
        format!("名称超过 {MAX_NAME_CHARS} 个字"),
        format!("a name is longer than {MAX_NAME_CHARS} characters"),
    ))
}

/// Shares must add up to 100% within this (0.0001 percentage points).
pub const SHARE_SUM_TOLERANCE: f64 = 1e-6;

pub fn validate(s: &Scenario) -> Vec<ScenarioError> {
    validate_inputs(s, TreeCheck::All)
}

/// [`validate`], checking only part of the tree when the caller knows the rest is valid
/// (every tree check reads the tree alone, and a tree only gives errors, never warnings).
pub(crate) fn validate_inputs(s: &Scenario, check: TreeCheck) -> Vec<ScenarioError> {
    if let Some(e) = size_problem_of(s, check) {
        return vec![e];
    }
    let mut v = Validator::default();
    v.scenario(s);
    match check {
        TreeCheck::All => v.tree(s),
        TreeCheck::Only(list) => v.industries(s, list),
    }
    v.errors
}

#[derive(Default)]
struct Validator {
    errors: Vec<ScenarioError>,
}

impl Validator {
    fn push(&mut self, e: ScenarioError) {
        self.errors.push(e);
    }

    /// A finite, non-negative amount.
    fn amount(&mut self, path: &str, value: f64) {
        if !value.is_finite() {
            self.push(ScenarioError::error(
                path,
                "数值无效（不是有限数）",
                "not a finite number",
            ));
        } else if value < 0.0 {
            self.push(ScenarioError::error(
                path,
                "不能为负数",
                "must not be negative",
            ));
        } else if value > MAX_AMOUNT {
            self.push(ScenarioError::error(
                path,
                "数值过大（超过 10 亿亿元）",
                "too large (above 10^9 × 100M CNY)",
            ));
        }
    }

    /// A fraction in [0, 1].
    fn fraction(&mut self, path: &str, value: f64) {
        if !value.is_finite() || !(0.0..=1.0).contains(&value) {
            self.push(ScenarioError::error(
                path,
                "应在 0% 到 100% 之间",
                "must be between 0% and 100%",
            ));
        }
    }

    fn shares(&mut self, path: &str, shares: &[f64; 4]) {
        let before = self.errors.len();
        for (q, &s) in shares.iter().enumerate() {
            self.fraction(&format!("{path}[{q}]"), s);
        }
        if self.errors.len() == before {
            let sum: f64 = shares.iter().sum();
            if (sum - 1.0).abs() > SHARE_SUM_TOLERANCE {
                self.push(ScenarioError::error(
                    path,
                    format!(
                        "四个季度占比合计 {}%，应为 100%",
                        super::format::trimmed(sum * 100.0, 4)
                    ),
                    format!(
                        "the four quarterly shares add up to {}%, not 100%",
                        super::format::trimmed(sum * 100.0, 4)
                    ),
                ));
            }
        }
    }

    fn target(&mut self, path: &str, base: f64, spec: TargetSpec) {
        match spec {
            TargetSpec::Amount(t) => self.amount(path, t),
            TargetSpec::Growth(g) => {
                if !g.is_finite() || !(-1.0..=1000.0).contains(&g) {
                    self.push(ScenarioError::error(
                        path,
                        "增长率无效（应在 -100% 到 100000% 之间）",
                        "invalid growth rate (must be between -100% and 100000%)",
                    ));
                } else if base.is_finite() && base <= 0.0 {
                    self.push(zero_base(path));
                }
            }
            TargetSpec::Multiple(m) => {
                if !m.is_finite() || !(0.0..=1000.0).contains(&m) {
                    self.push(ScenarioError::error(path, "倍数无效", "invalid multiple"));
                } else if base.is_finite() && base <= 0.0 {
                    self.push(zero_base(path));
                }
            }
        }
    }

    fn scenario(&mut self, s: &Scenario) {
        if !(1900..=2200).contains(&s.plan_year) {
            self.push(ScenarioError::error(
                "plan_year",
                "计划年份应在 1900 到 2200 之间",
                "the plan year must be between 1900 and 2200",
            ));
        }
        self.shares("quarter_shares", &s.quarter_shares);
        if let Some(days) = s.quarter_days {
            let calendar = super::calendar::quarter_days(s.plan_year);
            for q in 0..4 {
                if days[q] == 0 || days[q] > calendar[q] {
                    self.push(ScenarioError::error(
                        format!("quarter_days[{q}]"),
                        format!("天数应在 1 到 {} 之间", calendar[q]),
                        format!("days must be between 1 and {}", calendar[q]),
                    ));
                }
            }
        }

        for (i, input) in s.indicators.iter().enumerate() {
            let path = format!("indicators[{i}]");
            if s.indicators[..i]
                .iter()
                .any(|other| other.indicator == input.indicator)
            {
                self.push(ScenarioError::error(
                    format!("{path}.indicator"),
                    format!("指标“{}”重复", input.indicator.zh()),
                    format!("indicator “{}” appears twice", input.indicator.en()),
                ));
            }
            self.amount(&format!("{path}.base_actual"), input.base_actual);
            if let Some(plan) = input.last_year_plan {
                self.amount(&format!("{path}.last_year_plan"), plan);
            }
            if let Some(quarters) = input.base_quarters {
                for (q, &b) in quarters.iter().enumerate() {
                    self.amount(&format!("{path}.base_quarters[{q}]"), b);
                }
            }
            self.target(&format!("{path}.target"), input.base_actual, input.target);
            if let Some(shares) = &input.quarter_shares {
                self.shares(&format!("{path}.quarter_shares"), shares);
            }
        }

        if let Some(gdp) = &s.gdp {
            self.amount("gdp.gdp_base", gdp.gdp_base);
            self.target("gdp.gdp_target", gdp.gdp_base, gdp.gdp_target);
            self.amount("gdp.industry_va_base", gdp.industry_va_base);
            self.target(
                "gdp.industry_va_target",
                gdp.industry_va_base,
                gdp.industry_va_target,
            );
            if gdp.gdp_base <= 0.0 {
                self.push(ScenarioError::error(
                    "gdp.gdp_base",
                    "GDP 基数应大于零",
                    "base GDP must be above zero",
                ));
            }
            if let Some(share) = gdp.target_share {
                self.fraction("gdp.target_share", share);
            }
        }

        if let Some(f) = &s.five_year {
            if f.end_year <= f.base_year {
                self.push(ScenarioError::error(
                    "five_year.end_year",
                    "规划期为零年：终止年份应晚于基期年份",
                    "a horizon of zero years: the end year must come after the base year",
                ));
            } else if i64::from(f.end_year) - i64::from(f.base_year) > 50 {
                self.push(ScenarioError::error(
                    "five_year.end_year",
                    "规划期不能超过 50 年",
                    "the horizon cannot exceed 50 years",
                ));
            }
            self.amount("five_year.base", f.base);
            self.target("five_year.target", f.base, f.target);
            if f.base <= 0.0 && f.base.is_finite() {
                self.push(zero_base("five_year.base"));
            }
            if let Some(gdp) = f.gdp_base {
                self.amount("five_year.gdp_base", gdp);
                if gdp <= 0.0 {
                    self.push(ScenarioError::error(
                        "five_year.gdp_base",
                        "GDP 基数应大于零",
                        "base GDP must be above zero",
                    ));
                }
            }
            if let Some(g) = f.gdp_growth {
                if !g.is_finite() || g <= -1.0 {
                    self.push(ScenarioError::error(
                        "five_year.gdp_growth",
                        "GDP 增速无效",
                        "invalid GDP growth rate",
                    ));
                }
            }
            if let Some(share) = f.target_share {
                self.fraction("five_year.target_share", share);
            }
        }

        if let Some(ratio) = s.sales_ratio_target {
            if !ratio.is_finite() || !(0.0..=2.0).contains(&ratio) {
                self.push(ScenarioError::error(
                    "sales_ratio_target",
                    "产销率应在 0% 到 200% 之间",
                    "the sales-to-output ratio must be between 0% and 200%",
                ));
            }
        }
        if let Some(rate) = s.projects.q1_start_rate {
            self.fraction("projects.q1_start_rate", rate);
        }
        for (i, park) in s.parks.iter().enumerate() {
            self.fraction(&format!("parks[{i}].share_target"), park.share_target);
            if let Some(b) = park.base_output {
                self.amount(&format!("parks[{i}].base_output"), b);
            }
        }
        if let Some(t) = s.fleet_threshold {
            if !t.is_finite() || t <= 0.0 {
                self.push(ScenarioError::error(
                    "fleet_threshold",
                    "企业舰队门槛应大于零",
                    "the fleet threshold must be above zero",
                ));
            }
        }
    }

    fn tree(&mut self, s: &Scenario) {
        if s.tree.industries.is_empty() {
            self.push(ScenarioError::error(
                "tree.industries",
                "分解树为空：至少需要一个行业",
                "the decomposition tree is empty: add at least one industry",
            ));
        }
        let nodes: usize = s
            .tree
            .industries
            .iter()
            .map(|i| {
                1 + i
                    .enterprises
                    .iter()
                    .map(|e| 1 + e.projects.len())
                    .sum::<usize>()
            })
            .sum();
        let mut ids = IdSet::new(s, nodes);
        for (i, industry) in s.tree.industries.iter().enumerate() {
            self.industry(i, industry, &mut ids);
        }
    }

    /// The nodes of these industries, ids aside (their ids are those of a valid tree).
    fn industries(&mut self, s: &Scenario, list: &[usize]) {
        for &i in list {
            if let Some(industry) = s.tree.industries.get(i) {
                self.industry(i, industry, &mut IdSet::Unchecked);
            }
        }
    }

    /// Industry `i` and everything under it.
    fn industry(&mut self, i: usize, industry: &Industry, ids: &mut IdSet) {
        // Paths are built only for a node with a problem: a large tree is mostly fine.
        self.node(|| format!("tree.industries[{i}]"), &industry.node, ids);
        for (e, enterprise) in industry.enterprises.iter().enumerate() {
            self.node(
                || format!("tree.industries[{i}].enterprises[{e}]"),
                &enterprise.node,
                ids,
            );
            for (p, project) in enterprise.projects.iter().enumerate() {
                self.node(
                    || format!("tree.industries[{i}].enterprises[{e}].projects[{p}]"),
                    &project.node,
                    ids,
                );
            }
        }
    }

    fn node(&mut self, path: impl Fn() -> String, node: &NodeData, ids: &mut IdSet) {
        if !ids.insert(node.id) {
            self.push(ScenarioError::error(
                format!("{}.id", path()),
                format!("编号 {} 重复", node.id),
                format!("id {} is used twice", node.id),
            ));
        }
        let ok = |x: f64| x.is_finite() && (0.0..=MAX_AMOUNT).contains(&x);
        let fine = |v: &Values| v.0.iter().flatten().all(|&x| ok(x));
        let share_fine = node.manual_share.is_none_or(ok);
        if fine(&node.base) && fine(&node.commitment) && fine(&node.held) && share_fine {
            return;
        }
        let path = path();
        self.values(&format!("{path}.base"), &node.base);
        self.values(&format!("{path}.commitment"), &node.commitment);
        self.values(&format!("{path}.held"), &node.held);
        if let Some(share) = node.manual_share {
            self.amount(&format!("{path}.manual_share"), share);
        }
    }

    fn values(&mut self, path: &str, values: &Values) {
        for indicator in Indicator::ALL {
            if let Some(v) = values.get(indicator) {
                self.amount(&format!("{path}.{}", indicator.key()), v);
            }
        }
    }
}

/// The ids seen so far. Ids are handed out in sequence, so a bit per possible id is usually
/// the smallest and fastest set; a sparse range falls back to hashing.
enum IdSet {
    Bits(Vec<u64>),
    Hashed(std::collections::HashSet<u64>),
    /// Ids known to be unique.
    Unchecked,
}

impl IdSet {
    fn new(s: &Scenario, nodes: usize) -> Self {
        let max = s.max_node_id();
        if max <= (nodes as u64).saturating_mul(8).saturating_add(4096) {
            IdSet::Bits(vec![0; max as usize / 64 + 1])
        } else {
            IdSet::Hashed(std::collections::HashSet::with_capacity(nodes))
        }
    }

    /// False when the id was already there.
    fn insert(&mut self, id: u64) -> bool {
        match self {
            IdSet::Bits(words) => {
                let (word, bit) = ((id / 64) as usize, 1u64 << (id % 64));
                let fresh = words[word] & bit == 0;
                words[word] |= bit;
                fresh
            }
            IdSet::Hashed(set) => set.insert(id),
            IdSet::Unchecked => true,
        }
    }
}

fn zero_base(path: &str) -> ScenarioError {
    ScenarioError::error(
        path,
        "基数为零，无法按增长率或倍数计算目标；请直接填写目标金额",
        "the base is zero, so a growth rate or multiple gives no target; enter the amount",
    )
}
