//! A world's statements as written.
//!
//! wit-parser's resolve forgets two things about a world's body: its `include`s (merged into
//! the world, then dropped) and where each interface import or export was written
//! (elaboration rebuilds the imports without spans). Both are read from the parse, before
//! the resolve takes it, so the index can show them as items of their own.

use std::collections::HashMap;

use wit_bindgen_core::wit_parser::{
    AstItem, InterfaceId, PackageName, Span, Stability, UnresolvedPackage, UnresolvedPackageGroup,
    WorldId, WorldItem, WorldKey,
};

/// Which statement of a world.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Import,
    Export,
    Include,
}

impl Direction {
    /// The WIT keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            Direction::Import => "import",
            Direction::Export => "export",
            Direction::Include => "include",
        }
    }
}

/// One `import`/`export` of an interface, or one `include`, in a world's body.
#[derive(Clone, Debug)]
pub struct WorldStatement {
    pub direction: Direction,
    /// For an interface, its world key as `Resolve::name_world_key` spells it (`name` for
    /// `import name: …`, else `ns:pkg/iface@version`); for an include, the world's
    /// `ns:pkg/world@version`.
    pub name: String,
    /// Where the statement's name is, counted from the start of the world's name, which is
    /// in the same file (so it holds in any resolve the world is pushed into).
    pub offset: u32,
    pub len: u32,
    pub stability: Stability,
}

impl WorldStatement {
    /// The statement's name span, given the world's name span in a resolve.
    pub fn span(&self, world: Span) -> Span {
        let start = world.start() + self.offset;
        Span::new(start, start + self.len)
    }
}

/// The statements of every world of some packages, keyed by package and world name.
#[derive(Clone, Debug, Default)]
pub struct WrittenWorlds(HashMap<(PackageName, String), Vec<WorldStatement>>);

impl WrittenWorlds {
    /// Reads the statements of the worlds of a parse.
    pub fn of_parse(group: &UnresolvedPackageGroup) -> WrittenWorlds {
        let mut out = WrittenWorlds::default();
        for pkg in std::iter::once(&group.main).chain(&group.nested) {
            let foreign: Vec<WorldId> = pkg
                .foreign_deps
                .values()
                .flat_map(|items| items.values())
                .filter_map(|(item, _)| match item {
                    AstItem::World(w) => Some(*w),
                    AstItem::Interface(_) => None,
                })
                .collect();
            for (id, world) in pkg.worlds.iter() {
                // Foreign worlds are stubs for the names this package refers to.
                if foreign.contains(&id) || !world.span.is_known() {
                    continue;
                }
                let mut statements = Vec::new();
                let mut push = |direction, name: String, span: Span, stability: &Stability| {
                    if span.is_known() && span.start() >= world.span.start() {
                        statements.push(WorldStatement {
                            direction,
                            name,
                            offset: span.start() - world.span.start(),
                            len: span.end() - span.start(),
                            stability: stability.clone(),
                        });
                    }
                };
                for (direction, items) in [
                    (Direction::Import, &world.imports),
                    (Direction::Export, &world.exports),
                ] {
                    for (key, item) in items {
                        let WorldItem::Interface {
                            id,
                            stability,
                            span,
                            ..
                        } = item
                        else {
                            continue;
                        };
                        let name = match key {
                            WorldKey::Name(name) => name.clone(),
                            WorldKey::Interface(_) => interface_name(pkg, *id),
                        };
                        push(direction, name, *span, stability);
                    }
                }
                for include in &world.includes {
                    push(
                        Direction::Include,
                        world_name(pkg, include.id),
                        include.span,
                        &include.stability,
                    );
                }
                statements.sort_by_key(|s| s.offset);
                out.0
                    .insert((pkg.name.clone(), world.name.clone()), statements);
            }
        }
        out
    }

    pub fn extend(&mut self, other: WrittenWorlds) {
        self.0.extend(other.0);
    }

    /// The statements of a world, in source order; `None` when its source is unknown (a
    /// package decoded from `.wasm`).
    pub fn of(&self, package: &PackageName, world: &str) -> Option<&[WorldStatement]> {
        self.0
            .get(&(package.clone(), world.to_string()))
            .map(Vec::as_slice)
    }
}

/// `ns:pkg/iface@version` of an interface of a parse, local or foreign.
fn interface_name(pkg: &UnresolvedPackage, id: InterfaceId) -> String {
    for (dep, items) in &pkg.foreign_deps {
        for (name, (item, _)) in items {
            if matches!(item, AstItem::Interface(i) if *i == id) {
                return dep.interface_id(name);
            }
        }
    }
    let name = pkg.interfaces[id].name.as_deref().unwrap_or_default();
    pkg.name.interface_id(name)
}

/// `ns:pkg/world@version` of a world of a parse, local or foreign.
fn world_name(pkg: &UnresolvedPackage, id: WorldId) -> String {
    for (dep, items) in &pkg.foreign_deps {
        for (name, (item, _)) in items {
            if matches!(item, AstItem::World(w) if *w == id) {
                return dep.interface_id(name);
            }
        }
    }
    pkg.name.interface_id(&pkg.worlds[id].name)
}
