//! Source texts with a line index, so any byte offset maps to line and column, and how
//! paths are shown in messages.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use super::trivia::Trivia;

/// Where a finding or error points: 1-based line and column (in characters),
/// plus the byte range in the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// Shared with the file's [`SourceFile::path`]: a package with hundreds of findings
    /// has hundreds of locations in one file.
    pub file: Arc<str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// On character boundaries of the file's text.
    #[serde(skip)]
    pub bytes: Range<usize>,
}

impl Location {
    /// A location that names only a file (a `.wasm` input has no lines).
    pub fn whole_file(file: &str) -> Self {
        Location {
            file: file.into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            bytes: 0..0,
        }
    }
}

/// One WIT (or TOML) file as read from disk.
#[derive(Clone)]
pub struct SourceFile {
    /// The path as shown to users: relative when the input was given relative. Shared by
    /// the file's [`Location`]s.
    pub path: Arc<str>,
    pub text: String,
    /// Where each line starts, indexed on first use.
    line_starts: OnceLock<Vec<usize>>,
    /// Comment and declaration structure, scanned on first use; empty for non-WIT files.
    trivia: OnceLock<Trivia>,
}

impl SourceFile {
    /// A file that is not WIT (a manifest, a baseline): lines only, indexed when first
    /// asked for.
    pub fn new(path: String, text: String) -> Self {
        SourceFile {
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
            trivia: OnceLock::from(Trivia::default()),
        }
    }

    /// A WIT file: lines and comment structure, each worked out when first asked for (a
    /// check scans every file's comments beside building the index: see `workspace::build`).
    pub fn wit(path: String, text: String) -> Self {
        SourceFile {
            trivia: OnceLock::new(),
            ..SourceFile::new(path, text)
        }
    }

    /// The comment and declaration structure of the file.
    pub fn trivia(&self) -> &Trivia {
        self.trivia.get_or_init(|| Trivia::scan(&self.text))
    }

    /// Where each line starts, indexed on first use.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based (line, column) of a byte offset; columns count characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.char_boundary(offset);
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let col = self.text[line_starts[line]..offset].chars().count();
        (line + 1, col + 1)
    }

    /// 0-based line and column of a byte offset, the column in UTF-16 code units: how the
    /// language server protocol counts.
    pub fn line_utf16(&self, offset: usize) -> (usize, usize) {
        let offset = self.char_boundary(offset);
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let col = self.text[line_starts[line]..offset].encode_utf16().count();
        (line, col)
    }

    /// The byte offset of a 0-based line and UTF-16 column, clamped to the line and the
    /// text.
    pub fn offset_utf16(&self, line: usize, column: usize) -> usize {
        let line_starts = self.line_starts();
        let Some(&start) = line_starts.get(line) else {
            return self.text.len();
        };
        let end = line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= column {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    /// The byte offset itself, or the start of the character it falls inside: wit-parser
    /// may point into a multi-byte character (where it stopped on a zero-width space).
    fn char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub fn location(&self, bytes: Range<usize>) -> Location {
        let (line, column) = self.line_col(bytes.start);
        let start = self.char_boundary(bytes.start);
        // An end inside a character takes the whole character.
        let mut end = bytes.end.clamp(start, self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        let bytes = start..end;
        // Most ranges (a name) end on the line they start on: count on from the start.
        let (end_line, end_column) = match self.line_starts().get(line) {
            Some(&next_line) if end >= next_line => self.line_col(end),
            _ => (line, column + self.text[start..end].chars().count()),
        };
        Location {
            file: self.path.clone(),
            line,
            column,
            end_line,
            end_column,
            bytes,
        }
    }

    /// The 1-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_col(offset).0
    }
}

/// All files a workspace read, addressable by their display path.
///
/// Files are shared: a clone (for the features-off trial's thread) copies no text.
#[derive(Clone, Default)]
pub struct Sources {
    files: Vec<Arc<SourceFile>>,
    by_path: FxHashMap<Arc<str>, usize>,
}

impl Sources {
    /// Adds every file of `other`, in order.
    pub fn append(&mut self, other: Sources) {
        for file in other.files {
            self.add_shared(file);
        }
    }

    pub fn add(&mut self, file: SourceFile) -> usize {
        self.add_shared(Arc::new(file))
    }

    fn add_shared(&mut self, file: Arc<SourceFile>) -> usize {
        let idx = self.files.len();
        self.by_path.insert(file.path.clone(), idx);
        self.files.push(file);
        idx
    }

    /// The position of a file in [`Sources::iter`].
    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    pub fn get(&self, path: &str) -> Option<&SourceFile> {
        self.by_path.get(path).map(|&i| &*self.files[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().map(|f| &**f)
    }

    /// Scans every file's comments, on all cores.
    pub fn scan_trivia(&self) {
        self.files.par_iter().for_each(|f| {
            f.trivia();
        });
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// The files of one unit: the file itself, or the `.wit` files directly in the folder.
    pub fn of_unit<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = &'a SourceFile> + 'a {
        // The current folder's files are shown without a `./`.
        let prefix = if unit == "." {
            String::new()
        } else {
            format!("{unit}/")
        };
        self.iter().filter(move |f| {
            *f.path == *unit
                || f.path
                    .strip_prefix(&prefix)
                    .is_some_and(|rest| !rest.contains('/'))
        })
    }

    /// The first place a unit references package `ns:name` (at `version`, if given).
    pub fn package_ref_in(
        &self,
        unit: &str,
        namespace: &str,
        name: &str,
        version: Option<&str>,
    ) -> Option<Location> {
        self.of_unit(unit).find_map(|f| {
            f.trivia()
                .refs
                .iter()
                .find(|r| {
                    r.namespace == namespace
                        && r.name == name
                        && (version.is_none() || r.version.as_deref() == version)
                })
                .map(|r| f.location(r.range.clone()))
        })
    }

    /// Where a unit writes `package <name>` (`name` as `ns:pkg@version`).
    pub fn package_decl_in(&self, unit: &str, name: &str) -> Option<Location> {
        self.of_unit(unit).find_map(|f| {
            f.trivia()
                .packages
                .iter()
                .find(|d| d.name == name)
                .map(|d| f.location(d.range.clone()))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The display form of a path: as given, without `.` components or a trailing `/`, so
/// that `.`, `./`, `wit/` and `./wit` show their files the same way (`a.wit`, `wit/a.wit`).
pub fn display(path: &Path) -> String {
    let parts: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if parts.as_os_str().is_empty() {
        ".".to_string()
    } else {
        parts.display().to_string()
    }
}

/// A path shown inside a shown folder: `wit` + `world.wit` is `wit/world.wit`, `.` +
/// `a.wit` is `a.wit`.
pub fn shown_join(base: &str, name: &str) -> String {
    if base == "." || base.is_empty() {
        name.to_string()
    } else {
        [base.trim_end_matches('/'), "/", name].concat()
    }
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|s| &s.path))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_chars() {
        let f = SourceFile::new("a.wit".into(), "ab\nçd\n".into());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // `ç` is two bytes but one column.
        assert_eq!(f.line_col(5), (2, 2));
        assert_eq!(f.line_col(100), (3, 1));
    }

    #[test]
    fn locations_end_where_their_range_ends() {
        let f = SourceFile::new("a.wit".into(), "ab\nçd ef\ngh".into());
        let ends = |range: Range<usize>| {
            let l = f.location(range);
            (l.line, l.column, l.end_line, l.end_column)
        };
        // Within a line, past a two-byte character.
        assert_eq!(ends(3..6), (2, 1, 2, 3));
        // Up to the line break, onto the next line's start, across lines.
        assert_eq!(ends(3..9), (2, 1, 2, 6));
        assert_eq!(ends(3..10), (2, 1, 3, 1));
        assert_eq!(ends(1..11), (1, 2, 3, 2));
        // Empty, reversed and out-of-bounds ranges stay in the file.
        assert_eq!(ends(5..5), (2, 2, 2, 2));
        #[allow(
            clippy::reversed_empty_ranges,
            reason = "a reversed range is what is tested"
        )]
        let reversed = 7..2;
        assert_eq!(ends(reversed), (2, 4, 2, 4));
        assert_eq!(ends(11..50), (3, 2, 3, 3));
    }
}
