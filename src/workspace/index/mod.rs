//! Every item of every package in a workspace, flattened with its [`ItemPath`], span,
//! docs and gate, so rules iterate one list instead of re-walking the `Resolve`.

mod build;

use rustc_hash::FxHashMap;

use serde::Serialize;
use wit_bindgen_core::wit_parser::{
    Function, FunctionKind, InterfaceId, PackageId, Span, Stability, TypeId, WorldId, WorldKey,
};

use super::item::ItemPath;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Package,
    Interface,
    World,
    Type,
    Resource,
    Function,
    Method,
    /// A `static func` of a resource.
    Static,
    Constructor,
    Field,
    Case,
    Flag,
    Param,
    Import,
    Export,
    /// An `include` of another world: dropped by the resolve, kept here from the source.
    Include,
}

/// A function's name inside its resource (`get`, `constructor`), or its own name.
pub fn member_name(func: &Function) -> &str {
    match func.kind {
        FunctionKind::Constructor(_) => "constructor",
        _ => func.item_name(),
    }
}

impl ItemKind {
    /// How the item is named in messages.
    pub fn noun(self) -> &'static str {
        match self {
            ItemKind::Package => "package",
            ItemKind::Interface => "interface",
            ItemKind::World => "world",
            ItemKind::Type => "type",
            ItemKind::Resource => "resource",
            ItemKind::Function => "function",
            ItemKind::Method => "method",
            ItemKind::Static => "static function",
            ItemKind::Constructor => "constructor",
            ItemKind::Field => "field",
            ItemKind::Case => "case",
            ItemKind::Flag => "flag",
            ItemKind::Param => "parameter",
            ItemKind::Import => "import",
            ItemKind::Export => "export",
            ItemKind::Include => "include",
        }
    }

    /// Whether WIT lets this kind of item carry `@since`/`@unstable`.
    pub fn can_be_gated(self) -> bool {
        !matches!(
            self,
            ItemKind::Package | ItemKind::Field | ItemKind::Case | ItemKind::Flag | ItemKind::Param
        )
    }
}

/// An interface or world of the package `path` is in, by its own name (`i` for
/// `a:b/i@0.1.0` in `a:b@0.1.0`), as WIT writes it there; others by their full name.
fn local_name<'a>(path: &str, full: &'a str) -> &'a str {
    let container = path.split('#').next().unwrap_or(path);
    let (pkg, version) = match container.split_once('@') {
        Some((pkg_and_item, version)) => (pkg_and_item, Some(version)),
        None => (container, None),
    };
    let own = pkg.split('/').next().unwrap_or(pkg);
    let Some(rest) = full.strip_prefix(own).and_then(|r| r.strip_prefix('/')) else {
        return full;
    };
    match (rest.split_once('@'), version) {
        (Some((name, v)), Some(version)) if v == version => name,
        (None, None) => rest,
        _ => full,
    }
}

/// Where a function lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncOwner {
    Interface(InterfaceId),
    World { world: WorldId, export: bool },
}

/// What an item is in the `Resolve`.
#[derive(Clone, Debug)]
pub enum Target {
    Package(PackageId),
    Interface(InterfaceId),
    World(WorldId),
    Type(TypeId),
    Function {
        owner: FuncOwner,
        key: String,
        /// Where the function is in its owner's map (functions of an interface, items of
        /// a world): rules look functions up for every item they visit.
        position: usize,
    },
    /// A field, case or flag: the `index`-th member of type `ty`.
    Member {
        ty: TypeId,
        index: usize,
    },
    /// The `index`-th parameter of the function item `func` (an index into the item list).
    Param {
        func: usize,
        index: usize,
    },
    WorldItem {
        world: WorldId,
        export: bool,
        key: WorldKey,
    },
    /// An `include` of the world `included` (`ns:pkg/world@version`).
    Include {
        world: WorldId,
        included: String,
    },
}

#[derive(Clone, Debug)]
pub struct Item {
    pub path: ItemPath,
    pub kind: ItemKind,
    pub package: PackageId,
    pub span: Span,
    pub docs: Option<String>,
    /// `None` for kinds that cannot be gated.
    /// Boxed: most items (parameters, fields, cases) have none, and the index holds
    /// hundreds of thousands of items in a large package.
    pub stability: Option<Box<Stability>>,
    pub parent: Option<usize>,
    pub target: Target,
    /// A type brought in with `use` rather than defined here.
    pub is_use: bool,
    /// A world item that an `include` or wit-parser's elaboration added, not written in this world.
    pub implied: bool,
}

impl Item {
    /// The keyword of a world's statement (`import`, `export`, `include`), for the items
    /// that are one: interface imports and exports, includes and world functions.
    fn statement_keyword(&self) -> Option<&'static str> {
        match (&self.kind, &self.target) {
            (ItemKind::Import, _) => Some("import"),
            (ItemKind::Export, _) => Some("export"),
            (ItemKind::Include, _) => Some("include"),
            (
                ItemKind::Function,
                Target::Function {
                    owner: FuncOwner::World { export, .. },
                    ..
                },
            ) => Some(if *export { "export" } else { "import" }),
            _ => None,
        }
    }

    /// For a world's import or export (of an interface or a function): whether it is an
    /// export. `None` for anything else, includes too.
    pub fn world_side(&self) -> Option<bool> {
        match self.statement_keyword()? {
            "import" => Some(false),
            "export" => Some(true),
            _ => None,
        }
    }

    /// The item's name as WIT writes it: `get`, and for a world's statements the whole
    /// statement (`import wasi:io/poll@0.2.0`, `export reversed-upper`, `include imports`).
    pub fn written_name(&self) -> std::borrow::Cow<'_, str> {
        let leaf = self.path.leaf();
        let Some(keyword) = self.statement_keyword() else {
            return leaf.into();
        };
        // `import(wasi:io/poll@0.2.0)` names an interface; `import.name` has the leaf `name`.
        let name = leaf
            .strip_prefix(keyword)
            .and_then(|l| l.strip_prefix('('))
            .and_then(|l| l.strip_suffix(')'))
            .unwrap_or(leaf);
        [keyword, " ", local_name(self.path.as_str(), name)]
            .concat()
            .into()
    }

    /// How messages name the item: ``function `get` ``, and a world's statement as WIT
    /// writes it (`` `import wasi:io/poll@0.2.0` ``).
    pub fn title(&self) -> String {
        match self.statement_keyword() {
            Some(_) => ["`", &self.written_name(), "`"].concat(),
            None => [self.kind.noun(), " `", self.path.leaf(), "`"].concat(),
        }
    }

    pub fn gate(&self) -> &Stability {
        static UNKNOWN: Stability = Stability::Unknown;
        self.stability.as_deref().unwrap_or(&UNKNOWN)
    }
}

/// All items, in package and source order.
#[derive(Default)]
pub struct Index {
    pub items: Vec<Item>,
    by_type: FxHashMap<TypeId, usize>,
    by_interface: FxHashMap<InterfaceId, usize>,
    by_world: FxHashMap<WorldId, usize>,
    by_package: FxHashMap<PackageId, usize>,
    /// Packages that gate an item of their own (not one an include brought in).
    gated: rustc_hash::FxHashSet<PackageId>,
}

impl Index {
    /// Whether a package gates any item of its own.
    pub fn uses_gates(&self, pkg: PackageId) -> bool {
        self.gated.contains(&pkg)
    }

    pub fn get(&self, i: usize) -> &Item {
        &self.items[i]
    }

    pub fn of_type(&self, id: TypeId) -> Option<&Item> {
        self.by_type.get(&id).map(|&i| &self.items[i])
    }

    pub fn of_interface(&self, id: InterfaceId) -> Option<&Item> {
        self.by_interface.get(&id).map(|&i| &self.items[i])
    }

    pub fn of_world(&self, id: WorldId) -> Option<&Item> {
        self.by_world.get(&id).map(|&i| &self.items[i])
    }

    pub fn of_package(&self, id: PackageId) -> Option<&Item> {
        self.by_package.get(&id).map(|&i| &self.items[i])
    }

    /// The chain of containers of an item, innermost first.
    pub fn ancestors(&self, item: &Item) -> impl Iterator<Item = &Item> {
        std::iter::successors(item.parent.map(|p| &self.items[p]), |i| {
            i.parent.map(|p| &self.items[p])
        })
    }
}
