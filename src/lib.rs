//! factlint: finds the figures and dates in an article that contradict each other.
//!
//! The engine runs in one direction, each stage its own module:
//! [`input`] (Markdown or text → prose with a map back to the file) →
//! [`extract`] (figures and times → mentions) → [`claims`] (mentions bound to a
//! metric and a period) → [`rules`] (YAML rule files) → [`checks`] (one file per
//! check kind) → [`findings`] → [`report`]. [`Engine`] ties them together.

pub mod checks;
pub mod claims;
pub mod cli;
mod engine;
pub mod extract;
pub mod findings;
pub mod input;
pub mod interval;
pub mod report;
pub mod rules;
pub mod ruletest;

pub use engine::{Engine, EngineError, Gathered};
