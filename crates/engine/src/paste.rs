//! Rows pasted from Excel or WPS (粘贴企业名单): tab-separated, quoted where a cell holds a tab
//! or a line break, read into a [`Table`] and then as any imported table (crate::import):
//! headers in any order, every indicator's values, a preview row by row before anything
//! changes. Without a header the columns are: name, industry, base output, responsible
//! person, unit.

use super::i18n::Bilingual;
pub use super::import::{apply, Preview, RowAction};
use super::import::{Mapping, Table};
use super::scenario::Scenario;

/// The most text accepted in one paste (bytes).
pub const MAX_PASTE_BYTES: usize = 2 * 1024 * 1024;
/// The most rows accepted in one paste.
pub const MAX_PASTE_ROWS: usize = super::import::MAX_ROWS;

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

/// Pasted text as a table, each row with the line it starts on. Fails only when the text is
/// too large or cannot be read.
pub fn read(text: &str) -> Result<Table, Bilingual> {
    read_delimited(text, b'\t')
}

/// Delimited text (tabs from a paste, commas from a CSV file) as a table, each row with the
/// line it starts on (after blank lines, and with CRLF line ends, too). Reading stops one row
/// past the most a table may hold, counting rows that hold anything, so that the import
/// refuses it as too long.
pub fn read_delimited(text: &str, delimiter: u8) -> Result<Table, Bilingual> {
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
    // Read as spreadsheets write it, one record at a time: quoted cells may hold tabs and
    // line breaks, rows may differ in length, blank lines are skipped.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let mut table = Table::default();
    let mut filled = 0;
    for (i, read) in reader.records().enumerate() {
        let record = read.map_err(|e| {
            Bilingual::new(
                format!("无法读取粘贴的内容：{e}"),
                format!("the pasted text cannot be read: {e}"),
            )
        })?;
        // One row more than any table may hold is enough to refuse it as too long.
        if filled > MAX_PASTE_ROWS + 1 {
            break;
        }
        if record.iter().any(|c| !c.trim().is_empty()) {
            filled += 1;
        }
        let line = record
            .position()
            .map_or(i + 1, |p| lines.line_at(p.byte() as usize));
        table
            .rows
            .push((line, record.iter().map(str::to_string).collect()));
    }
    Ok(table)
}

/// Read pasted text against a scenario, its columns by its header (or the default order).
pub fn preview(s: &Scenario, text: &str) -> Result<Preview, Bilingual> {
    let table = read(text)?;
    super::import::preview(s, &table, None::<Mapping>)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;
    use crate::import::ValueKind;
    use crate::{Dec, Indicator};

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
        assert!(p.mapping.header);
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
            p.rows[6].row.enterprise, "带制表符",
            "control characters are dropped from names"
        );
        assert_eq!(p.rows[3].row.line, 5);
        // Bare numbers are 万元 in a 万元 table; "1.5亿" is 亿元.
        assert_eq!(
            p.rows[0].row.value(ValueKind::Base, Indicator::Output),
            Some(d("1.23456"))
        );
        assert_eq!(
            p.rows[2].row.value(ValueKind::Base, Indicator::Output),
            Some(d("1.5"))
        );

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
        assert!(!p.mapping.header);
        assert_eq!(p.rows.len(), 1);
        let r = &p.rows[0].row;
        assert_eq!(
            (
                r.enterprise.as_str(),
                r.value(ValueKind::Base, Indicator::Output),
                r.responsible.as_deref(),
                r.unit.as_deref()
            ),
            ("某厂", Some(d("0.08")), Some("王五"), Some("经信局"))
        );
        assert!(preview(&s, &"x".repeat(MAX_PASTE_BYTES + 1)).is_err());
    }
}
