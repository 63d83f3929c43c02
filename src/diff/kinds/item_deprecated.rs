use wit_bindgen_core::wit_parser::Stability;

use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "item-deprecated",
        Level::Info,
        "an item is newly `@deprecated`",
        r#"An item kept in the new version is now `@deprecated`. It still works: no component breaks. Semver counts a deprecation as a minor change (the public API's promises change), so the release needs at least a minor bump; in `0.y.z` that is a change of `z`, as WASI 0.2.x releases deprecate items.

Release notes list it under *Deprecated*. Removing the item later is then expected; removing an item that was never deprecated is reported as such by the `-removed` kinds."#,
    ),
    breaks_importers: false,
    breaks_exporters: false,
    breaks_components: false,
    adds_api: false,
    convention: false,
    section: Some(Section::Deprecated),
    detect,
};

fn deprecated(s: &Stability) -> Option<&semver::Version> {
    match s {
        Stability::Stable { deprecated, .. } | Stability::Unstable { deprecated, .. } => {
            deprecated.as_ref()
        }
        Stability::Unknown => None,
    }
}

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    for &(old, new) in &p.matched {
        if let (None, Some(when)) = (deprecated(old.gate()), deprecated(new.gate())) {
            let message = format!(
                "{} is deprecated (`@deprecated(version = {when})`)",
                new.title()
            );
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}
