use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "world-removed",
        Level::Warn,
        "a world is gone",
        r#"A world of the old version is gone. Components built for it can no longer be checked or built against the new version, and hosts that provide it lose their target: both sides break. Its imports and exports go with it (summarised in the message). Deprecate it first (`@deprecated`) and remove it in a major release."#,
    ),
    breaks_importers: true,
    breaks_exporters: true,
    breaks_components: true,
    adds_api: false,
    convention: false,
    section: Some(Section::Removed),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(p, out, &KIND, &[ItemKind::World], |_| true);
}
