use semver::Version;

use super::deps_manifest_unpinned::is_url;
use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemPath;
use crate::workspace::deps::UnitRole;

pub static RULE: Rule = Rule {
    id: "deps-manifest-behind",
    category: Category::Deps,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "deps.toml pins a dependency to a release older than the one vendored in deps/",
    explanation: r#"## What it checks

Each `deps.toml` entry whose URL names a release (`…/archive/v0.2.0.tar.gz`,
`…/refs/tags/v0.2.0…`), compared with the version of the package vendored under
`deps/<name>/`: reported when the vendored package is newer than the release pinned.

## What it leaves alone

Entries pinned by commit hash or following a branch (no version to compare;
`deps-manifest-unpinned` reports branches), local paths, and a manifest pinned to a
newer release than the vendored one: an update not yet run, which `wit-deps update`
completes.

## Why

`deps/` was updated by hand, or from another manifest, and `deps.toml` was not: the
next `wit-deps update` (or a fresh clone's `wit-deps lock`) replaces the vendored
package with the older release, silently undoing the update and whatever the package's
own files started to use from it.

## Example

```toml
# deps.toml; deps/http holds wasi:http@0.2.3
http = "https://github.com/WebAssembly/wasi-http/archive/v0.2.0.tar.gz"
```

Use instead:

```toml
http = "https://github.com/WebAssembly/wasi-http/archive/v0.2.3.tar.gz"
```

## Convention

wit-deps: `deps.toml` is the source of truth for `deps/`; WASI proposals pin the tagged
release they vendor."#,
    options: &[],
    fix: Fixable::Never,
};

/// The release an archive URL names: its last segment (or the tag after `refs/tags/`)
/// without the archive extension and a leading `v`.
pub fn pinned_version(url: &str) -> Option<Version> {
    let tail = match url.split_once("/refs/tags/") {
        Some((_, tag)) => tag.split('/').next()?,
        None => url.trim_end_matches('/').rsplit('/').next()?,
    };
    let stem = ["tar.gz", "tgz", "zip", "tar"]
        .iter()
        .find_map(|ext| tail.strip_suffix(&format!(".{ext}")))
        .unwrap_or(tail);
    stem.strip_prefix('v').unwrap_or(stem).parse().ok()
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let Some((manifest, file)) = cx.deps_manifest() else {
        return;
    };
    for e in &manifest.entries {
        let Some(url) = e.url.as_deref().filter(|u| is_url(u)) else {
            continue;
        };
        let Some(pinned) = pinned_version(url) else {
            continue;
        };
        let vendored = ws
            .units
            .iter()
            .filter(|u| u.role == UnitRole::Dep && u.stem() == e.name)
            .flat_map(|u| u.names.iter())
            .filter_map(|n| n.version.as_ref().map(|v| (n, v)))
            .max_by_key(|(_, v)| *v);
        let Some((name, version)) = vendored else {
            continue;
        };
        if *version <= pinned {
            continue;
        }
        cx.report(
            Some(file.location(e.span.clone())),
            ItemPath::file(&manifest.file, &e.name),
            format!(
                "`{}` is pinned to {pinned}, but deps/ holds `{name}`: the next `wit-deps update` vendors the older release",
                e.name
            ),
        )
        .fix(format!("pin the release vendored: {version}"));
    }
}

#[cfg(test)]
mod tests {
    use super::pinned_version;

    #[test]
    fn versions_of_archive_urls() {
        for (url, v) in [
            (
                "https://github.com/WebAssembly/wasi-http/archive/v0.2.0.tar.gz",
                Some("0.2.0"),
            ),
            (
                "https://github.com/WebAssembly/wasi-io/archive/refs/tags/v0.2.3.tar.gz",
                Some("0.2.3"),
            ),
            (
                "https://github.com/WebAssembly/wasi-cli/archive/v0.3.0-rc-2025-09-16.tar.gz",
                Some("0.3.0-rc-2025-09-16"),
            ),
            (
                "https://github.com/WebAssembly/wasi-logging/archive/main.tar.gz",
                None,
            ),
            (
                "https://github.com/WebAssembly/wasi-io/archive/1f0b2d3c.tar.gz",
                None,
            ),
        ] {
            assert_eq!(
                pinned_version(url).map(|v| v.to_string()).as_deref(),
                v,
                "{url}"
            );
        }
    }
}
