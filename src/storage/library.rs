//! Many named scenarios (方案库) in one store.
//!
//! Layout 2 (this version):
//! - `quota-planner/index`: the list — each scenario's id, name, last change, headline figures —
//!   and which one was open last.
//! - `quota-planner/scenarios/<id>`: one scenario each, as versioned JSON.
//! - `quota-planner/last-valid/<id>`: while a scenario is saved with an error, its last version
//!   that planned, so that opening it shows whole figures and can go back to them.
//!
//! Writes are ordered so that a crash between two of them loses nothing: a scenario is written
//! before the index names it, and on opening, every scenario key the index lacks is put back
//! in the list. The index itself is re-read before each change, so that two tabs adding
//! scenarios do not drop each other's. A deleted scenario stays stored, marked as in the bin,
//! until the next start, so that a delete can be undone.
//!
//! Layout 1 (the first release) kept one scenario under `quota-planner/scenario/v1`; it is
//! migrated into the list on first open.

use serde::{Deserialize, Serialize};

use super::store::{Store, WriteError};
use super::{parse_stored, stored_json, Loaded};
use crate::engine::compare::Headline;
use crate::engine::{Bilingual, Scenario};

pub const INDEX_KEY: &str = "quota-planner/index";
pub const SCENARIO_PREFIX: &str = "quota-planner/scenarios/";
/// Layout 1's single scenario.
pub const LEGACY_KEY: &str = "quota-planner/scenario/v1";
/// Unreadable entries are moved under this prefix, never deleted.
pub const BACKUP_PREFIX: &str = "quota-planner/backup/";
pub const LAYOUT: u32 = 2;

pub fn scenario_key(id: &str) -> String {
    format!("{SCENARIO_PREFIX}{id}")
}

/// The last version of a scenario that planned, kept while the scenario itself has an error
/// (outside [`SCENARIO_PREFIX`]: it is not a scenario of the list).
pub const LAST_VALID_PREFIX: &str = "quota-planner/last-valid/";

pub fn last_valid_key(id: &str) -> String {
    format!("{LAST_VALID_PREFIX}{id}")
}

/// The list of scenarios.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub layout: u32,
    /// The scenario open last.
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub scenarios: Vec<Entry>,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            layout: LAYOUT,
            current: None,
            scenarios: Vec::new(),
        }
    }
}

impl Index {
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.scenarios.iter().find(|e| e.id == id)
    }

    /// The scenarios not in the bin.
    pub fn listed(&self) -> impl Iterator<Item = &Entry> {
        self.scenarios.iter().filter(|e| !e.trashed)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
    /// Last change, milliseconds since 1970 (the browser's clock).
    pub updated_ms: f64,
    #[serde(default)]
    pub headline: Option<Headline>,
    /// Deleted, kept until the next start so that the delete can be undone.
    #[serde(default)]
    pub trashed: bool,
}

/// Something the user must be told on opening.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub message: Bilingual,
    /// Where an unreadable entry was moved, so that the user can download it.
    pub backup_key: Option<String>,
}

/// What opening the library found.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub index: Index,
    /// The scenario to show, when one could be read.
    pub current: Option<(String, Scenario)>,
    pub notes: Vec<Note>,
    /// The index was written by a newer version: nothing may be written.
    pub read_only: bool,
}

impl Opened {
    /// Nothing stored may be written: the page works in memory.
    fn read_only(notes: Vec<Note>) -> Self {
        Opened {
            index: Index::default(),
            current: None,
            notes,
            read_only: true,
        }
    }
}

#[derive(Deserialize)]
struct LayoutOnly {
    layout: u32,
}

/// A new scenario id: the time and a random part, so that two tabs never pick the same.
pub fn fresh_id(now_ms: f64, nonce: u32) -> String {
    format!("{:x}-{:08x}", now_ms.max(0.0) as u64, nonce)
}

fn read_index(store: &dyn Store) -> Option<Index> {
    let raw = store.get(INDEX_KEY).ok()??;
    serde_json::from_str(&raw).ok()
}

/// Move an unreadable entry under the backup prefix; the original is removed only once the
/// copy is written.
fn move_aside(store: &dyn Store, key: &str, raw: &str) -> Option<String> {
    let backup = format!(
        "{BACKUP_PREFIX}{}",
        key.trim_start_matches("quota-planner/")
    );
    match store.set(&backup, raw) {
        Ok(()) => {
            store.remove(key);
            Some(backup)
        }
        Err(_) => None,
    }
}

fn unreadable_note(what: &str, why: &str, backup: &Option<String>) -> Note {
    let (zh_where, en_where) = match backup {
        Some(k) => (
            format!("已移到备份 {k}，可下载"),
            format!("moved to the backup {k}, which can be downloaded"),
        ),
        None => (
            "备份失败，原样保留".to_string(),
            "it could not be backed up and is left as it was".to_string(),
        ),
    };
    Note {
        message: Bilingual::new(
            format!("本机保存的{what}无法读取（{why}）：{zh_where}。"),
            format!(
                "A saved {} could not be read ({why}); {en_where}.",
                if what == "方案列表" {
                    "scenario list"
                } else {
                    "scenario"
                }
            ),
        ),
        backup_key: backup.clone(),
    }
}

/// Open the library: migrate, recover, purge the bin, and read the scenario open last.
pub fn open(store: &dyn Store, now_ms: f64) -> Opened {
    let mut notes = Vec::new();
    let mut index = match store.get(INDEX_KEY) {
        Err(why) => {
            notes.push(Note {
                message: Bilingual::new(
                    format!("无法读取本机存储（{why}）"),
                    format!("The browser's storage cannot be read ({why})"),
                ),
                backup_key: None,
            });
            return Opened::read_only(notes);
        }
        Ok(None) => {
            let mut index = Index::default();
            migrate_layout_1(store, &mut index, now_ms, &mut notes);
            index
        }
        Ok(Some(raw)) => match serde_json::from_str::<LayoutOnly>(&raw) {
            Ok(l) if l.layout > LAYOUT => {
                notes.push(Note {
                    message: Bilingual::new(
                        format!("本机的方案由更新版本保存（存储格式 {}），已保留未动；此处只在内存中工作，不会覆盖它们。", l.layout),
                        format!("The saved scenarios come from a newer version (storage layout {}); they are kept untouched, and this page works in memory without overwriting them.", l.layout),
                    ),
                    backup_key: None,
                });
                return Opened::read_only(notes);
            }
            _ => match serde_json::from_str::<Index>(&raw) {
                Ok(index) => index,
                Err(e) => {
                    let backup = move_aside(store, INDEX_KEY, &raw);
                    notes.push(unreadable_note("方案列表", &e.to_string(), &backup));
                    Index::default()
                }
            },
        },
    };
    let before = index.clone();
    recover(store, &mut index, now_ms, &mut notes);
    // The bin is emptied at each start: the index forgets first, then the scenario goes.
    let trashed: Vec<String> = index
        .scenarios
        .iter()
        .filter(|e| e.trashed)
        .map(|e| e.id.clone())
        .collect();
    index.scenarios.retain(|e| !e.trashed);
    let mut current = None;
    let mut order: Vec<String> = index.current.iter().cloned().collect();
    order.extend(index.scenarios.iter().map(|e| e.id.clone()));
    for id in order {
        if index.entry(&id).is_none() {
            continue;
        }
        let key = scenario_key(&id);
        let raw = store.get(&key).ok().flatten().unwrap_or_default();
        match parse_stored(&raw) {
            Loaded::Scenario(s) => {
                current = Some((id, *s));
                break;
            }
            Loaded::NewerVersion(v) => notes.push(Note {
                message: Bilingual::new(
                    format!("方案“{}”由更新版本保存（格式 {v}），已保留未动。", index.entry(&id).map(|e| e.name.as_str()).unwrap_or("")),
                    format!("The scenario “{}” comes from a newer version (format {v}); it is kept untouched.", index.entry(&id).map(|e| e.name.as_str()).unwrap_or("")),
                ),
                backup_key: None,
            }),
            Loaded::Nothing => index.scenarios.retain(|e| e.id != id),
            Loaded::Unreadable(why) => {
                let backup = move_aside(store, &key, &raw);
                notes.push(unreadable_note("方案", &why, &backup));
                if backup.is_some() {
                    index.scenarios.retain(|e| e.id != id);
                }
            }
        }
    }
    index.current = current.as_ref().map(|(id, _)| id.clone());
    if index != before {
        let _ = write_index(store, &index);
    }
    for id in trashed {
        store.remove(&scenario_key(&id));
        store.remove(&last_valid_key(&id));
    }
    Opened {
        index,
        current,
        notes,
        read_only: false,
    }
}

/// Layout 1 → 2: the single scenario becomes the first of the list. A newer or unreadable one
/// is left or moved aside as for any scenario.
fn migrate_layout_1(store: &dyn Store, index: &mut Index, now_ms: f64, notes: &mut Vec<Note>) {
    let Ok(Some(raw)) = store.get(LEGACY_KEY) else {
        return;
    };
    match parse_stored(&raw) {
        Loaded::Scenario(s) => {
            let id = fresh_id(now_ms, 1);
            if store.set(&scenario_key(&id), &raw).is_ok() {
                index.scenarios.push(Entry { id: id.clone(), name: s.name.clone(), updated_ms: now_ms, headline: None, trashed: false });
                index.current = Some(id);
                if write_index(store, index).is_ok() {
                    store.remove(LEGACY_KEY);
                }
            }
        }
        Loaded::NewerVersion(v) => notes.push(Note {
            message: Bilingual::new(
                format!("本机保存的方案来自更新版本（格式 {v}），已保留未动。"),
                format!("The saved scenario comes from a newer version (format {v}); it is kept untouched."),
            ),
            backup_key: None,
        }),
        Loaded::Unreadable(why) => {
            let backup = move_aside(store, LEGACY_KEY, &raw);
            notes.push(unreadable_note("方案", &why, &backup));
        }
        Loaded::Nothing => {}
    }
}

/// Put back in the list every stored scenario it lacks (a crash between writing a scenario and
/// writing the index, or an index lost), and drop entries whose scenario is gone.
fn recover(store: &dyn Store, index: &mut Index, now_ms: f64, notes: &mut Vec<Note>) {
    let stored: Vec<String> = store
        .keys()
        .into_iter()
        .filter_map(|k| k.strip_prefix(SCENARIO_PREFIX).map(str::to_string))
        .collect();
    for id in &stored {
        if index.entry(id).is_some() {
            continue;
        }
        let name = match store
            .get(&scenario_key(id))
            .ok()
            .flatten()
            .map(|raw| parse_stored(&raw))
        {
            Some(Loaded::Scenario(s)) => s.name,
            _ => id.clone(),
        };
        notes.push(Note {
            message: Bilingual::new(
                format!("找回了未列入清单的方案“{name}”。"),
                format!("The scenario “{name}”, missing from the list, was recovered."),
            ),
            backup_key: None,
        });
        index.scenarios.push(Entry {
            id: id.clone(),
            name,
            updated_ms: now_ms,
            headline: None,
            trashed: false,
        });
    }
    index.scenarios.retain(|e| stored.contains(&e.id));
}

fn write_index(store: &dyn Store, index: &Index) -> Result<(), WriteError> {
    let json = serde_json::to_string(index).map_err(|e| WriteError::Refused(e.to_string()))?;
    store.set(INDEX_KEY, &json)
}

/// Change the stored index: re-read it first (another tab may have changed it), apply
/// `change`, write it back. Returns the index as written.
pub fn update_index(
    store: &dyn Store,
    fallback: &Index,
    change: impl FnOnce(&mut Index),
) -> Result<Index, WriteError> {
    let mut index = read_index(store).unwrap_or_else(|| fallback.clone());
    change(&mut index);
    write_index(store, &index)?;
    Ok(index)
}

/// Save a scenario under its id: the scenario first, then its line in the list.
pub fn save(
    store: &dyn Store,
    fallback: &Index,
    id: &str,
    scenario: &Scenario,
    headline: Option<Headline>,
    now_ms: f64,
) -> Result<Index, WriteError> {
    store.set(&scenario_key(id), &stored_json(scenario))?;
    update_index(store, fallback, |index| {
        let entry = Entry {
            id: id.to_string(),
            name: scenario.name.clone(),
            updated_ms: now_ms,
            headline,
            trashed: false,
        };
        match index.scenarios.iter_mut().find(|e| e.id == id) {
            Some(e) => *e = entry,
            None => index.scenarios.push(entry),
        }
        index.current = Some(id.to_string());
    })
}

/// Keep `last_valid` beside the scenario `id` (it was saved with an error), or, with `None`,
/// forget the one kept (it plans again).
pub fn save_last_valid(
    store: &dyn Store,
    id: &str,
    last_valid: Option<&Scenario>,
) -> Result<(), WriteError> {
    match last_valid {
        Some(s) => store.set(&last_valid_key(id), &stored_json(s)),
        None => {
            store.remove(&last_valid_key(id));
            Ok(())
        }
    }
}

/// The last valid version kept beside scenario `id`, if one is and it can be read.
pub fn load_last_valid(store: &dyn Store, id: &str) -> Option<Scenario> {
    match parse_stored(&store.get(&last_valid_key(id)).ok()??) {
        Loaded::Scenario(s) => Some(*s),
        _ => None,
    }
}

/// Read one scenario of the list.
pub fn load(store: &dyn Store, id: &str) -> Loaded {
    match store.get(&scenario_key(id)) {
        Ok(Some(raw)) => parse_stored(&raw),
        Ok(None) => Loaded::Nothing,
        Err(why) => Loaded::Unreadable(why),
    }
}

/// Put a scenario in the bin, or take it out.
pub fn set_trashed(
    store: &dyn Store,
    fallback: &Index,
    id: &str,
    trashed: bool,
) -> Result<Index, WriteError> {
    update_index(store, fallback, |index| {
        if let Some(e) = index.scenarios.iter_mut().find(|e| e.id == id) {
            e.trashed = trashed;
        }
    })
}

/// Rename a stored scenario (its own `name` and its line in the list).
pub fn rename(
    store: &dyn Store,
    fallback: &Index,
    id: &str,
    name: &str,
    now_ms: f64,
) -> Result<Index, WriteError> {
    let Loaded::Scenario(mut s) = load(store, id) else {
        return Err(WriteError::Refused("scenario not readable".into()));
    };
    s.name = name.to_string();
    let headline = read_index(store).and_then(|i| i.entry(id).and_then(|e| e.headline));
    save(store, fallback, id, &s, headline, now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::example;
    use crate::storage::MemoryStore;

    fn named(name: &str) -> Scenario {
        let mut s = example();
        s.name = name.into();
        s
    }

    #[test]
    fn a_last_valid_version_is_kept_while_needed_and_goes_with_its_scenario() {
        let store = MemoryStore::new();
        let index = save(&store, &Index::default(), "a", &named("甲"), None, 1.0).unwrap();
        assert_eq!(load_last_valid(&store, "a"), None);
        save_last_valid(&store, "a", Some(&named("甲 有效"))).unwrap();
        assert_eq!(load_last_valid(&store, "a"), Some(named("甲 有效")));
        assert_eq!(
            open(&store, 2.0).index.scenarios.len(),
            1,
            "not a scenario of the list"
        );
        save_last_valid(&store, "a", None).unwrap();
        assert_eq!(load_last_valid(&store, "a"), None);
        // Emptying the bin takes the kept version with the scenario.
        save_last_valid(&store, "a", Some(&named("甲 有效"))).unwrap();
        set_trashed(&store, &index, "a", true).unwrap();
        open(&store, 3.0);
        assert!(store.get(&last_valid_key("a")).unwrap().is_none());
        assert!(store.get(&scenario_key("a")).unwrap().is_none());
    }

    #[test]
    fn first_open_is_empty_then_saves_list_and_reopen_restores_the_last_open() {
        let store = MemoryStore::new();
        let opened = open(&store, 1.0);
        assert!(opened.current.is_none() && opened.notes.is_empty() && !opened.read_only);
        let index = save(&store, &opened.index, "a", &named("甲"), None, 2.0).unwrap();
        let index = save(&store, &index, "b", &named("乙"), None, 3.0).unwrap();
        assert_eq!(index.scenarios.len(), 2);
        save(&store, &index, "a", &named("甲2"), None, 4.0).unwrap();
        let reopened = open(&store, 5.0);
        assert_eq!(
            reopened
                .current
                .as_ref()
                .map(|(id, s)| (id.as_str(), s.name.as_str())),
            Some(("a", "甲2"))
        );
        assert_eq!(
            reopened
                .index
                .scenarios
                .iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>(),
            ["甲2", "乙"]
        );
    }

    #[test]
    fn layout_1_is_migrated_into_the_list_and_its_key_removed() {
        let store = MemoryStore::new();
        store
            .set(LEGACY_KEY, &stored_json(&named("旧方案")))
            .unwrap();
        let opened = open(&store, 10.0);
        let (id, s) = opened.current.unwrap();
        assert_eq!(s.name, "旧方案");
        assert_eq!(store.get(LEGACY_KEY).unwrap(), None);
        assert!(store.get(&scenario_key(&id)).unwrap().is_some());
        assert_eq!(read_index(&store).unwrap().scenarios[0].id, id);
    }

    #[test]
    fn a_newer_legacy_scenario_or_index_is_left_untouched() {
        let store = MemoryStore::new();
        store.set(LEGACY_KEY, r#"{"schema_version": 9}"#).unwrap();
        let opened = open(&store, 1.0);
        assert!(opened.current.is_none());
        assert!(opened.notes[0].message.en.contains("newer version"));
        assert_eq!(
            store.get(LEGACY_KEY).unwrap().as_deref(),
            Some(r#"{"schema_version": 9}"#)
        );

        let store = MemoryStore::new();
        store
            .set(INDEX_KEY, r#"{"layout": 3, "whatever": true}"#)
            .unwrap();
        store.set(&scenario_key("x"), "future").unwrap();
        let before = store.snapshot();
        let opened = open(&store, 1.0);
        assert!(opened.read_only);
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn unreadable_entries_are_moved_aside_and_the_rest_still_opens() {
        let store = MemoryStore::new();
        let index = save(&store, &Index::default(), "good", &named("好"), None, 1.0).unwrap();
        save(&store, &index, "bad", &named("坏"), None, 2.0).unwrap();
        store.set(&scenario_key("bad"), "{truncated").unwrap();
        let opened = open(&store, 3.0);
        assert_eq!(opened.current.as_ref().unwrap().0, "good");
        let note = &opened.notes[0];
        let backup = note.backup_key.clone().unwrap();
        assert_eq!(store.get(&backup).unwrap().as_deref(), Some("{truncated"));
        assert_eq!(store.get(&scenario_key("bad")).unwrap(), None);
        assert!(opened.index.entry("bad").is_none());

        store.set(INDEX_KEY, "not an index").unwrap();
        let opened = open(&store, 4.0);
        assert_eq!(
            opened.current.unwrap().1.name,
            "好",
            "the list is rebuilt from the scenarios"
        );
        assert!(opened
            .notes
            .iter()
            .any(|n| n.backup_key.as_deref() == Some("quota-planner/backup/index")));
    }

    #[test]
    fn a_crash_between_any_two_writes_leaves_every_saved_scenario_reachable() {
        // Stop the store after each possible number of writes while saving three scenarios
        // and deleting one; every scenario whose save returned Ok must open afterwards.
        for stop_after in 0..12 {
            let store = MemoryStore::new();
            store.writes_left.set(Some(stop_after));
            let mut index = open(&store, 0.0).index;
            let mut saved = Vec::new();
            for (i, id) in ["a", "b", "c"].into_iter().enumerate() {
                if let Ok(next) = save(&store, &index, id, &named(id), None, i as f64) {
                    index = next;
                    saved.push(id);
                }
            }
            let _ = set_trashed(&store, &index, "b", true);
            store.writes_left.set(None);
            let reopened = open(&store, 9.0);
            for id in saved {
                let trashed =
                    id == "b" && read_index(&store).is_some_and(|i| i.entry("b").is_none());
                if !trashed {
                    assert!(
                        matches!(load(&store, id), Loaded::Scenario(_)),
                        "stop after {stop_after}: {id} lost"
                    );
                    assert!(
                        reopened.index.entry(id).is_some(),
                        "stop after {stop_after}: {id} not listed"
                    );
                }
            }
        }
    }

    #[test]
    fn a_full_store_fails_the_save_and_keeps_what_was_saved() {
        let mut store = MemoryStore::new();
        let json_len = stored_json(&named("甲")).chars().count();
        store.quota_chars = Some(json_len + 400);
        let index = save(&store, &Index::default(), "a", &named("甲"), None, 1.0).unwrap();
        let before = store.snapshot();
        assert_eq!(
            save(&store, &index, "b", &named("乙"), None, 2.0),
            Err(WriteError::Full)
        );
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn the_bin_is_undoable_until_the_next_start_then_emptied() {
        let store = MemoryStore::new();
        let index = save(&store, &Index::default(), "a", &named("甲"), None, 1.0).unwrap();
        let index = save(&store, &index, "b", &named("乙"), None, 2.0).unwrap();
        let index = set_trashed(&store, &index, "b", true).unwrap();
        assert_eq!(index.listed().count(), 1);
        let index = set_trashed(&store, &index, "b", false).unwrap();
        assert_eq!(index.listed().count(), 2);
        set_trashed(&store, &index, "b", true).unwrap();
        let opened = open(&store, 3.0);
        assert!(opened.index.entry("b").is_none());
        assert_eq!(store.get(&scenario_key("b")).unwrap(), None);
        let index = rename(&store, &opened.index, "a", "新名", 4.0).unwrap();
        assert_eq!(index.entry("a").unwrap().name, "新名");
        assert!(matches!(load(&store, "a"), Loaded::Scenario(s) if s.name == "新名"));
    }

    #[test]
    fn an_index_from_another_tab_is_kept_when_this_tab_saves() {
        let store = MemoryStore::new();
        let stale = save(&store, &Index::default(), "a", &named("甲"), None, 1.0).unwrap();
        // Another tab adds "b" meanwhile.
        save(&store, &stale, "b", &named("乙"), None, 2.0).unwrap();
        let index = save(&store, &stale, "a", &named("甲2"), None, 3.0).unwrap();
        assert!(index.entry("b").is_some());
    }
}
