//! Loading WIT into a [`Workspace`]: the resolved packages, their source texts and comment
//! structure, the deps manifests, and a stable [`ItemPath`] for every item.
//!
//! Nothing downstream re-parses WIT or re-reads files.

pub mod deps;
pub mod diagnostic;
pub mod guard;
pub mod index;
pub mod item;
pub mod links;
pub mod manifest;
pub mod metadata;
mod parse;
mod queries;
pub use queries::word_at;
pub mod read;
pub mod signature;
pub mod sources;
pub mod tree;
pub mod trivia;
pub mod written;

use std::path::{Path, PathBuf};

use wit_bindgen_core::wit_parser::{
    Function, InterfaceId, PackageId, Param, Resolve, Span, Stability, WorldItem,
};

pub use deps::Features;
use deps::{Unit, UnitRole};
pub use diagnostic::{LoadDiagnostic, LoadError};
pub use index::{FuncOwner, Index, Item, ItemKind, Target};
pub use item::{ItemPath, unversioned_name};
use manifest::{LockEntry, Manifest, ManifestEntry, ManifestError};
pub use read::{InputFiles, read_input, read_input_from};
pub use sources::{Location, SourceFile, Sources, display, shown_join};

/// A loaded WIT input: one root package (with any nested packages) and its dependencies.
pub struct Workspace {
    /// The input as the user named it.
    pub input: String,
    /// The folder the input lives in: where `witlint.toml` lookup and `deps/` start.
    pub dir: PathBuf,
    pub resolve: Resolve,
    /// The packages the input itself defines.
    pub roots: Vec<PackageId>,
    pub sources: Sources,
    /// The root and every entry of `deps/`, loaded or not.
    pub units: Vec<Unit>,
    pub deps_toml: Option<Result<Manifest<ManifestEntry>, ManifestError>>,
    pub deps_lock: Option<Result<Manifest<LockEntry>, ManifestError>>,
    /// What the worlds' bodies say that the resolve forgets.
    pub written: written::WrittenWorlds,
    /// Built on first use (see [`Workspace::index`]), or for some packages only (see
    /// [`Workspace::index_only`]).
    index: std::sync::OnceLock<Index>,
    /// Whether the package loads with only the consumers' `@unstable` features on
    /// (it loads, and is checked, with all of them): see [`Workspace::features_off`].
    features_off: Option<LoadDiagnostic>,
    item_offsets: std::sync::OnceLock<Vec<Vec<(usize, usize)>>>,
}

/// How a package is loaded: every `@unstable` feature is on either way, so unstable items
/// are read (and checked) too.
#[derive(Clone, Copy, Debug)]
pub enum Mode<'a> {
    /// For reading the WIT (docs, scaffold, diff): nothing else is tried.
    Read,
    /// For checking it: the package must also load with only these features on (none, by
    /// default), as consumers load it, and every item is indexed up front.
    Check(&'a [String]),
    /// For formatting it: it must load as consumers load it, as for `Check`; nothing is
    /// indexed until something asks (an unchanged file needs no comparison).
    Format(&'a [String]),
}

/// A workspace of a `.wasm` package held in memory (one `witlint build` just encoded),
/// named `shown` in messages.
pub fn from_wasm(bytes: Vec<u8>, shown: &str) -> Result<Workspace, LoadError> {
    let files = InputFiles {
        shown: shown.to_string(),
        dir: PathBuf::new(),
        is_dir: false,
        units: vec![read::UnitFiles {
            shown: shown.to_string(),
            role: UnitRole::Root,
            content: read::UnitContent::Wasm {
                bytes,
                is_wat: false,
            },
        }],
        deps_toml: None,
        deps_lock: None,
    };
    load(files, Mode::Read)
}

/// Loads what was read: parses each unit, resolves them in dependency order, reads the
/// manifests, as `mode` says. The one way a [`Workspace`] is made.
pub fn load(files: InputFiles, mode: Mode<'_>) -> Result<Workspace, LoadError> {
    let features = match mode {
        Mode::Read => None,
        Mode::Check(only) | Mode::Format(only) => Some(only),
    };
    let InputFiles {
        shown,
        dir,
        is_dir: _,
        units,
        deps_toml,
        deps_lock,
    } = files;
    // Parsing dominates loading: the root and each entry of deps/ parse on their own, in parallel.
    let (mut units, mut sources) = parse::parse_units(units);
    if let Some(problem) = units[0].problem.clone() {
        return Err(LoadError::single(&shown, problem, sources));
    }
    // Every feature is on so unstable items get checked; but most tools load with features
    // off, and the package must load that way too. With `@unstable` items in the root that
    // is a second resolve: it runs beside this one, and both end before the load returns.
    let only = match features {
        Some(only) if root_has_unstable(&units[0]) => Some(only),
        _ => None,
    };
    let (mut resolve, trial) = std::thread::scope(|scope| {
        let trial = only.map(|only| {
            let (units, sources) = (units.clone(), sources.clone());
            scope.spawn(move || deps::trial_resolve(units, &sources, Features::Only(only)))
        });
        let resolve = deps::resolve_units(&mut units, &sources, Features::All);
        let trial = trial.map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (resolve, trial)
    });
    let mut features_off = None;
    if units[0].problem.is_some() {
        // Some packages only resolve with their features off (an `@unstable` item that
        // would clash when enabled): load them as wasm-tools does by default.
        let (off, tried) = match trial {
            Some(trial) => trial,
            None => deps::trial_resolve(
                units.clone(),
                &sources,
                Features::Only(features.unwrap_or_default()),
            ),
        };
        if tried[0].problem.is_none() {
            resolve = off;
            units = tried;
        }
    } else {
        features_off = trial.and_then(|(_, tried)| tried.into_iter().next()?.problem);
    }
    if let Some(problem) = units[0].problem.clone() {
        let mut diagnostics = vec![problem];
        // Say why a needed dependency failed, too (or one whose name is unknown, since
        // it may be the one the root needs).
        for u in &units[1..] {
            if let Some(p) = &u.problem
                && (u.names.is_empty() || units[0].needs.iter().any(|n| u.names.contains(n)))
            {
                diagnostics.push(p.clone());
            }
        }
        return Err(LoadError {
            input: shown,
            diagnostics,
            sources,
        });
    }
    let roots = units[0].packages.clone();
    let mut written = written::WrittenWorlds::default();
    for u in units.iter_mut().filter(|u| u.loaded()) {
        written.extend(std::mem::take(&mut u.written));
    }
    let deps_toml = deps_toml.map(|file| {
        let parsed = manifest::parse_deps_toml(&file.path, &file.text);
        sources.add(file);
        parsed
    });
    let deps_lock = deps_lock.map(|file| {
        let parsed = manifest::parse_deps_lock(&file.path, &file.text);
        sources.add(file);
        parsed
    });
    // A check reads every item; a reader may need only some packages' (see `index_only`).
    let index = std::sync::OnceLock::new();
    if let Mode::Check(_) = mode {
        // The rules read both the items and the comments wit-parser drops: independent
        // work, for two cores.
        let (built, ()) = rayon::join(
            || Index::build(&resolve, &sources, &written, &|_| true),
            || sources.scan_trivia(),
        );
        let _ = index.set(built);
    }
    Ok(Workspace {
        input: shown,
        dir,
        resolve,
        roots,
        sources,
        units,
        deps_toml,
        deps_lock,
        written,
        index,
        features_off,
        item_offsets: std::sync::OnceLock::new(),
    })
}

/// Whether any item the unit declares is `@unstable` (read from the parse: the unit is not
/// resolved yet).
fn root_has_unstable(unit: &Unit) -> bool {
    let unstable = |s: &Stability| matches!(s, Stability::Unstable { .. });
    let group = match unit.parsed.as_deref() {
        Some(deps::Parsed::Wit(group)) => group,
        Some(deps::Parsed::Wasm(resolve, _)) => {
            return resolve.packages.iter().any(|(_, pkg)| {
                pkg.interfaces.values().any(|&i| {
                    let i = &resolve.interfaces[i];
                    unstable(&i.stability)
                        || i.types
                            .values()
                            .any(|&t| unstable(&resolve.types[t].stability))
                        || i.functions.values().any(|f| unstable(&f.stability))
                }) || pkg.worlds.values().any(|&w| {
                    let w = &resolve.worlds[w];
                    unstable(&w.stability)
                        || w.imports
                            .values()
                            .chain(w.exports.values())
                            .any(|item| unstable(item.stability(resolve)))
                })
            });
        }
        Some(deps::Parsed::Pushed) => unreachable!("asked before the resolve"),
        None => return false,
    };
    std::iter::once(&group.main)
        .chain(&group.nested)
        .any(|pkg| {
            pkg.interfaces.iter().any(|(_, i)| {
                unstable(&i.stability) || i.functions.values().any(|f| unstable(&f.stability))
            }) || pkg.types.iter().any(|(_, t)| unstable(&t.stability))
                || pkg.worlds.iter().any(|(_, w)| {
                    unstable(&w.stability)
                        || w.imports
                            .values()
                            .chain(w.exports.values())
                            .any(|item| match item {
                                WorldItem::Interface { stability, .. } => unstable(stability),
                                WorldItem::Function(f) => unstable(&f.stability),
                                WorldItem::Type { .. } => false, // in `types` above
                            })
                })
        })
}

impl Workspace {
    /// Every item of the workspace, indexed on first use.
    pub fn index(&self) -> &Index {
        self.index_only(&|_| true)
    }

    /// Indexes the items of the packages `keep` accepts only, when nothing has read the
    /// index yet: a world's docs never show the others, and they can be half of a
    /// workspace. Paths of items in other packages are then not found.
    pub fn index_only(&self, keep: &dyn Fn(PackageId) -> bool) -> &Index {
        self.index
            .get_or_init(|| Index::build(&self.resolve, &self.sources, &self.written, keep))
    }

    /// Where a wit-parser span is, in our sources.
    pub fn locate(&self, span: Span) -> Option<Location> {
        diagnostic::locate(&self.resolve.source_map, &self.sources, span)
    }

    /// The source file a span is in, and the span's byte offset there.
    pub fn file_of(&self, span: Span) -> Option<(&SourceFile, usize)> {
        let loc = self.resolve.source_map.resolve_span(span)?;
        Some((self.sources.get(loc.path)?, loc.range.start))
    }

    /// The function an item of kind function/method/constructor refers to.
    pub fn function(&self, target: &Target) -> Option<&Function> {
        let Target::Function {
            owner, position, ..
        } = target
        else {
            return None;
        };
        match *owner {
            FuncOwner::Interface(id) => self.resolve.interfaces[id]
                .functions
                .get_index(*position)
                .map(|(_, f)| f),
            FuncOwner::World { world, export } => {
                let w = &self.resolve.worlds[world];
                let items = if export { &w.exports } else { &w.imports };
                match items.get_index(*position) {
                    Some((_, WorldItem::Function(f))) => Some(f),
                    _ => None,
                }
            }
        }
    }

    /// The function and the parameter an item of kind parameter refers to.
    pub fn param(&self, target: &Target) -> Option<(&Function, &Param)> {
        let Target::Param { func, index } = *target else {
            return None;
        };
        let function = self.function(&self.index().items.get(func)?.target)?;
        Some((function, function.params.get(index)?))
    }

    /// Whether any file of a unit (the input, or an entry of `deps/`) writes an item's
    /// docs with `///` or `/** */`, rather than only `//` notes that wit-parser keeps.
    pub fn writes_doc_comments(&self, unit: &str) -> bool {
        self.sources.of_unit(unit).any(|f| {
            f.trivia()
                .runs
                .iter()
                .any(|r| r.attachment.keeps_docs() && r.comments.iter().any(|c| c.style.is_doc()))
        })
    }

    /// The `deps.toml` entry (else the `deps.lock` one) that vendors a `deps/` entry: the
    /// file the user edits to change it. Its file, and where the entry is.
    pub fn manifest_entry(&self, unit: &Unit) -> Option<(String, Option<Location>)> {
        let name = unit.stem();
        let at = |file: &str, span: &std::ops::Range<usize>| {
            (
                file.to_string(),
                self.sources.get(file).map(|f| f.location(span.clone())),
            )
        };
        if let Some(Ok(toml)) = &self.deps_toml
            && let Some(e) = toml.entries.iter().find(|e| e.name == name)
        {
            return Some(at(&toml.file, &e.span));
        }
        if let Some(Ok(lock)) = &self.deps_lock
            && let Some(e) = lock.entries.iter().find(|e| e.name == name)
        {
            return Some(at(&lock.file, &e.span));
        }
        None
    }

    /// The entries of `deps/` that no root package needs, directly or through other
    /// dependencies, and that no world named in `used-worlds` brings in. When the root declares nothing (a
    /// stub package that only lets tools find `deps/`), the project's build uses the deps
    /// itself: without `used-worlds` nothing is called unused then.
    pub fn unused_deps(&self, used_worlds: &[String]) -> Vec<&Unit> {
        let ws = self;
        let declares_items = ws.roots.iter().any(|&p| {
            let pkg = &ws.resolve.packages[p];
            !pkg.interfaces.is_empty() || !pkg.worlds.is_empty()
        });
        if !declares_items && used_worlds.is_empty() {
            return Vec::new();
        }
        let mut needed: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
        let mut queue: Vec<&wit_bindgen_core::wit_parser::PackageName> =
            ws.units[0].needs.iter().collect();
        for world in used_worlds {
            for u in &ws.units {
                queue.extend(u.names.iter().filter(|n| names_world_of(world, n)));
            }
        }
        while let Some(name) = queue.pop() {
            for (i, u) in ws.units.iter().enumerate() {
                if u.names.contains(name) && needed.insert(i) {
                    queue.extend(u.needs.iter());
                }
            }
        }
        ws.units
            .iter()
            .enumerate()
            .filter(|(i, u)| u.role == UnitRole::Dep && !needed.contains(i) && !u.names.is_empty())
            .map(|(_, u)| u)
            .collect()
    }

    /// The unit (the input, or an entry of `deps/`) that defines a package.
    pub fn unit_of_package(&self, pkg: PackageId) -> Option<&Unit> {
        self.units.iter().find(|u| u.packages.contains(&pkg))
    }

    /// The interface a world item of kind import/export names.
    pub fn world_interface(&self, target: &Target) -> Option<InterfaceId> {
        let Target::WorldItem { world, export, key } = target else {
            return None;
        };
        let world = &self.resolve.worlds[*world];
        let items = if *export {
            &world.exports
        } else {
            &world.imports
        };
        match items.get(key) {
            Some(WorldItem::Interface { id, .. }) => Some(*id),
            _ => None,
        }
    }

    pub fn is_root(&self, pkg: PackageId) -> bool {
        self.roots.contains(&pkg)
    }

    /// The metadata the input carries, when it is a `.wasm` package that has some.
    pub fn metadata(&self) -> Option<&metadata::PackageMetadata> {
        self.units
            .iter()
            .find(|u| u.role == UnitRole::Root)?
            .metadata
            .as_ref()
    }

    /// Where the `package` line of a package is written, if it is in our sources.
    pub fn package_decl(&self, pkg: PackageId) -> Option<Location> {
        let name = self.resolve.packages[pkg].name.to_string();
        let unit = self.units.iter().find(|u| u.packages.contains(&pkg))?;
        self.sources.package_decl_in(&unit.display, &name)
    }

    /// The display path of the `deps/` folder of this input.
    pub fn deps_display(&self) -> String {
        shown_join(&self.input, "deps")
    }
}

impl Workspace {
    /// Why the package does not load with only the consumers' `@unstable` features on,
    /// although it loads with all of them (tried while it loaded).
    pub fn features_off(&self) -> Option<LoadDiagnostic> {
        let d = self.features_off.clone()?;
        let mut d = d.note(
            "witlint loads with every `@unstable` feature on; this fails with them off, \
             as wasm-tools, wit-bindgen and wasmtime load by default \
             (`--features` names the ones your consumers enable)",
        );
        d.message = format!("with `@unstable` features off: {}", d.message);
        if d.message
            .contains("excluded due to its feature not being activated")
        {
            d.hint = Some(
                "gate the item that refers to it `@unstable` with the same feature, \
                 or stabilise what it refers to"
                    .to_string(),
            );
        }
        Some(d)
    }

    /// The unit (root or `deps/` entry) a source file belongs to.
    pub fn unit_of_file(&self, file: &str) -> Option<&Unit> {
        let parent = Path::new(file).parent().map(display).unwrap_or_default();
        let parent = if parent.is_empty() {
            ".".to_string()
        } else {
            parent
        };
        self.units
            .iter()
            .find(|u| u.display == file || u.display == parent)
    }

    /// For each source file (by its index in [`Sources`]), the items written in it, sorted
    /// by the byte offset of their name; built once, on first use.
    fn item_offsets(&self) -> &[Vec<(usize, usize)>] {
        self.item_offsets.get_or_init(|| {
            let mut out = vec![Vec::new(); self.sources.len()];
            for (i, item) in self.index().items.iter().enumerate() {
                if item.implied {
                    continue;
                }
                if let Some(loc) = self.resolve.source_map.resolve_span(item.span)
                    && let Some(file) = self.sources.index_of(loc.path)
                {
                    out[file].push((loc.range.start, i));
                }
            }
            // Packages have no span: they sit at their `package` line.
            for (i, item) in self.index().items.iter().enumerate() {
                if item.kind == ItemKind::Package
                    && let Some(loc) = self.package_decl(item.package)
                    && let Some(file) = self.sources.index_of(&loc.file)
                {
                    out[file].push((loc.bytes.start, i));
                }
            }
            for items in &mut out {
                // At one offset the first item indexed wins (an interface before its members).
                items.sort_by_key(|&(offset, _)| offset);
                items.dedup_by_key(|&mut (offset, _)| offset);
            }
            out
        })
    }

    /// The item a comment run documents or sits in: the first item at or after `offset`
    /// (for docs), or the last one before it (for comments inside a declaration).
    pub fn item_near(&self, file: &str, offset: usize, after: bool) -> Option<usize> {
        let items = &self.item_offsets()[self.sources.index_of(file)?];
        let at = items.partition_point(|&(o, _)| o < offset);
        let found = if after {
            items.get(at)
        } else {
            at.checked_sub(1).map(|i| &items[i])
        };
        found.map(|&(_, i)| i)
    }
}

impl Workspace {
    /// Every `ns:pkg/item@version` written in the WIT files of units that loaded.
    pub fn package_refs(&self) -> impl Iterator<Item = (&SourceFile, &trivia::PackageRef)> {
        self.sources
            .iter()
            .filter(|f| self.unit_of_file(&f.path).is_some_and(Unit::loaded))
            .flat_map(|f| f.trivia().refs.iter().map(move |r| (f, r)))
    }
}

impl Workspace {
    /// The comment run that holds an item's docs, for pointing into them.
    pub fn doc_comment(&self, item: &Item) -> Option<(&SourceFile, std::ops::Range<usize>)> {
        item.docs.as_ref()?;
        let (file, offset) = match self.file_of(item.span) {
            Some(found) => found,
            None => {
                let decl = self.package_decl(item.package)?;
                (self.sources.get(&decl.file)?, decl.bytes.start)
            }
        };
        let run = file
            .trivia()
            .runs
            .iter()
            .filter(|r| matches!(r.attachment, trivia::Attachment::Item { decl_start } if decl_start <= offset))
            .max_by_key(|r| r.range().start)?;
        Some((file, run.range()))
    }

    /// The location of `needle` inside an item's doc comment, else of the item itself.
    pub fn locate_in_docs(&self, item: &Item, needle: &str) -> Option<Location> {
        if let Some((file, range)) = self.doc_comment(item)
            && let Some(at) = file.text[range.clone()].find(needle)
        {
            let start = range.start + at;
            return Some(file.location(start..start + needle.len()));
        }
        self.locate(item.span)
            .or_else(|| self.package_decl(item.package))
    }
}

/// Whether `ns:pkg/world[@version]` names a world of the package `name`.
fn names_world_of(world: &str, name: &wit_bindgen_core::wit_parser::PackageName) -> bool {
    let (path, version) = match world.split_once('@') {
        Some((path, version)) => (path, Some(version)),
        None => (world, None),
    };
    let Some((pkg, _world)) = path.split_once('/') else {
        return false;
    };
    pkg == format!("{}:{}", name.namespace, name.name)
        && version.is_none_or(|v| name.version.as_ref().is_some_and(|nv| nv.to_string() == v))
}
