//! `witlint docs` as data: the pages of an mdBook tree, one Markdown file for a world, or
//! the doc model. The CLI writes what these return; the mdBook preprocessor and the LSP
//! call them too.

use std::path::PathBuf;

use wit_bindgen_core::wit_parser::WorldId;

use super::generated::{RenderOptions, generated_header};
use super::model::{self, DocModel};
use super::pages::{self, PACKAGE_TEMPLATES, Page, WORLD_TEMPLATES};
use super::renderer::Templates;
use crate::error::Error;
use crate::workspace::{ItemPath, Workspace};

/// How to document a workspace.
#[derive(Debug, Default, Clone)]
pub struct DocsOptions {
    /// Document the packages under `deps/` too, instead of linking to them.
    pub inline_deps: bool,
    /// A folder of handlebars templates overriding the built-in ones by name.
    pub templates: Option<PathBuf>,
    /// Links to dependencies' docs and to sources, the header and the command of the files.
    pub render: RenderOptions,
}

/// The first line of each file documenting `ws`'s packages, for the kind of output
/// (`witlint docs --out`, `witlint docs --single`).
pub fn header(ws: &Workspace, kind: &str) -> String {
    let packages: Vec<String> = ws
        .roots
        .iter()
        .map(|&p| format!("`{}`", ws.resolve.packages[p].name))
        .collect();
    generated_header(&packages.join(", "), kind)
}

/// The doc model of every package of the input (and of `deps/` with `inline_deps`): what
/// `--format json` prints.
pub fn doc_model(ws: &Workspace, inline_deps: bool) -> DocModel {
    model::build(ws, inline_deps)
}

/// The mdBook tree: a page per package, interface and world, with paths relative to the
/// output folder (SUMMARY.md aside: see [`super::book::summary`]).
pub fn book_pages(ws: &Workspace, options: &DocsOptions) -> Result<Vec<Page>, Error> {
    let model = model::build(ws, options.inline_deps);
    let templates =
        Templates::compile(options.templates.as_deref()).map_err(|e| Error::template(&e))?;
    pages::pages(ws, &model, &options.render, &templates).map_err(|e| Error::template(&e))
}

/// Where `witlint docs --out` puts each item of the input's packages, for links from
/// elsewhere (`witlint diff --format markdown`).
pub struct BookLinks(super::layout::Layout);

impl BookLinks {
    /// `wasi-clocks/monotonic-clock.md#now`, relative to the book's folder; a member
    /// without a heading of its own (a field) links to its container's.
    pub fn href(&self, item: &ItemPath) -> Option<String> {
        let place = self.0.find(item)?;
        Some(match &place.anchor {
            Some(anchor) => format!("{}#{anchor}", place.page),
            None => place.page.to_string(),
        })
    }
}

/// The places of the book [`book_pages`] writes (without `deps/`), without rendering it.
pub fn book_links(ws: &Workspace) -> BookLinks {
    BookLinks(pages::book_layout(&model::build(ws, false)))
}

/// One Markdown file named `file_name`: `world` and every interface it uses, or, without a
/// world, the input's packages.
pub fn single_file(
    ws: &Workspace,
    world: Option<WorldId>,
    file_name: &str,
    options: &DocsOptions,
) -> Result<String, Error> {
    let reach = world.map(|id| model::Reach::of(ws, id));
    // Without dependency URLs, a world's file links only into the packages it reaches:
    // index only those (the others can be half of a workspace).
    if let Some(reach) = &reach
        && options.render.dep_urls.is_empty()
    {
        ws.index_only(&|pkg| reach.packages.contains(&pkg));
    }
    let model = match &reach {
        Some(reach) => model::build_for_world(
            ws,
            reach,
            options.inline_deps,
            options.render.source_url.is_some(),
        ),
        None => model::build(ws, options.inline_deps),
    };
    let world = world.and_then(|id| {
        let path = ws.index().of_world(id)?.path.clone();
        model
            .packages
            .iter()
            .flat_map(|p| &p.worlds)
            .find(|w| w.id == path)
    });
    // Compiling a template costs about as much as rendering a page: only those needed.
    let names = if world.is_some() {
        WORLD_TEMPLATES
    } else {
        PACKAGE_TEMPLATES
    };
    let templates = Templates::compile_only(options.templates.as_deref(), names)
        .map_err(|e| Error::template(&e))?;
    pages::single(ws, &model, world, file_name, &options.render, &templates)
        .map_err(|e| Error::template(&e))
}

/// The world a single file documents: `wanted` (a name or `ns:pkg/name`), or the only world
/// of the input; `None` when the input has no world.
pub fn pick_world(ws: &Workspace, wanted: Option<&str>) -> Result<Option<WorldId>, Error> {
    let worlds: Vec<(WorldId, String, String)> = ws
        .roots
        .iter()
        .flat_map(|&p| {
            let package = &ws.resolve.packages[p];
            package.worlds.iter().map(|(name, &id)| {
                // The world's path as the index names it, without indexing yet.
                let path = ItemPath::container(&package.name, name).to_string();
                (id, name.clone(), path)
            })
        })
        .collect();
    let names = || {
        worlds
            .iter()
            .map(|(_, _, path)| path.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(w) => {
            let found = worlds.iter().find(|(_, name, path)| {
                name == w || path == w || path.split('@').next() == Some(w)
            });
            match found {
                Some((id, _, _)) => Ok(Some(*id)),
                None => Err(Error::usage(
                    format!("no world `{w}` in the input"),
                    format!(
                        "the input defines: {}",
                        if worlds.is_empty() {
                            "no worlds".into()
                        } else {
                            names()
                        }
                    ),
                )),
            }
        }
        None if worlds.len() > 1 => Err(Error::usage(
            "the input defines several worlds; a single file documents one",
            format!("pass --world with one of: {}", names()),
        )),
        None => Ok(worlds.first().map(|(id, _, _)| *id)),
    }
}
