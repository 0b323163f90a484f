//! Undo and redo of every edit (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, and the buttons).
//!
//! Each change of the scenario is one step, except that changes less than a moment apart
//! (the keystrokes of one number) are one step together.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::Scenario;

/// Changes closer together than this are one undo step.
const COALESCE_MS: u64 = 800;
/// Steps kept.
const DEPTH: usize = 200;

#[derive(Default)]
struct Stacks {
    past: Vec<Scenario>,
    future: Vec<Scenario>,
    /// The scenario as the last step left it: what the next step's undo returns to. Taken
    /// (into `past`) when a step opens, and copied again when it closes, so that typing
    /// copies nothing: a large scenario is copied once per step, after the typing pauses.
    baseline: Option<Scenario>,
    /// A step is open: changes now join it.
    open: bool,
    /// The next change is an undo, redo or load being applied, not a new edit.
    applying: bool,
    closer: Option<TimeoutHandle>,
}

#[derive(Clone, Copy)]
pub struct History {
    scenario: RwSignal<Scenario>,
    stacks: StoredValue<Stacks>,
    /// Bumped on every change of the stacks, for the buttons.
    version: RwSignal<u64>,
}

impl History {
    /// Watch the scenario and the keyboard.
    pub fn install(scenario: RwSignal<Scenario>) -> Self {
        let stacks = StoredValue::new(Stacks {
            baseline: Some(scenario.get_untracked()),
            ..Stacks::default()
        });
        let history = History {
            scenario,
            stacks,
            version: RwSignal::new(0),
        };
        Effect::new(move |first: Option<()>| {
            scenario.track();
            if first.is_none() {
                return;
            }
            let opened = stacks
                .try_update_value(|h| {
                    if h.applying {
                        h.applying = false;
                        return false;
                    }
                    h.future.clear();
                    if !h.open {
                        if let Some(before) = h.baseline.take() {
                            h.past.push(before);
                            if h.past.len() > DEPTH {
                                h.past.remove(0);
                            }
                        }
                        h.open = true;
                    }
                    if let Some(t) = h.closer.take() {
                        t.clear();
                    }
                    true
                })
                .unwrap_or(false);
            if opened {
                let closer = set_timeout_with_handle(
                    move || history.close_step(),
                    std::time::Duration::from_millis(COALESCE_MS),
                )
                .ok();
                stacks.update_value(|h| h.closer = closer);
            }
            history.version.update(|v| *v += 1);
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

    /// End the open step: its result becomes the baseline of the next one.
    fn close_step(&self) {
        let open = self.stacks.with_value(|h| h.open);
        if !open {
            return;
        }
        let now = self.scenario.get_untracked();
        self.stacks.update_value(|h| {
            if let Some(t) = h.closer.take() {
                t.clear();
            }
            h.open = false;
            h.baseline = Some(now);
        });
    }

    /// Show another scenario (opened, not edited): no undo step, and the steps of the
    /// previous one are forgotten.
    pub fn replace(&self, s: Scenario) {
        self.stacks.update_value(|h| {
            if let Some(t) = h.closer.take() {
                t.clear();
            }
            h.past.clear();
            h.future.clear();
            h.open = false;
            h.applying = true;
            h.baseline = Some(s.clone());
        });
        self.scenario.set(s);
        self.version.update(|v| *v += 1);
    }

    pub fn can_undo(&self) -> bool {
        self.version.track();
        self.stacks.with_value(|h| !h.past.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        self.version.track();
        self.stacks.with_value(|h| !h.future.is_empty())
    }

    pub fn undo(&self) {
        self.close_step();
        let Some(previous) = self.stacks.try_update_value(|h| h.past.pop()).flatten() else {
            return;
        };
        self.stacks.update_value(|h| {
            if let Some(current) = h.baseline.take() {
                h.future.push(current);
            }
            h.baseline = Some(previous.clone());
            h.applying = true;
        });
        self.scenario.set(previous);
        self.version.update(|v| *v += 1);
    }

    pub fn redo(&self) {
        self.close_step();
        let Some(next) = self.stacks.try_update_value(|h| h.future.pop()).flatten() else {
            return;
        };
        self.stacks.update_value(|h| {
            if let Some(current) = h.baseline.take() {
                h.past.push(current);
            }
            h.baseline = Some(next.clone());
            h.applying = true;
        });
        self.scenario.set(next);
        self.version.update(|v| *v += 1);
    }
}
