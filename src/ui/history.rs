//! Undo and redo of every edit (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, and the buttons).
//!
//! Each change of the scenario is one step, except that changes less than a moment apart
//! (the keystrokes of one number) are one step together.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::Scenario;

/// Changes closer together than this are one undo step.
const COALESCE_MS: f64 = 800.0;
/// Steps kept.
const DEPTH: usize = 200;

#[derive(Default)]
struct Stacks {
    past: Vec<Scenario>,
    future: Vec<Scenario>,
    last_change_ms: f64,
    /// The next change is an undo or redo being applied, not a new edit.
    applying: bool,
}

#[derive(Clone, Copy)]
pub struct History {
    scenario: RwSignal<Scenario>,
    stacks: RwSignal<Stacks>,
}

impl History {
    /// Watch the scenario and the keyboard.
    pub fn install(scenario: RwSignal<Scenario>) -> Self {
        let stacks = RwSignal::new(Stacks::default());
        let history = History { scenario, stacks };
        Effect::new(move |previous: Option<Scenario>| {
            let current = scenario.get();
            if let Some(previous) = previous {
                stacks.update(|h| {
                    if h.applying {
                        h.applying = false;
                        return;
                    }
                    let now = js_sys::Date::now();
                    if h.past.is_empty() || now - h.last_change_ms > COALESCE_MS {
                        h.past.push(previous);
                        if h.past.len() > DEPTH {
                            h.past.remove(0);
                        }
                    }
                    h.last_change_ms = now;
                    h.future.clear();
                });
            }
            current
        });
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if !(ev.ctrl_key() || ev.meta_key()) {
                return;
            }
            // In a text field the browser's own undo edits the text.
            let in_field = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if in_field {
                return;
            }
            match ev.key().to_lowercase().as_str() {
                "z" if ev.shift_key() => history.redo(),
                "z" => history.undo(),
                "y" => history.redo(),
                _ => return,
            }
            ev.prevent_default();
        });
        on_cleanup(move || handle.remove());
        history
    }

    /// Show another scenario (opened, not edited): no undo step, and the steps of the
    /// previous one are forgotten.
    pub fn replace(&self, s: Scenario) {
        self.stacks.update(|h| {
            h.past.clear();
            h.future.clear();
            h.applying = true;
            h.last_change_ms = 0.0;
        });
        self.scenario.set(s);
    }

    pub fn can_undo(&self) -> bool {
        self.stacks.with(|h| !h.past.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        self.stacks.with(|h| !h.future.is_empty())
    }

    pub fn undo(&self) {
        let Some(previous) = self.stacks.try_update(|h| h.past.pop()).flatten() else {
            return;
        };
        let current = self.scenario.get_untracked();
        self.stacks.update(|h| {
            h.future.push(current);
            h.applying = true;
            h.last_change_ms = 0.0;
        });
        self.scenario.set(previous);
    }

    pub fn redo(&self) {
        let Some(next) = self.stacks.try_update(|h| h.future.pop()).flatten() else {
            return;
        };
        let current = self.scenario.get_untracked();
        self.stacks.update(|h| {
            h.past.push(current);
            h.applying = true;
            h.last_change_ms = 0.0;
        });
        self.scenario.set(next);
    }
}
