//! Generated files inside a book: the SUMMARY.md region witlint owns (merged with what
//! other packages and other commands put there), and the generated pages no output
//! produces any more.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::generated::is_generated;
use crate::emit::Output;
use crate::error::Error;

/// The marked region of a book's SUMMARY.md that `witlint docs` owns.
pub const SUMMARY_BEGIN: &str = "<!-- witlint:begin -->";
pub const SUMMARY_END: &str = "<!-- witlint:end -->";

/// The markers of a region of SUMMARY.md that witlint owns.
pub struct Region {
    pub begin: &'static str,
    pub end: &'static str,
}

pub const DOCS_REGION: Region = Region {
    begin: SUMMARY_BEGIN,
    end: SUMMARY_END,
};

/// SUMMARY.md: the marked region of an enclosing book's SUMMARY.md, or a new one in `dir`.
/// `entries` renders the list with paths relative to the SUMMARY's folder.
pub fn summary(
    dir: &Path,
    entries: &dyn Fn(&str) -> String,
    region: &Region,
    header: &str,
) -> Result<Output, Error> {
    // Searched from the absolute path: `--out reference` run inside a book's `src/` is in
    // that book. Found, it is shown from the current folder when it is below it.
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let found = absolute
        .ancestors()
        .take(4)
        .map(|a| a.join("SUMMARY.md"))
        .find(|p| p.is_file());
    let Some(found) = found else {
        let text = own_summary(header, region, &entries(""));
        return Ok(Output::new(dir.join("SUMMARY.md"), text));
    };
    // Spelled as `dir` when it is inside it (so that it matches the other outputs), else
    // from the current folder when it is below it.
    let path = match found.strip_prefix(&absolute) {
        Ok(inside) => dir.join(inside),
        Err(_) => std::env::current_dir()
            .ok()
            .and_then(|cwd| found.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| found.clone()),
    };
    let existing = crate::input::read_to_string(&found).unwrap_or_default();
    let prefix = absolute
        .strip_prefix(found.parent().unwrap_or(Path::new("/")))
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default();
    let (begin, end) = (existing.find(region.begin), existing.find(region.end));
    // Other packages documented into the same book keep their entries.
    let old = match (begin, end) {
        (Some(b), Some(e)) if e > b => &existing[b + region.begin.len()..e],
        _ => "",
    };
    let summary_dir = found.parent().unwrap_or(Path::new("/"));
    let merged = merge_entries(old, &entries(&prefix), &|link| {
        summary_dir.join(link).is_file()
    });
    if is_generated(&existing) {
        return Ok(Output::new(path, own_summary(header, region, &merged)));
    }
    let block = format!("{}\n{merged}{}", region.begin, region.end);
    let text = match (begin, end) {
        (Some(b), Some(e)) if e > b => format!(
            "{}{block}{}",
            &existing[..b],
            &existing[e + region.end.len()..]
        ),
        (None, None) => format!("{}\n\n{block}\n", existing.trim_end()),
        _ => {
            return Err(Error::usage(
                format!("{} has only one of the witlint markers", path.display()),
                format!(
                    "restore both `{}` and `{}`, or remove both",
                    region.begin, region.end
                ),
            ));
        }
    };
    Ok(Output {
        path,
        bytes: text.into_bytes(),
        region_only: true,
    })
}

/// A SUMMARY.md of witlint's own, for an output folder outside any book.
fn own_summary(header: &str, region: &Region, entries: &str) -> String {
    format!(
        "{header}\n\n# Summary\n\n{}\n{entries}{}\n",
        region.begin, region.end
    )
}

/// The entries of a SUMMARY region, with `new`'s packages replacing the same packages'
/// entries in `old`, and the others kept while their page `exists`: each top-level entry
/// and the entries nested under it, keyed by the folder its link points into, in the order
/// of those folders.
fn merge_entries(old: &str, new: &str, exists: &dyn Fn(&str) -> bool) -> String {
    // (folder, link, text)
    fn groups(list: &str) -> Vec<(String, String, String)> {
        let mut out: Vec<(String, String, String)> = Vec::new();
        for line in list.lines().filter(|l| !l.trim().is_empty()) {
            if line.starts_with(' ') {
                if let Some((_, _, text)) = out.last_mut() {
                    text.push_str(line);
                    text.push('\n');
                }
                continue;
            }
            let link = line
                .rsplit_once("](")
                .map_or("", |(_, l)| l.trim_end_matches(')'));
            let folder = link.rsplit_once('/').map_or("", |(f, _)| f).to_string();
            out.push((folder, link.to_string(), format!("{line}\n")));
        }
        out
    }
    let fresh = groups(new);
    let mut all: Vec<(String, String, String)> = groups(old)
        .into_iter()
        .filter(|(folder, link, _)| !fresh.iter().any(|(f, ..)| f == folder) && exists(link))
        .collect();
    if all.is_empty() {
        // This run's packages alone keep their order (the input's own first).
        return new.to_string();
    }
    // With other runs' packages, an order that does not depend on which ran last.
    all.extend(fresh);
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all.into_iter().map(|(.., text)| text).collect()
}

/// Markdown files under `dir` that `generator` (`witlint docs`) generated and that no output
/// produces any more. Files other commands generated are left alone.
pub fn orphans(dir: &Path, outputs: &[Output], header: &str) -> Vec<PathBuf> {
    // Only what this kind of run of this package generated: its header, to the letter.
    let ours = |t: &str| t.lines().next() == Some(header);
    let keep: HashSet<&Path> = outputs.iter().map(|o| o.path.as_path()).collect();
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let path = e.path();
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file()
                && path.extension().is_some_and(|x| x == "md")
                && !keep.contains(path.as_path())
                && std::fs::read_to_string(&path).is_ok_and(|t| ours(&t))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
