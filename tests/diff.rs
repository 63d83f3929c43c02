//! The diff engine: every change kind on a fixture pair, and WASI's release history.

use std::path::{Path, PathBuf};

use witlint::diff::{self, Bump, Perspective, required_bump};
use witlint::workspace::{self, Workspace};

fn load(path: &Path) -> Workspace {
    workspace::load(path, &[]).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(case)
}

/// The changes as lines: kind, whom it breaks, path, message, both places.
fn lines(changes: &[diff::Change]) -> String {
    let place = |l: &Option<witlint::workspace::Location>| {
        l.as_ref()
            .map_or("-".to_string(), |l| format!("{}:{}", l.line, l.column))
    };
    changes
        .iter()
        .map(|c| {
            let breaks = match (c.kind.breaks_importers, c.kind.breaks_exporters) {
                (true, true) => "breaks both",
                (true, false) => "breaks importers",
                (false, true) => "breaks exporters",
                (false, false) => "breaks no one",
            };
            format!(
                "{} ({breaks}) {}: {} [old {}, new {}]\n",
                c.kind.id,
                c.key,
                c.message,
                place(&c.old),
                place(&c.new)
            )
        })
        .collect()
}

#[test]
fn every_kind_on_a_fixture_pair() {
    let old = load(&fixture("kinds/old"));
    let new = load(&fixture("kinds/new"));
    let changes = diff::compare(&old, &new);
    insta::assert_snapshot!(lines(&changes));
    // Every kind of the catalogue is found here.
    for kind in diff::kinds::ALL {
        assert!(
            changes.iter().any(|c| c.kind.id == kind.id),
            "the fixture has no `{}`",
            kind.id
        );
    }
    assert_eq!(required_bump(&changes, Perspective::Both), Bump::Major);
}

#[test]
fn a_version_compared_with_itself_has_no_changes() {
    let ws = load(&fixture("kinds/new"));
    let again = load(&fixture("kinds/new"));
    assert!(diff::compare(&ws, &again).is_empty());
    assert_eq!(required_bump(&[], Perspective::Both), Bump::None);
}

fn history(package: &str) -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/wasi-history")
        .join(package);
    let mut versions: Vec<(semver::Version, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let v = p.file_name()?.to_str()?.strip_prefix('v')?.parse().ok()?;
            Some((v, p.join("wit")))
        })
        .collect();
    versions.sort();
    versions
        .into_iter()
        .map(|(v, p)| (v.to_string(), p))
        .collect()
}

/// Every WASI 0.2.x release of clocks and random keeps what callers use; 0.3.0 does not.
#[test]
fn wasi_releases_keep_importers_working_until_0_3() {
    for package in ["clocks", "random"] {
        let versions = history(package);
        assert!(
            versions.len() > 5,
            "{package}: its releases are in the corpus"
        );
        for pair in versions.windows(2) {
            let (old_v, old_p) = &pair[0];
            let (new_v, new_p) = &pair[1];
            let changes = diff::compare(&load(old_p), &load(new_p));
            let bump = required_bump(&changes, Perspective::Importers);
            if new_v.starts_with("0.3") {
                assert_eq!(bump, Bump::Major, "{package} {old_v} -> {new_v}");
            } else {
                assert!(
                    bump < Bump::Major,
                    "{package} {old_v} -> {new_v} breaks importers:\n{}",
                    lines(&changes)
                );
            }
        }
    }
}
