//! `witlint diff --format markdown`: release notes, per interface and section (Added,
//! Changed, Deprecated, Removed), each line linking to the item in the `witlint docs` book.

use std::collections::BTreeMap;

use super::bump::Bump;
use super::change::{Change, Section};
use super::judgement::Judgement;
use crate::lint::level::Level;
use crate::workspace::ItemPath;

/// The notes of a judged comparison; `href` finds an item's page and anchor in the new
/// version's docs (removed items have none). `map` (the [`migration_map`] of a move to
/// WASI 0.3) comes before the changes by interface.
///
/// [`migration_map`]: super::migration_map
pub fn release_notes(
    j: &Judgement,
    href: &dyn Fn(&ItemPath) -> Option<String>,
    map: Option<&str>,
) -> String {
    let v = &j.verdict;
    let mut out = format!("# `{}` {}\n\n", v.package, v.versions());
    let made = match v.actual {
        Some(a) if v.planned => format!("the planned release is {}", a.as_str()),
        Some(a) => format!("the versions make a {} bump", a.as_str()),
        None if v.prerelease() => {
            "pre-release versions promise nothing under semver, so it is not judged".to_string()
        }
        None => "a version is missing, so it is not judged".to_string(),
    };
    let judged = if v.decreased() {
        " — the version goes down"
    } else if v.insufficient() {
        " — not enough"
    } else if v
        .actual
        .is_some_and(|a| a == Bump::Major && v.required < Bump::Major)
    {
        " — more than the changes need"
    } else {
        ""
    };
    out.push_str(&format!(
        "The changes require a {} release; {made}{judged}.\n",
        v.required.as_str()
    ));
    // What makes the verdict fail comes first: a short bump, a broken convention.
    let problems: Vec<String> = j
        .others
        .iter()
        .filter(|f| f.level == Level::Error)
        .map(|f| format!("- {}", f.message))
        .chain(
            j.reported
                .iter()
                .filter(|r| r.level == Level::Error)
                .map(|r| format!("- `{}`: {}", split(&r.change.key).1, r.change.message)),
        )
        .collect();
    if !problems.is_empty() {
        out.push_str("\n**To fix before the release:**\n\n");
        out.push_str(&problems.join("\n"));
        out.push('\n');
    }
    if let Some(map) = map {
        out.push_str(map);
    }
    // Interface (or world, or package) → section → lines, each in path order; the
    // package's own first, then its dependencies'.
    let mut groups: BTreeMap<(bool, String), BTreeMap<Section, Vec<String>>> = BTreeMap::new();
    let (mut docs, mut unstable) = (0, 0);
    for change in j.reported.iter().map(|r| &r.change) {
        if change.unstable {
            unstable += 1;
            continue;
        }
        let Some(section) = change.kind.section else {
            docs += usize::from(change.kind.id() == "docs-changed");
            continue;
        };
        let (container, _) = split(&change.key);
        groups
            .entry((change.dependency.is_some(), container.to_string()))
            .or_default()
            .entry(section)
            .or_default()
            .push(line(change, href));
    }
    let mut dependencies_said = false;
    for ((dependency, container), sections) in &groups {
        if *dependency && !dependencies_said {
            out.push_str("\n## Dependencies\n\nChanges of packages under `deps/` that reach this package's API.\n");
            dependencies_said = true;
        }
        out.push_str(&format!("\n## `{container}`\n"));
        for (section, lines) in sections {
            out.push_str(&format!("\n### {}\n\n", section.title()));
            for l in lines {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    let mut tail = Vec::new();
    if groups.is_empty() {
        tail.push("No change to the API.".to_string());
    }
    if docs > 0 {
        tail.push(format!("The documentation of {} changed.", items(docs)));
    }
    if unstable > 0 {
        tail.push(format!(
            "{} to `@unstable` items, not API yet, are not listed.",
            match unstable {
                1 => "One change".to_string(),
                n => format!("{n} changes"),
            }
        ));
    }
    if !tail.is_empty() {
        out.push('\n');
        out.push_str(&tail.join(" "));
        out.push('\n');
    }
    out
}

fn items(n: usize) -> String {
    match n {
        1 => "1 item".to_string(),
        n => format!("{n} items"),
    }
}

/// `wasi:clocks/monotonic-clock` and `now` for `wasi:clocks/monotonic-clock#now`; an
/// interface or world is its own container, named by its last segment.
fn split(key: &str) -> (&str, &str) {
    use crate::workspace::item::{container_of, members_of};
    match members_of(key) {
        "" => (key, key.rsplit(['/', ':']).next().unwrap_or(key)),
        member => (container_of(key), member),
    }
}

/// `` - [`now`](wasi-clocks/monotonic-clock.md#now): function `now` is new ``.
fn line(change: &Change, href: &dyn Fn(&ItemPath) -> Option<String>) -> String {
    let (_, label) = split(&change.key);
    let target = change.new.as_ref().and_then(|_| href(&change.path));
    match target {
        Some(url) => format!("- [`{label}`]({url}): {}", change.message),
        None => format!("- `{label}`: {}", change.message),
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn items_split_into_container_and_label() {
        assert_eq!(split("a:b/i#f"), ("a:b/i", "f"));
        assert_eq!(split("a:b/i#r.m"), ("a:b/i", "r.m"));
        assert_eq!(split("a:b/i"), ("a:b/i", "i"));
        assert_eq!(split("a:b"), ("a:b", "b"));
    }
}
