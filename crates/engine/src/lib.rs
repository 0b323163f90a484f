//! The planning engine of quota-planner (目标分解沙盘): scenario in, plan out.
//!
//! Pure Rust with no browser crate (a compile error, not a promise: this crate does not
//! depend on one), tested natively and run unchanged in WebAssembly. Money and rates are
//! exact decimals ([`num::Dec`]); docs/DOMAIN.md states the relations and rounding rules.
#![forbid(unsafe_code)]

pub mod calendar;
pub mod checklist;
pub mod compare;
pub mod coverage;
pub mod edit;
pub mod error;
pub mod example;
pub mod explain;
pub mod field;
pub mod format;
pub mod goal;
pub mod hard_cases;
pub mod history;
pub mod i18n;
pub mod import;
pub mod import_settings;
pub mod indicator;
pub mod migrate;
pub mod num;
pub mod number;
pub mod paste;
pub mod plan;
pub mod progress;
pub mod quarters;
pub mod round;
pub mod salvage;
pub mod scenario;
pub mod split;
pub mod stage;
pub mod target;
pub mod teaching;
pub mod validate;

pub use error::{ScenarioError, Severity};
pub use field::Field;
pub use i18n::{Bilingual, Lang};
pub use indicator::{Indicator, SparseValues, Values};
pub use num::Dec;
pub use plan::{plan, plan_after, Plan};
pub use scenario::*;
