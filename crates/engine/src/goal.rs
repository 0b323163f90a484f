//! Goal seek (倒推): "what would it take?" — the input value that gives a derived figure a
//! wanted value, with the whole plan it gives; or why no value of that input can.
//!
//! The figure is evaluated through the plan itself (the same numbers the page shows), so what
//! is solved is what is displayed. Where the figure moves linearly with the input (every
//! amount, share and quota does) two probes give the line and the input is solved exactly;
//! then the input is put on its own grid (to the yuan, to 0.0001%) and the neighbour that
//! shows the wanted value to the displayed digit is taken. Where the relation is not linear
//! (a GDP share against the GDP growth compounded over five years) the input's grid is
//! bisected, which finds the same neighbours. Nothing changes until the caller keeps it.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

use crate::explain::{explain, node_name, shown, Figure, Shown};
use crate::i18n::{Bilingual, Lang};
use crate::indicator::Indicator;
use crate::num::{Dec, AMOUNT_PLACES, RATE_PLACES};
use crate::plan::{Level, Plan};
use crate::scenario::{AmountUnit, Scenario, TargetSpec};

/// An input goal seek may move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lever {
    /// The indicator's annual target, as it is given (an amount, a growth or a multiple).
    Target(Indicator),
    /// The annual target as an amount, whatever form it is given in (a growth moves the
    /// target in steps of base × 0.0001%, which a yuan-exact goal can fall between).
    TargetAmount(Indicator),
    /// A quarter's share (the indicator's own, or the county's shared ones); the fourth
    /// quarter (the third, when the fourth moves) takes the difference, so that the four
    /// still add up to 100%.
    QuarterShare(Indicator, usize),
    /// A node held (锁定) at an amount, by id.
    Hold(u64, Indicator),
    /// The plan year's county GDP target, as given.
    GdpTarget,
    /// The plan year's all-industry value added target, as given.
    IndustryVaTarget,
    /// The yearly GDP growth assumed over the five years.
    FiveYearGdpGrowth,
    /// The five-year end target, as given.
    FiveYearTarget,
}

/// How a lever's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeverUnit {
    /// 亿元, shown in `AmountUnit`.
    Amount(AmountUnit),
    /// A fraction shown as a percentage (a growth or a share).
    Rate,
    /// A multiple (倍).
    Multiple,
}

impl LeverUnit {
    /// A value of this unit as typed into its field: every place it has.
    pub fn text(self, v: Dec, lang: Lang) -> String {
        use crate::format::{plain, rate_text};
        match (self, lang) {
            (LeverUnit::Amount(AmountUnit::Yi), Lang::Zh) => format!("{}亿元", plain(v)),
            (LeverUnit::Amount(AmountUnit::Yi), Lang::En) => format!("{} (100M CNY)", plain(v)),
            (LeverUnit::Amount(AmountUnit::Wan), lang) => {
                let wan = plain(v.mul_ratio(10_000, 1).unwrap_or(v));
                match lang {
                    Lang::Zh => format!("{wan}万元"),
                    Lang::En => format!("{wan} (10k CNY)"),
                }
            }
            (LeverUnit::Rate, _) => format!("{}%", rate_text(v)),
            (LeverUnit::Multiple, Lang::Zh) => format!("{}倍", plain(v)),
            (LeverUnit::Multiple, Lang::En) => format!("{}×", plain(v)),
        }
    }

    fn places(self) -> u32 {
        match self {
            LeverUnit::Amount(_) => AMOUNT_PLACES,
            LeverUnit::Rate | LeverUnit::Multiple => RATE_PLACES,
        }
    }
}

/// The inputs that move a figure, the most natural first.
pub fn levers(s: &Scenario, p: &Plan, figure: Figure) -> Vec<Lever> {
    use Figure::*;
    let node_levers = |node: usize, k: Indicator, quarter: bool| {
        let mut v = vec![Lever::Target(k), Lever::TargetAmount(k)];
        if quarter {
            v.push(Lever::QuarterShare(k, 0));
        }
        if let Some(info) = p.nodes.get(node) {
            if info.level != Level::County {
                v.push(Lever::Hold(info.id, k));
            }
        }
        v
    };
    let candidates = match figure {
        Target(k) | Growth(k) => vec![Lever::Target(k), Lever::TargetAmount(k)],
        QuarterAmount(k, q) | Daily(k, q) | QuarterGrowth(k, q) => vec![
            Lever::QuarterShare(k, q),
            Lever::Target(k),
            Lever::TargetAmount(k),
        ],
        // The fourth quarter takes what a share gives up: its cumulative is the year.
        Cumulative(k, 3) => vec![Lever::Target(k), Lever::TargetAmount(k)],
        Cumulative(k, q) => vec![
            Lever::QuarterShare(k, q),
            Lever::Target(k),
            Lever::TargetAmount(k),
        ],
        TaskProgress(k, q) if q < 3 => vec![Lever::QuarterShare(k, q)],
        NodeQuota(n, k) | NodeGrowth(n, k) => node_levers(n, k, false),
        // A share of a proportional split does not move with the target: a hold moves it.
        NodeShare(n, k) => node_levers(n, k, false)
            .into_iter()
            .filter(|l| matches!(l, Lever::Hold(..)))
            .collect(),
        NodeQ1(n, k) | NodeDaily(n, k) => node_levers(n, k, true),
        GdpShare | GdpShareChange => vec![Lever::IndustryVaTarget, Lever::GdpTarget],
        // The value added needed is the wanted share of the GDP target.
        GdpVaNeeded => vec![Lever::GdpTarget],
        GdpTarget => vec![Lever::GdpTarget],
        IndustryVaTarget => vec![Lever::IndustryVaTarget],
        FiveYearShare | FiveYearShareChange => {
            vec![Lever::FiveYearGdpGrowth, Lever::FiveYearTarget]
        }
        FiveYearVaNeeded => vec![Lever::FiveYearGdpGrowth],
        FiveYearTarget | FiveYearMultiple | FiveYearCagr | FiveYearPath(_) => {
            vec![Lever::FiveYearTarget]
        }
        _ => Vec::new(),
    };
    candidates
        .into_iter()
        .filter(|&l| read(s, p, l).is_some())
        // A target given as an amount is its own amount lever.
        .filter(|&l| match l {
            Lever::TargetAmount(k) => !matches!(
                s.indicator(k).map(|i| i.target),
                Some(TargetSpec::Amount(_))
            ),
            _ => true,
        })
        .collect()
}

/// A lever's value in the scenario, and its unit; a node not held reads its quota.
pub fn read(s: &Scenario, p: &Plan, lever: Lever) -> Option<(Dec, LeverUnit)> {
    let spec = |t: TargetSpec| match t {
        TargetSpec::Amount(v) => (v, LeverUnit::Amount(AmountUnit::Yi)),
        TargetSpec::Growth(g) => (g, LeverUnit::Rate),
        TargetSpec::Multiple(m) => (m, LeverUnit::Multiple),
    };
    match lever {
        Lever::Target(k) => Some(spec(s.indicator(k)?.target)),
        Lever::TargetAmount(k) => Some((
            p.indicator(k)?.target.round(AMOUNT_PLACES),
            LeverUnit::Amount(AmountUnit::Yi),
        )),
        Lever::QuarterShare(k, q) => {
            let own = s.indicator(k)?.quarter_shares;
            Some((
                own.unwrap_or(s.quarter_shares).get(q).copied()?,
                LeverUnit::Rate,
            ))
        }
        Lever::Hold(id, k) => {
            let node = p.node_index(id)?;
            let unit = LeverUnit::Amount(s.tree_unit);
            match s.node(id)?.held.get(k) {
                Some(v) => Some((v, unit)),
                None => {
                    let quota = p.figures(node, k)?.quota.lo.round(AMOUNT_PLACES);
                    Some((quota, unit))
                }
            }
        }
        Lever::GdpTarget => Some(spec(s.gdp.as_ref()?.gdp_target)),
        Lever::IndustryVaTarget => Some(spec(s.gdp.as_ref()?.industry_va_target)),
        Lever::FiveYearGdpGrowth => Some((s.five_year.as_ref()?.gdp_growth?, LeverUnit::Rate)),
        Lever::FiveYearTarget => Some(spec(s.five_year.as_ref()?.target)),
    }
}

/// Set a lever (the form of a target is kept: a growth stays a growth).
pub fn write(s: &mut Scenario, lever: Lever, v: Dec) {
    let spec = |t: &mut TargetSpec| match t {
        TargetSpec::Amount(x) | TargetSpec::Growth(x) | TargetSpec::Multiple(x) => *x = v,
    };
    match lever {
        Lever::Target(k) => {
            if let Some(i) = s.indicator_mut(k) {
                spec(&mut i.target);
            }
        }
        Lever::TargetAmount(k) => {
            if let Some(i) = s.indicator_mut(k) {
                i.target = TargetSpec::Amount(v);
            }
        }
        Lever::QuarterShare(k, q) => {
            let other = if q == 3 { 2 } else { 3 };
            let own = s.indicator(k).is_some_and(|i| i.quarter_shares.is_some());
            let shares = if own {
                s.indicator_mut(k).and_then(|i| i.quarter_shares.as_mut())
            } else {
                Some(&mut s.quarter_shares)
            };
            if let Some(sh) = shares {
                sh[other] = sh[other] + sh[q] - v;
                sh[q] = v;
            }
        }
        Lever::Hold(id, k) => {
            crate::edit::hold_node(s, id, k, Some(v));
        }
        Lever::GdpTarget => {
            if let Some(g) = s.gdp.as_mut() {
                spec(&mut g.gdp_target);
            }
        }
        Lever::IndustryVaTarget => {
            if let Some(g) = s.gdp.as_mut() {
                spec(&mut g.industry_va_target);
            }
        }
        Lever::FiveYearGdpGrowth => {
            if let Some(f) = s.five_year.as_mut() {
                f.gdp_growth = Some(v);
            }
        }
        Lever::FiveYearTarget => {
            if let Some(f) = s.five_year.as_mut() {
                spec(&mut f.target);
            }
        }
    }
}

/// The lever's name, with the figure's scenario.
pub fn lever_name(s: &Scenario, p: &Plan, lever: Lever) -> Bilingual {
    use crate::explain::vocabulary::indicator_name;
    let how = |unit: Option<LeverUnit>| match unit {
        Some(LeverUnit::Rate) => ("（增长率）", " (growth)"),
        Some(LeverUnit::Multiple) => ("（倍数）", " (multiple)"),
        _ => ("", ""),
    };
    let unit = read(s, p, lever).map(|(_, u)| u);
    const Q: [(&str, &str); 4] = [
        ("一季度", "Q1"),
        ("二季度", "Q2"),
        ("三季度", "Q3"),
        ("四季度", "Q4"),
    ];
    match lever {
        Lever::Target(k) => {
            let (zh, en) = how(unit);
            Bilingual::new(
                format!("{}全年目标{zh}", indicator_name(k, Lang::Zh)),
                format!("{} annual target{en}", indicator_name(k, Lang::En)),
            )
        }
        Lever::TargetAmount(k) => Bilingual::new(
            format!("{}全年目标（金额）", indicator_name(k, Lang::Zh)),
            format!("{} annual target (amount)", indicator_name(k, Lang::En)),
        ),
        Lever::QuarterShare(k, q) => {
            let other = if q == 3 { 2 } else { 3 };
            let own = s.indicator(k).is_some_and(|i| i.quarter_shares.is_some());
            let (whose_zh, whose_en) = if own {
                (indicator_name(k, Lang::Zh), indicator_name(k, Lang::En))
            } else {
                ("各指标", "all indicators'")
            };
            Bilingual::new(
                format!("{whose_zh}{}占比（差额计入{}）", Q[q].0, Q[other].0),
                format!(
                    "{whose_en} {} share ({} takes the difference)",
                    Q[q].1, Q[other].1
                ),
            )
        }
        Lever::Hold(id, _) => {
            let name = p
                .node_index(id)
                .map(|i| node_name(s, p, i))
                .unwrap_or_default();
            Bilingual::new(format!("锁定{name}的任务"), format!("hold {name}'s quota"))
        }
        Lever::GdpTarget => {
            let (zh, en) = how(unit);
            Bilingual::new(format!("全县GDP目标{zh}"), format!("county GDP target{en}"))
        }
        Lever::IndustryVaTarget => {
            let (zh, en) = how(unit);
            Bilingual::new(
                format!("全部工业增加值目标{zh}"),
                format!("all-industry value added target{en}"),
            )
        }
        Lever::FiveYearGdpGrowth => {
            Bilingual::new("五年间GDP年均增长", "GDP yearly growth over the five years")
        }
        Lever::FiveYearTarget => {
            let (zh, en) = how(unit);
            Bilingual::new(format!("五年目标{zh}"), format!("five-year target{en}"))
        }
    }
}

/// A solved goal: the lever's new value and the plan it gives.
#[derive(Debug, Clone)]
pub struct Sought {
    pub lever: Lever,
    pub unit: LeverUnit,
    pub before: Dec,
    pub after: Dec,
    /// The scenario with the lever moved, and its plan.
    pub scenario: Scenario,
    pub plan: Plan,
    /// The figure as it is then shown (the wanted value to the displayed digit).
    pub reached: Shown,
    /// Solved from the line through two probes (true), or by bisecting the input's grid.
    pub linear: bool,
}

/// The figure's exact value in a plan.
fn exact(s: &Scenario, p: &Plan, figure: Figure) -> Option<BigRational> {
    Some(explain(s, p, figure)?.formula.result.exact)
}

struct Probe {
    x: Dec,
    value: BigRational,
    shown: Shown,
    scenario: Scenario,
    plan: Plan,
}

/// Why a lever's value is out of its range, before planning.
fn out_of_range(s: &Scenario, lever: Lever, unit: LeverUnit, v: Dec) -> Option<Bilingual> {
    let text = |lang| unit.text(v, lang);
    match lever {
        Lever::QuarterShare(k, q) => {
            let other = if q == 3 { 2 } else { 3 };
            let shares = s
                .indicator(k)
                .and_then(|i| i.quarter_shares)
                .unwrap_or(s.quarter_shares);
            let left = shares[other] + shares[q] - v;
            if v.is_negative() || v > Dec::ONE {
                return Some(Bilingual::new(
                    format!("需要季度占比 {}，超出 0–100%", text(Lang::Zh)),
                    format!(
                        "it needs a quarter share of {}, outside 0–100%",
                        text(Lang::En)
                    ),
                ));
            }
            if left.is_negative() {
                return Some(Bilingual::new(
                    format!(
                        "需要季度占比 {}，差额季度的占比将为负（{}）",
                        text(Lang::Zh),
                        LeverUnit::Rate.text(left, Lang::Zh)
                    ),
                    format!(
                        "it needs a quarter share of {}, which leaves the balancing quarter negative ({})",
                        text(Lang::En),
                        LeverUnit::Rate.text(left, Lang::En)
                    ),
                ));
            }
            None
        }
        _ => match unit {
            LeverUnit::Amount(_) if v.is_negative() => Some(Bilingual::new(
                format!("需要负的金额（{}）", text(Lang::Zh)),
                format!("it needs a negative amount ({})", text(Lang::En)),
            )),
            LeverUnit::Rate if v <= -Dec::ONE => Some(Bilingual::new(
                format!("需要下降 100% 或更多（{}）", text(Lang::Zh)),
                format!("it needs a fall of 100% or more ({})", text(Lang::En)),
            )),
            LeverUnit::Multiple if !v.is_positive() => Some(Bilingual::new(
                format!("需要零或负的倍数（{}）", text(Lang::Zh)),
                format!("it needs a multiple of zero or less ({})", text(Lang::En)),
            )),
            _ => None,
        },
    }
}

/// One goal being sought: the scenario, the figure and the lever.
struct Trial<'a> {
    s: &'a Scenario,
    p: &'a Plan,
    figure: Figure,
    lever: Lever,
    unit: LeverUnit,
}

impl Trial<'_> {
    /// The plan with the lever at `x`, and the figure in it.
    fn probe(&self, x: Dec) -> Result<Probe, Bilingual> {
        let Trial {
            s,
            p,
            figure,
            lever,
            unit,
        } = *self;
        probe(s, p, figure, lever, unit, x)
    }
}

fn probe(
    s: &Scenario,
    p: &Plan,
    figure: Figure,
    lever: Lever,
    unit: LeverUnit,
    x: Dec,
) -> Result<Probe, Bilingual> {
    if let Some(why) = out_of_range(s, lever, unit, x) {
        return Err(why);
    }
    let mut moved = s.clone();
    write(&mut moved, lever, x);
    let plan = crate::plan::plan_after(Some((s, p)), &moved).map_err(|errors| {
        errors
            .into_iter()
            .next()
            .map(|e| e.message)
            .unwrap_or_else(|| Bilingual::new("方案无法计算", "the scenario does not plan"))
    })?;
    let value = exact(&moved, &plan, figure)
        .ok_or_else(|| Bilingual::new("这个数字不再存在", "the figure no longer exists"))?;
    let shown = shown(&plan, figure)
        .ok_or_else(|| Bilingual::new("这个数字不再存在", "the figure no longer exists"))?;
    Ok(Probe {
        x,
        value,
        shown,
        scenario: moved,
        plan,
    })
}

fn rational(d: Dec) -> BigRational {
    d.to_rational()
}

/// The grid points of `places` at or below and at or above `x`.
fn grid(x: &BigRational, places: u32) -> Option<(Dec, Dec)> {
    let scale = BigRational::from_integer(BigInt::from(10u32).pow(places));
    let scaled = x * scale;
    let lo = scaled.floor().to_integer().to_i128()?;
    let hi = scaled.ceil().to_integer().to_i128()?;
    Some((Dec::new(lo, places)?, Dec::new(hi, places)?))
}

/// A probe step for a lever at `x`: an eighth of its value, or one whole unit (one 亿元,
/// one percentage point, one times) when it is zero.
fn step(x: Dec, unit: LeverUnit) -> Dec {
    let eighth = x
        .abs()
        .mul_ratio(1, 8)
        .unwrap_or(Dec::ZERO)
        .round(unit.places());
    if eighth.is_zero() {
        match unit {
            LeverUnit::Rate => Dec::PERCENT,
            _ => Dec::ONE,
        }
    } else {
        eighth
    }
}

/// Solve for the lever that shows `wanted` (an exact value in the figure's own terms:
/// 亿元, a fraction, a multiple). `Err` says why no value of the lever can.
pub fn seek(
    s: &Scenario,
    p: &Plan,
    figure: Figure,
    wanted: &BigRational,
    lever: Lever,
) -> Result<Sought, Bilingual> {
    let (x0, unit) = read(s, p, lever).ok_or_else(|| {
        Bilingual::new("这个输入在方案里不存在", "the scenario has no such input")
    })?;
    let now = shown(p, figure)
        .ok_or_else(|| Bilingual::new("这个数字不存在", "the figure does not exist"))?;
    let target = now.like(wanted);
    let done = |pr: Probe, linear: bool| Sought {
        lever,
        unit,
        before: x0,
        after: pr.x,
        reached: pr.shown,
        scenario: pr.scenario,
        plan: pr.plan,
        linear,
    };
    let trial = Trial {
        s,
        p,
        figure,
        lever,
        unit,
    };
    let first = trial.probe(x0)?;
    if first.shown == target {
        // Nothing to move (a hold written now would change how the node is split).
        return Err(Bilingual::new(
            "这个数字已经等于所要的值，无需改动",
            "this figure already shows the wanted value: nothing to change",
        ));
    }
    let d = step(x0, unit);
    // Two probes on one side (the other side if this one leaves the inputs' range).
    let sides = [d, -d];
    let mut line = None;
    let mut last_why = None;
    for d in sides {
        let a = trial.probe(x0 + d);
        let b = trial.probe(x0 + d + d);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                line = Some((a, b));
                break;
            }
            (Err(e), _) | (_, Err(e)) => last_why = Some(e),
        }
    }
    let Some((a, b)) = line else {
        return Err(last_why.unwrap_or_else(|| Bilingual::new("无法试算", "it cannot be tried")));
    };
    if a.value == first.value && b.value == first.value {
        return Err(Bilingual::new(
            "改变这个输入不会改变这个数字（例如它已被锁定，或不取决于它）",
            "moving this input does not change this figure (it is held, or does not depend on it)",
        ));
    }
    let linear = (&b.value - &a.value) == (&a.value - &first.value);
    let places = unit.places();
    let solution = if linear {
        // value(x) = v0 + (x − x0) × slope, so x = x0 + (wanted − v0) / slope.
        let slope = (&a.value - &first.value) / (rational(a.x) - rational(x0));
        rational(x0) + (wanted - &first.value) / slope
    } else {
        bisect(&trial, wanted, &first, &b)?
    };
    let (lo, hi) = grid(&solution, places).ok_or_else(|| {
        Bilingual::new(
            "所需的值超出可输入的范围",
            "the value needed is beyond what can be entered",
        )
    })?;
    let mut tried: Vec<Probe> = Vec::new();
    // The two grid points around the solution first: when neither can be planned, that is
    // why the goal cannot be met.
    let mut nearest_why = Vec::new();
    for x in [lo, hi] {
        match trial.probe(x) {
            Ok(pr) if pr.shown == target => return Ok(done(pr, linear)),
            Ok(pr) => tried.push(pr),
            Err(e) => nearest_why.push(e),
        }
    }
    if nearest_why.len() == 2 {
        let why = nearest_why.swap_remove(0);
        let v = if lo == hi {
            lo
        } else {
            Dec::floor_of(&solution).unwrap_or(lo).round(places)
        };
        let name = lever_name(s, p, lever);
        return Err(Bilingual::new(
            format!(
                "做不到：{}需设为 {}，但{}",
                name.get(Lang::Zh),
                unit.text(v, Lang::Zh),
                why.get(Lang::Zh)
            ),
            format!(
                "Not reachable: {} would have to be {}, but {}",
                name.get(Lang::En),
                unit.text(v, Lang::En),
                why.get(Lang::En)
            ),
        ));
    }
    // Then a few more steps out: the shown value of a part can differ from its own rounding
    // by a unit (largest remainder among its siblings).
    let one = Dec::new(1, places).unwrap_or(Dec::ZERO);
    for k in 1..=3i64 {
        let k = one.mul_exact(Dec::int(k)).unwrap_or(one);
        for x in [lo - k, hi + k] {
            match trial.probe(x) {
                Ok(pr) if pr.shown == target => return Ok(done(pr, linear)),
                Ok(pr) => tried.push(pr),
                Err(_) => {}
            }
        }
    }
    tried.sort_by_key(|t| t.x);
    tried.dedup_by_key(|t| t.shown);
    let near: Vec<String> = tried
        .iter()
        .map(|t| crate::explain::vocabulary::shown_text(t.shown, Lang::Zh))
        .collect();
    let near_en: Vec<String> = tried
        .iter()
        .map(|t| crate::explain::vocabulary::shown_text(t.shown, Lang::En))
        .collect();
    // A growth moves the target in steps of base × 0.0001%; the amount moves it by the yuan.
    let (hint, hint_en) = match lever {
        Lever::Target(k)
            if !matches!(
                s.indicator(k).map(|i| i.target),
                Some(TargetSpec::Amount(_))
            ) =>
        {
            (
                "（改用“全年目标（金额）”可以精确到分）",
                " (the annual target as an amount can reach it)",
            )
        }
        _ => ("", ""),
    };
    Err(Bilingual::new(
        format!(
            "这个输入每动最小一格，这个数字就跳过所要的值：最接近的是 {}{hint}",
            near.join("、")
        ),
        format!(
            "the smallest step of this input moves the figure past the wanted value: the nearest are {}{hint_en}",
            near_en.join(", ")
        ),
    ))
}

/// The lever's value where the figure crosses `wanted`, between grid points: the figure is
/// taken to move one way with the lever (true of every figure offered here).
fn bisect(
    trial: &Trial,
    wanted: &BigRational,
    first: &Probe,
    second: &Probe,
) -> Result<BigRational, Bilingual> {
    let unit = trial.unit;
    let rising = (second.value > first.value) == (second.x > first.x);
    // Below: the figure is under the wanted value.
    let under = |v: &BigRational| v < wanted;
    let toward_up = under(&first.value) == rising;
    let mut from = first.x;
    let mut d = step(first.x, unit);
    if !toward_up {
        d = -d;
    }
    // Widen until the wanted value is bracketed; a probe out of the input's range is taken
    // back by halves (the doubling may have jumped past a value in range).
    let mut to = None;
    let mut out_of_range = None;
    for _ in 0..128 {
        let x = from + d;
        match trial.probe(x) {
            Ok(pr) if under(&pr.value) != under(&first.value) || pr.value == *wanted => {
                to = Some(x);
                break;
            }
            Ok(_) => {
                from = x;
                d = d + d;
            }
            Err(e) => {
                let half = d.mul_ratio(1, 2).unwrap_or(Dec::ZERO).round(unit.places());
                if half.is_zero() {
                    out_of_range = Some(e);
                    break;
                }
                d = half;
            }
        }
    }
    if let (None, Some(e)) = (to, out_of_range) {
        return Err(Bilingual::new(
            format!("做不到：{}", e.get(Lang::Zh)),
            format!("Not reachable: {}", e.get(Lang::En)),
        ));
    }
    let to = to.ok_or_else(|| {
        Bilingual::new(
            "这个输入在可输入的范围内达不到所要的值",
            "no value of this input within range reaches the wanted value",
        )
    })?;
    let places = unit.places();
    let (mut a, mut b) = if from < to { (from, to) } else { (to, from) };
    let under_a = under(&trial.probe(a)?.value);
    let one = Dec::new(1, places).unwrap_or(Dec::ZERO);
    while b - a > one {
        let mid = (rational(a) + rational(b)) / BigRational::from_integer(BigInt::from(2));
        let (m, _) = grid(&mid, places).ok_or_else(|| {
            Bilingual::new(
                "所需的值超出可输入的范围",
                "the value needed is beyond what can be entered",
            )
        })?;
        if m == a {
            break;
        }
        let v = trial.probe(m)?.value;
        if v == *wanted {
            return Ok(rational(m));
        }
        if under(&v) == under_a {
            a = m;
        } else {
            b = m;
        }
    }
    Ok(rational(a))
}

/// The wanted value typed for a figure shown as `shown`: an amount in the figure's own unit
/// (亿元 or 万元, 亿/万 typed wins), a percentage, or a multiple; as an exact value in the
/// figure's terms (亿元, a fraction, a multiple).
pub fn wanted(shown: Shown, text: &str) -> Result<BigRational, Bilingual> {
    use crate::number::{parse_number, TypedUnit};
    use crate::round::Precision;
    let n = parse_number(text)?;
    let v = match shown {
        Shown::Amount(_, Precision::Yi2) => n.amount_in(TypedUnit::Yi)?,
        Shown::Amount(..) => n.amount_in(TypedUnit::Wan)?,
        Shown::Percent(_) | Shown::PercentTrimmed(_) | Shown::Rate(_) | Shown::Points(_) => {
            n.as_fraction()?
        }
        Shown::Times(_) => n.as_multiple()?,
        _ => n.value,
    };
    if v.is_negative() && !matches!(shown, Shown::Points(_) | Shown::Percent(_)) {
        return Err(Bilingual::new(
            "请输入不小于零的值",
            "please enter a value of zero or more",
        ));
    }
    let r = v.to_rational();
    if r.is_zero() && matches!(shown, Shown::Times(_)) {
        return Err(Bilingual::new(
            "倍数须大于零",
            "a multiple must be above zero",
        ));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
    use crate::plan::plan;

    fn setup() -> (Scenario, Plan) {
        let s = example();
        let p = plan(&s).unwrap();
        (s, p)
    }

    #[test]
    fn the_grid_brackets_a_value() {
        let x = BigRational::new(BigInt::from(1), BigInt::from(3));
        let (lo, hi) = grid(&x, 6).unwrap();
        assert_eq!(lo, Dec::new(333_333, 6).unwrap());
        assert_eq!(hi, Dec::new(333_334, 6).unwrap());
    }

    #[test]
    fn a_lever_reads_back_what_it_writes() {
        let (s, p) = setup();
        for lever in [
            Lever::Target(Indicator::Output),
            Lever::QuarterShare(Indicator::Output, 0),
        ] {
            let (v, _) = read(&s, &p, lever).unwrap();
            let mut t = s.clone();
            write(&mut t, lever, v);
            assert_eq!(t, s);
        }
    }
}
