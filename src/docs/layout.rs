//! Where each documented item goes: its page, its heading and, from the heading, its
//! anchor, computed the way GitHub and mdBook compute heading ids, so no raw HTML is needed.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::model::{DocModel, FuncKind, Interface, Package, TypeDef, TypeKind, World, WorldEntry};
use crate::workspace::ItemPath;

/// The heading id GitHub and mdBook give a heading with this text.
pub fn slug(text: &str) -> String {
    let text = text.trim();
    // Nearly every heading is ASCII: no Unicode tables for it.
    if text.is_ascii() {
        return text
            .bytes()
            .filter_map(|b| match b {
                b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' => Some(b as char),
                b'A'..=b'Z' => Some(b.to_ascii_lowercase() as char),
                b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => Some('-'),
                _ => None,
            })
            .collect();
    }
    slug_unicode(text)
}

fn slug_unicode(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

#[derive(Clone, Debug)]
pub(super) struct Place {
    /// Shared by every place on the page.
    pub(super) page: Arc<str>,
    pub(super) anchor: Option<String>,
}

/// Where each documented item is, and its heading.
#[derive(Default)]
pub(super) struct Layout {
    pub(super) places: FxHashMap<ItemPath, Place>,
    pub(super) headings: FxHashMap<ItemPath, String>,
    /// The anchors taken on each page.
    pub(super) used: FxHashMap<Arc<str>, FxHashSet<String>>,
    /// The anchor of each page's title, for links to the page's own item from that page.
    pub(super) titles: FxHashMap<String, String>,
}

impl Layout {
    /// Makes an item the title of its own page: links from other pages need no anchor.
    pub(super) fn page(&mut self, id: &ItemPath, page: &str, title: &str) {
        // A heading's anchor is its slug; the slug drops code spans' backticks.
        let anchor = slug(title);
        let (page_name, used) = self.page_anchors(page);
        used.insert(anchor.clone());
        self.titles.insert(page.to_string(), anchor);
        self.places.insert(
            id.clone(),
            Place {
                page: page_name,
                anchor: None,
            },
        );
        self.headings.insert(id.clone(), format!("# {title}"));
    }

    /// The shared name of a page and the anchors taken on it.
    fn page_anchors(&mut self, page: &str) -> (Arc<str>, &mut FxHashSet<String>) {
        let name = match self.used.get_key_value(page) {
            Some((name, _)) => name.clone(),
            None => {
                let name: Arc<str> = page.into();
                self.used.insert(name.clone(), FxHashSet::default());
                name
            }
        };
        let used = self.used.get_mut(page).expect("inserted above");
        (name, used)
    }

    /// Gives an item a heading on a page; a heading whose id is taken gets a number.
    pub(super) fn heading(&mut self, id: &ItemPath, page: &str, level: usize, text: String) {
        if self.places.contains_key(id) {
            return;
        }
        let (page_name, used) = self.page_anchors(page);
        let mut text = text;
        let mut anchor = slug(&text);
        let (base_len, mut n) = (text.len(), 2);
        while used.contains(&anchor) {
            text.truncate(base_len);
            text.push_str(&format!(" ({n})"));
            anchor = slug(&text);
            n += 1;
        }
        used.insert(anchor.clone());
        self.places.insert(
            id.clone(),
            Place {
                page: page_name,
                anchor: Some(anchor),
            },
        );
        let level = level.min(6);
        let mut heading = String::with_capacity(level + 1 + text.len());
        heading.extend(std::iter::repeat_n('#', level));
        heading.push(' ');
        heading.push_str(&text);
        self.headings.insert(id.clone(), heading);
    }

    /// The place of an item, or of its nearest documented container (a field's record).
    pub(super) fn find(&self, target: &ItemPath) -> Option<&Place> {
        // Each container's path is a prefix of its members' paths.
        let mut path = target.as_str();
        loop {
            if let Some(p) = self.places.get(path) {
                return Some(p);
            }
            let shorter = if path.ends_with(')') {
                path.rfind('(').map(|i| &path[..i])
            } else if let Some(hash) = path.find('#') {
                match path[hash..].rfind('.') {
                    Some(dot) => Some(&path[..hash + dot]),
                    None => Some(&path[..hash]),
                }
            } else {
                None
            };
            path = shorter?;
        }
    }
}

/// A relative link from one page to another.
pub(super) fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = std::iter::repeat_n("..", from_dir.len() - common).collect();
    out.extend(&to_parts[common..]);
    out.join("/")
}

pub(super) fn kind_title(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Record => "Record",
        TypeKind::Variant => "Variant",
        TypeKind::Enum => "Enum",
        TypeKind::Flags => "Flags",
        TypeKind::Resource => "Resource",
        _ => "Type",
    }
}

pub(super) fn func_title(kind: FuncKind) -> &'static str {
    match kind {
        FuncKind::Function => "Function",
        FuncKind::Method => "Method",
        FuncKind::Static => "Static function",
        FuncKind::Constructor => "Constructor",
    }
}

/// The output folder of a package: `wasi/keyvalue`, with the version when two versions
/// of one package are documented.
pub(super) fn package_dir(pkg: &Package, model: &DocModel) -> String {
    let (ns, name) = pkg.name.split_once(':').unwrap_or(("", &pkg.name));
    let versions = model.packages.iter().filter(|p| p.name == pkg.name).count();
    match (&pkg.version, versions > 1) {
        (Some(v), true) => format!("{ns}/{name}-{v}"),
        _ => format!("{ns}/{name}"),
    }
}

pub(super) fn layout_interface(
    layout: &mut Layout,
    iface: &Interface,
    page: &str,
    level: usize,
    prefix: &str,
) {
    for ty in &iface.types {
        layout_type(layout, ty, page, level, prefix);
    }
    for f in &iface.functions {
        layout.heading(
            &f.id,
            page,
            level,
            [func_title(f.kind), " `", prefix, &f.name, "`"].concat(),
        );
    }
}

pub(super) fn layout_type(
    layout: &mut Layout,
    ty: &TypeDef,
    page: &str,
    level: usize,
    prefix: &str,
) {
    layout.heading(
        &ty.id,
        page,
        level,
        [kind_title(ty.kind), " `", prefix, &ty.name, "`"].concat(),
    );
    for f in ty.constructor.iter().chain(&ty.methods).chain(&ty.statics) {
        // A constructor is named by its resource alone.
        let (dot, name) = match f.kind {
            FuncKind::Constructor => ("", ""),
            _ => (".", f.name.as_str()),
        };
        let title = [func_title(f.kind), " `", prefix, &ty.name, dot, name, "`"].concat();
        layout.heading(&f.id, page, level + 1, title);
    }
}

/// A world's own items and inline interfaces, on `page` at `level`.
pub(super) fn layout_world_items(layout: &mut Layout, world: &World, page: &str, level: usize) {
    for (entries, dir) in [(&world.imports, "Import"), (&world.exports, "Export")] {
        for entry in entries {
            match entry {
                WorldEntry::Interface {
                    name,
                    inline: Some(iface),
                    ..
                } => {
                    layout.heading(&iface.id, page, level, format!("{dir} `{name}`"));
                    layout_interface(layout, iface, page, level + 1, &format!("{name}."));
                }
                WorldEntry::Interface { .. } => {}
                WorldEntry::Function { func, .. } => layout.heading(
                    &func.id,
                    page,
                    level,
                    format!("{dir} function `{}`", func.name),
                ),
                WorldEntry::Type { ty, .. } => layout_type(layout, ty, page, level, ""),
            }
        }
    }
}

/// The interfaces a world uses that the model documents, each once, imports first, with
/// the names it has there: one interface imported under several names (`import primary:
/// store; import secondary: store;`) is documented once, under all of them.
pub(super) fn world_interfaces<'m>(
    model: &'m DocModel,
    world: &World,
) -> Vec<(&'m Interface, &'static str, Vec<String>)> {
    let all: HashMap<&str, &Interface> = model
        .packages
        .iter()
        .flat_map(|p| &p.interfaces)
        .map(|i| (i.id.as_str(), i))
        .collect();
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<(&Interface, &'static str, Vec<String>)> = Vec::new();
    for (entries, dir) in [(&world.imports, "Import"), (&world.exports, "Export")] {
        for e in entries {
            let WorldEntry::Interface {
                target,
                inline: None,
                name,
                ..
            } = e
            else {
                continue;
            };
            let Some(iface) = all.get(target.as_str()) else {
                continue;
            };
            match at.get(target.as_str()) {
                Some(&i) if out[i].1 == dir => out[i].2.push(name.clone()),
                Some(_) => {}
                None => {
                    at.insert(target.as_str(), out.len());
                    out.push((*iface, dir, vec![name.clone()]));
                }
            }
        }
    }
    out
}

/// The heading of an interface a world uses: `Import `primary`, `secondary``.
pub(super) fn world_interface_heading(dir: &str, names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    format!("{dir} {}", names.join(", "))
}

/// The short prefix for an interface's items in a single file: `store.` within the
/// world's own package, `wasi:io/streams.` for others.
pub(super) fn prefix_in(world_pkg: &str, iface: &Interface) -> String {
    let unversioned = iface.id.unversioned_container();
    match unversioned.split_once('/') {
        Some((pkg, name)) if pkg == world_pkg => format!("{name}."),
        _ => format!("{unversioned}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_slugs_match_the_unicode_rules() {
        for text in [
            "Method `bucket.get`",
            "Import `wasi:keyvalue/store@0.2.0-draft2` (2)",
            " Tab\tand\x0bvertical\x0c feed\r\n ",
            "snake_case & UPPER-case 123 !?#",
        ] {
            assert_eq!(slug(text), slug_unicode(text.trim()), "{text:?}");
        }
    }

    #[test]
    fn slugs_match_github_and_mdbook() {
        assert_eq!(slug("Method bucket.get"), "method-bucketget");
        assert_eq!(
            slug("Import wasi:keyvalue/store@0.2.0-draft2"),
            "import-wasikeyvaluestore020-draft2"
        );
    }

    #[test]
    fn relative_links() {
        assert_eq!(
            relative("wasi/keyvalue/store.md", "wasi/keyvalue/atomics.md"),
            "atomics.md"
        );
        assert_eq!(
            relative("wasi/keyvalue/store.md", "wasi/io/streams.md"),
            "../io/streams.md"
        );
        assert_eq!(relative("a.md", "wasi/io/README.md"), "wasi/io/README.md");
    }

    #[test]
    fn fields_fall_back_to_their_type() {
        let mut layout = Layout::default();
        let ty = ItemPath::from("a:b/c#entry".to_string());
        layout.heading(&ty, "p.md", 2, "Record `entry`".into());
        let place = layout
            .find(&ItemPath::from("a:b/c#entry.key".to_string()))
            .unwrap();
        assert_eq!(place.anchor.as_deref(), Some("record-entry"));
    }
}
