//! The scenario library in the page: which store, which scenario is open, debounced autosave,
//! switching, the bin, and changes made in another tab.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{Computed, Shared, Source};
use crate::engine::compare::headline;
use crate::engine::example::example;
use crate::engine::history::History;
use crate::engine::{Bilingual, Scenario};
pub use crate::storage::autosave::SaveState;
use crate::storage::autosave::{Autosave, SAVE_DELAY_MS};
use crate::storage::library::{self, fresh_id, scenario_key, Index, Note, INDEX_KEY};
use crate::storage::{BrowserStore, Loaded, MemoryStore, Store, WriteError};

/// Where scenarios are kept in this page.
enum Backend {
    Browser(BrowserStore),
    /// localStorage refused, or written by a newer version: work in memory.
    Memory(MemoryStore),
}

impl Backend {
    fn store(&self) -> &dyn Store {
        match self {
            Backend::Browser(s) => s,
            Backend::Memory(s) => s,
        }
    }
}

thread_local! {
    static BACKEND: RefCell<Option<Backend>> = const { RefCell::new(None) };
}

/// Run `f` with the page's store.
pub fn with_store<T>(f: impl FnOnce(&dyn Store) -> T) -> T {
    BACKEND.with(|b| {
        let mut b = b.borrow_mut();
        let backend = b.get_or_insert_with(|| match BrowserStore::open() {
            Some(s) => Backend::Browser(s),
            None => Backend::Memory(MemoryStore::new()),
        });
        f(backend.store())
    })
}

fn use_memory_store() {
    BACKEND.with(|b| *b.borrow_mut() = Some(Backend::Memory(MemoryStore::new())));
}

fn browser_store_available() -> bool {
    BACKEND.with(|b| matches!(*b.borrow(), Some(Backend::Browser(_))))
}

/// The open scenario's last saved text, for the error banner: read without waiting on
/// anything that the failure may have left borrowed.
pub fn saved_copy() -> Option<String> {
    BACKEND
        .try_with(|b| {
            let b = b.try_borrow().ok()?;
            let store = b.as_ref()?.store();
            let index: Index = serde_json::from_str(&store.get(INDEX_KEY).ok()??).ok()?;
            store.get(&scenario_key(&index.current?)).ok()?
        })
        .ok()
        .flatten()
}

/// What another tab did to the open scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Conflict {
    Changed,
    Deleted,
}

/// The library's state; `Copy`, shared through the context.
#[derive(Clone, Copy)]
pub struct Library {
    pub index: RwSignal<Index>,
    pub current_id: RwSignal<String>,
    pub saved: RwSignal<SaveState>,
    pub conflict: RwSignal<Option<Conflict>>,
    pub notes: RwSignal<Vec<Note>>,
    /// The last deleted scenario (id, name), for the undo offer.
    pub deleted: RwSignal<Option<(String, String)>>,
    /// A message about the last library action (switch failed, …).
    pub message: RwSignal<Option<Bilingual>>,
    scenario: RwSignal<Scenario>,
    computed: Memo<Option<Shared<Computed>>>,
    /// The open scenario plans without error.
    plans: Signal<bool>,
    /// Undo and redo of the open scenario.
    history: StoredValue<History<Scenario>>,
    /// Bumped whenever the history changes, for the undo and redo buttons.
    history_version: RwSignal<u64>,
    autosave: StoredValue<Autosave>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn nonce() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// Time `f` as a `performance.measure` entry named `name` (read by the browser benchmark).
pub fn measured<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = window().performance();
    let start = format!("{name}-start");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        // Keep the timeline from growing without end in a long session.
        if p.get_entries_by_name(name).length() > 1_000 {
            p.clear_measures_with_measure_name(name);
        }
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    out
}

/// What the page opens with.
pub struct Opening {
    pub index: Index,
    pub current_id: String,
    pub scenario: Scenario,
    pub notes: Vec<Note>,
    pub saved: SaveState,
    pub writable: bool,
}

/// Open the store: restore the scenario open last, or start on the example.
pub fn open() -> Opening {
    with_store(|_| ());
    let available = browser_store_available();
    let opened = measured("qp-load", || with_store(|s| library::open(s, now_ms())));
    let mut notes = opened.notes;
    let (saved, writable) = if opened.read_only {
        // Nothing stored may be overwritten: the page keeps its work in memory.
        use_memory_store();
        (SaveState::ReadOnly, false)
    } else if available {
        (SaveState::Saved, true)
    } else {
        notes.push(Note {
            message: Bilingual::new(
                "本浏览器不允许本页使用本地存储（可能已禁用或处于隐私模式）：方案只保存在本页中，关闭前请导出。",
                "This browser does not let the page use local storage (disabled, or private mode): scenarios live only in this page; export before closing it.",
            ),
            backup_key: None,
        });
        (SaveState::InMemory, true)
    };
    let (index, current_id, scenario) = match opened.current {
        Some((id, s)) => (opened.index, id, s),
        None => {
            let id = fresh_id(now_ms(), nonce());
            let s = example();
            // The example is saved at once so that the list is never empty.
            let index = with_store(|st| library::save(st, &opened.index, &id, &s, None, now_ms()))
                .unwrap_or(opened.index);
            (index, id, s)
        }
    };
    Opening {
        index,
        current_id,
        scenario,
        notes,
        saved,
        writable,
    }
}

impl Library {
    pub fn new(
        opening: &Opening,
        current_id: RwSignal<String>,
        scenario: RwSignal<Scenario>,
        computed: Memo<Option<Shared<Computed>>>,
        plans: Signal<bool>,
    ) -> Self {
        let lib = Library {
            index: RwSignal::new(opening.index.clone()),
            current_id,
            saved: RwSignal::new(opening.saved.clone()),
            conflict: RwSignal::new(None),
            notes: RwSignal::new(opening.notes.clone()),
            deleted: RwSignal::new(None),
            message: RwSignal::new(None),
            scenario,
            computed,
            plans,
            history: StoredValue::new(History::default()),
            history_version: RwSignal::new(0),
            autosave: StoredValue::new(Autosave::new(opening.saved.clone(), opening.writable)),
            timer: StoredValue::new(None),
        };
        lib.install();
        lib
    }

    /// The one way the open scenario is edited: the change is recorded for undo and saved
    /// after a pause.
    pub fn edit(&self, f: impl FnOnce(&mut Scenario)) {
        let before = self.scenario.get_untracked();
        self.scenario.update(f);
        self.history.update_value(|h| h.edit(before, now_ms()));
        self.history_version.update(|v| *v += 1);
        self.edited();
    }

    /// The user left a field: the next edit is an undo step of its own.
    pub fn close_step(&self) {
        self.history.update_value(History::close_step);
    }

    /// Changes whenever the open scenario's history does (an edit, an undo, a redo, another
    /// scenario shown): a message about one edit holds only while this stays the same.
    pub fn history_version(&self) -> u64 {
        self.history_version.get()
    }

    pub fn can_undo(&self) -> bool {
        self.history_version.track();
        self.history.with_value(History::can_undo)
    }

    pub fn can_redo(&self) -> bool {
        self.history_version.track();
        self.history.with_value(History::can_redo)
    }

    pub fn undo(&self) {
        let current = self.scenario.get_untracked();
        if let Some(previous) = self.history.try_update_value(|h| h.undo(current)).flatten() {
            self.scenario.set(previous);
            self.history_version.update(|v| *v += 1);
            self.edited();
        }
    }

    pub fn redo(&self) {
        let current = self.scenario.get_untracked();
        if let Some(next) = self.history.try_update_value(|h| h.redo(current)).flatten() {
            self.scenario.set(next);
            self.history_version.update(|v| *v += 1);
            self.edited();
        }
    }

    /// A change to keep: schedule the save.
    fn edited(&self) {
        if !self
            .autosave
            .try_update_value(Autosave::edited)
            .unwrap_or(false)
        {
            return;
        }
        self.show_state();
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let this = *self;
        let handle = set_timeout_with_handle(
            move || this.save_now(),
            std::time::Duration::from_millis(SAVE_DELAY_MS),
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// Mirror the autosave state into the signal the masthead reads (set only on change).
    fn show_state(&self) {
        let now = self.autosave.with_value(|a| a.state().clone());
        if self.saved.with_untracked(|s| *s != now) {
            self.saved.set(now);
        }
    }

    fn install(self) {
        // A list line without headline figures (a new, copied, migrated or recovered scenario)
        // gets them as soon as its plan is known.
        Effect::new(move |_| {
            let planned = self.computed.with(|c| c.is_some());
            let id = self.current_id.get();
            let missing = self
                .index
                .with(|i| i.entry(&id).is_some_and(|e| e.headline.is_none()));
            if planned && missing {
                self.autosave.update_value(Autosave::refresh);
                self.save_now();
            }
        });
        // Leaving the page (close, reload, switching away on a phone) saves at once.
        let pagehide = window_event_listener_untyped("pagehide", move |_| self.save_now());
        let visibility = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                self.save_now();
            }
        });
        let storage = window_event_listener(leptos::ev::storage, move |ev| self.on_storage(ev));
        on_cleanup(move || {
            pagehide.remove();
            visibility.remove();
            storage.remove();
        });
    }

    fn headline(&self) -> Option<crate::engine::compare::Headline> {
        self.computed
            .with_untracked(|c| c.as_ref().and_then(|c| headline(&c.0.plan)))
    }

    /// Write the open scenario now if it has unsaved changes.
    pub fn save_now(&self) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
            self.timer.set_value(None);
        }
        if !self.autosave.with_value(Autosave::due) {
            return;
        }
        let id = self.current_id.get_untracked();
        let headline = self.headline();
        // A scenario saved with an error keeps its last valid version beside it, for the
        // next opening to show and to offer back.
        let last_valid = (!self.plans.get_untracked())
            .then(|| {
                self.computed.with_untracked(|c| {
                    c.as_ref()
                        .filter(|c| c.0.id == id && c.0.source == Source::Itself)
                        .map(|c| c.0.scenario.clone())
                })
            })
            .flatten();
        let result: Result<Index, WriteError> = measured("qp-save", || {
            self.scenario.with_untracked(|s| {
                with_store(|st| {
                    let index =
                        library::save(st, &self.index.get_untracked(), &id, s, headline, now_ms())?;
                    library::save_last_valid(st, &id, last_valid.as_ref())?;
                    Ok(index)
                })
            })
        });
        let outcome = match result {
            Ok(index) => {
                self.index.set(index);
                Ok(())
            }
            Err(e) => Err(e.message()),
        };
        self.autosave.update_value(|a| a.wrote(outcome));
        self.show_state();
    }

    /// The one way another scenario is shown (loaded from the store, or made here): no undo
    /// step, the steps of the previous one forgotten, nothing to save.
    fn show(&self, id: String, s: Scenario) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
            self.timer.set_value(None);
        }
        self.autosave.update_value(Autosave::loaded);
        self.history.update_value(History::load);
        self.history_version.update(|v| *v += 1);
        self.current_id.set(id);
        self.scenario.set(s);
    }

    /// Open another scenario of the list.
    pub fn switch(&self, id: &str) {
        if id == self.current_id.get_untracked() {
            return;
        }
        self.save_now();
        match with_store(|st| library::load(st, id)) {
            Loaded::Scenario(s) => {
                self.show(id.to_string(), *s);
                self.conflict.set(None);
                self.autosave.update_value(Autosave::resolved);
                self.show_state();
                if self.autosave.with_value(Autosave::writable) {
                    let _ = with_store(|st| {
                        library::update_index(st, &self.index.get_untracked(), |i| {
                            i.current = Some(id.to_string())
                        })
                    })
                    .map(|i| self.index.set(i));
                }
                self.message.set(None);
            }
            Loaded::NewerVersion(v) => self.message.set(Some(Bilingual::new(
                format!("该方案由更新版本保存（格式 {v}），本版本不能打开；它保持原样。"),
                format!("This scenario comes from a newer version (format {v}) and cannot be opened here; it is left as it is."),
            ))),
            Loaded::Unreadable(why) => self.message.set(Some(Bilingual::new(
                format!("该方案无法读取（{why}），当前方案未改动。"),
                format!("This scenario cannot be read ({why}); the current one is unchanged."),
            ))),
            Loaded::Nothing => self.message.set(Some(Bilingual::new(
                "该方案已不在本机（可能在另一标签页中删除了）。",
                "This scenario is no longer stored (perhaps deleted in another tab).",
            ))),
        }
    }

    /// Add a scenario to the list and open it.
    pub fn create(&self, s: Scenario) -> Result<(), WriteError> {
        self.save_now();
        let id = fresh_id(now_ms(), nonce());
        let index = with_store(|st| {
            library::save(st, &self.index.get_untracked(), &id, &s, None, now_ms())
        })?;
        self.index.set(index);
        self.show(id, s);
        self.conflict.set(None);
        self.autosave.update_value(Autosave::created);
        self.show_state();
        Ok(())
    }

    /// A scenario of the list, from memory if it is the open one.
    pub fn scenario_of(&self, id: &str) -> Option<Scenario> {
        if id == self.current_id.get_untracked() {
            return Some(self.scenario.get_untracked());
        }
        match with_store(|st| library::load(st, id)) {
            Loaded::Scenario(s) => Some(*s),
            _ => None,
        }
    }

    pub fn duplicate(&self, id: &str, suffix: &str) -> Result<(), WriteError> {
        let Some(mut s) = self.scenario_of(id) else {
            return Err(WriteError::Refused("unreadable".into()));
        };
        s.name = format!("{}{suffix}", s.name);
        self.create(s)
    }

    pub fn rename(&self, id: &str, name: String) -> Result<(), WriteError> {
        if id == self.current_id.get_untracked() {
            self.edit(|s| s.name = name);
            return Ok(());
        }
        let index =
            with_store(|st| library::rename(st, &self.index.get_untracked(), id, &name, now_ms()))?;
        self.index.set(index);
        Ok(())
    }

    /// Delete (into the bin until the next start); the open scenario gives way to another.
    pub fn delete(&self, id: &str) -> Result<(), WriteError> {
        self.save_now();
        let name = self
            .index
            .with_untracked(|i| i.entry(id).map(|e| e.name.clone()))
            .unwrap_or_default();
        let index =
            with_store(|st| library::set_trashed(st, &self.index.get_untracked(), id, true))?;
        self.index.set(index.clone());
        self.deleted.set(Some((id.to_string(), name)));
        if id == self.current_id.get_untracked() {
            match index.listed().next().map(|e| e.id.clone()) {
                Some(other) => self.switch(&other),
                None => self.create(example())?,
            }
        }
        Ok(())
    }

    pub fn undo_delete(&self) {
        let Some((id, _)) = self.deleted.get_untracked() else {
            return;
        };
        if let Ok(index) =
            with_store(|st| library::set_trashed(st, &self.index.get_untracked(), &id, false))
        {
            self.index.set(index);
            self.deleted.set(None);
            self.switch(&id);
        }
    }

    /// Another tab wrote to the store.
    fn on_storage(&self, ev: web_sys::StorageEvent) {
        let Some(key) = ev.key() else { return };
        if key == INDEX_KEY {
            if let Some(raw) = ev.new_value() {
                if let Ok(index) = serde_json::from_str::<Index>(&raw) {
                    // Deleted over there: saving here would bring it back unasked.
                    let current = self.current_id.get_untracked();
                    if index.entry(&current).is_none_or(|e| e.trashed)
                        && self.conflict.get_untracked().is_none()
                    {
                        self.conflict.set(Some(Conflict::Deleted));
                        self.autosave.update_value(Autosave::conflicted);
                        self.show_state();
                    }
                    self.index.set(index);
                }
            }
        } else if key == scenario_key(&self.current_id.get_untracked()) {
            self.conflict.set(Some(if ev.new_value().is_some() {
                Conflict::Changed
            } else {
                Conflict::Deleted
            }));
            self.autosave.update_value(Autosave::conflicted);
            self.show_state();
        }
    }

    /// Resolve a conflict by taking the other tab's version.
    pub fn take_theirs(&self) {
        let id = self.current_id.get_untracked();
        if let Loaded::Scenario(s) = with_store(|st| library::load(st, &id)) {
            self.show(id, *s);
        }
        self.conflict.set(None);
        self.autosave.update_value(Autosave::resolved);
        self.show_state();
    }

    /// Resolve a conflict by keeping this tab's version as a new scenario.
    pub fn keep_mine_as_copy(&self, suffix: &str) {
        let mut s = self.scenario.get_untracked();
        s.name = format!("{}{suffix}", s.name);
        self.conflict.set(None);
        self.autosave.update_value(Autosave::resolved);
        if let Err(e) = self.create(s) {
            self.autosave.update_value(|a| a.wrote(Err(e.message())));
            self.show_state();
        }
    }

    /// A backup's text, for download.
    pub fn backup_text(key: &str) -> Option<String> {
        with_store(|st| st.get(key).ok().flatten())
    }
}

/// Make an element's `change` target available as an input (helper for the views).
pub fn input_value(ev: &leptos::ev::Event) -> String {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}
