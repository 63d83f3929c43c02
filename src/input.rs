//! Reading the files a user names: only regular files, of a sane size. A FIFO would block
//! forever, a device (`/dev/zero`) never ends, and a file larger than any WIT package is a
//! mistake to report, not gigabytes to allocate.

use std::io::Read;
use std::path::Path;

/// The largest file witlint reads: a WIT file, a `.wasm` package, a config, a baseline, a
/// template, mdBook's input. The largest real WIT files are a few hundred kilobytes.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// The most WIT one input may hold, `deps/` included: three times a generated package of
/// 2,000 interfaces (`../shared/tools/gen_large_wit.py`). Docs of much more would need
/// gigabytes.
pub const MAX_INPUT_BYTES: u64 = 32 << 20;

/// Reads a regular file of at most [`MAX_FILE_BYTES`]; any other kind of file, or a larger
/// one, is an error that says so.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, device or socket)"
        };
        return Err(std::io::Error::other(what));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while it is read: read one byte past the limit at most.
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`read`] for text.
pub fn read_to_string(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read(path)?).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        )
    })
}

/// Reads standard input, up to the same limit.
pub fn read_stdin() -> std::io::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .take(MAX_FILE_BYTES + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(text.len() as u64));
    }
    Ok(text)
}

fn too_large(len: u64) -> std::io::Error {
    std::io::Error::other(format!(
        "{} MiB, more than the {} MiB witlint reads from one file",
        len >> 20,
        MAX_FILE_BYTES >> 20
    ))
}
