//! `witlint docs`: reference documentation from WIT.
//!
//! Workspace ─► [`model::DocModel`] ─► [`layout`] (a page and an anchor per item) ─► views
//! ─► templates ([`renderer`]) ─► [`pages`] ─► [`generate`] (the job as data) ─► emit,
//! with the SUMMARY.md region of a [`book`].

pub mod book;
pub mod generate;
pub mod generated;
mod inert;
mod layout;
pub mod markdown;
pub mod mdbook;
pub mod model;
pub mod pages;
mod renderer;
mod views;

pub use generate::{DocsOptions, book_pages, doc_model, pick_world, single_file};
pub use renderer::Templates;
