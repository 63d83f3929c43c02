//! The verdict on a release: the bump its changes require against the bump its versions
//! make, and the finding when the second falls short.

use serde::Serialize;
use wit_bindgen_core::wit_parser::PackageName;

use super::bump::{Bump, Perspective, actual_bump, required_bump};
use super::change::Change;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::{Workspace, unversioned_name};

pub static VERSION_BUMP_INSUFFICIENT: Rule = Rule::change_kind(
    "version-bump-insufficient",
    Level::Error,
    "the new version's number does not cover its changes",
    r#"The changes from the old version to the new one require a bigger version bump than the new version makes: major when a change breaks anyone in the chosen `--perspective` (importers, exporters or both), minor when one changes the API otherwise (adds to it, deprecates an item, or breaks only the side the perspective leaves out), patch when only what is not API changes (docs, a gate's version), none when only `@unstable` items change.

Semver as the component model applies it: in `0.y.z`, a change of `y` is major and a change of `z` covers minor and patch. Pre-releases (`0.2.0-rc.1`) promise nothing, so no bump is judged for them.

`--release major|minor|patch` judges a planned release instead, when the new version still carries the old number (a pull request before the bump). A change accepted in `witlint.toml` (an `[[overrides]]` entry with its reason) or recorded in the baseline requires no bump.

```wit
// old: package wasi:example@0.2.0;  new: package wasi:example@0.2.1;
interface store {
  // removed in 0.2.1: breaks importers, so 0.3.0 was needed
  // get: func(key: string) -> option<string>;
}
```"#,
);

/// The package compared, its two versions, and the bump the changes require.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    /// `namespace:name`.
    pub package: String,
    pub old_version: Option<String>,
    pub new_version: Option<String>,
    pub required: Bump,
    /// `None` when a version is missing or a pre-release (which promises nothing).
    pub actual: Option<Bump>,
    /// Whether `actual` is a release planned with `--release` rather than the versions'
    /// difference.
    pub planned: bool,
}

/// The name of the package being compared: the first root.
pub fn root_package(ws: &Workspace) -> Option<&PackageName> {
    ws.roots.first().map(|&p| &ws.resolve.packages[p].name)
}

impl Verdict {
    /// Judges `changes` (those that count: not accepted) from `old` to `new`.
    pub fn of(old: &Workspace, new: &Workspace, changes: &[&Change], who: Perspective) -> Verdict {
        let (old_name, new_name) = (root_package(old), root_package(new));
        let version = |n: Option<&PackageName>| n.and_then(|n| n.version.clone());
        let (old_v, new_v) = (version(old_name), version(new_name));
        let actual = match (&old_v, &new_v) {
            (Some(a), Some(b)) => actual_bump(a, b),
            _ => None,
        };
        Verdict {
            package: new_name
                .or(old_name)
                .map(unversioned_name)
                .unwrap_or_default(),
            old_version: old_v.map(|v| v.to_string()),
            new_version: new_v.map(|v| v.to_string()),
            required: required_bump(changes.iter().copied(), who),
            actual,
            planned: false,
        }
    }

    /// Judges pre-release versions by their numbers (`0.2.0-rc.1` → `0.2.1-rc.1` is
    /// minor), as `--strict-prerelease` asks.
    pub fn hold_prereleases(&mut self) {
        if self.actual.is_none()
            && let (Some(mut a), Some(mut b)) = self.parsed()
        {
            a.pre = semver::Prerelease::EMPTY;
            b.pre = semver::Prerelease::EMPTY;
            self.actual = actual_bump(&a, &b);
        }
    }

    /// Whether a version is a pre-release (and so, unless held to it, promises nothing).
    pub fn prerelease(&self) -> bool {
        let (old, new) = self.parsed();
        [old, new].into_iter().flatten().any(|v| !v.pre.is_empty())
    }

    /// The two versions, parsed.
    fn parsed(&self) -> (Option<semver::Version>, Option<semver::Version>) {
        let parse = |v: &Option<String>| v.as_deref().and_then(|v| semver::Version::parse(v).ok());
        (parse(&self.old_version), parse(&self.new_version))
    }

    /// Judges the release planned rather than the versions' difference.
    pub fn planned(&mut self, bump: Bump) {
        self.actual = Some(bump);
        self.planned = true;
    }

    pub fn insufficient(&self) -> bool {
        self.actual.is_some_and(|a| a < self.required)
    }

    /// `0.2.0 → 0.2.1`, with `(no version)` for a side without one.
    pub fn versions(&self) -> String {
        format!(
            "{} → {}",
            self.old_version.as_deref().unwrap_or("(no version)"),
            self.new_version.as_deref().unwrap_or("(no version)")
        )
    }

    /// Whether the new version is older than the old one (the two inputs swapped, most
    /// likely). A planned release is judged as planned.
    pub fn decreased(&self) -> bool {
        !self.planned && matches!(self.parsed(), (Some(old), Some(new)) if new < old)
    }

    /// The finding's message when the bump falls short, or the version goes down.
    pub fn shortfall(&self) -> Option<String> {
        if self.decreased() {
            return Some(format!(
                "`{}` goes down from {}: the new version is older than the old one; are the two inputs swapped? (`witlint diff OLD NEW`)",
                self.package,
                self.versions()
            ));
        }
        let actual = self.actual.filter(|_| self.insufficient())?;
        let made = if self.planned {
            format!("the planned release is {}", actual.as_str())
        } else {
            format!("{} is a {} bump", self.versions(), actual.as_str())
        };
        Some(format!(
            "`{}` needs a {} release for its changes, but {made}",
            self.package,
            self.required.as_str()
        ))
    }
}
