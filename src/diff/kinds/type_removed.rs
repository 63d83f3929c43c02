use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "type-removed",
        Level::Warn,
        "a type is gone",
        r#"A named type of the old version is gone. Bindings generated from the old version name it on both sides of the interface."#,
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
    detect::removed(p, out, &KIND, &[ItemKind::Type, ItemKind::Resource], |_| {
        true
    });
}
