//! Positions between witlint (byte offsets into a source file, whose line index it
//! keeps) and the protocol (0-based lines, UTF-16 columns), and file URIs.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Uri};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use crate::workspace::SourceFile;

/// The position of a byte offset of `file`.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let (line, character) = file.line_utf16(offset);
    Position {
        line: line as u32,
        character: character as u32,
    }
}

pub fn range(file: &SourceFile, bytes: &std::ops::Range<usize>) -> Range {
    Range {
        start: position(file, bytes.start),
        end: position(file, bytes.end),
    }
}

/// The byte offset of a position in `file` (clamped to its line and to the text).
pub fn offset(file: &SourceFile, at: Position) -> usize {
    file.offset_utf16(at.line as usize, at.character as usize)
}

/// The path of a `file:` URI.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

/// What a path segment may not hold unescaped.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    format!("file://{}", utf8_percent_encode(text, PATH))
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let file = SourceFile::new("a.wit".into(), "a\né😀x\nlast".into());
        let x = file.text.find('x').unwrap();
        let at = position(&file, x);
        assert_eq!((at.line, at.character), (1, 3));
        assert_eq!(offset(&file, at), x);
        // Past the end of a line: the line's end; past the last line: the text's end.
        assert_eq!(offset(&file, Position::new(0, 9)), 1);
        assert_eq!(offset(&file, Position::new(7, 0)), file.text.len());
        let uri = uri_of(Path::new("/tmp/a b/c.wit")).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/c.wit");
        assert_eq!(path_of(&uri).unwrap(), Path::new("/tmp/a b/c.wit"));
    }
}
