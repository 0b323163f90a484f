//! Rows of delimited text as spreadsheets write and read them (RFC 4180): a field holding the
//! delimiter, a quote or a line break is quoted, a quote inside doubled. Tab-separated for
//! rows pasted from Excel or WPS, comma-separated for the CSV files the app writes.
//!
//! Reading is as lenient as spreadsheets are: blank lines are skipped, rows may differ in
//! length, text after a closing quote joins the field, and an unclosed quote runs to the end.
//! The property tests check both directions against the `csv` crate, which this replaces to
//! keep the download small.

/// The records of `text`, each a list of fields, read one at a time (a hostile paste of a
/// million blank-ish lines never exists in memory at once).
pub fn records(text: &str, delimiter: char) -> impl Iterator<Item = Vec<String>> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        let mut record = Vec::new();
        let mut field = String::new();
        // Whether the record has begun (a blank line never begins one).
        let mut started = false;
        while let Some(c) = chars.next() {
            match c {
                // A quote opens a quoted field only at its start (after a closing quote the
                // next character is never one: two quotes are a quote).
                '"' if field.is_empty() => {
                    started = true;
                    // Quoted: up to the closing quote, where "" is a quote.
                    while let Some(q) = chars.next() {
                        if q != '"' {
                            field.push(q);
                        } else if chars.peek() == Some(&'"') {
                            chars.next();
                            field.push('"');
                        } else {
                            break;
                        }
                    }
                }
                // CR, LF or CRLF ends a record (CRLF as two ends: the blank one is skipped).
                '\r' | '\n' => {
                    if started {
                        record.push(field);
                        return Some(record);
                    }
                }
                c if c == delimiter => {
                    started = true;
                    record.push(std::mem::take(&mut field));
                }
                c => {
                    started = true;
                    field.push(c);
                }
            }
        }
        started.then(|| {
            record.push(field);
            record
        })
    })
}

/// Append one record to `out`, quoting the fields that need it, ending with CRLF.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S], delimiter: char) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        let field = field.as_ref();
        let quoted = field
            .chars()
            .any(|c| c == delimiter || matches!(c, '"' | '\r' | '\n'))
            || (fields.len() == 1 && field.is_empty());
        if quoted {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_csv_crate(text: &str, delimiter: u8) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn spreadsheet_rows_read_as_spreadsheets_write_them() {
        let pasted = "名称\t产值\r\n\"甲\t厂\"\t1.5\r\n\r\n\"说\"\"明\"\t\"两\n行\"\n乙";
        let want = [
            vec!["名称", "产值"],
            vec!["甲\t厂", "1.5"],
            vec!["说\"明", "两\n行"],
            vec!["乙"],
        ];
        assert_eq!(records(pasted, '\t').collect::<Vec<_>>(), want);
        let mut out = String::new();
        write_record(&mut out, &["a,b", "say \"hi\"", "plain", ""], ',');
        assert_eq!(out, "\"a,b\",\"say \"\"hi\"\"\",plain,\r\n");
    }

    proptest! {
        #[test]
        fn reads_every_text_as_the_csv_crate_does(text in "[a\"\t,\r\n 甲]{0,40}") {
            prop_assert_eq!(records(&text, '\t').collect::<Vec<_>>(), by_csv_crate(&text, b'\t'));
            prop_assert_eq!(records(&text, ',').collect::<Vec<_>>(), by_csv_crate(&text, b','));
        }

        #[test]
        fn writes_every_record_as_the_csv_crate_does_and_reads_it_back(
            rows in prop::collection::vec(prop::collection::vec("[a\"\t,\r\n 甲]{0,6}", 1..5), 1..5)
        ) {
            let mut ours = String::new();
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .flexible(true)
                .from_writer(Vec::new());
            for row in &rows {
                write_record(&mut ours, row, ',');
                writer.write_record(row).unwrap();
            }
            let theirs = String::from_utf8(writer.into_inner().unwrap()).unwrap();
            prop_assert_eq!(&ours, &theirs);
            prop_assert_eq!(records(&ours, ',').collect::<Vec<_>>(), by_csv_crate(&ours, b','));
        }
    }
}
