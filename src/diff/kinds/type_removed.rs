use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "type-removed",
    summary: "a type is gone",
    breaks_importers: true,
    breaks_exporters: true,
    adds_api: false,
    convention: false,
    explanation: r#"A named type of the old version is gone. Bindings generated from the old version name it on both sides of the interface."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(p, out, &KIND, &[ItemKind::Type, ItemKind::Resource], |_| {
        true
    });
}
