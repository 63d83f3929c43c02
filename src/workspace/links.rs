//! Intra-doc links: ``[`bucket.get`]`` in a doc comment names a WIT item. This module finds
//! such links in Markdown and resolves them to [`ItemPath`]s, for rendering and for the
//! `doc-broken-link` rule.

use rustc_hash::FxHashMap;
use std::ops::Range;

use pulldown_cmark::{BrokenLink, Options, Parser};

use crate::workspace::{ItemPath, Workspace};

/// Markdown options for doc comments: what GitHub and mdBook both render.
pub fn markdown_options() -> Options {
    // mdBook 0.5's: what it will read into the page is what docs are sanitized as.
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// A ``[`name`]`` link with no reference definition: an intra-doc link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    /// The whole link in the docs, brackets included.
    pub range: Range<usize>,
    /// The name inside the backticks.
    pub name: String,
}

/// The intra-doc links of some Markdown. Only labels that are a single code span count:
/// `[0, 1)` or `[RFC 1234]` in prose are not links.
pub fn find(docs: &str) -> Vec<DocLink> {
    let mut found = Vec::new();
    // A link with a code label has both; most docs have neither, and parsing costs.
    if !docs.contains('[') || !docs.contains('`') {
        return found;
    }
    let mut callback = |link: BrokenLink<'_>| {
        let label = link.reference.trim();
        if let Some(name) = code_label(label) {
            found.push(DocLink {
                range: link.span.clone(),
                name: name.to_string(),
            });
        }
        None
    };
    for _ in Parser::new_with_broken_link_callback(docs, markdown_options(), Some(&mut callback)) {}
    found.sort_by_key(|l| l.range.start);
    found.dedup();
    found
}

/// `name` for a label written `` `name` ``.
pub fn code_label(label: &str) -> Option<&str> {
    let inner = label.strip_prefix('`')?.strip_suffix('`')?;
    let inner = inner.trim();
    (!inner.is_empty() && !inner.contains('`')).then_some(inner)
}

/// Resolves intra-doc link names against every item of a workspace.
pub struct LinkResolver<'a> {
    paths: FxHashMap<&'a str, &'a ItemPath>,
    /// Version-less spellings (`wasi:io/streams#input-stream`) of versioned paths.
    unversioned: FxHashMap<String, &'a ItemPath>,
}

/// `wasi:io/streams@0.2.2#input-stream` → `wasi:io/streams#input-stream`.
fn strip_version(path: &str) -> Option<String> {
    let at = path.find('@')?;
    let end = path[at..].find('#').map_or(path.len(), |e| at + e);
    Some(format!("{}{}", &path[..at], &path[end..]))
}

impl<'a> LinkResolver<'a> {
    pub fn new(ws: &'a Workspace) -> Self {
        let mut paths = FxHashMap::default();
        let mut unversioned = FxHashMap::default();
        for item in &ws.index().items {
            paths.insert(item.path.as_str(), &item.path);
            if let Some(short) = strip_version(item.path.as_str()) {
                // With two versions of one package, the version-less name means the first.
                unversioned.entry(short).or_insert(&item.path);
            }
        }
        LinkResolver { paths, unversioned }
    }

    fn lookup(&self, path: &str) -> Option<&'a ItemPath> {
        self.paths
            .get(path)
            .copied()
            .or_else(|| self.unversioned.get(path).copied())
    }

    /// The item `name` refers to, written in the docs of the item at `scope`.
    ///
    /// Names are looked up from the innermost scope out: members of the item itself (a
    /// resource's methods, a variant's cases), then of its containers, then the
    /// package's interfaces and worlds. `a::b` means `a.b`; a fully qualified name
    /// (`wasi:io/streams.input-stream`, version optional) is looked up as is.
    pub fn resolve(&self, scope: &ItemPath, name: &str) -> Option<&'a ItemPath> {
        let name = name
            .trim()
            .trim_end_matches("()")
            .replace("::", ".")
            .replace('#', ".");
        if name.is_empty() {
            return None;
        }
        if name.contains(':') {
            return self.qualified(&name);
        }
        let scope = scope.as_str();
        // Member scopes: `C#a.b` → `C#a.b.`, `C#a.`, `C#`.
        if let Some((container, members)) = scope.split_once('#') {
            let members = members.split('(').next().unwrap_or(members);
            let segs: Vec<&str> = members.split('.').collect();
            for n in (0..=segs.len()).rev() {
                let prefix = segs[..n].join(".");
                let candidate = if prefix.is_empty() {
                    format!("{container}#{name}")
                } else {
                    format!("{container}#{prefix}.{name}")
                };
                if let Some(p) = self.lookup(&candidate) {
                    return Some(p);
                }
            }
        }
        // Package scope: `ns:pkg/first@version#rest` or `ns:pkg/name@version`.
        let container = scope.split('#').next().unwrap_or(scope);
        let (unversioned, version) = match container.split_once('@') {
            Some((c, v)) => (c, Some(v)),
            None => (container, None),
        };
        let package = unversioned.split('/').next().unwrap_or(unversioned);
        let (first, rest) = match name.split_once('.') {
            Some((f, r)) => (f, Some(r)),
            None => (name.as_str(), None),
        };
        let mut candidate = format!("{package}/{first}");
        if let Some(v) = version {
            candidate.push('@');
            candidate.push_str(v);
        }
        if let Some(rest) = rest {
            candidate.push('#');
            candidate.push_str(rest);
        }
        self.lookup(&candidate)
    }

    /// `ns:pkg/iface[@version][.member…]`: versions contain dots too, so try each split.
    fn qualified(&self, name: &str) -> Option<&'a ItemPath> {
        if let Some(p) = self.lookup(name) {
            return Some(p);
        }
        let slash = name.find('/')?;
        for (dot, _) in name.match_indices('.').filter(|(i, _)| *i > slash) {
            let candidate = format!("{}#{}", &name[..dot], &name[dot + 1..]);
            if let Some(p) = self.lookup(&candidate) {
                return Some(p);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_code_labels_without_definitions() {
        let docs = "See [`bucket.get`] and [`error::no-such-store`], not [0, 1) or [x].\n\n\
                    A [`defined`] one.\n\n[`defined`]: https://example.com\n";
        let names: Vec<_> = find(docs).into_iter().map(|l| l.name).collect();
        assert_eq!(names, ["bucket.get", "error::no-such-store"]);
        let first = &find(docs)[0];
        assert_eq!(&docs[first.range.clone()], "[`bucket.get`]");
    }

    #[test]
    fn strips_versions() {
        assert_eq!(
            strip_version("wasi:io/streams@0.2.2#input-stream").as_deref(),
            Some("wasi:io/streams#input-stream")
        );
        assert_eq!(strip_version("wasi:io@0.2.2").as_deref(), Some("wasi:io"));
    }
}
