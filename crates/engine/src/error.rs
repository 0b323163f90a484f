//! Problems found in a scenario: which field, and what, in both languages.

use serde::{Deserialize, Serialize};

use super::field::Field;
use super::i18n::Bilingual;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The plan cannot be computed as asked.
    Error,
    /// The plan is computed, with a substitution the planner should know about.
    Warning,
}

/// One problem, at its field (e.g. the held gross output of enterprise 12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioError {
    pub field: Field,
    pub severity: Severity,
    pub message: Bilingual,
}

impl ScenarioError {
    pub fn error(field: Field, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            field,
            severity: Severity::Error,
            message: Bilingual::new(zh, en),
        }
    }

    pub fn warning(field: Field, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            field,
            severity: Severity::Warning,
            message: Bilingual::new(zh, en),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
