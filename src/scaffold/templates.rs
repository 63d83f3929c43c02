//! The scaffolds' handlebars templates: built in, or replaced by name from `--templates DIR`.

use std::path::Path;

use anyhow::{Context, Result};
use handlebars::Handlebars;
use serde::Serialize;

/// The built-in templates, by name (`host/lib.rs` is `templates/scaffold/host/lib.rs.hbs`).
const TEMPLATES: &[(&str, &str)] = &[
    (
        "host/Cargo.toml",
        include_str!("../../templates/scaffold/host/Cargo.toml.hbs"),
    ),
    (
        "host/lib.rs",
        include_str!("../../templates/scaffold/host/lib.rs.hbs"),
    ),
    (
        "host/linker.rs",
        include_str!("../../templates/scaffold/host/linker.rs.hbs"),
    ),
    (
        "guest/Cargo.toml",
        include_str!("../../templates/scaffold/guest/Cargo.toml.hbs"),
    ),
    (
        "guest/lib.rs",
        include_str!("../../templates/scaffold/guest/lib.rs.hbs"),
    ),
    (
        "world/world.wit",
        include_str!("../../templates/scaffold/world/world.wit.hbs"),
    ),
    (
        "world/deps.toml",
        include_str!("../../templates/scaffold/world/deps.toml.hbs"),
    ),
    (
        "world/witlint.toml",
        include_str!("../../templates/scaffold/world/witlint.toml.hbs"),
    ),
];

/// Renders template `name` (built in, or `<dir>/<name>.hbs` when the user supplies one).
pub fn render(name: &str, model: &impl Serialize, dir: Option<&Path>) -> Result<String> {
    let builtin = TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .with_context(|| format!("no template `{name}`"))?;
    let text = crate::templates::source(dir, name, builtin)?;
    let mut hbs = Handlebars::new();
    hbs.register_escape_fn(handlebars::no_escape);
    hbs.set_strict_mode(true);
    hbs.register_template_string(name, &text)
        .with_context(|| format!("template `{name}.hbs` does not parse"))?;
    hbs.render(name, model)
        .with_context(|| format!("template `{name}.hbs` does not render"))
}

/// The names of the template files, for `--templates` hints.
pub fn template_names() -> impl Iterator<Item = &'static str> {
    TEMPLATES.iter().map(|(n, _)| *n)
}
