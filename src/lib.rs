#![forbid(unsafe_code)]
//! witlint: lint, document and scaffold WIT packages of the WebAssembly component model.

//!
//! The pipeline runs one way: [`workspace::load`] reads WIT into a [`workspace::Workspace`];
//! [`lint::check`] runs the rules over it; [`report`] formats the findings.

pub mod cli;
pub mod commands;
pub mod docs;
pub mod emit;
pub mod input;
pub mod lint;
pub mod reference;
pub mod report;
pub mod scaffold;
pub mod templates;
pub mod workspace;

pub use lint::{Config, Finding, Level, check};
pub use workspace::{Workspace, load};
