//! An input as it was at a git revision, read from git's objects into memory (see
//! [`crate::git`]): the working tree and the index are never touched, and nothing of the
//! revision is written to disk.

use std::path::Path;

use crate::error::Error;
use crate::git::Repo;
use crate::workspace::{InputFiles, read_input_from};

/// Reads `input` (a folder or file inside a git repository) as it was at `rev`, named
/// `REV:PATH` in messages.
pub fn read_revision(input: &Path, rev: &str) -> Result<InputFiles, Error> {
    let absolute = std::path::absolute(input)
        .map_err(|e| Error::new("git", format!("{}: {e}", input.display())))?;
    let start = if absolute.is_dir() {
        absolute.clone()
    } else {
        absolute.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let repo = Repo::discover(&start).map_err(|e| {
        e.with_hint("`--against REV` needs a revision of the repository the input is in")
    })?;
    let tree = repo.tree_of(rev)?;
    let relative = repo.relative(&absolute)?;
    let relative_text = relative.to_string_lossy().replace('\\', "/");
    let spec = if relative_text.is_empty() {
        ".".to_string()
    } else {
        relative_text
    };
    let files = repo.read_tree(&tree, &relative)?;
    if files.is_empty() {
        return Err(Error::new(
            "git",
            format!("`{spec}` does not exist at revision `{rev}`"),
        )
        .with_hint("name a revision that has the input, e.g. a release tag"));
    }
    read_input_from(&files, &relative, &format!("{rev}:{spec}")).map_err(|e| {
        let message = e
            .diagnostics
            .first()
            .map_or_else(|| "cannot be read".to_string(), |d| d.message.clone());
        Error::new("git", format!("`{spec}` at revision `{rev}`: {message}"))
    })
}
