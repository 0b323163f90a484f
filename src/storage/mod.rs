//! Persistence in the browser's localStorage (through gloo-storage).
//!
//! The scenario is stored as versioned JSON; a newer version than this build knows is left
//! untouched (never overwritten), and an unreadable entry is moved aside under a backup key
//! before anything is written over it.

use gloo_storage::{LocalStorage, Storage};
use serde::Deserialize;

use crate::engine::{Bilingual, Lang, Scenario, SCHEMA_VERSION};

/// The scenario being edited.
pub const SCENARIO_KEY: &str = "quota-planner/scenario/v1";
/// Where an unreadable scenario entry is moved before it would be overwritten.
pub const BACKUP_KEY: &str = "quota-planner/scenario/v1/unreadable-backup";
/// The display language.
pub const LANG_KEY: &str = "quota-planner/lang";

/// What was found under [`SCENARIO_KEY`].
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet (first run) or storage unavailable.
    Nothing,
    Scenario(Box<Scenario>),
    /// Written by a newer version of the app: left as it is, and not overwritten.
    NewerVersion(u32),
    /// Not readable as a scenario: moved to [`BACKUP_KEY`].
    Unreadable(String),
}

#[derive(Deserialize)]
struct VersionOnly {
    schema_version: u32,
}

/// Load the stored scenario.
pub fn load_scenario() -> Loaded {
    let Ok(raw) = LocalStorage::raw().get_item(SCENARIO_KEY) else {
        return Loaded::Nothing;
    };
    let Some(raw) = raw else {
        return Loaded::Nothing;
    };
    parse_stored(&raw, |bad| {
        let _ = LocalStorage::raw().set_item(BACKUP_KEY, bad);
    })
}

/// Why a text is not a scenario this version can use.
enum ReadError {
    /// Written by a newer version (its `schema_version`).
    Newer(u32),
    /// Not JSON, or JSON without a `schema_version`.
    NotScenario(serde_json::Error),
    /// A scenario of this version with a wrong field.
    Invalid(serde_json::Error),
}

/// Read a scenario, stored or imported: the version first, then the whole.
fn read_versioned(text: &str) -> Result<Scenario, ReadError> {
    match serde_json::from_str::<VersionOnly>(text) {
        Ok(v) if v.schema_version > SCHEMA_VERSION => Err(ReadError::Newer(v.schema_version)),
        Ok(_) => serde_json::from_str(text).map_err(ReadError::Invalid),
        Err(e) => Err(ReadError::NotScenario(e)),
    }
}

/// Interpret a stored entry; `backup` is called with an unreadable one.
pub fn parse_stored(raw: &str, backup: impl FnOnce(&str)) -> Loaded {
    match read_versioned(raw) {
        Ok(s) => Loaded::Scenario(Box::new(s)),
        Err(ReadError::Newer(v)) => Loaded::NewerVersion(v),
        Err(ReadError::NotScenario(e) | ReadError::Invalid(e)) => {
            backup(raw);
            Loaded::Unreadable(e.to_string())
        }
    }
}

/// The largest scenario file accepted for import (bytes).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// A scenario as an export file: pretty JSON with its `schema_version`.
pub fn export_json(s: &Scenario) -> String {
    serde_json::to_string_pretty(s).unwrap_or_default()
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
        Ok(s) => Ok(s),
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

/// Save the scenario; the error says why when the browser refuses (quota, disabled).
pub fn save_scenario(s: &Scenario) -> Result<(), String> {
    LocalStorage::set(SCENARIO_KEY, s).map_err(|e| e.to_string())
}

pub fn load_lang() -> Option<Lang> {
    LocalStorage::get(LANG_KEY).ok()
}

pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::example;

    #[test]
    fn export_then_import_is_the_same_scenario_and_bad_files_say_why() {
        let s = example();
        assert_eq!(import_json(&export_json(&s)), Ok(s));

        let not_json = import_json("hello").unwrap_err();
        assert!(not_json.zh.contains("不是方案文件") && not_json.en.contains("line 1"));
        let newer = import_json(r#"{"schema_version": 2}"#).unwrap_err();
        assert!(newer.en.contains("newer version"), "{}", newer.en);
        let wrong = import_json(r#"{"schema_version": 1, "name": 5}"#).unwrap_err();
        assert!(wrong.en.contains("line 1"), "{}", wrong.en);
        let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert!(import_json(&huge).unwrap_err().en.contains("too large"));
    }

    #[test]
    fn stored_scenarios_are_read_back_newer_versions_left_alone_and_garbage_backed_up() {
        let json = serde_json::to_string(&example()).unwrap();
        assert_eq!(
            parse_stored(&json, |_| panic!("no backup")),
            Loaded::Scenario(Box::new(example()))
        );

        let newer = json.replacen("\"schema_version\":1", "\"schema_version\":99", 1);
        assert_eq!(
            parse_stored(&newer, |_| panic!("no backup")),
            Loaded::NewerVersion(99)
        );

        let mut backed_up = None;
        let loaded = parse_stored("{not json", |raw| backed_up = Some(raw.to_string()));
        assert!(matches!(loaded, Loaded::Unreadable(_)));
        assert_eq!(backed_up.as_deref(), Some("{not json"));
    }
}
