#![forbid(unsafe_code)]
//! witlint: lint, document and scaffold WIT packages of the WebAssembly component model.
//!
//! The jobs are functions that take options and return data; the `witlint` binary (its
//! `cli` module), the tests and the language server call the same ones, and nothing here
//! prints.
//!
//! - **Load**: [`read_input`] reads an input from disk (files, `deps/`, manifests) into
//!   [`InputFiles`], where an editor's unsaved buffers may replace files; [`build`] parses
//!   and resolves them into a [`Workspace`]. [`load`] does both.
//! - **Check**: [`check`] runs the rules over a workspace; [`check_all`] checks several
//!   inputs together. Findings are formatted by [`report`].
//! - **Docs**: [`docs::book_pages`], [`docs::single_file`] and [`docs::doc_model`].
//! - **Build**: [`build::package`] encodes a package as a `.wasm` with its metadata,
//!   checked to decode to the same API; [`build::oci::layout`] puts it in an OCI layout.
//! - **Scaffold**: [`scaffold::host_crate`], [`scaffold::guest_crate`] and
//!   [`scaffold::world_package`] return the files to write; [`emit`] writes them safely.
//!
//! ```
//! use std::path::Path;
//!
//! // The bundled cloud-core world, with an editor's unsaved change to one of its files.
//! use witlint::project::load::{Overlays, load, read};
//! let text = std::fs::read_to_string("wit/world.wit")?;
//! let mut unsaved = Overlays::new();
//! unsaved.insert("wit/world.wit".into(), text.replace("/// Imports every", "/// Imports all"));
//! let ws = load(read(Path::new("wit"), "wit", &unsaved)?, witlint::Mode::Check(&[]))?;
//! let findings = witlint::check(&ws, &[], &witlint::Config::default());
//! for f in &findings {
//!     let at = f.location.as_ref().map(|l| format!("{}:{}:{}", l.file, l.line, l.column));
//!     println!("{} {}: {}", at.unwrap_or_default(), f.rule.id, f.message);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod build;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod error;
pub mod fmt;
pub mod git;
pub mod input;
pub mod lint;
pub mod lsp;
pub mod project;
pub mod reference;
pub mod report;
pub mod scaffold;
pub mod templates;
pub mod workspace;

pub use error::Error;
pub use lint::{Checked, Config, Finding, Level, check, check_all};
pub use project::load::open;
pub use workspace::{InputFiles, LoadError, Mode, Workspace, read_input};
