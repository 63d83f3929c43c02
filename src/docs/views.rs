//! The page views the templates render: every item's heading, badges, linked signature,
//! safe docs, members and errors, each item through `item.hbs` on its own.

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::model::{
    ErrorCase, Func, Interface, Package, Token, TypeDef, TypeKind, World, WorldEntry,
};
use super::renderer::Renderer;
use crate::workspace::ItemPath;

#[derive(Serialize, Default)]
pub(super) struct ItemView {
    pub(super) heading: String,
    pub(super) badges: String,
    pub(super) signature: String,
    pub(super) docs: String,
    pub(super) members_title: &'static str,
    /// One Markdown line per field, case or flag.
    pub(super) members: Vec<String>,
    /// `members` as a Markdown list: what the built-in template shows, since a template
    /// loop costs more per line than the rest of an item.
    pub(super) member_list: String,
    pub(super) error_type: String,
    /// One Markdown line per error case.
    pub(super) errors: Vec<String>,
    /// `errors` as a Markdown list.
    pub(super) error_list: String,
    /// The resource's constructor, methods and static functions, each through `item.hbs`.
    pub(super) children: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct Row {
    pub(super) item: String,
    pub(super) kind: String,
    pub(super) description: String,
}

#[derive(Serialize, Default)]
pub(super) struct InterfaceView {
    pub(super) header: String,
    pub(super) heading: String,
    pub(super) badges: String,
    pub(super) docs: String,
    pub(super) uses: Vec<String>,
    pub(super) summary: Vec<Row>,
    /// Each through `item.hbs`.
    pub(super) items: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct PackageView {
    pub(super) header: String,
    pub(super) heading: String,
    pub(super) badges: String,
    pub(super) docs: String,
    pub(super) interfaces: Vec<Row>,
    pub(super) worlds: Vec<Row>,
}

#[derive(Serialize, Default)]
pub(super) struct WorldView {
    pub(super) header: String,
    pub(super) heading: String,
    pub(super) badges: String,
    pub(super) docs: String,
    pub(super) includes: Vec<String>,
    pub(super) imports: Vec<Row>,
    pub(super) exports: Vec<Row>,
    /// Functions and types of the world itself, each through `item.hbs`.
    pub(super) items: Vec<String>,
    pub(super) sections: Vec<SectionView>,
}

/// An interface shown in full on a world's page.
#[derive(Serialize)]
pub(super) struct SectionView {
    pub(super) heading: String,
    /// The interface through `interface-body.hbs`.
    pub(super) body: String,
}

impl Renderer<'_> {
    /// One item through `item.hbs`, rendered on its own: a page template places the text.
    /// (A partial would copy each item's data at every level of nesting.)
    fn item(&self, view: &ItemView) -> Result<String> {
        self.render_part("item", view)
    }

    fn func_item(&self, page: &str, f: &Func) -> Result<String> {
        self.item(&self.func_view(page, f))
    }

    fn type_item(&self, page: &str, ty: &TypeDef) -> Result<String> {
        self.item(&self.type_view(page, ty)?)
    }

    /// A summary-table row: the item linked, its kind, its first sentence.
    fn row(&self, page: &str, id: &ItemPath, name: &str, kind: &str, docs: &str) -> Row {
        Row {
            item: self.link_to(page, id, name),
            kind: kind.to_string(),
            description: self.summary_line(page, id, docs),
        }
    }

    pub(super) fn func_view(&self, page: &str, f: &Func) -> ItemView {
        let level = self.level(&f.id);
        let mut view = ItemView {
            heading: self.heading(&f.id),
            badges: self.badges(&f.gate, f.source.as_ref()),
            signature: self.code(page, &f.signature),
            docs: self.docs(page, &f.id, &f.docs, level),
            ..Default::default()
        };
        if let Some(errors) = &f.errors {
            view.error_type = self.code(page, &errors.ty);
            view.errors = self.error_lines(page, &errors.cases);
            view.error_list = markdown_list(&view.errors);
        }
        view
    }

    /// One line per error case: the case linked and its first sentence.
    fn error_lines(&self, page: &str, cases: &[ErrorCase]) -> Vec<String> {
        // A type's first case names the type: the lines are the same for every function
        // of the page that fails with it.
        let Some(first) = cases.first() else {
            return Vec::new();
        };
        let key = (page.to_string(), first.target.clone());
        if let Some(lines) = self.error_lines.lock().expect("not poisoned").get(&key) {
            return lines.clone();
        }
        let lines: Vec<String> = cases
            .iter()
            .map(|c| {
                let ty = c.target.as_str().rsplit_once('.').map_or("", |(t, _)| t);
                let ty_name = ty.rsplit(['#', '.']).next().unwrap_or(ty);
                let mut line = self.link_to(page, &c.target, &format!("{ty_name}::{}", c.name));
                let first = self.summary_line(page, &c.target, &c.docs);
                if !first.is_empty() {
                    line.push_str(": ");
                    line.push_str(&first);
                }
                line
            })
            .collect();
        self.error_lines
            .lock()
            .expect("not poisoned")
            .insert(key, lines.clone());
        lines
    }

    pub(super) fn type_view(&self, page: &str, ty: &TypeDef) -> Result<ItemView> {
        let level = self.level(&ty.id);
        let signature = if ty.definition.is_empty() {
            String::new()
        } else {
            let mut tokens = vec![Token::Text(format!("type {} = ", ty.name))];
            tokens.extend(ty.definition.iter().cloned());
            self.code(page, &tokens)
        };
        let members: Vec<String> = ty
            .members
            .iter()
            .map(|m| {
                let mut line = format!("`{}`", m.name);
                if let Some(t) = &m.ty {
                    line.push_str(if ty.kind == TypeKind::Record {
                        ": "
                    } else {
                        "("
                    });
                    line.push_str(&self.code(page, t));
                    if ty.kind != TypeKind::Record {
                        line.push(')');
                    }
                }
                let docs = self.docs(page, &m.id, &m.docs, level + 1);
                if !docs.is_empty() {
                    if docs.contains("\n\n") || docs.starts_with(['#', '`', ' ', '-', '*']) {
                        line.push_str("\n\n");
                        line.push_str(&indent(&docs, "  "));
                        line.push('\n');
                    } else {
                        line.push_str(" — ");
                        line.push_str(&indent(&docs, "  "));
                    }
                }
                line
            })
            .collect();
        let children = ty
            .constructor
            .iter()
            .chain(&ty.methods)
            .chain(&ty.statics)
            .map(|f| self.func_item(page, f))
            .collect::<Result<_>>()?;
        Ok(ItemView {
            heading: self.heading(&ty.id),
            badges: self.badges(&ty.gate, ty.source.as_ref()),
            signature,
            docs: self.docs(page, &ty.id, &ty.docs, level),
            members_title: match ty.kind {
                TypeKind::Record => "Fields",
                TypeKind::Flags => "Flags",
                _ => "Cases",
            },
            member_list: markdown_list(&members),
            members,
            children,
            ..Default::default()
        })
    }

    /// A type or function with its summary-table row and its text through `item.hbs`.
    fn member(&self, page: &str, member: &Member<'_>) -> Result<(Row, String)> {
        Ok(match member {
            Member::Type(ty) => (
                self.row(page, &ty.id, &ty.name, ty.kind.noun(), &ty.docs),
                self.type_item(page, ty)?,
            ),
            Member::Func(f) => {
                let kind = if f.is_async {
                    "async function"
                } else {
                    "function"
                };
                (
                    self.row(page, &f.id, &f.name, kind, &f.docs),
                    self.func_item(page, f)?,
                )
            }
        })
    }

    pub(super) fn interface_view(
        &self,
        page: &str,
        iface: &Interface,
        heading: String,
    ) -> Result<InterfaceView> {
        let members = members(iface)
            .map(|m| self.member(page, &m))
            .collect::<Result<Vec<_>>>()?;
        let level = if heading.is_empty() {
            1
        } else {
            self.level(&iface.id)
        };
        let (summary, items) = members.into_iter().unzip();
        Ok(InterfaceView {
            header: self.header(),
            heading,
            badges: self.badges(&iface.gate, iface.source.as_ref()),
            docs: self.docs(page, &iface.id, &iface.docs, level),
            uses: iface
                .uses
                .iter()
                .map(|u| self.link_to(page, &u.target, &u.name))
                .collect(),
            summary,
            items,
        })
    }

    pub(super) fn world_rows(&self, page: &str, entries: &[WorldEntry]) -> Vec<Row> {
        entries
            .iter()
            .map(|e| match e {
                WorldEntry::Interface {
                    name,
                    target,
                    docs,
                    inline,
                    ..
                } => {
                    let docs = if docs.is_empty() {
                        inline
                            .as_ref()
                            .map(|i| i.docs.clone())
                            .or_else(|| {
                                self.interfaces.get(target.as_str()).map(|i| i.docs.clone())
                            })
                            .unwrap_or_default()
                    } else {
                        docs.clone()
                    };
                    self.row(page, target, name, "interface", &docs)
                }
                WorldEntry::Function { func, .. } => {
                    self.row(page, &func.id, &func.name, "function", &func.docs)
                }
                WorldEntry::Type { ty, .. } => {
                    self.row(page, &ty.id, &ty.name, ty.kind.noun(), &ty.docs)
                }
            })
            .collect()
    }

    /// A world page; `documented` lists the named interfaces shown in full on it.
    pub(super) fn world_view(
        &self,
        page: &str,
        world: &World,
        documented: &[(&Interface, String)],
    ) -> Result<WorldView> {
        let mut items = Vec::new();
        let mut wanted: Vec<(&Interface, String, &str)> = Vec::new();
        for entries in [&world.imports, &world.exports] {
            for e in entries {
                match e {
                    WorldEntry::Interface {
                        inline: Some(iface),
                        docs,
                        ..
                    } => wanted.push((iface, self.heading(&iface.id), docs)),
                    WorldEntry::Interface { .. } => {}
                    WorldEntry::Function { func, .. } => items.push(self.func_item(page, func)?),
                    WorldEntry::Type { ty, .. } => items.push(self.type_item(page, ty)?),
                }
            }
        }
        wanted.extend(
            documented
                .iter()
                .map(|(i, heading)| (*i, heading.clone(), "")),
        );
        // Sections are independent: render them on all cores, in order.
        let sections = wanted
            .into_par_iter()
            .map(|(iface, heading, docs)| self.section(page, iface, heading, docs))
            .collect::<Result<Vec<_>>>()?;
        Ok(WorldView {
            header: self.header(),
            heading: self.heading(&world.id),
            badges: self.badges(&world.gate, world.source.as_ref()),
            docs: self.docs(page, &world.id, &world.docs, 1),
            includes: world
                .includes
                .iter()
                .map(|i| self.link_to(page, &i.world, i.world.as_str()))
                .collect(),
            imports: self.world_rows(page, &world.imports),
            exports: self.world_rows(page, &world.exports),
            items,
            sections,
        })
    }

    /// An interface shown in full on a world's page, with the docs the world gives it when
    /// it has none of its own.
    fn section(
        &self,
        page: &str,
        iface: &Interface,
        heading: String,
        world_docs: &str,
    ) -> Result<SectionView> {
        let mut view = self.interface_view(page, iface, heading)?;
        if view.docs.is_empty() && !world_docs.is_empty() {
            view.docs = self.docs(page, &iface.id, world_docs, self.level(&iface.id));
        }
        let body = self.render_part("interface-body", &view)?;
        Ok(SectionView {
            heading: view.heading,
            body,
        })
    }

    pub(super) fn package_view(&self, page: &str, pkg: &Package) -> PackageView {
        PackageView {
            header: self.header(),
            heading: self.heading(&pkg.id),
            badges: if pkg.dependency {
                "`dependency`".to_string()
            } else {
                String::new()
            },
            docs: self.docs(page, &pkg.id, &pkg.docs, 1),
            interfaces: pkg
                .interfaces
                .iter()
                .map(|i| self.row(page, &i.id, &i.name, "interface", &i.docs))
                .collect(),
            worlds: pkg
                .worlds
                .iter()
                .map(|w| self.row(page, &w.id, &w.name, "world", &w.docs))
                .collect(),
        }
    }
}

/// What an interface documents, in page order: types, then functions.
enum Member<'m> {
    Type(&'m TypeDef),
    Func(&'m Func),
}

fn members(iface: &Interface) -> impl Iterator<Item = Member<'_>> {
    let types = iface.types.iter().map(Member::Type);
    types.chain(iface.functions.iter().map(Member::Func))
}

/// Lines as a Markdown list.
fn markdown_list(lines: &[String]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 3).sum());
    for line in lines {
        out.push_str("- ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn indent(text: &str, by: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(by);
            }
        }
        out.push_str(line);
    }
    out
}
