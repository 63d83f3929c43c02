use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "interface-removed",
    summary: "an interface is gone",
    breaks_importers: true,
    breaks_exporters: false,
    adds_api: false,
    convention: false,
    explanation: r#"An interface of the old version is gone. Components that call it break; a provider of the old version still provides it, which does no harm. Deprecate it first (`@deprecated`) and remove it in a major release."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(p, out, &KIND, &[ItemKind::Interface], |_| true);
}
