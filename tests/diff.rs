//! The diff engine: every change kind on a fixture pair, and WASI's release history.

mod common;

use std::path::{Path, PathBuf};

use witlint::diff::{self, Bump, Perspective, required_bump};
use witlint::workspace::Workspace;

fn load(path: &Path) -> Workspace {
    witlint::open(path, witlint::Mode::Check(&[]))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
            let unstable = if c.unstable { ", unstable" } else { "" };
            format!(
                "{} ({breaks}{unstable}) {}: {} [old {}, new {}]\n",
                c.kind.id(),
                c.key,
                c.message,
                place(&c.old),
                place(&c.new)
            )
        })
        .collect()
}

fn changes_of(case: &str) -> Vec<diff::Change> {
    let old = load(&fixture(&format!("{case}/old")));
    let new = load(&fixture(&format!("{case}/new")));
    diff::compare(&old, &new)
}

#[test]
fn every_kind_on_a_fixture_pair() {
    let changes = changes_of("kinds");
    insta::assert_snapshot!(lines(&changes));
    assert_eq!(required_bump(&changes, Perspective::Both), Bump::Major);
}

/// `@since` never changes, a new item of a gated package is `@since` the new version, a
/// promotion is an addition, and an unstable item changes freely.
#[test]
fn gates_on_a_fixture_pair() {
    let changes = changes_of("gates");
    insta::assert_snapshot!(lines(&changes));
    let mut unstable: Vec<&str> = changes
        .iter()
        .filter(|c| c.unstable)
        .map(|c| c.key.as_str())
        .collect();
    unstable.dedup();
    assert_eq!(unstable, ["example:gates/api#try-out"]);
}

/// Stable API goes through `@deprecated` before it goes: a removal says when it did not.
#[test]
fn a_removal_says_whether_it_was_deprecated() {
    let changes = changes_of("removals");
    let messages: Vec<&str> = changes.iter().map(|c| c.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "function `retire` is gone",
            "function `vanish` is gone; it was never `@deprecated`"
        ]
    );
    assert_eq!(required_bump(&changes, Perspective::Importers), Bump::Major);
}

#[test]
fn the_fixtures_hold_every_kind() {
    let changes: Vec<diff::Change> = ["kinds", "gates", "dep-major"]
        .iter()
        .flat_map(|c| changes_of(c))
        .collect();
    for kind in diff::kinds::ALL {
        assert!(
            changes.iter().any(|c| c.kind.id() == kind.id()),
            "no fixture has `{}`",
            kind.id()
        );
    }
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

/// Every WASI 0.2.x release of clocks, random, filesystem and sockets keeps what callers
/// use (what it added was `@unstable`); 0.3.0 does not; every `@since` is right.
#[test]
fn wasi_releases_keep_importers_working_until_0_3() {
    for package in ["clocks", "random", "filesystem", "sockets"] {
        let versions = history(package);
        assert!(
            versions.len() > 5,
            "{package}: its releases are in the corpus"
        );
        for pair in versions.windows(2) {
            let (old_v, old_p) = &pair[0];
            let (new_v, new_p) = &pair[1];
            let changes = diff::compare(&load(old_p), &load(new_p));
            // Every item WASI added is `@since` the release that added it, and no `@since`
            // changed (0.3.0 restarts them all at 0.3.0).
            let convention: Vec<_> = changes.iter().filter(|c| c.kind.convention).collect();
            assert!(
                convention.is_empty(),
                "{package} {old_v} -> {new_v}: {}",
                convention[0].message
            );
            let bump = required_bump(&changes, Perspective::Importers);
            if new_v.starts_with("0.3") {
                assert_eq!(bump, Bump::Major, "{package} {old_v} -> {new_v}");
            } else {
                assert!(
                    bump < Bump::Major,
                    "{package} {old_v} -> {new_v} breaks importers:\n{}",
                    lines(&changes)
                );
                // What 0.2.x added for hosts to provide was `@unstable`: no one is owed.
                assert!(
                    required_bump(&changes, Perspective::Both) < Bump::Major,
                    "{package} {old_v} -> {new_v}:\n{}",
                    lines(&changes)
                );
            }
        }
    }
}

/// The whole history of each package, every step's changes in one golden file.
#[test]
fn wasi_history_goldens() {
    for package in ["clocks", "random", "filesystem", "sockets"] {
        let versions = history(package);
        let mut out = String::new();
        for pair in versions.windows(2) {
            let (old_v, old_p) = &pair[0];
            let (new_v, new_p) = &pair[1];
            let changes = diff::compare(&load(old_p), &load(new_p));
            out.push_str(&format!(
                "## {old_v} -> {new_v}: {} for importers, {} for both\n{}",
                required_bump(&changes, Perspective::Importers).as_str(),
                required_bump(&changes, Perspective::Both).as_str(),
                lines(&changes)
            ));
        }
        insta::assert_snapshot!(format!("history_{package}"), out);
    }
}

/// Changes to `@unstable` items are reported but owe no release anything.
#[test]
fn unstable_changes_need_no_bump() {
    let versions = history("clocks");
    let (_, v0) = &versions[0];
    let (_, v1) = &versions[1];
    let changes = diff::compare(&load(v0), &load(v1));
    assert!(
        !changes.is_empty(),
        "0.2.1 added the unstable timezone interface"
    );
    // Besides the unstable interface, 0.2.1 reworded three doc comments: a patch.
    assert!(
        changes
            .iter()
            .all(|c| c.unstable || c.kind.id() == "docs-changed")
    );
    assert_eq!(required_bump(&changes, Perspective::Both), Bump::Patch);
    let unstable: Vec<_> = changes.iter().filter(|c| c.unstable).collect();
    assert_eq!(required_bump(unstable, Perspective::Both), Bump::None);
}

/// wasm-tools' own `component semver-check` cases: a `RUN` case keeps a component built for
/// the previous world working with the new one, a `FAIL` case does not. witlint agrees,
/// judging as that component: it uses the world's imports and provides its exports.
#[test]
fn worlds_agree_with_wasm_tools_semver_check() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wasm-tools-semver-check");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "wit" || x == "wat"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "the semver-check cases are in the corpus"
    );
    let mut checked = 0;
    for case in &cases {
        let text = std::fs::read_to_string(case).unwrap();
        let first = text.lines().next().unwrap();
        let must_pass = first.contains("RUN:");
        let arg = |flag: &str| {
            let at = first.find(flag).unwrap() + flag.len();
            first[at..].split_whitespace().next().unwrap().to_string()
        };
        let (prev, new) = (arg("--prev "), arg("--new "));
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let ws = load(case);
        // `prev`, `a:b/prev` or `a:b/prev@0.2.0`.
        let world = |wanted: &str| {
            ws.resolve
                .worlds
                .iter()
                .find(|(_, w)| {
                    let pkg = &ws.resolve.packages[w.package.unwrap()].name;
                    let qualified = format!("{}:{}/{}", pkg.namespace, pkg.name, w.name);
                    let versioned = pkg.version.as_ref().map(|v| format!("{qualified}@{v}"));
                    wanted == w.name || wanted == qualified || Some(wanted) == versioned.as_deref()
                })
                .map(|(id, _)| id)
        };
        let (Some(prev_id), Some(new_id)) = (world(&prev), world(&new)) else {
            panic!("{name}: worlds {prev} and {new} not found");
        };
        let package = |id| {
            let name = &ws.resolve.packages[ws.resolve.worlds[id].package.unwrap()].name;
            (name.namespace.clone(), name.name.clone())
        };
        if package(prev_id) != package(new_id) {
            // wasm-tools refuses worlds of different packages outright; witlint's diff
            // matches packages by name and would compare nothing here.
            assert!(!must_pass, "{name}");
            continue;
        }
        let changes = diff::compare_worlds(&ws, prev_id, &ws, new_id);
        let breaks_component = changes.iter().any(|c| {
            let key = c.key.as_str();
            (key.contains("#import") && c.kind.breaks_importers)
                || (key.contains("#export") && c.kind.breaks_exporters)
        });
        assert_eq!(
            !breaks_component,
            must_pass,
            "{name}: wasm-tools says {}, witlint found:\n{}",
            if must_pass {
                "compatible"
            } else {
                "incompatible"
            },
            lines(&changes)
        );
        checked += 1;
    }
    assert!(checked >= 8, "{checked} cases compared");
}

/// A dependency's changes count where the root uses them: a field added to a record that
/// an interface `use`s, a function added to an interface a world imports. A change to a
/// dependency's interface that nothing of the root uses is not reported.
#[test]
fn dependency_changes_are_attributed_to_their_users() {
    let changes = changes_of("deps");
    insta::assert_snapshot!(lines(&changes));
    assert!(
        changes
            .iter()
            .all(|c| c.dependency.as_deref() == Some("example:types"))
    );
    assert!(!changes.iter().any(|c| c.key.contains("unused")));
    assert_eq!(required_bump(&changes, Perspective::Importers), Bump::Major);
}

/// Types moved to another interface and `use`d back are the same types, as the component
/// model compares them: no field or case is gone, nothing breaks; the new interface is an
/// addition.
#[test]
fn moved_types_are_the_same_types() {
    let changes = changes_of("moved");
    insta::assert_snapshot!(lines(&changes));
    assert!(
        changes.iter().all(|c| !c.kind.breaks_components),
        "{}",
        lines(&changes)
    );
}

/// A dependency that moves to a major version reaches the root's API: the world's import
/// of its interface is a breaking change, though nothing inside changed.
#[test]
fn a_dependency_major_bump_is_a_breaking_change() {
    let changes = changes_of("dep-major");
    insta::assert_snapshot!(lines(&changes));
    assert_eq!(
        required_bump(&changes, Perspective::Components),
        Bump::Major
    );
}

/// For every world of each WASI release and the next, witlint's verdict for a component
/// built against the old world agrees with wit-component's own semver check (the one
/// `wasm-tools component semver-check` runs).
#[test]
fn history_worlds_agree_with_wit_component() {
    use common::oracle::breaking_for_a_component;
    let (mut compatible, mut incompatible) = (0, 0);
    for package in ["clocks", "random", "filesystem", "sockets"] {
        for pair in history(package).windows(2) {
            let ((old_v, old_p), (new_v, new_p)) = (&pair[0], &pair[1]);
            let (old, new) = (load(old_p), load(new_p));
            let root = |ws: &Workspace| ws.roots[0];
            for (name, &old_world) in &old.resolve.packages[root(&old)].worlds {
                let Some(&new_world) = new.resolve.packages[root(&new)].worlds.get(name) else {
                    continue;
                };
                let case = format!("wasi:{package} {old_v} -> {new_v}, world {name}");
                let mut merged = old.resolve.clone();
                let remap = merged
                    .merge(new.resolve.clone())
                    .unwrap_or_else(|e| panic!("{case}: the two versions do not merge: {e:#}"));
                let new_in_merged = remap.worlds[new_world.index()].expect("merged");
                let theirs = wit_component::semver_check(merged, old_world, new_in_merged);
                let ours = breaking_for_a_component(&old, old_world, &new, new_world);
                assert_eq!(
                    ours.is_empty(),
                    theirs.is_ok(),
                    "{case}: wit-component says {:?}; witlint found:\n{}",
                    theirs.err().map(|e| format!("{e:#}")),
                    lines(&ours)
                );
                if ours.is_empty() {
                    compatible += 1;
                } else {
                    incompatible += 1;
                }
            }
        }
    }
    // Each 0.2.x step keeps components working; 0.3.0 breaks every world.
    assert!(
        compatible >= 40 && incompatible >= 4,
        "{compatible} compatible, {incompatible} incompatible"
    );
}

/// A world's API is what it imports and exports once its includes are elaborated: an
/// import added to an included world is new in the including one too.
#[test]
fn an_include_brings_its_changes_into_the_world() {
    let changes = changes_of("include");
    insta::assert_snapshot!(lines(&changes));
    let keys: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "example:worlds/app#import(example:worlds/clock)",
            "example:worlds/base#import(example:worlds/clock)"
        ]
    );
}
