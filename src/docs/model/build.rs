//! Building the [`DocModel`] from a [`Workspace`]: one walk over the packages, with
//! signatures printed as tokens whose references carry the definition's [`ItemPath`].

use rayon::prelude::*;
use wit_bindgen_core::wit_parser::{
    Function, FunctionKind, Interface as WitInterface, InterfaceId, PackageId, Resolve, Span, Type,
    TypeDefKind, TypeId, TypeOwner, World as WitWorld, WorldId, WorldItem, WorldKey,
};

use super::{
    DocModel, ErrorCase, Errors, Func, FuncKind, Gate, Include, Interface, Member, Package, Param,
    SCHEMA_VERSION, Source, Token, TypeDef, TypeKind, Use, World, WorldEntry,
};

use crate::workspace::index::member_name;
use crate::workspace::signature::{Out, Printer};
use crate::workspace::{FuncOwner, ItemPath, Target, Workspace};

/// Builds the model: the input's packages, and the dependency packages too when `with_deps`.
pub fn build(ws: &Workspace, with_deps: bool) -> DocModel {
    build_filtered(ws, &|id| with_deps || ws.roots.contains(&id), None, true)
}

/// The packages `keep` accepts; of dependency packages, with `dependency_interfaces`, only
/// the interfaces it accepts and no worlds.
pub(super) fn build_filtered(
    ws: &Workspace,
    keep: &dyn Fn(PackageId) -> bool,
    dependency_interfaces: Option<&(dyn Fn(InterfaceId) -> bool + Sync)>,
    with_sources: bool,
) -> DocModel {
    let b = Builder {
        ws,
        dependency_interfaces,
        with_sources,
        implied: ws
            .index()
            .items
            .iter()
            .filter(|i| i.implied)
            .filter_map(|i| match &i.target {
                Target::WorldItem { world, export, key } => Some((*world, *export, key.clone())),
                Target::Function {
                    owner: FuncOwner::World { world, export },
                    key,
                    ..
                } => Some((*world, *export, WorldKey::Name(key.clone()))),
                _ => None,
            })
            .collect(),
    };
    let mut packages: Vec<Package> = ws
        .resolve
        .packages
        .iter()
        .filter(|&(id, _)| keep(id))
        .map(|(id, _)| {
            let dependency = !ws.roots.contains(&id);
            // Interfaces are independent: built on all cores, in order.
            let shown: Vec<InterfaceId> = b.shown_interfaces(id, dependency).collect();
            let interfaces = shown
                .into_par_iter()
                .map(|i| b.interface(i, None))
                .collect();
            b.package(id, dependency, interfaces)
        })
        .collect();
    // Roots first, then dependencies by name: stable whatever order deps/ resolved in.
    packages.sort_by(|a, b| {
        (a.dependency, &a.name, &a.version).cmp(&(b.dependency, &b.name, &b.version))
    });
    DocModel {
        schema: SCHEMA_VERSION,
        packages,
    }
}

struct Builder<'a> {
    ws: &'a Workspace,
    /// Which interfaces of a dependency package to show, when not all.
    dependency_interfaces: Option<&'a (dyn Fn(InterfaceId) -> bool + Sync)>,
    /// Whether items get their [`Source`].
    with_sources: bool,
    /// World items an `include` brought in: (world, export, key).
    implied: std::collections::HashSet<(WorldId, bool, WorldKey)>,
}

/// Printed WIT as tokens: text, and references to named types.
struct TokenOut<'b> {
    builder: &'b Builder<'b>,
    tokens: Vec<Token>,
}

impl Out for TokenOut<'_> {
    fn text(&mut self, text: &str) {
        match self.tokens.last_mut() {
            Some(Token::Text(prev)) => prev.push_str(text),
            _ => self.tokens.push(Token::Text(text.to_string())),
        }
    }

    fn named(&mut self, resolve: &Resolve, id: TypeId) {
        self.tokens.push(Token::Ref {
            name: resolve.types[id].name.clone().unwrap_or_default(),
            target: self.builder.definition_path(id),
        });
    }
}

impl Builder<'_> {
    fn resolve(&self) -> &Resolve {
        &self.ws.resolve
    }

    /// The interfaces of a package its docs show, in the package's order.
    fn shown_interfaces(
        &self,
        id: PackageId,
        dependency: bool,
    ) -> impl Iterator<Item = InterfaceId> + '_ {
        let only = self.dependency_interfaces.filter(|_| dependency);
        self.resolve().packages[id]
            .interfaces
            .values()
            .copied()
            .filter(move |&i| only.is_none_or(|shown| shown(i)))
    }

    fn package(&self, id: PackageId, dependency: bool, interfaces: Vec<Interface>) -> Package {
        let pkg = &self.resolve().packages[id];
        let only = self.dependency_interfaces.filter(|_| dependency);
        Package {
            id: ItemPath::package(&pkg.name),
            name: format!("{}:{}", pkg.name.namespace, pkg.name.name),
            version: pkg.name.version.as_ref().map(|v| v.to_string()),
            docs: docs(&pkg.docs.contents),
            dependency,
            interfaces,
            worlds: match only {
                Some(_) => Vec::new(),
                None => pkg.worlds.values().map(|&w| self.world(w)).collect(),
            },
        }
    }

    fn source(&self, span: Span) -> Option<Source> {
        if !self.with_sources {
            return None;
        }
        let loc = self.ws.locate(span)?;
        let path = std::path::Path::new(&*loc.file);
        let rel = path.strip_prefix(&self.ws.dir).unwrap_or(path);
        Some(Source {
            path: rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            line: loc.line,
        })
    }

    /// The path of an interface: its own, or for an inline one, that of its world item.
    fn interface_path(&self, id: InterfaceId) -> ItemPath {
        match self.ws.index().of_interface(id) {
            Some(item) => item.path.clone(),
            None => {
                let iface = &self.resolve().interfaces[id];
                ItemPath::from(iface.name.clone().unwrap_or_else(|| "<inline>".into()))
            }
        }
    }

    fn interface(&self, id: InterfaceId, name: Option<&str>) -> Interface {
        let iface: &WitInterface = &self.resolve().interfaces[id];
        let path = self.interface_path(id);
        let mut uses = Vec::new();
        let mut types = Vec::new();
        for (tname, &ty) in &iface.types {
            match self.used_from(ty) {
                Some(target) => uses.push(Use {
                    name: tname.clone(),
                    target,
                }),
                None => types.push(self.typedef(ty, path.member(tname), &iface.functions)),
            }
        }
        Interface {
            id: path.clone(),
            name: name
                .map(str::to_string)
                .or_else(|| iface.name.clone())
                .unwrap_or_default(),
            docs: docs(&iface.docs.contents),
            gate: Gate::of(&iface.stability),
            source: self.source(iface.span),
            uses,
            types,
            functions: iface
                .functions
                .values()
                .filter(|f| f.kind.resource().is_none())
                .map(|f| self.func(f, &path))
                .collect(),
        }
    }

    /// Where a type brought in with `use` is defined.
    fn used_from(&self, id: TypeId) -> Option<ItemPath> {
        let item = self.ws.index().of_type(id)?;
        if !item.is_use {
            return None;
        }
        Some(self.definition_path(id))
    }

    /// The path of the definition behind a type, following `use`s.
    pub(crate) fn definition_path(&self, mut id: TypeId) -> ItemPath {
        for _ in 0..64 {
            let def = &self.resolve().types[id];
            match (&def.kind, self.ws.index().of_type(id)) {
                (TypeDefKind::Type(Type::Id(next)), Some(item)) if item.is_use => id = *next,
                _ => break,
            }
        }
        self.type_path(id)
    }

    fn type_path(&self, id: TypeId) -> ItemPath {
        match self.ws.index().of_type(id) {
            Some(item) => item.path.clone(),
            None => {
                let def = &self.resolve().types[id];
                let owner = match def.owner {
                    TypeOwner::Interface(i) => self.interface_path(i),
                    TypeOwner::World(w) => self
                        .ws
                        .index()
                        .of_world(w)
                        .map(|i| i.path.clone())
                        .unwrap_or_else(|| ItemPath::from(String::new())),
                    TypeOwner::None => ItemPath::from(String::new()),
                };
                owner.member(def.name.as_deref().unwrap_or("_"))
            }
        }
    }

    /// WIT syntax printed by `print`, with named types as references.
    fn tokens(&self, print: impl FnOnce(&Printer, &mut TokenOut)) -> Vec<Token> {
        let mut out = TokenOut {
            builder: self,
            tokens: Vec::new(),
        };
        print(
            &Printer {
                resolve: self.resolve(),
            },
            &mut out,
        );
        out.tokens
    }

    fn typedef(
        &self,
        id: TypeId,
        path: ItemPath,
        functions: &wit_bindgen_core::wit_parser::IndexMap<String, Function>,
    ) -> TypeDef {
        let def = &self.resolve().types[id];
        let member = |name: &str, ty: Option<&Type>, docs_: &Option<String>| Member {
            id: path.member(name),
            name: name.to_string(),
            ty: ty.map(|t| self.tokens(|p, out| p.ty(out, t))),
            docs: docs(docs_),
        };
        let (kind, members) = match &def.kind {
            TypeDefKind::Record(r) => (
                TypeKind::Record,
                r.fields
                    .iter()
                    .map(|f| member(&f.name, Some(&f.ty), &f.docs.contents))
                    .collect(),
            ),
            TypeDefKind::Variant(v) => (
                TypeKind::Variant,
                v.cases
                    .iter()
                    .map(|c| member(&c.name, c.ty.as_ref(), &c.docs.contents))
                    .collect(),
            ),
            TypeDefKind::Enum(e) => (
                TypeKind::Enum,
                e.cases
                    .iter()
                    .map(|c| member(&c.name, None, &c.docs.contents))
                    .collect(),
            ),
            TypeDefKind::Flags(f) => (
                TypeKind::Flags,
                f.flags
                    .iter()
                    .map(|c| member(&c.name, None, &c.docs.contents))
                    .collect(),
            ),
            TypeDefKind::Resource => (TypeKind::Resource, Vec::new()),
            TypeDefKind::Handle(_) => (TypeKind::Handle, Vec::new()),
            TypeDefKind::Tuple(_) => (TypeKind::Tuple, Vec::new()),
            TypeDefKind::Option(_) => (TypeKind::Option, Vec::new()),
            TypeDefKind::Result(_) => (TypeKind::Result, Vec::new()),
            TypeDefKind::List(_) => (TypeKind::List, Vec::new()),
            TypeDefKind::FixedLengthList(..) => (TypeKind::FixedSizeList, Vec::new()),
            TypeDefKind::Map(..) => (TypeKind::Map, Vec::new()),
            TypeDefKind::Future(_) => (TypeKind::Future, Vec::new()),
            TypeDefKind::Stream(_) => (TypeKind::Stream, Vec::new()),
            TypeDefKind::Type(_) | TypeDefKind::Unknown => (TypeKind::Alias, Vec::new()),
        };
        let definition = match &def.kind {
            TypeDefKind::Record(_)
            | TypeDefKind::Variant(_)
            | TypeDefKind::Enum(_)
            | TypeDefKind::Flags(_)
            | TypeDefKind::Resource => Vec::new(),
            TypeDefKind::Type(t) => self.tokens(|p, out| p.ty(out, t)),
            // The structure, not the name this definition gives it.
            kind => self.tokens(|p, out| p.anonymous(out, kind)),
        };
        let (mut constructor, mut methods, mut statics) = (None, Vec::new(), Vec::new());
        if kind == TypeKind::Resource {
            for f in functions.values().filter(|f| f.kind.resource() == Some(id)) {
                let func = self.func(f, &path);
                match func.kind {
                    FuncKind::Constructor => constructor = Some(func),
                    FuncKind::Static => statics.push(func),
                    _ => methods.push(func),
                }
            }
        }
        TypeDef {
            id: path.clone(),
            name: def.name.clone().unwrap_or_default(),
            kind,
            docs: docs(&def.docs.contents),
            gate: Gate::of(&def.stability),
            source: self.source(def.span),
            definition,
            members,
            constructor,
            methods,
            statics,
        }
    }

    /// A function; `container` is its interface or world, or its resource for resource functions.
    fn func(&self, f: &Function, container: &ItemPath) -> Func {
        let kind = match f.kind {
            FunctionKind::Freestanding | FunctionKind::AsyncFreestanding => FuncKind::Function,
            FunctionKind::Constructor(_) => FuncKind::Constructor,
            FunctionKind::Static(_) | FunctionKind::AsyncStatic(_) => FuncKind::Static,
            _ => FuncKind::Method,
        };
        let name = member_name(f).to_string();
        let id = match f.kind.resource() {
            Some(res) => self.type_path(res).member(&name),
            None => container.member(&name),
        };
        let is_async = matches!(
            f.kind,
            FunctionKind::AsyncFreestanding
                | FunctionKind::AsyncMethod(_)
                | FunctionKind::AsyncStatic(_)
        );
        let skip_self = matches!(kind, FuncKind::Method);
        let params = f
            .params
            .iter()
            .enumerate()
            .filter(|(i, p)| !(skip_self && *i == 0 && p.name == "self"))
            .map(|(_, p)| Param {
                name: p.name.clone(),
                ty: self.tokens(|pr, out| pr.ty(out, &p.ty)),
            })
            .collect();
        let mut signature = if kind == FuncKind::Constructor {
            Vec::new()
        } else {
            vec![Token::Text([name.as_str(), ": "].concat())]
        };
        signature.extend(self.tokens(|p, out| p.func(out, f)));
        let result = match kind {
            FuncKind::Constructor => None,
            _ => f
                .result
                .as_ref()
                .map(|t| self.tokens(|p, out| p.ty(out, t))),
        };
        Func {
            id,
            name,
            kind,
            is_async,
            docs: docs(&f.docs.contents),
            gate: Gate::of(&f.stability),
            source: self.source(f.span),
            signature: merge_text(signature),
            params,
            result,
            errors: self.errors(f),
        }
    }

    /// The error type of a function returning `result<_, E>`, and E's cases.
    fn errors(&self, f: &Function) -> Option<Errors> {
        let Some(Type::Id(id)) = f.result else {
            return None;
        };
        let TypeDefKind::Result(r) = &self.resolve().types[id].kind else {
            return None;
        };
        let err = r.err.as_ref()?;
        let ty = self.tokens(|p, out| p.ty(out, err));
        let mut cases = Vec::new();
        if let Type::Id(mut eid) = *err {
            // Look through aliases and `use`s to the variant or enum itself.
            for _ in 0..64 {
                match &self.resolve().types[eid].kind {
                    TypeDefKind::Type(Type::Id(next)) => eid = *next,
                    _ => break,
                }
            }
            let path = self.type_path(eid);
            let def = &self.resolve().types[eid];
            let case = |name: &str, d: &Option<String>| ErrorCase {
                name: name.to_string(),
                target: path.member(name),
                docs: docs(d),
            };
            match &def.kind {
                TypeDefKind::Variant(v) => {
                    cases = v
                        .cases
                        .iter()
                        .map(|c| case(&c.name, &c.docs.contents))
                        .collect()
                }
                TypeDefKind::Enum(e) => {
                    cases = e
                        .cases
                        .iter()
                        .map(|c| case(&c.name, &c.docs.contents))
                        .collect()
                }
                _ => {}
            }
        }
        Some(Errors { ty, cases })
    }

    fn world(&self, id: WorldId) -> World {
        let world: &WitWorld = &self.resolve().worlds[id];
        let path = self
            .ws
            .index()
            .of_world(id)
            .map(|i| i.path.clone())
            .unwrap_or_else(|| ItemPath::from(world.name.clone()));
        let entries = |items: &wit_bindgen_core::wit_parser::IndexMap<WorldKey, WorldItem>,
                       export: bool| {
            items
                .iter()
                .map(|(key, item)| self.world_entry(id, &path, key, item, export))
                .collect()
        };
        World {
            id: path.clone(),
            name: world.name.clone(),
            docs: docs(&world.docs.contents),
            gate: Gate::of(&world.stability),
            source: self.source(world.span),
            // wit-parser consumes `include`s while elaborating a world; the index keeps
            // them as the parse saw them.
            includes: self.includes(id),
            imports: entries(&world.imports, false),
            exports: entries(&world.exports, true),
        }
    }

    fn includes(&self, world: WorldId) -> Vec<Include> {
        let index = self.ws.index();
        index
            .items
            .iter()
            .filter_map(|i| match &i.target {
                Target::Include { world: w, included } if *w == world => Some(Include {
                    world: ItemPath::from(included.clone()),
                    gate: Gate::of(i.gate()),
                }),
                _ => None,
            })
            .collect()
    }

    fn world_entry(
        &self,
        world: WorldId,
        path: &ItemPath,
        key: &WorldKey,
        item: &WorldItem,
        export: bool,
    ) -> WorldEntry {
        let name = self.resolve().name_world_key(key);
        // An item the index saw outside the world's braces came from an `include`.
        let included = self.implied.contains(&(world, export, key.clone()));
        match item {
            WorldItem::Interface {
                id,
                stability,
                docs: d,
                ..
            } => {
                let iface = &self.resolve().interfaces[*id];
                let inline = iface
                    .name
                    .is_none()
                    .then(|| Box::new(self.interface(*id, Some(&name))));
                WorldEntry::Interface {
                    target: self.interface_path(*id),
                    name,
                    docs: docs(&d.contents),
                    gate: Gate::of(stability),
                    included,
                    inline,
                }
            }
            WorldItem::Function(f) => {
                let mut func = self.func(f, path);
                if f.kind.resource().is_none() {
                    func.id = path.world_function(export, &func.name);
                }
                WorldEntry::Function {
                    func: Box::new(func),
                    included,
                }
            }
            WorldItem::Type { id, .. } => WorldEntry::Type {
                ty: Box::new(self.typedef(*id, path.member(&name), &Default::default())),
                included: self.ws.index().of_type(*id).is_some_and(|i| i.implied),
            },
        }
    }
}

/// Docs as written, without the trailing newline wit-parser keeps.
fn docs(contents: &Option<String>) -> String {
    contents
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('\n')
        .to_string()
}

/// Joins adjacent text tokens.
fn merge_text(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        match (out.last_mut(), t) {
            (Some(Token::Text(prev)), Token::Text(next)) => prev.push_str(&next),
            (_, t) => out.push(t),
        }
    }
    out
}
