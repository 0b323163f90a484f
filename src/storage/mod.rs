//! Persistence in the browser's localStorage (through gloo-storage).
//!
//! The scenario is stored as versioned JSON; a newer version than this build knows is left
//! untouched (never overwritten), and an unreadable entry is moved aside under a backup key
//! before anything is written over it.

use gloo_storage::{LocalStorage, Storage};
use serde::Deserialize;

use crate::engine::{Lang, Scenario, SCHEMA_VERSION};

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

/// Interpret a stored entry; `backup` is called with an unreadable one.
pub fn parse_stored(raw: &str, backup: impl FnOnce(&str)) -> Loaded {
    match serde_json::from_str::<VersionOnly>(raw) {
        Ok(v) if v.schema_version > SCHEMA_VERSION => Loaded::NewerVersion(v.schema_version),
        _ => match serde_json::from_str::<Scenario>(raw) {
            Ok(s) => Loaded::Scenario(Box::new(s)),
            Err(e) => {
                backup(raw);
                Loaded::Unreadable(e.to_string())
            }
        },
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
