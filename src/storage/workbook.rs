//! Workbooks: the office's spreadsheet in, the decomposition out.
//!
//! Reading (calamine): `.xlsx`, `.xlsm`, `.xls`, `.xlsb` and `.ods`, each sheet a
//! [`Table`] of text cells for `engine::import`; merged cells (an industry written once over
//! its enterprises) are filled with their value. CSV and tab-separated text files are read
//! too, in UTF-8 or in GB18030 (what WPS and Excel save on Chinese Windows).
//!
//! Writing (rust_xlsxwriter): the enterprise list as `engine::import` reads it back (so that
//! an exported workbook, edited and imported again, updates the same scenario), one sheet per
//! indicator with its decomposition, the quarter table, and the scenario's settings. Figures
//! are numbers with the page's displayed digits, headers Chinese (or English).

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Dimensions, Range, Reader, Sheets};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::csv::{decomposition_rows, quarters_rows, Cell};
use crate::engine::calendar::quarter_days;
use crate::engine::import::{Column, Table, ValueKind, MAX_ROWS};
use crate::engine::{AmountUnit, Bilingual, Dec, Indicator, Lang, NodeData, Plan, Scenario};

/// The most columns read from a sheet (an office list has a few dozen).
const MAX_COLUMNS: usize = 256;

/// One sheet of a workbook, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub table: Table,
}

fn not_readable(zh: impl std::fmt::Display, en: impl std::fmt::Display) -> Bilingual {
    Bilingual::new(
        format!("无法读取文件：{zh}"),
        format!("the file cannot be read: {en}"),
    )
}

/// Read a file as sheets of text cells. A workbook is told by its content, not its name;
/// anything else is read as CSV text, and a file that is neither says so.
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, Bilingual> {
    // ZIP (xlsx, xlsm, xlsb, ods) or OLE (xls) by their first bytes.
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if is_zip || is_ole {
        read_workbook(bytes)
    } else {
        read_text(bytes).map(|table| {
            vec![Sheet {
                name: String::new(),
                table,
            }]
        })
    }
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, Bilingual> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        not_readable(
            format!("不是可读取的 Excel/WPS 工作簿（{e}）"),
            format!("not a readable Excel/WPS workbook ({e})"),
        )
    })?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            not_readable(
                format!("工作表“{name}”：{e}"),
                format!("sheet “{name}”: {e}"),
            )
        })?;
        let merged = merged_regions(&mut book, &name);
        sheets.push(Sheet {
            table: table_of(&range, &merged),
            name,
        });
    }
    if sheets.is_empty() {
        return Err(not_readable(
            "工作簿中没有工作表",
            "the workbook has no sheet",
        ));
    }
    Ok(sheets)
}

/// Merged regions of a sheet (first and last (row, column) of each).
fn merged_regions(book: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A cell as text: numbers with Excel's own 15 significant digits, so that a value computed
/// in the sheet (1234.5600000000002) reads as it is shown (1234.56).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => excel_number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => excel_number(d.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A double as a spreadsheet shows it: 15 significant digits, no exponent, no trailing zeros.
pub fn excel_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f == 0.0 {
        return "0".into();
    }
    let magnitude = f.abs().log10().floor() as i32;
    let places = (14 - magnitude).clamp(0, 20) as usize;
    let text = format!("{f:.places$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn table_of(range: &Range<Data>, merged: &[Dimensions]) -> Table {
    let Some((top, left)) = range.start() else {
        return Table::default();
    };
    let (height, width) = range.get_size();
    // Columns keep their letters: cells left of the range's first are empty.
    let width = (left as usize + width).min(MAX_COLUMNS);
    let mut rows: Vec<(usize, Vec<String>)> = Vec::with_capacity(height.min(MAX_ROWS + 2));
    let mut filled = 0;
    for (r, cells) in range.rows().enumerate() {
        // Two rows that hold anything more than a table may hold are enough for the import
        // to refuse it (blank rows between do not count).
        if filled > MAX_ROWS + 1 {
            break;
        }
        if cells.iter().any(|c| !matches!(c, Data::Empty)) {
            filled += 1;
        }
        let mut row = vec![String::new(); width];
        for (c, cell) in cells.iter().enumerate() {
            if let Some(slot) = row.get_mut(left as usize + c) {
                *slot = cell_text(cell);
            }
        }
        rows.push((top as usize + r + 1, row));
    }
    // A merged region shows its first cell's value over all its cells.
    for &Dimensions {
        start: (r0, c0),
        end: (r1, c1),
    } in merged
    {
        let at = |r: u32| r.checked_sub(top).map(|i| i as usize);
        let Some(value) = at(r0)
            .and_then(|i| rows.get(i))
            .and_then(|(_, row)| row.get(c0 as usize))
            .cloned()
        else {
            continue;
        };
        // Only over the rows and columns read: a hostile file's whole-column merges cost no
        // more than the table.
        let last_row = (top as usize + rows.len()).saturating_sub(1) as u32;
        for r in r0..=r1.min(last_row) {
            let Some(row) = at(r).and_then(|i| rows.get_mut(i)) else {
                continue;
            };
            for c in c0..=c1.min(width.saturating_sub(1) as u32) {
                if let Some(slot) = row.1.get_mut(c as usize) {
                    *slot = value.clone();
                }
            }
        }
    }
    Table { rows }
}

/// A text file: UTF-8 (with or without a byte-order mark) or GB18030; comma-separated, or
/// tab-separated when its first line has tabs and no commas.
fn read_text(bytes: &[u8]) -> Result<Table, Bilingual> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|t| t.into_owned())
            .ok_or_else(|| {
                not_readable(
                    "既不是工作簿（.xlsx/.xls/.ods），也不是 CSV 文本",
                    "neither a workbook (.xlsx/.xls/.ods) nor CSV text",
                )
            })?,
    };
    if text.contains('\0') {
        return Err(not_readable(
            "既不是工作簿（.xlsx/.xls/.ods），也不是 CSV 文本",
            "neither a workbook (.xlsx/.xls/.ods) nor CSV text",
        ));
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    // Read as a paste is: each row with the line it starts on.
    let mut table = crate::engine::paste::read_delimited(&text, delimiter)
        .map_err(|why| not_readable(&why.zh, &why.en))?;
    for (_, row) in &mut table.rows {
        row.truncate(MAX_COLUMNS);
    }
    Ok(table)
}

/// The sheet an import starts from: the first whose header names enterprises, industries
/// or projects (an exported workbook's enterprise list), else the first.
pub fn list_sheet(sheets: &[Sheet]) -> usize {
    use crate::engine::import::Mapping;
    sheets
        .iter()
        .position(|s| {
            let m = Mapping::detect(&s.table);
            m.header && m.columns.contains(&Some(Column::Enterprise))
        })
        .unwrap_or(0)
}

fn t(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// Actuals read from a workbook's sheets: the one that names a period (the exported 实际数
/// sheet), else the one that names the most enterprises; of sheets that read nothing, the
/// first (its problems are the ones said).
pub fn actuals_in(
    s: &Scenario,
    sheets: &[Sheet],
    indicator: crate::engine::Indicator,
) -> crate::engine::progress::ReadActuals {
    sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| {
            let read = crate::engine::progress::enterprise_actuals_in(
                s,
                &sheet.table,
                s.tree_unit,
                indicator,
            );
            (i, read)
        })
        .max_by_key(|(i, read)| {
            (
                read.period.is_some(),
                read.enterprises(),
                read.rows.len(),
                std::cmp::Reverse(*i),
            )
        })
        .map(|(_, read)| read)
        .unwrap_or_default()
}

/// The enterprise list's sheet name (also how a re-import finds it).
pub fn list_sheet_name(lang: Lang) -> String {
    t(lang, "企业名单", "Enterprises")
}

/// An amount in the table's unit as the number a sheet holds.
fn in_unit(v: Dec, unit: AmountUnit) -> f64 {
    let v = match unit {
        AmountUnit::Yi => Some(v),
        AmountUnit::Wan => v.mul_ratio(10_000, 1),
    };
    v.map_or(0.0, |v| v.to_string().parse().unwrap_or(0.0))
}

/// The enterprise list as the import reads it: level, names, people, and each value column
/// (every listed indicator's base; commitments and holds where any node has one).
fn list_rows(s: &Scenario, lang: Lang) -> (Vec<String>, Vec<Vec<ListCell>>) {
    let listed: Vec<Indicator> = Indicator::ALL
        .into_iter()
        .filter(|k| s.indicator(*k).is_some())
        .collect();
    let mut nodes: Vec<(&str, &str, &str, &str, &NodeData)> = Vec::new();
    for industry in &s.tree.industries {
        let i = industry.node.name.as_str();
        nodes.push(("行业", i, "", "", &industry.node));
        for e in &industry.enterprises {
            nodes.push(("企业", i, &e.node.name, "", &e.node));
            for p in &e.projects {
                nodes.push(("项目", i, &e.node.name, &p.node.name, &p.node));
            }
        }
    }
    let used = |kind: ValueKind, k: Indicator| {
        kind == ValueKind::Base
            || nodes.iter().any(|(.., n)| match kind {
                ValueKind::Commitment => n.commitment.get(k).is_some(),
                ValueKind::Held => n.held.get(k).is_some(),
                ValueKind::Base => true,
            })
    };
    let values: Vec<(ValueKind, Indicator)> = ValueKind::ALL
        .into_iter()
        .flat_map(|kind| listed.iter().map(move |&k| (kind, k)))
        .filter(|&(kind, k)| used(kind, k))
        .collect();
    let (unit_zh, unit_en) = s.tree_unit.names();
    let mut header: Vec<String> = Column::TEXTS
        .iter()
        .map(|c| c.name().get(lang).to_string())
        .collect();
    for &(kind, k) in &values {
        let name = Column::Value(kind, k).name();
        header.push(match lang {
            Lang::Zh => format!("{}（{unit_zh}）", name.zh),
            Lang::En => format!("{} ({unit_en})", name.en),
        });
    }
    let level_name = |level: &str| -> String {
        match (level, lang) {
            (l, Lang::Zh) => l.to_string(),
            ("行业", Lang::En) => "industry".into(),
            ("企业", Lang::En) => "enterprise".into(),
            (_, Lang::En) => "project".into(),
        }
    };
    let rows = nodes
        .iter()
        .map(|&(level, industry, enterprise, project, n)| {
            let mut row = vec![
                ListCell::Text(level_name(level)),
                ListCell::Text(industry.to_string()),
                ListCell::Text(enterprise.to_string()),
                ListCell::Text(project.to_string()),
                ListCell::Text(n.responsible.clone()),
                ListCell::Text(n.unit.clone()),
            ];
            for &(kind, k) in &values {
                let v = match kind {
                    ValueKind::Base => n.base.get(k),
                    ValueKind::Commitment => n.commitment.get(k),
                    ValueKind::Held => n.held.get(k),
                };
                row.push(v.map_or(ListCell::Empty, |v| {
                    ListCell::Amount(in_unit(v, s.tree_unit))
                }));
            }
            row
        })
        .collect();
    (header, rows)
}

enum ListCell {
    Text(String),
    Amount(f64),
    Empty,
}

fn write_error(e: XlsxError) -> Bilingual {
    Bilingual::new(
        format!("无法生成工作簿：{e}"),
        format!("the workbook cannot be written: {e}"),
    )
}

/// A sheet of cells, its header bold and frozen, its columns wide enough for their text.
fn write_cells(sheet: &mut Worksheet, rows: &[Vec<Cell>], bold: &Format) -> Result<(), XlsxError> {
    let formats: Vec<Format> = (0..=4)
        .map(|d| {
            let pattern = if d == 0 {
                "#,##0".to_string()
            } else {
                format!("#,##0.{}", "0".repeat(d))
            };
            Format::new()
                .set_num_format(pattern)
                .set_align(FormatAlign::Right)
        })
        .collect();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Cell::Text(s) if r == 0 => {
                    sheet.write_string_with_format(r, c, s, bold)?;
                }
                Cell::Text(s) => {
                    sheet.write_string(r, c, s)?;
                }
                Cell::Fixed { units, decimals } => {
                    let value = *units as f64 / 10f64.powi(*decimals as i32);
                    sheet.write_number_with_format(r, c, value, &formats[(*decimals).min(4)])?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    Ok(())
}

/// The scenario's settings and targets, one per row, as a person reads them.
fn settings_rows(s: &Scenario, p: &Plan, lang: Lang) -> Vec<Vec<Cell>> {
    let text = |x: &str| Cell::Text(x.to_string());
    // Inputs are written exactly (at least two decimals), so that a sheet read back unedited
    // changes nothing; what the plan derives (the target, the growth) as the page shows it.
    let exact = |v: Dec| {
        let decimals = v.places().clamp(2, 8);
        match v.scaled(decimals).and_then(|u| i64::try_from(u).ok()) {
            Some(units) => Cell::Fixed {
                units,
                decimals: decimals as usize,
            },
            None => Cell::Text(crate::engine::format::plain(v)),
        }
    };
    let pct = |v: Dec| exact(v.mul_ratio(100, 1).unwrap_or(v));
    let yi = exact;
    let yi2 = |v: Dec| Cell::Fixed {
        units: v.units(crate::engine::num::Step::YI_2),
        decimals: 2,
    };
    let pct2 = |v: Dec| Cell::Fixed {
        units: v.units(crate::engine::num::Step::PERCENT_2),
        decimals: 2,
    };
    let days = s.quarter_days.unwrap_or_else(|| quarter_days(s.plan_year));
    let mut rows = vec![
        vec![
            text(&t(lang, "项目", "Setting")),
            text(&t(lang, "值", "Value")),
        ],
        vec![text(&t(lang, "县名", "County")), text(&s.county)],
        vec![text(&t(lang, "方案名称", "Scenario")), text(&s.name)],
        vec![
            text(&t(lang, "计划年份", "Plan year")),
            Cell::Fixed {
                units: s.plan_year as i64,
                decimals: 0,
            },
        ],
        vec![
            text(&t(lang, "分解表单位", "Decomposition unit")),
            text(match lang {
                Lang::Zh => s.tree_unit.names().0,
                Lang::En => s.tree_unit.names().1,
            }),
        ],
        vec![
            text(&t(lang, "日均天数", "Days for daily quotas")),
            text(&match (s.quarter_days.is_some(), lang) {
                (false, Lang::Zh) => "日历天数".to_string(),
                (true, Lang::Zh) => "工作日".to_string(),
                (false, Lang::En) => "calendar days".to_string(),
                (true, Lang::En) => "working days".to_string(),
            }),
        ],
    ];
    for (q, d) in days.iter().enumerate() {
        rows.push(vec![
            text(&match lang {
                Lang::Zh => format!("{}天数", crate::engine::calendar::quarter_zh(q)),
                Lang::En => format!("{} days", crate::engine::calendar::quarter_en(q)),
            }),
            Cell::Fixed {
                units: *d as i64,
                decimals: 0,
            },
        ]);
    }
    for (q, share) in s.quarter_shares.iter().enumerate() {
        rows.push(vec![
            text(&match lang {
                Lang::Zh => format!("{}占比（%）", crate::engine::calendar::quarter_zh(q)),
                Lang::En => format!("{} share (%)", crate::engine::calendar::quarter_en(q)),
            }),
            pct(*share),
        ]);
    }
    rows.push(Vec::new());
    let mut header = vec![
        text(&t(lang, "指标", "Indicator")),
        text(&t(
            lang,
            "上年实际（亿元）",
            "Last year's actual (100M CNY)",
        )),
        text(&t(lang, "上年计划（亿元）", "Last year's plan (100M CNY)")),
        text(&t(
            lang,
            "前年实际（亿元）",
            "The year before's actual (100M CNY)",
        )),
        text(&t(lang, "今年目标（亿元）", "Target (100M CNY)")),
        text(&t(lang, "增长率（%）", "Growth (%)")),
    ];
    for q in 0..4 {
        header.push(text(&match lang {
            Lang::Zh => format!("{}占比（%）", crate::engine::calendar::quarter_zh(q)),
            Lang::En => format!("{} share (%)", crate::engine::calendar::quarter_en(q)),
        }));
    }
    for q in 0..4 {
        header.push(text(&match lang {
            Lang::Zh => format!("上年{}（亿元）", crate::engine::calendar::quarter_zh(q)),
            Lang::En => format!(
                "Last year's {} (100M CNY)",
                crate::engine::calendar::quarter_en(q)
            ),
        }));
    }
    rows.push(header);
    for input in &s.indicators {
        let k = input.indicator;
        let planned = p.indicator(k);
        let mut row = vec![
            text(match lang {
                Lang::Zh => k.zh(),
                Lang::En => k.en(),
            }),
            yi(input.base_actual),
            input.last_year_plan.map_or(Cell::Empty, yi),
            input.year_before_actual.map_or(Cell::Empty, yi),
            planned.map_or(Cell::Empty, |ip| yi2(ip.target)),
            planned.and_then(|ip| ip.growth).map_or(Cell::Empty, pct2),
        ];
        let shares = input.quarter_shares.unwrap_or(s.quarter_shares);
        row.extend(shares.iter().map(|v| pct(*v)));
        match input.base_quarters {
            Some(b) => row.extend(b.iter().map(|v| yi(*v))),
            None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]),
        }
        rows.push(row);
    }
    rows
}

/// The decomposition as an `.xlsx` workbook: the enterprise list (re-importable), one sheet
/// per indicator, the quarter table, the settings.
pub fn write(s: &Scenario, p: &Plan, lang: Lang) -> Result<Vec<u8>, Bilingual> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let amount = Format::new().set_num_format("#,##0.00##");
    (|| -> Result<(), XlsxError> {
        let (header, rows) = list_rows(s, lang);
        let sheet = book.add_worksheet();
        sheet.set_name(list_sheet_name(lang))?;
        for (c, h) in header.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &bold)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    ListCell::Text(x) if !x.is_empty() => {
                        sheet.write_string(r, c, x)?;
                    }
                    ListCell::Amount(v) => {
                        sheet.write_number_with_format(r, c, *v, &amount)?;
                    }
                    _ => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 3)?;
        sheet.autofit();
        for input in &s.indicators {
            let k = input.indicator;
            let sheet = book.add_worksheet();
            sheet.set_name(match lang {
                Lang::Zh => k.zh().to_string(),
                Lang::En => capitalised(k.en()),
            })?;
            write_cells(sheet, &decomposition_rows(s, p, k, lang), &bold)?;
        }
        let sheet = book.add_worksheet();
        sheet.set_name(t(lang, "季度", "Quarters"))?;
        write_cells(sheet, &quarters_rows(p, lang), &bold)?;
        let sheet = book.add_worksheet();
        sheet.set_name(t(lang, "设置", "Settings"))?;
        write_cells(sheet, &settings_rows(s, p, lang), &bold)?;
        // Where the year stands, when actuals were entered.
        let progress = super::csv::progress_rows(s, p, lang);
        if !progress.is_empty() {
            let sheet = book.add_worksheet();
            sheet.set_name(t(lang, "进度", "Progress"))?;
            write_cells(sheet, &progress, &bold)?;
            // The actuals as entered, for the progress card to read back.
            let sheet = book.add_worksheet();
            sheet.set_name(t(lang, "实际数", "Actuals"))?;
            write_cells(sheet, &super::csv::actuals_rows(s, lang), &bold)?;
        }
        Ok(())
    })()
    .map_err(write_error)?;
    book.save_to_buffer().map_err(write_error)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::example;
    use crate::engine::import::{self, Mapping, RowAction};
    use crate::engine::plan;

    fn exported(s: &Scenario, lang: Lang) -> Vec<Sheet> {
        let p = plan(s).unwrap();
        let bytes = write(s, &p, lang).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        read(&bytes).unwrap()
    }

    /// The tree without ids, for comparing scenarios built apart.
    fn tree_text(s: &Scenario) -> String {
        let mut t = s.tree.clone();
        t.for_each_node_mut(|n| n.id = 0);
        serde_json::to_string(&t).unwrap()
    }

    #[test]
    fn the_actuals_sheet_reads_back_as_the_actuals_entered() {
        use crate::engine::indicator::SparseValues;
        use crate::engine::progress::{Period, Yardstick};
        use crate::engine::scenario::Actuals;
        use crate::engine::Indicator;
        let mut s = example();
        let d = |x: &str| x.parse::<crate::engine::Dec>().unwrap();
        let (k, va) = (Indicator::Output, Indicator::ValueAdded);
        let mut a = Actuals {
            period: Period::Month(5),
            yardstick: Yardstick::EvenMonths,
            county: SparseValues::default()
                .with(k, d("130.12345678"))
                .with(va, d("30")),
            county_before_quarter: SparseValues::default().with(k, d("70")),
            county_last_year: SparseValues::default().with(k, d("120.5")),
            ..Actuals::default()
        };
        a.nodes.insert(
            2,
            SparseValues::default()
                .with(k, d("17.3"))
                .with(va, d("4.0001")),
        );
        a.nodes.insert(3, SparseValues::default().with(k, d("6")));
        a.nodes_before_quarter
            .insert(2, SparseValues::default().with(k, d("9")));
        a.nodes_last_year
            .insert(3, SparseValues::default().with(k, d("5.5")));
        s.actuals = Some(std::sync::Arc::new(a.clone()));
        for lang in [Lang::Zh, Lang::En] {
            let sheets = exported(&s, lang);
            // Read with another indicator selected: the sheet names its own.
            let read = actuals_in(&s, &sheets, Indicator::Profit);
            assert!(read.problems.is_empty(), "{:?}", read.problems);
            let mut back = Actuals::default();
            read.apply(&mut back);
            assert_eq!(back, a, "{lang:?}");
        }
    }

    #[test]
    fn an_exported_workbook_reads_back_as_the_same_scenario() {
        let mut s = example();
        // Commitments and holds travel too, and projects.
        s.tree.industry_mut(0).enterprises[0]
            .node
            .commitment
            .set(Indicator::Profit, Some("0.12345678".parse().unwrap()));
        s.tree.industry_mut(1).enterprises[1]
            .node
            .held
            .set(Indicator::Output, Some("1.5".parse().unwrap()));
        for lang in [Lang::Zh, Lang::En] {
            let sheets = exported(&s, lang);
            let names: Vec<&str> = sheets.iter().map(|x| x.name.as_str()).collect();
            assert_eq!(names[0], list_sheet_name(lang));
            assert_eq!(names.len(), 1 + s.indicators.len() + 2, "{names:?}");
            assert_eq!(list_sheet(&sheets), 0);
            let table = &sheets[0].table;
            // Into the same scenario: every row updates, and nothing changes.
            let p = import::preview(&s, table, None).unwrap();
            assert!(p.mapping.header);
            assert!(
                p.rows
                    .iter()
                    .all(|r| matches!(r.action, RowAction::Update { .. })),
                "{:?}",
                p.rows
                    .iter()
                    .find(|r| !matches!(r.action, RowAction::Update { .. }))
            );
            let mut same = s.clone();
            import::apply(&mut same, &p);
            assert_eq!(same, s, "{lang:?}");
            // Into a blank tree: the same industries, enterprises, projects and values.
            let mut blank = s.clone();
            blank.tree.industries.clear();
            let p = import::preview(&blank, table, None).unwrap();
            assert_eq!(p.counts().2, 0, "nothing skipped");
            import::apply(&mut blank, &p);
            assert_eq!(tree_text(&blank), tree_text(&s));
        }
    }

    #[test]
    fn a_number_changed_in_the_workbook_is_the_change_imported() {
        let s = example();
        let mut sheets = exported(&s, Lang::Zh);
        let table = &mut sheets[0].table;
        let header = table.rows[0].1.clone();
        let col = header
            .iter()
            .position(|h| h.starts_with("利润 上年基数"))
            .unwrap();
        let row = table.rows.iter().position(|(_, r)| r[0] == "企业").unwrap();
        let name = table.rows[row].1[2].clone();
        table.rows[row].1[col] = "4321".into();
        let p = import::preview(&s, table, None).unwrap();
        let mut after = s.clone();
        import::apply(&mut after, &p);
        let (_, e) = after
            .tree
            .industries
            .iter()
            .flat_map(|i| i.enterprises.iter().map(move |e| (i, e)))
            .find(|(_, e)| e.node.name == name)
            .unwrap();
        assert_eq!(
            e.node.base.get(Indicator::Profit),
            Some("0.4321".parse().unwrap())
        );
        let mut expected = s.clone();
        expected.tree.for_each_node_mut(|n| {
            if n.name == name && n.base.get(Indicator::Output).is_some() {
                n.base
                    .set(Indicator::Profit, Some("0.4321".parse().unwrap()));
            }
        });
        assert_eq!(after, expected, "only that number changed");
    }

    #[test]
    fn the_settings_sheet_reads_back_as_no_change_and_an_edited_one_as_its_changes() {
        use crate::engine::import_settings::{self, SettingChange};
        use crate::engine::TargetSpec;
        let mut s = example();
        // Inputs finer than the page shows travel exactly.
        s.indicator_mut(Indicator::Tax).unwrap().base_actual = "9.21234567".parse().unwrap();
        s.quarter_shares = ["0.221234", "0.248766", "0.26", "0.27"].map(|x| x.parse().unwrap());
        let p = plan(&s).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let sheets = exported(&s, lang);
            let settings = sheets
                .iter()
                .find(|x| import_settings::is_settings(&x.table))
                .unwrap();
            let read = import_settings::preview(&s, &p, &settings.table);
            assert_eq!(
                read,
                Default::default(),
                "{lang:?}: an unedited sheet changes nothing"
            );
        }
        let mut sheets = exported(&s, Lang::Zh);
        let table = &mut sheets.iter_mut().find(|x| x.name == "设置").unwrap().table;
        let set = |table: &mut Table, label: &str, col: usize, v: &str| {
            let row = table.rows.iter_mut().find(|(_, r)| r[0] == label).unwrap();
            if row.1.len() <= col {
                row.1.resize(col + 1, String::new());
            }
            row.1[col] = v.to_string();
        };
        let header = table
            .rows
            .iter()
            .find(|(_, r)| r[0] == "指标")
            .unwrap()
            .1
            .clone();
        let col = |name: &str| header.iter().position(|h| h.starts_with(name)).unwrap();
        set(table, "计划年份", 1, "2024");
        set(table, "县名", 1, "东山县");
        set(table, "规上产值", col("今年目标"), "350");
        set(table, "利润", col("增长率"), "20");
        set(table, "税金", col("前年实际"), "8");
        set(table, "规上增加值", col("一季度占比"), "24");
        set(table, "规上增加值", col("四季度占比"), "25");
        set(table, "规上增加值", col("二季度占比"), "25");
        set(table, "主营业务收入", col("上年实际"), "三百");
        set(table, "利润", col("上年二季度"), "2");
        // Typed in Excel as 30%, 20%, 25%, 25%: kept there as 0.3, 0.2, 0.25, 0.25.
        for (label, v) in [
            ("一季度占比（%）", "0.3"),
            ("二季度占比（%）", "0.2"),
            ("三季度占比（%）", "0.25"),
            ("四季度占比（%）", "0.25"),
        ] {
            set(table, label, 1, v);
        }
        // A target finer than the hundredth shown is still a change.
        set(table, "税金", col("今年目标"), "9.936001");
        let read = import_settings::preview(&s, &p, table);
        let changes: Vec<&SettingChange> = read.changes.iter().map(|(c, _)| c).collect();
        let d = |x: &str| -> Dec { x.parse().unwrap() };
        assert_eq!(
            changes,
            [
                &SettingChange::CountyShares([d("0.3"), d("0.2"), d("0.25"), d("0.25")]),
                &SettingChange::County("东山县".into()),
                &SettingChange::PlanYear(2024),
                &SettingChange::Target(Indicator::Output, TargetSpec::Amount(d("350"))),
                &SettingChange::OwnShares(
                    Indicator::ValueAdded,
                    [d("0.24"), d("0.25"), d("0.26"), d("0.25")]
                ),
                &SettingChange::Target(Indicator::Profit, TargetSpec::Growth(d("0.2"))),
                &SettingChange::BaseQuarters(Indicator::Profit, [d("0"), d("2"), d("0"), d("0")]),
                &SettingChange::YearBefore(Indicator::Tax, d("8")),
                &SettingChange::Target(Indicator::Tax, TargetSpec::Amount(d("9.936001"))),
            ]
        );
        assert_eq!(read.problems.len(), 1);
        assert!(
            read.problems[0].zh.contains("三百"),
            "{}",
            read.problems[0].zh
        );
        let mut after = s.clone();
        import_settings::apply(&mut after, &read.changes);
        let q = plan(&after).unwrap();
        assert_eq!(after.plan_year, 2024);
        assert_eq!(q.indicator(Indicator::Output).unwrap().target, d("350"));
        assert_eq!(
            q.indicator(Indicator::Profit).unwrap().growth,
            Some(d("0.2"))
        );
        // Gross output still follows the county's shares; value added has its own.
        assert_eq!(
            after.indicator(Indicator::Output).unwrap().quarter_shares,
            None
        );
        assert_eq!(
            q.indicator(Indicator::Output).unwrap().quarters[0].amount_units,
            10_500,
            "350 × 30% (the county's new Q1 share)"
        );
    }

    #[test]
    fn each_indicator_sheet_holds_its_quotas_as_numbers_that_add_up() {
        let s = example();
        let p = plan(&s).unwrap();
        let sheets = exported(&s, Lang::Zh);
        for input in &s.indicators {
            let k = input.indicator;
            let sheet = sheets.iter().find(|x| x.name == k.zh()).unwrap();
            let rows = &sheet.table.rows;
            assert_eq!(rows[0].1[6], "全年任务（万元）");
            let quota =
                |r: &Vec<String>| -> i64 { (r[6].parse::<f64>().unwrap() * 100.0).round() as i64 };
            let county = quota(&rows[1].1);
            assert_eq!(county, p.figures(0, k).unwrap().quota_units, "{k:?}");
            let industries: i64 = rows
                .iter()
                .filter(|(_, r)| r[0] == "行业")
                .map(|(_, r)| quota(r))
                .sum();
            assert_eq!(industries, county, "{k:?}");
        }
        let settings = sheets.iter().find(|x| x.name == "设置").unwrap();
        assert!(settings
            .table
            .rows
            .iter()
            .any(|(_, r)| r[0] == "县名" && r[1] == s.county));
        assert!(settings
            .table
            .rows
            .iter()
            .any(|(_, r)| r[0] == "计划年份" && r[1] == s.plan_year.to_string()));
    }

    #[test]
    fn merged_cells_fill_their_region_and_numbers_read_as_shown() {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let s = example();
        let industry = s.tree.industries[0].node.name.clone();
        sheet.write_string(0, 0, "所属行业").unwrap();
        sheet.write_string(0, 1, "企业名称").unwrap();
        sheet.write_string(0, 2, "上年产值（万元）").unwrap();
        sheet
            .merge_range(1, 0, 3, 0, &industry, &Format::new())
            .unwrap();
        for (r, (name, v)) in [("甲", 0.1 + 0.2), ("乙", 1234.5600000000002), ("丙", 7.0)]
            .iter()
            .enumerate()
        {
            sheet.write_string(r as u32 + 1, 1, *name).unwrap();
            sheet.write_number(r as u32 + 1, 2, *v).unwrap();
        }
        let sheets = read(&book.save_to_buffer().unwrap()).unwrap();
        let p = import::preview(&s, &sheets[0].table, None).unwrap();
        assert_eq!(p.counts(), (3, 0, 0));
        assert!(p.rows.iter().all(|r| r.row.industry == industry));
        let base = |i: usize| {
            p.rows[i]
                .row
                .value(ValueKind::Base, Indicator::Output)
                .unwrap()
                .to_string()
        };
        assert_eq!(
            [base(0), base(1), base(2)],
            ["0.00003", "0.123456", "0.0007"]
        );
        assert_eq!(p.rows[1].row.line, 3, "rows keep the sheet's numbers");
    }

    #[test]
    fn text_files_in_utf8_or_gb18030_read_and_other_files_say_what_they_are_not() {
        let csv = "\u{feff}企业名称,所属行业,上年产值\r\n甲厂,化工,100\r\n\r\n乙厂,化工,200\r\n";
        let t = &read(csv.as_bytes()).unwrap()[0].table;
        assert_eq!(t.rows[1].1, ["甲厂", "化工", "100"]);
        // Each row says the line it is on, as a spreadsheet numbers it.
        let lines: Vec<usize> = t.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 2, 4]);
        let (gbk, _, _) = encoding_rs::GB18030.encode("企业名称\t所属行业\n乙厂\t纺织\n");
        let t = &read(&gbk).unwrap()[0].table;
        assert_eq!(t.rows[1].1, ["乙厂", "纺织"]);
        // A PNG, a zip that is no workbook, a truncated workbook.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\0\0";
        let e = read(png).unwrap_err();
        assert!(e.zh.contains("既不是工作簿"), "{}", e.zh);
        let e = read(b"PK\x03\x04 not really a zip").unwrap_err();
        assert!(e.zh.contains("不是可读取的"), "{}", e.zh);
        let s = example();
        let bytes = write(&s, &plan(&s).unwrap(), Lang::Zh).unwrap();
        assert!(read(&bytes[..bytes.len() / 2]).is_err());
    }

    #[test]
    fn a_sheet_of_a_hundred_thousand_rows_is_refused_by_the_import_with_a_message() {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "企业名称").unwrap();
        sheet.write_string(0, 1, "所属行业").unwrap();
        for r in 1..=100_000u32 {
            sheet.write_number(r, 0, r as f64).unwrap();
        }
        let sheets = read(&book.save_to_buffer().unwrap()).unwrap();
        assert!(
            sheets[0].table.rows.len() <= MAX_ROWS + 2,
            "read no further than needed"
        );
        let e = import::preview(&example(), &sheets[0].table, None::<Mapping>).unwrap_err();
        assert!(e.zh.contains("行数太多"), "{}", e.zh);
    }

    #[test]
    fn numbers_read_with_fifteen_significant_digits() {
        assert_eq!(excel_number(0.1 + 0.2), "0.3");
        assert_eq!(excel_number(1234.5600000000002), "1234.56");
        assert_eq!(excel_number(-5.0), "-5");
        assert_eq!(excel_number(123456789012.345), "123456789012.345");
        assert_eq!(excel_number(1e20), "100000000000000000000");
        assert_eq!(excel_number(0.0), "0");
    }
}
