//! witlint's reference model of the WASI cloud-core world (`wit/`), built into the binary:
//! `check`, `docs` and `scaffold` work on it from any folder that holds no WIT of its own,
//! and say so.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

static WIT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/wit");

/// How the built-in world's files are named in messages and reports: never a path on
/// disk, so nobody looks for it there.
pub const SHOWN: &str = "builtin:wit";

/// The package the reference world defines.
pub const PACKAGE: &str = "wasi:cloud-core@0.2.0-draft2";

/// The built-in world unpacked into a temporary folder, removed when this is dropped.
pub struct Unpacked {
    _dir: tempfile::TempDir,
    /// The unpacked `wit/` folder.
    pub path: PathBuf,
}

/// Unpacks the built-in world (for loading it as any folder is loaded).
pub fn unpack() -> std::io::Result<Unpacked> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("wit");
    write_dir(&WIT, &path)?;
    Ok(Unpacked { _dir: dir, path })
}

fn write_dir(dir: &Dir<'_>, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for file in dir.files() {
        let name = file.path().file_name().unwrap_or_default();
        std::fs::write(to.join(name), file.contents())?;
    }
    for sub in dir.dirs() {
        let name = sub.path().file_name().unwrap_or_default();
        write_dir(sub, &to.join(name))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The built-in world is the `wit/` folder as committed, file for file.
    #[test]
    fn holds_every_file_of_wit() {
        let unpacked = super::unpack().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("wit");
        let mut stack = vec![root.clone()];
        let mut count = 0;
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let rel = path.strip_prefix(&root).unwrap();
                assert_eq!(
                    std::fs::read(unpacked.path.join(rel)).unwrap(),
                    std::fs::read(&path).unwrap(),
                    "{}",
                    rel.display()
                );
                count += 1;
            }
        }
        assert!(count > 10);
    }
}
