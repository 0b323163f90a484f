//! Validation of the inputs, every problem at once. Faults that only the split can find
//! (over-allocation, a fully held group that does not add up) are reported by the plan.

use super::error::ScenarioError;
use super::field::Field;
use super::field::{FiveYearField, GdpField, IndicatorField, NodeField, Setting};
use super::indicator::Indicator;
use super::num::{Dec, AMOUNT_PLACES, RATE_PLACES};
use super::scenario::{Industry, NodeData, Scenario, TargetSpec};

/// The largest amount accepted, in 亿元 (a hundred quadrillion yuan): far above any county,
/// far below where display units (0.01万元 in an i64) would overflow.
pub const MAX_AMOUNT: Dec = Dec::int(1_000_000_000);
/// The largest growth rate or multiple accepted (100,000%, a thousand times).
pub const MAX_RATE: Dec = Dec::int(1_000);
/// The plan years accepted.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

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
            Field::Tree,
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
            Field::Tree,
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
        [
            (&n.name, NodeField::Name),
            (&n.responsible, NodeField::Responsible),
            (&n.unit, NodeField::Unit),
        ]
        .into_iter()
        .find(|(x, _)| too_long(x))
        .map(|(_, f)| Field::Node(n.id, f))
    };
    let mut field = [
        (&s.name, Field::Setting(Setting::Name)),
        (&s.county, Field::Setting(Setting::County)),
    ]
    .into_iter()
    .find(|(x, _)| too_long(x))
    .map(|(_, f)| f);
    if field.is_none() {
        field = s
            .parks
            .iter()
            .position(|p| too_long(&p.name))
            .map(Field::ParkName);
    }
    'tree: for (ii, ind) in s.tree.industries.iter().enumerate() {
        if field.is_some() {
            break;
        }
        if !check.covers(ii) {
            continue;
        }
        if let Some(f) = long_node(&ind.node) {
            field = Some(f);
            break;
        }
        for e in &ind.enterprises {
            if let Some(f) = long_node(&e.node) {
                field = Some(f);
                break 'tree;
            }
            if let Some(f) = e.projects.iter().find_map(|p| long_node(&p.node)) {
                field = Some(f);
                break 'tree;
            }
        }
    }
    Some(ScenarioError::error(
        field?,
        format!("名称超过 {MAX_NAME_CHARS} 个字"),
        format!("a name is longer than {MAX_NAME_CHARS} characters"),
    ))
}

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

    /// A non-negative amount within range, kept to the yuan.
    fn amount(&mut self, field: Field, value: Dec) {
        if let Some((zh, en)) = amount_problem(value) {
            self.push(ScenarioError::error(field, zh, en));
        }
    }

    /// A fraction in [0, 1] with at most six places.
    fn fraction(&mut self, field: Field, value: Dec) {
        if value.is_negative() || value > Dec::ONE {
            self.push(ScenarioError::error(
                field,
                "应在 0% 到 100% 之间",
                "must be between 0% and 100%",
            ));
        } else if !value.fits(RATE_PLACES) {
            self.push(rate_places(field));
        }
    }

    fn shares(&mut self, each: impl Fn(usize) -> Field, all: Field, shares: &[Dec; 4]) {
        let before = self.errors.len();
        for (q, &s) in shares.iter().enumerate() {
            self.fraction(each(q), s);
        }
        if self.errors.len() == before {
            let sum: Dec = shares.iter().sum();
            if sum != Dec::ONE {
                let percent = super::format::rate_text(sum);
                self.push(ScenarioError::error(
                    all,
                    format!("四个季度占比合计 {percent}%，应为 100%"),
                    format!("the four quarterly shares add up to {percent}%, not 100%"),
                ));
            }
        }
    }

    fn target(&mut self, field: Field, base: Dec, spec: TargetSpec) {
        match spec {
            TargetSpec::Amount(t) => self.amount(field, t),
            TargetSpec::Growth(g) => {
                if g < -Dec::ONE || g > MAX_RATE {
                    self.push(ScenarioError::error(
                        field,
                        "增长率无效（应在 -100% 到 100000% 之间）",
                        "invalid growth rate (must be between -100% and 100000%)",
                    ));
                } else if !g.fits(RATE_PLACES) {
                    self.push(rate_places(field));
                } else if !base.is_positive() {
                    self.push(zero_base(field));
                }
            }
            TargetSpec::Multiple(m) => {
                if m.is_negative() || m > MAX_RATE {
                    self.push(ScenarioError::error(field, "倍数无效", "invalid multiple"));
                } else if !m.fits(RATE_PLACES) {
                    self.push(rate_places(field));
                } else if !base.is_positive() {
                    self.push(zero_base(field));
                }
            }
        }
    }

    /// Actuals to date: not negative, within the amounts accepted, and not below the
    /// cumulative at the end of the quarter before (a cumulative figure only grows).
    fn actuals(&mut self, a: &super::scenario::Actuals) {
        let one = |field: Field, v: Dec, what: (&str, &str)| {
            if v.is_negative() {
                Some(ScenarioError::error(
                    field,
                    format!("{}不能为负数", what.0),
                    format!("{} must not be negative", what.1),
                ))
            } else if v > MAX_AMOUNT {
                Some(ScenarioError::error(
                    field,
                    format!("{}超出可接受的范围", what.0),
                    format!("{} is beyond the amounts accepted", what.1),
                ))
            } else {
                None
            }
        };
        let mut found = Vec::new();
        if !a.period.is_valid() {
            found.push(ScenarioError::error(
                Field::Actual(None, Indicator::Output),
                "统计期应为 1–2月 或 3月至12月",
                "the period reported must be Jan–Feb or a month from March to December",
            ));
        }
        for k in Indicator::ALL {
            if let Some(v) = a.county.get(k) {
                found.extend(one(
                    Field::Actual(None, k),
                    v,
                    ("累计实际", "the actual to date"),
                ));
            }
            if let Some(v) = a.county_before_quarter.get(k) {
                found.extend(one(
                    Field::Actual(None, k),
                    v,
                    ("上季度末累计", "the cumulative at the quarter before"),
                ));
            }
            if let Some(v) = a.county_last_year.get(k) {
                found.extend(one(
                    Field::Actual(None, k),
                    v,
                    ("上年同期累计", "last year's same period"),
                ));
            }
            for (&id, values) in &a.nodes {
                if let Some(v) = values.get(k) {
                    found.extend(one(
                        Field::Actual(Some(id), k),
                        v,
                        ("累计实际", "the actual to date"),
                    ));
                }
            }
            for (&id, values) in &a.nodes_last_year {
                if let Some(v) = values.get(k) {
                    found.extend(one(
                        Field::Actual(Some(id), k),
                        v,
                        ("上年同期累计", "last year's same period"),
                    ));
                }
            }
            for (&id, values) in &a.nodes_before_quarter {
                if let Some(v) = values.get(k) {
                    found.extend(one(
                        Field::Actual(Some(id), k),
                        v,
                        ("上季度末累计", "the cumulative at the quarter before"),
                    ));
                    if a.nodes
                        .get(&id)
                        .and_then(|n| n.get(k))
                        .is_some_and(|now| now < v)
                    {
                        found.push(ScenarioError::error(
                            Field::Actual(Some(id), k),
                            "累计实际小于上季度末的累计：累计数只会增加，请检查",
                            "the actual to date is below the cumulative at the end of the quarter before: a cumulative figure only grows",
                        ));
                    }
                }
            }
            if let (Some(now), Some(before)) = (a.county.get(k), a.county_before_quarter.get(k)) {
                if now < before {
                    self.push(ScenarioError::error(
                        Field::Actual(None, k),
                        "累计实际小于上季度末的累计：累计数只会增加，请检查",
                        "the actual to date is below the cumulative at the end of the quarter before: a cumulative figure only grows",
                    ));
                }
            }
        }
        found.into_iter().for_each(|e| self.push(e));
    }

    fn scenario(&mut self, s: &Scenario) {
        if !YEARS.contains(&s.plan_year) {
            self.push(ScenarioError::error(
                Field::Setting(Setting::PlanYear),
                format!("计划年份应在 {} 到 {} 之间", YEARS.start(), YEARS.end()),
                format!(
                    "the plan year must be between {} and {}",
                    YEARS.start(),
                    YEARS.end()
                ),
            ));
        }
        self.shares(Field::QuarterShare, Field::QuarterShares, &s.quarter_shares);
        if let Some(a) = &s.actuals {
            self.actuals(a);
        }
        if let Some(days) = s.quarter_days {
            let calendar = super::calendar::quarter_days(s.plan_year);
            for q in 0..4 {
                if days[q] == 0 || days[q] > calendar[q] {
                    self.push(ScenarioError::error(
                        Field::QuarterDays(q),
                        format!("天数应在 1 到 {} 之间", calendar[q]),
                        format!("days must be between 1 and {}", calendar[q]),
                    ));
                }
            }
        }

        for (i, input) in s.indicators.iter().enumerate() {
            let k = input.indicator;
            let at = |f: IndicatorField| Field::Indicator(k, f);
            if s.indicators[..i].iter().any(|other| other.indicator == k) {
                self.push(ScenarioError::error(
                    at(IndicatorField::Listed),
                    format!("指标“{}”重复", k.zh()),
                    format!("indicator “{}” appears twice", k.en()),
                ));
            }
            self.amount(at(IndicatorField::BaseActual), input.base_actual);
            if let Some(plan) = input.last_year_plan {
                self.amount(at(IndicatorField::LastYearPlan), plan);
            }
            if let Some(before) = input.year_before_actual {
                self.amount(at(IndicatorField::YearBeforeActual), before);
            }
            if let Some(quarters) = input.base_quarters {
                for (q, &b) in quarters.iter().enumerate() {
                    self.amount(at(IndicatorField::BaseQuarter(q)), b);
                }
            }
            if let Some(months) = input.base_months {
                for (m, &v) in months.iter().enumerate() {
                    self.amount(at(IndicatorField::BaseMonth(m)), v);
                }
            }
            if let Some(index) = input.price_index {
                if !index.is_positive() || index > Dec::int(10) {
                    self.push(ScenarioError::error(
                        at(IndicatorField::PriceIndex),
                        "价格指数应大于 0、不超过 10（上年 = 1，如 1.03 表示价格上涨 3%）",
                        "a price index is above 0 and at most 10 (last year = 1; 1.03 means prices up 3%)",
                    ));
                }
            }
            self.target(at(IndicatorField::Target), input.base_actual, input.target);
            let quarter_shares = input.quarter_shares.unwrap_or(s.quarter_shares);
            for (q, months) in input.month_shares.iter().enumerate() {
                let Some(months) = months else { continue };
                let before = self.errors.len();
                for (i, &m) in months.iter().enumerate() {
                    self.fraction(at(IndicatorField::MonthShare(q * 3 + i)), m);
                }
                let sum: Dec = months.iter().sum();
                if self.errors.len() == before && sum != quarter_shares[q] {
                    let (z, e) = [("一", "Q1"), ("二", "Q2"), ("三", "Q3"), ("四", "Q4")][q];
                    let (sum, want) = (
                        super::format::rate_text(sum),
                        super::format::rate_text(quarter_shares[q]),
                    );
                    let diff = months.iter().sum::<Dec>() - quarter_shares[q];
                    let (more_zh, more_en) = if diff.is_positive() {
                        ("多", "over")
                    } else {
                        ("少", "under")
                    };
                    let off = super::format::rate_text(diff.abs());
                    self.push(ScenarioError::error(
                        at(IndicatorField::MonthShares(q)),
                        format!("{z}季度各月占比合计 {sum}%，应等于该季度占比 {want}%（{more_zh} {off} 个百分点）"),
                        format!("the months of {e} add up to {sum}%, not the quarter's {want}% ({off} points {more_en})"),
                    ));
                }
            }
            if let Some(shares) = &input.quarter_shares {
                self.shares(
                    |q| Field::Indicator(k, IndicatorField::QuarterShare(q)),
                    at(IndicatorField::QuarterShares),
                    shares,
                );
            }
        }

        if let Some(gdp) = &s.gdp {
            let f = Field::Gdp;
            self.amount(f(GdpField::GdpBase), gdp.gdp_base);
            self.target(f(GdpField::GdpTarget), gdp.gdp_base, gdp.gdp_target);
            self.amount(f(GdpField::IndustryVaBase), gdp.industry_va_base);
            self.target(
                f(GdpField::IndustryVaTarget),
                gdp.industry_va_base,
                gdp.industry_va_target,
            );
            if !gdp.gdp_base.is_positive() {
                self.push(ScenarioError::error(
                    f(GdpField::GdpBase),
                    "GDP 基数应大于零",
                    "base GDP must be above zero",
                ));
            }
            if let Some(share) = gdp.target_share {
                self.fraction(f(GdpField::TargetShare), share);
            }
            for (field, index) in [
                (GdpField::GdpPriceIndex, gdp.gdp_price_index),
                (GdpField::VaPriceIndex, gdp.va_price_index),
            ] {
                if index.is_some_and(|i| !i.is_positive() || i > Dec::int(10)) {
                    self.push(ScenarioError::error(
                        f(field),
                        "价格指数应大于 0、不超过 10（上年 = 1，如 1.03 表示价格上涨 3%）",
                        "a price index is above 0 and at most 10 (last year = 1; 1.03 means prices up 3%)",
                    ));
                }
            }
        }

        if let Some(five) = &s.five_year {
            let f = Field::FiveYear;
            if five.end_year <= five.base_year {
                self.push(ScenarioError::error(
                    f(FiveYearField::EndYear),
                    "规划期为零年：终止年份应晚于基期年份",
                    "a horizon of zero years: the end year must come after the base year",
                ));
            } else if i64::from(five.end_year) - i64::from(five.base_year) > 50 {
                self.push(ScenarioError::error(
                    f(FiveYearField::EndYear),
                    "规划期不能超过 50 年",
                    "the horizon cannot exceed 50 years",
                ));
            }
            self.amount(f(FiveYearField::Base), five.base);
            self.target(f(FiveYearField::Target), five.base, five.target);
            if !five.base.is_positive() {
                self.push(zero_base(f(FiveYearField::Base)));
            }
            if let Some(gdp) = five.gdp_base {
                self.amount(f(FiveYearField::GdpBase), gdp);
                if !gdp.is_positive() {
                    self.push(ScenarioError::error(
                        f(FiveYearField::GdpBase),
                        "GDP 基数应大于零",
                        "base GDP must be above zero",
                    ));
                }
            }
            if let Some(g) = five.gdp_growth {
                if g <= -Dec::ONE || g > MAX_RATE {
                    self.push(ScenarioError::error(
                        f(FiveYearField::GdpGrowth),
                        "GDP 增速无效",
                        "invalid GDP growth rate",
                    ));
                } else if !g.fits(RATE_PLACES) {
                    self.push(rate_places(f(FiveYearField::GdpGrowth)));
                }
            }
            if let Some(share) = five.target_share {
                self.fraction(f(FiveYearField::TargetShare), share);
            }
        }

        if let Some(ratio) = s.sales_ratio_target {
            let field = Field::Setting(Setting::SalesRatio);
            if ratio.is_negative() || ratio > Dec::int(2) {
                self.push(ScenarioError::error(
                    field,
                    "产销率应在 0% 到 200% 之间",
                    "the sales-to-output ratio must be between 0% and 200%",
                ));
            } else if !ratio.fits(RATE_PLACES) {
                self.push(rate_places(field));
            }
        }
        if let Some(rate) = s.projects.q1_start_rate {
            self.fraction(Field::Setting(Setting::ProjectStartRate), rate);
        }
        for (i, park) in s.parks.iter().enumerate() {
            self.fraction(Field::ParkShare(i), park.share_target);
            if let Some(b) = park.base_output {
                self.amount(Field::ParkBase(i), b);
            }
        }
        if let Some(t) = s.fleet_threshold {
            let field = Field::Setting(Setting::FleetThreshold);
            if !t.is_positive() {
                self.push(ScenarioError::error(
                    field,
                    "企业舰队门槛应大于零",
                    "the fleet threshold must be above zero",
                ));
            } else {
                self.amount(field, t);
            }
        }
    }

    fn tree(&mut self, s: &Scenario) {
        if s.tree.industries.is_empty() {
            self.push(ScenarioError::error(
                Field::Tree,
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
        for industry in &s.tree.industries {
            self.industry(industry, &mut ids);
        }
    }

    /// The nodes of these industries, ids aside (their ids are those of a valid tree).
    fn industries(&mut self, s: &Scenario, list: &[usize]) {
        for &i in list {
            if let Some(industry) = s.tree.industries.get(i) {
                self.industry(industry, &mut IdSet::Unchecked);
            }
        }
    }

    /// An industry and everything under it.
    fn industry(&mut self, industry: &Industry, ids: &mut IdSet) {
        self.node(&industry.node, ids);
        for enterprise in &industry.enterprises {
            self.node(&enterprise.node, ids);
            for project in &enterprise.projects {
                self.node(&project.node, ids);
            }
        }
    }

    fn node(&mut self, node: &NodeData, ids: &mut IdSet) {
        if !ids.insert(node.id) {
            self.push(ScenarioError::error(
                Field::Node(node.id, NodeField::Id),
                format!("{}：编号 {} 重复", node.name, node.id),
                format!("{}: id {} is used twice", node.name, node.id),
            ));
        }
        let fine = |v: &mut dyn Iterator<Item = (Indicator, Dec)>| {
            for (_, x) in v {
                if amount_problem(x).is_some() {
                    return false;
                }
            }
            true
        };
        // A loss-making unit's profit base is below zero (亏损); the split weighs it as zero.
        let base_fine = node.base.iter().all(|(k, x)| base_problem(k, x).is_none());
        let share_fine = node
            .manual_share
            .is_none_or(|x| !x.is_negative() && x.fits(RATE_PLACES) && x <= MAX_AMOUNT);
        if base_fine
            && fine(&mut node.commitment.iter())
            && fine(&mut node.held.iter())
            && share_fine
        {
            return;
        }
        // Checked only for a node with a problem: a large tree is mostly fine.
        let id = node.id;
        for (k, x) in node.base.iter() {
            if let Some(problem) = base_problem(k, x) {
                self.push(named(node, Field::Node(id, NodeField::Base(k)), problem));
            }
        }
        self.values(node, &mut node.commitment.iter(), |k| {
            Field::Node(id, NodeField::Commitment(k))
        });
        self.values(node, &mut node.held.iter(), |k| {
            Field::Node(id, NodeField::Held(k))
        });
        if let Some(share) = node.manual_share {
            let field = Field::Node(id, NodeField::ManualShare);
            if share.is_negative() || share > MAX_AMOUNT {
                self.push(named(node, field, ("手动占比无效", "invalid manual share")));
            } else if !share.fits(RATE_PLACES) {
                self.push(rate_places(field));
            }
        }
    }

    fn values(
        &mut self,
        node: &NodeData,
        values: &mut dyn Iterator<Item = (Indicator, Dec)>,
        field: impl Fn(Indicator) -> Field,
    ) {
        for (indicator, v) in values {
            if let Some(problem) = amount_problem(v) {
                self.push(named(node, field(indicator), problem));
            }
        }
    }
}

/// What is wrong with an amount, if anything.
/// A node's base: an amount, but a profit may be a loss (below zero, within the same range).
fn base_problem(k: Indicator, value: Dec) -> Option<(&'static str, &'static str)> {
    if k == Indicator::Profit && value.is_negative() {
        amount_problem(value.abs())
    } else {
        amount_problem(value)
    }
}

fn amount_problem(value: Dec) -> Option<(&'static str, &'static str)> {
    if value.is_negative() {
        Some(("不能为负数", "must not be negative"))
    } else if value > MAX_AMOUNT {
        Some((
            "数值过大（超过 10 亿亿元）",
            "too large (above 10^9 × 100M CNY)",
        ))
    } else if !value.fits(AMOUNT_PLACES) {
        Some((
            "金额最多精确到元（亿元小数点后 8 位）",
            "amounts are kept to the yuan (8 decimals of 100M CNY)",
        ))
    } else {
        None
    }
}

/// A node's problem, with the node's name.
fn named(node: &NodeData, field: Field, (zh, en): (&str, &str)) -> ScenarioError {
    ScenarioError::error(
        field,
        format!("{}：{zh}", node.name),
        format!("{}: {en}", node.name),
    )
}

fn rate_places(field: Field) -> ScenarioError {
    ScenarioError::error(
        field,
        "百分比最多保留 4 位小数",
        "percentages are kept to 4 decimals",
    )
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

fn zero_base(field: Field) -> ScenarioError {
    ScenarioError::error(
        field,
        "基数为零，无法按增长率或倍数计算目标；请直接填写目标金额",
        "the base is zero, so a growth rate or multiple gives no target; enter the amount",
    )
}
