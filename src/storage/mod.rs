//! Persistence in the browser's localStorage (through gloo-storage).
//!
//! What is stored is what the user typed, verbatim, so that nothing is lost even when a
//! value does not parse yet.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// Storage key of the shell's two inputs. Versioned so that a later format can migrate it.
pub const SHELL_KEY: &str = "quota-planner/shell/v1";

/// The two inputs of the app shell, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellInputs {
    /// 全年目标 (亿元), as typed.
    pub annual_target: String,
    /// 一季度占比 (%), as typed.
    pub q1_share: String,
}

impl Default for ShellInputs {
    /// The worked example: 330亿元 and 22%.
    fn default() -> Self {
        Self {
            annual_target: "330".into(),
            q1_share: "22".into(),
        }
    }
}

/// The saved inputs, or `None` when nothing (readable) is stored or storage is unavailable.
pub fn load_shell() -> Option<ShellInputs> {
    LocalStorage::get(SHELL_KEY).ok()
}

/// Save the inputs; the error says why when the browser refuses.
pub fn save_shell(inputs: &ShellInputs) -> Result<(), String> {
    LocalStorage::set(SHELL_KEY, inputs).map_err(|e| e.to_string())
}
