use wit_bindgen_core::wit_parser::WorldItem;

use crate::diff::bump::{Bump, actual_bump};
use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::{Item, Target, Workspace};

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "dependency-incompatible",
        Level::Warn,
        "a world imports or exports a dependency's interface at an incompatible version",
        r#"A world's import or export names a dependency's interface at a version that semver does not match with the old one: a major bump (`0.1.0` → `0.2.0`, `1.x` → `2.0.0`) or another pre-release. A component built against the old version imports `ex:base/types@0.1.0`; a host of the new one provides `@0.2.0`, and the two do not link, even when nothing in the interface changed. Both sides break. A compatible move (`0.2.0` → `0.2.3`) is no change."#,
    ),
    breaks_importers: true,
    breaks_exporters: true,
    breaks_components: true,
    adds_api: false,
    convention: false,
    section: Some(Section::Changed),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    for &(old, new) in &p.matched {
        let (Some((old_pkg, was)), Some((_, is))) =
            (dependency(p.old, old), dependency(p.new, new))
        else {
            continue;
        };
        let compatible = match (&was, &is) {
            (Some(a), Some(b)) => a == b || actual_bump(a, b).is_some_and(|b| b < Bump::Major),
            (None, None) => true,
            _ => false,
        };
        if compatible {
            continue;
        }
        let shown = |v: &Option<semver::Version>| {
            v.as_ref()
                .map_or("no version".to_string(), ToString::to_string)
        };
        let message = format!(
            "{} names `{old_pkg}` at {} where it named {}: components built against {} do not link to it",
            new.title(),
            shown(&is),
            shown(&was),
            shown(&was)
        );
        out.push(Change::new(&KIND, p, Some(old), Some(new), message));
    }
}

/// For a world's import or export of a dependency's interface: the dependency's name and
/// version.
fn dependency(ws: &Workspace, item: &Item) -> Option<(String, Option<semver::Version>)> {
    let Target::WorldItem { world, export, key } = &item.target else {
        return None;
    };
    let w = &ws.resolve.worlds[*world];
    let items = if *export { &w.exports } else { &w.imports };
    let Some(WorldItem::Interface { id, .. }) = items.get(key) else {
        return None;
    };
    let pkg = ws.resolve.interfaces[*id].package?;
    if ws.is_root(pkg) {
        return None;
    }
    let name = &ws.resolve.packages[pkg].name;
    Some((
        crate::workspace::unversioned_name(name),
        name.version.clone(),
    ))
}
