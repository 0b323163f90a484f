//! 目标分解沙盘 — quota-planner.
//!
//! Data flows one way: edit → scenario → plan → view.
//! - [`engine`]: the planning engine (the `quota-engine` crate: pure Rust, no browser
//!   crate), scenario in, plan out.
//! - [`storage`]: persistence of scenarios in the browser's localStorage.
//! - [`ui`]: Leptos components that render the plan and send edits; no arithmetic of their own.

pub use quota_engine as engine;
pub mod storage;
pub mod ui;
