use wit_bindgen_core::wit_parser::Stability;

use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "since-not-new-version",
        Level::Error,
        "a new item of a gated package is not `@since` the new version",
        r#"A package that gates its items says, for each, the release that added it. An item new in this version must carry `@since(version = NEW)` (or `@unstable` while it is not API): an ungated item, or one dated to an earlier release, tells readers and tools that older releases have it.

An item without a gate of its own has its nearest container's: a method of a gated resource, a `use` in a gated interface, the imports an `@since` include brings into a world. A promotion is a new item too: an `@unstable` item that becomes stable carries `@since(version = NEW)`, not the version it was drafted in."#,
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
    for new in p.added.iter().copied().filter(|i| i.kind.can_be_gated()) {
        if p.parent_is_added(new) || !p.new.index().uses_gates(new.package) {
            continue;
        }
        // Parameters, fields and cases take their container's gate; a `use` adds no API
        // (what it names is gated where it is defined).
        if matches!(new.kind, ItemKind::Field | ItemKind::Case | ItemKind::Flag) || new.is_use {
            continue;
        }
        let Some(version) = p.new.resolve.packages[new.package].name.version.clone() else {
            continue;
        };
        let problem = match detect::effective_gate(p.new, new) {
            Stability::Unstable { .. } => continue,
            Stability::Stable { since, .. } if *since == version => continue,
            Stability::Stable { since, .. } if matches!(new.gate(), Stability::Unknown) => {
                format!(
                    "has no gate of its own and takes its container's `@since(version = {since})`"
                )
            }
            Stability::Stable { since, .. } => format!("is `@since(version = {since})`"),
            Stability::Unknown => "has no gate".to_string(),
        };
        let message = format!(
            "{} is new in {version} but {problem}; it should be `@since(version = {version})`",
            new.title()
        );
        out.push(Change::new(&KIND, p, None, Some(new), message));
    }
    // A promotion joins the API in this release.
    for &(old, new) in &p.matched {
        let (Stability::Unstable { feature, .. }, Stability::Stable { since, .. }) =
            (old.gate(), new.gate())
        else {
            continue;
        };
        let Some(version) = p.new.resolve.packages[new.package].name.version.clone() else {
            continue;
        };
        if *since != version {
            let message = format!(
                "{} was `@unstable(feature = {feature})` and is promoted in {version} as `@since(version = {since})`; it should be `@since(version = {version})`",
                new.title()
            );
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}
