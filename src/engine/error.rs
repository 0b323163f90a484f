//! Problems found in a scenario: where (the field's path) and what, in both languages.

use serde::{Deserialize, Serialize};

use super::i18n::Bilingual;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The plan cannot be computed as asked.
    Error,
    /// The plan is computed, with a substitution the planner should know about.
    Warning,
}

/// One problem, at the path of its field (e.g. `tree.industries[2].enterprises[5].held.output`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioError {
    pub path: String,
    pub severity: Severity,
    pub message: Bilingual,
}

impl ScenarioError {
    pub fn error(path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            severity: Severity::Error,
            message: Bilingual::new(zh, en),
        }
    }

    pub fn warning(path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            severity: Severity::Warning,
            message: Bilingual::new(zh, en),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
