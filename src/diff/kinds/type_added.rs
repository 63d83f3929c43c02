use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "type-added",
    summary: "a type is new",
    breaks_importers: false,
    breaks_exporters: false,
    adds_api: true,
    convention: false,
    explanation: r#"A new named type. Nothing that exists uses it yet; the functions that start using it are changes of their own."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(p, out, &KIND, &[ItemKind::Type, ItemKind::Resource], |_| {
        true
    });
}
