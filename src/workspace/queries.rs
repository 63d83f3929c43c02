//! The semantic queries an editor asks of a package: what refers to an item, and every
//! place its name is written (declarations, `use`s, signatures, fields, cases, aliases and
//! world statements). Byte ranges in the workspace's files; the language server turns them
//! into its locations.

use wit_bindgen_core::wit_parser::{Type, TypeDefKind, TypeId, WorldItem};

use super::{Item, ItemKind, Location, Target, Workspace};

impl Workspace {
    /// The item a name written at `at` in `file` stands for: the item declared there, or a
    /// type named where it is used (a parameter's or result's type, a field's, a case's,
    /// an alias's), looked up in the interface the use is written in, as wit-parser
    /// resolves it. `None` on keywords, built-in types and names of nothing.
    pub fn item_named_at(&self, file: &str, at: usize) -> Option<&Item> {
        let index = self.index();
        let near = index.get(self.item_near(file, at + 1, false)?);
        let loc = self.locate(near.span)?;
        if &*loc.file == file && loc.bytes.start <= at && at <= loc.bytes.end {
            return Some(near);
        }
        let text = &self.sources.get(file)?.text;
        // `import primary: store;`: after a named import's name, the interface it names.
        if let Target::WorldItem { world, export, key } = &near.target
            && &*loc.file == file
            && loc.bytes.end <= at
            && text
                .get(loc.bytes.end..at)
                .is_some_and(|s| !s.contains(';'))
        {
            let w = &self.resolve.worlds[*world];
            let items = if *export { &w.exports } else { &w.imports };
            if let Some(WorldItem::Interface { id, .. }) = items.get(key) {
                return index.of_interface(*id);
            }
        }
        let word = word_at(text, at)?;
        let name = text[word].trim_start_matches('%');
        // The interface around the use: the item declared before it, or one of its containers.
        let interface = std::iter::once(near)
            .chain(index.ancestors(near))
            .find_map(|i| match i.target {
                Target::Interface(id) => Some(id),
                _ => None,
            })?;
        let ty = *self.resolve.interfaces[interface].types.get(name)?;
        index.of_type(ty)
    }

    /// Where `item` is referred to, across the package's files and its `deps/`, with its
    /// own declaration when `declaration`: in file order, each place once. From a `use`,
    /// the type it names.
    pub fn references_of(&self, item: &Item, declaration: bool) -> Vec<Location> {
        let ws = self;
        let item = match &item.target {
            Target::Type(id) if item.is_use => match ws.resolve.types[*id].kind {
                TypeDefKind::Type(Type::Id(o)) => ws.index().of_type(o).unwrap_or(item),
                _ => item,
            },
            _ => item,
        };
        let mut found: Vec<Location> = referrers(ws, item, declaration)
            .into_iter()
            .filter_map(|i| ws.locate(i.span))
            .collect();
        // A type named in signatures, fields, cases and aliases, where it is written: by
        // the name the declaring interface knows it by (its own, or its `use`).
        if let Target::Type(target) = item.target {
            for user in ws.index().items.iter().filter(|i| !i.implied) {
                if !declared_types(ws, user)
                    .iter()
                    .any(|t| mentions(ws, t, target))
                {
                    continue;
                }
                let alias = ws.index().items.iter().find(|u| {
                    u.is_use
                        && u.parent == user_container(ws, user)
                        && matches!(u.target, Target::Type(x) if matches!(ws.resolve.types[x].kind, TypeDefKind::Type(Type::Id(o)) if o == target))
                });
                let name = alias.map_or(item.path.leaf(), |u| u.path.leaf());
                found.extend(ws.spellings(user, name));
            }
        }
        found.sort_by(|a, b| (&*a.file, a.bytes.start).cmp(&(&*b.file, b.bytes.start)));
        found.dedup_by(|a, b| a.file == b.file && a.bytes == b.bytes);
        found
    }

    /// Where a declaration spells `name`: every whole word after the item's own name,
    /// before the declaration ends (`f: func(a: key, b: key)` spells `key` twice; a
    /// parameter named `key` is not a spelling of the type).
    pub fn spellings(&self, item: &Item, name: &str) -> Vec<Location> {
        let Some(loc) = self.locate(item.span) else {
            return Vec::new();
        };
        let Some(source) = self.sources.get(&loc.file) else {
            return Vec::new();
        };
        let text = &source.text;
        let from = loc.bytes.end;
        let end = text[from..]
            .find([';', '{', '}'])
            .map_or(text.len(), |i| from + i);
        let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '%';
        let mut out = Vec::new();
        let mut at = from;
        while let Some(i) = text[at..end].find(name) {
            let start = at + i;
            let stop = start + name.len();
            let before = text[..start].chars().next_back().is_some_and(is_word);
            let after = text[stop..].chars().next().is_some_and(is_word);
            let named = text[stop..].trim_start().starts_with(':');
            if !before && !after && !named {
                out.push(source.location(start..stop));
            }
            at = stop;
        }
        out
    }
}

/// The items that refer to `target`: the `use`s and aliases of a type, the world
/// statements and `use`s of an interface; with the item itself when `declaration`.
fn referrers<'a>(ws: &'a Workspace, target: &'a Item, declaration: bool) -> Vec<&'a Item> {
    let resolve = &ws.resolve;
    let refers = |i: &Item| match (&target.target, &i.target) {
        (Target::Type(t), Target::Type(x)) => {
            matches!(resolve.types[*x].kind, TypeDefKind::Type(Type::Id(o)) if o == *t)
        }
        (Target::Interface(t), Target::WorldItem { world, export, key }) => {
            let w = &resolve.worlds[*world];
            let items = if *export { &w.exports } else { &w.imports };
            matches!(items.get(key), Some(WorldItem::Interface { id, .. }) if id == t)
        }
        (Target::Interface(t), Target::Type(x)) => match resolve.types[*x].kind {
            TypeDefKind::Type(Type::Id(o)) => {
                i.is_use
                    && resolve.types[o].owner
                        == wit_bindgen_core::wit_parser::TypeOwner::Interface(*t)
            }
            _ => false,
        },
        _ => false,
    };
    ws.index()
        .items
        .iter()
        .filter(|i| (declaration && std::ptr::eq(*i, target)) || (!i.implied && refers(i)))
        .collect()
}

/// Whether `ty` mentions the type `target`, through lists, options, results, tuples,
/// handles, anonymous types and `use`s (not through other named types: those are uses of
/// their own).
fn mentions(ws: &Workspace, ty: &Type, target: TypeId) -> bool {
    let resolve = &ws.resolve;
    let Type::Id(id) = ty else { return false };
    if *id == target {
        return true;
    }
    let def = &resolve.types[*id];
    let is_use = ws.index().of_type(*id).is_some_and(|i| i.is_use);
    if def.name.is_some() && !is_use {
        return false;
    }
    let any = |tys: &[&Type]| tys.iter().any(|t| mentions(ws, t, target));
    match &def.kind {
        TypeDefKind::List(t) | TypeDefKind::Option(t) | TypeDefKind::Type(t) => {
            mentions(ws, t, target)
        }
        TypeDefKind::FixedLengthList(t, _) => mentions(ws, t, target),
        TypeDefKind::Handle(wit_bindgen_core::wit_parser::Handle::Own(t))
        | TypeDefKind::Handle(wit_bindgen_core::wit_parser::Handle::Borrow(t)) => {
            mentions(ws, &Type::Id(*t), target)
        }
        TypeDefKind::Result(r) => any(&r.ok.iter().chain(r.err.iter()).collect::<Vec<_>>()),
        TypeDefKind::Tuple(t) => any(&t.types.iter().collect::<Vec<_>>()),
        TypeDefKind::Future(t) | TypeDefKind::Stream(t) => any(&t.iter().collect::<Vec<_>>()),
        _ => false,
    }
}

/// The types an item's own declaration names: a function's parameters and result, a
/// field's or case's type, an alias's target.
fn declared_types(ws: &Workspace, item: &Item) -> Vec<Type> {
    match &item.target {
        Target::Function { .. } => ws.function(&item.target).map_or_else(Vec::new, |f| {
            f.params.iter().map(|p| p.ty).chain(f.result).collect()
        }),
        Target::Member { ty, index } => match &ws.resolve.types[*ty].kind {
            TypeDefKind::Record(r) => r.fields.get(*index).map(|f| f.ty).into_iter().collect(),
            TypeDefKind::Variant(v) => v.cases.get(*index).and_then(|c| c.ty).into_iter().collect(),
            _ => Vec::new(),
        },
        Target::Type(id) if !item.is_use => match ws.resolve.types[*id].kind {
            TypeDefKind::Type(t) => vec![t],
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The interface (or world) an item is declared in, as an index into the items.
fn user_container(ws: &Workspace, item: &Item) -> Option<usize> {
    let mut at = item.parent;
    while let Some(p) = at {
        let parent = ws.index().get(p);
        if matches!(parent.kind, ItemKind::Interface | ItemKind::World) {
            return Some(p);
        }
        at = parent.parent;
    }
    None
}

/// The WIT word (a name, perhaps `%`-escaped) around byte `at` of `text`.
pub fn word_at(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '%';
    let at = at.min(text.len());
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[start..]
        .find(|c: char| !is_word(c))
        .map_or(text.len(), |i| start + i);
    (start < end && at <= end).then_some(start..end)
}
