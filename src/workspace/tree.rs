//! Where an input's files come from: the disk, or a tree of files held in memory (an input
//! as it was at a git revision). The reader ([`super::read`]) walks either the same way, so
//! a revision is read with the same rules and limits as the working tree, and nothing of
//! it is ever written to disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What is at a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A regular file of this many bytes.
    File(u64),
    Folder,
    /// Something that is neither (a pipe, a device, a socket).
    Other,
}

/// A tree of files to read an input from.
pub trait FileTree: Sync {
    /// What is at `path` (following links on disk).
    fn kind(&self, path: &Path) -> std::io::Result<Kind>;
    /// The entries of a folder, sorted by name.
    fn entries(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>>;
    /// A file's bytes, within [`crate::input::MAX_FILE_BYTES`].
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
}

/// The files on disk.
pub struct Disk;

impl FileTree for Disk {
    fn kind(&self, path: &Path) -> std::io::Result<Kind> {
        let meta = std::fs::metadata(path)?;
        Ok(if meta.is_file() {
            Kind::File(meta.len())
        } else if meta.is_dir() {
            Kind::Folder
        } else {
            Kind::Other
        })
    }

    fn entries(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        paths.sort();
        Ok(paths)
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        crate::input::read(path)
    }
}

/// Files held in memory by their relative path; folders are the paths' prefixes.
#[derive(Default, Debug, Clone)]
pub struct Memory {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Memory {
    /// Adds a file. `path` is relative and plain (no `.`, `..`, root or prefix): the
    /// caller checked it.
    pub fn insert(&mut self, path: PathBuf, bytes: Vec<u8>) {
        self.files.insert(path, bytes);
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The files below `dir` (all of them for an empty path).
    fn below<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = (&'a PathBuf, &'a Vec<u8>)> {
        self.files
            .range::<Path, _>((std::ops::Bound::Included(dir), std::ops::Bound::Unbounded))
            .take_while(move |(p, _)| p.starts_with(dir))
            .filter(move |(p, _)| p.as_path() != dir)
    }
}

impl FileTree for Memory {
    fn kind(&self, path: &Path) -> std::io::Result<Kind> {
        if let Some(bytes) = self.files.get(path) {
            return Ok(Kind::File(bytes.len() as u64));
        }
        match self.below(path).next() {
            Some(_) => Ok(Kind::Folder),
            None => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not found at that revision",
            )),
        }
    }

    fn entries(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let mut out: Vec<PathBuf> = self
            .below(dir)
            .filter_map(|(p, _)| p.strip_prefix(dir).ok()?.components().next())
            .map(|first| dir.join(first))
            .collect();
        out.dedup();
        if out.is_empty() {
            self.kind(dir)?;
        }
        Ok(out)
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        match self.files.get(path) {
            Some(bytes) => Ok(bytes.clone()),
            None => Err(self
                .kind(path)
                .map_or_else(|e| e, |_| std::io::Error::other("a folder"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_folders_are_the_prefixes_of_its_files() {
        let mut tree = Memory::default();
        tree.insert("wit/a.wit".into(), b"a".to_vec());
        tree.insert("wit/deps/io/b.wit".into(), b"bb".to_vec());
        tree.insert("wit-other/c.wit".into(), b"c".to_vec());
        assert_eq!(tree.kind(Path::new("wit")).unwrap(), Kind::Folder);
        assert_eq!(tree.kind(Path::new("wit/a.wit")).unwrap(), Kind::File(1));
        assert!(tree.kind(Path::new("wi")).is_err());
        assert_eq!(
            tree.entries(Path::new("wit")).unwrap(),
            vec![PathBuf::from("wit/a.wit"), PathBuf::from("wit/deps")]
        );
        assert_eq!(
            tree.entries(Path::new("")).unwrap(),
            vec![PathBuf::from("wit"), PathBuf::from("wit-other")]
        );
        assert!(tree.entries(Path::new("nope")).is_err());
        assert!(tree.read(Path::new("wit/deps")).is_err());
    }
}
