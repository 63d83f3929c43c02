use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "interface-removed",
        Level::Warn,
        "an interface is gone",
        r#"An interface of the old version is gone. Components that call it break; a provider of the old version still provides it, which does no harm. Deprecate it first (`@deprecated`) and remove it in a major release."#,
    ),
    breaks_importers: true,
    breaks_exporters: false,
    breaks_components: true,
    adds_api: false,
    convention: false,
    section: Some(Section::Removed),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(p, out, &KIND, &[ItemKind::Interface], |_| true);
}
