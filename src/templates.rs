//! Handlebars templates embedded in the binary, each replaceable by a file of the same name
//! in a user's `--templates` folder.

use std::borrow::Cow;
use std::path::Path;

use anyhow::{Context, Result};

/// The text of template `name`: `<dir>/<name>.hbs` when the user supplies one, else `builtin`.
pub fn source(dir: Option<&Path>, name: &str, builtin: &'static str) -> Result<Cow<'static, str>> {
    let Some(path) = dir.map(|d| d.join(format!("{name}.hbs"))) else {
        return Ok(Cow::Borrowed(builtin));
    };
    if !path.exists() {
        return Ok(Cow::Borrowed(builtin));
    }
    crate::input::read_to_string(&path)
        .map(Cow::Owned)
        .with_context(|| format!("cannot read template {}", path.display()))
}
