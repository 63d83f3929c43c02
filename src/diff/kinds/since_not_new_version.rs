use wit_bindgen_core::wit_parser::Stability;

use crate::diff::change::{Change, ChangeKind};
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "since-not-new-version",
        Level::Error,
        "a new item of a gated package is not `@since` the new version",
        r#"A package that gates its items says, for each, the release that added it. An item new in this version must carry `@since(version = NEW)` (or `@unstable` while it is not API): an ungated item, or one dated to an earlier release, tells readers and tools that older releases have it."#,
    ),
    breaks_importers: false,
    breaks_exporters: false,
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
        // Parameters, fields and cases take their container's gate.
        if matches!(new.kind, ItemKind::Field | ItemKind::Case | ItemKind::Flag) {
            continue;
        }
        let Some(version) = p.new.resolve.packages[new.package].name.version.clone() else {
            continue;
        };
        let problem = match new.gate() {
            Stability::Unstable { .. } => continue,
            Stability::Stable { since, .. } if *since == version => continue,
            Stability::Stable { since, .. } => format!("is `@since(version = {since})`"),
            Stability::Unknown => "has no gate".to_string(),
        };
        let message = format!(
            "{} is new in {version} but {problem}; it should be `@since(version = {version})`",
            new.title()
        );
        out.push(Change::new(&KIND, p, None, Some(new), message));
    }
}
