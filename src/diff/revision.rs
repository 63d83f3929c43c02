//! An input as it was at a git revision, read from git's objects with the `git` command:
//! the working tree and the index are never touched.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;

/// The files of an input at a revision, written into a temporary folder of their own.
pub struct Revision {
    _dir: tempfile::TempDir,
    /// The input inside the temporary folder.
    pub path: PathBuf,
    /// How messages name it: `v0.2.0:wit`.
    pub shown: String,
}

/// Reads `input` (a folder or file inside a git repository) as it was at `rev`.
pub fn read_revision(input: &Path, rev: &str) -> Result<Revision, Error> {
    let absolute = std::path::absolute(input)
        .map_err(|e| Error::new("git", format!("{}: {e}", input.display())))?;
    let start = if absolute.is_dir() {
        absolute.clone()
    } else {
        absolute.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let top = git(&start, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let canonical_top = top.canonicalize().unwrap_or(top.clone());
    let canonical_input = absolute.canonicalize().unwrap_or(absolute.clone());
    let relative = canonical_input
        .strip_prefix(&canonical_top)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let relative_text = relative.to_string_lossy().replace('\\', "/");
    let spec = if relative_text.is_empty() {
        ".".to_string()
    } else {
        relative_text.clone()
    };
    let listing = git(
        &canonical_top,
        &["ls-tree", "-r", "-z", "--full-tree", rev, "--", &spec],
    )?;
    let dir = tempfile::tempdir().map_err(|e| Error::new("io", e.to_string()))?;
    let mut files = 0;
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (Some(_mode), Some("blob"), Some(hash)) = (meta.next(), meta.next(), meta.next())
        else {
            continue; // a submodule
        };
        let bytes = git(&canonical_top, &["cat-file", "blob", hash])?;
        let target = dir.path().join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::new("io", e.to_string()))?;
        }
        std::fs::write(&target, bytes).map_err(|e| Error::new("io", e.to_string()))?;
        files += 1;
    }
    if files == 0 {
        return Err(Error::new(
            "git",
            format!("`{spec}` does not exist at revision `{rev}`"),
        )
        .with_hint("name a revision that has the input, e.g. a release tag"));
    }
    Ok(Revision {
        path: dir.path().join(&relative),
        shown: format!("{rev}:{spec}"),
        _dir: dir,
    })
}

/// Runs `git` in `dir`; its error output becomes the message.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| {
            Error::new("git", format!("cannot run git: {e}"))
                .with_hint("`--against` reads the revision with the git command: install git")
        })?;
    if !out.status.success() {
        let message = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(
            Error::new("git", format!("git {}: {message}", args.join(" ")))
                .with_hint("`--against REV` needs a revision of the repository the input is in"),
        );
    }
    Ok(out.stdout)
}
