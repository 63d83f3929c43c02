//! The pages of the docs: which exist (a page per package, interface and world; one file for
//! a world; a chapter's fragment) and what goes on each, rendered by the [`Renderer`].
//!
//! Rendering runs in two passes. The first ([`super::layout`]) gives every documented item
//! its page and its heading, and from the heading its anchor. The second
//! ([`super::views`]) builds the page views, linking every type reference and intra-doc
//! link through that layout; the templates turn the views into Markdown.

use anyhow::Result;

use super::layout::{
    Layout, layout_interface, layout_world_items, package_dir, prefix_in, world_interface_heading,
    world_interfaces,
};
use rayon::prelude::*;

use super::generated::{RenderOptions, tidy};
use super::markdown::escape_text;
use super::model::{DocModel, Interface, Package, World};
use super::renderer::{Renderer, Templates};
use crate::workspace::{ItemPath, Workspace};

pub use super::layout::slug;
pub use super::renderer::{PACKAGE_TEMPLATES, WORLD_TEMPLATES};

/// One generated Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Relative, `/`-separated.
    pub path: String,
    /// The title for SUMMARY.md.
    pub title: String,
    /// Nesting depth in SUMMARY.md.
    pub depth: usize,
    pub text: String,
}

/// Where the mdBook tree puts each item: a page per package, interface and world, a
/// heading per member.
pub(super) fn book_layout(model: &DocModel) -> Layout {
    let mut layout = Layout::default();
    for pkg in &model.packages {
        let dir = package_dir(pkg, model);
        let readme = format!("{dir}/README.md");
        layout.page(&pkg.id, &readme, &format!("Package `{}`", pkg.id));
        for iface in &pkg.interfaces {
            let page = format!("{dir}/{}.md", iface.name);
            layout.page(&iface.id, &page, &format!("Interface `{}`", iface.id));
            layout_interface(&mut layout, iface, &page, 2, "");
        }
        for world in &pkg.worlds {
            let page = format!("{dir}/{}.world.md", world.name);
            layout.page(&world.id, &page, &format!("World `{}`", world.id));
            layout_world_items(&mut layout, world, &page, 2);
        }
    }
    layout
}

/// The mdBook tree: a page per package, interface and world.
pub fn pages(
    ws: &Workspace,
    model: &DocModel,
    options: &RenderOptions,
    templates: &Templates,
) -> Result<Vec<Page>> {
    let layout = book_layout(model);
    let r = Renderer::new(ws, model, layout, options, &templates.0);
    /// What a page shows.
    enum Content<'m> {
        Package(&'m Package),
        Interface(&'m Interface),
        World(&'m World),
    }
    let mut wanted = Vec::new();
    for pkg in &model.packages {
        let dir = package_dir(pkg, model);
        wanted.push((format!("{dir}/README.md"), Content::Package(pkg)));
        for iface in &pkg.interfaces {
            wanted.push((
                format!("{dir}/{}.md", iface.name),
                Content::Interface(iface),
            ));
        }
        for world in &pkg.worlds {
            wanted.push((
                format!("{dir}/{}.world.md", world.name),
                Content::World(world),
            ));
        }
    }
    // Pages are independent: render them on all cores, in order.
    wanted
        .par_iter()
        .map(|(page, content)| {
            let (title, depth, text) = match content {
                Content::Package(pkg) => (
                    pkg.id.to_string(),
                    0,
                    r.render("package", &r.package_view(page, pkg))?,
                ),
                Content::Interface(iface) => {
                    let view = r.interface_view(page, iface, r.heading(&iface.id))?;
                    (iface.name.clone(), 1, r.render("interface", &view)?)
                }
                Content::World(world) => {
                    let view = r.world_view(page, world, &[])?;
                    (
                        format!("{} (world)", world.name),
                        1,
                        r.render("world", &view)?,
                    )
                }
            };
            Ok(Page {
                path: page.clone(),
                title,
                depth,
                text,
            })
        })
        .collect()
}

/// One Markdown file for a world (or, for a package without worlds, for its interfaces).
/// `templates` holds [`WORLD_TEMPLATES`] or [`PACKAGE_TEMPLATES`] respectively.
pub fn single(
    ws: &Workspace,
    model: &DocModel,
    world: Option<&World>,
    file_name: &str,
    options: &RenderOptions,
    templates: &Templates,
) -> Result<String> {
    let page = file_name;
    let mut layout = Layout::default();
    match world {
        Some(world) => {
            let world_pkg = world
                .id
                .as_str()
                .split('/')
                .next()
                .unwrap_or("")
                .to_string();
            layout.page(&world.id, page, &format!("World `{}`", world.id));
            layout_world_items(&mut layout, world, page, 2);
            for (iface, dir, names) in world_interfaces(model, world) {
                layout.heading(&iface.id, page, 2, world_interface_heading(dir, &names));
                layout_interface(&mut layout, iface, page, 3, &prefix_in(&world_pkg, iface));
            }
        }
        None => {
            for pkg in model.packages.iter().filter(|p| !p.dependency) {
                // Several packages share the page: each gets an anchored heading.
                layout.heading(&pkg.id, page, 1, format!("Package `{}`", pkg.id));
                for iface in &pkg.interfaces {
                    layout.heading(&iface.id, page, 2, format!("Interface `{}`", iface.name));
                    layout_interface(&mut layout, iface, page, 3, &format!("{}.", iface.name));
                }
            }
        }
    }
    let r = Renderer::new(ws, model, layout, options, &templates.0);
    match world {
        Some(world) => {
            let documented: Vec<(&Interface, String)> = world_interfaces(model, world)
                .into_iter()
                .map(|(i, _, _)| (i, r.heading(&i.id)))
                .collect();
            let view = r.world_view(page, world, &documented)?;
            r.render("world", &view)
        }
        None => {
            let mut text = String::new();
            for pkg in model.packages.iter().filter(|p| !p.dependency) {
                let mut view = r.package_view(page, pkg);
                if !text.is_empty() {
                    view.header = String::new();
                }
                text.push_str(&r.render("package", &view)?);
                // Interfaces are independent: render them on all cores, in order.
                let interfaces = pkg
                    .interfaces
                    .par_iter()
                    .map(|iface| {
                        let mut v = r.interface_view(page, iface, r.heading(&iface.id))?;
                        v.header = String::new();
                        r.render("interface", &v)
                    })
                    .collect::<Result<Vec<_>>>()?;
                for rendered in interfaces {
                    text.push('\n');
                    text.push_str(&rendered);
                }
            }
            Ok(tidy(&text))
        }
    }
}

/// Renders the docs of one interface or world for embedding in a chapter (the mdBook
/// preprocessor): its heading at `level`, links to items outside it as plain code.
pub fn fragment(
    ws: &Workspace,
    model: &DocModel,
    target: &str,
    options: &RenderOptions,
    templates: &Templates,
) -> Result<Option<String>> {
    let page = "chapter.md";
    let mut layout = Layout::default();
    let matches = |id: &ItemPath| id.as_str() == target || id.unversioned_container() == target;
    for pkg in &model.packages {
        for iface in &pkg.interfaces {
            if matches(&iface.id) {
                layout.heading(&iface.id, page, 2, format!("Interface `{}`", iface.id));
                layout_interface(&mut layout, iface, page, 3, "");
                let r = Renderer::new(ws, model, layout, options, &templates.0);
                let mut view = r.interface_view(page, iface, r.heading(&iface.id))?;
                view.header = String::new();
                return r.render("interface", &view).map(Some);
            }
        }
        for world in &pkg.worlds {
            if matches(&world.id) {
                layout.heading(&world.id, page, 2, format!("World `{}`", world.id));
                layout_world_items(&mut layout, world, page, 3);
                let r = Renderer::new(ws, model, layout, options, &templates.0);
                let mut view = r.world_view(page, world, &[])?;
                view.header = String::new();
                return r.render("world", &view).map(Some);
            }
        }
    }
    Ok(None)
}

/// The SUMMARY.md entries for the pages, relative to the SUMMARY's folder `prefix`.
pub fn summary_entries(pages: &[Page], prefix: &str) -> String {
    let mut out = String::new();
    for p in pages {
        let path = if prefix.is_empty() {
            p.path.clone()
        } else {
            format!("{prefix}/{}", p.path)
        };
        out.push_str(&format!(
            "{}- [{}]({})\n",
            "  ".repeat(p.depth),
            escape_text(&p.title),
            path
        ));
    }
    out
}
