//! Linting: rules ([`rule`]), the context they check through ([`context`]) and the
//! findings they report ([`finding`]), the catalogue
//! ([`rules`], one file per rule), running them ([`engine`]), configuration ([`config`],
//! read by `project::config_file`), and baselines.
//!
//! This file only names the parts: none of them imports from it but what it re-exports.

pub mod async_model;
pub mod baseline;
pub mod config;
pub mod context;
pub mod copies;
pub mod doctext;
pub mod engine;
pub mod finding;
pub mod fix;
pub mod gates;
pub mod level;
pub mod policy;
pub mod rule;
pub mod rules;
pub mod types;

pub use config::{Config, Preset};
pub use context::Context;
pub use engine::{Checked, check, check_all};
pub use finding::{Edit, Finding, Fix};
pub use level::Level;
pub use rule::{Applicability, Category, Fixable, Rule, RuleOption, Scope};
