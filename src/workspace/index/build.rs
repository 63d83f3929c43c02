//! Building the [`Index`]: one walk over the packages of a resolve, each item pushed with
//! its container, and the world statements as written.

use rustc_hash::FxHashMap;
use wit_bindgen_core::wit_parser::{
    Docs, Function, FunctionKind, InterfaceId, PackageId, Resolve, Span, TypeDefKind, TypeId,
    TypeOwner, WorldId, WorldItem, WorldKey,
};

use super::{FuncOwner, Index, Item, ItemKind, Target, member_name};
use crate::workspace::item::ItemPath;
use crate::workspace::sources::Sources;
use crate::workspace::written::{Direction, WorldStatement, WrittenWorlds};

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
                .map(|f| member(ItemKind::Field, &f.name, &f.docs, f.span))
                .collect(),
            TypeDefKind::Variant(v) => v
                .cases
                .iter()
                .map(|c| member(ItemKind::Case, &c.name, &c.docs, c.span))
                .collect(),
            TypeDefKind::Enum(e) => e
                .cases
                .iter()
                .map(|c| member(ItemKind::Case, &c.name, &c.docs, c.span))
                .collect(),
            TypeDefKind::Flags(f) => f
                .flags
                .iter()
                .map(|c| member(ItemKind::Flag, &c.name, &c.docs, c.span))
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

/// A field, case or flag as the index takes it: kind, name, docs and span.
fn member<'a>(
    kind: ItemKind,
    name: &'a str,
    docs: &Docs,
    span: Span,
) -> (ItemKind, &'a str, Option<String>, Span) {
    (kind, name, docs.contents.clone(), span)
}
