//! Persistence: scenarios in the browser's localStorage, and the files and links they travel in.
//!
//! - [`store`]: the key–value store (localStorage, or memory when the browser refuses it).
//! - [`autosave`]: when the open scenario is written, as plain code.
//! - [`library`]: many named scenarios, crash-consistent writes, migration from older layouts.
//! - [`csv`]: the decomposition and the quarter table for Excel and WPS.
//! - [`link`]: a scenario in a URL fragment.
//! - [`workbook`]: the office's spreadsheet in (xlsx, xls, ods, CSV) and the decomposition out (xlsx).
//!
//! Every scenario text, stored or imported, is read by [`read_versioned`]: a newer version is
//! refused (and left untouched where stored), an unreadable one says what is wrong and where.

pub mod autosave;
pub mod csv;
pub mod library;
pub mod link;
pub mod store;
pub mod workbook;

use serde::Deserialize;

use crate::engine::{Bilingual, Lang, Scenario, SCHEMA_VERSION};
pub use store::{BrowserStore, MemoryStore, Store, WriteError};

/// The display language.
pub const LANG_KEY: &str = "quota-planner/lang";

/// What was found under a scenario key.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored under the key.
    Nothing,
    Scenario(Box<Scenario>),
    /// Written by a newer version of the app: left as it is, and not overwritten.
    NewerVersion(u32),
    /// Not readable as a scenario (why).
    Unreadable(String),
}

#[derive(Deserialize)]
struct VersionOnly {
    schema_version: u32,
}

/// Why a text is not a scenario this version can use.
pub(crate) enum ReadError {
    /// Written by a newer version (its `schema_version`).
    Newer(u32),
    /// Not JSON, or JSON without a `schema_version`.
    NotScenario(serde_json::Error),
    /// A scenario of this version with a wrong field.
    Invalid(serde_json::Error),
}

/// Read a scenario, stored or imported: a newer version is refused, an older one is brought up
/// to this format (`engine::migrate`), any other failure says whether the text is a scenario
/// at all. (The storage layout has its own migration in [`library`].)
pub(crate) fn read_versioned(text: &str) -> Result<Scenario, ReadError> {
    // The whole first: a readable text is then read once. Only a failure asks for the
    // version, to say whether the text is newer, not a scenario, or a scenario with an error.
    match serde_json::from_str::<Scenario>(text) {
        Ok(s) if s.schema_version > SCHEMA_VERSION => Err(ReadError::Newer(s.schema_version)),
        Ok(mut s) => {
            crate::engine::migrate::upgrade(&mut s);
            Ok(s)
        }
        Err(invalid) => match serde_json::from_str::<VersionOnly>(text) {
            Ok(v) if v.schema_version > SCHEMA_VERSION => Err(ReadError::Newer(v.schema_version)),
            Ok(_) => Err(ReadError::Invalid(invalid)),
            Err(e) => Err(ReadError::NotScenario(e)),
        },
    }
}

/// Interpret a stored entry.
pub fn parse_stored(raw: &str) -> Loaded {
    match read_versioned(raw) {
        Ok(s) => Loaded::Scenario(Box::new(s)),
        Err(ReadError::Newer(v)) => Loaded::NewerVersion(v),
        Err(ReadError::NotScenario(e) | ReadError::Invalid(e)) => Loaded::Unreadable(e.to_string()),
    }
}

/// The largest scenario file accepted for import, and the most a share link may expand to (bytes).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// A scenario as an export file: pretty JSON with the oldest `schema_version` that holds it
/// (`Scenario::written`: the version before reads it unless it has actuals).
pub fn export_json(s: &Scenario) -> String {
    serde_json::to_string_pretty(&s.written()).unwrap_or_default()
}

/// A scenario as stored: compact JSON.
pub fn stored_json(s: &Scenario) -> String {
    serde_json::to_string(&s.written()).unwrap_or_default()
}

/// Read an imported file. Every failure says what is wrong and where, in both languages;
/// nothing is changed until this succeeds.
pub fn import_json(text: &str) -> Result<Scenario, Bilingual> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(Bilingual::new(
            format!(
                "文件太大（{} 字节，上限 {} 字节）",
                text.len(),
                MAX_IMPORT_BYTES
            ),
            format!(
                "the file is too large ({} bytes, at most {})",
                text.len(),
                MAX_IMPORT_BYTES
            ),
        ));
    }
    match read_versioned(text.trim_start_matches('\u{feff}')) {
        Ok(s) => match crate::engine::validate::size_problem(&s) {
            // Refused before it is stored or planned.
            Some(e) => Err(Bilingual::new(
                format!("{}（{}）", e.message.zh, e.field.key()),
                format!("{} ({})", e.message.en, e.field.key()),
            )),
            None => Ok(s),
        },
        Err(ReadError::Newer(v)) => Err(Bilingual::new(
            format!("该文件来自更新版本（格式 {v}），本版本只能读取格式 {SCHEMA_VERSION}"),
            format!("the file comes from a newer version (format {v}); this version reads format {SCHEMA_VERSION}"),
        )),
        Err(ReadError::NotScenario(e)) => Err(Bilingual::new(
            format!("不是方案文件：第 {} 行第 {} 列：{e}", e.line(), e.column()),
            format!("not a scenario file: line {}, column {}: {e}", e.line(), e.column()),
        )),
        Err(ReadError::Invalid(e)) => Err(Bilingual::new(
            format!("方案文件有误：第 {} 行第 {} 列：{e}", e.line(), e.column()),
            format!("the scenario file is wrong at line {}, column {}: {e}", e.line(), e.column()),
        )),
    }
}

pub fn load_lang(store: &dyn Store) -> Option<Lang> {
    let raw = store.get(LANG_KEY).ok()??;
    serde_json::from_str(&raw).ok()
}

pub fn save_lang(store: &dyn Store, lang: Lang) {
    if let Ok(json) = serde_json::to_string(&lang) {
        let _ = store.set(LANG_KEY, &json);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::example;

    #[test]
    fn export_then_import_is_the_same_scenario_and_bad_files_say_why() {
        let s = example();
        assert_eq!(import_json(&export_json(&s)), Ok(s.clone()));
        assert_eq!(import_json(&format!("\u{feff}{}", stored_json(&s))), Ok(s));

        let not_json = import_json("hello").unwrap_err();
        assert!(not_json.zh.contains("不是方案文件") && not_json.en.contains("line 1"));
        let newer = import_json(r#"{"schema_version": 4}"#).unwrap_err();
        assert!(newer.en.contains("newer version"), "{}", newer.en);
        let wrong = import_json(r#"{"schema_version": 2, "name": 5}"#).unwrap_err();
        assert!(wrong.en.contains("line 1"), "{}", wrong.en);
        let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert!(import_json(&huge).unwrap_err().en.contains("too large"));
    }

    #[test]
    fn stored_scenarios_are_read_back_and_newer_or_unreadable_ones_are_told_apart() {
        let json = stored_json(&example());
        assert_eq!(parse_stored(&json), Loaded::Scenario(Box::new(example())));
        let newer = json.replacen("\"schema_version\":2", "\"schema_version\":99", 1);
        assert_eq!(parse_stored(&newer), Loaded::NewerVersion(99));
        assert!(matches!(parse_stored("{not json"), Loaded::Unreadable(_)));
        // A newer text is told apart whether or not this version could read the rest of it;
        // a current one with a wrong field says which.
        let newer_shape = r#"{"schema_version":4,"tree":"a new shape"}"#;
        assert_eq!(parse_stored(newer_shape), Loaded::NewerVersion(4));
        let wrong = json.replacen("\"plan_year\":", "\"plan_year\":\"x\",\"was\":", 1);
        match parse_stored(&wrong) {
            Loaded::Unreadable(why) => assert!(why.contains("invalid type"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    /// Format 3 (actuals) is written only when a scenario has actuals: the version before
    /// (which reads format 2) opens every other scenario as before, and leaves one with
    /// actuals untouched as newer. A format-2 text of today reads back as it was.
    #[test]
    fn actuals_raise_the_written_format_and_nothing_else_does() {
        use crate::engine::indicator::SparseValues;
        use crate::engine::scenario::Actuals;
        let plain = stored_json(&example());
        assert!(plain.contains("\"schema_version\":2"), "{}", &plain[..40]);
        assert!(!plain.contains("actuals"));
        // Read and written again, a format-2 text is the same text.
        match parse_stored(&plain) {
            Loaded::Scenario(s) => assert_eq!(stored_json(&s), plain),
            other => panic!("{other:?}"),
        }
        let mut s = example();
        s.actuals = Some(std::sync::Arc::new(Actuals {
            county: SparseValues::default()
                .with(crate::engine::Indicator::Output, "45".parse().unwrap()),
            ..Actuals::default()
        }));
        let with = stored_json(&s);
        assert!(with.contains("\"schema_version\":3"));
        assert_eq!(parse_stored(&with), Loaded::Scenario(Box::new(s.clone())));
        // What the version before does with it: a format above 2 is newer, left as it is.
        let seen_by_older: VersionOnly = serde_json::from_str(&with).unwrap();
        assert!(seen_by_older.schema_version > 2);
        assert_eq!(import_json(&export_json(&s)), Ok(s));
    }
}
