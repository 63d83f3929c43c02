//! Every item of every package in a workspace, flattened with its [`ItemPath`], span,
//! docs and gate, so rules iterate one list instead of re-walking the `Resolve`.

use rustc_hash::FxHashMap;

use serde::Serialize;
use wit_bindgen_core::wit_parser::{
    Function, FunctionKind, InterfaceId, PackageId, Resolve, Span, Stability, TypeDefKind, TypeId,
    TypeOwner, WorldId, WorldItem, WorldKey,
};

use super::item::ItemPath;
use super::sources::Sources;
use super::written::{Direction, WorldStatement, WrittenWorlds};

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
    /// The items of the packages `keep` accepts.
    pub fn build(
        resolve: &Resolve,
        sources: &Sources,
        written: &WrittenWorlds,
        keep: &dyn Fn(PackageId) -> bool,
    ) -> Index {
        let mut b = Builder {
            resolve,
            sources,
            written,
            index: Index::default(),
        };
        for (pkg_id, pkg) in resolve.packages.iter().filter(|&(id, _)| keep(id)) {
            let pkg_item = b.push(Item {
                path: ItemPath::package(&pkg.name),
                kind: ItemKind::Package,
                package: pkg_id,
                span: Span::default(),
                docs: pkg.docs.contents.clone(),
                stability: None,
                parent: None,
                target: Target::Package(pkg_id),
                is_use: false,
                implied: false,
            });
            b.index.by_package.insert(pkg_id, pkg_item);
            for (name, &iface) in &pkg.interfaces {
                b.interface(
                    iface,
                    ItemPath::container(&pkg.name, name),
                    pkg_id,
                    pkg_item,
                );
            }
            for (name, &world) in &pkg.worlds {
                b.world(
                    world,
                    ItemPath::container(&pkg.name, name),
                    pkg_id,
                    pkg_item,
                );
            }
        }
        let mut index = b.index;
        index.gated = index
            .items
            .iter()
            .filter(|i| !i.implied && !i.gate().is_unknown())
            .map(|i| i.package)
            .collect();
        index
    }

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

struct Builder<'a> {
    resolve: &'a Resolve,
    sources: &'a Sources,
    written: &'a WrittenWorlds,
    index: Index,
}

impl Builder<'_> {
    fn push(&mut self, item: Item) -> usize {
        self.index.items.push(item);
        self.index.items.len() - 1
    }

    fn interface(
        &mut self,
        id: InterfaceId,
        path: ItemPath,
        package: PackageId,
        parent: usize,
    ) -> usize {
        let iface = &self.resolve.interfaces[id];
        let idx = self.push(Item {
            path: path.clone(),
            kind: ItemKind::Interface,
            package,
            span: iface.span,
            docs: iface.docs.contents.clone(),
            stability: Some(Box::new(iface.stability.clone())),
            parent: Some(parent),
            target: Target::Interface(id),
            is_use: false,
            implied: false,
        });
        self.index.by_interface.insert(id, idx);
        self.members(
            &iface.types,
            &iface.functions,
            FuncOwner::Interface(id),
            &path,
            package,
            idx,
        );
        idx
    }

    fn members(
        &mut self,
        types: &wit_bindgen_core::wit_parser::IndexMap<String, TypeId>,
        functions: &wit_bindgen_core::wit_parser::IndexMap<String, Function>,
        owner: FuncOwner,
        path: &ItemPath,
        package: PackageId,
        parent: usize,
    ) {
        for (name, &ty) in types {
            self.ty(ty, path.member(name), package, parent, false);
        }
        for (position, (key, func)) in functions.iter().enumerate() {
            self.function(func, (owner, position), key, path, package, parent, false);
        }
    }

    fn ty(
        &mut self,
        id: TypeId,
        path: ItemPath,
        package: PackageId,
        parent: usize,
        implied: bool,
    ) -> usize {
        let def = &self.resolve.types[id];
        let is_use = match def.kind {
            TypeDefKind::Type(wit_bindgen_core::wit_parser::Type::Id(other)) => {
                self.resolve.types[other].owner != def.owner
                    && self.resolve.types[other].owner != TypeOwner::None
            }
            _ => false,
        };
        let kind = if matches!(def.kind, TypeDefKind::Resource) {
            ItemKind::Resource
        } else {
            ItemKind::Type
        };
        let idx = self.push(Item {
            path: path.clone(),
            kind,
            package,
            span: def.span,
            docs: def.docs.contents.clone(),
            stability: Some(Box::new(def.stability.clone())),
            parent: Some(parent),
            target: Target::Type(id),
            is_use,
            implied,
        });
        self.index.by_type.insert(id, idx);
        let members: Vec<(ItemKind, &str, Option<String>, Span)> = match &def.kind {
            TypeDefKind::Record(r) => r
                .fields
                .iter()
                .map(|f| {
                    (
                        ItemKind::Field,
                        f.name.as_str(),
                        f.docs.contents.clone(),
                        f.span,
                    )
                })
                .collect(),
            TypeDefKind::Variant(v) => v
                .cases
                .iter()
                .map(|c| {
                    (
                        ItemKind::Case,
                        c.name.as_str(),
                        c.docs.contents.clone(),
                        c.span,
                    )
                })
                .collect(),
            TypeDefKind::Enum(e) => e
                .cases
                .iter()
                .map(|c| {
                    (
                        ItemKind::Case,
                        c.name.as_str(),
                        c.docs.contents.clone(),
                        c.span,
                    )
                })
                .collect(),
            TypeDefKind::Flags(f) => f
                .flags
                .iter()
                .map(|c| {
                    (
                        ItemKind::Flag,
                        c.name.as_str(),
                        c.docs.contents.clone(),
                        c.span,
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        for (index, (kind, name, docs, span)) in members.into_iter().enumerate() {
            self.push(Item {
                path: path.member(name),
                kind,
                package,
                span,
                docs,
                stability: None,
                parent: Some(idx),
                target: Target::Member { ty: id, index },
                is_use: false,
                implied,
            });
        }
        idx
    }

    #[allow(clippy::too_many_arguments, reason = "one call site per owner kind")]
    fn function(
        &mut self,
        func: &Function,
        (owner, position): (FuncOwner, usize),
        key: &str,
        container: &ItemPath,
        package: PackageId,
        parent: usize,
        implied: bool,
    ) -> usize {
        let (kind, parent, path) = match func.kind.resource() {
            Some(res) => {
                let res_idx = self.index.by_type.get(&res).copied().unwrap_or(parent);
                let res_path = self.index.items[res_idx].path.clone();
                let kind = match func.kind {
                    FunctionKind::Constructor(_) => ItemKind::Constructor,
                    FunctionKind::Static(_) | FunctionKind::AsyncStatic(_) => ItemKind::Static,
                    _ => ItemKind::Method,
                };
                (kind, res_idx, res_path.member(member_name(func)))
            }
            None => {
                let path = match owner {
                    FuncOwner::World { export, .. } => {
                        container.world_function(export, func.item_name())
                    }
                    FuncOwner::Interface(_) => container.member(func.item_name()),
                };
                (ItemKind::Function, parent, path)
            }
        };
        let idx = self.push(Item {
            path: path.clone(),
            kind,
            package,
            span: func.span,
            docs: func.docs.contents.clone(),
            stability: Some(Box::new(func.stability.clone())),
            parent: Some(parent),
            target: Target::Function {
                owner,
                key: key.to_string(),
                position,
            },
            is_use: false,
            implied,
        });
        let is_method = matches!(
            func.kind,
            FunctionKind::Method(_)
                | FunctionKind::AsyncMethod(_)
                | FunctionKind::MethodGetter(_)
                | FunctionKind::MethodSetter(_)
        );
        for (index, param) in func.params.iter().enumerate() {
            if is_method && index == 0 {
                continue; // the implicit `self`
            }
            self.push(Item {
                path: path.param(&param.name),
                kind: ItemKind::Param,
                package,
                span: param.span,
                docs: None,
                stability: None,
                parent: Some(idx),
                target: Target::Param { func: idx, index },
                is_use: false,
                implied,
            });
        }
        idx
    }

    fn world(&mut self, id: WorldId, path: ItemPath, package: PackageId, parent: usize) {
        let world = &self.resolve.worlds[id];
        let idx = self.push(Item {
            path: path.clone(),
            kind: ItemKind::World,
            package,
            span: world.span,
            docs: world.docs.contents.clone(),
            stability: Some(Box::new(world.stability.clone())),
            parent: Some(parent),
            target: Target::World(id),
            is_use: false,
            implied: false,
        });
        self.index.by_world.insert(id, idx);
        let body = self.body_of(world.span);
        let pkg_name = &self.resolve.packages[package].name;
        let statements = self.written.of(pkg_name, &world.name);
        // A world may import thousands of interfaces: look its statements up by name.
        let by_name: FxHashMap<(Direction, &str), &WorldStatement> = statements
            .unwrap_or_default()
            .iter()
            .rev() // the first statement of a name wins, as a search would find it
            .map(|s| ((s.direction, s.name.as_str()), s))
            .collect();
        for (export, items) in [(false, &world.imports), (true, &world.exports)] {
            let direction = if export {
                Direction::Export
            } else {
                Direction::Import
            };
            for (position, (key, item)) in items.iter().enumerate() {
                let key_name = match key {
                    WorldKey::Name(n) => std::borrow::Cow::Borrowed(n.as_str()),
                    WorldKey::Interface(_) => self.resolve.name_world_key(key).into(),
                };
                match item {
                    WorldItem::Interface {
                        id: iface,
                        stability,
                        docs,
                        span,
                        ..
                    } => {
                        // Elaboration drops the spans of imports: the statement as written
                        // says where it is, and whether it is written at all.
                        let written = by_name.get(&(direction, &*key_name)).copied();
                        let (span, implied) = match (written, statements) {
                            (Some(s), _) => (s.span(world.span), false),
                            (None, Some(_)) => (*span, true),
                            (None, None) => (*span, !self.within(*span, &body)),
                        };
                        // As written: an include may bring in the same interface with
                        // another gate, and the resolve keeps one of the two.
                        let stability = written.map_or(stability, |s| &s.stability);
                        let item_path = match key {
                            WorldKey::Name(n) => {
                                path.member(&[direction.keyword(), ".", n].concat())
                            }
                            WorldKey::Interface(_) => ItemPath::from(
                                [path.as_str(), "#", direction.keyword(), "(", &key_name, ")"]
                                    .concat(),
                            ),
                        };
                        let item_idx = self.push(Item {
                            path: item_path.clone(),
                            kind: if export {
                                ItemKind::Export
                            } else {
                                ItemKind::Import
                            },
                            package,
                            span,
                            docs: docs.contents.clone(),
                            stability: Some(Box::new(stability.clone())),
                            parent: Some(idx),
                            target: Target::WorldItem {
                                world: id,
                                export,
                                key: key.clone(),
                            },
                            is_use: false,
                            implied,
                        });
                        // An inline `import name: interface { .. }` is named by its world item.
                        let inline = &self.resolve.interfaces[*iface];
                        if inline.name.is_none() && !implied {
                            self.index.by_interface.insert(*iface, item_idx);
                            self.members(
                                &inline.types,
                                &inline.functions,
                                FuncOwner::Interface(*iface),
                                &item_path,
                                package,
                                item_idx,
                            );
                        }
                    }
                    WorldItem::Function(func) => {
                        let implied = !self.within(func.span, &body);
                        self.function(
                            func,
                            (FuncOwner::World { world: id, export }, position),
                            &key_name,
                            &path,
                            package,
                            idx,
                            implied,
                        );
                    }
                    WorldItem::Type { id: ty, span } => {
                        let implied = !self.within(*span, &body);
                        if !self.index.by_type.contains_key(ty) {
                            self.ty(*ty, path.member(&key_name), package, idx, implied);
                        }
                    }
                }
            }
        }
        for s in statements
            .unwrap_or_default()
            .iter()
            .filter(|s| s.direction == Direction::Include)
        {
            self.push(Item {
                path: ItemPath::from([path.as_str(), "#include(", &s.name, ")"].concat()),
                kind: ItemKind::Include,
                package,
                span: s.span(world.span),
                docs: None,
                stability: Some(Box::new(s.stability.clone())),
                parent: Some(idx),
                target: Target::Include {
                    world: id,
                    included: s.name.clone(),
                },
                is_use: false,
                implied: false,
            });
        }
    }

    /// The byte range of the `{ .. }` body after a declaration name, in that name's file.
    fn body_of(&self, name: Span) -> Option<(String, std::ops::Range<usize>)> {
        let loc = self.resolve.source_map.resolve_span(name)?;
        let file = self.sources.get(loc.path)?;
        let block = file.trivia().block_after(loc.range.start)?;
        Some((loc.path.to_string(), block))
    }

    fn within(&self, span: Span, body: &Option<(String, std::ops::Range<usize>)>) -> bool {
        let Some((file, range)) = body else {
            // No source (a decoded .wasm package): every item counts as written.
            return true;
        };
        match self.resolve.source_map.resolve_span(span) {
            Some(loc) => loc.path == file && range.contains(&loc.range.start),
            None => false,
        }
    }
}
