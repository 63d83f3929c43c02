use crate::lint::{Category, Context, Fixable, Level, Rule, Scope};
use crate::workspace::ItemPath;

pub static RULE: Rule = Rule {
    id: "deps-manifest-unpinned",
    category: Category::Deps,
    level: Level::Warn,
    minimal: false,
    wasi: Level::Error,
    scope: Scope::Anywhere,
    summary: "A deps.toml entry follows a branch instead of a tag or digest",
    explanation: r#"## What it checks

Entries of `deps.toml` (the wit-deps manifest) whose URL names a branch archive, such as
`https://github.com/WebAssembly/wasi-keyvalue/archive/main.tar.gz`, and that carry no
`sha256`/`sha512` digest. Local paths (`hello = "../hello/wit"`, or `{ path = "…" }`) are
the project's own files, pinned by `deps.lock`: they are left alone, and so are entries
that nothing uses (`deps-out-of-sync` or `dep-load-failed` says to remove them).

## What it leaves alone

Local paths (pinned by `deps.lock`) and entries that another finding already says to
remove: pinning a dependency that goes away is wasted work.

## Why

A branch moves: the next `wit-deps update` silently vendors whatever the branch holds
that day, including breaking changes, and two checkouts of the same commit can build
against different WIT. A tag (`archive/v0.2.0.tar.gz`) or a digest pins what was reviewed.

## Example

```toml
keyvalue = "https://github.com/WebAssembly/wasi-keyvalue/archive/main.tar.gz"
```

Use instead:

```toml
keyvalue = "https://github.com/WebAssembly/wasi-keyvalue/archive/v0.2.0-draft2.tar.gz"
```

## Convention

wit-deps README: pin dependencies with tags or `sha256`; WASI proposals reference
tagged releases of their dependencies."#,
    options: &[],
    fix: Fixable::Never,
};

/// Whether a `deps.toml` value is a URL; wit-deps reads any other string as a local path,
/// which `deps.lock` pins by digest.
pub fn is_url(value: &str) -> bool {
    value.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Whether an archive URL names a fixed revision: a version tag or a commit hash.
pub fn is_pinned_url(url: &str) -> bool {
    let last = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let stem = ["tar.gz", "tgz", "zip", "tar"]
        .iter()
        .find_map(|ext| last.strip_suffix(&format!(".{ext}")))
        .unwrap_or(last);
    let is_hash = stem.len() >= 7 && stem.chars().all(|c| c.is_ascii_hexdigit());
    let is_version = stem
        .trim_start_matches('v')
        .starts_with(|c: char| c.is_ascii_digit());
    url.contains("/refs/tags/") || url.contains("/releases/download/") || is_hash || is_version
}

pub(super) fn check(cx: &mut Context<'_>) {
    let ws = cx.ws;
    let Some((manifest, file)) = cx.deps_manifest() else {
        return;
    };
    // A dependency nothing uses is to be removed, as another finding says: pinning it
    // would be wasted work.
    let (unused_on, broken_on) = (
        cx.rule_is_on(&super::deps_out_of_sync::RULE),
        cx.rule_is_on(&super::dep_load_failed::RULE),
    );
    let to_remove: Vec<&str> = ws
        .unused_deps(&cx.config.used_worlds)
        .into_iter()
        .filter(|u| if u.loaded() { unused_on } else { broken_on })
        .map(|u| u.stem())
        .collect();
    for e in &manifest.entries {
        let Some(url) = e.url.as_deref().filter(|u| is_url(u)) else {
            continue;
        };
        if to_remove.contains(&e.name.as_str()) {
            continue;
        }
        if e.has_digest || is_pinned_url(url) {
            continue;
        }
        cx.report(
            Some(file.location(e.span.clone())),
            ItemPath::file(&manifest.file, &e.name),
            format!("dependency `{}` follows a branch: {url}", e.name),
        )
        .note("every `wit-deps update` may vendor different WIT")
        .fix("point it at a release tag (…/archive/vX.Y.Z.tar.gz) or add `sha256 = \"…\"`");
    }
}

#[cfg(test)]
mod tests {
    use super::is_pinned_url;

    #[test]
    fn local_paths_are_not_urls() {
        assert!(!super::is_url("../../../wit/hello-rpc"));
        assert!(!super::is_url("../ai/wit"));
        assert!(!super::is_url("C:/wit"));
        assert!(super::is_url("https://github.com/a/b/archive/main.tar.gz"));
        assert!(super::is_url("file:///srv/wit"));
    }

    #[test]
    fn tags_and_hashes_pin_branches_do_not() {
        assert!(is_pinned_url(
            "https://github.com/WebAssembly/wasi-io/archive/v0.2.2.tar.gz"
        ));
        assert!(is_pinned_url(
            "https://github.com/a/b/archive/0.2.0-draft.tar.gz"
        ));
        assert!(is_pinned_url(
            "https://github.com/a/b/archive/4f9d1c2e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d.tar.gz"
        ));
        assert!(!is_pinned_url(
            "https://github.com/WebAssembly/wasi-keyvalue/archive/main.tar.gz"
        ));
        assert!(!is_pinned_url(
            "https://github.com/a/b/archive/refs/heads/develop.tar.gz"
        ));
    }
}
