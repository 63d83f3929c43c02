use wit_bindgen_core::wit_parser::Stability;

use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "deprecated-not-new-version",
        Level::Error,
        "a new `@deprecated` is not the new version",
        r#"An item deprecated in this release must say so with `@deprecated(version = NEW)`: the version records when the deprecation happened, and readers and tools take it at its word. A deprecation dated to an earlier release says that release deprecated it."#,
    ),
    breaks_importers: false,
    breaks_exporters: false,
    breaks_components: false,
    adds_api: false,
    convention: true,
    section: None,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    let deprecated = |s: &Stability| match s {
        Stability::Stable { deprecated, .. } | Stability::Unstable { deprecated, .. } => {
            deprecated.clone()
        }
        Stability::Unknown => None,
    };
    for &(old, new) in &p.matched {
        let (None, Some(when)) = (deprecated(old.gate()), deprecated(new.gate())) else {
            continue;
        };
        let Some(version) = detect::new_version(p, new) else {
            continue;
        };
        if when != version {
            let message = format!(
                "{} is deprecated in {version} but says `@deprecated(version = {when})`",
                new.title()
            );
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}
