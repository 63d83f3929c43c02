//! `witlint docs`: reference documentation from WIT.
//!
//! Workspace ─► [`model::DocModel`] ─► templates ([`render`]) ─► pages or one file ─► emit.

pub mod command;
mod layout;
pub mod links;
pub mod markdown;
pub mod mdbook;
pub mod model;
pub mod render;
mod renderer;
mod views;
