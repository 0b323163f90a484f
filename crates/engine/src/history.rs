//! Undo and redo as plain code: every edit is recorded with the state before it; edits less
//! than a moment apart (the keystrokes of one number) are one step; loading another scenario
//! forgets the steps. The page calls [`History::edit`] for an edit and [`History::load`] for
//! a load, so nothing has to tell the two apart afterwards.

use std::collections::VecDeque;

/// Edits closer together than this (milliseconds) are one undo step.
pub const COALESCE_MS: f64 = 800.0;
/// Steps kept.
pub const DEPTH: usize = 200;

/// The undo history of a value `S` (a scenario: cheap to copy, its industries are shared).
#[derive(Debug, Clone)]
pub struct History<S> {
    past: VecDeque<S>,
    future: Vec<S>,
    /// When the open step's last edit happened; `None`: the next edit opens a step.
    last_edit_ms: Option<f64>,
    depth: usize,
    coalesce_ms: f64,
}

impl<S> Default for History<S> {
    fn default() -> Self {
        History::new(DEPTH, COALESCE_MS)
    }
}

impl<S> History<S> {
    pub fn new(depth: usize, coalesce_ms: f64) -> Self {
        History {
            past: VecDeque::new(),
            future: Vec::new(),
            last_edit_ms: None,
            depth: depth.max(1),
            coalesce_ms,
        }
    }

    /// An edit happened at `now_ms`; `before` is the value before it. It joins the open step
    /// when the step's last edit was less than the coalescing time ago, else opens one.
    pub fn edit(&mut self, before: S, now_ms: f64) {
        self.future.clear();
        let joins = self
            .last_edit_ms
            .is_some_and(|last| now_ms >= last && now_ms - last < self.coalesce_ms);
        if !joins {
            self.past.push_back(before);
            if self.past.len() > self.depth {
                self.past.pop_front();
            }
        }
        self.last_edit_ms = Some(now_ms);
    }

    /// The next edit opens a step of its own (the user left the field).
    pub fn close_step(&mut self) {
        self.last_edit_ms = None;
    }

    /// Another value was loaded: no step, and the steps of the previous one are forgotten.
    pub fn load(&mut self) {
        self.past.clear();
        self.future.clear();
        self.last_edit_ms = None;
    }

    /// Undo: the value before the last step, given the current one (kept for redo).
    pub fn undo(&mut self, current: S) -> Option<S> {
        let previous = self.past.pop_back()?;
        self.future.push(current);
        self.last_edit_ms = None;
        Some(previous)
    }

    /// Redo: the value the last undo left, given the current one.
    pub fn redo(&mut self, current: S) -> Option<S> {
        let next = self.future.pop()?;
        self.past.push_back(current);
        self.last_edit_ms = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Steps that can be undone.
    pub fn steps(&self) -> usize {
        self.past.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Type "330" as three keystrokes, 100 ms apart, into a value that was "".
    fn typed(h: &mut History<String>, value: &mut String, text: &str, start_ms: f64) {
        for (i, c) in text.chars().enumerate() {
            let before = value.clone();
            value.push(c);
            h.edit(before, start_ms + 100.0 * i as f64);
        }
    }

    #[test]
    fn keystrokes_close_together_are_one_step() {
        let mut h = History::default();
        let mut v = String::new();
        typed(&mut h, &mut v, "330", 0.0);
        assert_eq!(h.steps(), 1);
        assert_eq!(h.undo(v.clone()).as_deref(), Some(""));
    }

    #[test]
    fn a_pause_opens_a_new_step_and_undo_redo_walk_them() {
        let mut h = History::default();
        let mut v = String::new();
        typed(&mut h, &mut v, "33", 0.0);
        typed(&mut h, &mut v, "0", 2_000.0);
        assert_eq!(h.steps(), 2);
        let back = h.undo(v.clone()).unwrap();
        assert_eq!(back, "33");
        let back = h.undo(back).unwrap();
        assert_eq!(back, "");
        assert!(!h.can_undo());
        let again = h.redo(back).unwrap();
        assert_eq!(again, "33");
        let again = h.redo(again).unwrap();
        assert_eq!(again, "330");
        assert!(!h.can_redo());
    }

    #[test]
    fn an_edit_after_undo_forgets_the_redo_and_starts_its_own_step() {
        let mut h = History::default();
        let mut v = String::new();
        typed(&mut h, &mut v, "1", 0.0);
        let mut v = h.undo(v).unwrap();
        assert!(h.can_redo());
        // Immediately after the undo: a step of its own, not joined to the undone one.
        typed(&mut h, &mut v, "2", 50.0);
        assert!(!h.can_redo());
        assert_eq!(h.steps(), 1);
        assert_eq!(h.undo(v).as_deref(), Some(""));
    }

    #[test]
    fn leaving_a_field_closes_the_step() {
        let mut h = History::default();
        let mut v = String::new();
        typed(&mut h, &mut v, "1", 0.0);
        h.close_step();
        typed(&mut h, &mut v, "2", 100.0);
        assert_eq!(h.steps(), 2);
    }

    #[test]
    fn a_load_is_not_a_step_and_forgets_the_steps() {
        let mut h = History::default();
        let mut v = String::new();
        typed(&mut h, &mut v, "12", 0.0);
        h.load();
        assert!(!h.can_undo() && !h.can_redo());
    }

    #[test]
    fn the_history_is_bounded() {
        let mut h = History::new(3, COALESCE_MS);
        let mut v = String::new();
        for i in 0..10 {
            typed(&mut h, &mut v, "x", 10_000.0 * f64::from(i));
        }
        assert_eq!(h.steps(), 3);
        // The oldest steps went first: three undos reach "xxxxxxx".
        let mut back = v;
        for _ in 0..3 {
            back = h.undo(back).unwrap();
        }
        assert_eq!(back, "xxxxxxx");
        assert_eq!(h.undo(back), None);
    }

    #[test]
    fn a_clock_that_goes_backwards_opens_a_step() {
        let mut h = History::default();
        let mut v = String::new();
        typed(&mut h, &mut v, "1", 5_000.0);
        typed(&mut h, &mut v, "2", 1_000.0);
        assert_eq!(h.steps(), 2);
    }
}
