//! The speech's vocabulary in Chinese and English, and the one renderer of formulas: every
//! explanation is written from these words, in either language.

use super::formula::{Expr, Formula, Note, Op, Operand, Shown};
use crate::calendar::{quarter_en, quarter_zh};
use crate::format::{fixed_units, percent2_units, wan_units, yi_units};
use crate::i18n::Lang;
use crate::indicator::Indicator;
use crate::round::Precision;

/// What a value is, in the speech's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// Only the value (a sum of shown amounts).
    Bare,
    /// Fixed words, Chinese and English (the progress figures' operands).
    Words(&'static str, &'static str),
    /// A unit's name and words: 宏远煤化 累计实际 / 宏远煤化: actual to date.
    NamedWords(String, &'static str, &'static str),
    /// An indicator and words: 增加值可比价增长 / value added: growth at comparable prices.
    IndicatorWords(Indicator, &'static str, &'static str),
    /// An indicator's month (1–12) and words: 3月规上产值任务 / gross output in March: amount.
    MonthWords(Indicator, u8, &'static str, &'static str),
    /// A unit's month of an indicator: 宏远煤化 3月规上产值任务 / 宏远煤化, gross output in
    /// March: amount.
    NodeMonthWords(String, Indicator, u8, &'static str, &'static str),
    /// 规上产值全年目标 / annual gross output target
    AnnualTargetOf(Indicator),
    /// 全年目标
    AnnualTarget,
    /// 直接设定
    SetDirectly,
    /// 上年实际
    LastYearActual,
    /// 上年 (what a multiple is of)
    LastYear,
    /// 五年目标
    FiveYearTarget,
    /// 园区产值
    ParkOutput,
    /// 10亿元企业 (a fleet by its threshold, in 0.01亿元)
    FleetOf(i64),
    /// 上年计划 / 年计划
    LastYearPlan,
    /// 前年实际
    YearBeforeActual,
    /// 上年同比增长 of an indicator.
    LastYearGrowthOf(Indicator),
    /// 增长率
    GrowthRate,
    /// 规上产值增长率
    GrowthOf(Indicator),
    /// 倍 (a multiple as the speech says it)
    Multiple,
    /// 完成率
    Completion,
    /// 规上产值上年计划完成率
    CompletionOf(Indicator),
    /// 一季度规上产值
    QuarterOf(Indicator, usize),
    /// 一季度占比
    QuarterShare(usize),
    /// 截至一季度累计规上产值
    CumulativeOf(Indicator, usize),
    /// 任务进度
    TaskProgress,
    /// 截至一季度任务进度
    TaskProgressTo(usize),
    /// 时间进度
    TimeProgress,
    /// 截至一季度时间进度
    TimeProgressTo(usize),
    /// 已过天数
    DaysElapsed,
    /// 全年天数
    DaysInYear,
    /// `N 天` (the days a quota is counted over)
    Days,
    /// 日均任务
    DailyQuota,
    /// 一季度日均规上产值
    DailyOf(Indicator, usize),
    /// 同比增长
    YearOnYear,
    /// 一季度规上产值同比增长要求
    YearOnYearOf(Indicator, usize),
    /// 一季度任务
    QuarterTask(usize),
    /// 上年一季度
    LastYearQuarter(usize),
    /// 甲厂 规上产值任务
    QuotaOf(String, Indicator),
    /// 任务
    Quota,
    /// 本级任务
    ThisQuota,
    /// 甲厂任务 (a parent's quota, named)
    NamedQuota(String),
    /// 可分配
    Free,
    /// 锁定
    Held,
    /// 锁定金额
    HeldAmount,
    /// 本级基数
    OwnBase,
    /// 基数合计
    BaseTotal,
    /// `N 家` (a count of children split equally)
    Children,
    /// 手动占比
    ManualShare,
    /// 手动占比合计
    ManualTotal,
    /// 自报
    Commitment,
    /// 自报合计
    CommittedTotal,
    /// 缺口
    Gap,
    /// 甲厂 规上产值缺口
    GapOf(String, Indicator),
    /// 比重
    Share,
    /// 甲厂 占上级比重
    ShareOf(String),
    /// 需增长
    GrowthRequired,
    /// 甲厂 需增长
    GrowthRequiredOf(String),
    /// 上年基数
    Base,
    /// 全年任务
    AnnualQuota,
    /// 甲厂 一季度规上产值任务
    Q1QuotaOf(String, Indicator),
    /// 甲厂 一季度日均规上产值任务
    DailyQuotaOf(String, Indicator),
    /// 全县GDP目标
    GdpTarget,
    /// 全部工业增加值目标
    IndustryVaTarget,
    /// 全县GDP
    CountyGdp,
    /// GDP
    Gdp,
    /// 全部工业增加值
    IndustryVa,
    /// 基数
    BaseValue,
    /// 工业增加值占GDP比重
    IndustryShareOfGdp,
    /// 占比
    ShareOfGdp,
    /// 占比变化
    ShareChange,
    /// 目标占比
    WantedShare,
    /// 达到目标占比所需工业增加值
    VaNeeded,
    /// 所需增加值
    VaNeededShort,
    /// 五年目标: 2025年全部工业增加值
    IndustryVaIn(i32),
    /// 2020年 (a year's value)
    YearValue(i32),
    /// 倍数
    MultipleShort,
    /// 五年倍数
    FiveYearMultiple,
    /// 年均增长
    Cagr,
    /// 年均增长率
    CagrLong,
    /// 2023年工业增加值路径
    PathIn(i32),
    /// 期末工业增加值占GDP比重
    ShareAtEnd,
    /// 期末GDP
    GdpAtEnd,
    /// GDP增速
    GdpGrowth,
    /// 全年销售产值 / 一季度销售产值
    SalesOf(bool),
    /// 全年产值 / 一季度产值
    OutputOf(bool),
    /// 产销率
    SalesRatio,
    /// 一季度须开工项目数
    ProjectsToStart,
    /// 重点项目
    KeyProjects,
    /// 开工率
    StartRate,
    /// 一季度完成投资
    Q1Investment,
    /// 全年投资计划
    AnnualInvestment,
    /// 一季度占比 of investment
    Q1Share,
    /// 园区 所需产值
    ParkOutputOf(String),
    /// 全县规上产值
    CountyOutput,
    /// 占全县工业比重
    ParkShare,
    /// X亿元企业
    Fleet,
    /// 计划产值达到门槛的企业
    FleetMembers,
}

fn q(quarter: usize, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => quarter_zh(quarter),
        Lang::En => quarter_en(quarter),
    }
}

fn k_name(k: Indicator, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => k.zh(),
        Lang::En => k.en(),
    }
}

/// The words for a term.
pub fn words(term: &Term, lang: Lang) -> String {
    use Term::*;
    let zh = lang == Lang::Zh;
    let pick = |zh_text: &str, en_text: &str| {
        if zh {
            zh_text.to_string()
        } else {
            en_text.to_string()
        }
    };
    match term {
        Bare => String::new(),
        Words(z, e) => pick(z, e),
        IndicatorWords(k, z, e) => {
            if zh {
                format!("{}{z}", k.zh())
            } else {
                format!("{}: {e}", k.en())
            }
        }
        MonthWords(k, m, z, e) => {
            if zh {
                format!("{m}月{}{z}", k.zh())
            } else {
                let month = crate::progress::Period::Month(*m).name().en;
                format!("{} in {month}: {e}", k.en())
            }
        }
        NodeMonthWords(name, k, m, z, e) => {
            if zh {
                format!("{name} {m}月{}{z}", k.zh())
            } else {
                let month = crate::progress::Period::Month(*m).name().en;
                format!("{name}, {} in {month}: {e}", k.en())
            }
        }
        NamedWords(name, z, e) => {
            if zh {
                format!("{name} {z}")
            } else {
                format!("{name}: {e}")
            }
        }
        AnnualTargetOf(k) => {
            if zh {
                format!("{}全年目标", k.zh())
            } else {
                format!("annual {} target", k.en())
            }
        }
        AnnualTarget => pick("全年目标", "annual target"),
        SetDirectly => pick("直接设定", "set directly:"),
        LastYearActual => pick("上年实际", "last year's actual"),
        LastYear => pick("上年", "last year"),
        FiveYearTarget => pick("五年目标", "five-year target"),
        ParkOutput => pick("园区产值", "park output"),
        FleetOf(units) => {
            if zh {
                format!("{}亿元企业", trim(fixed_units(*units, 2)))
            } else {
                format!("enterprises of {} or more", yi_units(*units, lang))
            }
        }
        LastYearPlan => pick("年计划", "the year's plan"),
        YearBeforeActual => pick("前年实际", "the year before's actual"),
        LastYearGrowthOf(k) => {
            if zh {
                format!("{}上年同比增长", k.zh())
            } else {
                format!("{} growth last year", k.en())
            }
        }
        GrowthRate => pick("增长率", "growth"),
        GrowthOf(k) => {
            if zh {
                format!("{}增长率", k.zh())
            } else {
                format!("{} growth", k.en())
            }
        }
        Multiple => String::new(),
        Completion => pick("完成率", "completion"),
        CompletionOf(k) => {
            if zh {
                format!("{}上年计划完成率", k.zh())
            } else {
                format!("{} completion of last year's plan", k.en())
            }
        }
        QuarterOf(k, i) => {
            if zh {
                format!("{}{}", q(*i, lang), k.zh())
            } else {
                format!("{} {}", q(*i, lang), k.en())
            }
        }
        QuarterShare(i) => {
            if zh {
                format!("{}占比", q(*i, lang))
            } else {
                format!("{} share", q(*i, lang))
            }
        }
        CumulativeOf(k, i) => {
            if zh {
                format!("截至{}累计{}", q(*i, lang), k.zh())
            } else {
                format!("cumulative {} to the end of {}", k.en(), q(*i, lang))
            }
        }
        TaskProgress => pick("任务进度", "task progress"),
        TaskProgressTo(i) => {
            if zh {
                format!("截至{}任务进度", q(*i, lang))
            } else {
                format!("task progress to the end of {}", q(*i, lang))
            }
        }
        TimeProgress => pick("时间进度", "time progress"),
        TimeProgressTo(i) => {
            if zh {
                format!("截至{}时间进度", q(*i, lang))
            } else {
                format!("time progress to the end of {}", q(*i, lang))
            }
        }
        DaysElapsed => pick("已过天数", "days elapsed"),
        DaysInYear => pick("全年天数", "days in the year"),
        Days => String::new(),
        DailyQuota => pick("日均任务", "daily quota"),
        DailyOf(k, i) => {
            if zh {
                format!("{}日均{}", q(*i, lang), k.zh())
            } else {
                format!("{} daily {}", q(*i, lang), k.en())
            }
        }
        YearOnYear => pick("同比增长", "year-on-year growth"),
        YearOnYearOf(k, i) => {
            if zh {
                format!("{}{}同比增长要求", q(*i, lang), k.zh())
            } else {
                format!("{} {} year-on-year growth needed", q(*i, lang), k.en())
            }
        }
        QuarterTask(i) => {
            if zh {
                format!("{}任务", q(*i, lang))
            } else {
                format!("{} quota", q(*i, lang))
            }
        }
        LastYearQuarter(i) => {
            if zh {
                format!("上年{}", q(*i, lang))
            } else {
                format!("last year's {}", q(*i, lang))
            }
        }
        QuotaOf(name, k) => {
            if zh {
                format!("{name} {}任务", k.zh())
            } else {
                format!("{name}: {} quota", k.en())
            }
        }
        Quota => pick("任务", "quota"),
        ThisQuota => pick("本级任务", "this quota"),
        NamedQuota(name) => {
            if zh {
                format!("{name}任务")
            } else {
                format!("{name}'s quota")
            }
        }
        Free => pick("可分配", "free"),
        Held => pick("锁定", "held"),
        HeldAmount => pick("锁定金额", "held at"),
        OwnBase => pick("本级基数", "its base"),
        BaseTotal => pick("基数合计", "total base"),
        Children => String::new(),
        ManualShare => pick("手动占比", "its manual share"),
        ManualTotal => pick("手动占比合计", "manual shares in all"),
        Commitment => pick("自报", "commitment"),
        CommittedTotal => pick("自报合计", "commitments"),
        Gap => pick("缺口", "gap"),
        GapOf(name, k) => {
            if zh {
                format!("{name} {}缺口", k.zh())
            } else {
                format!("{name}: {} gap", k.en())
            }
        }
        Share => pick("比重", "share"),
        ShareOf(name) => {
            if zh {
                format!("{name} 占上级比重")
            } else {
                format!("{name}: share of its parent")
            }
        }
        GrowthRequired => pick("需增长", "growth required"),
        GrowthRequiredOf(name) => {
            if zh {
                format!("{name} 需增长")
            } else {
                format!("{name}: growth required")
            }
        }
        Base => pick("上年基数", "last year's base"),
        AnnualQuota => pick("全年任务", "annual quota"),
        Q1QuotaOf(name, k) => {
            if zh {
                format!("{name} 一季度{}任务", k.zh())
            } else {
                format!("{name}: Q1 {} quota", k.en())
            }
        }
        DailyQuotaOf(name, k) => {
            if zh {
                format!("{name} 一季度日均{}任务", k.zh())
            } else {
                format!("{name}: Q1 daily {} quota", k.en())
            }
        }
        GdpTarget => pick("全县GDP目标", "county GDP target"),
        IndustryVaTarget => pick("全部工业增加值目标", "all-industry value added target"),
        CountyGdp => pick("全县GDP", "county GDP"),
        Gdp => pick("GDP", "GDP"),
        IndustryVa => pick("全部工业增加值", "industry value added"),
        BaseValue => pick("基数", "base"),
        IndustryShareOfGdp => pick("工业增加值占GDP比重", "industry's share of GDP"),
        ShareOfGdp => pick("占比", "share"),
        ShareChange => pick("占比变化", "change of the share"),
        WantedShare => pick("目标占比", "wanted share"),
        VaNeeded => pick(
            "达到目标占比所需工业增加值",
            "industry value added needed for the wanted share",
        ),
        VaNeededShort => pick("所需增加值", "value added needed"),
        IndustryVaIn(year) => {
            if zh {
                format!("{year}年全部工业增加值")
            } else {
                format!("industry value added {year}")
            }
        }
        YearValue(year) => {
            if zh {
                format!("{year}年")
            } else {
                format!("{year}")
            }
        }
        MultipleShort => pick("倍数", "multiple"),
        FiveYearMultiple => pick("五年倍数", "five-year multiple"),
        Cagr => pick("年均增长", "annual growth"),
        CagrLong => pick("年均增长率", "compound annual growth"),
        PathIn(year) => {
            if zh {
                format!("{year}年工业增加值路径")
            } else {
                format!("industry value added path, {year}")
            }
        }
        ShareAtEnd => pick(
            "期末工业增加值占GDP比重",
            "industry's share of GDP at the end",
        ),
        GdpAtEnd => pick("期末GDP", "GDP at the end"),
        GdpGrowth => pick("GDP增速", "GDP growth"),
        SalesOf(annual) => match (zh, annual) {
            (true, true) => "全年销售产值".into(),
            (true, false) => "一季度销售产值".into(),
            (false, true) => "annual sales output needed".into(),
            (false, false) => "Q1 sales output needed".into(),
        },
        OutputOf(annual) => match (zh, annual) {
            (true, true) => "全年产值".into(),
            (true, false) => "一季度产值".into(),
            (false, true) => "annual output".into(),
            (false, false) => "Q1 output".into(),
        },
        SalesRatio => pick("产销率", "sales-to-output ratio"),
        ProjectsToStart => pick("一季度须开工项目数", "projects to start in Q1"),
        KeyProjects => pick("重点项目", "key projects"),
        StartRate => pick("开工率", "start rate"),
        Q1Investment => pick("一季度完成投资", "Q1 investment"),
        AnnualInvestment => pick("全年投资计划", "annual investment plan"),
        Q1Share => pick("一季度占比", "Q1 share"),
        ParkOutputOf(name) => {
            if zh {
                format!("{name} 所需产值")
            } else {
                format!("{name}: output needed")
            }
        }
        CountyOutput => pick("全县规上产值", "county gross output"),
        ParkShare => pick("占比", "share"),
        Fleet => pick("企业舰队", "enterprise fleet"),
        FleetMembers => pick(
            "计划产值达到门槛的企业",
            "enterprises whose planned output reaches the threshold",
        ),
    }
}

/// A shown value as text, with its unit.
pub fn shown_text(shown: Shown, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match shown {
        Shown::Amount(u, Precision::Yi2) => yi_units(u, lang),
        Shown::Amount(u, Precision::Wan2) => wan_units(u, lang),
        Shown::Percent(u) => percent2_units(u),
        Shown::PercentTrimmed(u) => format!("{}%", trim(fixed_units(u, 2))),
        Shown::Rate(u) => format!("{}%", trim(fixed_units(u, 4))),
        Shown::Points(u) => {
            if zh {
                format!("{} 个百分点", fixed_units(u, 2))
            } else {
                format!("{} percentage points", fixed_units(u, 2))
            }
        }
        Shown::Times(u) => {
            if zh {
                format!("{}倍", trim(fixed_units(u, 4)))
            } else {
                format!("{}×", trim(fixed_units(u, 4)))
            }
        }
        Shown::Days(d) => {
            if zh {
                format!("{d} 天")
            } else {
                format!("{d} days")
            }
        }
        Shown::Count(c) => c.to_string(),
        Shown::Year(y) => y.to_string(),
    }
}

/// A shown value without its unit, for tables whose heading carries it.
pub fn shown_bare(shown: Shown) -> String {
    match shown {
        Shown::Amount(u, _) => fixed_units(u, 2),
        Shown::Percent(u) => percent2_units(u),
        Shown::PercentTrimmed(u) => format!("{}%", trim(fixed_units(u, 2))),
        Shown::Rate(u) => format!("{}%", trim(fixed_units(u, 4))),
        Shown::Points(u) => fixed_units(u, 2),
        Shown::Times(u) => trim(fixed_units(u, 4)),
        Shown::Days(d) => d.to_string(),
        Shown::Count(c) => c.to_string(),
        Shown::Year(y) => y.to_string(),
    }
}

fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn operand(o: &Operand, lang: Lang) -> String {
    let value = shown_text(o.shown, lang);
    match o.term {
        Term::Bare | Term::Days | Term::Multiple => value,
        Term::Children => match lang {
            Lang::Zh => format!("{} 家", shown_bare(o.shown)),
            Lang::En => shown_bare(o.shown),
        },
        Term::KeyProjects => match lang {
            Lang::Zh => format!("重点项目 {} 个", shown_bare(o.shown)),
            Lang::En => format!("{} key projects", shown_bare(o.shown)),
        },
        _ => format!("{} {value}", words(&o.term, lang)),
    }
}

fn expr(e: &Expr, lang: Lang) -> String {
    match e {
        Expr::Operand(o) => operand(o, lang),
        Expr::Number(n) => n.to_string(),
        Expr::Op(a, op, b) => {
            let sign = match op {
                Op::Add => "+",
                Op::Sub => "−",
                Op::Mul => "×",
                Op::Div => "÷",
            };
            format!("{} {sign} {}", expr(a, lang), expr(b, lang))
        }
        Expr::Group(e) => format!("({})", expr(e, lang)),
        Expr::Ceil(e) => format!("⌈{}⌉", expr(e, lang)),
        Expr::Pow(e, num, den) => {
            if *den == 1 {
                format!("{}^{num}", expr(e, lang))
            } else {
                format!("{}^({num}/{den})", expr(e, lang))
            }
        }
        Expr::Sum(parts) => parts
            .iter()
            .map(|p| expr(p, lang))
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

/// A growth in the speech's words: 增长X% below 100%, 增长X倍 from 100% on (X倍 is the growth
/// itself, so the multiple is spelled out beside it when asked), 下降X% for a decline.
pub fn growth_words(units: i64, with_multiple: bool, lang: Lang) -> String {
    let percent = |u: i64| format!("{}%", trim(fixed_units(u, 2)));
    match lang {
        Lang::Zh if units >= 10_000 => {
            // units are hundredths of a percent: 10,000 is one time.
            let times = trim(fixed_units(units, 4));
            if with_multiple {
                let multiple = trim(fixed_units(units + 10_000, 4));
                format!("增长{times}倍（是基数的{multiple}倍）")
            } else {
                format!("增长{times}倍")
            }
        }
        Lang::Zh if units >= 0 => format!("增长{}", percent(units)),
        Lang::Zh => format!("下降{}", percent(-units)),
        Lang::En if units >= 10_000 && with_multiple => {
            let multiple = trim(fixed_units(units + 10_000, 4));
            format!("growth of {} ({multiple} times the base)", percent(units))
        }
        Lang::En if units >= 0 => format!("growth of {}", percent(units)),
        Lang::En => format!("decline of {}", percent(-units)),
    }
}

fn note(n: &Note, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match n {
        Note::LargestRemainder => {
            if zh {
                "（按最大余额法取整，使各项之和等于上级）".into()
            } else {
                " (largest-remainder rounding, so the parts add up to the whole)".into()
            }
        }
        Note::SharesLargestRemainder => {
            if zh {
                "（按最大余额法取整，使同级合计为 100%）".into()
            } else {
                " (largest-remainder rounding, so siblings add up to 100%)".into()
            }
        }
        Note::LeapYear => {
            if zh {
                "（闰年）".into()
            } else {
                " (leap year)".into()
            }
        }
        Note::Growth {
            units,
            with_multiple,
        } => {
            if zh {
                format!("（{}）", growth_words(*units, *with_multiple, lang))
            } else {
                String::new()
            }
        }
        Note::MultipleOf { of, units } => {
            let m = trim(fixed_units(*units, 4));
            if zh {
                format!(
                    "（是{}的{m}倍，即{}）",
                    words(of, lang),
                    growth_words(*units - 10_000, false, lang)
                )
            } else {
                format!(" ({m} times {})", words(of, lang))
            }
        }
        Note::Completion { plan, units } => {
            let over = *units > 10_000;
            if zh {
                format!(
                    "（占年计划{}的{}{}）",
                    shown_text(plan.shown, lang),
                    percent2_units(*units),
                    if over { "，超额完成" } else { "" }
                )
            } else if over {
                " (the plan was exceeded)".into()
            } else {
                String::new()
            }
        }
        Note::HeldFirst(operands) => {
            let [parent, held, free] = &**operands;
            if zh {
                format!(
                    "（{} − 锁定 {} = 可分配 {}）",
                    operand(parent, lang),
                    shown_text(held.shown, lang),
                    shown_text(free.shown, lang)
                )
            } else {
                format!(
                    " ({} − held {} = free {})",
                    operand(parent, lang),
                    shown_text(held.shown, lang),
                    shown_text(free.shown, lang)
                )
            }
        }
        Note::LossMaking(base) => {
            if zh {
                format!(
                    "（上年亏损 {}，按 0 计：亏损单位的利润任务为扭亏持平，上级任务按盈利单位的上年利润分配）",
                    shown_text(base.shown, lang)
                )
            } else {
                format!(
                    " (a loss of {} last year counts as 0: a loss-making unit's quota is to break even, and its parent's goes to the profitable ones by last year's profit)",
                    shown_text(base.shown, lang)
                )
            }
        }
        Note::FellBack => {
            if zh {
                "（基数为零，平均分配）".into()
            } else {
                " (zero bases: split equally)".into()
            }
        }
        Note::AgainstTime { time, units } => {
            let behind = *units < 0;
            let points = trim(fixed_units(units.abs(), 2));
            if zh {
                format!(
                    "；时间进度 {}；{}{points} 个百分点",
                    shown_text(time.shown, lang),
                    if behind {
                        "落后时间进度 "
                    } else {
                        "超前时间进度 "
                    }
                )
            } else {
                format!(
                    "; time progress {}; {} time by {points} percentage points",
                    shown_text(time.shown, lang),
                    if behind { "behind" } else { "ahead of" }
                )
            }
        }
        Note::PointsChange { units } => {
            let points = fixed_units(units.abs(), 2);
            if zh {
                format!(
                    "（{} {points} 个百分点）",
                    if *units >= 0 { "增加" } else { "减少" }
                )
            } else {
                format!(
                    " ({} {points} percentage points)",
                    if *units >= 0 { "up" } else { "down" }
                )
            }
        }
        Note::Beyond { amount } => {
            let beyond = amount.shown;
            let negative = matches!(beyond, Shown::Amount(u, _) if u < 0);
            let abs = match beyond {
                Shown::Amount(u, p) => Shown::Amount(u.abs(), p),
                other => other,
            };
            if zh {
                format!(
                    "（{} {}）",
                    if negative {
                        "计划已超出"
                    } else {
                        "比计划多"
                    },
                    shown_text(abs, lang)
                )
            } else {
                format!(
                    " ({} {})",
                    if negative {
                        "the plan already exceeds it by"
                    } else {
                        "beyond the plan by"
                    },
                    shown_text(abs, lang)
                )
            }
        }
        Note::CommitmentsExceed => {
            if zh {
                "（自报超出任务）".into()
            } else {
                " (commitments exceed the quota)".into()
            }
        }
        Note::SiblingsShareTheRest => {
            if zh {
                "（其余单位分配剩余部分）".into()
            } else {
                " (its siblings share the rest)".into()
            }
        }
        Note::ParentIsZero => {
            if zh {
                "（上级任务为零，比重记为零）".into()
            } else {
                " (the parent's quota is zero, so the share is zero)".into()
            }
        }
        Note::LastYearCount(n) => {
            if zh {
                format!("（上年 {n} 家）")
            } else {
                format!(" (last year {n})")
            }
        }
    }
}

/// The formula as one line: `result = expression = value (notes)`.
pub fn render(f: &Formula, lang: Lang) -> String {
    let lhs = words(&f.result.term, lang);
    let rhs = expr(&f.expr, lang);
    let value = shown_text(f.result.shown, lang);
    // A single operand that is the value itself ("set directly: 330.00") says it once.
    let same = matches!(&f.expr, Expr::Operand(o) if o.shown == f.result.shown);
    let mut out = if same {
        format!("{lhs} = {rhs}")
    } else {
        format!("{lhs} = {rhs} = {value}")
    };
    if lhs.is_empty() {
        out = if same {
            rhs
        } else {
            format!("{rhs} = {value}")
        };
    }
    for n in &f.notes {
        out.push_str(&note(n, lang));
    }
    out
}

/// The formula in parts, for a stage that sets them on lines of their own: what it is, the
/// expression with its operands, the value, and the notes (the same words as [`render`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub lhs: String,
    /// `None` where the expression is the value itself ("set directly").
    pub rhs: Option<String>,
    pub value: String,
    pub notes: String,
}

pub fn parts(f: &Formula, lang: Lang) -> Parts {
    let same = matches!(&f.expr, Expr::Operand(o) if o.shown == f.result.shown);
    Parts {
        lhs: words(&f.result.term, lang),
        rhs: (!same).then(|| expr(&f.expr, lang)),
        value: shown_text(f.result.shown, lang),
        notes: f.notes.iter().map(|n| note(n, lang)).collect(),
    }
}

/// A label for a figure in the current language (the result's words).
pub fn label(f: &Formula, lang: Lang) -> String {
    words(&f.result.term, lang)
}

/// An indicator's name in a language.
pub fn indicator_name(k: Indicator, lang: Lang) -> &'static str {
    k_name(k, lang)
}
