//! The renderer pages are built with: the layout, the templates, and how a reference,
//! a signature or a doc comment turns into linked, safe Markdown seen from a page.

use std::sync::Mutex;

use rustc_hash::FxHashMap;

use anyhow::{Context as _, Result};
use handlebars::Handlebars;
use serde::Serialize;

use super::layout::{Layout, relative, slug};
use super::markdown::{self, first_sentence};
use crate::workspace::links::LinkResolver;

/// What `{path}` encodes: everything but the unreserved characters of RFC 3986 and the `/`
/// between folders.
const PATH_SEGMENTS: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');
use super::generated::{RenderOptions, tidy};
use super::model::{DocModel, Gate, Interface, Source, Token};
use crate::workspace::{ItemPath, Workspace};

/// The templates, embedded; `--templates DIR` replaces any of them by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("item", include_str!("../../templates/docs/item.hbs")),
    (
        "interface-body",
        include_str!("../../templates/docs/interface-body.hbs"),
    ),
    (
        "interface",
        include_str!("../../templates/docs/interface.hbs"),
    ),
    ("package", include_str!("../../templates/docs/package.hbs")),
    ("world", include_str!("../../templates/docs/world.hbs")),
];

/// The templates [`single`] uses for a world.
pub const WORLD_TEMPLATES: &[&str] = &["item", "interface-body", "world"];
/// The templates [`single`] uses for packages without a world.
pub const PACKAGE_TEMPLATES: &[&str] = &["item", "interface-body", "interface", "package"];

/// The page templates, compiled once per run.
pub struct Templates(pub(super) Handlebars<'static>);

impl Templates {
    /// Every template, each the built-in one or `DIR/<name>.hbs` where `overrides` has one.
    pub fn compile(overrides: Option<&std::path::Path>) -> Result<Templates> {
        let names: Vec<&str> = TEMPLATES.iter().map(|(name, _)| *name).collect();
        Templates::compile_only(overrides, &names)
    }

    /// Only the templates named: compiling one costs about as much as rendering a page.
    pub fn compile_only(overrides: Option<&std::path::Path>, names: &[&str]) -> Result<Templates> {
        let mut hbs = Handlebars::new();
        hbs.register_escape_fn(handlebars::no_escape);
        let mut templates = Templates(hbs);
        templates.add(overrides, names)?;
        Ok(templates)
    }

    /// Compiles those of the templates named that are not yet.
    pub fn add(&mut self, overrides: Option<&std::path::Path>, names: &[&str]) -> Result<()> {
        for (name, builtin) in TEMPLATES {
            if !names.contains(name) || self.0.has_template(name) {
                continue;
            }
            let text = crate::templates::source(overrides, name, builtin)?;
            self.0
                .register_template_string(name, &text)
                .with_context(|| format!("template `{name}.hbs` does not parse"))?;
        }
        Ok(())
    }
}

/// Renders pages with links through a layout. Shared by the threads that build the
/// sections of a page.
pub(super) struct Renderer<'a> {
    ws: &'a Workspace,
    layout: Layout,
    /// Built on the first intra-doc link: most docs have none.
    links: std::sync::OnceLock<LinkResolver<'a>>,
    options: &'a RenderOptions,
    hbs: &'a Handlebars<'static>,
    /// Interfaces of the model by path.
    pub(super) interfaces: FxHashMap<&'a str, &'a Interface>,
    /// The error-case lines of each error type seen from each page: the functions of an
    /// interface mostly share one error type.
    pub(super) error_lines: Mutex<FxHashMap<(String, ItemPath), Vec<String>>>,
}

impl<'a> Renderer<'a> {
    pub(super) fn new(
        ws: &'a Workspace,
        model: &'a DocModel,
        layout: Layout,
        options: &'a RenderOptions,
        hbs: &'a Handlebars<'static>,
    ) -> Self {
        let mut interfaces = FxHashMap::default();
        for pkg in &model.packages {
            for iface in &pkg.interfaces {
                interfaces.insert(iface.id.as_str(), iface);
            }
        }
        Renderer {
            ws,
            layout,
            links: std::sync::OnceLock::new(),
            options,
            hbs,
            interfaces,
            error_lines: Mutex::default(),
        }
    }

    /// A page through `template`, tidied.
    pub(super) fn render<T: Serialize>(&self, template: &str, view: &T) -> Result<String> {
        Ok(tidy(&self.render_part(template, view)?))
    }

    /// Part of a page through `template`; the page is tidied as a whole.
    pub(super) fn render_part<T: Serialize>(&self, template: &str, view: &T) -> Result<String> {
        self.hbs
            .render(template, view)
            .with_context(|| format!("template `{template}.hbs` failed to render"))
    }

    pub(super) fn header(&self) -> String {
        self.options.header.clone()
    }

    /// A URL for an item seen from `page`.
    pub(super) fn href(&self, page: &str, target: &ItemPath) -> Option<String> {
        if let Some(place) = self.layout.find(target) {
            let file = if *place.page == *page {
                String::new()
            } else {
                relative(page, &place.page)
            };
            return match &place.anchor {
                Some(a) => {
                    let mut href = file;
                    href.reserve(1 + a.len());
                    href.push('#');
                    href.push_str(a);
                    Some(href)
                }
                None if file.is_empty() => Some(format!("#{}", self.layout.titles.get(page)?)),
                None => Some(file),
            };
        }
        self.dep_url(target)
    }

    pub(super) fn dep_url(&self, target: &ItemPath) -> Option<String> {
        let container = target.container_part();
        let unversioned = target.unversioned_container();
        let package = unversioned.split('/').next().unwrap_or(unversioned);
        let (_, url) = self.options.dep_urls.iter().find(|(pkg, _)| {
            pkg == package
                || pkg == container
                || pkg
                    .split_once('@')
                    .is_some_and(|(p, v)| p == package && container.ends_with(&format!("@{v}")))
        })?;
        let interface = unversioned.split_once('/').map_or("", |(_, i)| i);
        let anchor = self.page_mode_anchor(target);
        let url = url.replace("{interface}", interface);
        Some(if anchor.is_empty() {
            // An interface or package: its page, no fragment.
            url.replace("#{anchor}", "").replace("{anchor}", "")
        } else {
            url.replace("{anchor}", &anchor)
        })
    }

    /// The anchor `witlint docs --out` gives an item on its interface page, so `--dep-url`
    /// can point into another witlint-generated book.
    pub(super) fn page_mode_anchor(&self, target: &ItemPath) -> String {
        use crate::workspace::{ItemKind, Target};
        let mut item = self.ws.index().items.iter().find(|i| &i.path == target);
        // A field or case has no heading: its type's.
        while let Some(i) = item
            && matches!(
                i.kind,
                ItemKind::Field | ItemKind::Case | ItemKind::Flag | ItemKind::Param
            )
        {
            item = i.parent.map(|p| self.ws.index().get(p));
        }
        let Some(item) = item else {
            return String::new();
        };
        let member = item.path.members();
        let title = match (&item.kind, &item.target) {
            (ItemKind::Type, Target::Type(id)) => {
                use wit_bindgen_core::wit_parser::TypeDefKind as K;
                match self.ws.resolve.types[*id].kind {
                    K::Record(_) => "Record",
                    K::Variant(_) => "Variant",
                    K::Enum(_) => "Enum",
                    K::Flags(_) => "Flags",
                    _ => "Type",
                }
            }
            (ItemKind::Resource, _) => "Resource",
            (ItemKind::Method, _) => "Method",
            (ItemKind::Static, _) => "Static function",
            (ItemKind::Function, _) => "Function",
            (ItemKind::Constructor, _) => {
                let resource = member.trim_end_matches(".constructor");
                return slug(&format!("Constructor {resource}"));
            }
            _ => return String::new(),
        };
        slug(&format!("{title} {member}"))
    }

    /// WIT syntax as code spans, with each named type linked.
    pub(super) fn code(&self, page: &str, tokens: &[Token]) -> String {
        let mut out = String::new();
        for t in tokens {
            match t {
                Token::Text(text) => push_code(&mut out, text),
                Token::Ref { name, target } => match self.href(page, target) {
                    Some(href) => push_link(&mut out, name, &href),
                    None => push_code(&mut out, name),
                },
            }
        }
        out
    }

    pub(super) fn docs(&self, page: &str, scope: &ItemPath, docs: &str, level: usize) -> String {
        let link = |name: &str| {
            let target = self
                .links
                .get_or_init(|| LinkResolver::new(self.ws))
                .resolve(scope, name)?;
            self.href(page, target)
        };
        markdown::render(docs, level, &link)
    }

    pub(super) fn summary_line(&self, page: &str, scope: &ItemPath, docs: &str) -> String {
        let first = first_sentence(docs);
        let line = self.docs(page, scope, &first, 6);
        // A table cell: one line, its pipes escaped.
        if !line.contains(['|', '\n']) {
            return line;
        }
        line.replace('|', "\\|").replace('\n', " ")
    }

    pub(super) fn badges(&self, gate: &Gate, source: Option<&Source>) -> String {
        let mut out = String::new();
        let mut badge = |parts: &[&str]| {
            if !out.is_empty() {
                out.push(' ');
            }
            parts.iter().for_each(|p| out.push_str(p));
        };
        if let Some(v) = &gate.since {
            badge(&["`since ", v, "`"]);
        }
        if let Some(f) = &gate.unstable {
            badge(&["`unstable: ", f, "`"]);
        }
        if let Some(v) = &gate.deprecated {
            badge(&["`deprecated since ", v, "`"]);
        }
        if let (Some(template), Some(src)) = (&self.options.source_url, source) {
            // A file name is data, not URL syntax: `x)[e](javascript:…) y.wit` stays a name.
            let path: String =
                percent_encoding::utf8_percent_encode(&src.path, PATH_SEGMENTS).collect();
            let url = template
                .replace("{path}", &path)
                .replace("{line}", &src.line.to_string());
            badge(&["[source](", &url, ")"]);
        }
        out
    }

    pub(super) fn link_to(&self, page: &str, target: &ItemPath, label: &str) -> String {
        let mut out = String::new();
        match self.href(page, target) {
            Some(href) => push_link(&mut out, label, &href),
            None => {
                out.push('`');
                out.push_str(label);
                out.push('`');
            }
        }
        out
    }

    pub(super) fn heading(&self, id: &ItemPath) -> String {
        self.layout.headings.get(id).cloned().unwrap_or_default()
    }

    pub(super) fn level(&self, id: &ItemPath) -> usize {
        self.layout
            .headings
            .get(id)
            .map_or(2, |h| h.len() - h.trim_start_matches('#').len())
    }
}

/// `` [`label`](href) ``
fn push_link(out: &mut String, label: &str, href: &str) {
    out.reserve(label.len() + href.len() + 6);
    out.push_str("[`");
    out.push_str(label);
    out.push_str("`](");
    out.push_str(href);
    out.push(')');
}

fn push_code(out: &mut String, text: &str) {
    // A code span that starts and ends with a space loses both: keep spaces outside.
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let trail = text.trim_end().len();
    out.push_str(&text[..lead]);
    if !trimmed.is_empty() {
        out.push('`');
        out.push_str(trimmed);
        out.push('`');
    }
    if trail >= lead {
        out.push_str(&text[trail..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_keep_spaces_outside() {
        let mut s = String::new();
        push_code(&mut s, " -> ");
        assert_eq!(s, " `->` ");
    }
}
