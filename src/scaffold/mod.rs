//! `witlint scaffold`: new host crates, guest crates and worlds from WIT, ready to build.
//!
//! Each generator turns the target into a serde model; handlebars templates in
//! `templates/scaffold/` (overridable with `--templates DIR`) turn the model into files;
//! [`generate`] hands back the files, which the CLI writes through [`crate::emit`].

pub mod generate;
pub mod guest;
pub mod host;
pub mod names;
pub mod rust_types;
pub mod templates;
pub mod wit_tree;
pub mod world;

pub use generate::{GuestSpec, HostSpec, Scaffold, guest_crate, host_crate, world_package};
pub use guest::Bindings;
pub use names::invalid_crate_name;
pub use world::WorldSpec;
