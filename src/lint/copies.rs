//! Copies of other people's packages: a crate's `wit/` that holds a published WASI package
//! as it was released, or a test fixture that copies one. Their findings are upstream's,
//! so `check` reports nothing in their files.
//!
//! A root package is a copy when `copies` in witlint.toml names it (globs over
//! `namespace:name@version`), or, when `copies` is not set, when its own `.wit` files are
//! byte for byte those of a release witlint knows: [`KNOWN`] lists the SHA-256 of every
//! package of every WebAssembly/WASI release tag from v0.2.0 to v0.3.0 (tests/copies.rs
//! regenerates it from the corpus and fails when it is stale), or when the input's folder
//! is named after a release (`since_v0.6.0`) beside a folder of a later release of the
//! same package (`since_v0.8.0`): a frozen snapshot, edited no more. `copies = []` lints
//! every package, for the repository that publishes them.

use sha2::{Digest, Sha256};

use super::config::Config;
use crate::workspace::Workspace;
use crate::workspace::deps::UnitRole;

/// `sha256<TAB>package@version` per line: the releases witlint recognises.
static KNOWN: &str = include_str!("known_releases.tsv");

/// Why the input's own package is someone else's, for the note the CLI prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copy {
    /// The package, as `ns:name@version`.
    pub package: String,
    /// The input (unit) holding it.
    pub input: String,
    /// Which rule of recognition matched: the config's globs, or a release.
    pub why: String,
}

/// The SHA-256 of a package's own files: each file's name (without its folder) and bytes,
/// in name order, so a copy under another folder matches.
pub fn digest<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut files: Vec<(&str, &[u8])> = files.into_iter().collect();
    files.sort();
    let mut hash = Sha256::new();
    for (name, bytes) in files {
        hash.update((name.len() as u64).to_le_bytes());
        hash.update(name.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    format!("{:x}", hash.finalize())
}

/// The digest of a unit's `.wit` files (the unit's folder or file, not its deps/).
pub fn unit_digest(ws: &Workspace, unit: &str) -> String {
    digest(
        ws.sources
            .of_unit(unit)
            .filter(|f| f.path.ends_with(".wit"))
            .map(|f| {
                let name = f.path.rsplit(['/', '\\']).next().unwrap_or(&f.path);
                (name, f.text.as_bytes())
            }),
    )
}

/// The release a digest is, if witlint knows it.
pub fn known_release(digest: &str) -> Option<&'static str> {
    KNOWN
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .find(|(d, _)| *d == digest)
        .map(|(_, release)| release)
}

/// Whether a glob of `copies` (`*` and `?` wildcards) names a package, with or without
/// its version.
pub fn pattern_matches(pattern: &str, package: &str) -> bool {
    let Ok(glob) = globset::Glob::new(pattern) else {
        return false;
    };
    let matcher = glob.compile_matcher();
    let unversioned = package.split_once('@').map_or(package, |(n, _)| n);
    matcher.is_match(package) || matcher.is_match(unversioned)
}

/// The input's own package, if it is a copy of someone else's.
pub fn copy_of(ws: &Workspace, config: &Config) -> Option<Copy> {
    let unit = ws
        .units
        .iter()
        .find(|u| u.role == UnitRole::Root && u.loaded())?;
    let &[pkg] = unit.packages.as_slice() else {
        return None;
    };
    let package = ws.resolve.packages[pkg].name.to_string();
    let why = match &config.copies {
        Some(patterns) => {
            let pattern = patterns.iter().find(|p| pattern_matches(p, &package))?;
            format!("`copies` in witlint.toml names it (`{pattern}`)")
        }
        None => match known_release(&unit_digest(ws, &unit.display)) {
            Some(release) => format!(
                "its files are byte for byte those of the published release `{release}` (set `copies = []` in witlint.toml to lint it)"
            ),
            None => {
                let name = &ws.resolve.packages[pkg].name;
                let newer = newer_snapshot(
                    std::path::Path::new(&unit.display),
                    &format!("{}:{}", name.namespace, name.name),
                )?;
                format!(
                    "it is a frozen snapshot of an older release, kept beside the newer `{newer}` that is edited instead (set `copies = []` in witlint.toml to lint it)"
                )
            }
        },
    };
    Some(Copy {
        package,
        input: unit.display.clone(),
        why,
    })
}

/// Whether a finding's file is one of the copy's own `.wit` files.
pub fn in_copy(ws: &Workspace, copy: &Copy, file: &str) -> bool {
    file.ends_with(".wit") && ws.sources.of_unit(&copy.input).any(|f| *f.path == *file)
}

/// A folder named after a release (`since_v0.6.0`, `v1.2.0`, `0.3.0`): the text before
/// the version, and the version (`_` read as `.`, a missing patch as `.0`).
fn release_of_folder(name: &str) -> Option<(&str, semver::Version)> {
    let at = name.find(|c: char| c.is_ascii_digit())?;
    let prefix = name[..at].strip_suffix('v').unwrap_or(&name[..at]);
    let text = name[at..].replace('_', ".");
    let version = text
        .parse()
        .ok()
        .or_else(|| format!("{text}.0").parse().ok())?;
    Some((prefix, version))
}

/// The newest sibling folder of `dir` named after a later release with the same prefix
/// that holds the same package (`ns:name`, by its `package` line): Zed keeps each
/// released extension API as `since_vX.Y.Z` beside the one it edits.
fn newer_snapshot(dir: &std::path::Path, package: &str) -> Option<String> {
    let name = dir.file_name()?.to_str()?;
    let (prefix, version) = release_of_folder(name)?;
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let declares = |folder: &std::path::Path| {
        std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                let path = e.path();
                path.extension().is_some_and(|x| x == "wit")
                    && crate::input::read_to_string(&path).is_ok_and(|text| {
                        text.lines().any(|l| {
                            l.trim().strip_prefix("package ").is_some_and(|rest| {
                                rest.trim_end_matches(';').trim().split('@').next() == Some(package)
                            })
                        })
                    })
            })
    };
    std::fs::read_dir(parent)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let other = e.file_name().to_str()?.to_string();
            let (p, v) = release_of_folder(&other)?;
            (p == prefix && v > version).then_some((v, other, e.path()))
        })
        .filter(|(_, _, path)| declares(path))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, other, _)| other)
}

#[cfg(test)]
mod tests {
    use super::release_of_folder;

    #[test]
    fn folders_named_after_releases() {
        for (name, want) in [
            ("since_v0.6.0", Some(("since_", "0.6.0"))),
            ("v1.2", Some(("", "1.2.0"))),
            ("0.3.0-draft", Some(("", "0.3.0-draft"))),
            ("since_v0_6_0", Some(("since_", "0.6.0"))),
            ("wit", None),
            ("wasi-io-notaversion1", None),
        ] {
            let got = release_of_folder(name).map(|(p, v)| (p, v.to_string()));
            assert_eq!(got.as_ref().map(|(p, v)| (*p, v.as_str())), want, "{name}");
        }
    }
}
