//! Rows pasted from Excel or WPS (粘贴企业名单): tab-separated, quoted where a cell holds a tab
//! or a line break. Each row adds an enterprise or updates the one of the same name; the
//! preview says which, row by row, before anything changes.
//!
//! Columns, by header when the first row names them (名称/企业, 行业, 产值/基数, 责任人, 单位),
//! otherwise in this order: name, industry, base output, responsible person, unit.

use super::edit;
use super::i18n::Bilingual;
use super::indicator::Indicator;
use super::num::Dec;
use super::number::{parse_number, TypedUnit};
use super::scenario::{AmountUnit, Enterprise, NodeData, Scenario};

/// The most text accepted in one paste (bytes).
pub const MAX_PASTE_BYTES: usize = 2 * 1024 * 1024;
/// The most rows accepted in one paste.
pub const MAX_PASTE_ROWS: usize = 20_000;
use super::validate::{MAX_ENTERPRISES, MAX_NAME_CHARS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Industry,
    Base,
    Responsible,
    Unit,
}

const DEFAULT_ORDER: [Column; 5] = [
    Column::Name,
    Column::Industry,
    Column::Base,
    Column::Responsible,
    Column::Unit,
];

fn column_of_header(cell: &str) -> Option<Column> {
    let c = cell.trim().to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| c.contains(w));
    if has(&["责任人", "负责人", "responsible", "person"]) {
        Some(Column::Responsible)
    } else if has(&["包抓单位", "单位", "unit", "department"]) {
        Some(Column::Unit)
    } else if has(&["行业", "industry"]) {
        Some(Column::Industry)
    } else if has(&["产值", "基数", "output", "base"]) {
        Some(Column::Base)
    } else if has(&["名称", "企业", "name", "enterprise"]) {
        Some(Column::Name)
    } else {
        None
    }
}

/// One pasted row, read.
#[derive(Debug, Clone, PartialEq)]
pub struct PastedRow {
    /// 1-based line of the pasted text.
    pub line: usize,
    pub name: String,
    pub industry: String,
    /// Base-year gross output in 亿元.
    pub base: Option<Dec>,
    pub responsible: Option<String>,
    pub unit: Option<String>,
}

/// What applying a row will do.
#[derive(Debug, Clone, PartialEq)]
pub enum RowAction {
    /// A new enterprise; `new_industry` when its industry does not exist yet.
    Add { new_industry: bool },
    /// The enterprise of this name (its id) gets the row's values.
    Update { id: u64, moves: bool },
    /// Not applied, and why.
    Reject(Bilingual),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    pub row: PastedRow,
    pub action: RowAction,
}

/// The preview of a paste.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Preview {
    pub rows: Vec<PreviewRow>,
    /// Whether the first line was read as column headers.
    pub header: bool,
}

impl Preview {
    pub fn applicable(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| !matches!(r.action, RowAction::Reject(_)))
            .count()
    }
}

fn clean_name(s: &str) -> String {
    s.trim().chars().filter(|c| !c.is_control()).collect()
}

/// Line numbers of record starts. The reader's position of a record is where it began
/// reading it: before the blank lines it skipped, and with CRLF text between the `\r` and
/// the `\n` of the line before; the record itself starts after them.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line of the record whose reading began at `byte` (records come in order).
    fn line_at(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.text.len());
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start >= self.byte {
            self.line += self.text[self.byte..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.byte = start;
        }
        self.line
    }
}

/// Read pasted text against a scenario. Fails as a whole only when the text is too large;
/// a bad row is rejected with its reason and the others still apply.
pub fn preview(s: &Scenario, text: &str) -> Result<Preview, Bilingual> {
    if text.len() > MAX_PASTE_BYTES {
        return Err(Bilingual::new(
            format!(
                "粘贴的内容太大（{} 字节，上限 {MAX_PASTE_BYTES}）",
                text.len()
            ),
            format!(
                "the pasted text is too large ({} bytes, at most {MAX_PASTE_BYTES})",
                text.len()
            ),
        ));
    }
    let mut columns: Vec<Option<Column>> = DEFAULT_ORDER.iter().copied().map(Some).collect();
    let mut out = Preview::default();
    let mut seen = std::collections::HashSet::new();
    let mut enterprises: usize = s.tree.industries.iter().map(|i| i.enterprises.len()).sum();
    // Read as spreadsheets write it, one record at a time (a hostile paste of a million
    // lines never exists in memory at once): quoted cells may hold tabs and line breaks,
    // rows may differ in length, blank lines are skipped.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    for (i, read) in reader.records().enumerate() {
        // Each row knows the line it starts on, as the text box numbers it.
        let (line, record): (usize, Vec<String>) = match read {
            Ok(r) => (
                r.position()
                    .map_or(i + 1, |p| lines.line_at(p.byte() as usize)),
                r.iter().map(str::to_string).collect(),
            ),
            Err(e) => {
                return Err(Bilingual::new(
                    format!("无法读取粘贴的内容：{e}"),
                    format!("the pasted text cannot be read: {e}"),
                ))
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if i == 0 {
            let headers: Vec<Option<Column>> = record.iter().map(|c| column_of_header(c)).collect();
            let named = headers.iter().flatten().count();
            // A header row names the name column and carries no number.
            if headers.contains(&Some(Column::Name))
                && named >= 2
                && record.iter().all(|c| parse_number(c).is_err())
            {
                columns = headers;
                out.header = true;
                continue;
            }
        }
        if out.rows.len() >= MAX_PASTE_ROWS {
            return Err(Bilingual::new(
                format!("行数太多（上限 {MAX_PASTE_ROWS} 行）"),
                format!("too many rows (at most {MAX_PASTE_ROWS})"),
            ));
        }
        let (row, problem) = read_row(line, &record, &columns, s.tree_unit);
        let action = match problem {
            Some(why) => RowAction::Reject(why),
            None if !seen.insert(row.name.clone()) => RowAction::Reject(Bilingual::new(
                "名称与前面的行重复",
                "the same name as an earlier row",
            )),
            None => match action_for(s, &row) {
                RowAction::Add { .. } if enterprises >= MAX_ENTERPRISES => RowAction::Reject(Bilingual::new(
                    format!("企业已达上限 {MAX_ENTERPRISES} 家"),
                    format!("the scenario already has the most enterprises allowed ({MAX_ENTERPRISES})"),
                )),
                action => {
                    if matches!(action, RowAction::Add { .. }) {
                        enterprises += 1;
                    }
                    action
                }
            },
        };
        out.rows.push(PreviewRow { row, action });
    }
    Ok(out)
}

fn empty_row(line: usize) -> PastedRow {
    PastedRow {
        line,
        name: String::new(),
        industry: String::new(),
        base: None,
        responsible: None,
        unit: None,
    }
}

fn read_row(
    line: usize,
    record: &[String],
    columns: &[Option<Column>],
    unit: AmountUnit,
) -> (PastedRow, Option<Bilingual>) {
    let mut row = empty_row(line);
    let mut problem = None;
    for (cell, column) in record.iter().zip(columns) {
        let Some(column) = column else { continue };
        let text = cell.trim();
        match column {
            Column::Name => row.name = clean_name(text),
            Column::Industry => row.industry = clean_name(text),
            Column::Responsible if !text.is_empty() => row.responsible = Some(clean_name(text)),
            Column::Unit if !text.is_empty() => row.unit = Some(clean_name(text)),
            Column::Base if !text.is_empty() => {
                // A bare number is in the table's unit (万元 for enterprise statistics).
                let field_unit = match unit {
                    AmountUnit::Wan => TypedUnit::Wan,
                    AmountUnit::Yi => TypedUnit::Yi,
                };
                match parse_number(text).and_then(|n| n.amount_in(field_unit)) {
                    Ok(v) if v.is_negative() => {
                        problem = Some(Bilingual::new(
                            "产值不能为负",
                            "the output cannot be negative",
                        ))
                    }
                    Ok(v) if v > super::validate::MAX_AMOUNT => {
                        problem = Some(Bilingual::new(
                            "产值大得不合理",
                            "the output is implausibly large",
                        ))
                    }
                    Ok(v) => row.base = Some(v),
                    Err(why) => {
                        problem = Some(Bilingual::new(
                            format!("产值“{text}”：{}", why.zh),
                            format!("output “{text}”: {}", why.en),
                        ))
                    }
                }
            }
            _ => {}
        }
    }
    if problem.is_none() {
        if row.name.is_empty() {
            problem = Some(Bilingual::new(
                "缺少企业名称",
                "the enterprise name is missing",
            ));
        } else if row.name.chars().count() > MAX_NAME_CHARS
            || row.industry.chars().count() > MAX_NAME_CHARS
        {
            problem = Some(Bilingual::new(
                format!("名称超过 {MAX_NAME_CHARS} 个字"),
                format!("a name is longer than {MAX_NAME_CHARS} characters"),
            ));
        }
    }
    (row, problem)
}

fn find_enterprise(s: &Scenario, name: &str) -> Option<(usize, u64)> {
    s.tree.industries.iter().enumerate().find_map(|(i, ind)| {
        ind.enterprises
            .iter()
            .find(|e| e.node.name == name)
            .map(|e| (i, e.node.id))
    })
}

fn find_industry(s: &Scenario, name: &str) -> Option<usize> {
    s.tree.industries.iter().position(|i| i.node.name == name)
}

fn action_for(s: &Scenario, row: &PastedRow) -> RowAction {
    let industry = (!row.industry.is_empty())
        .then(|| find_industry(s, &row.industry))
        .flatten();
    match find_enterprise(s, &row.name) {
        Some((current, id)) => RowAction::Update {
            id,
            moves: industry.is_some_and(|i| i != current)
                || (!row.industry.is_empty() && industry.is_none()),
        },
        None if row.industry.is_empty() => RowAction::Reject(Bilingual::new(
            "新企业需要填写所属行业",
            "a new enterprise needs its industry",
        )),
        None => RowAction::Add {
            new_industry: industry.is_none(),
        },
    }
}

/// Apply the accepted rows of a preview; returns how many were applied.
pub fn apply(s: &mut Scenario, preview: &Preview) -> usize {
    let mut applied = 0;
    for PreviewRow { row, action } in &preview.rows {
        let industry_id = |s: &mut Scenario| match find_industry(s, &row.industry) {
            Some(i) => s.tree.industries[i].node.id,
            None => edit::add_industry(s, row.industry.clone()),
        };
        match action {
            RowAction::Reject(_) => continue,
            RowAction::Add { .. } => {
                let parent = industry_id(s);
                let id = s.max_node_id() + 1;
                let mut node = NodeData {
                    id,
                    name: row.name.clone(),
                    ..NodeData::default()
                };
                fill(&mut node, row);
                if let Some(i) = s.tree.industries.iter().position(|i| i.node.id == parent) {
                    s.tree.industry_mut(i).enterprises.push(Enterprise {
                        node,
                        ..Enterprise::default()
                    });
                }
            }
            RowAction::Update { id, moves } => {
                if *moves {
                    let to = industry_id(s);
                    edit::move_enterprise(s, *id, to);
                }
                if let Some(node) = s.node_mut(*id) {
                    fill(node, row);
                }
            }
        }
        applied += 1;
    }
    applied
}

fn fill(node: &mut NodeData, row: &PastedRow) {
    if let Some(base) = row.base {
        node.base.set(Indicator::Output, Some(base));
    }
    if let Some(r) = &row.responsible {
        node.responsible = r.clone();
    }
    if let Some(u) = &row.unit {
        node.unit = u.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;

    fn d(s: &str) -> Dec {
        s.parse().unwrap()
    }

    #[test]
    fn each_row_says_the_line_it_starts_on_after_blank_lines_and_with_crlf() {
        let s = example();
        let industry0 = s.tree.industries[0].node.name.clone();
        // Row lines: 1, 4 (after two blank lines), 5 (a quoted line break inside), 7.
        let lf = format!(
            "甲厂\t{industry0}\t1\n\n\n乙厂\t{industry0}\t2\n\"丙\n厂\"\t{industry0}\t3\n丁厂\t{industry0}\t4\n"
        );
        let crlf = lf.replace('\n', "\r\n");
        for text in [lf, crlf] {
            let p = preview(&s, &text).unwrap();
            let lines: Vec<usize> = p.rows.iter().map(|r| r.row.line).collect();
            assert_eq!(lines, [1, 4, 5, 7], "{text:?}");
        }
    }

    #[test]
    fn rows_with_a_header_add_and_update_and_bad_rows_say_why() {
        let s = example();
        let existing = s.tree.industries[1].enterprises[0].node.clone();
        let industry0 = s.tree.industries[0].node.name.clone();
        let text = format!(
            "企业名称\t所属行业\t上年产值（万元）\t责任人\n\
             新厂甲\t{industry0}\t12,345.6\t张三\n\
             {}\t\t２００００\t李四\n\
             新厂乙\t新兴行业\t1.5亿\t\n\
             \t{industry0}\t5\t\n\
             新厂丙\t{industry0}\tabc\t\n\
             新厂甲\t{industry0}\t1\t\n\
             \"带\t制表符\"\t{industry0}\t3\t\n",
            existing.name
        );
        let p = preview(&s, &text).unwrap();
        assert!(p.header);
        let actions: Vec<_> = p.rows.iter().map(|r| &r.action).collect();
        assert_eq!(
            actions[0],
            &RowAction::Add {
                new_industry: false
            }
        );
        assert_eq!(
            actions[1],
            &RowAction::Update {
                id: existing.id,
                moves: false
            }
        );
        assert_eq!(actions[2], &RowAction::Add { new_industry: true });
        assert!(matches!(actions[3], RowAction::Reject(w) if w.en.contains("name is missing")));
        assert!(matches!(actions[4], RowAction::Reject(w) if w.zh.contains("abc")));
        assert!(matches!(actions[5], RowAction::Reject(w) if w.en.contains("earlier row")));
        assert_eq!(
            p.rows[6].row.name, "带制表符",
            "control characters are dropped from names"
        );
        assert_eq!(p.rows[3].row.line, 5);
        // Bare numbers are 万元 in a 万元 table; "1.5亿" is 亿元.
        assert_eq!(p.rows[0].row.base, Some(d("1.23456")));
        assert_eq!(p.rows[2].row.base, Some(d("1.5")));

        let mut after = s.clone();
        assert_eq!(apply(&mut after, &p), 4);
        let updated = after.node(existing.id).unwrap();
        assert_eq!(updated.base.get(Indicator::Output), Some(d("2")));
        assert_eq!(updated.responsible, "李四");
        assert!(after
            .tree
            .industries
            .iter()
            .any(|i| i.node.name == "新兴行业"
                && i.enterprises.iter().any(|e| e.node.name == "新厂乙")));
        assert!(crate::plan(&after).is_ok());
    }

    #[test]
    fn without_a_header_columns_are_in_the_default_order() {
        let s = example();
        let industry = s.tree.industries[2].node.name.clone();
        let p = preview(&s, &format!("某厂\t{industry}\t800\t王五\t经信局\r\n")).unwrap();
        assert!(!p.header);
        assert_eq!(p.rows.len(), 1);
        let r = &p.rows[0].row;
        assert_eq!(
            (
                r.name.as_str(),
                r.base,
                r.responsible.as_deref(),
                r.unit.as_deref()
            ),
            ("某厂", Some(d("0.08")), Some("王五"), Some("经信局"))
        );
        assert!(preview(&s, &"x".repeat(MAX_PASTE_BYTES + 1)).is_err());
    }
}
