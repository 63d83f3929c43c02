//! wit-component's semver check (what `wasm-tools component semver-check` runs) is the
//! oracle of `witlint diff`: real WASI packages are mutated, seeded (reordered, removed,
//! added and retyped members of records, variants, enums and flags; types moved to another
//! interface and used back; functions added, removed, given a parameter and retyped;
//! worlds that import or export one more interface), and for every world both versions have, witlint's verdict "a
//! component built against OLD keeps working against NEW" must be the oracle's. No
//! compatible verdict where the oracle fails, and no breaking one where it passes.
//!
//! What the oracle cannot see is left out of the comparison: interfaces no world uses,
//! gates and docs are judged by witlint alone (tests/diff.rs covers them), and so are the
//! versions of dependencies a world names (the check clears every version first; the last
//! test here says how witlint judges them).

mod common;

use std::path::Path;

use common::Rng;
use common::oracle::breaking_for_a_component;
use wit_bindgen_core::wit_parser::{
    Function, PackageId, Param, Resolve, Type, TypeDefKind, TypeOwner, WorldItem, WorldKey,
};
use witlint::workspace::Workspace;

/// Mutations per package.
const PER_PACKAGE: usize = 24;

/// The WASI packages mutated: each loads, and its worlds use what it defines.
const PACKAGES: &[&str] = &[
    "WebAssembly__wasi-keyvalue",
    "WebAssembly__wasi-config",
    "WebAssembly__wasi-blobstore",
    "WebAssembly__wasi-messaging",
    "WebAssembly__wasi-http",
    "WebAssembly__wasi-filesystem",
    "WebAssembly__wasi-sockets",
    "WebAssembly__wasi-cli",
    "WebAssembly__wasi-clocks",
    "WebAssembly__wasi-random",
    "WebAssembly__wasi-io",
    "WebAssembly__wasi-nn",
    "WebAssembly__wasi-logging",
    "WebAssembly__wasi-tls",
];

/// A resolve's packages printed as a folder: the root as `wit/pkg.wit`, every other
/// package under `wit/deps/`.
fn print(resolve: &Resolve, root: PackageId, dir: &Path) {
    let wit = dir.join("wit");
    for (id, package) in resolve.packages.iter() {
        let mut printer = wit_component::WitPrinter::default();
        printer.print(resolve, id, &[]).unwrap();
        let folder = if id == root {
            wit.clone()
        } else {
            let name = &package.name;
            let version = name
                .version
                .as_ref()
                .map(|v| format!("@{v}"))
                .unwrap_or_default();
            wit.join("deps")
                .join(format!("{}-{}{version}", name.namespace, name.name))
        };
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("pkg.wit"), printer.output.to_string()).unwrap();
    }
}

/// The types of the root package laid out by position, and its interfaces' functions.
fn targets(
    resolve: &Resolve,
    root: PackageId,
) -> (
    Vec<wit_bindgen_core::wit_parser::TypeId>,
    Vec<(wit_bindgen_core::wit_parser::InterfaceId, String)>,
) {
    let mut types = Vec::new();
    let mut funcs = Vec::new();
    for &iface in resolve.packages[root].interfaces.values() {
        for &ty in resolve.interfaces[iface].types.values() {
            if matches!(
                resolve.types[ty].kind,
                TypeDefKind::Record(_)
                    | TypeDefKind::Variant(_)
                    | TypeDefKind::Enum(_)
                    | TypeDefKind::Flags(_)
            ) && resolve.types[ty].owner == TypeOwner::Interface(iface)
            {
                types.push(ty);
            }
        }
        for name in resolve.interfaces[iface].functions.keys() {
            funcs.push((iface, name.clone()));
        }
    }
    (types, funcs)
}

/// One seeded mutation of `resolve`'s root package; what it did.
fn mutate(rng: &mut Rng, resolve: &mut Resolve, root: PackageId) -> Option<String> {
    let (types, funcs) = targets(resolve, root);
    let what = rng.below(10);
    if what < 7 && !types.is_empty() {
        let ty = types[rng.below(types.len())];
        let name = resolve.types[ty].name.clone().unwrap_or_default();
        if rng.below(3) == 0
            && let Some(done) = move_type(rng, resolve, root, ty)
        {
            return Some(done);
        }
        let op = rng.below(4);
        let n = match &resolve.types[ty].kind {
            TypeDefKind::Record(r) => r.fields.len(),
            TypeDefKind::Variant(v) => v.cases.len(),
            TypeDefKind::Enum(e) => e.cases.len(),
            TypeDefKind::Flags(f) => f.flags.len(),
            _ => 0,
        };
        if n == 0 {
            return None;
        }
        let (a, b) = (rng.below(n), rng.below(n));
        // Retyped: a field's type, a case's payload.
        if rng.below(5) == 0 {
            match &mut resolve.types[ty].kind {
                TypeDefKind::Record(r) => {
                    let f = &mut r.fields[a];
                    f.ty = if f.ty == Type::U64 {
                        Type::String
                    } else {
                        Type::U64
                    };
                    return Some(format!("retyped field {a} of `{name}`"));
                }
                TypeDefKind::Variant(v) => {
                    let c = &mut v.cases[a];
                    c.ty = match c.ty {
                        None => Some(Type::U64),
                        Some(_) => None,
                    };
                    return Some(format!("retyped case {a} of `{name}`"));
                }
                _ => {}
            }
        }
        macro_rules! apply {
            ($list:expr, $fresh:expr) => {{
                let list = $list;
                match op {
                    0 if a != b => {
                        list.swap(a, b);
                        format!("swapped members {a} and {b} of `{name}`")
                    }
                    1 if n > 1 => {
                        list.remove(a);
                        format!("removed member {a} of `{name}`")
                    }
                    2 => {
                        let fresh = $fresh(list[a].clone());
                        list.insert(b, fresh);
                        format!("added a member at {b} of `{name}`")
                    }
                    _ => {
                        let at = n - 1;
                        let fresh = $fresh(list[a].clone());
                        list.push(fresh);
                        format!("added a member after {at} of `{name}`")
                    }
                }
            }};
        }
        let done = match &mut resolve.types[ty].kind {
            TypeDefKind::Record(r) => apply!(
                &mut r.fields,
                |mut f: wit_bindgen_core::wit_parser::Field| {
                    f.name = "added-by-oracle".into();
                    f
                }
            ),
            TypeDefKind::Variant(v) => {
                apply!(&mut v.cases, |mut c: wit_bindgen_core::wit_parser::Case| {
                    c.name = "added-by-oracle".into();
                    c
                })
            }
            TypeDefKind::Enum(e) => apply!(
                &mut e.cases,
                |mut c: wit_bindgen_core::wit_parser::EnumCase| {
                    c.name = "added-by-oracle".into();
                    c
                }
            ),
            TypeDefKind::Flags(f) => {
                apply!(&mut f.flags, |mut x: wit_bindgen_core::wit_parser::Flag| {
                    x.name = "added-by-oracle".into();
                    x
                })
            }
            _ => return None,
        };
        return Some(done);
    }
    if what >= 8 {
        return (0..10).find_map(|_| add_to_world(rng, resolve, root));
    }
    if funcs.is_empty() {
        return None;
    }
    let (iface, name) = funcs[rng.below(funcs.len())].clone();
    let functions = &mut resolve.interfaces[iface].functions;
    Some(match rng.below(4) {
        0 if functions.len() > 1 => {
            functions.shift_remove(&name);
            format!("removed function `{name}`")
        }
        1 => {
            let mut f: Function = functions[&name].clone();
            if matches!(
                f.kind,
                wit_bindgen_core::wit_parser::FunctionKind::Freestanding
            ) {
                f.name = format!("{name}-added-by-oracle");
                functions.insert(f.name.clone(), f);
                format!("added a function like `{name}`")
            } else {
                return None;
            }
        }
        2 => {
            let f = functions.get_mut(&name).unwrap();
            f.result = match f.result {
                Some(Type::U64) => None,
                _ => Some(Type::U64),
            };
            format!("retyped the result of `{name}`")
        }
        _ => {
            let f = functions.get_mut(&name).unwrap();
            f.params.push(Param {
                name: "added-by-oracle".into(),
                ty: Type::U32,
                span: Default::default(),
            });
            format!("added a parameter to `{name}`")
        }
    })
}

/// A world of the package imports or exports one more of the package's interfaces: a new
/// import breaks no component built for the world, a new export does.
fn add_to_world(rng: &mut Rng, resolve: &mut Resolve, root: PackageId) -> Option<String> {
    let worlds: Vec<_> = resolve.packages[root].worlds.values().copied().collect();
    let interfaces: Vec<_> = resolve.packages[root]
        .interfaces
        .values()
        .copied()
        .collect();
    if worlds.is_empty() || interfaces.is_empty() {
        return None;
    }
    let world = worlds[rng.below(worlds.len())];
    let id = interfaces[rng.below(interfaces.len())];
    let key = WorldKey::Interface(id);
    let w = &mut resolve.worlds[world];
    if w.imports.contains_key(&key) || w.exports.contains_key(&key) {
        return None;
    }
    let export = rng.below(2) == 0;
    let item = WorldItem::Interface {
        id,
        stability: Default::default(),
        external_id: None,
        docs: Default::default(),
        span: Default::default(),
    };
    let side = if export {
        &mut w.exports
    } else {
        &mut w.imports
    };
    side.insert(key, item);
    let name = resolve.interfaces[id].name.clone().unwrap_or_default();
    let world_name = resolve.worlds[world].name.clone();
    Some(format!(
        "world `{world_name}` {} `{name}`",
        if export { "exports" } else { "imports" }
    ))
}

/// Moves a type to another interface of the package, which `use`s it back: the same type
/// for the component model.
fn move_type(
    rng: &mut Rng,
    resolve: &mut Resolve,
    root: PackageId,
    ty: wit_bindgen_core::wit_parser::TypeId,
) -> Option<String> {
    let TypeOwner::Interface(from) = resolve.types[ty].owner else {
        return None;
    };
    let name = resolve.types[ty].name.clone()?;
    // Only a type that names no other type moves alone.
    let plain = |t: &Option<Type>| !matches!(t, Some(Type::Id(_)));
    let alone = match &resolve.types[ty].kind {
        TypeDefKind::Enum(_) | TypeDefKind::Flags(_) => true,
        TypeDefKind::Record(r) => r.fields.iter().all(|f| plain(&Some(f.ty))),
        TypeDefKind::Variant(v) => v.cases.iter().all(|c| plain(&c.ty)),
        _ => false,
    };
    if !alone {
        return None;
    }
    // Into an interface that uses nothing of `from` (the two would use each other).
    let uses_from = |i: wit_bindgen_core::wit_parser::InterfaceId| {
        resolve.interfaces[i].types.values().any(|&t| {
            matches!(resolve.types[t].kind, TypeDefKind::Type(Type::Id(x))
                if resolve.types[x].owner == TypeOwner::Interface(from))
        })
    };
    let others: Vec<_> = resolve.packages[root]
        .interfaces
        .values()
        .copied()
        .filter(|&i| i != from && !resolve.interfaces[i].types.contains_key(&name) && !uses_from(i))
        .collect();
    if others.is_empty() {
        return None;
    }
    let to = others[rng.below(others.len())];
    let mut moved = resolve.types[ty].clone();
    moved.owner = TypeOwner::Interface(to);
    let moved = resolve.types.alloc(moved);
    resolve.interfaces[to].types.insert(name.clone(), moved);
    resolve.types[ty].kind = TypeDefKind::Type(Type::Id(moved));
    let to_name = resolve.interfaces[to].name.clone().unwrap_or_default();
    Some(format!("moved `{name}` to `{to_name}` and used it back"))
}

fn load(dir: &Path) -> Option<Workspace> {
    witlint::open(&dir.join("wit"), witlint::Mode::Check(&[])).ok()
}

#[test]
fn mutations_of_wasi_packages_agree_with_wit_component() {
    let mut rng = Rng(0x00ac_1e5e_ed00);
    let (mut compatible, mut breaking, mut mutations) = (0, 0, 0);
    let (mut moves, mut grown) = (0, 0);
    let mut disagreements = Vec::new();
    for entry in PACKAGES {
        let original = common::corpus().join(entry).join("wit");
        let Ok(base) = witlint::open(&original, witlint::Mode::Check(&[])) else {
            continue;
        };
        let root = base.roots[0];
        let scratch = tempfile::tempdir().unwrap();
        let old_dir = scratch.path().join("old");
        print(&base.resolve, root, &old_dir);
        let Some(old) = load(&old_dir) else {
            panic!("{entry}: the printed package does not load");
        };
        for i in 0..PER_PACKAGE {
            let mut resolve = base.resolve.clone();
            let Some(what) = mutate(&mut rng, &mut resolve, root) else {
                continue;
            };
            // The new version is another release, so the two resolves merge.
            let version = resolve.packages[root].name.version.clone();
            resolve.packages[root].name.version = version.map(|mut v| {
                v.patch += 1000;
                v
            });
            let new_dir = scratch.path().join(format!("new-{i}"));
            print(&resolve, root, &new_dir);
            let Some(new) = load(&new_dir) else {
                continue; // the mutation broke the package (a duplicate name): no pair
            };
            mutations += 1;
            moves += usize::from(what.starts_with("moved"));
            grown += usize::from(what.starts_with("world"));
            let case = format!("{entry}: {what}");
            let mut merged = old.resolve.clone();
            let remap = merged.merge(new.resolve.clone()).unwrap();
            for (name, &old_world) in &old.resolve.packages[old.roots[0]].worlds {
                let Some(&new_world) = new.resolve.packages[new.roots[0]].worlds.get(name) else {
                    continue;
                };
                let in_merged = remap.worlds[new_world.index()].expect("merged");
                let theirs = wit_component::semver_check(merged.clone(), old_world, in_merged);
                let ours = breaking_for_a_component(&old, old_world, &new, new_world);
                if ours.is_empty() != theirs.is_ok() {
                    disagreements.push(format!(
                        "{case}, world {name}: wit-component says {}; witlint found {:?}",
                        theirs
                            .err()
                            .map_or("compatible".to_string(), |e| format!("{e:#}")),
                        ours.iter()
                            .map(|c| format!("{} {}", c.kind.id(), c.key))
                            .collect::<Vec<_>>()
                    ));
                } else if ours.is_empty() {
                    compatible += 1;
                } else {
                    breaking += 1;
                }
            }
        }
    }
    eprintln!(
        "{mutations} mutations ({moves} moves, {grown} worlds grown): {compatible} compatible and {breaking} breaking world verdicts"
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreement(s):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(
        mutations >= 100 && moves >= 5 && grown >= 5 && compatible > 10 && breaking > 50,
        "{mutations} mutations: {compatible} compatible and {breaking} breaking world verdicts"
    );
}

/// A world that imports a dependency's interface at another version: incompatible for a
/// major bump or another pre-release, compatible within semver, whatever the interface
/// holds. This the oracle cannot see: `semver_check` clears every package's version
/// before it compares (wit-component 0.262), so it passes them all; a runtime links
/// imports by semver (`ex:base/types@0.1.0` is not provided by `@0.2.0`), and witlint
/// judges as it does.
#[test]
fn a_dependency_at_another_version_breaks_as_the_oracle_says() {
    let write = |dir: &Path, app: &str, base: &str| {
        std::fs::create_dir_all(dir.join("wit/deps/base")).unwrap();
        std::fs::write(
            dir.join("wit/deps/base/t.wit"),
            format!("package ex:base@{base};\ninterface types {{ record r {{ a: u32 }} }}\n"),
        )
        .unwrap();
        std::fs::write(
            dir.join("wit/a.wit"),
            format!(
                "package ex:app@{app};\ninterface api {{ use ex:base/types@{base}.{{r}}; get: func() -> r; }}\nworld w {{ import api; }}\n"
            ),
        )
        .unwrap();
    };
    for (old_base, new_base, compatible) in [
        ("0.1.0", "0.2.0", false),
        ("0.2.0", "0.2.3", true),
        ("1.2.0", "2.0.0", false),
        ("0.2.0-draft", "0.2.0-draft2", false),
    ] {
        let scratch = tempfile::tempdir().unwrap();
        write(&scratch.path().join("old"), "0.1.0", old_base);
        write(&scratch.path().join("new"), "0.1.1", new_base);
        let (old, new) = (
            load(&scratch.path().join("old")).unwrap(),
            load(&scratch.path().join("new")).unwrap(),
        );
        let mut merged = old.resolve.clone();
        let remap = merged.merge(new.resolve.clone()).unwrap();
        let world = |ws: &Workspace| ws.resolve.packages[ws.roots[0]].worlds["w"];
        let in_merged = remap.worlds[world(&new).index()].unwrap();
        let theirs = wit_component::semver_check(merged, world(&old), in_merged).is_ok();
        let ours = breaking_for_a_component(&old, world(&old), &new, world(&new)).is_empty();
        let case = format!("ex:base {old_base} -> {new_base}");
        assert!(theirs, "{case}: the oracle compares without versions");
        assert_eq!(ours, compatible, "{case}: witlint");
    }
}

/// The fixture pairs of tests/diff.rs whose worlds the oracle can judge: witlint's verdict
/// for each world is the oracle's, and a pair breaks some world or none as expected (`moved`: types moved to another interface and `use`d
/// back are the same types; `kinds`: every breaking kind at once; `include`: imports an
/// include brings in, which break no component).
#[test]
fn fixture_pairs_agree_with_wit_component() {
    for (case, compatible) in [("moved", true), ("kinds", false), ("include", true)] {
        let dir = common::fixtures().join("diff").join(case);
        let old = witlint::open(&dir.join("old"), witlint::Mode::Check(&[])).unwrap();
        let new = witlint::open(&dir.join("new"), witlint::Mode::Check(&[])).unwrap();
        let mut merged = old.resolve.clone();
        let remap = merged.merge(new.resolve.clone()).unwrap();
        let (mut worlds, mut breaking) = (0, 0);
        for (name, &old_world) in &old.resolve.packages[old.roots[0]].worlds {
            let Some(&new_world) = new.resolve.packages[new.roots[0]].worlds.get(name) else {
                continue;
            };
            worlds += 1;
            let in_merged = remap.worlds[new_world.index()].unwrap();
            let theirs = wit_component::semver_check(merged.clone(), old_world, in_merged);
            let ours = breaking_for_a_component(&old, old_world, &new, new_world);
            assert_eq!(
                ours.is_empty(),
                theirs.is_ok(),
                "{case}, world {name}: wit-component says {:?}; witlint found {:?}",
                theirs.err().map(|e| format!("{e:#}")),
                ours.iter().map(|c| c.kind.id()).collect::<Vec<_>>()
            );
            breaking += usize::from(!ours.is_empty());
        }
        assert!(worlds > 0, "{case}: no world on both sides");
        assert_eq!(
            breaking == 0,
            compatible,
            "{case}: {breaking} breaking world(s)"
        );
    }
}
