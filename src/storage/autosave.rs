//! When to write the open scenario, as plain code: the page tells it what happened (an
//! edit, a load, a write's result, another tab's change) and does what it says (start the
//! save timer, write now). Tested natively; the page only wires timers and events to it.

use crate::engine::Bilingual;

/// The autosave status shown in the masthead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// A change waits for the save delay.
    Saving,
    /// The browser refused the write: the scenario is only in memory (why).
    NotSaved(Bilingual),
    /// localStorage is not available at all: everything lives in this page.
    InMemory,
    /// A newer version's scenarios are stored and must not be overwritten.
    ReadOnly,
    /// Another tab changed this scenario: nothing is saved until the user chooses.
    Conflict,
}

/// A change is saved this long after the last keystroke.
pub const SAVE_DELAY_MS: u64 = 400;

/// The open scenario's saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Autosave {
    state: SaveState,
    /// A change not yet written.
    dirty: bool,
    /// Writes are allowed at all (not read-only).
    writable: bool,
    /// Another tab changed or deleted the open scenario: wait for the user.
    conflict: bool,
}

impl Autosave {
    pub fn new(state: SaveState, writable: bool) -> Self {
        Autosave {
            state,
            dirty: false,
            writable,
            conflict: false,
        }
    }

    pub fn state(&self) -> &SaveState {
        &self.state
    }

    pub fn writable(&self) -> bool {
        self.writable
    }

    pub fn in_conflict(&self) -> bool {
        self.conflict
    }

    /// The open scenario was edited. True: (re)start the save timer.
    pub fn edited(&mut self) -> bool {
        if !self.writable || self.conflict {
            return false;
        }
        self.dirty = true;
        if !matches!(self.state, SaveState::InMemory) {
            self.state = SaveState::Saving;
        }
        true
    }

    /// Another scenario is shown (opened, not edited): nothing of it waits to be written.
    pub fn loaded(&mut self) {
        self.dirty = false;
    }

    /// The open scenario needs a write though the user changed nothing (a list line without
    /// headline figures).
    pub fn refresh(&mut self) {
        if self.writable && !self.conflict {
            self.dirty = true;
        }
    }

    /// Whether a write is due when asked (the timer fired, the page is hidden or left).
    pub fn due(&self) -> bool {
        self.dirty && self.writable && !self.conflict
    }

    /// A write finished.
    pub fn wrote(&mut self, result: Result<(), Bilingual>) {
        match result {
            Ok(()) => {
                self.dirty = false;
                if !matches!(self.state, SaveState::InMemory) {
                    self.state = SaveState::Saved;
                }
            }
            Err(why) => self.state = SaveState::NotSaved(why),
        }
    }

    /// Another tab wrote or deleted the open scenario.
    pub fn conflicted(&mut self) {
        self.conflict = true;
        self.state = SaveState::Conflict;
    }

    /// The user chose how to resolve a conflict; what is shown now is as stored.
    pub fn resolved(&mut self) {
        self.conflict = false;
        self.dirty = false;
        self.state = match self.state {
            SaveState::ReadOnly => SaveState::ReadOnly,
            SaveState::InMemory => SaveState::InMemory,
            _ => SaveState::Saved,
        };
    }

    /// A new scenario was written and opened.
    pub fn created(&mut self) {
        self.resolved();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_waits_then_saves() {
        let mut a = Autosave::new(SaveState::Saved, true);
        assert!(!a.due());
        assert!(a.edited());
        assert_eq!(a.state(), &SaveState::Saving);
        assert!(a.due());
        a.wrote(Ok(()));
        assert_eq!(a.state(), &SaveState::Saved);
        assert!(!a.due());
    }

    #[test]
    fn a_load_is_not_saved() {
        let mut a = Autosave::new(SaveState::Saved, true);
        a.edited();
        a.loaded();
        assert!(!a.due());
    }

    #[test]
    fn a_refused_write_says_why_and_keeps_the_change_waiting() {
        let mut a = Autosave::new(SaveState::Saved, true);
        a.edited();
        a.wrote(Err(Bilingual::new("满了", "full")));
        assert_eq!(
            a.state(),
            &SaveState::NotSaved(Bilingual::new("满了", "full"))
        );
        assert!(a.due(), "the next chance writes it again");
    }

    #[test]
    fn a_read_only_library_never_writes() {
        let mut a = Autosave::new(SaveState::ReadOnly, false);
        assert!(!a.edited());
        a.refresh();
        assert!(!a.due());
        assert_eq!(a.state(), &SaveState::ReadOnly);
    }

    #[test]
    fn in_memory_stays_in_memory() {
        let mut a = Autosave::new(SaveState::InMemory, true);
        assert!(a.edited());
        assert_eq!(a.state(), &SaveState::InMemory);
        a.wrote(Ok(()));
        assert_eq!(a.state(), &SaveState::InMemory);
    }

    #[test]
    fn another_tabs_change_stops_saving_until_resolved() {
        let mut a = Autosave::new(SaveState::Saved, true);
        a.edited();
        a.conflicted();
        assert_eq!(a.state(), &SaveState::Conflict);
        assert!(!a.due());
        assert!(!a.edited());
        a.resolved();
        assert_eq!(a.state(), &SaveState::Saved);
        assert!(a.edited());
    }
}
