//! Reading a repository's objects with the `git` command, as untrusted data.
//!
//! A repository may be crafted (a fork, an archive with its own `.git/`): its config can
//! name programs (`core.fsmonitor`, filters, `core.sshCommand`, hooks, a pager) and its
//! trees can hold entries named `..`. witlint reads only objects (`rev-parse`, `ls-tree`,
//! `cat-file --batch`): commands that read no index, apply no filter and run no hook; each
//! runs with fsmonitor and hooks off, no pager, every transport forbidden (so a partial
//! clone never fetches a missing object lazily) and no prompt. Paths are checked before
//! they name anything, sizes before anything is read, and blobs go into memory, never to
//! disk.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::Error;
use crate::input::{MAX_FILE_BYTES, MAX_INPUT_BYTES};
use crate::workspace::tree::Memory;

/// The files of an input that the reader wants, by extension or name.
fn wanted(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "wit" || e == "wasm" || e == "wat")
        || path
            .file_name()
            .is_some_and(|n| n == "deps.toml" || n == "deps.lock")
}

/// A git work tree, found from a folder inside it.
pub struct Repo {
    /// Its top folder.
    pub top: PathBuf,
}

/// The `git` command with everything that could run a program named by the repository
/// (or fetch) turned off.
fn git_command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("--no-pager")
        .args(["-c", "core.fsmonitor=false"])
        .args(["-c", "core.hooksPath=/dev/null"])
        .args(["-c", "protocol.allow=never"])
        .args(["-c", "core.sshCommand=false"])
        .args(["-c", "core.untrackedCache=false"])
        .arg("-C")
        .arg(dir)
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_NO_REPLACE_OBJECTS", "1")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env_remove("GIT_SSH")
        .env_remove("GIT_SSH_COMMAND")
        .env_remove("GIT_ASKPASS")
        .env_remove("GIT_PAGER")
        .stdin(Stdio::null());
    cmd
}

/// Runs `git` in `dir`; its error output becomes the message.
fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let out = git_command(dir)
        .args(args)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| {
            Error::new("git", format!("cannot run git: {e}"))
                .with_hint("witlint reads revisions with the git command: install git")
        })?;
    if !out.status.success() {
        let message = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(Error::new(
            "git",
            format!("git {}: {message}", args.join(" ")),
        ));
    }
    Ok(out.stdout)
}

impl Repo {
    /// The work tree that holds `start` (a folder).
    pub fn discover(start: &Path) -> Result<Repo, Error> {
        let top = run(start, &["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
        Ok(Repo {
            top: top.canonicalize().unwrap_or(top),
        })
    }

    /// The tree a revision names (a commit, a tag or a tree), as an object id. An option-like
    /// or unknown revision is refused.
    pub fn tree_of(&self, rev: &str) -> Result<String, Error> {
        let refuse = |why: String| {
            Error::new("git", why)
                .with_hint("name a revision of the repository: a tag, a branch or a commit")
        };
        if rev.is_empty() || rev.starts_with('-') {
            return Err(refuse(format!("`{rev}` is not a revision")));
        }
        self.object_id(&format!("{rev}^{{tree}}")).ok_or_else(|| {
            refuse(format!(
                "`{rev}` names no commit or tree of this repository"
            ))
        })
    }

    /// The commit checked out, if any.
    pub fn head(&self) -> Option<String> {
        self.object_id("HEAD^{commit}")
    }

    /// The object `spec` names, verified to exist (`rev-parse --verify`), as its id.
    fn object_id(&self, spec: &str) -> Option<String> {
        let args = ["rev-parse", "--verify", "--quiet", "--end-of-options", spec];
        let out = run(&self.top, &args).ok()?;
        let id = String::from_utf8_lossy(&out).trim().to_string();
        (!id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
    }

    /// `path` relative to the top of the work tree, `/`-separated ("" for the top).
    pub fn relative(&self, path: &Path) -> Result<PathBuf, Error> {
        let absolute = std::path::absolute(path)
            .map_err(|e| Error::new("git", format!("{}: {e}", path.display())))?;
        let canonical = absolute.canonicalize().unwrap_or(absolute);
        canonical
            .strip_prefix(&self.top)
            .map(Path::to_path_buf)
            .map_err(|_| {
                Error::new(
                    "git",
                    format!(
                        "{} is outside the repository {}",
                        path.display(),
                        self.top.display()
                    ),
                )
            })
    }

    /// The files under `prefix` in `tree` that an input may be read from (`.wit`, `.wasm`,
    /// `.wat`, deps manifests), read into memory through one `git cat-file` process. An
    /// entry whose path is not plain is refused, and so is more than witlint reads from disk.
    pub fn read_tree(&self, tree: &str, prefix: &Path) -> Result<Memory, Error> {
        let spec = if prefix.as_os_str().is_empty() {
            ".".to_string()
        } else {
            prefix.to_string_lossy().replace('\\', "/")
        };
        let listing = run(
            &self.top,
            &[
                "ls-tree",
                "-r",
                "-z",
                "-l",
                "--full-tree",
                tree,
                "--",
                &spec,
            ],
        )?;
        let mut blobs: Vec<(PathBuf, String)> = Vec::new();
        let mut total: u64 = 0;
        for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let Some(tab) = entry.iter().position(|&b| b == b'\t') else {
                continue;
            };
            let (meta, raw_path) = (&entry[..tab], &entry[tab + 1..]);
            let meta = String::from_utf8_lossy(meta);
            let fields: Vec<&str> = meta.split_whitespace().collect();
            let path = plain_path(raw_path)?;
            // Blobs only: a symbolic link (120000) is not followed, a submodule is no file.
            let [mode, "blob", id, size] = fields.as_slice() else {
                continue;
            };
            if *mode == "120000" || !wanted(&path) || !path.starts_with(prefix) {
                continue;
            }
            let size: u64 = size.parse().unwrap_or(u64::MAX);
            if size > MAX_FILE_BYTES {
                return Err(too_much(&path, size, MAX_FILE_BYTES, "one file"));
            }
            total = total.saturating_add(size);
            if total > MAX_INPUT_BYTES {
                return Err(too_much(prefix, total, MAX_INPUT_BYTES, "one input"));
            }
            blobs.push((path, id.to_string()));
        }
        let mut files = Memory::default();
        for ((path, _), bytes) in blobs.iter().zip(self.cat_blobs(&blobs)?) {
            files.insert(path.clone(), bytes);
        }
        Ok(files)
    }

    /// The blobs' bytes, in order, from one `git cat-file --batch`.
    fn cat_blobs(&self, blobs: &[(PathBuf, String)]) -> Result<Vec<Vec<u8>>, Error> {
        if blobs.is_empty() {
            return Ok(Vec::new());
        }
        let failed = |e: std::io::Error| Error::new("git", format!("git cat-file: {e}"));
        let mut child = git_command(&self.top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(failed)?;
        let ids: String = blobs.iter().map(|(_, id)| format!("{id}\n")).collect();
        let mut stdin = child.stdin.take().expect("piped");
        // Written from another thread: git answers while it reads, and a full pipe either
        // way would stop both.
        let writer = std::thread::spawn(move || stdin.write_all(ids.as_bytes()));
        let mut out = BufReader::new(child.stdout.take().expect("piped"));
        let mut all = Vec::with_capacity(blobs.len());
        for (path, id) in blobs {
            let mut header = String::new();
            out.read_line(&mut header).map_err(failed)?;
            let fields: Vec<&str> = header.split_whitespace().collect();
            let size = match fields.as_slice() {
                [got, "blob", size] if got == id => size.parse::<u64>().unwrap_or(u64::MAX),
                _ => {
                    let _ = child.kill();
                    return Err(Error::new(
                        "git",
                        format!(
                            "cannot read {} ({id}) from git: {}",
                            path.display(),
                            header.trim()
                        ),
                    ));
                }
            };
            if size > MAX_FILE_BYTES {
                let _ = child.kill();
                return Err(too_much(path, size, MAX_FILE_BYTES, "one file"));
            }
            let mut bytes = Vec::with_capacity(size as usize);
            (&mut out)
                .take(size)
                .read_to_end(&mut bytes)
                .map_err(failed)?;
            let mut newline = [0u8; 1];
            out.read_exact(&mut newline).map_err(failed)?;
            all.push(bytes);
        }
        drop(out);
        let _ = writer.join();
        let _ = child.wait();
        Ok(all)
    }
}

/// A tree entry's path, if every component is a plain name: no `..`, `.`, empty or
/// absolute component (git accepts such entries in crafted trees).
fn plain_path(raw: &[u8]) -> Result<PathBuf, Error> {
    let text = String::from_utf8_lossy(raw);
    let refuse = || {
        Error::new(
            "git",
            format!(
                "the revision holds an entry named `{}`, which is not a plain path",
                text.escape_debug()
            ),
        )
        .with_hint("the repository's history was crafted or is damaged: witlint reads no such tree")
    };
    if raw.is_empty() || raw.starts_with(b"/") || raw.contains(&b'\\') {
        return Err(refuse());
    }
    for part in raw.split(|&b| b == b'/') {
        if part.is_empty() || part == b"." || part == b".." {
            return Err(refuse());
        }
    }
    let path = path_of(raw);
    if !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(refuse());
    }
    Ok(path)
}

#[cfg(unix)]
fn path_of(raw: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(raw))
}

#[cfg(not(unix))]
fn path_of(raw: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(raw).into_owned())
}

fn too_much(path: &Path, size: u64, limit: u64, what: &str) -> Error {
    Error::new(
        "git",
        format!(
            "{} holds {} MiB at that revision, more than the {} MiB witlint reads from {what}",
            path.display(),
            size >> 20,
            limit >> 20
        ),
    )
    .with_hint("name a revision whose WIT is of a sane size")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_pass() {
        assert!(plain_path(b"wit/a.wit").is_ok());
        for bad in [
            &b"wit/../x"[..],
            b"..",
            b"wit/./a.wit",
            b"/etc/passwd",
            b"wit//a.wit",
            b"",
            b"wit\\..\\x",
        ] {
            assert!(plain_path(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
