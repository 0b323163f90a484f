//! The decomposition and the quarter table as CSV for Excel and WPS: UTF-8 with a byte-order
//! mark (so Chinese opens intact), numbers as plain numbers (no thousands separators, so they
//! stay numbers), and text that a spreadsheet would run as a formula written as text.

use crate::engine::explain::vocabulary::shown_bare;
use crate::engine::explain::{node_name, shown, Figure, Shown};
use crate::engine::format::fixed_units;
use crate::engine::num::Step;
use crate::engine::plan::{Family, Level};
use crate::engine::round::Precision;
use crate::engine::{Indicator, Lang, Plan, Scenario};

const BOM: &str = "\u{feff}";

/// A text cell that Excel or WPS would read as a formula (`=`, `+`, `-`, `@`, or a leading tab
/// or carriage return) gets a leading apostrophe, which makes it text.
pub fn text_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// A figure as the page shows it, as a plain number: no separators, no unit.
fn plain(figure: Shown) -> String {
    shown_bare(figure)
        .replace(',', "")
        .trim_end_matches('%')
        .to_string()
}

/// Display units as a plain number: `-123456` with 2 decimals → `-1234.56`.
fn number(units: i64, decimals: usize) -> String {
    fixed_units(units, decimals).replace(',', "")
}

/// A cell of an exported table: text, or a figure as a count of its displayed units (so
/// that a CSV writes `1234.56` and a workbook the number 1234.56 shown with two decimals).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Fixed { units: i64, decimals: usize },
    Empty,
}

impl Cell {
    fn fixed(units: i64, decimals: usize) -> Cell {
        Cell::Fixed { units, decimals }
    }

    /// The cell as CSV writes it: a formula-like text made text, a figure a plain number.
    pub fn csv_text(&self) -> String {
        match self {
            Cell::Text(s) => text_cell(s),
            Cell::Fixed { units, decimals } => number(*units, *decimals),
            Cell::Empty => String::new(),
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A figure as the page shows it, as a cell: its displayed digits, without separators.
fn shown_cell(figure: Option<Shown>) -> Cell {
    let Some(f) = figure else {
        return Cell::Empty;
    };
    let plain = plain(f);
    let decimals = plain.split('.').nth(1).map_or(0, str::len);
    match plain.replace('.', "").parse::<i64>() {
        Ok(units) => Cell::fixed(units, decimals),
        Err(_) => Cell::Text(plain),
    }
}

/// Rows of cells as CSV (see [`write`]).
pub fn write_cells(rows: &[Vec<Cell>]) -> String {
    write(
        rows.iter()
            .map(|r| r.iter().map(Cell::csv_text).collect())
            .collect(),
    )
}

/// The rows as CSV after the byte-order mark, CRLF after each (as Excel writes), a field
/// quoted where it holds a comma, a quote or a line break.
fn write(rows: Vec<Vec<String>>) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(BOM.as_bytes().to_vec());
    for row in rows {
        // Writing to memory cannot fail, and every row has the header's length.
        writer
            .write_record(&row)
            .expect("a CSV row written to memory");
    }
    let bytes = writer.into_inner().expect("a CSV flushed to memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 text is UTF-8")
}

fn t(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The decomposition of one indicator as CSV.
pub fn decomposition(s: &Scenario, p: &Plan, indicator: Indicator, lang: Lang) -> String {
    write_cells(&decomposition_rows(s, p, indicator, lang))
}

/// The decomposition of one indicator: county, industries, enterprises (and projects for
/// investment), each with its base, quota, share, Q1 and Q1 daily quota; the first row is
/// the header.
pub fn decomposition_rows(
    s: &Scenario,
    p: &Plan,
    indicator: Indicator,
    lang: Lang,
) -> Vec<Vec<Cell>> {
    let unit = match (p.tree_precision, lang) {
        (Precision::Wan2, Lang::Zh) => "万元",
        (Precision::Yi2, Lang::Zh) => "亿元",
        (Precision::Wan2, Lang::En) => "10k CNY",
        (Precision::Yi2, Lang::En) => "100M CNY",
    };
    let with_unit = |zh: &str, en: &str| match lang {
        Lang::Zh => format!("{zh}（{unit}）"),
        Lang::En => format!("{en} ({unit})"),
    };
    let mut rows = vec![[
        t(lang, "层级", "Level"),
        t(lang, "名称", "Name"),
        t(lang, "上级", "Parent"),
        t(lang, "责任人", "Responsible"),
        t(lang, "包抓单位", "Unit"),
        with_unit("上年基数", "Base"),
        with_unit("全年任务", "Annual quota"),
        t(lang, "占上级（%）", "Share of parent (%)"),
        with_unit("一季度", "Q1"),
        t(lang, "一季度日均（万元）", "Q1 daily (10k CNY)"),
        t(lang, "锁定", "Held"),
    ]
    .map(Cell::Text)
    .to_vec()];
    for (i, info) in p.nodes.iter().enumerate() {
        let Some(f) = p.figures(i, indicator) else {
            continue;
        };
        let level = match (info.level, lang) {
            (Level::County, Lang::Zh) => "全县",
            (Level::Industry, Lang::Zh) => "行业",
            (Level::Enterprise, Lang::Zh) => "企业",
            (Level::Project, Lang::Zh) => "项目",
            (Level::County, Lang::En) => "county",
            (Level::Industry, Lang::En) => "industry",
            (Level::Enterprise, Lang::En) => "enterprise",
            (Level::Project, Lang::En) => "project",
        };
        let data = s.node_at(&info.path);
        let parent = info
            .parent
            .map(|parent| node_name(s, p, parent as usize))
            .unwrap_or_default();
        rows.push(vec![
            text(level),
            text(node_name(s, p, i)),
            text(parent),
            text(data.map(|d| d.responsible.as_str()).unwrap_or("")),
            text(data.map(|d| d.unit.as_str()).unwrap_or("")),
            Cell::fixed(p.tree_precision.units(f.basis), 2),
            Cell::fixed(f.quota_units, 2),
            Cell::fixed(p.units(i, indicator, Family::Share).unwrap_or(0), 2),
            Cell::fixed(p.units(i, indicator, Family::Q1).unwrap_or(0), 2),
            Cell::fixed(p.units(i, indicator, Family::Daily).unwrap_or(0), 2),
            if f.is_held() {
                text(t(lang, "是", "yes"))
            } else {
                Cell::Empty
            },
        ]);
    }
    rows
}

/// The quarter table as CSV.
pub fn quarters(p: &Plan, lang: Lang) -> String {
    write_cells(&quarters_rows(p, lang))
}

/// The quarter table: for each indicator, each quarter's share, amount, cumulative amount and
/// progress, and the daily quota; the first row is the header.
pub fn quarters_rows(p: &Plan, lang: Lang) -> Vec<Vec<Cell>> {
    let mut rows = vec![[
        t(lang, "指标", "Indicator"),
        t(lang, "季度", "Quarter"),
        t(lang, "占全年（%）", "Share of year (%)"),
        t(lang, "任务（亿元）", "Amount (100M CNY)"),
        t(lang, "累计（亿元）", "Cumulative (100M CNY)"),
        t(lang, "任务进度（%）", "Task progress (%)"),
        t(lang, "时间进度（%）", "Time progress (%)"),
        t(lang, "日均（万元）", "Daily (10k CNY)"),
        t(lang, "同比增长（%）", "Year on year (%)"),
    ]
    .map(Cell::Text)
    .to_vec()];
    for ip in &p.indicators {
        let k = ip.indicator;
        for q in 0..4 {
            // Each figure as the page shows it (explain::shown), written as a plain number.
            let cell = |figure: Figure| shown_cell(shown(p, figure));
            rows.push(vec![
                text(t(lang, k.zh(), k.en())),
                text(format!("Q{}", q + 1)),
                Cell::fixed(ip.shares[q].units(Step::PERCENT_2), 2),
                cell(Figure::QuarterAmount(k, q)),
                cell(Figure::Cumulative(k, q)),
                cell(Figure::TaskProgress(k, q)),
                cell(Figure::TimeProgress(q)),
                cell(Figure::Daily(k, q)),
                cell(Figure::QuarterGrowth(k, q)),
            ]);
        }
    }
    rows
}

/// The progress to date as CSV (see [`progress_rows`]).
pub fn progress(s: &Scenario, p: &Plan, lang: Lang) -> String {
    write_cells(&progress_rows(s, p, lang))
}

/// The progress to date: the county's standing per indicator (amounts in 亿元), then the
/// enterprises' (amounts in the table's unit), most behind first; each block with its header.
/// Empty when the scenario has no actuals.
pub fn progress_rows(s: &Scenario, p: &Plan, lang: Lang) -> Vec<Vec<Cell>> {
    use crate::engine::progress::{county_standing, enterprises_by_gap, Part};
    let Some(a) = &s.actuals else {
        return Vec::new();
    };
    let header = |first: String, amount_unit: &str| {
        let mut row = vec![t(lang, "指标", "Indicator"), first];
        for part in Part::ALL {
            let name = part.name().get(lang).to_string();
            let unit = match part {
                Part::Actual | Part::PlanToDate | Part::QuarterRest | Part::YearRest => amount_unit,
                Part::QuarterRestDaily | Part::YearRestDaily => match lang {
                    Lang::Zh => "万元",
                    Lang::En => "10k CNY",
                },
                Part::GapToTime => "",
                _ => "%",
            };
            row.push(match (unit, lang) {
                ("", _) => name,
                (u, Lang::Zh) => format!("{name}（{u}）"),
                (u, Lang::En) => format!("{name} ({u})"),
            });
        }
        row.into_iter().map(Cell::Text).collect::<Vec<_>>()
    };
    let period = a.period.name().get(lang).to_string();
    let yardstick = a.yardstick.name().get(lang).to_string();
    let mut rows = vec![vec![
        text(t(lang, "截至", "Through")),
        text(period),
        text(yardstick),
    ]];
    let yi = t(lang, "亿元", "100M CNY");
    rows.push(header(t(lang, "全县", "County"), &yi));
    for ip in &p.indicators {
        let k = ip.indicator;
        if county_standing(p, k).is_none() {
            continue;
        }
        let mut row = vec![text(t(lang, k.zh(), k.en())), text(node_name(s, p, 0))];
        row.extend(Part::ALL.map(|part| shown_cell(shown(p, Figure::Progress(None, k, part)))));
        rows.push(row);
    }
    // The period's quarter by month, per indicator (the county's, in 亿元).
    let q = a.period.quarter();
    rows.push(Vec::new());
    rows.push(
        [
            t(lang, "指标", "Indicator"),
            t(lang, "月份", "Month"),
            format!("{}（{yi}）", t(lang, "本月任务", "The month's amount")),
            format!(
                "{}（{}）",
                t(lang, "日均", "Daily"),
                t(lang, "万元", "10k CNY")
            ),
            t(lang, "比上年同月（%）", "On last year's month (%)"),
        ]
        .into_iter()
        .map(Cell::Text)
        .collect(),
    );
    for ip in &p.indicators {
        let k = ip.indicator;
        for m in q as u8 * 3 + 1..q as u8 * 3 + 4 {
            rows.push(vec![
                text(t(lang, k.zh(), k.en())),
                text(
                    crate::engine::progress::Period::Month(m)
                        .name()
                        .get(lang)
                        .to_string(),
                ),
                shown_cell(shown(p, Figure::Month(k, m))),
                shown_cell(shown(p, Figure::MonthDaily(k, m))),
                shown_cell(shown(p, Figure::MonthYoy(k, m))),
            ]);
        }
    }
    let (zh, en) = s.tree_unit.names();
    let unit = t(lang, zh, en);
    let mut first = true;
    for ip in &p.indicators {
        let k = ip.indicator;
        for (i, _) in enterprises_by_gap(p, k) {
            if first {
                rows.push(Vec::new());
                rows.push(header(t(lang, "企业", "Enterprise"), &unit));
                first = false;
            }
            let mut row = vec![text(t(lang, k.zh(), k.en())), text(node_name(s, p, i))];
            row.extend(
                Part::ALL.map(|part| shown_cell(shown(p, Figure::Progress(Some(i), k, part)))),
            );
            rows.push(row);
        }
    }
    rows
}

/// The months of a quarter (0–3) of an indicator for every node, as CSV.
pub fn months(s: &Scenario, p: &Plan, k: Indicator, quarter: usize, lang: Lang) -> String {
    write_cells(&months_rows(s, p, k, quarter, lang))
}

/// The months of a quarter for the county, each industry and each enterprise (and project
/// where the indicator reaches them): level, name, the quarter, each month and each month's
/// daily quota, as the page shows them; the first row is the header.
pub fn months_rows(
    s: &Scenario,
    p: &Plan,
    k: Indicator,
    quarter: usize,
    lang: Lang,
) -> Vec<Vec<Cell>> {
    use crate::engine::explain::node_month_shown;
    use crate::engine::progress::{all_node_months, Period};
    let (zh, en) = s.tree_unit.names();
    let unit = t(lang, zh, en);
    let wan = t(lang, "万元", "10k CNY");
    let with = |name: String, unit: &str| match lang {
        Lang::Zh => format!("{name}（{unit}）"),
        Lang::En => format!("{name} ({unit})"),
    };
    let first = quarter as u8 * 3 + 1;
    let month = |m: u8| Period::Month(m).name().get(lang).to_string();
    let mut header = vec![
        text(t(lang, "层级", "Level")),
        text(t(lang, "名称", "Name")),
        text(with(t(lang, "季度任务", "The quarter"), &unit)),
    ];
    header.extend((first..first + 3).map(|m| text(with(month(m), &unit))));
    header.extend((first..first + 3).map(|m| {
        text(with(
            format!("{} {}", month(m), t(lang, "日均", "daily")),
            &wan,
        ))
    }));
    let mut rows = vec![header];
    for nm in all_node_months(p, k, quarter).into_iter().flatten() {
        let Some(shown) = (0..3)
            .map(|i| node_month_shown(p, &nm, i))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let level = match p.nodes[nm.node].level {
            Level::County => t(lang, "全县", "County"),
            Level::Industry => t(lang, "行业", "Industry"),
            Level::Enterprise => t(lang, "企业", "Enterprise"),
            Level::Project => t(lang, "项目", "Project"),
        };
        let mut row = vec![
            text(level),
            text(node_name(s, p, nm.node)),
            shown_cell(Some(Shown::Amount(nm.quarter_units, p.tree_precision))),
        ];
        row.extend(shown.iter().map(|x| shown_cell(Some(x.0))));
        row.extend(shown.iter().map(|x| shown_cell(Some(x.1))));
        rows.push(row);
    }
    rows
}

/// The actuals as entered, in the layout the progress card reads back (by its headings):
/// 截至 | period | yardstick, then per indicator the county's row and each enterprise's,
/// with the actual to date, the quarter before's and last year's same period, all in the
/// table's unit (exact: an amount has at most 8 places of 亿元). Empty without actuals.
pub fn actuals_rows(s: &Scenario, lang: Lang) -> Vec<Vec<Cell>> {
    use crate::engine::scenario::AmountUnit;
    let Some(a) = &s.actuals else {
        return Vec::new();
    };
    let (zh, en) = s.tree_unit.names();
    let unit = t(lang, zh, en);
    let in_unit = |v: Option<crate::engine::Dec>| match v {
        None => Cell::Empty,
        Some(v) => {
            let (v, decimals) = match s.tree_unit {
                AmountUnit::Yi => (Some(v), 8),
                AmountUnit::Wan => (v.mul_ratio(10_000, 1), 4),
            };
            match v.and_then(|v| v.scaled(decimals as u32)) {
                Some(units) => match i64::try_from(units) {
                    Ok(units) => Cell::fixed(units, decimals),
                    Err(_) => Cell::Text(v.map(|v| v.to_string()).unwrap_or_default()),
                },
                None => Cell::Text(v.map(|v| v.to_string()).unwrap_or_default()),
            }
        }
    };
    let heading = |zh: &str, en: &str| match lang {
        Lang::Zh => text(format!("{zh}（{unit}）")),
        Lang::En => text(format!("{en} ({unit})")),
    };
    let mut rows = vec![
        vec![
            text(t(lang, "截至", "Through")),
            text(a.period.name().get(lang).to_string()),
            text(a.yardstick.name().get(lang).to_string()),
        ],
        vec![
            text(t(lang, "指标", "Indicator")),
            text(t(lang, "企业名称", "Enterprise name")),
            heading("累计实际", "Actual to date"),
            heading("上季度末累计", "Cumulative at the quarter before"),
            heading("上年同期累计", "Last year, same period"),
        ],
    ];
    let county = if s.county.trim().is_empty() {
        t(lang, "全县", "County")
    } else {
        s.county.clone()
    };
    for input in &s.indicators {
        let k = input.indicator;
        let name = text(t(lang, k.zh(), k.en()));
        if let Some(v) = a.county.get(k) {
            rows.push(vec![
                name.clone(),
                text(county.clone()),
                in_unit(Some(v)),
                in_unit(a.county_before_quarter.get(k)),
                in_unit(a.county_last_year.get(k)),
            ]);
        }
        for industry in &s.tree.industries {
            for e in &industry.enterprises {
                let id = e.node.id;
                let Some(v) = a.nodes.get(&id).and_then(|v| v.get(k)) else {
                    continue;
                };
                rows.push(vec![
                    name.clone(),
                    text(e.node.name.clone()),
                    in_unit(Some(v)),
                    in_unit(a.nodes_before_quarter.get(&id).and_then(|v| v.get(k))),
                    in_unit(a.nodes_last_year.get(&id).and_then(|v| v.get(k))),
                ]);
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::example;
    use crate::engine::plan;

    fn read(csv_text: &str) -> Vec<Vec<String>> {
        assert!(csv_text.starts_with(BOM));
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv_text.trim_start_matches(BOM).as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn decomposition_reads_back_with_chinese_intact_and_quotas_that_add_up() {
        let s = example();
        let p = plan(&s).unwrap();
        let rows = read(&decomposition(&s, &p, Indicator::Output, Lang::Zh));
        assert_eq!(rows[0][0], "层级");
        assert_eq!(rows[1][1], "示例县");
        let quota = |r: &Vec<String>| (r[6].parse::<f64>().unwrap() * 100.0).round() as i64;
        let county = quota(&rows[1]);
        let industries: i64 = rows.iter().filter(|r| r[0] == "行业").map(quota).sum();
        assert_eq!(county, industries);
        assert_eq!(county, p.figures(0, Indicator::Output).unwrap().quota_units);
        // Every number cell is a plain number a spreadsheet reads as one.
        assert!(rows[1..]
            .iter()
            .all(|r| r[5..10].iter().all(|c| c.parse::<f64>().is_ok())));
    }

    #[test]
    fn formula_like_names_are_written_as_text_and_numbers_stay_numbers() {
        let mut s = example();
        s.tree.industry_mut(0).enterprises[0].node.name = "=HYPERLINK(\"http://x\",\"y\")".into();
        s.tree.industry_mut(0).enterprises[1].node.name = "-1+2".into();
        s.tree.industry_mut(0).enterprises[2].node.responsible = "@SUM(A1)".into();
        s.tree.industry_mut(0).enterprises[3].node.name = "\tTAB".into();
        let p = plan(&s).unwrap();
        let rows = read(&decomposition(&s, &p, Indicator::Output, Lang::En));
        let cells: Vec<&String> = rows.iter().flatten().collect();
        for bad in ["=HYPERLINK", "-1+2", "@SUM", "\tTAB"] {
            assert!(
                cells
                    .iter()
                    .any(|c| **c == format!("'{}", c.trim_start_matches('\'')) && c.contains(bad)),
                "{bad}"
            );
            assert!(
                !cells.iter().any(|c| c.starts_with(bad)),
                "{bad} left as a formula"
            );
        }
        for (x, want) in [
            ("=1", "'=1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@a", "'@a"),
            ("\r", "'\r"),
            ("a=1", "a=1"),
            ("", ""),
        ] {
            assert_eq!(text_cell(x), want);
        }
        assert_eq!(number(-123_456, 2), "-1234.56");
    }

    proptest::proptest! {
        /// The contract, for any names: the file starts with the byte-order mark; read back
        /// by a CSV reader, every name is its cell (a formula-like one made text with a leading
        /// apostrophe), whatever quotes, commas, tabs or line breaks it holds; every figure
        /// cell is a plain number.
        #[test]
        fn any_name_reads_back_as_its_text_and_figures_as_plain_numbers(
            names in proptest::collection::vec("[=+@\\-]?[a\",\t\r\n 甲=]{0,8}", 3)
        ) {
            let mut s = example();
            for (e, name) in names.iter().enumerate() {
                s.tree.industry_mut(0).enterprises[e].node.name = name.clone();
            }
            let Ok(p) = plan(&s) else {
                // A name the validator refuses (blank, a duplicate) is not this test's.
                return Ok(());
            };
            let text = decomposition(&s, &p, Indicator::Output, Lang::Zh);
            let rows = read(&text);
            for (e, name) in names.iter().enumerate() {
                let node = p.node_index(s.tree.industries[0].enterprises[e].node.id).unwrap();
                let shown = node_name(&s, &p, node);
                proptest::prop_assert!(
                    rows.iter().any(|r| r[1] == text_cell(&shown)),
                    "{:?} (shown {:?}) not read back", name, shown
                );
            }
            for r in &rows[1..] {
                for cell in &r[5..10] {
                    proptest::prop_assert!(
                        cell.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
                            && cell.parse::<f64>().is_ok(),
                        "{:?} is not a plain number", cell
                    );
                }
            }
        }
    }

    #[test]
    fn the_quarter_table_has_four_quarters_per_indicator_adding_up_to_the_target() {
        let p = plan(&example()).unwrap();
        let rows = read(&quarters(&p, Lang::Zh));
        assert_eq!(rows.len(), 1 + 4 * p.indicators.len());
        let output: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "规上产值").collect();
        assert_eq!(output[0][3], "72.60");
        let sum: i64 = output
            .iter()
            .map(|r| (r[3].parse::<f64>().unwrap() * 100.0).round() as i64)
            .sum();
        assert_eq!(sum, 33_000);
    }

    /// The worked example after 1–2月 (docs/DOMAIN.md), exported: March's 8,903.23万元 a day
    /// for the county, 宏远煤化 first among the enterprises; nothing without actuals.
    #[test]
    fn progress_exports_the_standings_as_the_page_shows_them() {
        use crate::engine::indicator::SparseValues;
        use crate::engine::scenario::Actuals;
        let mut s = example();
        assert_eq!(progress(&s, &plan(&s).unwrap(), Lang::Zh), write_cells(&[]));
        let k = Indicator::Output;
        let mut a = Actuals {
            county: SparseValues::default().with(k, "45".parse().unwrap()),
            ..Actuals::default()
        };
        a.nodes
            .insert(2, SparseValues::default().with(k, "5".parse().unwrap()));
        a.nodes
            .insert(3, SparseValues::default().with(k, "4".parse().unwrap()));
        s.actuals = Some(std::sync::Arc::new(a));
        let p = plan(&s).unwrap();
        let rows = read(&progress(&s, &p, Lang::Zh));
        assert_eq!(rows[0][1], "1–2月");
        let head = &rows[1];
        let daily = head
            .iter()
            .position(|h| h.starts_with("本季度剩余日均"))
            .unwrap();
        assert_eq!(rows[2][0], "规上产值");
        assert_eq!(rows[2][daily], "8903.23");
        let first = rows
            .iter()
            .position(|r| r.first().is_some_and(|c| c == "指标") && r[1] == "企业")
            .unwrap();
        assert_eq!(rows[first + 1][1], "示例县宏远煤化有限公司");
        // The quarter by month: March 25.00亿元, 8,066.67万元 a day.
        assert!(rows.iter().any(|r| r.len() >= 4
            && r[0] == "规上产值"
            && r[1] == "3月"
            && r[2] == "25.00"
            && r[3] == "8066.67"));
        assert_eq!(rows[first + 1][daily], "1400.39");
        assert_eq!(rows.len(), first + 3);
    }
}
