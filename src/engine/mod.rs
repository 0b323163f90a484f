//! The planning engine: scenario in, plan out. Pure Rust, no browser crate, so that it is
//! tested natively and runs unchanged in WebAssembly.

pub mod format;
pub mod i18n;
pub mod indicator;
pub mod number;
pub mod quarters;
pub mod scenario;

pub use i18n::{Bilingual, Lang};
pub use indicator::{Indicator, Values};
pub use scenario::*;
