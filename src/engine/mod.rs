//! The planning engine: scenario in, plan out. Pure Rust, no browser crate, so that it is
//! tested natively and runs unchanged in WebAssembly.

pub mod calendar;
pub mod compare;
pub mod delimited;
pub mod edit;
pub mod error;
pub mod example;
pub mod explain;
pub mod format;
pub mod i18n;
pub mod indicator;
pub mod number;
pub mod paste;
pub mod plan;
pub mod quarters;
pub mod round;
pub mod scenario;
pub mod split;
pub mod target;
pub mod validate;

pub use error::{ScenarioError, Severity};
pub use i18n::{Bilingual, Lang};
pub use indicator::{Indicator, Values};
pub use plan::{plan, plan_after, Plan};
pub use scenario::*;
